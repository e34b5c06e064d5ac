// The workflow this action exists for, on a real Postgres started like a job service
// (runner-style name, internal network with the alias `postgres`, health check, job JSON),
// driven by the committed bundle the way the runner runs it: migrate with a heredoc script,
// seed 20,000 rows from a SQL file through stdin-file, read a result back through the stdout
// output, and a failing migration that stops at its first error. Under Node 24 and Node 20.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { node24Path, runAction, type ActionRun } from '../helpers/action.js';
import { cli, ROOT, removeStartedContainers, startContainer } from '../helpers/docker.js';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const network = `github_network_${hex(16)}`;
let job: unknown;
let workspace: string;
const NAMES = ['Zoë', 'Łukasz', '山田太郎', 'Ørjan 🐘', "O'Brien"];

beforeAll(async () => {
  const image = execFileSync('bash', [path.join(ROOT, 'scripts/postgres-image.sh')], { encoding: 'utf8' }).trim();
  await cli(['network', 'create', '--internal', network]);
  const pg = await startContainer({
    image,
    name: `${hex(16)}_dockerexecactiontestpostgres_${hex(3)}`,
    args: [
      '--network',
      network,
      '--network-alias',
      'postgres',
      '--health-cmd',
      'pg_isready -h /var/run/postgresql',
      '--health-interval',
      '1s',
      '--health-retries',
      '60',
    ],
  });
  job = { status: 'success', services: { postgres: { id: pg.id, network, ports: {} } } };
  workspace = mkdtempSync(path.join(tmpdir(), 'dea-pg-'));
  const rows: string[] = [];
  for (let i = 1; i <= 20_000; i++) rows.push(`(${i}, '${NAMES[i % NAMES.length].replace(/'/g, "''")} #${i}')`);
  writeFileSync(
    path.join(workspace, 'seed.sql'),
    `begin;\ninsert into people (id, name) values\n${rows.join(',\n')};\ncommit;\n`,
  );
}, 600_000);

afterAll(async () => {
  await removeStartedContainers();
  await cli(['network', 'rm', network], { allowFailure: true });
});

describe.each([
  ['Node 24', () => node24Path()],
  ['Node 20', () => 'node'],
])('%s', (label, node) => {
  const times: Record<string, number> = {};
  const step = async (name: string, inputs: Record<string, string>): Promise<ActionRun> => {
    const started = Date.now();
    const run = await runAction(
      { container: 'postgres', user: 'postgres', ...inputs },
      { job, workspace, node: node(), killAfterMs: 120_000 },
    );
    times[name] = Date.now() - started;
    return run;
  };
  const table = `people_${label.replace(/\D/g, '')}`;

  test('migrate, seed, read back, and a failing migration', async () => {
    const migrate = await step('migrate', {
      wait: 'healthy',
      run: `psql -v ON_ERROR_STOP=1 <<'SQL'\ncreate table ${table} (id int primary key, name text not null);\nSQL\necho migrated\n`,
    });
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toContain('migrated');

    const seedFile = path.join(workspace, `seed-${table}.sql`);
    writeFileSync(seedFile, execFileSync('sed', [`s/into people/into ${table}/`, path.join(workspace, 'seed.sql')]));
    const seed = await step('seed', { command: 'psql -v ON_ERROR_STOP=1 -q', 'stdin-file': path.basename(seedFile) });
    expect(seed.code).toBe(0);

    const count = await step('read back', {
      command: `psql -tA -c "select count(*), count(distinct name) from ${table}"`,
    });
    expect(count.code).toBe(0);
    expect(count.outputs.stdout).toBe('20000|20000');
    const name = await step('read text', { command: `psql -tA -c "select name from ${table} where id = 3"` });
    expect(name.outputs.stdout).toBe(`${NAMES[3]} #3`);

    const broken = await step('failing migration', {
      run: `psql -v ON_ERROR_STOP=1 -c "select * from no_such_table"\npsql -c "create table after_error (id int)"\n`,
    });
    expect(broken.code).toBe(1);
    expect(broken.outputs['exit-code']).not.toBe('0');
    // The database's error is in the annotation, and the script stopped at the first error.
    expect(broken.stdout).toMatch(
      /::error title=[^\n]*%3A exit code \d+::[^\n]*relation "no_such_table" does not exist/,
    );
    const after = await step('check', { command: `psql -tA -c "select to_regclass('after_error') is null"` });
    expect(after.outputs.stdout).toBe('t');
    console.log(`${label} step times (ms): ${JSON.stringify(times)}`);
  }, 300_000);
});

test('copy-in migrations, apply each with psql -f, copy a pg_dump out', async () => {
  const ws = mkdtempSync(path.join(tmpdir(), 'dea-pg-copy-'));
  const migrations = path.join(ws, 'db/migrations');
  mkdirSync(migrations, { recursive: true });
  writeFileSync(
    path.join(migrations, '001_books.sql'),
    'create table books (id int primary key, title text not null);\n',
  );
  writeFileSync(path.join(migrations, '002_seed.sql'), "insert into books values (1, 'Dune'), (2, 'Солярис');\n");
  writeFileSync(path.join(migrations, '003_index.sql'), 'create index books_title on books (title);\n');
  const run = await runAction(
    {
      container: 'postgres',
      user: 'postgres',
      wait: 'healthy',
      'copy-in': 'db/migrations:/tmp/migrations',
      run: 'for f in /tmp/migrations/*.sql; do psql -v ON_ERROR_STOP=1 -q -f "$f"; done\npg_dump --no-owner -t books > /tmp/books.sql\n',
      'copy-out': '/tmp/books.sql:out/books.sql',
    },
    { job, workspace: ws, node: node24Path(), killAfterMs: 120_000 },
  );
  expect(run.stdout.split('\n').filter((l) => l.startsWith('::error'))).toEqual([]);
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^Copied in db\/migrations -> \/tmp\/migrations: 3 files, 1 folder, \d+ bytes in /m);
  const dump = readFileSync(path.join(ws, 'out/books.sql'), 'utf8');
  expect(dump).toContain('CREATE TABLE public.books');
  expect(dump).toContain('CREATE INDEX books_title');
  expect(dump).toMatch(/COPY public\.books \(id, title\) FROM stdin;\n1\tDune\n2\tСолярис\n\\\.\n/);
  expect(run.outputs['copied-out']).toBe(String(Buffer.byteLength(dump)));
}, 300_000);
