// What the end of an exec's output and the engine's answers about it say of the command's
// exit: pure functions of what was seen, so every case can be tested without an engine.
import type { StreamEnd } from '../../shared/output.js';

/** The engine's answer about an exec once its output has ended. */
export interface ExitStatus {
  exitCode?: number;
  running?: boolean;
  removed?: boolean;
  /** The engine said the command was running after its output had ended. */
  ranOn?: boolean;
  /** The container the engine says the exec ran in. */
  containerId?: string;
}

/** The container after the command, as the engine describes it. */
export type ContainerAfter =
  { removed: true } | { removed?: false; running: boolean; status: string; exitCode: number };

/**
 * The code Docker records for an exec whose output it could not deliver: when writing to the
 * attach connection fails, moby's ContainerExecStart (daemon/exec.go) marks the exec ended
 * with 126 ("exec attach failed") while the command itself runs on.
 */
export const ATTACH_FAILED_EXIT_CODE = 126;

/** How long to keep asking for an exit code after the output ended (engines can lag). */
export const EXIT_CODE_WAIT_MS = 10_000;

export type Classified =
  /** The run's end, final. */
  | { kind: 'final'; exitCode?: number; problem?: string }
  /** No trustworthy code: what became of the container explains it (unknownReason). */
  | { kind: 'unknown' }
  /** A signal death, which can be the container going away: look at it (afterSignal). */
  | { kind: 'signalled'; exitCode: number };

/** Classifies a run from its output's end and the engine's exit status. */
export function classifyExit(stream: StreamEnd, status: ExitStatus, containerId: string): Classified {
  if (status.containerId && status.containerId !== containerId) {
    // An exec created on a name (exec-on-lookup.ts) while that name passed to another container.
    return {
      kind: 'final',
      exitCode: status.exitCode,
      problem: `the command ran in container ${status.containerId.slice(0, 12)}, not in ${containerId.slice(0, 12)}: the container was replaced while the step looked it up`,
    };
  }
  if (!stream.broken && status.ranOn && status.exitCode !== undefined) {
    // The output ended cleanly (between two frames) while the engine still said the command
    // was running. Docker and Podman set the exit code before they end an exec's output (moby
    // daemon/monitor.go: ExitCode, then CloseStreams), so the connection to the output was
    // lost and whatever the command printed after that is missing: the step fails, whatever
    // the code.
    if (status.exitCode === ATTACH_FAILED_EXIT_CODE) {
      // Docker before 28 then records 126 (exec attach failed: moby daemon/exec.go) for the
      // output it could not deliver: not the command's status, which is not known.
      return {
        kind: 'final',
        problem: `the connection to the command's output was lost while the command was still running (the output ended, then the engine recorded exit code ${ATTACH_FAILED_EXIT_CODE} for output it could not deliver): exit status unknown`,
      };
    }
    return {
      kind: 'final',
      exitCode: status.exitCode,
      problem: `the connection to the command's output was lost while the command was still running (the output ended, then the command exited with code ${status.exitCode}): what it printed after that is missing`,
    };
  }
  // The output was cut, or the engine gives no code: whatever code it may give is no sure
  // account of the command (Docker before 28 records 126 when it cannot deliver output).
  if (stream.broken || status.exitCode === undefined) return { kind: 'unknown' };
  if (status.exitCode >= 128) return { kind: 'signalled', exitCode: status.exitCode };
  return { kind: 'final', exitCode: status.exitCode };
}

/** Why the exit status is unknown, given what became of the container. */
export function unknownReason(stream: StreamEnd, status: ExitStatus, container: ContainerAfter): string {
  if (container.removed) return 'the container was removed while the command was running: exit status unknown';
  if (!container.running)
    return `the container stopped while the command was running (container ${container.status}, exit code ${container.exitCode}): exit status unknown`;
  if (stream.broken) return `${stream.broken}: exit status unknown`;
  if (status.removed) return 'the engine no longer knows the exec: exit status unknown';
  return status.running
    ? `exit status unknown: the output ended but the engine still reports the command as running after ${EXIT_CODE_WAIT_MS / 1000}s`
    : `exit status unknown: the engine reports no exit code after ${EXIT_CODE_WAIT_MS / 1000}s`;
}

/**
 * A signal death (code >= 128) seen against the container: the problem when the container
 * went away with it, undefined while it still runs (the engine may call it running for a
 * moment after the exec's end, so the caller looks a few times).
 */
export function afterSignal(
  exitCode: number,
  container: ContainerAfter,
): { exitCode: number; problem: string } | undefined {
  if (container.removed) return { exitCode, problem: 'the container was removed while the command was running' };
  if (!container.running)
    return {
      exitCode,
      problem: `the container stopped while the command was running (container ${container.status}, command killed with code ${exitCode})`,
    };
  return undefined;
}
