// Writing a container's tar archive into the workspace (src/backends/docker/extract.ts): archives are
// built here with tar-stream's pack(), with names, types, links, modes and mtimes as a hostile
// container could make the engine send them, and extracted into temporary folders.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pack, type Pack } from 'tar-stream';
import { extractSafely, type ExtractPlan, type ExtractResult } from '../../../../src/backends/docker/extract.js';
import { ActionError } from '../../../../src/errors.js';

type Header = Parameters<Pack['entry']>[0];
interface Spec extends Header {
  /** A file's body: text, bytes, or a generator (streamed, with backpressure, never held whole). */
  body?: string | Buffer | (() => AsyncIterable<Buffer>);
}

const T1 = new Date('2001-02-03T04:05:06Z');
const T2 = new Date('2010-11-12T13:14:15Z');
const T3 = new Date('1999-12-31T23:59:59Z');
const MiB = 1024 * 1024;

/** The archive as a tar-stream Pack (a streamx Readable), entries written one after the other. */
function packed(entries: Spec[]): Pack {
  const archive = pack();
  void (async () => {
    for (const { body, ...header } of entries) {
      await new Promise<void>((resolve, reject) => {
        const done = (err?: Error | null): void => (err ? reject(err) : resolve());
        const fileLike = header.type === undefined || header.type === 'file';
        if (typeof body === 'function') {
          const sink = archive.entry(header, done);
          void (async () => {
            for await (const chunk of body()) {
              if (!sink.write(chunk)) await new Promise<void>((drained) => sink.once('drain', () => drained()));
            }
            sink.end(null);
          })().catch(reject);
        } else if (body !== undefined || fileLike) {
          archive.entry(header, body ?? '', done);
        } else {
          archive.entry(header, done);
        }
      });
    }
    archive.finalize();
  })().catch((err: Error) => archive.destroy(err));
  return archive;
}

/** The archive as a Node Readable, as the engine's answer would be. */
const tar = (entries: Spec[]): Readable => Readable.from(packed(entries));

async function tarBuffer(entries: Spec[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of packed(entries)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Rewrites fields of the header of the entry `name` (plain ustar headers only), and its checksum:
 * what pack() would not write (a type tar-stream does not know, a mode of 0).
 */
function patched(archive: Buffer, name: string, fields: { typeflag?: string; mode?: number }): Buffer {
  const copy = Buffer.from(archive);
  let offset = 0;
  while (copy.toString('latin1', offset, offset + 100).replace(/\0.*$/s, '') !== name) {
    const size = parseInt(copy.toString('latin1', offset + 124, offset + 136), 8);
    offset += 512 + Math.ceil((size || 0) / 512) * 512;
    if (offset >= copy.length) throw new Error(`no entry ${name}`);
  }
  const block = copy.subarray(offset, offset + 512);
  if (fields.typeflag !== undefined) block[156] = fields.typeflag.charCodeAt(0);
  if (fields.mode !== undefined) block.write(`${fields.mode.toString(8).padStart(6, '0')} \0`, 100, 'latin1');
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return copy;
}

/** `count` chunks of `size` bytes, each freshly allocated, filled with a pattern that varies by chunk. */
function generated(count: number, size: number): () => AsyncIterable<Buffer> {
  return async function* () {
    for (let i = 0; i < count; i++) yield Buffer.alloc(size, (i * 7 + 1) % 251);
  };
}

async function sha256Of(chunks: AsyncIterable<Buffer>): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of chunks) hash.update(chunk);
  return hash.digest('hex');
}

let root: string;
let into: string;
let outside: string;

/** Makes every folder under `dir` writable again, so the temporary tree can be removed. */
function unlock(dir: string): void {
  if (!existsSync(dir) || !lstatSync(dir).isDirectory()) return;
  chmodSync(dir, 0o700);
  for (const name of readdirSync(dir)) unlock(path.join(dir, name));
}

beforeEach(() => {
  root = realpathSync(mkdtempSync(path.join(tmpdir(), 'extract-test-')));
  into = path.join(root, 'into');
  outside = path.join(root, 'outside');
  mkdirSync(into);
  mkdirSync(outside);
});

afterEach(() => {
  unlock(root);
  rmSync(root, { recursive: true, force: true });
});

/** Every path under `dir`, relative, with its type: the tree as it ends up. */
function tree(dir: string, prefix = ''): Record<string, 'dir' | 'file' | 'symlink' | 'other'> {
  const found: Record<string, 'dir' | 'file' | 'symlink' | 'other'> = {};
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    const relative = prefix + name;
    const stats = lstatSync(full);
    if (stats.isSymbolicLink()) found[relative] = 'symlink';
    else if (stats.isFile()) found[relative] = 'file';
    else if (stats.isDirectory()) {
      found[relative] = 'dir';
      Object.assign(found, tree(full, `${relative}/`));
    } else found[relative] = 'other';
  }
  return found;
}

async function run(
  archive: Spec[] | Readable,
  plan: Partial<ExtractPlan> = {},
): Promise<{ result: ExtractResult; warnings: string[] }> {
  const warnings: string[] = [];
  const result = await extractSafely(Array.isArray(archive) ? tar(archive) : archive, {
    into,
    target: (name) => name,
    warn: (message) => warnings.push(message),
    ...plan,
  });
  return { result, warnings };
}

/** The extraction's failure: an ActionError with a one-line message. */
async function failure(archive: Spec[] | Readable, plan: Partial<ExtractPlan> = {}): Promise<ActionError> {
  let caught: unknown;
  try {
    await run(archive, plan);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(ActionError);
  const error = caught as ActionError;
  expect(error.message).not.toMatch(/[\r\n]/);
  return error;
}

const modeOf = (relative: string): number => lstatSync(path.join(into, relative)).mode & 0o7777;
const mtimeOf = (relative: string): number => lstatSync(path.join(into, relative)).mtimeMs;

describe('a normal tree', () => {
  const longName = `data/${'L'.repeat(150)}.txt`;
  const longTarget = `${'t'.repeat(120)}/target`;
  let result: ExtractResult;
  let warnings: string[];
  let bigHash: string;

  beforeEach(async () => {
    bigHash = await sha256Of(generated(320, 64 * 1024)());
    ({ result, warnings } = await run([
      { name: 'data/', type: 'directory', mode: 0o755, mtime: T1 },
      { name: 'data/sub/', type: 'directory', mode: 0o750, mtime: T2 },
      { name: 'data/a.txt', body: 'hello\n', mode: 0o640, mtime: T3 },
      { name: 'data/empty', body: '', mode: 0o600, mtime: T1 },
      { name: 'data/run.sh', body: '#!/bin/sh\necho hi\n', mode: 0o755, mtime: T2 },
      { name: 'data/sub/rel-link', type: 'symlink', linkname: '../a.txt', mtime: T1 },
      { name: 'data/abs-link', type: 'symlink', linkname: '/etc/passwd', mtime: T2 },
      { name: 'data/long-link', type: 'symlink', linkname: longTarget, mtime: T3 },
      { name: 'data/sub/hard', type: 'link', linkname: 'data/a.txt', mtime: T3 },
      { name: longName, body: 'long\n', mode: 0o644, mtime: T1 },
      { name: 'data/big.bin', size: 20 * MiB, body: generated(320, 64 * 1024), mode: 0o600, mtime: T2 },
    ]));
  });

  test('the long name and the long link target need PAX headers', async () => {
    const archive = await tarBuffer([
      { name: longName, body: 'x' },
      { name: 'l', type: 'symlink', linkname: longTarget },
    ]);
    expect(archive.subarray(156, 157).toString('latin1')).toBe('x');
  });

  test('exactly these paths, with these types', () => {
    expect(tree(into)).toEqual({
      data: 'dir',
      'data/a.txt': 'file',
      'data/abs-link': 'symlink',
      'data/big.bin': 'file',
      'data/empty': 'file',
      [longName]: 'file',
      'data/long-link': 'symlink',
      'data/run.sh': 'file',
      'data/sub': 'dir',
      'data/sub/hard': 'file',
      'data/sub/rel-link': 'symlink',
    });
    expect(tree(outside)).toEqual({});
  });

  test('the counts', () => {
    expect(result).toEqual({ files: 5, folders: 2, links: 4, bytes: 6 + 0 + 18 + 5 + 20 * MiB, skipped: 0 });
    expect(warnings).toEqual([]);
  });

  test.each([
    ['data', 0o755, T1],
    ['data/sub', 0o750, T2],
    ['data/a.txt', 0o640, T3],
    ['data/empty', 0o600, T1],
    ['data/run.sh', 0o755, T2],
    [longName, 0o644, T1],
    ['data/big.bin', 0o600, T2],
  ])('%s: mode %o, mtime %s', (relative, mode, mtime) => {
    expect(modeOf(relative)).toBe(mode);
    expect(mtimeOf(relative)).toBe(mtime.getTime());
  });

  test.each([
    ['data/a.txt', 'hello\n'],
    ['data/empty', ''],
    ['data/run.sh', '#!/bin/sh\necho hi\n'],
    [longName, 'long\n'],
    ['data/sub/hard', 'hello\n'],
  ])('%s holds %j', (relative, content) => {
    expect(readFileSync(path.join(into, relative), 'utf8')).toBe(content);
  });

  test('the 20 MiB file, streamed, holds every byte', async () => {
    expect(statSync(path.join(into, 'data/big.bin')).size).toBe(20 * MiB);
    const hash = createHash('sha256').update(readFileSync(path.join(into, 'data/big.bin')));
    expect(hash.digest('hex')).toBe(bigHash);
  });

  test.each([
    ['data/sub/rel-link', '../a.txt', T1],
    ['data/abs-link', '/etc/passwd', T2],
    ['data/long-link', longTarget, T3],
  ])('%s is a symbolic link to %s, as written, with its mtime', (relative, target, mtime) => {
    expect(readlinkSync(path.join(into, relative))).toBe(target);
    expect(mtimeOf(relative)).toBe(mtime.getTime());
  });

  test('the hard link shares the file', () => {
    expect(statSync(path.join(into, 'data/sub/hard')).ino).toBe(statSync(path.join(into, 'data/a.txt')).ino);
    expect(statSync(path.join(into, 'data/a.txt')).nlink).toBe(2);
  });
});

describe('a source folder ending in /.', () => {
  test('the ./ entry is the destination itself: kept, its mode untouched', async () => {
    chmodSync(into, 0o751);
    const { result } = await run([
      { name: './', type: 'directory', mode: 0o500, mtime: T1 },
      { name: './a', body: 'a', mtime: T2 },
      { name: './d/', type: 'directory', mode: 0o700 },
      { name: './d/b', body: 'b' },
    ]);
    expect(tree(into)).toEqual({ a: 'file', d: 'dir', 'd/b': 'file' });
    expect(lstatSync(into).mode & 0o7777).toBe(0o751);
    expect(result).toMatchObject({ files: 2, folders: 1 });
  });
});

describe('renaming through target', () => {
  const target = (name: string): string | null => {
    if (name.startsWith('data/secret')) return null;
    if (name === 'data' || name.startsWith('data/')) return `reports${name.slice('data'.length)}`;
    return null;
  };
  const archive: Spec[] = [
    { name: 'data/', type: 'directory', mode: 0o755 },
    { name: 'data/x', body: 'x' },
    { name: 'data/secret.key', body: 'key' },
    { name: 'data/secrets/', type: 'directory' },
    { name: 'data/secrets/pw', body: 'pw' },
    { name: 'data/sub/y', body: 'y' },
    { name: 'data/hard', type: 'link', linkname: 'data/x' },
    { name: 'data/dev', type: 'character-device', devmajor: 1, devminor: 3 },
    { name: 'other', body: 'o' },
  ];
  let called: string[];
  let result: ExtractResult;
  let warnings: string[];

  beforeEach(async () => {
    called = [];
    ({ result, warnings } = await run(archive, {
      target: (name) => {
        called.push(name);
        return target(name);
      },
    }));
  });

  test('the entries land where target says, the skipped ones nowhere', () => {
    expect(tree(into)).toEqual({
      reports: 'dir',
      'reports/hard': 'file',
      'reports/sub': 'dir',
      'reports/sub/y': 'file',
      'reports/x': 'file',
    });
    expect(statSync(path.join(into, 'reports/hard')).ino).toBe(statSync(path.join(into, 'reports/x')).ino);
  });

  test('target sees the names as in the archive, trailing / removed; hard links by their linkname too', () => {
    expect(called).toEqual([
      'data',
      'data/x',
      'data/secret.key',
      'data/secrets',
      'data/secrets/pw',
      'data/sub/y',
      'data/hard',
      'data/x',
      'data/dev',
      'other',
    ]);
  });

  test('the special entry is warned about under its archive name', () => {
    expect(warnings).toEqual(['skipped data/dev: a character device']);
    expect(result).toEqual({ files: 2, folders: 1, links: 1, bytes: 2, skipped: 1 });
  });
});

describe('entries outside the destination are refused', () => {
  /** A target that renames one entry (lazily: `outside` is known only in the test). */
  const renaming = (name: string, to: () => string): Partial<ExtractPlan> => ({
    target: (entry) => (entry === name ? to() : entry),
  });
  test.each([
    [
      'a .. entry',
      [{ name: '../../etc/passwd', body: 'root::0:0' }],
      {},
      '"../../etc/passwd": it would be written outside',
    ],
    [
      'a .. into the sibling',
      [{ name: '../outside/evil', body: 'x' }],
      {},
      '"../outside/evil": it would be written outside',
    ],
    ['a .. in the middle', [{ name: 'a/../../outside/evil', body: 'x' }], {}, 'it would be written outside'],
    ['a .. folder', [{ name: '../outside/d/', type: 'directory' as const }], {}, 'it would be written outside'],
    ['a .. symlink', [{ name: '../outside/l', type: 'symlink' as const, linkname: 'x' }], {}, 'written outside'],
    ['an absolute entry', [{ name: '/etc/passwd', body: 'x' }], {}, '"/etc/passwd": its path is absolute'],
    ['an absolute folder', [{ name: '/absolute-d/', type: 'directory' as const }], {}, 'its path is absolute'],
    ['a rename that climbs', [{ name: 'ok', body: 'x' }], renaming('ok', () => '../outside/ok'), '"ok": it would be'],
    ['a rename that is absolute', [{ name: 'ok', body: 'x' }], renaming('ok', () => `${outside}/ok`), '"ok": its path'],
    [
      'a .. entry, whatever the rename makes of it',
      [{ name: '../../etc/passwd', body: 'x' }],
      { target: (entry: string) => path.posix.basename(entry) },
      '"../../etc/passwd": it would be written outside',
    ],
    ['a file named .', [{ name: '.', body: 'x' }], {}, '".": it would replace the destination folder itself'],
    [
      'a file renamed to ""',
      [{ name: 'f', body: 'x' }],
      renaming('f', () => ''),
      '"f": it would replace the destination',
    ],
    [
      'a symlink renamed to ./',
      [{ name: 'l', type: 'symlink' as const, linkname: '/' }],
      renaming('l', () => './'),
      '"l": it',
    ],
  ] as [string, Spec[], Partial<ExtractPlan>, string][])('%s', async (_, entries, plan, message) => {
    const source = tar([{ name: 'before', body: 'b' }, ...entries, { name: 'after', body: 'a' }]);
    const error = await failure(source, plan);
    expect(error.message).toMatch(/^refused the archive entry "/);
    expect(error.message).toContain(message);
    // What came before stays; nothing after the refusal, nothing outside.
    expect(tree(into)).toEqual({ before: 'file' });
    expect(tree(outside)).toEqual({});
    expect(source.destroyed).toBe(true);
  });
});

describe('nothing is written through a symbolic link', () => {
  test.each([
    ['a link of the archive, absolute', [{ name: 'x', type: 'symlink', linkname: '<outside>' }], 'x/evil', 'x'],
    ['a link of the archive, relative', [{ name: 'x', type: 'symlink', linkname: '../outside' }], 'x/evil', 'x'],
    ['a deeper link of the archive', [{ name: 'd/x', type: 'symlink', linkname: '<outside>' }], 'd/x/e/evil', 'd/x'],
    ['a link of the archive, then a folder', [{ name: 'x', type: 'symlink', linkname: '<outside>' }], 'x/sub/', 'x'],
    ['a link to ., then ..', [{ name: 'self', type: 'symlink', linkname: '.' }], 'self/evil', 'self'],
    ['a link already in the destination', [], 'pre/evil', 'pre'],
    ['a deeper link already in the destination', [], 'd2/pre/e/evil', 'd2/pre'],
  ] as [string, Spec[], string, string][])('%s', async (_, links, evil, link) => {
    symlinkSync(outside, path.join(into, 'pre'));
    mkdirSync(path.join(into, 'd2'));
    symlinkSync(outside, path.join(into, 'd2/pre'));
    const entries = links.map((spec) => ({ ...spec, linkname: spec.linkname?.replace('<outside>', outside) }));
    const isDir = evil.endsWith('/');
    const error = await failure([
      ...entries,
      isDir ? { name: evil, type: 'directory' } : { name: evil, body: 'pwned', mode: 0o777 },
      { name: 'after', body: 'a' },
    ]);
    expect(error.message).toBe(
      `refused the archive entry "${evil}": it would be written through the symbolic link "${link}"`,
    );
    expect(tree(outside)).toEqual({});
    expect(existsSync(path.join(into, 'after'))).toBe(false);
  });

  test.each([
    ['a link already in the destination, to a file outside', true],
    ['a link of the archive, to a file outside', false],
  ])('%s: at the final component, the link is replaced, the file outside untouched', async (_, already) => {
    writeFileSync(path.join(outside, 'victim'), 'original');
    if (already) symlinkSync(path.join(outside, 'victim'), path.join(into, 'target'));
    const links: Spec[] = already ? [] : [{ name: 'target', type: 'symlink', linkname: path.join(outside, 'victim') }];
    const { result } = await run([...links, { name: 'target', body: 'new', mode: 0o644 }]);
    expect(lstatSync(path.join(into, 'target')).isFile()).toBe(true);
    expect(readFileSync(path.join(into, 'target'), 'utf8')).toBe('new');
    expect(readFileSync(path.join(outside, 'victim'), 'utf8')).toBe('original');
    expect(result.files).toBe(1);
  });

  test('a dangling link at the final component: replaced, nothing created where it pointed', async () => {
    symlinkSync(path.join(outside, 'created'), path.join(into, 'target'));
    await run([{ name: 'target', body: 'new' }]);
    expect(readFileSync(path.join(into, 'target'), 'utf8')).toBe('new');
    expect(tree(outside)).toEqual({});
  });

  test('a symbolic link over a link already there: the new link, the old target untouched', async () => {
    writeFileSync(path.join(outside, 'victim'), 'original');
    symlinkSync(path.join(outside, 'victim'), path.join(into, 'l'));
    await run([{ name: 'l', type: 'symlink', linkname: 'elsewhere' }]);
    expect(readlinkSync(path.join(into, 'l'))).toBe('elsewhere');
    expect(readFileSync(path.join(outside, 'victim'), 'utf8')).toBe('original');
  });

  test('a file over a hard link already there: the other name keeps its content', async () => {
    writeFileSync(path.join(outside, 'shared'), 'original');
    linkSync(path.join(outside, 'shared'), path.join(into, 'f'));
    await run([{ name: 'f', body: 'new' }]);
    expect(readFileSync(path.join(into, 'f'), 'utf8')).toBe('new');
    expect(readFileSync(path.join(outside, 'shared'), 'utf8')).toBe('original');
  });
});

describe('hard links', () => {
  test.each([
    ['/etc/passwd', [], '"/etc/passwd"'],
    ['../outside/secret', [], '"../outside/secret"'],
    ['pre-existing', [], '"pre-existing"'],
    ['missing', [], '"missing"'],
    ['sym', [{ name: 'sym', type: 'symlink', linkname: '/etc/passwd' }], '"sym"'],
    ['dir/', [{ name: 'dir/', type: 'directory' }], '"dir/"'],
    ['.', [], '"."'],
    [
      'f',
      [
        { name: 'f', body: 'mine' },
        { name: 'f', type: 'symlink', linkname: '/etc/passwd' },
      ],
      '"f"',
    ],
    [
      'via/f',
      [
        { name: 'real/f', body: 'x' },
        { name: 'via', type: 'symlink', linkname: 'real' },
      ],
      '"via/f"',
    ],
    ['pre-link/passwd', [], '"pre-link/passwd"'],
  ] as [string, Spec[], string][])('to %s: refused', async (linkname, before, quoted) => {
    writeFileSync(path.join(outside, 'secret'), 'secret');
    writeFileSync(path.join(into, 'pre-existing'), 'not from the archive');
    symlinkSync('/etc', path.join(into, 'pre-link'));
    const error = await failure([...before, { name: 'h', type: 'link', linkname }]);
    expect(error.message).toBe(
      `refused the archive entry "h": a hard link to ${quoted}, which is not a file of this archive`,
    );
    expect(existsSync(path.join(into, 'h'))).toBe(false);
    expect(statSync(path.join(outside, 'secret')).nlink).toBe(1);
  });

  test('to a file of the archive, renamed like it, and to a hard link of the archive: allowed', async () => {
    const { result } = await run(
      [
        { name: 'src/f', body: 'content', mode: 0o640 },
        { name: 'src/h1', type: 'link', linkname: 'src/f' },
        { name: 'src/deeper/h2', type: 'link', linkname: 'src/h1' },
      ],
      { target: (name) => name.replace(/^src/, 'dst') },
    );
    const ino = statSync(path.join(into, 'dst/f')).ino;
    expect(statSync(path.join(into, 'dst/h1')).ino).toBe(ino);
    expect(statSync(path.join(into, 'dst/deeper/h2')).ino).toBe(ino);
    expect(statSync(path.join(into, 'dst/f')).nlink).toBe(3);
    expect(modeOf('dst/deeper/h2')).toBe(0o640);
    expect(result).toEqual({ files: 1, folders: 0, links: 2, bytes: 7, skipped: 0 });
  });
});

describe('special entries are skipped with a warning', () => {
  test.each([
    ['a FIFO', { name: 'data/pipe', type: 'fifo' }, 'skipped data/pipe: a FIFO'],
    [
      'a character device',
      { name: 'data/dev/null', type: 'character-device', devmajor: 1, devminor: 3 },
      'skipped data/dev/null: a character device',
    ],
    [
      'a block device',
      { name: 'data/sda', type: 'block-device', devmajor: 8, devminor: 0 },
      'skipped data/sda: a block device',
    ],
  ] as [string, Spec, string][])('%s', async (_, special, warning) => {
    const { result, warnings } = await run([
      { name: 'data/', type: 'directory' },
      special,
      { name: 'data/after', body: 'a' },
    ]);
    expect(warnings).toEqual([warning]);
    expect(result).toEqual({ files: 1, folders: 1, links: 0, bytes: 1, skipped: 1 });
    expect(tree(into)).toEqual({ data: 'dir', 'data/after': 'file' });
  });

  test('an unknown type, with a body: drained, the next entry intact', async () => {
    const archive = patched(
      await tarBuffer([
        { name: 'weird', body: 'z'.repeat(100 * 1024) },
        { name: 'after', body: 'after' },
      ]),
      'weird',
      { typeflag: 'Z' },
    );
    const { result, warnings } = await run(Readable.from([archive]));
    expect(warnings).toEqual(['skipped weird: an entry of unknown type']);
    expect(tree(into)).toEqual({ after: 'file' });
    expect(readFileSync(path.join(into, 'after'), 'utf8')).toBe('after');
    expect(result.skipped).toBe(1);
  });
});

describe('modes and times', () => {
  test.each([
    ['read-only', 0o555],
    ['owner read and search only', 0o500],
    ['no permission at all', 0o000],
  ])('a %s folder (%o) gets its children, then its mode and mtime', async (_, mode) => {
    const archive = await tarBuffer([
      { name: 'ro/', type: 'directory', mode: 0o755, mtime: T1 },
      { name: 'ro/sub/', type: 'directory', mode: 0o555, mtime: T2 },
      { name: 'ro/sub/f', body: 'deep', mode: 0o444, mtime: T3 },
      { name: 'ro/g', body: 'g', mode: 0o400, mtime: T3 },
    ]);
    await run(Readable.from([patched(archive, 'ro/', { mode })]));
    expect(modeOf('ro')).toBe(mode);
    expect(mtimeOf('ro')).toBe(T1.getTime());
    unlock(path.join(into, 'ro'));
    expect(tree(into)).toEqual({ ro: 'dir', 'ro/g': 'file', 'ro/sub': 'dir', 'ro/sub/f': 'file' });
    expect(readFileSync(path.join(into, 'ro/sub/f'), 'utf8')).toBe('deep');
    expect(modeOf('ro/sub/f')).toBe(0o444);
    expect(mtimeOf('ro/sub/f')).toBe(T3.getTime());
  });

  test('a folder listed after its children, and twice: created on the way, then the last header applies', async () => {
    await run([
      { name: 'd/f', body: 'f' },
      { name: 'd/', type: 'directory', mode: 0o711, mtime: T1 },
      { name: 'd/g', body: 'g' },
      { name: 'd/', type: 'directory', mode: 0o750, mtime: T2 },
    ]);
    expect(modeOf('d')).toBe(0o750);
    expect(mtimeOf('d')).toBe(T2.getTime());
  });

  // setuid and setgid are dropped: a container must not hand the runner's user setuid programs.
  test.each([
    [0o4755, 'setuid', 0o755],
    [0o2750, 'setgid, on a folder', 0o750],
    [0o1777, 'sticky', 0o1777],
    [0o000, 'nothing', 0o000],
    [0o000, 'nothing, on a folder', 0o000],
  ])('the permission bits %o (%s) are applied as %o', async (mode, what, applied) => {
    const spec: Spec =
      what.includes('folder') || what === 'sticky' ? { name: 'f', type: 'directory' } : { name: 'f', body: 'x' };
    await run(Readable.from([patched(await tarBuffer([{ ...spec, mode: 0o644 }]), 'f', { mode })]));
    expect(modeOf('f')).toBe(applied);
    expect(lstatSync(path.join(into, 'f')).isDirectory()).toBe(spec.type === 'directory');
  });
});

describe('folders and non-folders', () => {
  test.each([
    [
      'a folder already there, a file in the archive',
      'dir',
      [{ name: 'x', body: 'f' }],
      'directory "x" with a non-directory',
    ],
    [
      'a file already there, a folder in the archive',
      'file',
      [{ name: 'x/', type: 'directory' }],
      'non-directory "x" with a directory',
    ],
    [
      'a symbolic link already there, a folder in the archive',
      'symlink',
      [{ name: 'x/', type: 'directory' }],
      'non-directory "x" with a directory',
    ],
    [
      'a folder already there, a symbolic link in the archive',
      'dir',
      [{ name: 'x', type: 'symlink', linkname: '/' }],
      'directory "x" with a non-directory',
    ],
    [
      'a folder of the archive, then a file',
      null,
      [
        { name: 'x/', type: 'directory' },
        { name: 'x', body: 'f' },
      ],
      'directory "x" with a non-directory',
    ],
    [
      'a file of the archive, then a folder',
      null,
      [
        { name: 'x', body: 'f' },
        { name: 'x/', type: 'directory' },
      ],
      'non-directory "x" with a directory',
    ],
  ] as [string, 'dir' | 'file' | 'symlink' | null, Spec[], string][])(
    '%s: refused',
    async (_, already, entries, message) => {
      const x = path.join(into, 'x');
      if (already === 'dir') {
        mkdirSync(x);
        writeFileSync(path.join(x, 'kept'), 'kept');
      } else if (already === 'file') writeFileSync(x, 'kept');
      else if (already === 'symlink') symlinkSync(outside, x);
      const before = already === null ? null : tree(into);
      const error = await failure(entries);
      expect(error.message).toBe(
        `refused the archive entry "x${entries.at(-1)?.type === 'directory' ? '/' : ''}": cannot overwrite the ${message}`,
      );
      if (before) expect(tree(into)).toEqual(before);
      expect(tree(outside)).toEqual({});
    },
  );

  test('noOverwriteDirNonDir false: replaced both ways', async () => {
    mkdirSync(path.join(into, 'was-dir/deep'), { recursive: true });
    writeFileSync(path.join(into, 'was-dir/deep/f'), 'old');
    writeFileSync(path.join(into, 'was-file'), 'old');
    symlinkSync(outside, path.join(into, 'was-link'));
    await run(
      [
        { name: 'was-dir', body: 'now a file' },
        { name: 'was-file/', type: 'directory', mode: 0o700 },
        { name: 'was-file/inner', body: 'i' },
        { name: 'was-link/', type: 'directory' },
      ],
      { noOverwriteDirNonDir: false },
    );
    expect(tree(into)).toEqual({
      'was-dir': 'file',
      'was-file': 'dir',
      'was-file/inner': 'file',
      'was-link': 'dir',
    });
    expect(tree(outside)).toEqual({});
  });

  test('a folder already there, a folder in the archive: kept with its content, mode and mtime updated', async () => {
    mkdirSync(path.join(into, 'x'), { mode: 0o700 });
    writeFileSync(path.join(into, 'x/kept'), 'kept');
    const { result } = await run([
      { name: 'x/', type: 'directory', mode: 0o751, mtime: T1 },
      { name: 'x/new', body: 'n' },
    ]);
    expect(tree(into)).toEqual({ x: 'dir', 'x/kept': 'file', 'x/new': 'file' });
    expect(modeOf('x')).toBe(0o751);
    expect(mtimeOf('x')).toBe(T1.getTime());
    expect(result.folders).toBe(1);
  });

  test('a file already there, a file in the archive: replaced', async () => {
    writeFileSync(path.join(into, 'f'), 'a much longer old content');
    await run([{ name: 'f', body: 'new' }]);
    expect(readFileSync(path.join(into, 'f'), 'utf8')).toBe('new');
  });

  test('a parent that is a file: refused', async () => {
    writeFileSync(path.join(into, 'p'), 'file');
    const error = await failure([{ name: 'p/child', body: 'c' }]);
    expect(error.message).toBe('refused the archive entry "p/child": "p" is not a folder');
  });
});

describe('a cut or broken archive is an error', () => {
  const entries: Spec[] = [
    { name: 'first', body: 'first' },
    { name: 'big', body: Buffer.alloc(MiB, 7) },
  ];

  test.each([
    ['in the middle of a body', (full: Buffer) => full.subarray(0, 1536 + 600 * 1024), 'ended inside the entry "big"'],
    ['just after a header', (full: Buffer) => full.subarray(0, 1536), 'ended inside the entry "big"'],
    ['in the middle of a header', (full: Buffer) => full.subarray(0, 1024 + 200), 'ended inside an entry header'],
    [
      'after a whole entry, with no end marker',
      (full: Buffer) => full.subarray(0, 1024),
      'ended early, after the entry "first"',
    ],
    [
      'after the last entry, with no end marker',
      (full: Buffer) => full.subarray(0, full.length - 1024),
      'ended early, after the entry "big"',
    ],
    ['empty', () => Buffer.alloc(0), 'ended early, before its first entry'],
    ['not a tar stream', () => Buffer.alloc(2048, 'garbage'), 'is not a valid tar stream'],
  ])('cut %s', async (_, cut, message) => {
    const full = await tarBuffer(entries);
    // In 64 KiB chunks, as a socket would deliver it.
    const part = cut(full);
    const chunks = Array.from({ length: Math.ceil(part.length / 65536) }, (_, i) =>
      part.subarray(i * 65536, (i + 1) * 65536),
    );
    const error = await failure(Readable.from(chunks));
    expect(error.message).toContain(message);
    expect(error.message).toMatch(/^(the archive from the container|refused)/);
  });

  test('the whole archive, for comparison, succeeds', async () => {
    const { result } = await run(Readable.from([await tarBuffer(entries)]));
    expect(result).toEqual({ files: 2, folders: 0, links: 0, bytes: 5 + MiB, skipped: 0 });
  });

  test('the source fails in the middle: its error, named', async () => {
    const full = await tarBuffer(entries);
    const source = new Readable({ read() {} });
    source.push(full.subarray(0, 300 * 1024));
    setTimeout(() => source.destroy(new Error('socket hang up')), 50);
    const error = await failure(source);
    expect(error.message).toMatch(
      /^could not read the archive from the container \(in the entry "big"\): socket hang up$/,
    );
    expect(statSync(path.join(into, 'big')).size).toBeLessThan(MiB);
  });

  test('a disk error: named with the entry', async () => {
    const name = `d/${'n'.repeat(300)}`;
    const error = await failure([{ name, body: 'x' }]);
    expect(error.message).toMatch(/^could not write the archive entry "d\/n{198}…" to "d\/n{198}…": ENAMETOOLONG/);
  });
});

describe('memory', () => {
  test('a 256 MiB file, generated as it streams, extracts with flat memory', async () => {
    const size = 256 * MiB;
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    try {
      const { result } = await run([{ name: 'huge.bin', size, body: generated(size / (64 * 1024), 64 * 1024) }]);
      expect(result).toEqual({ files: 1, folders: 0, links: 0, bytes: size, skipped: 0 });
    } finally {
      clearInterval(timer);
    }
    const after = process.memoryUsage().rss;
    peak = Math.max(peak, after);
    process.stdout.write(
      `extract memory: rss before ${(before / MiB) | 0} MiB, peak +${((peak - before) / MiB).toFixed(1)} MiB, after +${((after - before) / MiB).toFixed(1)} MiB\n`,
    );
    expect(statSync(path.join(into, 'huge.bin')).size).toBe(size);
    expect(after - before).toBeLessThan(64 * MiB);
    expect(peak - before).toBeLessThan(64 * MiB);
  }, 180_000);
});
