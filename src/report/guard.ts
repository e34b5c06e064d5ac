// What keeps the job log honest while the container's output is shown: the stop-commands
// guard around it, masks registered before anything is printed, and our own lines about the
// container made inert, so that no text from the container can act as a workflow command.
import * as core from '@actions/core';
import type { Writable } from 'node:stream';
import { randomHex } from '../random.js';

/** Resolves when everything written to `target` so far has been flushed. */
export function flushed(target: Writable): Promise<void> {
  if (target.destroyed || target.writableEnded) return Promise.resolve();
  return new Promise((resolve) => target.write(Buffer.alloc(0), () => resolve()));
}

/**
 * Text from the engine or the container (its workdir, user, image, the stop helper's output)
 * made safe to print outside the guard: control characters escaped, so that no line of it can
 * start with `::`, and `##[`, a command anywhere in a line for the runner, broken by a
 * zero-width space.
 */
export function inert(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, (c) =>
        c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
      )
      .replace(/##\[/g, '##[\u200b')
  );
}

/** Registers values to be masked in the log; multi-line values line by line too. */
export function registerSecrets(values: string[]): void {
  for (const value of values) {
    core.setSecret(value);
    if (value.includes('\n')) {
      for (const line of value.split(/\r?\n/)) if (line.trim().length >= 8) core.setSecret(line.trim());
    }
  }
}

/**
 * While the container's output is shown, the runner must not take any of it as a workflow
 * command. `::stop-commands::<token>` before and `::<token>::` after do that, but only if no
 * container byte can reach the runner after the resume marker: the runner reads our stdout
 * and stderr through two pipes, in no guaranteed order, so while guarded the container's
 * stderr is written to our stdout too, behind the marker, in the order it arrived.
 */
export class OutputGuard {
  private readonly token = randomHex(16);
  private lastByte = 0x0a;
  private active = false;

  constructor(readonly enabled: boolean) {}

  get stderrTarget(): NodeJS.WritableStream & import('node:stream').Writable {
    return this.enabled ? process.stdout : process.stderr;
  }

  /**
   * Remembers the last byte shown on our stdout, to put the resume marker and our own lines
   * on lines of their own.
   */
  saw(payload: Buffer, onStdout = true): void {
    if (payload.length && onStdout) this.lastByte = payload[payload.length - 1];
  }

  /** True while the command left a line open on our stdout. */
  get midLine(): boolean {
    return this.lastByte !== 0x0a;
  }

  open(): void {
    if (!this.enabled || this.active) return;
    this.active = true;
    process.stdout.write(`::stop-commands::${this.token}\n`);
  }

  async close(): Promise<void> {
    await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
    // A line the command left open is ended, so that what we print next (the resume marker,
    // the result line) is not read as part of it.
    const newline = this.midLine ? '\n' : '';
    this.lastByte = 0x0a;
    if (!this.active) {
      if (newline) process.stdout.write(newline);
    } else {
      this.active = false;
      process.stdout.write(`${newline}::${this.token}::\n`);
    }
    await flushed(process.stdout);
  }
}
