// How long anything waits for an engine or an API server, on either back end. A server that
// accepts a connection and never answers must fail the step with one line, not hold it until
// the job's own limit; a quiet command must not lose its connection to a proxy that cuts idle
// ones (nginx's default is 60 s), so connections that carry a command's output send keep-alives.
import { Transform, type TransformCallback } from 'node:stream';
import { formatDuration } from '../inputs/duration.js';

/**
 * The most any request waits for its answer (and an answer's body between two bytes), the
 * command's own output stream excepted: a command may print nothing for hours.
 */
export const REQUEST_BOUND_MS = 30_000;

/**
 * During the look-up a request waits no longer than what is left of wait-timeout, but at least
 * this long (a wait-timeout of 0 still lets the engine answer once).
 */
export const LOOKUP_FLOOR_MS = 5_000;

/** Kubernetes exec: a WebSocket ping this often (runner-container-hooks pings every 5 s). */
export const PING_EVERY_MS = 5_000;

/** Kubernetes exec: no pong for this long ends the run (three pings unanswered). */
export const PONG_WAIT_MS = 15_000;

/** SSH engines: an SSH keep-alive this often while the connection is quiet. */
export const SSH_KEEPALIVE_MS = 10_000;

/** SSH engines: keep-alives unanswered in a row before the connection is given up. */
export const SSH_KEEPALIVE_COUNT_MAX = 3;

/**
 * The bound of one request: REQUEST_BOUND_MS, or during the look-up (deadline set) what is left
 * of wait-timeout, within [LOOKUP_FLOOR_MS, REQUEST_BOUND_MS].
 */
export function requestBound(lookupDeadline: number | undefined, now = Date.now()): number {
  if (lookupDeadline === undefined) return REQUEST_BOUND_MS;
  return Math.min(REQUEST_BOUND_MS, Math.max(LOOKUP_FLOOR_MS, lookupDeadline - now));
}

/** The one line of a request left unanswered: the server, what was asked, how long it waited. */
export function noAnswerLine(server: string, doing: string, waitedMs: number, lookup: boolean): string {
  return `${server} did not answer within ${formatDuration(waitedMs)} (${doing})${lookup ? ', within wait-timeout' : ''}: it accepted the connection but sent nothing back. Check that the server is healthy, and any proxy between`;
}

/**
 * A timer over one request: `signal` aborts once `ms` pass without `touch()` (progress, such as
 * a chunk of a request body sent). `clear()` when the answer came.
 */
export class RequestTimer {
  private readonly controller = new AbortController();
  private timer?: NodeJS.Timeout;
  fired = false;

  constructor(readonly ms: number) {
    this.touch();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  touch(): void {
    if (this.fired) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.fired = true;
      this.controller.abort(new Error(`no answer within ${this.ms} ms`));
    }, this.ms);
  }

  clear(): void {
    clearTimeout(this.timer);
  }
}

/**
 * A pass-through for an answer's body that fails it with `error()` when the server sends no byte
 * for `ms` while the reader waits for one; time the reader itself is behind (data waiting to be
 * read here) does not count.
 */
export function stallGuard(ms: number, error: () => Error): Transform {
  let timer: NodeJS.Timeout | undefined;
  const guard: Transform = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      arm();
      callback(null, chunk);
    },
    flush(callback: TransformCallback) {
      clearTimeout(timer);
      callback();
    },
  });
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (guard.readableLength > 0 || guard.writableLength > 0) arm();
      else guard.destroy(error());
    }, ms);
  };
  guard.once('close', () => clearTimeout(timer));
  arm();
  return guard;
}
