// Issue 16, parts 1 and 2, through the bundle against the real engine: a container named by
// its Compose service (containers carrying Compose's labels, and real Compose: Debian's
// docker-compose 1.29, which sets the same labels as Compose v2), and the container's own log
// shown when the step fails.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { runAction } from '../helpers/action.js';
import { cli, removeStartedContainers, startContainer, testImageName, type TestContainer } from '../helpers/docker.js';
import { readRunnerLog } from '../helpers/runner-log.js';

jest.setTimeout(60_000);

const execFileAsync = promisify(execFile);

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const errors = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('::error'));

/** A container with the labels Compose gives the replica `number` of `service` in `project`. */
function composeContainer(project: string, service: string, number: number, oneoff = false): Promise<TestContainer> {
  const labels = {
    'com.docker.compose.project': project,
    'com.docker.compose.service': service,
    'com.docker.compose.container-number': String(number),
    'com.docker.compose.oneoff': oneoff ? 'True' : 'False',
  };
  return startContainer({ args: Object.entries(labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]) });
}

afterAll(removeStartedContainers);

describe('a container named by its Compose service', () => {
  // Service names unique to this run, so no other container can answer to them.
  const db = `db${hex(4)}`;
  const cache = `cache${hex(4)}`;
  const app = `app${hex(3)}`;
  const other = `other${hex(3)}`;
  const containers: Record<string, TestContainer> = {};

  beforeAll(async () => {
    containers.app1 = await composeContainer(app, db, 1);
    containers.app2 = await composeContainer(app, db, 2);
    containers.other1 = await composeContainer(other, db, 1);
    containers.cache = await composeContainer(app, cache, 1);
    // `compose run` containers of the same service: never candidates.
    containers.oneoffOther = await composeContainer(other, cache, 1, true);
    containers.oneoffOnly = await composeContainer(app, `${cache}x`, 1, true);
  });

  test.each([
    ['compose-project', () => ({ 'compose-project': app }), () => ({}), 'app1', 1],
    ['compose-project, replica 2', () => ({ 'compose-project': app, 'compose-index': '2' }), () => ({}), 'app2', 2],
    // Compose lower-cases the project name; so does the look-up.
    ['COMPOSE_PROJECT_NAME from the step', () => ({}), () => ({ COMPOSE_PROJECT_NAME: app.toUpperCase() }), 'app1', 1],
  ] as const)('%s', async (_name, inputs, env, which, replica) => {
    const run = await runAction({ container: db, command: 'hostname', ...inputs() }, { env: env() });
    expect(run.code).toBe(0);
    expect(run.outputs['container-id']).toBe(containers[which].id);
    expect(run.stdout).toContain(`found as Compose service ${db} of project ${app}, replica ${replica})`);
  });

  test('one project has the service, the one-off of another is no candidate: found without naming it', async () => {
    const run = await runAction({ container: cache, command: 'true' });
    expect(run.code).toBe(0);
    expect(run.outputs['container-id']).toBe(containers.cache.id);
    expect(run.stdout).toContain(`found as Compose service ${cache} of project ${app}, replica 1)`);
  });

  test('two projects have the service and none is named: one line that lists them', async () => {
    const run = await runAction({ container: db, command: 'true' });
    expect(run.code).toBe(1);
    const [first, second] = [app, other].sort();
    expect(errors(run.stdout)).toEqual([
      `::error::container '${db}' is a Compose service in 2 projects (${first}, ${second}): name one with the compose-project input or COMPOSE_PROJECT_NAME`,
    ]);
  });

  test('no such replica: the replicas there are', async () => {
    const run = await runAction({ container: db, command: 'true', 'compose-project': app, 'compose-index': '3' });
    expect(run.code).toBe(1);
    expect(errors(run.stdout)).toEqual([
      `::error::Compose service ${db} of project ${app} has no replica 3 (replicas: 1, 2): set compose-index to one of them`,
    ]);
  });

  test('a project that does not have the service', async () => {
    const run = await runAction({ container: cache, command: 'true', 'compose-project': other });
    expect(run.code).toBe(1);
    expect(errors(run.stdout)).toEqual([
      `::error::Compose service ${cache} has no container in project ${other} (from the compose-project input); it has containers in: ${app}`,
    ]);
  });

  test('a service with only one-off containers is not found', async () => {
    const run = await runAction({ container: `${cache}x`, command: 'true' });
    expect(run.code).toBe(1);
    expect(errors(run.stdout)[0]).toMatch(
      `::error::container '${cache}x' not found: it is not a job service, a network alias, a container name or ID, or a Compose service.`,
    );
  });

  test('compose-index 0 is refused before anything runs', async () => {
    const run = await runAction({ container: db, command: 'true', 'compose-index': '0' });
    expect(run.code).toBe(1);
    expect(errors(run.stdout)).toEqual([
      "::error::Input 'compose-index': replicas are numbered from 1: give 1 or more",
    ]);
  });

  test('a Compose service wins over an ID prefix that fits some container by chance', async () => {
    const prefix = containers.cache.id.slice(0, 5);
    const service = await composeContainer(app, prefix, 1);
    const run = await runAction({ container: prefix, command: 'true' });
    expect(run.code).toBe(0);
    expect(run.outputs['container-id']).toBe(service.id);
    expect(run.stdout).toContain(`found as Compose service ${prefix} of project ${app}, replica 1)`);
  });

  test('a container name still wins over a Compose service of that name', async () => {
    const name = `${cache}n`;
    await composeContainer(app, name, 1);
    const plain = await startContainer({ name });
    const run = await runAction({ container: name, command: 'true' });
    expect(run.code).toBe(0);
    expect(run.outputs['container-id']).toBe(plain.id);
    expect(run.stdout).toContain('found as container name)');
  });
});

describe('real Compose (docker-compose 1.29): up with two replicas, run a one-off', () => {
  let folder: string;
  const project = `dea${hex(4)}`;
  // Debian's docker-compose 1.29, else the CLI's compose plugin (scripts/engine.sh sees to one).
  const composeCommand = (() => {
    try {
      execFileSync('docker-compose', ['version'], { stdio: 'ignore' });
      return ['docker-compose'];
    } catch {
      return ['docker', 'compose'];
    }
  })();
  const compose = (...args: string[]) =>
    execFileAsync(composeCommand[0], [
      ...composeCommand.slice(1),
      '-p',
      project,
      '-f',
      path.join(folder, 'docker-compose.yml'),
      ...args,
    ]);

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'dea-compose-'));
    writeFileSync(
      path.join(folder, 'docker-compose.yml'),
      [
        'version: "2.4"',
        'services:',
        '  pgdb:',
        `    image: ${testImageName()}`,
        '    network_mode: none',
        '    command: ["sh", "-c", "echo replica up; exec sleep infinity"]',
        '    scale: 2',
        '',
      ].join('\n'),
    );
    await compose('up', '-d');
    await compose('run', '-d', 'pgdb', 'sleep', 'infinity');
  });
  afterAll(async () => {
    await compose('down', '--remove-orphans', '-t', '0').catch(() => undefined);
    rmSync(folder, { recursive: true, force: true });
  });

  test.each([1, 2])('replica %i, as docker compose exec --index finds it', async (index) => {
    const run = await runAction({
      container: 'pgdb',
      command: 'hostname',
      'compose-project': project,
      'compose-index': String(index),
    });
    expect(run.code).toBe(0);
    const { stdout: id } = await cli([
      'ps',
      '-q',
      '--no-trunc',
      '--filter',
      `label=com.docker.compose.project=${project}`,
      '--filter',
      `label=com.docker.compose.container-number=${index}`,
      '--filter',
      'label=com.docker.compose.oneoff=False',
    ]);
    expect(run.outputs['container-id']).toBe(id.trim());
    expect(run.stdout).toContain(`found as Compose service pgdb of project ${project}, replica ${index})`);
  });
});

describe("the container's own log when the step fails", () => {
  let service: TestContainer;

  beforeAll(async () => {
    // Lines in a fixed order (each stream's copier in the engine runs on its own), a forged
    // workflow command among them, then it keeps running.
    service = await startContainer({
      command: [
        'sh',
        '-c',
        'for i in 1 2 3 4 5 6; do echo "out $i"; usleep 20000; echo "err $i" >&2; usleep 20000; done; echo "::error::forged by the service"; exec sleep infinity',
      ],
    });
    await new Promise((r) => setTimeout(r, 800));
  });

  const logGroup = (stdout: string) =>
    /::group::Last (\d+) lines of the log of (\S+)\n::stop-commands::([0-9a-f]+)\n([^]*?)::\3::\n::endgroup::\n/.exec(
      stdout,
    );

  test('a failing command: the last N lines, timestamped, guarded, in a group after the result, and in the summary', async () => {
    const run = await runAction({
      container: service.name,
      command: `sh -c 'echo no; exit 3'`,
      'logs-on-failure': '5',
    });
    expect(run.code).toBe(1);
    const group = logGroup(run.stdout);
    expect(group?.[1]).toBe('5');
    expect(group?.[2]).toBe(service.name);
    const lines = group?.[4].split('\n').slice(0, -1) ?? [];
    expect(lines.map((l) => l.replace(/^\d{4}-\d\d-\d\dT[\d:.]+Z /, ''))).toEqual([
      'out 5',
      'err 5',
      'out 6',
      'err 6',
      '::error::forged by the service',
    ]);
    // After the result: the error annotation comes first.
    expect(run.stdout.indexOf('::error title=')).toBeLessThan(run.stdout.indexOf('::group::Last 5 lines'));
    // The forged line is shown, never honoured.
    const log = readRunnerLog(run.stdout, run.stderr);
    expect(log.annotations.map((a) => a.message)).toEqual(['command exited with code 3\n\nLast lines of stdout:\nno']);
    expect(run.summary).toContain(`<details><summary>Last lines of the log of ${service.name}</summary>`);
    expect(run.summary).toContain('::error::forged by the service');
  });

  test('never on success', async () => {
    const run = await runAction({ container: service.name, command: 'true' });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('lines of the log of');
    expect(run.summary).not.toContain('of the log of');
  });

  test('logs-on-failure 0: none', async () => {
    const run = await runAction({ container: service.name, command: 'false', 'logs-on-failure': '0' });
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('of the log of');
  });

  test('a timeout shows them too', async () => {
    const run = await runAction({
      container: service.name,
      command: 'sleep 30',
      timeout: '1s',
      'logs-on-failure': '2',
    });
    expect(run.code).toBe(1);
    expect(logGroup(run.stdout)?.[1]).toBe('2');
  });

  test('a container that exited: the error, then its log', async () => {
    const crashed = await startContainer({
      command: ['sh', '-c', 'echo "FATAL: could not open the data folder"; exit 1'],
    });
    await cli(['wait', crashed.id]);
    const run = await runAction({ container: crashed.name, command: 'true', wait: 'none' });
    expect(run.code).toBe(1);
    expect(errors(run.stdout)).toEqual([
      `::error::container ${crashed.name} is not running: it has exited with code 1`,
    ]);
    expect(logGroup(run.stdout)?.[4]).toMatch(/^\S+Z FATAL: could not open the data folder\n$/);
  });

  test('a container with a TTY: its raw log, lines without carriage returns', async () => {
    const tty = await startContainer({
      args: ['-t'],
      command: ['sh', '-c', 'echo "tty line one"; echo "tty line two"; exec sleep infinity'],
    });
    await new Promise((r) => setTimeout(r, 500));
    const run = await runAction({ container: tty.name, command: 'false', 'logs-on-failure': '2' });
    expect(run.code).toBe(1);
    const lines = logGroup(run.stdout)?.[4].split('\n').slice(0, -1) ?? [];
    expect(lines.map((l) => l.replace(/^\S+Z /, ''))).toEqual(['tty line one', 'tty line two']);
  });

  test("a log driver that cannot be read (none): one line, the step fails for the command's reason only", async () => {
    const silent = await startContainer({ args: ['--log-driver', 'none'] });
    const run = await runAction({ container: silent.name, command: 'false' });
    expect(run.code).toBe(1);
    expect(errors(run.stdout)).toEqual([expect.stringMatching(/^::error title=.*::command exited with code 1/)]);
    expect(run.stdout).toMatch(new RegExp(`^the log of ${silent.name} could not be read: .+$`, 'm'));
  });
});
