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
import { readFileSync } from 'node:fs';
import { Agent as HttpAgent, type IncomingMessage } from 'node:http';
import { Agent } from 'node:https';
import { homedir, userInfo } from 'node:os';
import path from 'node:path';
import type { Duplex, Readable } from 'node:stream';
import { describeServer, dockerAnswer, dockerDetails, splitRemovals, type AnswerContext } from './compat.js';
import type { EngineAddress } from './address.js';
import { ActionError } from '../errors.js';
import { checkHostKey, fingerprint, keyTypeOf, knownKeyTypes, lookupName, parseKnownHosts, type KnownHost } from './known-hosts.js';

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
  Config: { Image: string; User?: string; WorkingDir?: string; Healthcheck?: unknown; Env?: string[] | null };
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

/** The TLS peer (the engine) sent an alert: it refused our client certificate. */
const TLS_PEER_REFUSED = /ALERT_(UNKNOWN_CA|BAD_CERTIFICATE|CERTIFICATE_REQUIRED|CERTIFICATE_UNKNOWN|CERTIFICATE_EXPIRED|CERTIFICATE_REVOKED|UNSUPPORTED_CERTIFICATE|ACCESS_DENIED|DECRYPT_ERROR|HANDSHAKE_FAILURE)/;
/** The engine's certificate does not verify (Node's X509 verification codes, host name). */
const TLS_UNVERIFIED = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS_CERT_ALTNAME/;
const TLS_OTHER = /ERR_TLS|ERR_SSL|EPROTO|alert/i;

/** Where ssh(1) looks for host keys: the user's file (HOME), then the system's. */
export function knownHostsFiles(env: Record<string, string | undefined> = process.env): string[] {
  return [path.join(env.HOME || homedir(), '.ssh', 'known_hosts'), '/etc/ssh/ssh_known_hosts'];
}

/** ssh2's host key algorithms for each key type found in known_hosts. */
const HOST_KEY_ALGORITHMS: Record<string, string[]> = {
  'ssh-ed25519': ['ssh-ed25519'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};

export class Engine {
  private readonly modem: Modem;
  /** Why the SSH host key was refused (set by the host verifier), for the error it causes. */
  private sshRefusal?: string;
  private knownHosts?: { files: string[]; entries: KnownHost[] };
  private server?: string;

  constructor(readonly target: EngineAddress) {
    // docker-modem merges its own reading of DOCKER_HOST under these options, so every key
    // is given explicitly (undefined included) to make our choice the only one.
    const tls = target.tls;
    this.modem = new Modem({
      socketPath: target.socketPath,
      host: target.socketPath ? undefined : target.host,
      port: target.port,
      protocol: target.protocol === 'unix' ? undefined : target.protocol,
      username: target.protocol === 'ssh' ? (target.username ?? localUser()) : target.username,
      ca: tls?.ca,
      cert: tls?.cert,
      key: tls?.key,
      agent: tls && !tls.verify ? new Agent({ rejectUnauthorized: false, ca: tls.ca, cert: tls.cert, key: tls.key }) : plainAgent(target),
      sshOptions: target.protocol === 'ssh' ? this.sshOptions() : undefined,
    } as Modem.ConstructorOptions);
    (this.modem as unknown as { Promise: PromiseConstructor }).Promise = Promise;
  }

  /**
   * ssh2 accepts any host key unless told otherwise: check it against known_hosts as ssh(1)
   * does with StrictHostKeyChecking, and ask the server first for a key type on record.
   * docker-modem opens a new SSH connection per request; the files are read once.
   */
  private sshOptions(): Record<string, unknown> {
    const { host = '', port = '22' } = this.target;
    const known = this.readKnownHosts();
    const preferred = knownKeyTypes(known.entries, host, port).flatMap((type) => HOST_KEY_ALGORITHMS[type] ?? []);
    return {
      agent: process.env.SSH_AUTH_SOCK,
      hostVerifier: (key: Buffer) => this.verifyHostKey(key),
      ...(preferred.length ? { algorithms: { serverHostKey: { remove: preferred, prepend: preferred } } } : {}),
    };
  }

  private readKnownHosts(): { files: string[]; entries: KnownHost[] } {
    if (this.knownHosts) return this.knownHosts;
    const files = knownHostsFiles();
    const entries: KnownHost[] = [];
    for (const file of files) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw new ActionError(`cannot read ${file} to check the SSH host key of ${this.target.address}: ${(error as Error).message}`);
      }
      entries.push(...parseKnownHosts(text, file));
    }
    this.knownHosts = { files, entries };
    return this.knownHosts;
  }

  private verifyHostKey(key: Buffer): boolean {
    const { host = '', port = '22' } = this.target;
    const known = this.readKnownHosts();
    const decision = checkHostKey(known.entries, host, port, key);
    if (decision.status === 'match') return true;
    const presented = `the SSH host key of ${host} port ${port} (${keyTypeOf(key)} ${fingerprint(key)})`;
    const add = `ssh-keyscan -p ${port} ${host} >> ~/.ssh/known_hosts`;
    const at = (e: KnownHost) => `${e.file} line ${e.line}`;
    let why: string;
    if (decision.status === 'unknown') {
      why = `is not in ${known.files.join(' or ')}, so nothing was run. Check the key with its owner and add it: ${add}`;
    } else if (decision.revoked) {
      why = `is marked @revoked in ${at(decision.revoked)}, so nothing was run`;
    } else {
      why = `does not match the key on record (${decision.entries.map(at).join(', ')}): the host key changed, or the connection is intercepted, so nothing was run. If the change is expected, remove the old key (ssh-keygen -R '${lookupName(host, port)}') and add the new one: ${add}`;
    }
    this.sshRefusal = `refused the Docker engine at ${this.target.address} (${this.target.source}): ${presented} ${why}`;
    return false;
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

  /**
   * Turns what docker-modem throws into one line the user can act on. An engine's HTTP error
   * becomes an EngineError in Docker's words (Podman's differ: see compat.ts).
   */
  private explain(error: unknown, doing: string, context: AnswerContext = {}): Error {
    const e = error as ModemError;
    if (typeof e?.statusCode === 'number') {
      const body = e.json;
      let message = '';
      if (body && typeof body === 'object' && !Buffer.isBuffer(body) && typeof body.message === 'string') message = body.message;
      else if (body) message = String(body);
      message ||= e.message.replace(/^\(HTTP code \d+\) [^-]*- /, '').trim();
      const answer = dockerAnswer({ statusCode: e.statusCode, message }, context);
      return new EngineError(answer.statusCode, answer.message);
    }
    if (this.sshRefusal) return new ActionError(this.sshRefusal, { cause: error });
    const where = `${this.target.address} (${this.target.source})`;
    const code = e?.code ?? '';
    const text = `${code} ${e?.message ?? ''}`;
    if (code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'EACCES' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH') {
      const why = code === 'EACCES' ? 'permission denied' : code === 'ENOENT' ? 'no such socket' : code.toLowerCase();
      return new ActionError(
        `cannot reach the Docker engine at ${where}: ${why}. Start the engine, or choose another with the docker-host input or DOCKER_HOST`,
        { cause: error },
      );
    }
    const tls = this.target.tls;
    const reason = `${code}${code && e?.message ? ': ' : ''}${(e?.message ?? '').split('\n')[0].replace(/^[0-9A-F]+:error:[0-9A-F]+:SSL routines:[^:]*:([^:]+):.*$/, '$1')}`;
    if (this.target.protocol === 'https' && TLS_PEER_REFUSED.test(text)) {
      return new ActionError(
        `the Docker engine at ${where} refused this client's TLS certificate (${tls?.certFrom ? `from ${tls.certFrom}` : 'none was given'}; ${reason}), so nothing was run. Give a certificate and key signed by a CA the engine trusts`,
        { cause: error },
      );
    }
    if (this.target.protocol === 'https' && TLS_UNVERIFIED.test(code)) {
      return new ActionError(
        `refused the Docker engine at ${where}: its TLS certificate does not verify against ${tls?.caFrom ? `the CA in ${tls.caFrom}` : "the system's CAs (no CA was given: set tls-ca, or DOCKER_CERT_PATH)"} (${reason}), so nothing was run`,
        { cause: error },
      );
    }
    if (/WRONG_VERSION_NUMBER|wrong version number/i.test(text)) {
      return new ActionError(`the Docker engine at ${where} does not speak TLS (${reason}): use its TLS port, or leave out the TLS settings`, { cause: error });
    }
    if (this.target.protocol === 'http' && /^HPE_/.test(code)) {
      return new ActionError(`the Docker engine at ${where} did not answer in plain HTTP (${reason}): if it expects TLS, give tls-ca, tls-cert and tls-key (or DOCKER_TLS_VERIFY and DOCKER_CERT_PATH)`, { cause: error });
    }
    if (TLS_OTHER.test(text)) {
      return new ActionError(`the TLS connection to the Docker engine at ${where} failed (${reason}), so nothing was run`, { cause: error });
    }
    if (this.target.protocol === 'ssh' && /authentication methods failed/i.test(text)) {
      const sock = process.env.SSH_AUTH_SOCK;
      return new ActionError(
        `the SSH server at ${where} refused to log in ${this.target.username ?? localUser()}: the action logs in with the keys of the ssh-agent at SSH_AUTH_SOCK (${sock ? sock : 'not set'}). Load the key into an agent (ssh-agent, ssh-add) and set SSH_AUTH_SOCK`,
        { cause: error },
      );
    }
    const tlsHint =
      this.target.protocol === 'http' && /ECONNRESET|socket hang up/i.test(text)
        ? '. If this engine expects TLS, give tls-ca, tls-cert and tls-key (or set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH)'
        : '';
    return new ActionError(`${doing} at ${where} failed: ${e?.message ?? String(error)}${tlsHint}`, { cause: error });
  }

  private async call<T>(doing: string, work: () => Promise<T>, context: AnswerContext = {}): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw this.explain(error, doing, context);
    }
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
  private async getJson(path: string, statusCodes: Record<number, true | string>): Promise<unknown> {
    const response = await this.dial<IncomingMessage>(path, statusCodes, {}, true);
    this.server ??= describeServer(headerValue(response.headers.server), headerValue(response.headers['api-version']));
    const chunks: Buffer[] = [];
    for await (const chunk of response) chunks.push(chunk as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  }

  /** The container's details, or undefined when the engine has no such container. */
  async inspectContainer(idOrName: string): Promise<ContainerDetails | undefined> {
    try {
      // dockerode's Container.inspect makes this same request.
      return dockerDetails((await this.call('inspecting the container', () =>
        this.getJson(`/containers/${idOrName}/json`, { 200: true, 404: 'no such container', 500: 'server error' }),
      )) as ContainerDetails);
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
    const create = async (body: ExecOptions) =>
      (
        await this.call(
          'creating the exec',
          () => this.container(containerId).exec({ ...body, AttachStdout: true, AttachStderr: true, AttachStdin: body.AttachStdin ?? false }),
          { containerId },
        )
      ).id;
    try {
      return await create(options);
    } catch (error) {
      // Podman refuses a bare KEY (Docker's "remove KEY"): send KEY=VALUE entries only, and
      // remove what the command would still inherit with `env -u` (see compat.ts).
      const bare = options.Env?.some((entry) => !entry.includes('='));
      if (!bare || !(error instanceof EngineError) || !/badly formed, must be key=value/.test(error.engineMessage)) throw error;
      const container = await this.inspectContainer(containerId);
      const { env, unset } = splitRemovals(options.Env ?? [], container?.Config.Env ?? []);
      const Cmd = unset.length ? ['env', ...unset.flatMap((key) => ['-u', key]), '--', ...options.Cmd] : options.Cmd;
      return create({ ...options, Env: env.length ? env : undefined, Cmd });
    }
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

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
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

/** The user ssh(1) logs in as when the address names none. */
function localUser(): string {
  try {
    return process.env.USER || userInfo().username;
  } catch {
    return 'root';
  }
}
