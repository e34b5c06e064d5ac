// What the back end is asked to run: the command words, or a script placed in the
// container's /tmp for the shell to read (and removed afterwards), with the inputs that shape
// the run.
import type { Inputs } from '../inputs/inputs.js';
import { planScript, type ScriptPlan } from '../inputs/script.js';
import { randomHex } from '../random.js';
import type { ExecSpec } from '../shared/backend.js';

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
