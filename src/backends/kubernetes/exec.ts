// Running the command through pods/exec (channels.ts): the exit code from the status channel
// (none there: the exit status is unknown, never success), the standard input fed with
// backpressure and ended (see command-wrapper.ts), the output paused while the job log is full.
import { randomHex } from '../../random.js';
import { ActionError } from '../../errors.js';
import { formatDuration } from '../../inputs/duration.js';
import { PING_EVERY_MS, PONG_WAIT_MS } from '../../shared/bounds.js';
import type { CommandRunner, ExecOutcome, ExecSpec, HelperOutput } from '../../shared/backend.js';
import { newMarker, stopByMarker, withMarker } from '../../shared/marker.js';
import { OutputSink, quietTargets, type StreamEnd, type StreamTargets } from '../../shared/output.js';
import { feedStdin, type StdinBytes, type StdinSink } from '../../shared/stdin.js';
import type { KubeApi } from './api.js';
import { asStdinMessage, canCloseStdin, closeStdinMessage, readMessage, STDIN_HEADROOM } from './channels.js';
import { kubeArgv } from './command-wrapper.js';
import { exitFromStatus, type ExecStatus } from './exec-status.js';

/** The socket of a pods/exec call (ws's WebSocket, known here only through api.ts). */
type WebSocket = Awaited<ReturnType<KubeApi['openExec']>>;

const STDIN_CHUNK = 256 * 1024;

type Input =
  (StdinBytes & { kind: 'text' }) | { kind: 'file'; path: string; size: number } | (StdinBytes & { kind: 'bytes' });

function inputSize(input: Input): number {
  return input.kind === 'text'
    ? Buffer.byteLength(input.text)
    : input.kind === 'file'
      ? input.size
      : input.bytes.length;
}

/** The stdin channel as the standard input's sink; ended by a close message where the protocol has one. */
function channelSink(socket: WebSocket): StdinSink {
  return {
    headroom: STDIN_HEADROOM,
    write: (chunk) => new Promise((resolve) => socket.send(asStdinMessage(chunk), (error) => resolve(error))),
    get open() {
      return socket.readyState === socket.OPEN;
    },
    // On v4 the command's `head -c` ends it (command-wrapper.ts).
    end: () => {
      if (canCloseStdin(socket.protocol)) socket.send(closeStdinMessage());
    },
  };
}

/**
 * Pings the server every PING_EVERY_MS, so that a proxy that cuts idle connections never sees
 * a quiet command's connection idle (the heartbeat of runner-container-hooks:
 * actions/runner-container-hooks#333), and ends the connection with `silent()` when neither a
 * pong nor any other message came for PONG_WAIT_MS. While reading is paused (the job log is
 * full) pongs wait unread, so that time does not count. Returns the stop function.
 */
function heartbeat(socket: WebSocket, silent: (line: string) => void): () => void {
  let heard = Date.now();
  const alive = () => (heard = Date.now());
  socket.on('pong', alive);
  socket.on('message', alive);
  const timer = setInterval(() => {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.isPaused) alive();
    else if (Date.now() - heard >= PONG_WAIT_MS) {
      silent(`no answer to WebSocket pings for ${formatDuration(Date.now() - heard)}`);
      socket.terminate();
      return;
    }
    socket.ping();
  }, PING_EVERY_MS);
  return () => clearInterval(timer);
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
  options: { tty: boolean; input?: Input; targets: StreamTargets },
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
  const sink = new OutputSink(options.targets, socket);
  const stopHeartbeat = heartbeat(socket, (why) => {
    sink.end.broken ??= `the connection to the Kubernetes API server at ${api.server} went silent (${why})`;
  });
  let status: ExecStatus | undefined;
  let inputError: string | undefined;
  if (options.input)
    void feedStdin(options.input, channelSink(socket), STDIN_CHUNK).then(
      () => undefined,
      (error: Error) => {
        inputError = `sending standard input failed: ${error.message}`;
        socket.terminate();
      },
    );
  await new Promise<void>((resolve) => {
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      const message = readMessage(isBinary ? data : Buffer.from(data));
      if (message.kind === 'output') {
        sink.deliver(message.stream, message.payload);
        // The job log's pipe is full: read no more from the server until it drains.
        sink.throttle();
      } else if (message.kind === 'status') status = message.status;
      else if (message.kind === 'broken') sink.end.broken = message.problem;
    });
    socket.once('close', (code: number, reason: Buffer) => {
      stopHeartbeat();
      if (!status && !sink.end.broken)
        sink.end.broken = `the connection to the Kubernetes API closed before the command's exit status came (WebSocket close ${code}${reason.length ? ` ${reason.toString()}` : ''})`;
      resolve();
    });
    socket.on('error', (error: Error) => {
      sink.end.broken ??= `the connection to the Kubernetes API failed: ${error.message}`;
    });
  });
  if (inputError) sink.end.broken ??= inputError;
  return { status, stream: await sink.flushed() };
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
  create(): Promise<{ id: string; marker: string }> {
    const id = `${this.pod}/${this.container}/${randomHex(6)}`;
    const marker = newMarker();
    this.commands.set(id, { marker, ended: false });
    return Promise.resolve({ id, marker });
  }

  async attach(id: string, spec: ExecSpec, targets: StreamTargets): Promise<ExecOutcome> {
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
      });
      if (stream.broken) return { execId: id, problem: explainUnknown(stream), stream };
      const { exitCode, problem } = exitFromStatus(status ?? {});
      return { execId: id, exitCode, problem, stream };
    } finally {
      entry.ended = true;
    }
  }

  /** Runs a helper command as it is (no marker), and collects its small output. */
  async runQuiet(cmd: string[], input?: Buffer): Promise<HelperOutput> {
    const { targets, text } = quietTargets();
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

/**
 * An unknown status on pods/exec: the connection or the status channel said why, and there
 * is nothing more to ask (the kubelet keeps no record of an exec).
 */
function explainUnknown(stream: StreamEnd): string {
  return `${stream.broken}: exit status unknown`;
}
