// One run of a command in the container: create the exec, start it attached, feed stdin,
// copy the output, then read the exit status, refusing to guess when the engine cannot say.
import { createReadStream } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { EngineError, type Engine } from './engine.js';
import { FrameDecoder, pumpOutput, STDOUT, type StreamEnd, type StreamTargets } from './exec-stream.js';
import type { StdinSource } from './inputs.js';

export interface ExecSpec {
  cmd: string[];
  env: string[];
  user?: string;
  workdir?: string;
  privileged: boolean;
  tty: boolean;
  stdin?: StdinSource;
}

export interface ExecOutcome {
  execId: string;
  /** The exit code the engine reported; absent when it is not known. */
  exitCode?: number;
  /** Set when the run cannot be trusted: why (one line). */
  problem?: string;
  stream: StreamEnd;
}

/** How long to keep asking for an exit code after the output ended (engines can lag). */
const EXIT_CODE_WAIT_MS = 10_000;

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

function stdinStream(source: StdinSource): Readable {
  return source.kind === 'file'
    ? createReadStream(source.path, { highWaterMark: 256 * 1024 })
    : Readable.from([Buffer.from(source.text, 'utf8')]);
}

/**
 * Asks the engine for the exit code until it gives one. A null exit code or Running: true
 * after the stream ended happens (proxies, other engines); it is never read as success.
 */
export async function readExitCode(engine: Engine, execId: string, budgetMs = EXIT_CODE_WAIT_MS): Promise<{ exitCode?: number; running?: boolean; removed?: boolean }> {
  const deadline = Date.now() + budgetMs;
  let delay = 10;
  for (;;) {
    let state;
    try {
      state = await engine.inspectExec(execId);
    } catch (error) {
      if (error instanceof EngineError && error.statusCode === 404) return { removed: true };
      throw error;
    }
    if (!state.Running && typeof state.ExitCode === 'number') return { exitCode: state.ExitCode };
    if (Date.now() >= deadline) return { running: state.Running };
    await sleep(Math.min(delay, Math.max(deadline - Date.now(), 0)));
    delay = Math.min(delay * 2, 500);
  }
}

/** Explains a run whose status is not known, checking what became of the container. */
async function explainUnknown(engine: Engine, containerId: string, stream: StreamEnd, status: { running?: boolean; removed?: boolean }): Promise<string> {
  const container = await engine.inspectContainer(containerId).catch(() => undefined);
  if (!container) return 'the container was removed while the command was running: exit status unknown';
  if (!container.State.Running) {
    return `the container stopped while the command was running (container ${container.State.Status}, exit code ${container.State.ExitCode}): exit status unknown`;
  }
  if (stream.broken) return `${stream.broken}: exit status unknown`;
  if (status.removed) return 'the engine no longer knows the exec: exit status unknown';
  return status.running
    ? `exit status unknown: the output ended but the engine still reports the command as running after ${EXIT_CODE_WAIT_MS / 1000}s`
    : `exit status unknown: the engine reports no exit code after ${EXIT_CODE_WAIT_MS / 1000}s`;
}

export async function createExec(engine: Engine, containerId: string, spec: ExecSpec): Promise<string> {
  return engine.createExec(containerId, createOptions(spec));
}

/** Runs an exec created by createExec, attached, until its output ends. */
export async function attachAndWait(engine: Engine, containerId: string, execId: string, spec: ExecSpec, targets: StreamTargets): Promise<ExecOutcome> {
  const socket = await engine.startExec(execId, { tty: spec.tty, stdin: spec.stdin !== undefined });
  if (spec.tty) void engine.resizeExec(execId, 24, 120).catch(() => undefined);
  let stdinError: string | undefined;
  if (spec.stdin) {
    const input = stdinStream(spec.stdin);
    input.once('error', (error) => {
      stdinError = `reading standard input failed: ${error.message}`;
      socket.destroy();
    });
    // pipe() ends the socket's write side after the last byte: a half-close, so the command
    // reads end-of-file while its output still flows back.
    input.pipe(socket as unknown as Writable);
  }
  const stream = await pumpOutput(socket, spec.tty, targets);
  if (stdinError) stream.broken ??= stdinError;
  const status = await readExitCode(engine, execId);
  if (stream.broken || status.exitCode === undefined) {
    return { execId, exitCode: status.exitCode, problem: await explainUnknown(engine, containerId, stream, status), stream };
  }
  if (status.exitCode >= 128) {
    // A signal death can be the container itself going away (killed, stopped, removed); the
    // engine may still call it running for a moment after the exec's end, so look a few times.
    for (let look = 0; look < 10; look++) {
      const container = await engine.inspectContainer(containerId).catch(() => undefined);
      if (!container) return { execId, exitCode: status.exitCode, problem: 'the container was removed while the command was running', stream };
      if (!container.State.Running) {
        return { execId, exitCode: status.exitCode, problem: `the container stopped while the command was running (container ${container.State.Status}, command killed with code ${status.exitCode})`, stream };
      }
      await sleep(100);
    }
  }
  return { execId, exitCode: status.exitCode, stream };
}

/** Runs a helper command (cleanup, stopping) and collects its small output. */
export async function runQuiet(engine: Engine, containerId: string, cmd: string[], user = '0'): Promise<{ exitCode?: number; output: string }> {
  const execId = await engine.createExec(containerId, { Cmd: cmd, User: user });
  const socket = await engine.startExec(execId, { tty: false, stdin: false });
  const decoder = new FrameDecoder();
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve) => {
    socket.on('data', (chunk: Buffer) => decoder.push(chunk, (_stream, payload) => chunks.push(Buffer.from(payload))));
    socket.once('end', resolve).once('close', resolve).once('error', () => resolve());
  });
  const { exitCode } = await readExitCode(engine, execId, 3000);
  return { exitCode, output: Buffer.concat(chunks).toString('utf8') };
}

export { STDOUT };
