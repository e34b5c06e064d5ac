/**
 * Keeps the last `capacity` bytes written to it, in fixed memory, however much passes
 * through (outputs, annotation and summary tails). Bytes are copied in, so no chunk of the
 * stream is kept alive by a small slice of it.
 */
export class TailBuffer {
  private readonly ring: Buffer;
  private start = 0;
  private length = 0;
  total = 0;

  constructor(readonly capacity: number) {
    this.ring = Buffer.alloc(capacity);
  }

  write(chunk: Buffer): void {
    this.total += chunk.length;
    if (this.capacity === 0) return;
    if (chunk.length >= this.capacity) {
      chunk.copy(this.ring, 0, chunk.length - this.capacity);
      this.start = 0;
      this.length = this.capacity;
      return;
    }
    let end = (this.start + this.length) % this.capacity;
    let from = 0;
    while (from < chunk.length) {
      const n = Math.min(chunk.length - from, this.capacity - end);
      chunk.copy(this.ring, end, from, from + n);
      from += n;
      end = (end + n) % this.capacity;
    }
    const overflow = this.length + chunk.length - this.capacity;
    if (overflow > 0) {
      this.start = (this.start + overflow) % this.capacity;
      this.length = this.capacity;
    } else {
      this.length += chunk.length;
    }
  }

  /** True when more was written than is kept. */
  get cut(): boolean {
    return this.total > this.length;
  }

  bytes(): Buffer {
    const head = this.ring.subarray(this.start, Math.min(this.start + this.length, this.capacity));
    const wrapped = this.start + this.length - this.capacity;
    return wrapped > 0 ? Buffer.concat([head, this.ring.subarray(0, wrapped)]) : Buffer.from(head);
  }

  /**
   * The kept bytes as text. When the front was cut, a partial UTF-8 character left there is
   * dropped rather than shown as a replacement character.
   */
  text(): string {
    let bytes = this.bytes();
    if (this.cut) {
      let skip = 0;
      while (skip < 3 && skip < bytes.length && (bytes[skip] & 0xc0) === 0x80) skip++;
      bytes = bytes.subarray(skip);
    }
    return bytes.toString('utf8');
  }

  /** The last `count` lines of the kept text (a cut first line is left out). */
  lastLines(count: number): string[] {
    const lines = this.text().replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
    if (this.cut) lines.shift();
    return lines.slice(-count);
  }
}
