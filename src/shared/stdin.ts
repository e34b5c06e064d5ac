// The command's standard input, on any back end: read into a few buffers that are used again
// once the connection has taken them (no fresh Buffer per read, so nothing piles up between
// collections), at most BUFFERS chunks in flight (the backpressure), then ended.
import { open } from 'node:fs/promises';

const BUFFERS = 2;

/** Where the input goes: an engine's socket, or pods/exec's stdin channel. */
export interface StdinSink {
  /** Bytes left free before each chunk, for the back end's own header (a channel number). */
  headroom: number;
  /** Sends `chunk` (headroom included); resolves when its buffer may be used again, with the write's error if any. */
  write(chunk: Buffer): Promise<Error | null | undefined>;
  /** Whether it still takes input (false once the command or the connection is done). */
  readonly open: boolean;
  /** Ends the input, so that the command reads end-of-file while its output still flows back. */
  end(): void;
}

export type StdinBytes =
  { kind: 'text'; text: string } | { kind: 'file'; path: string } | { kind: 'bytes'; bytes: Buffer };

/** Reads the next piece into `buffer` at `offset`: how many bytes (0 at the end). */
type Reader = { read(buffer: Buffer, offset: number, length: number): Promise<number>; close(): Promise<void> };

async function readerOf(source: StdinBytes): Promise<Reader> {
  if (source.kind === 'file') {
    const file = await open(source.path, 'r');
    return {
      read: async (buffer, offset, length) => (await file.read(buffer, offset, length, null)).bytesRead,
      close: () => file.close(),
    };
  }
  const bytes = source.kind === 'text' ? Buffer.from(source.text, 'utf8') : source.bytes;
  let at = 0;
  return {
    read: (buffer, offset, length) => {
      const n = bytes.copy(buffer, offset, at, Math.min(at + length, bytes.length));
      at += n;
      return Promise.resolve(n);
    },
    close: () => Promise.resolve(),
  };
}

/**
 * Writes the input to `sink` in chunks of `chunkSize`, then ends it. Stops quietly when the
 * sink is done (command ended, connection lost: the output side reports those); rejects on
 * read errors.
 */
export async function feedStdin(source: StdinBytes, sink: StdinSink, chunkSize: number): Promise<void> {
  const reader = await readerOf(source);
  try {
    const buffers = Array.from({ length: BUFFERS }, () => Buffer.alloc(sink.headroom + chunkSize));
    // The pending write of each buffer; it resolves with the write's error, if any.
    const writes: Promise<Error | null | undefined>[] = [];
    for (let i = 0; ; i = (i + 1) % BUFFERS) {
      if (await writes[i]) return;
      const n = await reader.read(buffers[i], sink.headroom, chunkSize);
      if (!sink.open) return;
      if (n === 0) break;
      writes[i] = sink.write(buffers[i].subarray(0, sink.headroom + n));
    }
    sink.end();
  } finally {
    await reader.close();
  }
}
