// Issue 15 through the bundle against the real engine: copy-in and copy-out follow docker cp's
// placement rules (each case run through `docker cp` and through the action into twin
// containers, or twin workspace folders, and the resulting trees compared), links are never
// followed, ownership, errors, outputs and the log.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pack } from 'tar-stream';
import { measuredRun, runAction } from '../helpers/action.js';
import { cli, removeStartedContainers, startContainer, type TestContainer } from '../helpers/docker.js';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';

jest.setTimeout(60_000);

const scratch: string[] = [];
function folder(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}
afterAll(async () => {
  await removeStartedContainers();
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

const errors = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('::error'));

/** A workspace with a small tree: files, a nested folder, a link out of it, an empty folder, odd modes. */
function workspaceTree(): string {
  const ws = folder('dea-copy-ws-');
  mkdirSync(path.join(ws, 'migrations/sub'), { recursive: true });
  mkdirSync(path.join(ws, 'migrations/empty'));
  writeFileSync(path.join(ws, 'migrations/001.sql'), 'create table t (id int);\n');
  writeFileSync(path.join(ws, 'migrations/sub/002.sql'), 'insert into t values (1);\n');
  writeFileSync(path.join(ws, 'migrations/run.sh'), '#!/bin/sh\necho run\n');
  chmodSync(path.join(ws, 'migrations/run.sh'), 0o750);
  chmodSync(path.join(ws, 'migrations/sub'), 0o700);
  // A link in the repository that points at a secret of the runner: copied as a link, never followed.
  symlinkSync('/etc/shadow', path.join(ws, 'migrations/shadow'));
  writeFileSync(path.join(ws, 'seed.sql'), 'select 1;\n');
  return ws;
}

/** The tree under `root` in the container: path, type, mode, size (link: target), owner. */
async function containerTree(box: TestContainer, root: string): Promise<string[]> {
  const script = [
    `[ -e "${root}" ] || [ -L "${root}" ] || exit 3`,
    `find "${root}" | sort | while read f; do`,
    '  t=$(stat -c %F "$f"); s=$(stat -c %s "$f")',
    '  case "$t" in directory) s=-;; symbolic*) s=$(readlink "$f");; esac',
    '  echo "$f|$t|$(stat -c %a "$f")|$s|$(stat -c %u:%g "$f")"',
    'done',
  ].join('\n');
  const { stdout, code } = await box.exec(['sh', '-c', script], { allowFailure: true });
  if (code === 3) return ['(nothing)'];
  return stdout.trim().split('\n');
}

/** The same for a local folder, in the same terms. */
function localTree(root: string): string[] {
  const lines: string[] = [];
  const walk = (p: string) => {
    const s = lstatSync(p);
    const type = s.isSymbolicLink() ? 'link' : s.isDirectory() ? 'dir' : 'file';
    const size = s.isFile() ? s.size : '';
    lines.push(
      `${path.relative(root, p) || '.'} ${type} ${(s.mode & 0o7777).toString(8)} ${size} ${s.isSymbolicLink() ? readlinkSync(p) : ''} ${s.uid}:${s.gid}`,
    );
    if (s.isDirectory() && !s.isSymbolicLink()) for (const c of readdirSync(p).sort()) walk(path.join(p, c));
  };
  try {
    lstatSync(root);
  } catch {
    return ['(nothing)'];
  }
  walk(root);
  return lines;
}

/**
 * docker cp keeps the owner that files have in the workspace; the action gives what it copies to
 * root (or to `user`: see the tests below). The same tree, then, but with this test's own files
 * (owned by whoever runs the tests) owned by root.
 */
function ownedByRoot(tree: string[]): string[] {
  const workspaceOwner = `|${process.getuid?.()}:${process.getgid?.()}`;
  return tree.map((line) => (line.endsWith(workspaceOwner) ? `${line.slice(0, -workspaceOwner.length)}|0:0` : line));
}

describe('copy-in: docker cp and the action give the same tree', () => {
  let ws: string;
  beforeAll(() => {
    ws = workspaceTree();
  });

  // [case, source, destination, what exists in the container first, the part of it to compare]
  const cases: Array<[string, string, string, string, string]> = [
    ['a file into an existing folder', 'seed.sql', '/dst', 'mkdir /dst', '/dst'],
    ['a file onto a missing name', 'seed.sql', '/dst/new.sql', 'mkdir /dst', '/dst'],
    [
      'a file onto an existing file: replaced',
      'seed.sql',
      '/dst/old.sql',
      'mkdir /dst && echo old > /dst/old.sql',
      '/dst',
    ],
    ['a folder into an existing folder', 'migrations', '/dst', 'mkdir /dst', '/dst'],
    ['a folder with a trailing slash', 'migrations/', '/dst', 'mkdir /dst', '/dst'],
    ['a folder/. : its contents', 'migrations/.', '/dst', 'mkdir /dst && echo keep > /dst/kept', '/dst'],
    ['a folder onto a missing name: created as it', 'migrations', '/dst/made', 'mkdir /dst', '/dst'],
    ['a folder onto a missing name with a slash', 'migrations', '/dst/made/', 'mkdir /dst', '/dst'],
    ['a link itself, not what it points at', 'migrations/shadow', '/dst', 'mkdir /dst', '/dst'],
    ['into a folder reached through a link', 'seed.sql', '/lnk', 'mkdir /real && ln -s /real /lnk', '/real'],
  ];

  test.each(cases)('%s: %s -> %s', async (_name, source, destination, setup, compare) => {
    const [viaCli, viaAction] = await Promise.all([startContainer(), startContainer()]);
    await Promise.all([viaCli.exec(['sh', '-c', setup]), viaAction.exec(['sh', '-c', setup])]);
    // As written: path.join would drop the trailing /. that docker cp reads.
    await cli(['cp', `${ws}/${source}`, `${viaCli.id}:${destination}`]);
    const run = await runAction(
      { container: viaAction.id, command: 'true', 'copy-in': `${source}:${destination}` },
      { workspace: ws },
    );
    expect(errors(run.stdout)).toEqual([]);
    expect(run.code).toBe(0);
    expect(await containerTree(viaAction, compare)).toEqual(ownedByRoot(await containerTree(viaCli, compare)));
    expect(run.stdout).toMatch(
      new RegExp(
        `^Copied in ${source.replace(/[.]/g, '\\.')} -> ${destination}: \\d+ files?, \\d+ folders?, .* in `,
        'm',
      ),
    );
  });

  test.each([
    [
      'a folder onto a file',
      'migrations',
      '/dst.txt',
      'echo x > /dst.txt',
      /cannot copy the folder migrations onto \/dst\.txt, a file in the container/,
    ],
    [
      'a file onto a missing folder/',
      'seed.sql',
      '/nodir/',
      'true',
      /the folder \/nodir\/ does not exist in the container/,
    ],
    ['a file source with a slash', 'seed.sql/', '/dst', 'mkdir /dst', /seed\.sql\/ (does not exist|is not a folder)/],
  ])('refused like docker cp refuses it: %s', async (_name, source, destination, setup, message) => {
    const [viaCli, viaAction] = await Promise.all([startContainer(), startContainer()]);
    await Promise.all([viaCli.exec(['sh', '-c', setup]), viaAction.exec(['sh', '-c', setup])]);
    const docker = await cli(['cp', path.join(ws, source), `${viaCli.id}:${destination}`], { allowFailure: true });
    expect(docker.code).not.toBe(0);
    const run = await runAction(
      { container: viaAction.id, command: 'echo ran', 'copy-in': `${source}:${destination}` },
      { workspace: ws },
    );
    expect(run.code).toBe(1);
    expect(errors(run.stdout)).toEqual([expect.stringMatching(message)]);
    expect(run.stdout).not.toContain('\nran\n');
  });

  test('missing parent folders are made (docker cp refuses them), and the user owns what was copied', async () => {
    const box = await startContainer();
    const run = await runAction(
      {
        container: box.id,
        user: 'app',
        command: 'sh -c "echo more >> /home/app/deep/er/migrations/001.sql && id -u"',
        'copy-in': 'migrations:/home/app/deep/er/migrations',
      },
      { workspace: ws },
    );
    expect(errors(run.stdout)).toEqual([]);
    expect(run.outputs.stdout).toBe('1000');
    const tree = await containerTree(box, '/home/app/deep');
    expect(tree.filter((line) => !line.endsWith('|1000:1000'))).toEqual([]);
    expect(tree).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/home\/app\/deep\/er\/migrations\/run\.sh\|regular file\|750\|/),
      ]),
    );
    expect(run.outputs['copied-in']).toBe(
      String(['create table t (id int);\n', 'insert into t values (1);\n', '#!/bin/sh\necho run\n'].join('').length),
    );
  });

  test('without user, root owns what was copied, whoever owned it in the workspace', async () => {
    const own = folder('dea-copy-own-');
    writeFileSync(path.join(own, 'f.txt'), 'x');
    // Owned by someone else than root: by 1234:5678 where the tests may give it away (as root),
    // else by the user running them.
    if (process.getuid?.() === 0) (await import('node:fs')).chownSync(path.join(own, 'f.txt'), 1234, 5678);
    const box = await startContainer();
    const run = await runAction(
      { container: box.id, command: 'stat -c %u:%g /f.txt', 'copy-in': 'f.txt:/f.txt' },
      { workspace: own },
    );
    expect(run.outputs.stdout).toBe('0:0');
  });
});

describe('copy-in: refused before anything runs', () => {
  test.each([
    [
      'a source outside the workspace',
      '../../etc/passwd:/x',
      /^::error::Input 'copy-in': line 1: \.\.\/\.\.\/etc\/passwd is outside the workspace/,
    ],
    ['a missing source', 'nope.sql:/x', /^::error::Input 'copy-in': line 1: nope\.sql does not exist in the workspace/],
    [
      'a line without a colon, on line 3',
      'seed.sql:/x\n\nseed.sql',
      /^::error::Input 'copy-in': line 3 \('seed\.sql'\) is not SOURCE:DESTINATION/,
    ],
  ])('%s', async (_name, entries, message) => {
    const ws = workspaceTree();
    const run = await runAction(
      { container: 'not-even-looked-up', command: 'true', 'copy-in': entries },
      { workspace: ws },
    );
    expect(run.code).toBe(1);
    expect(errors(run.stdout)).toEqual([expect.stringMatching(message)]);
    expect(run.stdout).not.toContain('::group::');
  });

  test('a folder link out of the workspace on the way', async () => {
    const ws = workspaceTree();
    symlinkSync('/etc', path.join(ws, 'etc-link'));
    const run = await runAction(
      { container: 'x', command: 'true', 'copy-in': 'etc-link/passwd:/x' },
      { workspace: ws },
    );
    expect(errors(run.stdout)).toEqual([
      expect.stringMatching(/line 1: etc-link\/passwd leads out of the workspace through a symbolic link/),
    ]);
  });

  test('copy-out with detach', async () => {
    const run = await runAction({ container: 'x', command: 'true', detach: 'true', 'copy-out': '/x:y' });
    expect(errors(run.stdout)).toEqual([
      expect.stringMatching(/^::error::Input 'copy-out': cannot be used with detach/),
    ]);
  });
});

describe('copy-out: docker cp and the action give the same tree', () => {
  let box: TestContainer;
  beforeAll(async () => {
    box = await startContainer();
    await box.exec([
      'sh',
      '-c',
      'mkdir -p /data/sub /data/empty && echo a > /data/a.txt && echo b > /data/sub/b.txt && chmod 640 /data/a.txt && chmod 700 /data/sub && ln -s /etc/passwd /data/passwd-link && ln -s / /data/root-link && mkfifo /data/fifo',
    ]);
  });

  const cases: Array<[string, string, string, (dir: string) => void]> = [
    ['a folder into an existing folder', '/data', 'out', (d) => mkdirSync(path.join(d, 'out'))],
    ['a folder/. : its contents', '/data/.', 'out', (d) => mkdirSync(path.join(d, 'out'))],
    ['a folder onto a missing name', '/data', 'out', () => undefined],
    ['a file into a folder', '/data/a.txt', 'out', (d) => mkdirSync(path.join(d, 'out'))],
    ['a file onto a missing name', '/data/a.txt', 'out', () => undefined],
    ['a file onto a file', '/data/a.txt', 'out', (d) => writeFileSync(path.join(d, 'out'), 'old old old')],
    ['a link, as a link', '/data/root-link', 'out', () => undefined],
  ];

  test.each(cases)('%s: %s -> %s', async (_name, source, destination, setup) => {
    const [cliWs, actionWs] = [folder('dea-cp-cli-'), folder('dea-cp-act-')];
    setup(cliWs);
    setup(actionWs);
    const docker = await cli(['cp', `${box.id}:${source}`, path.join(cliWs, destination)], { allowFailure: true });
    const run = await runAction(
      { container: box.id, command: 'true', 'copy-out': `${source}:${destination}` },
      { workspace: actionWs },
    );
    expect(run.code).toBe(0);
    // docker cp copies the FIFO (as a FIFO); the action skips it with a warning.
    const withoutFifo = (tree: string[]) => tree.filter((line) => !/(^|\/)fifo /.test(line));
    expect(docker.code).toBe(0);
    expect(withoutFifo(localTree(path.join(actionWs, destination)))).toEqual(
      withoutFifo(localTree(path.join(cliWs, destination))),
    );
    if (source.startsWith('/data') && !source.includes('.txt') && !source.includes('link')) {
      expect(run.stdout).toMatch(/^::warning::copy-out line 1: skipped .*fifo/m);
    }
    expect(run.outputs['copied-out']).toMatch(/^\d+$/);
  });

  test('after a failing command and after a timeout too; not the command output', async () => {
    const ws = folder('dea-cp-fail-');
    const failed = await runAction(
      {
        container: box.id,
        command: `sh -c 'echo "migration 3 failed" > /data/report.log; exit 3'`,
        'copy-out': '/data/report.log:logs/report.log',
      },
      { workspace: ws },
    );
    expect(failed.code).toBe(1);
    expect(readFileSync(path.join(ws, 'logs/report.log'), 'utf8')).toBe('migration 3 failed\n');
    expect(failed.outputs['copied-out']).toBe('19');
    const timedOut = await runAction(
      {
        container: box.id,
        command: `sh -c 'echo slow > /data/slow.log; sleep 30'`,
        timeout: '1s',
        'copy-out': '/data/slow.log:slow.log',
      },
      { workspace: ws },
    );
    expect(timedOut.code).toBe(1);
    expect(readFileSync(path.join(ws, 'slow.log'), 'utf8')).toBe('slow\n');
  });

  test('a source missing in the container: after the command, naming the path and the container', async () => {
    const run = await runAction({ container: box.name, command: 'echo ran', 'copy-out': '/nope/x.log:x.log' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('\nran\n');
    expect(errors(run.stdout)).toEqual([
      `::error::copy-out line 1: /nope/x.log does not exist in the container ${box.name}`,
    ]);
  });

  test('a destination outside the workspace is refused before anything runs', async () => {
    const run = await runAction({ container: box.name, command: 'true', 'copy-out': '/data:../../tmp/x' });
    expect(errors(run.stdout)).toEqual([
      expect.stringMatching(/^::error::Input 'copy-out': line 1: \.\.\/\.\.\/tmp\/x is outside the workspace/),
    ]);
  });

  test('a destination that is a link out of the workspace is refused, nothing written there', async () => {
    const ws = folder('dea-cp-link-');
    const outside = folder('dea-cp-outside-');
    symlinkSync(outside, path.join(ws, 'out'));
    const run = await runAction(
      { container: box.name, command: 'true', 'copy-out': '/data/a.txt:out/' },
      { workspace: ws },
    );
    expect(run.code).toBe(1);
    expect(errors(run.stdout)).toEqual([
      expect.stringMatching(/copy-out line 1: out\/ is a symbolic link out of the workspace/),
    ]);
    expect(readdirSync(outside)).toEqual([]);
  });
});

describe('copy-out: a hostile archive from the engine (crafted, served by the fault proxy)', () => {
  let proxy: FaultProxy;
  let box: TestContainer;
  beforeAll(async () => {
    proxy = await startFaultProxy();
    box = await startContainer();
    await box.exec(['sh', '-c', 'mkdir -p /report && echo fine > /report/ok.txt']);
  });
  const hostile: string[] = [];
  afterAll(async () => {
    console.log(`hostile archives, the step's error lines:\n${hostile.join('\n')}`);
    await proxy.close();
  });

  /** A tar archive of the given entries, as an engine could send it. */
  async function tarOf(
    entries: Array<{
      name: string;
      type?: 'file' | 'symlink' | 'link' | 'directory';
      linkname?: string;
      body?: string;
    }>,
  ): Promise<Buffer> {
    const archive = pack();
    const chunks: Buffer[] = [];
    archive.on('data', (chunk) => {
      chunks.push(chunk as Buffer);
    });
    const done = new Promise<void>((resolve) => archive.on('end', () => resolve()));
    for (const e of entries) {
      archive.entry(
        { name: e.name, type: e.type ?? 'file', linkname: e.linkname, mode: 0o644, mtime: new Date() },
        e.body ?? '',
      );
    }
    archive.finalize();
    await done;
    return Buffer.concat(chunks);
  }

  test.each([
    [
      'a .. entry',
      () => [
        { name: 'report/ok.txt', body: 'fine\n' },
        { name: 'report/../../escaped.txt', body: 'x' },
      ],
      'report/../../escaped.txt',
    ],
    ['an absolute entry', () => [{ name: '/tmp/dea-absolute-evil.txt', body: 'x' }], '/tmp/dea-absolute-evil.txt'],
    [
      'a file through a link it placed to /',
      () => [
        { name: 'report/link', type: 'symlink' as const, linkname: '/' },
        { name: 'report/link/tmp/dea-through-link.txt', body: 'x' },
      ],
      'report/link/tmp/dea-through-link.txt',
    ],
    [
      'a hard link to /etc/passwd',
      () => [{ name: 'report/pw', type: 'link' as const, linkname: '/etc/passwd' }],
      'report/pw',
    ],
    ['an entry outside the path asked for', () => [{ name: 'other/x.txt', body: 'x' }], 'other/x.txt'],
  ])('%s: the step fails naming the entry; nothing outside is touched', async (_name, entries, named) => {
    const parent = folder('dea-hostile-');
    const ws = path.join(parent, 'workspace');
    mkdirSync(ws);
    const passwd = readFileSync('/etc/passwd');
    proxy.setFault({ kind: 'archive-body', body: await tarOf(entries()) });
    const run = await runAction(
      { container: box.id, command: 'true', 'copy-out': '/report:out' },
      { workspace: ws, env: { DOCKER_HOST: proxy.dockerHost } },
    );
    proxy.setFault({ kind: 'none' });
    expect(run.code).toBe(1);
    expect(errors(run.stdout)).toEqual([
      expect.stringMatching(new RegExp(`^::error::copy-out line 1: .*"${named.replace(/[.]/g, '\\.')}"`)),
    ]);
    hostile.push(errors(run.stdout)[0]);
    expect(readdirSync(parent)).toEqual(['workspace']);
    expect(readFileSync('/etc/passwd')).toEqual(passwd);
    for (const file of ['/tmp/dea-absolute-evil.txt', '/tmp/dea-through-link.txt'])
      expect(() => lstatSync(file)).toThrow();
  });
});

describe('memory: a big file copies in and out with flat memory', () => {
  const MiB = 1024 * 1024;
  const sizes = process.env.DEA_BIG === '1' ? [256, 1024] : [256];
  const figures: string[] = [];
  afterAll(() => console.log(`copy peak RSS:\n${figures.join('\n')}`));

  test.each(sizes)(
    '%i MiB: copy-in, then copy-out, each under 100 MiB of peak RSS',
    async (size) => {
      const ws = folder('dea-copy-big-');
      const fd = openSync(path.join(ws, 'big.bin'), 'w');
      const block = randomBytes(MiB);
      const hash = createHash('sha256');
      for (let i = 0; i < size; i++) {
        block.writeUInt32BE(i, 0);
        writeSync(fd, block);
        hash.update(block);
      }
      closeSync(fd);
      const box = await startContainer();
      const into = await measuredRun(
        { container: box.id, 'copy-in': 'big.bin:/tmp/big.bin', command: 'sha256sum /tmp/big.bin' },
        ws,
        () => undefined,
      );
      expect(into.code).toBe(0);
      expect(into.outputs.stdout).toBe(`${hash.digest('hex')}  /tmp/big.bin`);
      const out = await measuredRun(
        { container: box.id, 'copy-out': '/tmp/big.bin:back.bin', command: 'true' },
        ws,
        () => undefined,
      );
      expect(out.code).toBe(0);
      expect(out.outputs['copied-out']).toBe(String(size * MiB));
      figures.push(
        `${size} MiB: copy-in ${Math.round(into.peakKiB / 1024)} MiB in ${into.ms} ms, copy-out ${Math.round(out.peakKiB / 1024)} MiB in ${out.ms} ms`,
      );
      expect(into.peakKiB).toBeLessThan(100 * 1024);
      expect(out.peakKiB).toBeLessThan(100 * 1024);
    },
    300_000,
  );
});
