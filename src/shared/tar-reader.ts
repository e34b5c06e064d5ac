// Reading a tar stream entry by entry, from chunks that are valid only until the next is
// asked for (a socket read into a reused buffer): headers are decoded as they pass, and a
// body is handed on as views into those chunks, never copied. Only a header split between
// two chunks, and the small bodies of PAX and GNU long-name entries, are copied out.
//
// It reads what Go's archive/tar writes for Docker and Podman (ustar, PAX, GNU long names,
// base-256 numbers) and what the tar of a busybox or GNU userland writes. Names are not
// judged here: the extractor treats every field as hostile.

import type { ChunkSource } from './chunks.js';

export type TarType =
  'file' | 'link' | 'symlink' | 'character-device' | 'block-device' | 'directory' | 'fifo' | 'contiguous-file';

export interface TarHeader {
  name: string;
  /** Null for a type this reader does not know. */
  type: TarType | null;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtime: Date;
  linkname: string | null;
  uname: string;
  gname: string;
}

export interface TarEntry {
  header: TarHeader;
  /** Where the entry's header starts in the stream (after any PAX or long-name entries before it). */
  offset: number;
  /** The body, in views valid until the next call; null after `header.size` bytes. */
  body: ChunkSource;
}

export const BLOCK = 512;
/** The longest PAX or GNU long-name body taken (Go writes a few hundred bytes). */
const MAX_META_BYTES = 1024 * 1024;

const TYPES: Record<string, TarType> = {
  '0': 'file',
  '\0': 'file',
  '1': 'link',
  '2': 'symlink',
  '3': 'character-device',
  '4': 'block-device',
  '5': 'directory',
  '6': 'fifo',
  '7': 'contiguous-file',
};

export class TarFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TarFormatError';
  }
}

/** The stream ended inside a header or a body. */
export class TarCutError extends Error {
  constructor() {
    super('unexpected end of data');
    this.name = 'TarCutError';
  }
}

function text(block: Buffer, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const nul = field.indexOf(0);
  return field.toString('utf8', 0, nul < 0 ? length : nul);
}

/** A numeric field: octal text, or base-256 (the high bit of the first byte set) for large values. */
export function numberField(block: Buffer, start: number, length: number): number {
  const field = block.subarray(start, start + length);
  if (field[0] & 0x80) {
    if (field[0] & 0x40) throw new TarFormatError('a negative base-256 number');
    let value = field[0] & 0x3f;
    for (let i = 1; i < field.length; i++) value = value * 256 + field[i];
    if (!Number.isSafeInteger(value)) throw new TarFormatError('a base-256 number too large');
    return value;
  }
  // Octal digits, padded with spaces or zeros, ended by a NUL or a space.
  const value = field.toString('latin1').split('\0')[0].trim();
  if (value === '') return 0;
  if (!/^[0-7]+$/.test(value)) throw new TarFormatError(`a bad number field ${JSON.stringify(value)}`);
  return parseInt(value, 8);
}

/** Whether the header's checksum holds (the unsigned sum, or the signed one old tars wrote). */
function checksumHolds(block: Buffer): boolean {
  const stored = numberField(block, 148, 8);
  let unsigned = 8 * 0x20;
  let signed = 8 * 0x20;
  for (let i = 0; i < BLOCK; i++) {
    if (i >= 148 && i < 156) continue;
    unsigned += block[i];
    signed += block[i] > 127 ? block[i] - 256 : block[i];
  }
  return stored === unsigned || stored === signed;
}

function isZeroBlock(block: Buffer): boolean {
  for (let i = 0; i < BLOCK; i++) if (block[i] !== 0) return false;
  return true;
}

/** PAX records: "LENGTH key=value\n", LENGTH counting the whole record. */
export function parsePax(body: Buffer): Record<string, string> {
  const records: Record<string, string> = {};
  let at = 0;
  while (at < body.length) {
    const space = body.indexOf(0x20, at);
    const length = space < 0 ? NaN : Number(body.toString('latin1', at, space));
    if (!Number.isInteger(length) || length <= 0 || at + length > body.length || body[at + length - 1] !== 0x0a)
      throw new TarFormatError('a malformed PAX record');
    const record = body.toString('utf8', space + 1, at + length - 1);
    const equals = record.indexOf('=');
    if (equals <= 0) throw new TarFormatError('a malformed PAX record');
    records[record.slice(0, equals)] = record.slice(equals + 1);
    at += length;
  }
  return records;
}

/** Decodes a header block; `meta` holds what PAX and GNU long-name entries before it said. */
export function decodeHeader(block: Buffer, meta: Record<string, string> = {}): TarHeader & { flag: string } {
  if (!checksumHolds(block)) throw new TarFormatError('a header whose checksum does not hold');
  const magic = block.toString('latin1', 257, 263);
  const ustar = magic === 'ustar\0';
  if (!ustar && magic !== 'ustar ') throw new TarFormatError('a header of no ustar, PAX or GNU format');
  const flag = String.fromCharCode(block[156]);
  let name = text(block, 0, 100);
  const prefix = ustar ? text(block, 345, 155) : '';
  if (prefix) name = `${prefix}/${name}`;
  let type: TarType | null = TYPES[flag] ?? null;
  // Old tars marked a folder by a trailing slash on a file entry.
  if (type === 'file' && name.endsWith('/')) type = 'directory';
  const linkname = text(block, 157, 100);
  const paxNumber = (key: string, fallback: number): number => {
    const value = meta[key];
    if (value === undefined) return fallback;
    const number = Number(value);
    if (!Number.isFinite(number) || number < 0) throw new TarFormatError(`a bad PAX ${key} ${JSON.stringify(value)}`);
    return number;
  };
  const size = paxNumber('size', numberField(block, 124, 12));
  if (!Number.isSafeInteger(size)) throw new TarFormatError('a bad size');
  return {
    flag,
    name: meta.path ?? name,
    type,
    mode: numberField(block, 100, 8),
    uid: paxNumber('uid', numberField(block, 108, 8)),
    gid: paxNumber('gid', numberField(block, 116, 8)),
    size,
    mtime: new Date(paxNumber('mtime', numberField(block, 136, 12)) * 1000),
    linkname: meta.linkpath ?? (linkname || null),
    uname: meta.uname ?? text(block, 265, 32),
    gname: meta.gname ?? text(block, 297, 32),
  };
}

/** Entries of a tar stream, one at a time; the unread rest of a body is skipped. */
export class TarReader {
  /** Bytes taken from the source so far. */
  bytes = 0;
  private chunk: Buffer | undefined;
  private at = 0;
  private ended = false;
  /** A header split between chunks is gathered here. */
  private readonly block = Buffer.alloc(BLOCK);
  /** Body bytes of the current entry not yet handed out, then its padding. */
  private bodyLeft = 0;
  private paddingLeft = 0;
  private globalMeta: Record<string, string> = {};

  constructor(private readonly source: ChunkSource) {}

  /** The next piece of the stream, at most `most` bytes, as a view; null at the source's end. */
  private async take(most: number): Promise<Buffer | null> {
    while (!this.chunk || this.at >= this.chunk.length) {
      if (this.ended) return null;
      const chunk = await this.source.next();
      if (!chunk) {
        this.ended = true;
        this.chunk = undefined;
        return null;
      }
      this.bytes += chunk.length;
      this.chunk = chunk;
      this.at = 0;
    }
    const piece = this.chunk.subarray(this.at, this.at + Math.min(most, this.chunk.length - this.at));
    this.at += piece.length;
    return piece;
  }

  /** Where the next unread byte is in the stream. */
  private get position(): number {
    return this.bytes - (this.chunk ? this.chunk.length - this.at : 0);
  }

  private async skip(count: number): Promise<void> {
    while (count > 0) {
      const piece = await this.take(count);
      if (!piece) throw new TarCutError();
      count -= piece.length;
    }
  }

  /** The next header block (a view, or a copy when split), or null at a clean end of the source. */
  private async readBlock(): Promise<Buffer | null> {
    const first = await this.take(BLOCK);
    if (!first) return null;
    if (first.length === BLOCK) return first;
    first.copy(this.block, 0);
    let filled = first.length;
    while (filled < BLOCK) {
      const piece = await this.take(BLOCK - filled);
      if (!piece) throw new TarCutError();
      piece.copy(this.block, filled);
      filled += piece.length;
    }
    return this.block;
  }

  private async readBody(size: number): Promise<Buffer> {
    if (size > MAX_META_BYTES) throw new TarFormatError(`a PAX or long-name entry of ${size} bytes`);
    const body = Buffer.alloc(size);
    let filled = 0;
    while (filled < size) {
      const piece = await this.take(size - filled);
      if (!piece) throw new TarCutError();
      piece.copy(body, filled);
      filled += piece.length;
    }
    await this.skip((BLOCK - (size % BLOCK)) % BLOCK);
    return body;
  }

  /** The next entry, or null at the end-of-archive block or a clean end of the source. */
  async next(): Promise<TarEntry | null> {
    await this.skip(this.bodyLeft + this.paddingLeft);
    this.bodyLeft = 0;
    this.paddingLeft = 0;
    let meta: Record<string, string> = { ...this.globalMeta };
    for (;;) {
      const offset = this.position;
      const block = await this.readBlock();
      if (!block || isZeroBlock(block)) return null;
      const header = decodeHeader(block, meta);
      if (header.flag === 'x' || header.flag === 'g' || header.flag === 'L' || header.flag === 'K') {
        const body = await this.readBody(header.size);
        if (header.flag === 'x') meta = { ...meta, ...parsePax(body) };
        else if (header.flag === 'g') {
          this.globalMeta = { ...this.globalMeta, ...parsePax(body) };
          meta = { ...meta, ...this.globalMeta };
        } else {
          const nul = body.indexOf(0);
          meta[header.flag === 'L' ? 'path' : 'linkpath'] = body.toString('utf8', 0, nul < 0 ? body.length : nul);
        }
        continue;
      }
      const fields: TarHeader = header;
      // A folder's size says nothing of a body (none follows it).
      const size = fields.type === 'directory' ? 0 : fields.size;
      this.bodyLeft = size;
      this.paddingLeft = (BLOCK - (size % BLOCK)) % BLOCK;
      return { header: fields, offset, body: { next: () => this.nextBodyPiece() } };
    }
  }

  private async nextBodyPiece(): Promise<Buffer | null> {
    if (this.bodyLeft === 0) return null;
    const piece = await this.take(this.bodyLeft);
    if (!piece) throw new TarCutError();
    this.bodyLeft -= piece.length;
    return piece;
  }

  /** Reads the source to its end (what follows the end-of-archive block): how many bytes it held in all. */
  async drain(): Promise<number> {
    while (await this.take(Infinity));
    return this.bytes;
  }
}
