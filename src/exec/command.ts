// What the engine is asked to run: the command words, or a script placed in the container's
// /tmp for the shell to read (and removed afterwards), with the inputs that shape the exec.
import * as core from '@actions/core';
import type { Engine } from '../engine/engine.js';
import { ActionError } from '../errors.js';
import type { Inputs } from '../inputs/inputs.js';
import { planScript, tarOneFile, type ScriptPlan } from '../inputs/script.js';
import { randomHex } from '../random.js';
import { createExec, runQuiet, type ExecSpec } from './run.js';

export function commandPlan(inputs: Pick<Inputs, 'command' | 'script' | 'shell'>): ScriptPlan {
  if (inputs.command) return { cmd: inputs.command };
  const file = `/tmp/docker-exec-action-${randomHex(6)}`;
  return planScript(inputs.script ?? '', inputs.shell, file);
}

export function execSpec(inputs: Inputs, plan: ScriptPlan): ExecSpec {
  return {
    cmd: plan.cmd,
    env: inputs.env,
    user: inputs.user,
    workdir: inputs.workdir,
    privileged: inputs.privileged,
    tty: inputs.tty,
    stdin: inputs.stdin,
  };
}

export async function placeScript(engine: Engine, containerId: string, plan: ScriptPlan): Promise<void> {
  if (!plan.file) return;
  const name = plan.file.path.slice(plan.file.path.lastIndexOf('/') + 1);
  try {
    await engine.putArchive(containerId, '/tmp', tarOneFile(name, plan.file.content));
  } catch (error) {
    throw new ActionError(`could not place the script in the container's /tmp: ${(error as Error).message}`);
  }
}

/** Removes the script file, if there is one; a failure to remove it fails nothing. */
export async function removeScript(engine: Engine, containerId: string, plan: ScriptPlan): Promise<void> {
  if (plan.file) await runQuiet(engine, containerId, ['rm', '-f', plan.file.path]).catch(() => undefined);
}

/** Starts the command and returns once the engine has started it (detach). */
export async function runDetached(engine: Engine, containerId: string, spec: ExecSpec): Promise<void> {
  const execId = await createExec(engine, containerId, spec);
  await engine.startDetached(execId);
  core.setOutput('exec-id', execId);
  core.setOutput('attempts', '1');
  core.info(`Started detached: exec ${execId.slice(0, 12)}`);
}
