// Running the command through pods/exec (the WebSocket channel protocol, v4 or v5): stdout
// and stderr apart and byte-exact, the exit code from the status channel (none there: the
// exit status is unknown, never success), the standard input fed with backpressure and ended
// (see words.ts), the output paused while the job log is full.
import { open } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { ActionError } from '../errors.js';
import { randomHex } from '../random.js';
import { STDERR, STDOUT } from '../engine/frames.js';
import { flushed } from '../report/guard.js';
import type { ExecOutcome, ExecSpec } from '../exec/run.js';
import type { CommandRunner } from '../exec/runner.js';
import { stopByMarker, withMarker } from '../exec/stop.js';
import type { StreamEnd, StreamTargets } from '../exec/stream.js';
import type { KubeApi } from './api.js';
import { exitFromStatus, kubeArgv, type ExecStatus } from './words.js';

/** The socket of a pods/exec call (ws's WebSocket, known here only through api.ts). */
type WebSocket = Awaited<ReturnType<KubeApi['openExec']>>;

const CHANNEL = { stdin: 0, stdout: 1, stderr: 2, status: 3, close: 255 } as const;
const STDIN_CHUNK = 256 * 1024;
/** Input queued in the socket beyond this waits: memory stays flat however large the file. */
const STDIN_QUEUE = 4 * 1024 * 1024;

type Input =
  { kind: 'text'; text: string } | { kind: 'file'; path: string; size: number } | { kind: 'bytes'; bytes: Buffer };

function inputSize(input: Input): number {
  return input.kind === 'text'
    ? Buffer.byteLength(input.text)
    : input.kind === 'file'
      ? input.size
      : input.bytes.length;
}

async function sendInput(socket: WebSocket, input: Input): Promise<void> {
  const send = (payload: Buffer) =>
    new Promise<void>((resolve, reject) =>
      socket.send(Buffer.concat([Buffer.from([CHANNEL.stdin]), payload]), (error) =>
        error ? reject(error) : resolve(),
      ),
    );
  const drained = async () => {
    while (socket.bufferedAmount > STDIN_QUEUE && socket.readyState === socket.OPEN)
      await new Promise((resolve) => setTimeout(resolve, 5));
  };
  if (input.kind === 'file') {
    const file = await open(input.path, 'r');
    try {
      const buffer = Buffer.alloc(STDIN_CHUNK);
      for (;;) {
        const { bytesRead } = await file.read(buffer, 0, STDIN_CHUNK, null);
        if (bytesRead === 0 || socket.readyState !== socket.OPEN) break;
        await send(buffer.subarray(0, bytesRead));
        await drained();
      }
    } finally {
      await file.close();
    }
  } else {
    const bytes = input.kind === 'text' ? Buffer.from(input.text, 'utf8') : input.bytes;
    for (let at = 0; at < bytes.length && socket.readyState === socket.OPEN; at += STDIN_CHUNK) {
      await send(bytes.subarray(at, at + STDIN_CHUNK));
      await drained();
    }
  }
  // v5 can end the input alone; on v4 the command's `head -c` ends it (words.ts).
  if (socket.protocol === 'v5.channel.k8s.io' && socket.readyState === socket.OPEN)
    socket.send(Buffer.from([CHANNEL.close, CHANNEL.stdin]));
}

interface Streamed {
  status?: ExecStatus;
  stream: StreamEnd;
}

/** One pods/exec call: the command's output to the targets, until the server closes. */
async function execOnce(
  api: KubeApi,
  pod: string,
  container: string,
  argv: string[],
  options: { tty: boolean; input?: Input; targets: StreamTargets; onOpen?: () => void },
): Promise<Streamed> {
  const query = new URLSearchParams({
    container,
    stdout: 'true',
    stderr: String(!options.tty),
    tty: String(options.tty),
  });
  // A TTY without stdin gets no output from the kubelet (1.20: empty frames, then Success),
  // which is why kubectl never asks for one; nothing is sent on it unless there is input.
  if (options.input || options.tty) query.set('stdin', 'true');
  for (const word of argv) query.append('command', word);
  const socket = await api.openExec(pod, query);
  options.onOpen?.();
  const { targets } = options;
  const stream: StreamEnd = { stdoutBytes: 0, stderrBytes: 0 };
  let status: ExecStatus | undefined;
  let inputError: string | undefined;
  if (options.input)
    void sendInput(socket, options.input).catch((error: Error) => {
      inputError = `sending standard input failed: ${error.message}`;
      socket.terminate();
    });
  let paused = 0;
  const resume = () => {
    if (--paused === 0) socket.resume();
  };
  await new Promise<void>((resolve) => {
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      const frame = isBinary ? data : Buffer.from(data);
      if (frame.length === 0) return;
      const payload = frame.subarray(1);
      const channel = frame[0];
      if (channel === CHANNEL.stdout || channel === CHANNEL.stderr) {
        if (payload.length === 0) return;
        const target = channel === CHANNEL.stdout ? targets.stdout : targets.stderr;
        if (channel === CHANNEL.stdout) stream.stdoutBytes += payload.length;
        else stream.stderrBytes += payload.length;
        // The job log's pipe is full: read no more from the server until it drains.
        if (!target.write(payload)) {
          if (paused++ === 0) socket.pause();
          target.once('drain', resume);
        }
        targets.observe?.(channel === CHANNEL.stdout ? STDOUT : STDERR, payload);
      } else if (channel === CHANNEL.status) {
        try {
          status = JSON.parse(payload.toString('utf8')) as ExecStatus;
        } catch {
          stream.broken = `the status Kubernetes sent is not JSON (${payload.toString('utf8').slice(0, 100)})`;
        }
      }
    });
    socket.once('close', (code: number, reason: Buffer) => {
      if (!status && !stream.broken)
        stream.broken = `the connection to the Kubernetes API closed before the command's exit status came (WebSocket close ${code}${reason.length ? ` ${reason.toString()}` : ''})`;
      resolve();
    });
    socket.on('error', (error: Error) => {
      stream.broken ??= `the connection to the Kubernetes API failed: ${error.message}`;
    });
  });
  if (inputError) stream.broken ??= inputError;
  const targetsOnce = [targets.stdout, targets.stderr].filter((t, i, all) => all.indexOf(t) === i);
  await Promise.all(targetsOnce.map(flushed));
  return { status, stream };
}

/** Collects a small output (helpers: stopping, placing files). */
function collector(): { targets: StreamTargets; text: () => string } {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { targets: { stdout: sink, stderr: sink }, text: () => Buffer.concat(chunks).toString('utf8') };
}

export class KubeRunner implements CommandRunner {
  /** The marker of each command prepared, and whether its run has ended (for stop). */
  private readonly commands = new Map<string, { marker: string; ended: boolean }>();

  constructor(
    private readonly api: KubeApi,
    readonly pod: string,
    readonly container: string,
  ) {}

  /** pods/exec has nothing to create ahead: the command travels with the attach. */
  create(_spec: ExecSpec, marker: string): Promise<string> {
    const id = `${this.pod}/${this.container}/${randomHex(6)}`;
    this.commands.set(id, { marker, ended: false });
    return Promise.resolve(id);
  }

  async attach(id: string, spec: ExecSpec, targets: StreamTargets, whileStarting?: () => void): Promise<ExecOutcome> {
    const entry = this.commands.get(id);
    if (!entry) throw new ActionError(`no command ${id} was prepared`);
    const input = spec.stdin;
    const argv = kubeArgv(spec.cmd, {
      env: withMarker(spec, entry.marker).env,
      workdir: spec.workdir,
      stdinBytes: input ? inputSize(input) : undefined,
    });
    try {
      const { status, stream } = await execOnce(this.api, this.pod, this.container, argv, {
        tty: spec.tty,
        input,
        targets,
        onOpen: whileStarting ? () => setImmediate(whileStarting) : undefined,
      });
      if (stream.broken) return { execId: id, problem: `${stream.broken}: exit status unknown`, stream };
      const { exitCode, problem } = exitFromStatus(status ?? {});
      return { execId: id, exitCode, problem, stream };
    } finally {
      entry.ended = true;
    }
  }

  /** Runs a helper command as it is (no marker), and collects its small output. */
  async runQuiet(cmd: string[], input?: Buffer): Promise<{ exitCode?: number; output: string }> {
    const { targets, text } = collector();
    const argv = input ? kubeArgv(cmd, { env: [], stdinBytes: input.length }) : cmd;
    const { status } = await execOnce(this.api, this.pod, this.container, argv, {
      tty: false,
      input: input ? { kind: 'bytes', bytes: input } : undefined,
      targets,
    });
    return { exitCode: status ? exitFromStatus(status).exitCode : undefined, output: text() };
  }

  stop(id: string, marker: string): Promise<string> {
    return stopByMarker(
      (cmd) => this.runQuiet(cmd),
      marker,
      () => Promise.resolve(this.commands.get(id)?.ended ?? true),
    );
  }

  /** Writes a file in the container (the script of `run`), through the command's stdin. */
  async placeFile(path: string, content: Buffer): Promise<void> {
    const { exitCode, output } = await this.runQuiet(['sh', '-c', 'cat > "$1"', 'sh', path], content);
    if (exitCode !== 0)
      throw new ActionError(
        `could not place the script in the container's /tmp: ${output.trim() || `exit code ${exitCode ?? 'unknown'}`}`,
      );
  }
}
