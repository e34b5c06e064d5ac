// Stopping a command in the container. The engine has no call to kill an exec
// (https://github.com/moby/moby/issues/9098) and neither the runner nor a client disconnect
// stops it. Every exec this action starts carries a marker variable in its environment, which
// its children inherit; stopping means signalling, from a second exec, every process whose
// environment holds the marker: the command and whatever it started.
import { setTimeout as sleep } from 'node:timers/promises';
import { randomHex } from '../random.js';
import type { ExecSpec, HelperOutput } from './backend.js';

export const MARKER_NAME = 'DOCKER_EXEC_ACTION_RUN';

export function newMarker(): string {
  return `${MARKER_NAME}=${randomHex(8)}`;
}

/** The spec with the marker added to its environment (its processes and their children inherit it). */
export function withMarker(spec: ExecSpec, marker: string): ExecSpec {
  return { ...spec, env: [...spec.env, marker] };
}

// $1: the marker entry, $2: the signal. Prints how many processes it signalled. 2>/dev/null
// comes before < so that a process gone meanwhile adds no message to the count's output.
// /proc is read in text order, not parent first: so the processes are all stopped, then
// signalled, then continued, or a parent would see its child die and run its next command
// (or exit 0) before its own signal came.
const SIGNAL_MARKED = `m="$1"
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

/** Runs a helper command in the container and collects its small output (any back end). */
export type RunHelper = (cmd: string[]) => Promise<HelperOutput>;

/** Signals every process carrying the marker; how many it signalled. */
async function signalMarked(runHelper: RunHelper, marker: string, signal: 'TERM' | 'KILL'): Promise<number> {
  const { exitCode, output } = await runHelper(['sh', '-c', SIGNAL_MARKED, 'sh', marker, signal]);
  if (exitCode !== 0)
    throw new Error(`the stop helper exited ${exitCode ?? 'with no status'}: ${output.trim().slice(0, 200)}`);
  return Number(output.trim()) || 0;
}

/**
 * Sends TERM to the command's processes, then KILL to what is left after `graceMs`, by the
 * marker in their environment, through a second command (`runHelper`, on any back end).
 * Returns a short description for the log; throws when the container offers no way to.
 */
export async function stopByMarker(
  runHelper: RunHelper,
  marker: string,
  hasEnded: () => Promise<boolean>,
  graceMs = 2000,
): Promise<string> {
  const termed = await signalMarked(runHelper, marker, 'TERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (await hasEnded()) {
      // The main process is gone; children that ignored TERM are still killed.
      const killed = await signalMarked(runHelper, marker, 'KILL');
      return `sent TERM to ${termed} process(es)${killed ? `, KILL to ${killed} left behind` : ''}`;
    }
    await sleep(100);
  }
  const killed = await signalMarked(runHelper, marker, 'KILL');
  return `sent TERM to ${termed} process(es), then KILL to ${killed} after ${graceMs / 1000}s`;
}
