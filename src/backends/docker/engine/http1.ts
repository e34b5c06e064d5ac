// The few parts of HTTP/1.1 that the engine's streaming answers need, as pure functions over
// bytes: the answer's head, and the body's framing (chunked, a length, or to the end of the
// connection). Used where the action reads the engine's socket into a reused buffer
// (reused-reads.ts), so that a stream of any size leaves no garbage behind it.

export interface ResponseHead {
  status: number;
  reason: string;
  /** Header names in lower case; a repeated header keeps its first value. */
  headers: Record<string, string>;
}

/** The longest head taken: the engine's are a few hundred bytes. */
export const MAX_HEAD_BYTES = 64 * 1024;

/** Where the head ends (the index just past its blank line), or -1 while it has not ended. */
export function headEnd(bytes: Buffer): number {
  const at = bytes.indexOf('\r\n\r\n');
  return at < 0 ? -1 : at + 4;
}

/** Parses a response head (status line and headers, without the blank line's bytes or with them). */
export function parseHead(text: string): ResponseHead {
  const lines = text.split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(lines[0]);
  if (!status) throw new Error(`not an HTTP/1.1 answer: ${JSON.stringify(lines[0].slice(0, 80))}`);
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`malformed header line: ${JSON.stringify(line.slice(0, 80))}`);
    const name = line.slice(0, colon).trim().toLowerCase();
    headers[name] ??= line.slice(colon + 1).trim();
  }
  return { status: Number(status[1]), reason: status[2] ?? '', headers };
}

/** How the body after a head is framed. */
export type BodyFraming = { kind: 'chunked' } | { kind: 'length'; length: number } | { kind: 'to-close' };

export function bodyFraming(head: ResponseHead, method: string): BodyFraming {
  if (method === 'HEAD' || head.status === 204 || head.status === 304) return { kind: 'length', length: 0 };
  // 101: the connection now carries the exec's raw stream, both ways, until it closes.
  if (head.status === 101) return { kind: 'to-close' };
  if (/\bchunked\b/i.test(head.headers['transfer-encoding'] ?? '')) return { kind: 'chunked' };
  const length = head.headers['content-length'];
  if (length !== undefined) {
    if (!/^\d+$/.test(length)) throw new Error(`bad Content-Length: ${JSON.stringify(length)}`);
    return { kind: 'length', length: Number(length) };
  }
  return { kind: 'to-close' };
}

/**
 * Takes a chunked body apart as it arrives, in pieces of any size: `push` hands each run of
 * body bytes to `emit` as a view into the piece given (nothing is copied but the few bytes of
 * a chunk's size line split between pieces).
 */
export class ChunkedDecoder {
  /** Bytes of the current chunk still to come. */
  private remaining = 0;
  private state: 'size' | 'data' | 'data-end' | 'trailer' | 'done' = 'size';
  private line = '';
  /** The CR/LF bytes after a chunk's data still to be seen. */
  private crlfSeen = 0;

  get done(): boolean {
    return this.state === 'done';
  }

  /** True when the body stopped inside a chunk or before its last (empty) chunk. */
  get partial(): boolean {
    return this.state !== 'done';
  }

  /** Bytes of `piece` after the body's end (none are expected: the connection closes). */
  push(piece: Buffer, emit: (data: Buffer) => void): number {
    let at = 0;
    while (at < piece.length && this.state !== 'done') {
      if (this.state === 'data') {
        const take = Math.min(this.remaining, piece.length - at);
        emit(piece.subarray(at, at + take));
        this.remaining -= take;
        at += take;
        if (this.remaining === 0) {
          this.state = 'data-end';
          this.crlfSeen = 0;
        }
        continue;
      }
      if (this.state === 'data-end') {
        const expected = this.crlfSeen === 0 ? 0x0d : 0x0a;
        if (piece[at] !== expected) throw new Error('chunked body: no CRLF after a chunk');
        at++;
        if (++this.crlfSeen === 2) this.state = 'size';
        continue;
      }
      // A size line or a trailer line: read up to its LF.
      const lf = piece.indexOf(0x0a, at);
      const end = lf < 0 ? piece.length : lf;
      this.line += piece.toString('latin1', at, end);
      if (this.line.length > 4096) throw new Error('chunked body: a size or trailer line is too long');
      at = lf < 0 ? piece.length : lf + 1;
      if (lf < 0) break;
      const line = this.line.replace(/\r$/, '');
      this.line = '';
      if (this.state === 'trailer') {
        if (line === '') this.state = 'done';
        continue;
      }
      const size = /^([0-9a-fA-F]+)(?:;.*)?$/.exec(line.trim());
      if (!size) throw new Error(`chunked body: bad chunk size line ${JSON.stringify(line.slice(0, 40))}`);
      this.remaining = parseInt(size[1], 16);
      this.state = this.remaining === 0 ? 'trailer' : 'data';
    }
    return piece.length - at;
  }
}

/** An engine's HTTP error in docker-modem's shape, for explainError. */
export function httpError(head: Pick<ResponseHead, 'status' | 'reason'>, text: string): Error {
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // a plain-text body is shown as it is
  }
  return Object.assign(new Error(`(HTTP code ${head.status}) ${head.reason} - ${text.trim()}`), {
    statusCode: head.status,
    json,
  });
}
