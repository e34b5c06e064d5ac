// One run of a command in the container through the Docker Engine's exec API: create the
// exec, start it attached, feed stdin, copy the output, then read the exit status, refusing
// to guess when the engine cannot say (exit-status.ts classifies what was seen).
import { setTimeout as sleep } from 'node:timers/promises';
import type { ExecOutcome, ExecSpec, HelperOutput } from '../../shared/backend.js';
import { OutputSink, STDOUT, quietTargets, type StreamEnd, type StreamTargets } from '../../shared/output.js';
import { feedStdin, type StdinSink } from '../../shared/stdin.js';
import { ConnectionError, EngineError, type Engine, type ExecStream } from './engine/engine.js';
import { ClosedEarly, type ChunkSource } from '../../shared/chunks.js';
import { FrameDecoder } from './engine/frames.js';
import {
  afterSignal,
  classifyExit,
  EXIT_CODE_WAIT_MS,
  unknownReason,
  type ContainerAfter,
  type ExitStatus,
} from './exit-status.js';

/** Large reads keep the system calls few: 512 KiB took less CPU than 64 to 256 KiB. */
const STDIN_CHUNK = 512 * 1024;

function createOptions(spec: ExecSpec) {
  return {
    Cmd: spec.cmd,
    Env: spec.env.length ? spec.env : undefined,
    User: spec.user,
    WorkingDir: spec.workdir,
    Privileged: spec.privileged,
    Tty: spec.tty,
    AttachStdin: spec.stdin !== undefined,
    ConsoleSize: spec.tty ? ([24, 120] as [number, number]) : undefined,
  };
}

/** The exec's connection as the standard input's sink: written to, then half-closed. */
function stdinSink(stream: ExecStream): StdinSink {
  return {
    headroom: 0,
    write: (chunk) => stream.write(chunk),
    get open() {
      return stream.open;
    },
    end: () => stream.end(),
  };
}

/**
 * Copies the exec's output to the targets until the engine ends the stream: the engine's
 * multiplexed frames (engine/frames.ts) or, with a TTY, raw bytes. Each chunk is written out
 * before the next is read, so a chunk read into a reused buffer is done with in time.
 */
export async function pumpOutput(source: ChunkSource, tty: boolean, targets: StreamTargets): Promise<StreamEnd> {
  const decoder = tty ? undefined : new FrameDecoder();
  const sink = new OutputSink(targets);
  const deliver = sink.deliver.bind(sink);
  let broken: string | undefined;
  try {
    for (let chunk = await source.next(); chunk; chunk = await source.next()) {
      if (decoder) decoder.push(chunk, deliver);
      else deliver(STDOUT, chunk);
      await sink.written();
    }
    if (decoder?.partial) broken = decoder.describePartial();
  } catch (error) {
    broken =
      error instanceof ClosedEarly
        ? 'connection to the engine closed before the output ended'
        : `connection to the engine lost while reading the output (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  }
  if (broken) sink.end.broken = broken;
  return sink.flushed();
}

/**
 * Asks the engine for the exit code until it gives one. A null exit code or Running: true
 * after the stream ended happens (proxies, other engines); it is never read as success.
 */
export async function readExitCode(engine: Engine, execId: string, budgetMs = EXIT_CODE_WAIT_MS): Promise<ExitStatus> {
  const deadline = Date.now() + budgetMs;
  let delay = 10;
  let ranOn = false;
  for (;;) {
    let state;
    try {
      state = await engine.inspectExec(execId);
    } catch (error) {
      if (error instanceof EngineError && error.statusCode === 404) return { removed: true };
      throw error;
    }
    if (!state.Running && typeof state.ExitCode === 'number')
      return { exitCode: state.ExitCode, ranOn, containerId: state.ContainerID };
    // A started process (it has a PID) still running after its output ended.
    if (state.Running && state.Pid > 0) ranOn = true;
    if (Date.now() >= deadline) return { running: state.Running };
    await sleep(Math.min(delay, Math.max(deadline - Date.now(), 0)));
    delay = Math.min(delay * 2, 500);
  }
}

/**
 * When `error` says the engine no longer answers (a refused or cut connection, not an HTTP
 * error from a live engine): the one-line report of a run whose engine went away under it.
 */
function connectionLost(engine: Engine, stream: StreamEnd, error: unknown): string | undefined {
  if (!(error instanceof ConnectionError)) return undefined;
  const cause = error.cause as NodeJS.ErrnoException | undefined;
  const why = cause?.code ?? cause?.message ?? error.message;
  const output = stream.broken ?? 'the output ended';
  return `the connection to the engine was lost while the command was running (${output}; then the engine at ${engine.target.address} did not answer: ${why}): exit status unknown`;
}

/** The container now, in the terms exit-status.ts judges. */
async function containerAfter(engine: Engine, containerId: string): Promise<ContainerAfter> {
  const container = await engine.inspectContainer(containerId);
  if (!container) return { removed: true };
  return { running: container.State.Running, status: container.State.Status, exitCode: container.State.ExitCode };
}

/** Explains a run whose status is not known, checking what became of the container. */
export async function explainUnknown(
  engine: Engine,
  containerId: string,
  stream: StreamEnd,
  status: ExitStatus,
): Promise<string> {
  let container;
  try {
    container = await containerAfter(engine, containerId);
  } catch (error) {
    // An engine that cannot be asked is not a removed container.
    const lost = connectionLost(engine, stream, error);
    if (lost) return lost;
    if (stream.broken) return `${stream.broken}: exit status unknown`;
    return `exit status unknown: the engine could not say what became of the container (${(error as Error).message})`;
  }
  return unknownReason(stream, status, container);
}

export async function createExec(engine: Engine, containerId: string, spec: ExecSpec): Promise<string> {
  return engine.createExec(containerId, createOptions(spec));
}

/** Runs an exec created by createExec, attached, until its output ends and its status is known. */
export async function attachAndWait(
  engine: Engine,
  containerId: string,
  execId: string,
  spec: ExecSpec,
  targets: StreamTargets,
): Promise<ExecOutcome> {
  const exec = await engine.startExec(execId, { tty: spec.tty, stdin: spec.stdin !== undefined });
  if (spec.tty) void engine.resizeExec(execId, 24, 120).catch(() => undefined);
  let stdinError: string | undefined;
  if (spec.stdin) {
    void feedStdin(spec.stdin, stdinSink(exec), STDIN_CHUNK).catch((error: Error) => {
      stdinError = `reading standard input failed: ${error.message}`;
      exec.destroy();
    });
  }
  const stream = await pumpOutput(exec.output, spec.tty, targets);
  // The output has ended: stdin the command has not read is dropped, as docker exec -i does;
  // a write the engine no longer takes would otherwise hold the process for minutes.
  if (spec.stdin) exec.destroy();
  if (stdinError) stream.broken ??= stdinError;
  let status;
  try {
    status = await readExitCode(engine, execId);
  } catch (error) {
    // The engine went away under the command (dockerd killed or restarted, connection cut):
    // its output may have ended cleanly, but how the command ended is not known.
    const lost = connectionLost(engine, stream, error);
    if (!lost) throw error;
    return { execId, problem: lost, stream };
  }
  const verdict = classifyExit(stream, status, containerId);
  if (verdict.kind === 'final') return { execId, exitCode: verdict.exitCode, problem: verdict.problem, stream };
  if (verdict.kind === 'unknown')
    return { execId, problem: await explainUnknown(engine, containerId, stream, status), stream };
  // A signal death can be the container itself going away (killed, stopped, removed); the
  // engine may still call it running for a moment after the exec's end, so look a few times.
  for (let look = 0; look < 10; look++) {
    let container;
    try {
      container = await containerAfter(engine, containerId);
    } catch {
      break; // the engine cannot say what became of the container: keep the exit code it gave
    }
    const gone = afterSignal(verdict.exitCode, container);
    if (gone) return { execId, ...gone, stream };
    await sleep(100);
  }
  return { execId, exitCode: verdict.exitCode, stream };
}

/** Runs a helper command (cleanup, stopping) and collects its small output. */
export async function runQuiet(engine: Engine, containerId: string, cmd: string[], user = '0'): Promise<HelperOutput> {
  const execId = await engine.createExec(containerId, { Cmd: cmd, User: user });
  const exec = await engine.startExec(execId, { tty: false, stdin: false });
  const { targets, text } = quietTargets();
  await pumpOutput(exec.output, false, targets);
  exec.destroy();
  const { exitCode } = await readExitCode(engine, execId, 3000);
  return { exitCode, output: text() };
}
