// The container's own log, shown when the step fails: the cause of a failed command is often
// there rather than in the command's output (a Postgres that refused the connection, ran out
// of shared memory, rejected a password). Shown behind the same guard as the command's
// output, since the service wrote it; a log that cannot be read is said in one line, and never
// fails anything of its own.
import * as core from '@actions/core';
import { displayName } from '../container/find.js';
import type { ContainerDetails, Engine } from '../engine/engine.js';
import { FrameDecoder } from '../engine/frames.js';
import { inert, type OutputGuard } from './guard.js';
import { TailBuffer } from './tail-buffer.js';

/** The most of the log kept, whatever its lines' length (the end is kept). */
const LOG_BYTES = 64 * 1024;
/** An engine that does not send the log in this time is not waited for longer. */
const LOG_WAIT_MS = 10_000;

export type ServiceLog = { lines: string[] } | { unavailable: string };

/** Reads the last `lines` lines of the container's log (stdout and stderr, timestamped). */
export async function readServiceLog(engine: Engine, container: ContainerDetails, lines: number): Promise<ServiceLog> {
  const tail = new TailBuffer(LOG_BYTES);
  let timer: NodeJS.Timeout | undefined;
  try {
    const stream = await engine.containerLog(container.Id, lines);
    // With a TTY the log is raw bytes; without, frames (Docker and Podman alike).
    const decoder = container.Config.Tty ? undefined : new FrameDecoder();
    const done = new Promise<void>((resolve, reject) => {
      stream.on('data', (chunk: Buffer) =>
        decoder ? decoder.push(chunk, (_stream, payload) => tail.write(payload)) : tail.write(chunk),
      );
      stream.once('end', resolve).once('error', reject);
      timer = setTimeout(() => {
        stream.destroy();
        reject(new Error(`the engine did not send it within ${LOG_WAIT_MS / 1000}s`));
      }, LOG_WAIT_MS);
    });
    await done;
  } catch (error) {
    return { unavailable: `the log of ${displayName(container)} could not be read: ${(error as Error).message}` };
  } finally {
    clearTimeout(timer);
  }
  const text = tail.text().replace(/\r\n/g, '\n').replace(/\n$/, '');
  return { lines: text ? text.split('\n').slice(-lines) : [] };
}

/** Prints the log in a collapsed group, behind the guard; returns it for the summary. */
export async function showServiceLog(
  engine: Engine,
  container: ContainerDetails,
  lines: number,
  guard: OutputGuard,
): Promise<ServiceLog | undefined> {
  if (lines <= 0) return undefined;
  const log = await readServiceLog(engine, container, lines);
  if ('unavailable' in log) {
    core.info(inert(log.unavailable));
    return log;
  }
  if (!log.lines.length) {
    core.info(inert(`The log of ${displayName(container)} is empty`));
    return log;
  }
  core.startGroup(`Last ${log.lines.length} lines of the log of ${displayName(container)}`);
  guard.open();
  process.stdout.write(log.lines.map((line) => `${line}\n`).join(''));
  guard.saw(Buffer.from('\n'));
  await guard.close();
  core.endGroup();
  return log;
}
