// Waiting for the container until it can run the command, on any back end: the same lines in
// the log, the same timeout and cancellation, whatever "ready" means there.
import * as core from '@actions/core';
import { ActionError } from '../errors.js';
import { formatDuration } from '../inputs/duration.js';

export interface Readiness<T> {
  /** The container's name, for the log and the errors. */
  name: string;
  /** What it has to become, in the log's words ("running", "healthy", "ready"). */
  goal: string;
  /** Looks again: its state now (throws when it is gone). */
  look(): Promise<T>;
  ready(state: T): boolean;
  /** Why it cannot run a command now and never will without help, or undefined. */
  hopeless(state: T): string | undefined;
  /** The timeout's message, given the last state and how long was waited. */
  notReady(state: T, waited: string): string;
  /** Resolves after at most `ms`, or sooner when the back end knows something changed. */
  pause(ms: number, signal: AbortSignal): Promise<void>;
}

/** How often a state is looked at again when nothing said it changed. */
export const LOOK_EVERY_MS = { docker: 1000, kubernetes: 500 } as const;

/**
 * Waits from `state` (not ready) until the container is ready, failing at once when it never
 * will, after `timeoutMs`, or on cancellation.
 */
export async function waitUntilReady<T>(
  readiness: Readiness<T>,
  state: T,
  timeoutMs: number,
  signal: AbortSignal,
  lookEveryMs: number,
): Promise<T> {
  const { name } = readiness;
  core.info(`Waiting for ${name} to be ${readiness.goal}…`);
  const started = Date.now();
  const deadline = started + timeoutMs;
  for (;;) {
    const why = readiness.hopeless(state);
    if (why) throw new ActionError(why);
    if (signal.aborted) throw new ActionError(`cancelled while waiting for container ${name}`);
    const left = deadline - Date.now();
    if (left <= 0) throw new ActionError(readiness.notReady(state, formatDuration(timeoutMs)));
    await readiness.pause(Math.min(lookEveryMs, left), signal);
    state = await readiness.look();
    if (readiness.ready(state)) {
      core.info(`Container ready after ${formatDuration(Date.now() - started)}`);
      return state;
    }
  }
}
