// Stopping a command in the container. The engine has no call to kill an exec
// (https://github.com/moby/moby/issues/9098) and neither the runner nor a client disconnect
// stops it. Every exec this action starts carries a marker variable in its environment, which
// its children inherit; stopping means signalling, from a second exec, every process whose
// environment holds the marker: the command and whatever it started.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Engine } from '../engine/engine.js';
import { readExitCode, runQuiet } from './run.js';
import { randomHex } from '../random.js';

export const MARKER_NAME = 'DOCKER_EXEC_ACTION_RUN';

export function newMarker(): string {
  return `${MARKER_NAME}=${randomHex(8)}`;
}

// $1: the marker entry, $2: the signal. Prints how many processes it signalled. 2>/dev/null
// comes before < so that a process gone meanwhile adds no message to the count's output.
// /proc is read in text order, not parent first: so the processes are all stopped, then
// signalled, then continued, or a parent would see its child die and run its next command
// (or exit 0) before its own signal came.
export const SIGNAL_MARKED = `m="$1"
pass() {
  n=0
  for d in /proc/[0-9]*; do
    p="\${d#/proc/}"
    [ "$p" = "$$" ] && continue
    if tr '\\0' '\\n' 2>/dev/null < "$d/environ" | grep -qxF "$m"; then kill -"$1" "$p" 2>/dev/null && n=$((n+1)); fi
  done
}
pass STOP; pass "$2"; c=$n; pass CONT
echo "$c"`;

async function signalMarked(
  engine: Engine,
  containerId: string,
  marker: string,
  signal: 'TERM' | 'KILL',
): Promise<number> {
  const { exitCode, output } = await runQuiet(engine, containerId, ['sh', '-c', SIGNAL_MARKED, 'sh', marker, signal]);
  return signalledCount(exitCode, output);
}

/**
 * Sends TERM to the command's processes, then KILL to what is left after `graceMs`, through
 * `signal` (the marker script run by a second command, on any back end). Returns a short
 * description for the log; throws when the container offers no way to.
 */
export async function stopByMarker(
  signal: (name: 'TERM' | 'KILL') => Promise<number>,
  hasEnded: () => Promise<boolean>,
  graceMs = 2000,
): Promise<string> {
  const termed = await signal('TERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (await hasEnded()) {
      // The main process is gone; children that ignored TERM are still killed.
      const killed = await signal('KILL');
      return `sent TERM to ${termed} process(es)${killed ? `, KILL to ${killed} left behind` : ''}`;
    }
    await sleep(100);
  }
  const killed = await signal('KILL');
  return `sent TERM to ${termed} process(es), then KILL to ${killed} after ${graceMs / 1000}s`;
}

/** The signal helper's answer: how many processes it signalled. */
export function signalledCount(exitCode: number | undefined, output: string): number {
  if (exitCode !== 0)
    throw new Error(`the stop helper exited ${exitCode ?? 'with no status'}: ${output.trim().slice(0, 200)}`);
  return Number(output.trim()) || 0;
}

/** Stops a Docker exec's processes (see stopByMarker). */
export function stopCommand(
  engine: Engine,
  containerId: string,
  execId: string,
  marker: string,
  graceMs = 2000,
): Promise<string> {
  return stopByMarker(
    (signal) => signalMarked(engine, containerId, marker, signal),
    async () => {
      const state = await readExitCode(engine, execId, 0);
      return state.exitCode !== undefined || !!state.removed;
    },
    graceMs,
  );
}
