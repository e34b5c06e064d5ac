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
import { Agent } from 'node:https';
import type { Duplex, Readable } from 'node:stream';
import type { EngineAddress } from './engine-address.js';
import { ActionError } from './errors.js';

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
  Config: { Image: string; User?: string; WorkingDir?: string; Healthcheck?: unknown };
  NetworkSettings?: { Networks?: Record<string, { Aliases?: string[] | null } | null> };
}

export interface ContainerListing {
  Id: string;
  Names: string[];
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

/** The engine answered with an HTTP error: its status and its own message. */
export class EngineError extends ActionError {
  constructor(
    readonly statusCode: number,
    readonly engineMessage: string,
  ) {
    super(engineMessage);
    this.name = 'EngineError';
  }
}

interface ModemError extends Error {
  statusCode?: number;
  json?: { message?: string } | Buffer | string | null;
  code?: string;
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL|EPROTO|alert/i;

export class Engine {
  private readonly modem: Modem;

  constructor(readonly target: EngineAddress) {
    // docker-modem merges its own reading of DOCKER_HOST under these options, so every key
    // is given explicitly (undefined included) to make our choice the only one.
    const tls = target.tls;
    this.modem = new Modem({
      socketPath: target.socketPath,
      host: target.socketPath ? undefined : target.host,
      port: target.port,
      protocol: target.protocol === 'unix' ? undefined : target.protocol,
      username: target.username,
      ca: tls?.ca,
      cert: tls?.cert,
      key: tls?.key,
      agent: tls && !tls.verify ? new Agent({ rejectUnauthorized: false, ca: tls.ca, cert: tls.cert, key: tls.key }) : undefined,
      sshOptions: target.protocol === 'ssh' ? { agent: process.env.SSH_AUTH_SOCK } : undefined,
    } as Modem.ConstructorOptions);
    (this.modem as unknown as { Promise: PromiseConstructor }).Promise = Promise;
  }

  private container(id: string): Docker.Container {
    return new Container(this.modem, id);
  }

  private exec(id: string): Docker.Exec {
    return new Exec(this.modem, id);
  }

  /** A call dockerode's Docker class would make, made the same way on the same modem. */
  private dial<T>(path: string, statusCodes: Record<number, true | string>, options: Record<string, unknown> = {}, isStream = false): Promise<T> {
    return new Promise((resolve, reject) =>
      this.modem.dial({ path, method: 'GET', options, isStream, statusCodes, abortSignal: options.abortSignal as AbortSignal | undefined } as Modem.DialOptions, (error, data) =>
        error ? reject(error) : resolve(data as T),
      ),
    );
  }

  /** Turns what docker-modem throws into one line the user can act on. */
  private explain(error: unknown, doing: string): Error {
    const e = error as ModemError;
    if (typeof e?.statusCode === 'number') {
      const body = e.json;
      let message = '';
      if (body && typeof body === 'object' && !Buffer.isBuffer(body) && typeof body.message === 'string') message = body.message;
      else if (body) message = String(body);
      message ||= e.message.replace(/^\(HTTP code \d+\) [^-]*- /, '');
      return new EngineError(e.statusCode, message.trim());
    }
    const where = `${this.target.address} (${this.target.source})`;
    const code = e?.code ?? '';
    if (code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'EACCES' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH') {
      const why = code === 'EACCES' ? 'permission denied' : code === 'ENOENT' ? 'no such socket' : code.toLowerCase();
      return new ActionError(
        `cannot reach the Docker engine at ${where}: ${why}. Start the engine, or choose another with the docker-host input or DOCKER_HOST`,
        { cause: error },
      );
    }
    if (TLS_CODES.test(code) || TLS_CODES.test(e?.message ?? '')) {
      return new ActionError(
        `the Docker engine at ${where} was refused: its TLS certificate does not verify (${code || e.message}). Check tls-ca (or DOCKER_CERT_PATH)`,
        { cause: error },
      );
    }
    return new ActionError(`${doing} at ${where} failed: ${e?.message ?? String(error)}`, { cause: error });
  }

  private async call<T>(doing: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw this.explain(error, doing);
    }
  }

  version(): Promise<{ Version: string; ApiVersion: string; Components?: Array<{ Name: string }> }> {
    return this.call('asking the engine its version', () => this.dial('/version', { 200: true, 500: 'server error' }));
  }

  /** The container's details, or undefined when the engine has no such container. */
  async inspectContainer(idOrName: string): Promise<ContainerDetails | undefined> {
    try {
      return (await this.call('inspecting the container', () =>
        this.container(idOrName).inspect(),
      )) as unknown as ContainerDetails;
    } catch (error) {
      if (error instanceof EngineError && error.statusCode === 404) return undefined;
      throw error;
    }
  }

  listContainers(all = true): Promise<ContainerListing[]> {
    return this.call('listing containers', () => this.dial<ContainerListing[]>('/containers/json?', { 200: true, 400: 'bad parameter', 500: 'server error' }, { all }));
  }

  /** The engine's event stream for one container, from now on. */
  async containerEvents(containerId: string, signal: AbortSignal): Promise<Readable> {
    return (await this.call('following engine events', () =>
      this.dial('/events?', { 200: true, 500: 'server error' }, { filters: { container: [containerId] }, abortSignal: signal }, true),
    )) as unknown as Readable;
  }

  async createExec(containerId: string, options: ExecOptions): Promise<string> {
    const exec = await this.call('creating the exec', () =>
      this.container(containerId).exec({
        ...options,
        AttachStdout: true,
        AttachStderr: true,
        AttachStdin: options.AttachStdin ?? false,
      }),
    );
    return exec.id;
  }

  /**
   * Starts an exec and returns the hijacked connection: frames (or raw bytes with a TTY)
   * to read, and, when stdin was attached, the command's standard input to write.
   */
  startExec(execId: string, options: { tty: boolean; stdin: boolean }): Promise<Duplex> {
    return this.call('starting the exec', () =>
      this.exec(execId).start({ hijack: true, stdin: options.stdin, Tty: options.tty, Detach: false }),
    ) as Promise<Duplex>;
  }

  /** Starts an exec without attaching to it (detach): returns once the engine started it. */
  async startDetached(execId: string): Promise<void> {
    const response = (await this.call('starting the exec', () =>
      this.exec(execId).start({ Detach: true, Tty: false }),
    )) as unknown as Readable | undefined;
    if (response && typeof response.resume === 'function') {
      await new Promise<void>((resolve) => {
        response.on('end', resolve).on('close', resolve).on('error', () => resolve());
        response.resume();
      });
    }
  }

  inspectExec(execId: string): Promise<ExecState> {
    return this.call('inspecting the exec', () => this.exec(execId).inspect()) as Promise<ExecState>;
  }

  resizeExec(execId: string, height: number, width: number): Promise<void> {
    return this.call('sizing the terminal', () => this.exec(execId).resize({ h: height, w: width }));
  }

  /** Writes a tar archive into a folder of the container (the folder must exist). */
  putArchive(containerId: string, folder: string, tar: Buffer): Promise<void> {
    return this.call('copying into the container', async () => {
      await this.container(containerId).putArchive(tar, { path: folder });
    });
  }
}
