// The step on the Kubernetes back end (engine: kubernetes): the same parts as main.ts's Docker
// run (find and wait, the header, the command with retries, timeout and cancellation through
// attempts.ts, the report), with the pod's container in place of a Docker container. This
// module, @kubernetes/client-node and ws are a chunk of the bundle of their own, loaded only
// by steps that run on Kubernetes: the Docker path's start-up does not carry them.
import * as core from '@actions/core';
import { hostname } from 'node:os';
import type { ContainerDetails } from '../engine/engine.js';
import { runAttempts, type RunControl, type RunResult } from '../exec/attempts.js';
import { commandPlan, execSpec } from '../exec/command.js';
import { formatDuration } from '../inputs/duration.js';
import type { Inputs } from '../inputs/inputs.js';
import { inert, type OutputGuard } from '../report/guard.js';
import { describeCommand, runLines } from '../report/header.js';
import { reportResult } from '../report/result.js';
import { runFacts, writeSummary } from '../report/summary.js';
import { KubeApi, type PodContainer } from './api.js';
import { KubeRunner } from './exec.js';
import { findReadyInPod } from './find.js';

export interface KubeStep {
  inputs: Inputs;
  control: RunControl;
  guard: OutputGuard;
  started: number;
  /** Ends the header's group (main.ts opened it). */
  endHeader: () => void;
}

/** The report's view of the pod's container, in the shape the Docker path reports. */
function reportedContainer(container: PodContainer, pod: string): ContainerDetails {
  return {
    Id: runtimeId(container) ?? `${pod}/${container.name}`,
    Name: container.name,
    State: { Status: 'running', Running: true, Paused: false, Restarting: false, ExitCode: 0 },
    Config: { Image: container.image },
  };
}

/** The container runtime's ID without its scheme (docker://abc... -> abc...). */
function runtimeId(container: PodContainer): string | undefined {
  return container.containerId?.replace(/^[a-z]+:\/\//, '');
}

export async function runOnKubernetes({ inputs, control, guard, started, endHeader }: KubeStep): Promise<void> {
  const api = KubeApi.connect(inputs.kube.namespace);
  // The hook's job pod is the host name of its containers (no host network there).
  const pod = inputs.kube.pod ?? hostname();
  const { container, via } = await findReadyInPod(api, pod, inputs, control.waitAbort.signal);
  const plan = commandPlan(inputs);
  const spec = execSpec(inputs, plan);
  const command = describeCommand(inputs, plan);
  const state = container.ready ? 'running, ready' : 'running';
  for (const line of [
    `Engine:    Kubernetes ${api.server} (${api.credentialsFrom}), namespace ${api.namespace} (${api.namespaceFrom})`,
    `Container: ${container.name} in pod ${pod} (${container.image}, ${state}; found as ${via})`,
    ...runLines(inputs, command, "the container's", "the container's"),
  ])
    core.info(inert(line));
  endHeader();
  const details = reportedContainer(container, pod);
  control.containerIdOutput = details.Id;
  const runner = new KubeRunner(api, pod, container.name);
  control.runner = runner;
  if (plan.file) await runner.placeFile(plan.file.path, plan.file.content);
  let result: RunResult;
  try {
    result = await runAttempts({ runner, spec, inputs, control, guard });
  } finally {
    if (plan.file) await runner.runQuiet(['rm', '-f', plan.file.path]).catch(() => undefined);
  }
  const { text } = reportResult(result, details, inputs.failOnError);
  if (inputs.summary)
    await writeSummary(
      runFacts(container.name, command, result, text, Date.now() - started, undefined),
      formatDuration,
    );
}
