// One SSH connection per run for an ssh:// engine, every API request a channel of it.
//
// docker-modem's own SSH agent (lib/ssh.js) logs in again for every request and starts
// `docker system dial-stdio` on the remote host each time: 5 logins per run of the action,
// ~1 s each on loopback. Here the connection is made once, and each HTTP
// connection is an OpenSSH stream-local channel (`direct-streamlocal@openssh.com`, what
// `ssh -L local:/var/run/docker.sock` uses) straight to the engine's socket: no remote process
// at all. A server that refuses stream-local forwarding (`AllowStreamLocalForwarding no`), or
// has no socket at that path, gets what the docker CLI runs instead: `docker system
// dial-stdio` over an exec channel. The choice is made once per run and said in a debug line.
// Host keys are checked by the caller's hostVerifier (ssh.ts).
import { Agent, type AgentOptions } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import { Client, type ClientChannel, type ConnectConfig } from 'ssh2';

/** The engine's socket on the remote host when the address names none (Docker's default). */
export const REMOTE_DEFAULT_SOCKET = '/var/run/docker.sock';

export type SshRoute = 'stream-local' | 'dial-stdio';

export interface SshTunnelOptions {
  connect: ConnectConfig;
  /** The engine's socket path given in the address (ssh://host/path), if any. */
  socketPath?: string;
  /** Told once which route the channels take, and why. */
  onRoute?: (route: SshRoute, why: string) => void;
}

/** The remote command for a dial-stdio channel, as docker/cli's connhelper builds it. */
export function dialStdioCommand(socketPath: string | undefined): string {
  return socketPath
    ? `docker --host ${shellQuote(`unix://${socketPath}`)} system dial-stdio`
    : 'docker system dial-stdio';
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export class SshTunnel {
  /** The HTTP agent whose connections are channels of the one SSH connection. */
  readonly agent: Agent;
  private client?: Client;
  private ready?: Promise<Client>;
  private route?: SshRoute;
  private closed = false;
  private loggedIn = false;
  /** The channels open now: failed together when the connection under them is lost. */
  private readonly channels = new Set<ClientChannel>();
  /** What the SSH connection last failed with (a reset, a keep-alive left unanswered). */
  private failure?: string;

  constructor(private readonly options: SshTunnelOptions) {
    this.agent = new ChannelAgent((callback) => {
      this.openChannel().then(
        (channel) => callback(null, channel as unknown as Socket),
        (error: Error) => callback(error),
      );
    });
  }

  /** Logs in once; every later channel waits for the same login. */
  private connect(): Promise<Client> {
    this.ready ??= new Promise<Client>((resolve, reject) => {
      const client = new Client();
      this.client = client;
      client
        .once('ready', () => {
          this.loggedIn = true;
          resolve(client);
        })
        .on('error', (error: Error) => {
          this.failure = error.message;
          reject(error);
        })
        // A connection that ends after the login fails the requests still waiting on it, and
        // every channel on it at once (see lose()).
        .on('close', () => {
          const why = `the SSH connection to the engine was lost${this.failure ? ` (${this.failure})` : ''}`;
          this.ready = Promise.reject(new Error(why));
          this.ready.catch(() => undefined);
          if (!this.closed) this.lose(why);
        });
      client.connect(this.options.connect);
      // Without TCP_NODELAY each small SSH message of the login waits for the server's
      // delayed ACK (~45 ms each on loopback), and a login is many small messages.
      client.setNoDelay(true);
    });
    return this.ready;
  }

  private async openChannel(): Promise<ClientChannel> {
    if (this.closed) throw new Error('the SSH connection to the engine was closed');
    const client = await this.connect();
    return this.track(await this.routed(client));
  }

  private async routed(client: Client): Promise<ClientChannel> {
    // Until one answer decides the route, every channel tries stream-local at once (the
    // first requests go out side by side: waiting for one answer would cost them a round
    // trip); a refusal then settles on dial-stdio for this and every later channel.
    if (this.route !== 'dial-stdio') {
      try {
        const channel = await this.streamLocal(client);
        this.decide('stream-local', `to ${this.socketPath} (direct-streamlocal@openssh.com)`);
        return channel;
      } catch (error) {
        if (this.route === 'stream-local') throw error;
        this.decide(
          'dial-stdio',
          `the server refused a stream-local channel to ${this.socketPath} (${(error as Error).message}): running \`${dialStdioCommand(this.options.socketPath)}\``,
        );
      }
    }
    return this.dialStdio(client);
  }

  private track(channel: ClientChannel): ClientChannel {
    this.channels.add(channel);
    channel.once('close', () => this.channels.delete(channel));
    return channel;
  }

  /**
   * The connection is gone: ssh2 only ends each channel's input, and a channel's 'close' waits
   * until that end is read, so a kept-alive channel nobody reads stayed in the HTTP agent's pool
   * and the next request on it waited forever. Each channel fails instead: a reader (the
   * command's output) sees the error, and the agent drops the channel on its close.
   */
  private lose(why: string): void {
    const error = new Error(why);
    for (const channel of this.channels) {
      if (channel.listenerCount('error') > 0) channel.emit('error', error);
      channel.emit('close');
    }
    this.channels.clear();
  }

  /** The route, once: said in one debug line. */
  private decide(route: SshRoute, why: string): void {
    if (this.route) return;
    this.route = route;
    this.options.onRoute?.(route, why);
  }

  private get socketPath(): string {
    return this.options.socketPath ?? REMOTE_DEFAULT_SOCKET;
  }

  private streamLocal(client: Client): Promise<ClientChannel> {
    return new Promise((resolve, reject) =>
      client.openssh_forwardOutStreamLocal(this.socketPath, (error, channel) =>
        error ? reject(error) : resolve(channel),
      ),
    );
  }

  private dialStdio(client: Client): Promise<ClientChannel> {
    return new Promise((resolve, reject) =>
      client.exec(dialStdioCommand(this.options.socketPath), (error, channel) => {
        if (error) return reject(error);
        // What dial-stdio says on stderr (no docker on the host, no engine) is kept for the
        // error of the request that then finds the channel closed.
        const said: Buffer[] = [];
        channel.stderr.on('data', (chunk: Buffer) => said.length < 16 && said.push(chunk));
        channel.once('exit', (code: number | null) => {
          const text = Buffer.concat(said).toString('utf8').trim().split('\n')[0];
          if (code && text) (channel as Duplex).destroy(new Error(`docker system dial-stdio on the SSH host: ${text}`));
        });
        resolve(channel);
      }),
    );
  }

  /** Ends the SSH connection: the run is over (its sockets would keep the process alive). */
  close(): void {
    this.closed = true;
    this.agent.destroy();
    // A login still under way (a server that never answered it) is dropped at once: ending it
    // politely would wait for the server, and hold the process until ssh2's readyTimeout.
    if (this.loggedIn) this.client?.end();
    else this.client?.destroy();
  }
}

/**
 * Node's keep-alive agent over channels that are not net sockets: no TCP keep-alive, no
 * ref/unref (the SSH connection under them is closed at the end of the run instead).
 */
class ChannelAgent extends Agent {
  constructor(private readonly open: (callback: (error: Error | null, socket?: Socket) => void) => void) {
    super({ keepAlive: true } as AgentOptions);
  }

  override createConnection(_options: unknown, callback?: (error: Error | null, socket: Duplex) => void): undefined {
    this.open((error, socket) => callback?.(error, socket as Duplex));
    return undefined;
  }

  override keepSocketAlive(): boolean {
    return true;
  }

  override reuseSocket(): void {}
}
