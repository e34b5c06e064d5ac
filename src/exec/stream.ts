// The exec's output stream: the engine's multiplexed frames (engine/frames.ts) or, with a
// TTY, raw bytes. Payloads go to their targets as bytes, never decoded per chunk, and the
// engine socket is paused while a target is full, so memory stays flat however fast the
// command prints.
import type { Readable, Writable } from 'node:stream';
import { FrameDecoder, STDERR, STDOUT } from '../engine/frames.js';
import { youngCollectionEvery } from '../memory.js';
import { flushed } from '../report/guard.js';

export interface StreamTargets {
  stdout: Writable;
  stderr: Writable;
  /** Sees every payload (for output tails), after it was handed to its target. */
  observe?: (stream: typeof STDOUT | typeof STDERR, payload: Buffer) => void;
}

export interface StreamEnd {
  stdoutBytes: number;
  stderrBytes: number;
  /** Why the stream did not end cleanly: a cut frame or a connection error. */
  broken?: string;
}

/** Copies the exec's output to the targets until the engine ends the stream. */
export function pumpOutput(source: Readable, tty: boolean, targets: StreamTargets): Promise<StreamEnd> {
  return new Promise((resolve) => {
    const decoder = tty ? undefined : new FrameDecoder();
    const result: StreamEnd = { stdoutBytes: 0, stderrBytes: 0 };
    let settled = false;

    const finish = (broken?: string) => {
      if (settled) return;
      settled = true;
      if (!broken && decoder?.partial) broken = decoder.describePartial();
      if (broken) result.broken = broken;
      // Resolve once everything handed to the targets has left this process's buffers: a
      // write's callback runs after every write before it was flushed.
      const targetsOnce = [targets.stdout, targets.stderr].filter((t, i, all) => all.indexOf(t) === i);
      void Promise.all(targetsOnce.map(flushed)).then(() => resolve(result));
    };

    const deliver = (stream: typeof STDOUT | typeof STDERR, payload: Buffer) => {
      if (stream === STDOUT) {
        result.stdoutBytes += payload.length;
        targets.stdout.write(payload);
      } else {
        result.stderrBytes += payload.length;
        targets.stderr.write(payload);
      }
      targets.observe?.(stream, payload);
    };

    // Backpressure: after each chunk, stop reading from the engine until every target that
    // asked for it has drained.
    const throttle = () => {
      const full = [targets.stdout, targets.stderr].filter((t, i, all) => all.indexOf(t) === i && t.writableNeedDrain);
      if (full.length === 0) return;
      source.pause();
      let left = full.length;
      for (const target of full) target.once('drain', () => --left === 0 && source.resume());
    };

    let ended = false;
    const collect = youngCollectionEvery();
    source.on('data', (chunk: Buffer) => {
      if (decoder) decoder.push(chunk, deliver);
      else deliver(STDOUT, chunk);
      throttle();
      collect(chunk.length);
    });
    source.once('end', () => {
      ended = true;
      finish();
    });
    source.once('error', (error: NodeJS.ErrnoException) =>
      finish(`connection to the engine lost while reading the output (${error.code ?? error.message})`),
    );
    source.once('close', () => finish(ended ? undefined : 'connection to the engine closed before the output ended'));
  });
}
