// A few buffers handed out and given back: reads of a large file land in them instead of in
// a fresh Buffer each, so that what streams through leaves no garbage behind it.

export class ReusedBuffers {
  private readonly free: Buffer[] = [];
  /** The pool's own memory, by which a chunk given back is known as one of its buffers. */
  private readonly own = new Set<ArrayBufferLike>();
  private readonly waiting: ((buffer: Buffer) => void)[] = [];

  constructor(count: number, size: number) {
    for (let i = 0; i < count; i++) {
      // allocUnsafeSlow: a buffer of its own, not a slice of Node's shared pool.
      const buffer = Buffer.allocUnsafeSlow(size);
      this.free.push(buffer);
      this.own.add(buffer.buffer);
    }
  }

  /** A free buffer, once one is given back if none is free now. */
  take(): Promise<Buffer> {
    const buffer = this.free.pop();
    if (buffer) return Promise.resolve(buffer);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Gives back the buffer `chunk` is a view into; a chunk of other memory is ignored. */
  giveBack(chunk: Uint8Array): void {
    if (!this.own.has(chunk.buffer)) return;
    const buffer = Buffer.from(chunk.buffer, 0, chunk.buffer.byteLength);
    const waiter = this.waiting.shift();
    if (waiter) waiter(buffer);
    else this.free.push(buffer);
  }
}
