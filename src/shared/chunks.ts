// Chunks pulled one at a time from a source that waits behind each: the form in which the
// action reads streams whose chunks may be views into a buffer that the next read reuses.

/** Chunks read one at a time: each is valid only until `next` is called again; null at the end. */
export interface ChunkSource {
  next(): Promise<Buffer | null>;
}

/** The connection closed before the stream ended (no error of its own). */
export class ClosedEarly extends Error {
  constructor() {
    super('connection closed before the stream ended');
    this.name = 'ClosedEarly';
  }
}

/**
 * Chunks pulled from a source that pauses behind each one: `offer` hands a chunk to the
 * reader waiting for it (or holds it until one asks), and the source is resumed only when the
 * next is asked for.
 */
export class PulledChunks implements ChunkSource {
  private held: Buffer | undefined;
  private waiter: { resolve: (chunk: Buffer | null) => void; reject: (error: Error) => void } | undefined;
  private ended = false;
  private failure: Error | undefined;
  /** The source is paused behind a chunk handed out. */
  private pausedBehind = false;

  constructor(private readonly resumeSource: () => void) {}

  /** A chunk read; the source has paused behind it. */
  offer(chunk: Buffer): void {
    this.pausedBehind = true;
    const waiter = this.waiter;
    this.waiter = undefined;
    if (waiter) waiter.resolve(chunk);
    else this.held = chunk;
  }

  /** The source ended (cleanly without `error`); what was offered is still handed out first. */
  finish(error?: Error): void {
    if (error) this.failure ??= error;
    else this.ended = true;
    const waiter = this.waiter;
    if (!waiter) return;
    this.waiter = undefined;
    if (this.failure) waiter.reject(this.failure);
    else waiter.resolve(null);
  }

  next(): Promise<Buffer | null> {
    if (this.held) {
      const chunk = this.held;
      this.held = undefined;
      return Promise.resolve(chunk);
    }
    if (this.failure) return Promise.reject(this.failure);
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
      if (this.pausedBehind) {
        this.pausedBehind = false;
        this.resumeSource();
      }
    });
  }
}

/** A Node stream's chunks, pulled one at a time (each is the stream's own Buffer). */
export function chunksOf(stream: NodeJS.ReadableStream): ChunkSource {
  const chunks = new PulledChunks(() => stream.resume());
  let ended = false;
  stream.on('data', (chunk: Buffer | string) => {
    stream.pause();
    chunks.offer(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  });
  stream.once('end', () => {
    ended = true;
    chunks.finish();
  });
  stream.once('error', (error: Error) => chunks.finish(error));
  stream.once('close', () => chunks.finish(ended ? undefined : new ClosedEarly()));
  return chunks;
}
