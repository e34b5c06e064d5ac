// The command's run as a whole: one attempt after another (retries), each with its timeout
// and a heartbeat for silent commands, and cancellation (the runner's SIGINT/SIGTERM), which
// stops the command in the container rather than leaving it behind.
import * as core from '@actions/core';
import { setTimeout as sleep } from 'node:timers/promises';
import { formatDuration } from '../inputs/duration.js';
import type { Inputs } from '../inputs/inputs.js';
import { inert, type OutputGuard } from '../report/guard.js';
import { OUTPUT_LIMIT } from '../report/result.js';
import { TailBuffer } from '../report/tail-buffer.js';
import type { CommandRunner, ExecOutcome, ExecSpec } from '../shared/backend.js';
import { STDOUT, type StreamTargets } from '../shared/output.js';

/** A silent command gets a "still running" line this often (tests shorten it). */
const HEARTBEAT_MS = Number(process.env.DOCKER_EXEC_ACTION_HEARTBEAT_MS) || 5 * 60_000;

export interface OutputTails {
  stdout: TailBuffer;
  stderr: TailBuffer;
  /** Both streams, as they came: for the summary's last lines. */
  last: TailBuffer;
}

/**
 * What can stop a run from outside the attempt: cancellation by the runner's signals, and the
 * one stop of the running command that a timeout or a cancellation asks for, whoever asks
 * first.
 */
export class RunControl {
  cancelled?: string;
  /** Aborted on cancellation: ends a wait for the container. */
  readonly waitAbort = new AbortController();
  /** How the command runs (set once the container is found): to stop it. */
  runner?: CommandRunner;
  /** The back end's connection: closed when the run is over (an SSH connection would keep the process alive). */
  connection?: { close(): void };
  private current?: { execId: string; marker: string };
  private stopping?: Promise<string>;
  private readonly onSignal = (signal: NodeJS.Signals): void => this.cancel(signal);

  /** Cancels the run (the runner's SIGINT or SIGTERM): ends a wait, stops the running command. */
  cancel(signal: NodeJS.Signals): void {
    if (this.cancelled) return;
    this.cancelled = `cancelled (${signal})`;
    this.waitAbort.abort();
    void this.stopCurrent();
  }

  listen(): void {
    process.on('SIGINT', this.onSignal);
    process.on('SIGTERM', this.onSignal);
  }

  /** The run is over: no more signals to handle, no connection to keep open. */
  dispose(): void {
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
    this.connection?.close();
  }

  /** Stops the running command (timeout or cancellation) once, whoever asks first. */
  stopCurrent(): Promise<string> {
    const { current, runner } = this;
    if (!current || !runner) return Promise.resolve('no command was running');
    this.stopping ??= runner
      .stop(current.execId, current.marker)
      .catch((error: Error) => `could not stop the command: ${error.message}`);
    return this.stopping;
  }

  started(current: { execId: string; marker: string }): void {
    this.current = current;
    this.stopping = undefined;
  }

  /** The attempt is over: what stopping it said, if it was stopped. */
  async ended(): Promise<string | undefined> {
    const said = this.stopping ? await this.stopping : undefined;
    this.current = undefined;
    return said;
  }
}

interface Attempt {
  outcome: ExecOutcome;
  timedOut?: string;
}

/** One run's fixed parts: where, what, and what can stop it or guard its output. */
export interface RunContext {
  runner: CommandRunner;
  spec: ExecSpec;
  inputs: Pick<Inputs, 'retries' | 'retryDelayMs' | 'timeoutMs'>;
  control: RunControl;
  guard: OutputGuard;
}

async function attemptOnce(run: RunContext, tails: OutputTails): Promise<Attempt> {
  const { runner, spec, inputs, control, guard } = run;
  const { id: execId, marker } = await runner.create(spec);
  control.started({ execId, marker });
  let timedOut: string | undefined;
  let lastOutput = Date.now();
  const started = Date.now();
  const timer = inputs.timeoutMs
    ? setTimeout(() => {
        timedOut = `timed out after ${formatDuration(inputs.timeoutMs ?? 0)}`;
        void control.stopCurrent();
      }, inputs.timeoutMs)
    : undefined;
  const heartbeat = setInterval(
    () => {
      if (Date.now() - lastOutput >= HEARTBEAT_MS) {
        lastOutput = Date.now();
        process.stdout.write(`${guard.midLine ? '\n' : ''}still running (${formatDuration(Date.now() - started)})\n`);
        guard.saw(Buffer.from('\n'));
      }
    },
    Math.min(HEARTBEAT_MS, 60_000),
  );
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
    const outcome = await runner.attach(execId, spec, targets);
    return { outcome, timedOut };
  } finally {
    clearTimeout(timer);
    clearInterval(heartbeat);
    await guard.close();
    const stopped = await control.ended();
    if (stopped) core.info(`Stopping the command: ${inert(stopped)}`);
  }
}

export interface RunResult {
  /** The last attempt's outcome. */
  outcome: ExecOutcome;
  attempts: number;
  /** Why the run failed other than by a non-zero exit code (stopped, cancelled, unknown status). */
  failure?: string;
  timedOut?: string;
  cancelled?: string;
  tails: OutputTails;
}

/** Runs the command, again after a non-zero exit while retries are left. */
export async function runAttempts(run: RunContext): Promise<RunResult> {
  const { inputs, control } = run;
  const tails = {
    stdout: new TailBuffer(OUTPUT_LIMIT),
    stderr: new TailBuffer(OUTPUT_LIMIT),
    last: new TailBuffer(16 * 1024),
  };
  const maxAttempts = inputs.retries + 1;
  let attempt = 0;
  for (;;) {
    attempt++;
    if (maxAttempts > 1) core.info(`Attempt ${attempt} of ${maxAttempts}`);
    const execStarted = Date.now();
    const { outcome, timedOut } = await attemptOnce(run, tails);
    core.setOutput('exec-id', outcome.execId);
    const took = formatDuration(Date.now() - execStarted);
    let failure: string | undefined;
    if (control.cancelled) failure = `${control.cancelled}: the command was stopped`;
    else if (timedOut) failure = `${timedOut}: the command was stopped`;
    else if (outcome.problem) failure = outcome.problem;
    const result = { outcome, attempts: attempt, failure, timedOut, cancelled: control.cancelled, tails };
    if (failure || outcome.exitCode === 0 || attempt >= maxAttempts) {
      core.info(`Exit code ${outcome.exitCode ?? 'unknown'} after ${took}`);
      return result;
    }
    core.info(`Exit code ${outcome.exitCode} after ${took}; trying again in ${formatDuration(inputs.retryDelayMs)}`);
    await sleep(inputs.retryDelayMs);
    if (control.cancelled)
      return { ...result, failure: `${control.cancelled} between attempts`, cancelled: control.cancelled };
  }
}
