// Reading tar streams from chunks valid until the next read (src/shared/tar-reader.ts).
// Archives come from tar-stream's pack() (ustar and PAX, as Go writes them) and, for GNU long
// names and base-256 numbers, from header blocks written here.
import { describe, expect, test } from '@jest/globals';
import { pack } from 'tar-stream';
import type { ChunkSource } from '../../../src/shared/chunks.js';
import {
  BLOCK,
  decodeHeader,
  numberField,
  parsePax,
  TarCutError,
  TarFormatError,
  TarReader,
} from '../../../src/shared/tar-reader.js';

type Spec = { name: string; body?: string; type?: 'file' | 'directory' | 'symlink'; linkname?: string };

async function packed(entries: Spec[]): Promise<Buffer> {
  const archive = pack();
  for (const { body, ...header } of entries)
    archive.entry({ ...header, mtime: new Date(1_700_000_000_000) }, body ?? '');
  archive.finalize();
  const parts: Buffer[] = [];
  for await (const part of archive) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

/**
 * The bytes in pieces of `size`, each copied into ONE buffer that the next read overwrites,
 * as a socket read into a reused buffer delivers them: a reader that kept a view too long
 * would see the next piece's bytes.
 */
function reusedPieces(bytes: Buffer, size: number): ChunkSource {
  const buffer = Buffer.alloc(size);
  let at = 0;
  return {
    next: () => {
      if (at >= bytes.length) return Promise.resolve(null);
      buffer.fill(0x5a);
      const n = bytes.copy(buffer, 0, at, at + size);
      at += n;
      return Promise.resolve(buffer.subarray(0, n));
    },
  };
}

async function readAll(source: ChunkSource) {
  const reader = new TarReader(source);
  const entries: { name: string; type: string | null; linkname: string | null; body: string; offset: number }[] = [];
  for (let entry = await reader.next(); entry; entry = await reader.next()) {
    let body = '';
    for (let piece = await entry.body.next(); piece; piece = await entry.body.next()) body += piece.toString();
    entries.push({
      name: entry.header.name,
      type: entry.header.type,
      linkname: entry.header.linkname,
      body,
      offset: entry.offset,
    });
  }
  return { entries, bytes: await reader.drain() };
}

/** A ustar or GNU header block with a correct checksum. */
function block(fields: {
  name: string;
  flag: string;
  size?: number | Buffer;
  gnu?: boolean;
  linkname?: string;
}): Buffer {
  const header = Buffer.alloc(BLOCK);
  header.write(fields.name, 0, 100, 'utf8');
  header.write('0000644\0', 100, 'latin1');
  header.write('0000000\0', 108, 'latin1');
  header.write('0000000\0', 116, 'latin1');
  if (Buffer.isBuffer(fields.size)) fields.size.copy(header, 124);
  else header.write(`${(fields.size ?? 0).toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  header.write('14000000000\0', 136, 'latin1');
  header.write(fields.flag, 156, 'latin1');
  if (fields.linkname) header.write(fields.linkname, 157, 100, 'utf8');
  header.write(fields.gnu ? 'ustar  \0' : 'ustar\x0000', 257, 'latin1');
  header.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return header;
}

/** A PAX record: its length counts its own digits, the key, the value and the newline, in bytes. */
function record(key: string, value: string): string {
  const rest = Buffer.byteLength(` ${key}=${value}\n`);
  let length = rest + 1;
  while (String(length).length + rest !== length) length++;
  return `${length} ${key}=${value}\n`;
}

const padded = (text: string): Buffer => {
  const bytes = Buffer.from(text);
  return Buffer.concat([bytes, Buffer.alloc((BLOCK - (bytes.length % BLOCK)) % BLOCK)]);
};

describe('TarReader', () => {
  const long = `d/${'n'.repeat(180)}/file.txt`;
  const specs: Spec[] = [
    { name: 'd/', type: 'directory' },
    { name: 'd/a.txt', body: 'alpha' },
    { name: 'd/empty', body: '' },
    { name: long, body: 'x'.repeat(1500) },
    { name: 'd/link', type: 'symlink', linkname: `../${'t'.repeat(120)}` },
  ];

  test.each([1, 7, 511, 512, 513, 4096, 65536])(
    'ustar and PAX entries, read in reused pieces of %i bytes',
    async (size) => {
      const bytes = await packed(specs);
      const { entries, bytes: total } = await readAll(reusedPieces(bytes, size));
      expect(entries.map(({ offset: _offset, ...rest }) => rest)).toEqual([
        { name: 'd/', type: 'directory', linkname: null, body: '' },
        { name: 'd/a.txt', type: 'file', linkname: null, body: 'alpha' },
        { name: 'd/empty', type: 'file', linkname: null, body: '' },
        { name: long, type: 'file', linkname: null, body: 'x'.repeat(1500) },
        { name: 'd/link', type: 'symlink', linkname: `../${'t'.repeat(120)}`, body: '' },
      ]);
      expect(total).toBe(bytes.length);
    },
  );

  test('an entry whose body is not read: skipped, the next intact', async () => {
    const reader = new TarReader(reusedPieces(await packed(specs), 300));
    const names: string[] = [];
    for (let entry = await reader.next(); entry; entry = await reader.next()) names.push(entry.header.name);
    expect(names).toEqual(specs.map((spec) => spec.name));
  });

  test('GNU long names and long link targets', async () => {
    const name = `g/${'L'.repeat(200)}`;
    const target = `${'K'.repeat(150)}`;
    const bytes = Buffer.concat([
      block({ name: '././@LongLink', flag: 'L', size: name.length + 1, gnu: true }),
      padded(`${name}\0`),
      block({ name: '././@LongLink', flag: 'K', size: target.length, gnu: true }),
      padded(target),
      block({ name: name.slice(0, 99), flag: '1', gnu: true, linkname: 'short' }),
      Buffer.alloc(2 * BLOCK),
    ]);
    const { entries } = await readAll(reusedPieces(bytes, 100));
    expect(entries).toEqual([{ name, type: 'link', linkname: target, body: '', offset: 4 * BLOCK }]);
  });

  test.each([
    ['cut inside a header', (bytes: Buffer) => bytes.subarray(0, 700), TarCutError],
    ['cut inside a body', (bytes: Buffer) => bytes.subarray(0, 1024 + 2), TarCutError],
    ['not a tar stream', () => Buffer.alloc(1024, 'garbage'), TarFormatError],
  ])('%s', async (_, cut, kind) => {
    const bytes = cut(
      await packed([
        { name: 'a', body: 'hello' },
        { name: 'b', body: 'world' },
      ]),
    );
    await expect(readAll(reusedPieces(bytes, 64))).rejects.toBeInstanceOf(kind);
  });
});

describe('fields', () => {
  test.each([
    ['octal, NUL-ended', Buffer.from('0000644\0'), 0o644],
    ['octal, space and NUL', Buffer.from('000644 \0'), 0o644],
    ['spaces before', Buffer.from('   644 \0'), 0o644],
    ['empty', Buffer.alloc(8), 0],
    ['base-256', Buffer.from([0x80, 0, 0, 0, 0, 0, 0x01, 0x00]), 256],
    ['base-256, 8 GiB', Buffer.from([0x80, 0, 0, 0, 0, 0, 0, 0x02, 0, 0, 0, 0]), 2 ** 33],
  ])('numberField: %s', (_, field, value) => {
    expect(numberField(field, 0, field.length)).toBe(value);
  });

  test.each([
    ['not octal', Buffer.from('0000968\0')],
    ['negative base-256', Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe])],
  ])('numberField refuses %s', (_, field) => {
    expect(() => numberField(field, 0, field.length)).toThrow(TarFormatError);
  });

  test.each([
    ['one record', record('path', 'a/b/c.d'), { path: 'a/b/c.d' }],
    [
      'two, UTF-8',
      record('path', '\u00e9t\u00e9') + record('linkpath', '../x/y'),
      { path: '\u00e9t\u00e9', linkpath: '../x/y' },
    ],
    ['a value with = and spaces', record('comment', 'a = b'), { comment: 'a = b' }],
  ])('parsePax: %s', (_, text, records) => {
    expect(parsePax(Buffer.from(text))).toEqual(records);
  });

  test.each([
    ['a wrong length', '99 path=x\n'],
    ['no newline', '9 path=xy'],
    ['no key', '7 =abc\n'],
  ])('parsePax refuses %s', (_, text) => {
    expect(() => parsePax(Buffer.from(text))).toThrow(TarFormatError);
  });

  test.each([
    ['a ustar file', block({ name: 'f', flag: '0' }), {}, { name: 'f', type: 'file' }],
    ['an old NUL type', block({ name: 'f', flag: '\0' }), {}, { name: 'f', type: 'file' }],
    ['a trailing slash on a file: a folder', block({ name: 'd/', flag: '0' }), {}, { name: 'd/', type: 'directory' }],
    ['an unknown type', block({ name: 'z', flag: 'Z' }), {}, { name: 'z', type: null }],
    ['a FIFO', block({ name: 'p', flag: '6' }), {}, { name: 'p', type: 'fifo' }],
    [
      'PAX path and size win',
      block({ name: 'short', flag: '0', size: 3 }),
      { path: 'long/name', size: '9' },
      { name: 'long/name', size: 9 },
    ],
    [
      'a base-256 size',
      block({ name: 'big', flag: '0', size: Buffer.from([0x80, 0, 0, 0, 0, 0, 0, 0x02, 0, 0, 0, 0]) }),
      {},
      { size: 2 ** 33 },
    ],
  ])('decodeHeader: %s', (_, header, meta, fields) => {
    expect(decodeHeader(header, meta)).toMatchObject(fields);
  });

  test('decodeHeader refuses a bad checksum', () => {
    const header = block({ name: 'f', flag: '0' });
    header[0] = 0x67;
    expect(() => decodeHeader(header)).toThrow('checksum');
  });
});
