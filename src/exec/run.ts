// One run of a command in the container: create the exec, start it attached, feed stdin,
// copy the output, then read the exit status, refusing to guess when the engine cannot say.
import { open } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConnectionError, EngineError, type Engine } from '../engine/engine.js';
import { FrameDecoder } from '../engine/frames.js';
import { pumpOutput, type StreamEnd, type StreamTargets } from './stream.js';
import type { StdinSource } from '../inputs/inputs.js';

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

export interface ExitStatus {
  exitCode?: number;
  running?: boolean;
  removed?: boolean;
  /** The engine said the command was running after its output had ended. */
  ranOn?: boolean;
  /** The container the engine says the exec ran in. */
  containerId?: string;
}

/**
 * The code Docker records for an exec whose output it could not deliver: when writing to the
 * attach connection fails, moby's ContainerExecStart (daemon/exec.go) marks the exec ended
 * with 126 ("exec attach failed") while the command itself runs on.
 */
const ATTACH_FAILED_EXIT_CODE = 126;

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

/**
 * stdin-file is read into these two buffers, each used again once the socket is done with
 * it, rather than into a fresh Buffer per read (what a file ReadStream does). Fresh chunks
 * live outside V8's heap and are freed only when a collection finds them dead: V8 let 30 to
 * 60 MiB of read chunks pile up between its collections, half of the action's peak RSS while
 * streaming a file (128 MiB through wc -c: 124-128 MiB peak RSS before, 62 MiB with these).
 * Large reads keep the system calls few: 512 KiB took less CPU than 64 to 256 KiB.
 */
const STDIN_CHUNK = 512 * 1024;
const STDIN_BUFFERS = 2;

/**
 * Writes the file to the exec's socket, then ends the socket's write side: a half-close, so
 * the command reads end-of-file while its output still flows back. At most STDIN_BUFFERS
 * chunks are in flight: that is the backpressure. Stops quietly when the socket is done
 * (command ended, connection lost: the output side reports those); rejects on read errors.
 */
async function feedFile(path: string, socket: Writable): Promise<void> {
  const file = await open(path, 'r');
  try {
    const buffers = Array.from({ length: STDIN_BUFFERS }, () => Buffer.alloc(STDIN_CHUNK));
    // The pending write of each buffer; it resolves with the write's error, if any.
    const writes: Promise<Error | null | undefined>[] = [];
    for (let i = 0; ; i = (i + 1) % STDIN_BUFFERS) {
      if (await writes[i]) return;
      const { bytesRead } = await file.read(buffers[i], 0, STDIN_CHUNK, null);
      if (socket.destroyed || socket.writableEnded) return;
      if (bytesRead === 0) break;
      const chunk = buffers[i].subarray(0, bytesRead);
      writes[i] = new Promise((resolve) => socket.write(chunk, resolve));
    }
    socket.end();
  } finally {
    await file.close();
  }
}

function feedStdin(source: StdinSource, socket: Writable): Promise<void> {
  if (source.kind === 'file') return feedFile(source.path, socket);
  // Ends the write side after the text: the half-close, as for a file.
  socket.end(Buffer.from(source.text, 'utf8'));
  return Promise.resolve();
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

/** Explains a run whose status is not known, checking what became of the container. */
async function explainUnknown(
  engine: Engine,
  containerId: string,
  stream: StreamEnd,
  status: ExitStatus,
): Promise<string> {
  let container;
  try {
    container = await engine.inspectContainer(containerId);
  } catch (error) {
    // An engine that cannot be asked is not a removed container.
    const lost = connectionLost(engine, stream, error);
    if (lost) return lost;
    if (stream.broken) return `${stream.broken}: exit status unknown`;
    return `exit status unknown: the engine could not say what became of the container (${(error as Error).message})`;
  }
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

/**
 * Runs an exec created by createExec, attached, until its output ends. `whileStarting` runs
 * once the engine has taken the start, while it starts the command.
 */
export async function attachAndWait(
  engine: Engine,
  containerId: string,
  execId: string,
  spec: ExecSpec,
  targets: StreamTargets,
  whileStarting?: () => void,
): Promise<ExecOutcome> {
  const socket = await engine.startExec(execId, { tty: spec.tty, stdin: spec.stdin !== undefined });
  if (whileStarting) setImmediate(whileStarting);
  if (spec.tty) void engine.resizeExec(execId, 24, 120).catch(() => undefined);
  let stdinError: string | undefined;
  if (spec.stdin) {
    void feedStdin(spec.stdin, socket).catch((error: Error) => {
      stdinError = `reading standard input failed: ${error.message}`;
      socket.destroy();
    });
  }
  const stream = await pumpOutput(socket, spec.tty, targets);
  // The output has ended: stdin the command has not read is dropped, as docker exec -i does.
  // Without this, a write the engine no longer takes held the process for minutes (`true`
  // with a 1 GiB stdin-file: 110 s after the exit code was known).
  if (spec.stdin) socket.destroy();
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
  if (status.containerId && status.containerId !== containerId) {
    // An exec created on a name (early.ts) while that name passed to another container.
    return {
      execId,
      exitCode: status.exitCode,
      problem: `the command ran in container ${status.containerId.slice(0, 12)}, not in ${containerId.slice(0, 12)}: the container was replaced while the step looked it up`,
      stream,
    };
  }
  if (!stream.broken && status.ranOn && status.exitCode !== undefined) {
    // The output ended cleanly (between two frames) while the engine still said the command
    // was running. Docker and Podman set the exit code before they end an exec's output (moby
    // daemon/monitor.go: ExitCode, then CloseStreams; 0 of 450 runs on 20.10, 26.1, 28.5 and
    // Podman 4.3 saw Running after the end), so the connection to the output was lost and
    // whatever the command printed after that is missing: the step fails, whatever the code.
    if (status.exitCode === ATTACH_FAILED_EXIT_CODE) {
      // Docker before 28 then records 126 (exec attach failed: moby daemon/exec.go) for the
      // output it could not deliver: not the command's status, which is not known.
      return {
        execId,
        problem: `the connection to the command's output was lost while the command was still running (the output ended, then the engine recorded exit code ${ATTACH_FAILED_EXIT_CODE} for output it could not deliver): exit status unknown`,
        stream,
      };
    }
    return {
      execId,
      exitCode: status.exitCode,
      problem: `the connection to the command's output was lost while the command was still running (the output ended, then the command exited with code ${status.exitCode}): what it printed after that is missing`,
      stream,
    };
  }
  if (stream.broken || status.exitCode === undefined) {
    // The output was cut, or the engine gives no code: whatever code it may give is no sure
    // account of the command (Docker before 28 records 126 when it cannot deliver output).
    return { execId, problem: await explainUnknown(engine, containerId, stream, status), stream };
  }
  if (status.exitCode >= 128) {
    // A signal death can be the container itself going away (killed, stopped, removed); the
    // engine may still call it running for a moment after the exec's end, so look a few times.
    for (let look = 0; look < 10; look++) {
      let container;
      try {
        container = await engine.inspectContainer(containerId);
      } catch {
        break; // the engine cannot say what became of the container: keep the exit code it gave
      }
      if (!container)
        return {
          execId,
          exitCode: status.exitCode,
          problem: 'the container was removed while the command was running',
          stream,
        };
      if (!container.State.Running) {
        return {
          execId,
          exitCode: status.exitCode,
          problem: `the container stopped while the command was running (container ${container.State.Status}, command killed with code ${status.exitCode})`,
          stream,
        };
      }
      await sleep(100);
    }
  }
  return { execId, exitCode: status.exitCode, stream };
}

/** Runs a helper command (cleanup, stopping) and collects its small output. */
export async function runQuiet(
  engine: Engine,
  containerId: string,
  cmd: string[],
  user = '0',
): Promise<{ exitCode?: number; output: string }> {
  const execId = await engine.createExec(containerId, { Cmd: cmd, User: user });
  const socket = await engine.startExec(execId, { tty: false, stdin: false });
  const decoder = new FrameDecoder();
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve) => {
    socket.on('data', (chunk: Buffer) => decoder.push(chunk, (_stream, payload) => chunks.push(Buffer.from(payload))));
    socket
      .once('end', resolve)
      .once('close', resolve)
      .once('error', () => resolve());
  });
  const { exitCode } = await readExitCode(engine, execId, 3000);
  return { exitCode, output: Buffer.concat(chunks).toString('utf8') };
}
