// The end of the container's own log, for the report when the step fails (report/service-log.ts).
import { TailBuffer } from '../../report/tail-buffer.js';
import type { ServiceLog } from '../../report/service-log.js';
import type { ContainerDetails, Engine } from './engine/engine.js';
import { FrameDecoder } from './engine/frames.js';
import { displayName } from './find.js';

/** The most of the log kept, whatever its lines' length (the end is kept). */
const LOG_BYTES = 64 * 1024;
/** An engine that does not send the log in this time is not waited for longer. */
const LOG_WAIT_MS = 10_000;

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
