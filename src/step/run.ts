// The step, on any back end, in five parts: read the inputs, choose the back end (refusing
// what it cannot do), find the container ready, run the command, report. Every expected
// failure is an ActionError with a one-line message; one setFailed, here at the top.
import * as core from '@actions/core';
import { DockerBackend } from '../backends/docker/backend.js';
import { KUBERNETES_LACKS } from '../backends/kubernetes/lacks.js';
import { ActionError } from '../errors.js';
import { formatDuration } from '../inputs/duration.js';
import { readInputs, type Inputs } from '../inputs/inputs.js';
import { inert, OutputGuard, registerSecrets } from '../report/guard.js';
import { describeCommand, headerLines } from '../report/header.js';
import { reportResult } from '../report/result.js';
import { showServiceLog, type ServiceLog } from '../report/service-log.js';
import { runFacts, writeSummary } from '../report/summary.js';
import type { Backend, Lacks } from '../shared/backend.js';
import { RunControl, runAttempts, type RunResult } from './attempts.js';
import { refuseWhatIsLacking } from './capabilities.js';
import { commandPlan, execSpec } from './command.js';

interface BackendKind {
  /** What it cannot do: refused before it is loaded. */
  lacks: Lacks;
  /** The header group's title. */
  title(container: string): string;
  load(inputs: Inputs): Promise<Backend>;
}

const BACKENDS: Record<Inputs['backend'], BackendKind> = {
  docker: {
    lacks: {},
    title: (container) => `docker exec in ${container}`,
    load: (inputs) => Promise.resolve(new DockerBackend(inputs)),
  },
  kubernetes: {
    lacks: KUBERNETES_LACKS,
    title: (container) => `exec in ${container} (Kubernetes)`,
    // A chunk of the bundle of its own (with the Kubernetes client and ws): Docker steps never load it.
    load: async (inputs) => new (await import('../backends/kubernetes/backend.js')).KubernetesBackend(inputs),
  },
};

export async function run(): Promise<void> {
  const started = Date.now();
  const control = new RunControl();
  control.listen();
  let inGroup = false;
  // Closed again on any failure: the output is flushed and an open line ended before the error.
  let guard: OutputGuard | undefined;
  let backend: Backend | undefined;
  let logsOnFailure = 0;
  // Set once found: the container-id output, at the end whatever happens.
  let containerId: string | undefined;
  /** Once the container was found, a failure shows the end of its own log (logs-on-failure). */
  const showLogOnFailure = async (): Promise<ServiceLog | undefined> => {
    const recent = logsOnFailure > 0 ? await backend?.recentLog?.(logsOnFailure) : undefined;
    if (recent && guard) await showServiceLog(recent.name, recent.log, guard);
    return recent?.log;
  };
  try {
    // 1. Inputs, and the masks, before anything else is printed.
    const inputs = readInputs();
    registerSecrets(inputs.secrets);
    const outputGuard = new OutputGuard(!inputs.workflowCommands);
    guard = outputGuard;
    // 2. The back end, once it is known to offer what the inputs ask for.
    const kind = BACKENDS[inputs.backend];
    refuseWhatIsLacking(inputs, kind.lacks);
    backend = await kind.load(inputs);
    control.connection = backend;
    // 3. The container, ready; the header says what will run where.
    core.startGroup(kind.title(inputs.container));
    inGroup = true;
    const plan = commandPlan(inputs);
    const spec = execSpec(inputs, plan);
    logsOnFailure = inputs.logsOnFailure;
    const target = await backend.findReady(spec, control.waitAbort.signal);
    const { facts } = target;
    control.runner = target.runner;
    const command = describeCommand(inputs, plan);
    for (const line of headerLines(facts, inputs, command)) core.info(inert(line));
    core.endGroup();
    inGroup = false;
    containerId = facts.id;
    // 4. Files in, the command, files out (after it ended, however; not after cancellation).
    if (inputs.copyIn.length && target.copyIn)
      core.setOutput('copied-in', String(await target.copyIn(inputs.copyIn, inputs.user)));
    if (plan.file) await target.placeFile(plan.file.path, plan.file.content);
    // A detached command reads its script after the step has ended: it stays in place.
    if (inputs.detach && target.detach) {
      const execId = await target.detach(spec);
      core.setOutput('exec-id', execId);
      core.setOutput('attempts', '1');
      core.info(`Started detached: exec ${execId.slice(0, 12)}`);
      return;
    }
    let result: RunResult;
    try {
      result = await runAttempts({ runner: target.runner, spec, inputs, control, guard: outputGuard });
    } finally {
      if (plan.file) await target.removeFile(plan.file.path);
    }
    const copied =
      inputs.copyOut.length && target.copyOut && !result.cancelled
        ? await target.copyOut(inputs.copyOut, inputs.workspace)
        : undefined;
    // 5. The report: outputs, a failure (and the container's log), the job summary.
    const { text, stepFails } = reportResult(result, facts.name, inputs.failOnError, copied);
    const serviceLog = stepFails ? await showLogOnFailure() : undefined;
    logsOnFailure = 0;
    if (inputs.summary) {
      const summary = runFacts(facts.name, command, result, text, Date.now() - started, serviceLog);
      await writeSummary(summary, formatDuration);
    }
  } catch (error) {
    await guard?.close();
    if (inGroup) core.endGroup();
    const message =
      error instanceof ActionError ? error.message : `unexpected error: ${(error as Error)?.message ?? String(error)}`;
    if (error instanceof Error && error.stack) core.debug(error.stack);
    core.setFailed(message);
    await showLogOnFailure();
  } finally {
    if (containerId) core.setOutput('container-id', containerId);
    control.dispose();
  }
}
