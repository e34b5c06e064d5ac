// The exec created while the container is still being looked up.
//
// The docker CLI inspects the container, then creates the exec: two round trips in a row
// before the command can start, each a full network round trip on a remote engine. The exec
// create names its container the same way the inspect does (the engine's own look-up of an
// ID, a name or an ID prefix), so it is sent at once, alongside the look-up, on the string
// the look-up sends first: the job service's container ID, else the `container` input. It is
// used only when the look-up found the container through that same string; otherwise (a
// network alias, a Compose service, a container that has to be waited for and was not
// running yet) it is left unstarted and the exec is created on the container found. Every
// check and every message of the look-up stays the look-up's: this create's own errors are
// never shown.
import type { Inputs } from '../../inputs/inputs.js';
import type { ExecSpec } from '../../shared/backend.js';
import { newMarker, withMarker } from '../../shared/marker.js';
import { ConnectionError, type Engine } from './engine/engine.js';
import { createExec } from './exec.js';
import { jobServiceId, type FoundContainer } from './find.js';

export interface ExecOnLookup {
  /** What the exec was created on: a container ID or name, as the engine looks it up. */
  target: string;
  execId: string;
  /** The marker in the exec's environment (shared/marker.ts finds its processes by it). */
  marker: string;
}

/** A container ID, or a name as Docker allows them: safe to put in a request path as is. */
const ENGINE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** Starts creating the exec on the container as the workflow names it; undefined if it cannot be. */
export function createExecOnLookup(
  engine: Engine,
  inputs: Pick<Inputs, 'container' | 'job' | 'detach'>,
  spec: ExecSpec,
): Promise<ExecOnLookup | undefined> {
  // What the look-up sends to the engine first (find.ts): a job service's ID, else the input.
  const target = jobServiceId(inputs.job, inputs.container) || inputs.container;
  // A detached command is started once, after the look-up: no round trip to save.
  if (inputs.detach || !ENGINE_NAME.test(target)) return Promise.resolve(undefined);
  const marker = newMarker();
  return createExec(engine, target, withMarker(spec, marker)).then(
    (execId) => ({ target, execId, marker }),
    () => undefined,
  );
}

/**
 * The exec created on look-up, if the look-up found the container through the string it was
 * created on. An engine that left that create unanswered fails the step here: asking again
 * would wait as long once more.
 */
export async function execForFound(
  engine: Engine,
  creating: Promise<ExecOnLookup | undefined>,
  found: FoundContainer,
): Promise<ExecOnLookup | undefined> {
  const exec = await creating;
  if (!exec && engine.unanswered) throw new ConnectionError(engine.unanswered);
  return exec && exec.target === found.lookedUpAs ? exec : undefined;
}
