// The back end's part of a run, behind one interface: create the command, run it attached
// until its output ends and its exit status is known, and stop its processes. attempts.ts
// (retries, timeout, heartbeat, cancellation, the output guard) drives any of them: the
// Docker Engine's exec API here, Kubernetes' pods/exec in kube/exec.ts.
import type { Engine } from '../engine/engine.js';
import { attachAndWait, createExec, type ExecOutcome, type ExecSpec } from './run.js';
import { stopCommand, withMarker } from './stop.js';
import type { StreamTargets } from './stream.js';

export interface CommandRunner {
  /** Makes the command ready to start, with `marker` in its environment; returns its ID. */
  create(spec: ExecSpec, marker: string): Promise<string>;
  /** Runs it attached until its output has ended; `whileStarting` runs once it is starting. */
  attach(id: string, spec: ExecSpec, targets: StreamTargets, whileStarting?: () => void): Promise<ExecOutcome>;
  /** Stops the command's processes (TERM, then KILL): a short description for the log. */
  stop(id: string, marker: string): Promise<string>;
}

/** The Docker Engine's exec API, in one container. */
export function dockerRunner(engine: Engine, containerId: string): CommandRunner {
  return {
    create: (spec, marker) => createExec(engine, containerId, withMarker(spec, marker)),
    attach: (id, spec, targets, whileStarting) => attachAndWait(engine, containerId, id, spec, targets, whileStarting),
    stop: (id, marker) => stopCommand(engine, containerId, id, marker),
  };
}
