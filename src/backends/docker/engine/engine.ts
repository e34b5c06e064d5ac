// The engine connection: the one module that imports dockerode. Everything else speaks to the
// engine through the small interface below, in the engine's own terms (IDs, JSON fields).
//
// dockerode's entry point (lib/docker.js) loads grpc-js and protobufjs for BuildKit sessions
// at require time: ~70 ms of start-up for code this action never runs. So this module takes
// dockerode's Container and Exec classes on their own, over a docker-modem connection, and
// makes the three other calls it needs (version, container list, events) through the same
// modem as dockerode's Docker class does.
import Modem from 'docker-modem';
import type Docker from 'dockerode';
import Container from 'dockerode/lib/container.js';
import Exec from 'dockerode/lib/exec.js';
import { once } from 'node:events';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { createSecureContext, type SecureContext } from 'node:tls';
import { pipeline, type Duplex, type Readable } from 'node:stream';
import type { EngineAddress } from './address.js';
import { ActionError } from '../../../errors.js';
import {
  noAnswerLine,
  REQUEST_BOUND_MS,
  requestBound,
  RequestTimer,
  SSH_KEEPALIVE_COUNT_MAX,
  SSH_KEEPALIVE_MS,
  stallGuard,
} from '../../../shared/bounds.js';
import { describeServer, dockerDetails, splitRemovals, type AnswerContext } from './compat.js';
import { CONTAINER_FIELDS, checkAnswer, checkList, EXEC_FIELDS, LISTING_FIELDS } from './answer-shape.js';
import { ConnectionError, EngineError, explainError } from './explain-error.js';
import { HostKeyCheck, localUser } from './ssh.js';
import { chunksOf, type ChunkSource } from '../../../shared/chunks.js';
import { httpError } from './http1.js';
import { ownRequest, readsReusable } from './reused-reads.js';
import { SshTunnel } from './ssh-tunnel.js';

export { ConnectionError, EngineError };

export interface ContainerState {
  Status: string;
  Running: boolean;
  Paused: boolean;
  Restarting: boolean;
  ExitCode: number;
  Error?: string;
  Health?: { Status: string; Log?: Array<{ ExitCode: number; Output: string }> };
}

export interface ContainerDetails {
  Id: string;
  Name: string;
  State: ContainerState;
  Config: {
    Image: string;
    Tty?: boolean;
    User?: string;
    WorkingDir?: string;
    Healthcheck?: unknown;
    Env?: string[] | null;
  };
  NetworkSettings?: { Networks?: Record<string, { Aliases?: string[] | null } | null> };
}

export interface ContainerListing {
  Id: string;
  Names: string[];
  Labels?: Record<string, string> | null;
  Image: string;
  State: string;
  Status: string;
  NetworkSettings?: { Networks?: Record<string, unknown> };
}

export interface ExecOptions {
  Cmd: string[];
  Env?: string[];
  User?: string;
  WorkingDir?: string;
  Privileged?: boolean;
  Tty?: boolean;
  AttachStdin?: boolean;
  ConsoleSize?: [number, number];
}

export interface ExecState {
  Running: boolean;
  ExitCode: number | null;
  Pid: number;
  ContainerID: string;
}

export interface EngineEvent {
  Type?: string;
  Action?: string;
  status?: string;
  id?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
}

/** A stream from the engine read chunk by chunk, and given up with `destroy`. */
export type ArchiveStream = ChunkSource & { destroy(): void };

/** An attached exec: its output pulled chunk by chunk, its standard input written. */
export interface ExecStream {
  /** Each chunk is valid until the next is asked for. */
  output: ChunkSource;
  /** Resolves when the connection took `data` (its buffer may be used again), with the write's error if any. */
  write(data: Buffer): Promise<Error | null | undefined>;
  readonly open: boolean;
  /** Half-closes: the command reads end-of-file while its output still flows. */
  end(): void;
  destroy(): void;
}

function streamOf(
  socket: Duplex,
  output: ChunkSource,
  write: (data: Buffer) => Promise<Error | null | undefined>,
): ExecStream {
  return {
    output,
    write,
    get open() {
      return !socket.destroyed && !socket.writableEnded;
    },
    end: () => socket.end(),
    destroy: () => socket.destroy(),
  };
}

export class Engine {
  private readonly modem: Modem;
  /** The SSH host-key check of an ssh:// engine. */
  private readonly hostKeys?: HostKeyCheck;
  /** The one SSH connection of an ssh:// engine. */
  private readonly tunnel?: SshTunnel;
  /** The connection pool docker-modem's requests use, and the action's own uploads too. */
  private readonly agent?: HttpAgent;
  private server?: string;
  /**
   * Set while the container is looked up (Date.now() based): requests then wait no longer than
   * what is left of wait-timeout (shared/bounds.ts).
   */
  lookupDeadline?: number;
  /** The line of the first request the engine left unanswered: later ones are not worth a wait. */
  unanswered?: string;

  constructor(
    readonly target: EngineAddress,
    debug: (line: string) => void = () => undefined,
  ) {
    // docker-modem merges its own reading of DOCKER_HOST under these options, so every key
    // is given explicitly (undefined included) to make our choice the only one.
    if (target.protocol === 'ssh') {
      this.hostKeys = new HostKeyCheck(target);
      this.tunnel = new SshTunnel({
        connect: {
          host: target.host,
          port: Number(target.port ?? 22),
          username: target.username ?? localUser(),
          // A proxy or load balancer between cuts connections that carry nothing for a while:
          // keep-alives keep a quiet command's connection busy, and a connection that no longer
          // answers them is given up (its requests and the command's output fail at once).
          keepaliveInterval: SSH_KEEPALIVE_MS,
          keepaliveCountMax: SSH_KEEPALIVE_COUNT_MAX,
          // The SSH handshake of a server that accepts and never answers.
          readyTimeout: REQUEST_BOUND_MS,
          ...this.hostKeys.sshOptions(),
        },
        socketPath: target.socketPath,
        onRoute: (_route, why) => debug(`SSH engine: each request is a channel of one SSH connection, ${why}`),
      });
    }
    this.agent = this.tunnel?.agent ?? (target.protocol === 'https' ? tlsAgent(target) : plainAgent(target));
    this.modem = new Modem({
      socketPath: target.protocol === 'unix' ? target.socketPath : undefined,
      // Over SSH the host only names the engine in the Host header: the agent's channels
      // reach it (ssh-tunnel.ts), as `http://docker` does for the docker CLI.
      host: target.protocol === 'unix' ? undefined : target.protocol === 'ssh' ? 'docker' : target.host,
      port: target.protocol === 'ssh' ? undefined : target.port,
      protocol: target.protocol === 'unix' ? undefined : target.protocol === 'ssh' ? 'http' : target.protocol,
      username: target.protocol === 'ssh' ? undefined : target.username,
      // TLS material goes to the agent alone (tlsAgent): docker-modem would put it in every
      // request, and Node then parses it again for every connection.
      ca: undefined,
      cert: undefined,
      key: undefined,
      agent: this.agent,
    } as Modem.ConstructorOptions);
    (this.modem as unknown as { Promise: PromiseConstructor }).Promise = Promise;
  }

  /** Ends what keeps a connection open once the run is over (the SSH connection). */
  close(): void {
    this.tunnel?.close();
  }

  private container(id: string): Docker.Container {
    return new Container(this.modem, id);
  }

  private exec(id: string): Docker.Exec {
    return new Exec(this.modem, id);
  }

  /** A call dockerode's Docker class would make, made the same way on the same modem. */
  private dial<T>(
    path: string,
    statusCodes: Record<number, true | string>,
    options: Record<string, unknown> = {},
    isStream = false,
    method = 'GET',
  ): Promise<T> {
    return new Promise((resolve, reject) =>
      this.modem.dial(
        {
          path,
          method,
          options,
          isStream,
          statusCodes,
          abortSignal: options.abortSignal as AbortSignal | undefined,
        } as Modem.DialOptions,
        (error, data) => (error ? reject(error) : resolve(data as T)),
      ),
    );
  }

  /**
   * One request, bounded (shared/bounds.ts): `work` gets the signal that aborts it when the
   * engine leaves it unanswered, and the timer, for progress that restarts the bound.
   */
  private async call<T>(
    doing: string,
    work: (signal: AbortSignal, timer: RequestTimer) => Promise<T>,
    context: AnswerContext = {},
  ): Promise<T> {
    const lookup = this.lookupDeadline !== undefined;
    const timer = new RequestTimer(requestBound(this.lookupDeadline));
    // The bound holds even where aborting takes effect late: Node fails an aborted request only
    // once it has a connection, and an SSH channel waits for the login.
    const working = work(timer.signal, timer);
    working.catch(() => undefined);
    const bound = new Promise<never>((_resolve, reject) =>
      timer.signal.addEventListener('abort', () => reject(timer.signal.reason as Error), { once: true }),
    );
    try {
      return await Promise.race([working, bound]);
    } catch (error) {
      if (timer.fired) {
        const line = noAnswerLine(this.named, doing, timer.ms, lookup);
        this.unanswered ??= line;
        throw new ConnectionError(line, { cause: new Error(`no answer within ${timer.ms / 1000}s`) });
      }
      throw explainError(error, doing, this.target, context, this.hostKeys?.refusal);
    } finally {
      timer.clear();
    }
  }

  /** "the Docker engine at ADDRESS (where it came from)", for the lines that name it. */
  private get named(): string {
    return `the Docker engine at ${this.target.address} (${this.target.source})`;
  }

  /**
   * An answer's body as it comes, failed with the no-answer line when the engine sends nothing
   * for REQUEST_BOUND_MS while it is read.
   */
  private guarded(body: Readable, doing: string): Readable {
    const guard = stallGuard(REQUEST_BOUND_MS, () => {
      const line = noAnswerLine(this.named, `${doing}, in the middle of its answer`, REQUEST_BOUND_MS, false);
      this.unanswered ??= line;
      return new ConnectionError(line);
    });
    pipeline(body, guard, () => undefined);
    return guard;
  }

  /**
   * An answer's body pulled chunk by chunk, failed with the no-answer line (and given up with
   * `destroy`) when the engine sends nothing for REQUEST_BOUND_MS while a chunk is awaited.
   */
  private guardedChunks(body: ChunkSource, doing: string, destroy: () => void): () => Promise<Buffer | null> {
    return () => {
      let timer: NodeJS.Timeout | undefined;
      const stalled = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const line = noAnswerLine(this.named, `${doing}, in the middle of its answer`, REQUEST_BOUND_MS, false);
          this.unanswered ??= line;
          destroy();
          reject(new ConnectionError(line));
        }, REQUEST_BOUND_MS);
      });
      return Promise.race([body.next(), stalled]).finally(() => clearTimeout(timer));
    };
  }

  /**
   * What the engine is ("Docker 20.10.24, API 1.41"), from the Server and Api-Version headers
   * of its first answer read by getJson; undefined before that.
   */
  get description(): string | undefined {
    return this.server;
  }

  /**
   * A GET whose answer is JSON, read here rather than by docker-modem so that its headers
   * are seen: every answer names the engine, which spares a request to /version (Docker
   * 20.10 takes ~8 ms to answer it, on the way to the command).
   */
  private async getJson(
    path: string,
    statusCodes: Record<number, true | string>,
    abortSignal: AbortSignal,
  ): Promise<unknown> {
    const response = await this.dial<IncomingMessage>(path, statusCodes, { abortSignal }, true);
    this.server ??= describeServer(headerValue(response.headers.server), headerValue(response.headers['api-version']));
    const chunks: Buffer[] = [];
    for await (const chunk of response) chunks.push(chunk as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  }

  /** The container's details, or undefined when the engine has no such container. */
  async inspectContainer(idOrName: string): Promise<ContainerDetails | undefined> {
    try {
      // dockerode's Container.inspect makes this same request.
      const answer = await this.call('inspecting the container', (abortSignal) =>
        this.getJson(
          `/containers/${idOrName}/json`,
          { 200: true, 404: 'no such container', 500: 'server error' },
          abortSignal,
        ),
      );
      return dockerDetails(
        checkAnswer<ContainerDetails>(answer, CONTAINER_FIELDS, 'the container inspect', this.server),
      );
    } catch (error) {
      if (error instanceof EngineError && error.statusCode === 404) return undefined;
      throw error;
    }
  }

  async listContainers(all = true): Promise<ContainerListing[]> {
    const listing = await this.call('listing containers', (abortSignal) =>
      this.dial<unknown>(
        '/containers/json?',
        { 200: true, 400: 'bad parameter', 500: 'server error' },
        { all, abortSignal },
      ),
    );
    return checkList<ContainerListing>(listing, LISTING_FIELDS, 'the container list', this.server);
  }

  /**
   * The last `lines` lines of the container's log (stdout and stderr, with timestamps), as the
   * engine sends them: multiplexed frames (engine/frames.ts), or raw bytes for a container
   * with a TTY. dockerode's Container.logs makes this same request.
   */
  async containerLog(containerId: string, lines: number): Promise<Readable> {
    const doing = "reading the container's log";
    const body = (await this.call(
      doing,
      (abortSignal) =>
        this.dial(
          `/containers/${containerId}/logs?`,
          { 200: true, 404: 'no such container', 500: 'server error', 501: 'not implemented' },
          { stdout: true, stderr: true, timestamps: true, tail: String(lines), abortSignal },
          true,
        ),
      { containerId },
    )) as unknown as Readable;
    return this.guarded(body, doing);
  }

  /**
   * The engine's event stream for one container, from now on: the answer's head is bounded, its
   * body is not (no event may come for as long as the wait lasts).
   */
  async containerEvents(containerId: string, signal: AbortSignal): Promise<Readable> {
    return (await this.call('following engine events', (bound) =>
      this.dial(
        '/events?',
        { 200: true, 500: 'server error' },
        { filters: { container: [containerId] }, abortSignal: AbortSignal.any([signal, bound]) },
        true,
      ),
    )) as unknown as Readable;
  }

  async createExec(containerId: string, options: ExecOptions): Promise<string> {
    const create = async (body: ExecOptions) =>
      (
        await this.call(
          'creating the exec',
          (abortSignal) =>
            this.container(containerId).exec({
              ...body,
              abortSignal,
              AttachStdout: true,
              AttachStderr: true,
              AttachStdin: body.AttachStdin ?? false,
            }),
          { containerId },
        )
      ).id;
    try {
      return await create(options);
    } catch (error) {
      // Podman refuses a bare KEY (Docker's "remove KEY"): send KEY=VALUE entries only, and
      // remove what the command would still inherit with `env -u` (see compat.ts).
      const bare = options.Env?.some((entry) => !entry.includes('='));
      if (!bare || !(error instanceof EngineError) || !/badly formed, must be key=value/.test(error.engineMessage))
        throw error;
      const container = await this.inspectContainer(containerId);
      const { env, unset } = splitRemovals(options.Env ?? [], container?.Config.Env ?? []);
      const Cmd = unset.length ? ['env', ...unset.flatMap((key) => ['-u', key]), '--', ...options.Cmd] : options.Cmd;
      return create({ ...options, Env: env.length ? env : undefined, Cmd });
    }
  }

  /**
   * Starts an exec attached: its output (frames, or raw bytes with a TTY) read chunk by chunk,
   * and, when stdin was attached, the command's standard input to write. On a unix socket or
   * plain TCP the request is the action's own and reads land in a reused buffer
   * (reused-reads.ts); over TLS and SSH it is docker-modem's hijacked connection. The engine's
   * answer is bounded; the output after it is not (a command may print nothing for hours).
   */
  async startExec(execId: string, options: { tty: boolean; stdin: boolean }): Promise<ExecStream> {
    if (readsReusable(this.target)) {
      const body = Buffer.from(JSON.stringify({ Detach: false, Tty: options.tty }));
      const { connection, body: output } = await this.call('starting the exec', (abortSignal) =>
        // The same request docker-modem makes for a hijacked start: the engine answers 101
        // (or 200 from older engines) and the connection then carries the raw stream.
        ownRequest(
          this.target,
          'POST',
          `/exec/${execId}/start`,
          { 'Content-Type': 'application/json', Connection: 'Upgrade', Upgrade: 'tcp' },
          [101, 200],
          abortSignal,
          body,
        ),
      );
      return streamOf(connection.socket, output, (data) => connection.write(data));
    }
    const socket = (await this.call('starting the exec', (abortSignal) =>
      this.exec(execId).start({ hijack: true, stdin: options.stdin, Tty: options.tty, Detach: false, abortSignal }),
    )) as Duplex;
    return streamOf(socket, chunksOf(socket), (data) => new Promise((resolve) => socket.write(data, resolve)));
  }

  /** Starts an exec without attaching to it (detach): returns once the engine started it. */
  async startDetached(execId: string): Promise<void> {
    const response = (await this.call('starting the exec', (abortSignal) =>
      this.exec(execId).start({ Detach: true, Tty: false, abortSignal }),
    )) as unknown as Readable | undefined;
    if (response && typeof response.resume === 'function') {
      await new Promise<void>((resolve) => {
        response
          .on('end', resolve)
          .on('close', resolve)
          .on('error', () => resolve());
        response.resume();
      });
    }
  }

  async inspectExec(execId: string): Promise<ExecState> {
    const answer = await this.call('inspecting the exec', (abortSignal) => this.exec(execId).inspect({ abortSignal }));
    return checkAnswer<ExecState>(answer, EXEC_FIELDS, 'the exec inspect', this.server);
  }

  resizeExec(execId: string, height: number, width: number): Promise<void> {
    return this.call('sizing the terminal', (abortSignal) =>
      this.exec(execId).resize({ h: height, w: width, abortSignal }),
    );
  }

  /**
   * Writes a tar archive (a buffer, or chunks sent as they come) into a folder of the
   * container, which must exist. With noOverwriteDirNonDir, as docker cp sends it, the engine
   * refuses to replace a folder with a file or a file with a folder. `sent` is told of each
   * chunk once the connection took it: its buffer may then be used again. The bound restarts
   * with every chunk the engine takes: a large upload is not a silent engine.
   */
  putArchive(
    containerId: string,
    folder: string,
    tar: Buffer | AsyncIterable<Uint8Array>,
    noOverwriteDirNonDir = false,
    sent?: (chunk: Uint8Array) => void,
  ): Promise<void> {
    const query = `path=${encodeURIComponent(folder)}${noOverwriteDirNonDir ? '&noOverwriteDirNonDir=true' : ''}`;
    return this.call(
      'copying into the container',
      (abortSignal, timer) =>
        this.upload(`/containers/${containerId}/archive?${query}`, tar, abortSignal, (chunk) => {
          timer.touch();
          sent?.(chunk);
        }),
      { containerId },
    );
  }

  /**
   * A PUT of a tar body, made here rather than by docker-modem (which pipes a stream into the
   * request) so that each chunk's write is seen to complete.
   */
  private upload(
    path: string,
    body: Buffer | AsyncIterable<Uint8Array>,
    signal: AbortSignal,
    sent: (chunk: Uint8Array) => void,
  ) {
    return new Promise<void>((resolve, reject) => {
      const whole = Buffer.isBuffer(body);
      const target = this.target;
      const options = {
        method: 'PUT',
        path,
        agent: this.agent,
        socketPath: target.protocol === 'unix' ? target.socketPath : undefined,
        // Over SSH the host only names the engine in the Host header (ssh-tunnel.ts).
        host: target.protocol === 'unix' ? undefined : target.protocol === 'ssh' ? 'docker' : target.host,
        port: target.protocol === 'unix' || target.protocol === 'ssh' ? undefined : target.port,
        headers: {
          'Content-Type': 'application/x-tar',
          ...(whole ? { 'Content-Length': String(body.length) } : { 'Transfer-Encoding': 'chunked' }),
        },
      };
      const request =
        target.protocol === 'https' ? httpsRequest({ ...options, signal }) : httpRequest({ ...options, signal });
      request.once('error', reject);
      request.once('response', (response) => {
        const parts: Buffer[] = [];
        response.on('data', (chunk: Buffer) => parts.push(chunk));
        response.once('error', reject);
        response.once('end', () => {
          if (response.statusCode === 200) return resolve();
          reject(
            httpError(
              { status: response.statusCode ?? 0, reason: response.statusMessage ?? '' },
              Buffer.concat(parts).toString('utf8'),
            ),
          );
          request.destroy();
        });
      });
      if (whole) {
        request.end(body);
        return;
      }
      void (async () => {
        for await (const chunk of body) {
          if (request.destroyed) return;
          if (!request.write(chunk, () => sent(chunk))) await once(request, 'drain');
        }
        request.end();
      })().catch((error: Error) => request.destroy(error));
    });
  }

  /**
   * What is at a path in the container (HEAD /containers/{id}/archive, as docker cp asks),
   * or undefined when nothing is there. The engine answers in a header: the name, size, Go
   * file mode bits and the target of a symbolic link.
   */
  async statPath(containerId: string, path: string): Promise<PathStat | undefined> {
    try {
      const response = await this.archiveRequest(containerId, path, 'HEAD', 'looking up a path in the container');
      response.resume();
      return pathStat(response.headers['x-docker-container-path-stat'], path);
    } catch (error) {
      if (error instanceof EngineError && error.statusCode === 404) return undefined;
      throw error;
    }
  }

  /**
   * A tar archive of a path in the container (GET /containers/{id}/archive), read chunk by
   * chunk, with what the engine says is there. Entries are named from the path's last part
   * (`data/...`, or `./...` for a path ending in `/.`). On a unix socket or plain TCP the
   * request is the action's own and reads land in a reused buffer (reused-reads.ts).
   */
  async getArchive(containerId: string, path: string): Promise<{ stat: PathStat; archive: ArchiveStream }> {
    const doing = 'copying from the container';
    if (readsReusable(this.target)) {
      const { head, body, connection } = await this.call(
        doing,
        (abortSignal) =>
          ownRequest(
            this.target,
            'GET',
            `/containers/${containerId}/archive?path=${encodeURIComponent(path)}`,
            {},
            [200],
            abortSignal,
          ),
        { containerId },
      );
      const destroy = () => connection.destroy();
      return {
        stat: pathStat(head.headers['x-docker-container-path-stat'], path),
        archive: { next: this.guardedChunks(body, doing, destroy), destroy },
      };
    }
    const response = await this.archiveRequest(containerId, path, 'GET', doing);
    const destroy = () => response.destroy();
    return {
      stat: pathStat(response.headers['x-docker-container-path-stat'], path),
      archive: { next: this.guardedChunks(chunksOf(response), doing, destroy), destroy },
    };
  }

  /** GET or HEAD /containers/{id}/archive?path=: the response, its body unread. */
  private archiveRequest(containerId: string, path: string, method: 'GET' | 'HEAD', doing: string) {
    const statusCodes = { 200: true as const, 400: 'bad parameter', 404: 'no such path', 500: 'server error' };
    return this.call(
      doing,
      (abortSignal) =>
        this.dial<IncomingMessage>(
          `/containers/${containerId}/archive?`,
          statusCodes,
          { path, abortSignal },
          true,
          method,
        ),
      { containerId },
    );
  }
}

/** A path in the container as the engine describes it (container/archive endpoints). */
export interface PathStat {
  name: string;
  size: number;
  /** Go's os.FileMode bits: permissions, plus ModeDir (1 << 31) or ModeSymlink (1 << 27). */
  mode: number;
  linkTarget: string;
  isDir: boolean;
  isSymlink: boolean;
}

const GO_MODE_DIR = 2 ** 31;
const GO_MODE_SYMLINK = 2 ** 27;

function pathStat(header: string | string[] | undefined, path: string): PathStat {
  const value = headerValue(header);
  let stat: Partial<PathStat> | undefined;
  try {
    stat = value ? (JSON.parse(Buffer.from(value, 'base64').toString('utf8')) as Partial<PathStat>) : undefined;
  } catch {
    stat = undefined;
  }
  if (!stat || typeof stat.mode !== 'number') {
    throw new ActionError(
      `the engine did not say what is at ${path} in the container (no X-Docker-Container-Path-Stat header)`,
    );
  }
  const mode = stat.mode;
  return {
    name: String(stat.name ?? ''),
    size: Number(stat.size ?? 0),
    mode,
    linkTarget: String(stat.linkTarget ?? ''),
    // Bitwise operators work on 32 bits: the high mode bits are tested arithmetically.
    isDir: Math.floor(mode / GO_MODE_DIR) % 2 === 1,
    isSymlink: Math.floor(mode / GO_MODE_SYMLINK) % 2 === 1,
  };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The connection pool of a TLS engine: keep-alive connections, one secure context (the CA,
 * certificate and key parsed once, when the first connection is made, so that bad material
 * fails that request with its explained error), and Node's session cache, so that later
 * connections resume the first one's TLS session instead of verifying the chain again.
 */
function tlsAgent(target: EngineAddress): HttpsAgent {
  const material = target.tls;
  let context: SecureContext | undefined;
  const agent = new HttpsAgent({ keepAlive: true, rejectUnauthorized: material?.verify !== false });
  const connect = agent.createConnection.bind(agent) as (options: object, callback?: unknown) => Socket;
  agent.createConnection = ((options: object, callback?: unknown) => {
    context ??= createSecureContext({ ca: material?.ca, cert: material?.cert, key: material?.key });
    return connect({ ...options, secureContext: context }, callback);
  }) as typeof agent.createConnection;
  return agent;
}

/**
 * The connection pool for a unix socket or plain HTTP: Node's own agent, told that there is
 * no TLS server name. Left to find one, Node derives it from the host of every request, and
 * the first time compiles its IPv6 address pattern: ~4 ms of start-up for a name only TLS
 * uses. (ssh:// gets docker-modem's agent; https:// needs the name.)
 */
function plainAgent(target: EngineAddress): HttpAgent | undefined {
  if (target.protocol !== 'unix' && target.protocol !== 'http') return undefined;
  return new HttpAgent({ keepAlive: true, servername: '' } as ConstructorParameters<typeof HttpAgent>[0]);
}
