// One step, in five parts: read the inputs, reach the engine, find the container, run the
// command, report. Every expected failure is an ActionError with a one-line message; one
// setFailed, here at the top.
import * as core from '@actions/core';
import { displayName, findReadyContainer } from './container/find.js';
import { chooseEngine } from './engine/address.js';
import { Engine } from './engine/engine.js';
import { ActionError } from './errors.js';
import { RunControl, runAttempts } from './exec/attempts.js';
import { commandPlan, execSpec, placeScript, removeScript, runDetached } from './exec/command.js';
import { createEarlyExec, earlyExecFor } from './exec/early.js';
import { dockerRunner } from './exec/runner.js';
import { formatDuration } from './inputs/duration.js';
import { readInputs } from './inputs/inputs.js';
import { inert, OutputGuard, registerSecrets } from './report/guard.js';
import { describeCommand, headerLines } from './report/header.js';
import { reportResult } from './report/result.js';
import { showServiceLog, type ServiceLog } from './report/service-log.js';
import { runFacts, writeSummary } from './report/summary.js';

export async function run(): Promise<void> {
  const started = Date.now();
  const control = new RunControl();
  control.listen();
  let inGroup = false;
  // Closed again on any failure: the output is flushed and an open line ended before the error.
  let guard: OutputGuard | undefined;
  // Once found, a failure shows the end of the container's own log (logs-on-failure).
  let showLogOnFailure: (() => Promise<ServiceLog | undefined>) | undefined;
  try {
    // 1. Inputs, and the masks, before anything else is printed.
    const inputs = readInputs();
    registerSecrets(inputs.secrets);
    const outputGuard = new OutputGuard(!inputs.workflowCommands);
    guard = outputGuard;
    // On Kubernetes (engine: kubernetes), the same steps through pods/exec: kube/step.ts,
    // a chunk of its own that Docker steps never load.
    if (inputs.backend === 'kubernetes') {
      core.startGroup(`exec in ${inputs.container} (Kubernetes)`);
      inGroup = true;
      const { runOnKubernetes } = await import('./kube/step.js');
      const endHeader = () => {
        core.endGroup();
        inGroup = false;
      };
      return await runOnKubernetes({ inputs, control, guard: outputGuard, started, endHeader });
    }
    // 2. The engine.
    const engine = new Engine(chooseEngine(inputs.engine), core.debug);
    control.connection = engine;
    // 3. The container, ready; the header says what will run where. The exec is created
    // alongside the look-up, on the name the workflow gave (exec/early.ts).
    core.startGroup(`docker exec in ${inputs.container}`);
    inGroup = true;
    const plan = commandPlan(inputs);
    const spec = execSpec(inputs, plan);
    const creating = createEarlyExec(engine, inputs, spec);
    const found = await findReadyContainer(engine, inputs, control.waitAbort.signal, (found) => {
      showLogOnFailure = () => showServiceLog(engine, found.details, inputs.logsOnFailure, outputGuard);
    });
    const container = found.details;
    control.runner = dockerRunner(engine, container.Id);
    const command = describeCommand(inputs, plan);
    for (const line of headerLines(engine, container, found.via, inputs, command)) core.info(inert(line));
    core.endGroup();
    inGroup = false;
    control.containerIdOutput = container.Id;
    // 4. Files in, the command, files out (after it ended, however; not after cancellation).
    // The copy code (and tar-stream) is loaded only by steps that copy: start-up stays as it is.
    const copying = inputs.copyIn.length || inputs.copyOut.length ? await import('./container/copy.js') : undefined;
    if (copying && inputs.copyIn.length)
      core.setOutput('copied-in', String(await copying.copyIn(engine, container.Id, inputs.copyIn, inputs.user)));
    await placeScript(engine, container.Id, plan);
    // A detached command reads its script after the step has ended: it stays in place.
    if (inputs.detach) return await runDetached(engine, container.Id, spec);
    let result;
    try {
      const early = await earlyExecFor(creating, found);
      result = await runAttempts({ runner: control.runner, spec, inputs, control, guard: outputGuard, early });
    } finally {
      await removeScript(engine, container.Id, plan);
    }
    const copied =
      copying && inputs.copyOut.length && !result.cancelled
        ? await copying.copyOutAfterCommand(
            engine,
            container.Id,
            displayName(container),
            inputs.copyOut,
            inputs.workspace,
          )
        : undefined;
    // 5. The report: outputs, a failure (and the container's log), the job summary.
    const { text, stepFails } = reportResult(result, container, inputs.failOnError, copied);
    const serviceLog = stepFails ? await showLogOnFailure?.() : undefined;
    showLogOnFailure = undefined;
    if (inputs.summary) {
      const facts = runFacts(displayName(container), command, result, text, Date.now() - started, serviceLog);
      await writeSummary(facts, formatDuration);
    }
  } catch (error) {
    await guard?.close();
    if (inGroup) core.endGroup();
    const message =
      error instanceof ActionError ? error.message : `unexpected error: ${(error as Error)?.message ?? String(error)}`;
    if (error instanceof Error && error.stack) core.debug(error.stack);
    core.setFailed(message);
    await showLogOnFailure?.();
  } finally {
    control.setContainerIdOutput();
    control.dispose();
  }
}
