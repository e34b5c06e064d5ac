// Orchestrates one step: read the inputs, reach the engine, find the container, run the
// command (with retries, timeout and cancellation), report. Every expected failure is an
// ActionError with a one-line message; one setFailed, at the top.
import * as core from '@actions/core';
import { setTimeout as sleep } from 'node:timers/promises';
import { displayCommand } from './inputs/command-words.js';
import { formatDuration } from './inputs/duration.js';
import { chooseEngine } from './engine/address.js';
import { Engine, type ContainerDetails } from './engine/engine.js';
import { envNames } from './inputs/env-file.js';
import { ActionError } from './errors.js';
import { attachAndWait, createExec, runQuiet, type ExecOutcome, type ExecSpec } from './exec/run.js';
import { STDOUT, type StreamTargets } from './exec/stream.js';
import { displayName, findContainer, waitForContainer } from './container/find.js';
import { readInputs, type Inputs } from './inputs/inputs.js';
import { randomHex } from './random.js';
import { ANNOTATION_LIMIT, inert, keepEnd, OUTPUT_LIMIT, OutputGuard, registerSecrets, summaryMarkdown } from './report/report.js';
import { planScript, tarOneFile, type ScriptPlan } from './inputs/script.js';
import { newMarker, stopCommand } from './exec/stop.js';
import { TailBuffer } from './report/tail-buffer.js';

/** A silent command gets a "still running" line this often (tests shorten it). */
const HEARTBEAT_MS = Number(process.env.DOCKER_EXEC_ACTION_HEARTBEAT_MS) || 5 * 60_000;

interface RunState {
  cancelled?: string;
  stopping?: Promise<string>;
  current?: { containerId: string; execId: string; marker: string };
  /** The container-id output until it is set: when the command has started, or at the end. */
  containerIdOutput?: string;
}

function setContainerIdOutput(state: RunState): void {
  if (!state.containerIdOutput) return;
  core.setOutput('container-id', state.containerIdOutput);
  state.containerIdOutput = undefined;
}

function describeCommand(inputs: Inputs, plan: ScriptPlan): string {
  if (!inputs.script) return displayCommand(plan.cmd);
  const lines = inputs.script.replace(/\n$/, '').split('\n').length;
  const shell = displayCommand(plan.file ? plan.cmd : plan.cmd.slice(0, -1));
  return `${shell} <script: ${lines} line(s), ${Buffer.byteLength(inputs.script)} bytes>`;
}

function commandPlan(inputs: Inputs): ScriptPlan {
  if (inputs.command) return { cmd: inputs.command };
  const file = `/tmp/docker-exec-action-${randomHex(6)}`;
  return planScript(inputs.script ?? '', inputs.shell, file);
}

async function placeScript(engine: Engine, containerId: string, plan: ScriptPlan): Promise<void> {
  if (!plan.file) return;
  const name = plan.file.path.slice(plan.file.path.lastIndexOf('/') + 1);
  try {
    await engine.putArchive(containerId, '/tmp', tarOneFile(name, plan.file.content));
  } catch (error) {
    throw new ActionError(`could not place the script in the container's /tmp: ${(error as Error).message}`);
  }
}

/** Stops the running command (timeout or cancellation) once, whoever asks first. */
function stopCurrent(engine: Engine, state: RunState): Promise<string> {
  const current = state.current;
  if (!current) return Promise.resolve('no command was running');
  state.stopping ??= stopCommand(engine, current.containerId, current.execId, current.marker).catch(
    (error: Error) => `could not stop the command: ${error.message}`,
  );
  return state.stopping;
}

interface Attempt {
  outcome: ExecOutcome;
  timedOut?: string;
}

async function attemptOnce(engine: Engine, container: ContainerDetails, spec: ExecSpec, inputs: Inputs, state: RunState, guard: OutputGuard, tails: { stdout: TailBuffer; stderr: TailBuffer; last: TailBuffer }): Promise<Attempt> {
  const marker = newMarker();
  const execId = await createExec(engine, container.Id, { ...spec, env: [...spec.env, marker] });
  state.current = { containerId: container.Id, execId, marker };
  state.stopping = undefined;
  let timedOut: string | undefined;
  let lastOutput = Date.now();
  const started = Date.now();
  const timer = inputs.timeoutMs
    ? setTimeout(() => {
        timedOut = `timed out after ${formatDuration(inputs.timeoutMs ?? 0)}`;
        void stopCurrent(engine, state);
      }, inputs.timeoutMs)
    : undefined;
  const heartbeat = setInterval(() => {
    if (Date.now() - lastOutput >= HEARTBEAT_MS) {
      lastOutput = Date.now();
      process.stdout.write(`${guard.midLine ? '\n' : ''}still running (${formatDuration(Date.now() - started)})\n`);
      guard.saw(Buffer.from('\n'));
    }
  }, Math.min(HEARTBEAT_MS, 60_000));
  try {
    guard.open();
    const targets: StreamTargets = {
      stdout: process.stdout,
      stderr: guard.stderrTarget,
      observe: (stream, payload) => {
        lastOutput = Date.now();
        guard.saw(payload, stream === STDOUT || guard.enabled);
        (stream === STDOUT ? tails.stdout : tails.stderr).write(payload);
        tails.last.write(payload);
      },
    };
    // The first output set loads node:crypto (@actions/core's delimiters, ~6 ms): set while
    // the engine starts the command (~50 ms), it costs no wall time (-7 ms, issue 7). Only
    // into the GITHUB_OUTPUT file: without one, @actions/core prints `::set-output::`, which
    // the runner ignores between the guard's markers (ActionCommandManager's stop-commands);
    // it is then set after the guard is closed, with the other outputs.
    const whileStarting = process.env.GITHUB_OUTPUT ? () => setContainerIdOutput(state) : undefined;
    const outcome = await attachAndWait(engine, container.Id, execId, spec, targets, whileStarting);
    return { outcome, timedOut };
  } finally {
    clearTimeout(timer);
    clearInterval(heartbeat);
    await guard.close();
    if (state.stopping) core.info(`Stopping the command: ${inert(await state.stopping)}`);
    state.current = undefined;
  }
}

function headerLines(engine: Engine, container: ContainerDetails, via: string, inputs: Inputs, command: string): string[] {
  const names = envNames(inputs.env);
  return [
    `Engine:    ${engine.target.address} (${engine.target.source}), ${engine.description ?? 'version not reported'}`,
    `Container: ${displayName(container)} ${container.Id.slice(0, 12)} (${container.Config.Image}, ${container.State.Status}${container.State.Health ? `, ${container.State.Health.Status}` : ''}; found as ${via})`,
    `User:      ${inputs.user ?? (container.Config.User || 'the container\'s (root)')}`,
    `Workdir:   ${inputs.workdir ?? (container.Config.WorkingDir || 'the container\'s (/)')}`,
    `Command:   ${command}`,
    `Env:       ${names.length ? names.join(', ') : '(none added)'}`,
    ...(inputs.stdin ? [`Stdin:     ${inputs.stdin.kind === 'file' ? `${inputs.stdin.path} (${inputs.stdin.size} bytes)` : `text (${Buffer.byteLength(inputs.stdin.text)} bytes)`}`] : []),
    ...(inputs.tty ? ['TTY:       yes (stderr merged into stdout)'] : []),
  ];
}

export async function run(): Promise<void> {
  const started = Date.now();
  const state: RunState = {};
  let engineForStop: Engine | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (state.cancelled) return;
    state.cancelled = `cancelled (${signal})`;
    cancelWait.abort();
    if (engineForStop) void stopCurrent(engineForStop, state);
  };
  const cancelWait = new AbortController();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let inGroup = false;
  // Closed again on any failure: the output is flushed and an open line ended before the error.
  let runGuard: OutputGuard | undefined;
  try {
    const inputs = readInputs();
    registerSecrets(inputs.secrets);
    runGuard = new OutputGuard(!inputs.workflowCommands);
    const engine = new Engine(chooseEngine(inputs.engine));
    engineForStop = engine;
    core.startGroup(`docker exec in ${inputs.container}`);
    inGroup = true;
    const found = await findContainer(engine, inputs.container, inputs.job);
    const unhealthy = inputs.wait === 'healthy' && found.details.State.Health && found.details.State.Health.Status !== 'healthy';
    if (inputs.wait !== 'none' && (!found.details.State.Running || unhealthy)) core.info(`Waiting for ${displayName(found.details)} to be ${inputs.wait}…`);
    const waitStarted = Date.now();
    const container = await waitForContainer(engine, found, inputs.wait, inputs.waitTimeoutMs, cancelWait.signal);
    if (Date.now() - waitStarted > 50) core.info(`Container ready after ${formatDuration(Date.now() - waitStarted)}`);
    const plan = commandPlan(inputs);
    const command = describeCommand(inputs, plan);
    for (const line of headerLines(engine, container, found.via, inputs, command)) core.info(inert(line));
    core.endGroup();
    inGroup = false;
    state.containerIdOutput = container.Id;

    const spec: ExecSpec = {
      cmd: plan.cmd,
      env: inputs.env,
      user: inputs.user,
      workdir: inputs.workdir,
      privileged: inputs.privileged,
      tty: inputs.tty,
      stdin: inputs.stdin,
    };
    await placeScript(engine, container.Id, plan);
    try {
      if (inputs.detach) {
        const execId = await createExec(engine, container.Id, spec);
        await engine.startDetached(execId);
        core.setOutput('exec-id', execId);
        core.setOutput('attempts', '1');
        core.info(`Started detached: exec ${execId.slice(0, 12)}`);
        return;
      }
      await runAttempts(engine, container, spec, inputs, state, runGuard, command, started);
    } finally {
      if (plan.file && !inputs.detach) await runQuiet(engine, container.Id, ['rm', '-f', plan.file.path]).catch(() => undefined);
    }
  } catch (error) {
    await runGuard?.close();
    if (inGroup) core.endGroup();
    const message = error instanceof ActionError ? error.message : `unexpected error: ${(error as Error)?.message ?? String(error)}`;
    if (error instanceof Error && error.stack) core.debug(error.stack);
    core.setFailed(message);
  } finally {
    setContainerIdOutput(state);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function runAttempts(engine: Engine, container: ContainerDetails, spec: ExecSpec, inputs: Inputs, state: RunState, guard: OutputGuard, command: string, started: number): Promise<void> {
  const tails = { stdout: new TailBuffer(OUTPUT_LIMIT), stderr: new TailBuffer(OUTPUT_LIMIT), last: new TailBuffer(16 * 1024) };
  const maxAttempts = inputs.retries + 1;
  let attempt = 0;
  let result: Attempt | undefined;
  let failure: string | undefined;
  for (;;) {
    attempt++;
    if (maxAttempts > 1) core.info(`Attempt ${attempt} of ${maxAttempts}`);
    const execStarted = Date.now();
    result = await attemptOnce(engine, container, spec, inputs, state, guard, tails);
    const { outcome } = result;
    core.setOutput('exec-id', outcome.execId);
    const took = formatDuration(Date.now() - execStarted);
    if (state.cancelled) failure = `${state.cancelled}: the command was stopped`;
    else if (result.timedOut) failure = `${result.timedOut}: the command was stopped`;
    else if (outcome.problem) failure = outcome.problem;
    if (failure || outcome.exitCode === 0 || attempt >= maxAttempts) {
      core.info(`Exit code ${outcome.exitCode ?? 'unknown'} after ${took}`);
      break;
    }
    core.info(`Exit code ${outcome.exitCode} after ${took}; trying again in ${formatDuration(inputs.retryDelayMs)}`);
    await sleep(inputs.retryDelayMs);
    if (state.cancelled) {
      failure = `${state.cancelled} between attempts`;
      break;
    }
  }
  const exitCode = result.outcome.exitCode;
  if (exitCode !== undefined) core.setOutput('exit-code', String(exitCode));
  core.setOutput('attempts', String(attempt));
  for (const [name, tail] of [['stdout', tails.stdout], ['stderr', tails.stderr]] as const) {
    if (tail.cut) core.warning(`the ${name} output keeps only the last ${OUTPUT_LIMIT / 1024} KiB of ${tail.total} bytes`);
    // Trailing newlines are dropped, as shell command substitution does.
    core.setOutput(name, tail.text().replace(/\n+$/, ''));
  }
  if (!failure && exitCode !== 0) failure = `command exited with code ${exitCode}`;
  const resultText = failure ?? 'succeeded';
  if (failure) {
    const title = `${displayName(container)}: ${exitCode === undefined ? 'exit status unknown' : `exit code ${exitCode}`}`;
    if (exitCode !== undefined && !result.timedOut && !state.cancelled && !result.outcome.problem && !inputs.failOnError) {
      core.warning(`${failure} (fail-on-error is false)`, { title });
    } else {
      // One annotation: the failure and the last lines of stderr (stdout when stderr is
      // empty), so the cause shows on the run's page without opening the log.
      const from = tails.stderr.total ? 'stderr' : 'stdout';
      const head = `${failure}\n\nLast lines of ${from}:\n`;
      // The runner keeps the start of a long message: keep the tail's end within its limit.
      const tail = keepEnd((tails.stderr.total ? tails.stderr : tails.stdout).lastLines(20).join('\n'), ANNOTATION_LIMIT - head.length);
      core.error(tail ? `${head}${tail}` : failure, { title });
      process.exitCode = 1;
    }
  }
  // Without GITHUB_STEP_SUMMARY (@github/local-action, old self-hosted runners) there is
  // nowhere to write a summary: that is not worth a warning on every step.
  if (inputs.summary && !process.env.GITHUB_STEP_SUMMARY) core.debug('No GITHUB_STEP_SUMMARY file: no job summary written');
  else if (inputs.summary) {
    try {
      await core.summary
        .addRaw(
          summaryMarkdown(
            { container: displayName(container), command, exitCode, result: resultText, durationMs: Date.now() - started, attempts: attempt, tail: tails.last.lastLines(30) },
            formatDuration,
          ),
        )
        .write();
    } catch (error) {
      core.warning(`could not write the job summary: ${(error as Error).message}`);
    }
  }
}
