// The command's output on its way to the job log, on any back end: payloads go to their
// targets as bytes, never decoded per chunk, and the source (the engine's socket, the
// WebSocket of pods/exec) is paused while a target is full, so memory stays flat however fast
// the command prints.
import { Writable } from 'node:stream';
import { flushed } from '../report/guard.js';

export const STDOUT = 1;
export const STDERR = 2;
export type StreamNumber = typeof STDOUT | typeof STDERR;

export interface StreamTargets {
  stdout: Writable;
  stderr: Writable;
  /** Sees every payload (for output tails), after it was handed to its target. */
  observe?: (stream: StreamNumber, payload: Buffer) => void;
}

export interface StreamEnd {
  stdoutBytes: number;
  stderrBytes: number;
  /** Why the stream did not end cleanly: a cut frame, a connection error, a missing status. */
  broken?: string;
}

/** What can be paused: a socket, a WebSocket. */
export interface Pausable {
  pause(): void;
  resume(): void;
}

/**
 * Hands payloads to the targets and counts them. Backpressure, by the source's kind: a pushing
 * source (a WebSocket) is paused by `throttle` until every target that asked for it has
 * drained; a pulled source waits for `written` before reading again, which also frees the
 * chunk's bytes for the next read when they are a view into a reused buffer.
 */
export class OutputSink {
  readonly end: StreamEnd = { stdoutBytes: 0, stderrBytes: 0 };
  /** The targets, each once (stdout and stderr are one stream with a TTY). */
  private readonly distinct: Writable[];
  private readonly waiting = new Set<Writable>();
  /** Writes handed to a target whose callback has not run yet. */
  private pending = 0;
  private whenWritten: (() => void) | undefined;
  private readonly onWritten = (): void => {
    if (--this.pending > 0) return;
    const resolve = this.whenWritten;
    this.whenWritten = undefined;
    resolve?.();
  };

  constructor(
    private readonly targets: StreamTargets,
    private readonly source?: Pausable,
  ) {
    this.distinct = [targets.stdout, targets.stderr].filter((t, i, all) => all.indexOf(t) === i);
  }

  deliver(stream: StreamNumber, payload: Buffer): void {
    if (stream === STDOUT) {
      this.end.stdoutBytes += payload.length;
      this.pending++;
      this.targets.stdout.write(payload, this.onWritten);
    } else {
      this.end.stderrBytes += payload.length;
      this.pending++;
      this.targets.stderr.write(payload, this.onWritten);
    }
    this.targets.observe?.(stream, payload);
  }

  /** Resolves when every payload handed over so far has been written (its bytes are no longer needed). */
  written(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => (this.whenWritten = resolve));
  }

  throttle(): void {
    const source = this.source;
    if (!source) return;
    for (const target of this.distinct) {
      if (!target.writableNeedDrain || this.waiting.has(target)) continue;
      if (this.waiting.size === 0) source.pause();
      this.waiting.add(target);
      target.once('drain', () => {
        this.waiting.delete(target);
        if (this.waiting.size === 0) source.resume();
      });
    }
  }

  /**
   * Resolves once everything handed to the targets has left this process's buffers: a
   * write's callback runs after every write before it was flushed.
   */
  async flushed(): Promise<StreamEnd> {
    await Promise.all(this.distinct.map(flushed));
    return this.end;
  }
}

/** Targets that keep a helper command's small output (stopping, placing files), both streams in one. */
export function quietTargets(): { targets: StreamTargets; text: () => string } {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      // A copy: the chunk may be a view into a buffer that the next read reuses.
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return { targets: { stdout: sink, stderr: sink }, text: () => Buffer.concat(chunks).toString('utf8') };
}
