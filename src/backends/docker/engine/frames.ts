// The engine's multiplexed stream format, used for an exec's output and a container's log
// when there is no TTY: frames of an 8-byte header (stream type, three zero bytes, big-endian
// payload length) and the payload. Headers and payloads can be split across chunks.
import { STDERR, STDOUT, type StreamNumber } from '../../../shared/output.js';

export class FrameDecoder {
  private header = Buffer.alloc(8);
  private headerFill = 0;
  private remaining = 0;
  private stream: StreamNumber = STDOUT;

  /** Calls `emit` for each payload piece in `chunk`; pieces are views into `chunk`. */
  push(chunk: Buffer, emit: (stream: StreamNumber, payload: Buffer) => void): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.remaining === 0) {
        const need = 8 - this.headerFill;
        const take = Math.min(need, chunk.length - offset);
        chunk.copy(this.header, this.headerFill, offset, offset + take);
        this.headerFill += take;
        offset += take;
        if (this.headerFill < 8) return;
        this.headerFill = 0;
        // Type 0 is stdin echoed as stdout; 2 is stderr; 3 (system error) is shown as stderr.
        this.stream = this.header[0] === 2 || this.header[0] === 3 ? STDERR : STDOUT;
        this.remaining = this.header.readUInt32BE(4);
        continue;
      }
      const take = Math.min(this.remaining, chunk.length - offset);
      emit(this.stream, chunk.subarray(offset, offset + take));
      this.remaining -= take;
      offset += take;
    }
  }

  /** True when the stream stopped inside a frame. */
  get partial(): boolean {
    return this.headerFill > 0 || this.remaining > 0;
  }

  describePartial(): string {
    return this.remaining > 0
      ? `output stream cut inside a frame (${this.remaining} bytes missing)`
      : `output stream cut inside a frame header`;
  }
}
