// A fault-injecting Docker Engine API proxy for the tests: an HTTP/1.1 proxy on a
// unix socket in front of the engine socket. Everything passes through byte for byte unless a
// fault applies. Design: `net` on both sides, one upstream connection per client connection
// (so keep-alive connections carrying several requests keep their order), and only the request
// and response heads are parsed; bodies are streamed with their framing (Content-Length,
// chunked, or until close) and never buffered whole. Hijacked connections (a 101 answer, or a
// 200 raw stream on exec start without an upgrade) become a raw two-way tunnel in which a
// half-close on either side is forwarded as a half-close.
import { randomBytes } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { engineSocketPath } from './docker.js';

export type Fault =
  | { kind: 'none' }
  /** GET /exec/<id>/json answers the real JSON with Running: true, ExitCode: null. */
  | { kind: 'inspect-running-forever' }
  /** GET /exec/<id>/json answers the real JSON with Running: false, ExitCode: null. */
  | { kind: 'inspect-no-exit-code' }
  /**
   * POST /exec/<id>/start: after `afterBytes` bytes of the stream (counted after the 101/200
   * response head) from the engine to the client, destroy both sockets. The command keeps
   * running in the container.
   */
  | { kind: 'cut-stream'; afterBytes: number }
  /**
   * POST /exec/<id>/start (non-TTY, multiplexed): after `afterFrames` whole frames (8-byte
   * header and payload) from the engine, end the client's side cleanly (a FIN between two
   * frames, nothing torn) and drop the engine's. The command keeps running in the container.
   */
  | { kind: 'cut-stream-at-frame'; afterFrames: number }
  /** POST /containers/<id>/exec answers 500 {"message": ...}. */
  | { kind: 'exec-create-500'; message?: string }
  /** GET /containers/<id>/archive answers 200 with the engine's headers and this body (a crafted tar). */
  | { kind: 'archive-body'; body: Buffer }
  /** The JSON answer of a container or exec inspect without `field` (dotted): an API that dropped it. */
  | { kind: 'drop-field'; route: 'container-inspect' | 'exec-inspect'; field: string }
  /** Every request is held delayMs before being forwarded. */
  | { kind: 'slow'; delayMs: number }
  /** Requests of this route are read and never answered (the connection stays open). */
  | { kind: 'hang'; route: Route };

export interface FaultProxy {
  /** The unix socket it listens on ('' when it listens on TCP). */
  socketPath: string;
  /** unix://<socketPath>, or tcp://127.0.0.1:<port> with `tcp`, for DOCKER_HOST. */
  dockerHost: string;
  /** Applies to requests that start from now on. */
  setFault(f: Fault): void;
  /** "METHOD /target" of every request seen (the target as sent, version prefix and query included). */
  requests: string[];
  /**
   * Beside each entry of `requests`: how many answers had been relayed when it arrived (two
   * requests with the same count were in flight together).
   */
  answeredBefore: number[];
  close(): Promise<void>;
}

export const DEFAULT_EXEC_CREATE_MESSAGE = 'injected fault: exec create';

const HIGH_WATER = 1 << 20; // bytes buffered from a socket before it is paused
const MAX_HEAD = 1 << 20;

/** Pull-style reader over a socket: the socket is paused while nobody reads (backpressure). */
class SocketReader {
  private chunks: Buffer[] = [];
  private size = 0;
  eof = false;
  private failure: Error | undefined;
  private wakeup: (() => void) | undefined;

  constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.size += chunk.length;
      if (this.size >= HIGH_WATER) socket.pause();
      this.wake();
    });
    socket.on('end', () => {
      this.eof = true;
      this.wake();
    });
    socket.on('close', () => {
      this.eof = true;
      this.wake();
    });
    socket.on('error', (err) => {
      this.failure = err;
      this.wake();
    });
  }

  private wake(): void {
    const w = this.wakeup;
    this.wakeup = undefined;
    w?.();
  }

  private wait(): Promise<void> {
    if (this.failure) throw this.failure;
    this.socket.resume();
    return new Promise((resolve) => (this.wakeup = resolve));
  }

  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length ? [rest] : [];
    this.size = rest.length;
    return out;
  }

  /** Bytes up to and including `delimiter`; null on a clean end before any byte. */
  async readUntil(delimiter: string, max = MAX_HEAD): Promise<Buffer | null> {
    for (;;) {
      if (this.size) {
        if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks)];
        const at = this.chunks[0].indexOf(delimiter);
        if (at >= 0) return this.take(at + delimiter.length);
        if (this.size > max) throw new Error(`no ${JSON.stringify(delimiter)} within ${max} bytes`);
      }
      if (this.failure) throw this.failure;
      if (this.eof) {
        if (this.size === 0) return null;
        throw new Error('connection ended inside a message head');
      }
      await this.wait();
    }
  }

  /** Up to `max` bytes (whatever is buffered); null at the end of the stream. */
  async readSome(max = Infinity): Promise<Buffer | null> {
    for (;;) {
      if (this.size) {
        const first = this.chunks[0];
        if (first.length <= max) {
          this.chunks.shift();
          this.size -= first.length;
          return first;
        }
        this.chunks[0] = first.subarray(max);
        this.size -= max;
        return first.subarray(0, max);
      }
      if (this.failure) throw this.failure;
      if (this.eof) return null;
      await this.wait();
    }
  }

  async readExact(n: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let got = 0;
    while (got < n) {
      const chunk = await this.readSome(n - got);
      if (!chunk) throw new Error('connection ended inside a message body');
      parts.push(chunk);
      got += chunk.length;
    }
    return parts.length === 1 ? parts[0] : Buffer.concat(parts);
  }
}

/** Writes with backpressure; throws once the destination is gone. */
async function send(dst: net.Socket, data: Buffer | string): Promise<void> {
  if (dst.destroyed || !dst.writable) throw new Error('destination closed');
  if (dst.write(data)) return;
  await new Promise<void>((resolve) => {
    const done = (): void => {
      dst.off('drain', done);
      dst.off('close', done);
      resolve();
    };
    dst.on('drain', done);
    dst.on('close', done);
  });
}

interface Head {
  raw: Buffer;
  startLine: string;
  /** Header lines as received (without CRLF). */
  lines: string[];
  headers: Map<string, string>;
  http10: boolean;
}

function parseHead(raw: Buffer): Head {
  const text = raw.toString('latin1');
  const all = text.slice(0, text.length - 4).split('\r\n');
  const headers = new Map<string, string>();
  for (const line of all.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value);
  }
  return { raw, startLine: all[0], lines: all.slice(1), headers, http10: /HTTP\/1\.0/.test(all[0]) };
}

function hasToken(head: Head, name: string, token: string): boolean {
  return (head.headers.get(name) ?? '')
    .toLowerCase()
    .split(',')
    .some((t) => t.trim() === token);
}

function wantsClose(head: Head): boolean {
  return hasToken(head, 'connection', 'close') || (head.http10 && !hasToken(head, 'connection', 'keep-alive'));
}

type Framing = { kind: 'none' } | { kind: 'length'; length: number } | { kind: 'chunked' } | { kind: 'close' };

function bodyFraming(head: Head, isResponse: boolean): Framing {
  if (hasToken(head, 'transfer-encoding', 'chunked')) return { kind: 'chunked' };
  const length = head.headers.get('content-length');
  if (length !== undefined) {
    const n = Number(length.split(',')[0]);
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`bad Content-Length: ${length}`);
    return n ? { kind: 'length', length: n } : { kind: 'none' };
  }
  return isResponse ? { kind: 'close' } : { kind: 'none' };
}

/** Moves one body from `src` to `dst` (or drops it when dst is null), keeping its framing. */
async function pumpBody(framing: Framing, src: SocketReader, dst: net.Socket | null): Promise<void> {
  const out = (b: Buffer): Promise<void> => (dst ? send(dst, b) : Promise.resolve());
  switch (framing.kind) {
    case 'none':
      return;
    case 'length': {
      let left = framing.length;
      while (left > 0) {
        const chunk = await src.readSome(left);
        if (!chunk) throw new Error('connection ended inside a message body');
        left -= chunk.length;
        await out(chunk);
      }
      return;
    }
    case 'chunked':
      for (;;) {
        const line = await src.readUntil('\r\n', 64 * 1024);
        if (!line) throw new Error('connection ended inside a chunked body');
        await out(line);
        const size = parseInt(line.toString('latin1'), 16);
        if (Number.isNaN(size)) throw new Error('bad chunk size');
        if (size === 0) {
          for (;;) {
            const trailer = await src.readUntil('\r\n', 64 * 1024);
            if (!trailer) throw new Error('connection ended inside chunked trailers');
            await out(trailer);
            if (trailer.length === 2) return;
          }
        }
        await pumpBody({ kind: 'length', length: size + 2 }, src, dst);
      }
    case 'close':
      for (;;) {
        const chunk = await src.readSome();
        if (!chunk) return;
        await out(chunk);
      }
  }
}

/** Reads a whole (small) body, de-chunked. */
async function readBody(framing: Framing, src: SocketReader): Promise<Buffer> {
  const parts: Buffer[] = [];
  if (framing.kind === 'chunked') {
    for (;;) {
      const line = await src.readUntil('\r\n', 64 * 1024);
      if (!line) throw new Error('connection ended inside a chunked body');
      const size = parseInt(line.toString('latin1'), 16);
      if (Number.isNaN(size)) throw new Error('bad chunk size');
      if (size === 0) {
        while ((await src.readUntil('\r\n', 64 * 1024))?.length !== 2) {
          /* trailers */
        }
        return Buffer.concat(parts);
      }
      parts.push((await src.readExact(size + 2)).subarray(0, size));
    }
  }
  if (framing.kind === 'length') return src.readExact(framing.length);
  if (framing.kind === 'close') {
    for (let c = await src.readSome(); c; c = await src.readSome()) parts.push(c);
  }
  return Buffer.concat(parts);
}

export type Route = 'exec-create' | 'exec-start' | 'exec-inspect' | 'container-inspect' | 'archive-get' | 'other';

function route(method: string, target: string): Route {
  const p = target.split('?')[0].replace(/^\/v\d+(\.\d+)?(?=\/)/, '');
  if (method === 'POST' && /^\/containers\/[^/]+\/exec\/?$/.test(p)) return 'exec-create';
  if (method === 'POST' && /^\/exec\/[^/]+\/start\/?$/.test(p)) return 'exec-start';
  if (method === 'GET' && /^\/exec\/[^/]+\/json\/?$/.test(p)) return 'exec-inspect';
  if (method === 'GET' && /^\/containers\/[^/]+\/json\/?$/.test(p)) return 'container-inspect';
  if (method === 'GET' && /^\/containers\/[^/]+\/archive\/?$/.test(p)) return 'archive-get';
  return 'other';
}

function buildHead(startLine: string, lines: string[], body: Buffer, contentType?: string): Buffer {
  const kept = lines.filter((l) => !/^(content-length|transfer-encoding|content-type)\s*:/i.test(l));
  const type = contentType ?? lines.find((l) => /^content-type\s*:/i.test(l));
  return Buffer.from(
    [startLine, ...kept, ...(type ? [type] : []), `Content-Length: ${body.length}`, '', ''].join('\r\n'),
    'latin1',
  );
}

interface Upstream {
  socket: net.Socket;
  reader: SocketReader;
}

function connectUpstream(socketPath: string, track: (s: net.Socket) => void): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ path: socketPath, allowHalfOpen: true });
    track(socket);
    const onError = (err: Error): void => reject(err);
    socket.once('error', onError);
    socket.once('connect', () => {
      socket.off('error', onError);
      resolve({ socket, reader: new SocketReader(socket) });
    });
  });
}

export async function startFaultProxy(
  options: { upstream?: string; fault?: Fault; socketPath?: string; tcp?: boolean } = {},
): Promise<FaultProxy> {
  const upstreamPath = options.upstream ?? engineSocketPath();
  const socketPath = options.tcp
    ? ''
    : (options.socketPath ?? path.join(tmpdir(), `fault-proxy-${randomBytes(6).toString('hex')}.sock`));
  let fault: Fault = options.fault ?? { kind: 'none' };
  const requests: string[] = [];
  const answeredBefore: number[] = [];
  let answered = 0;
  const sockets = new Set<net.Socket>();
  const aborter = new AbortController();
  const track = (s: net.Socket): void => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  };

  /** Relays one response (after 1xx interim ones); says what to do with the connection. */
  async function relayResponse(
    method: string,
    kind: Route,
    active: Fault,
    up: Upstream,
    client: net.Socket,
  ): Promise<'keep' | 'close' | 'tunnel'> {
    for (;;) {
      const raw = await up.reader.readUntil('\r\n\r\n');
      if (!raw) throw new Error('engine closed the connection before answering');
      const res = parseHead(raw);
      const status = Number(res.startLine.split(' ')[1]);
      if (status === 101) {
        await send(client, raw);
        return 'tunnel';
      }
      if (status >= 100 && status < 200) {
        await send(client, raw);
        continue;
      }
      const framing: Framing =
        method === 'HEAD' || status === 204 || status === 304 ? { kind: 'none' } : bodyFraming(res, true);
      if (kind === 'exec-start' && status === 200 && framing.kind === 'close') {
        // exec start without an upgrade: the engine hijacks anyway and streams raw.
        await send(client, raw);
        return 'tunnel';
      }
      if (
        kind === 'exec-inspect' &&
        status === 200 &&
        (active.kind === 'inspect-running-forever' || active.kind === 'inspect-no-exit-code')
      ) {
        const json = JSON.parse((await readBody(framing, up.reader)).toString('utf8')) as Record<string, unknown>;
        json.Running = active.kind === 'inspect-running-forever';
        json.ExitCode = null;
        const body = Buffer.from(JSON.stringify(json) + '\n');
        await send(client, Buffer.concat([buildHead(res.startLine, res.lines, body), body]));
        return wantsClose(res) || framing.kind === 'close' ? 'close' : 'keep';
      }
      if (kind === 'archive-get' && status === 200 && active.kind === 'archive-body') {
        await readBody(framing, up.reader);
        await send(client, Buffer.concat([buildHead(res.startLine, res.lines, active.body), active.body]));
        return wantsClose(res) || framing.kind === 'close' ? 'close' : 'keep';
      }
      if (active.kind === 'drop-field' && kind === active.route && status === 200) {
        const json = JSON.parse((await readBody(framing, up.reader)).toString('utf8')) as Record<string, unknown>;
        const keys = active.field.split('.');
        const parent = keys
          .slice(0, -1)
          .reduce<Record<string, unknown> | undefined>((v, k) => v?.[k] as Record<string, unknown> | undefined, json);
        if (parent) delete parent[keys[keys.length - 1]];
        const body = Buffer.from(JSON.stringify(json) + '\n');
        await send(client, Buffer.concat([buildHead(res.startLine, res.lines, body), body]));
        return wantsClose(res) || framing.kind === 'close' ? 'close' : 'keep';
      }
      await send(client, raw);
      await pumpBody(framing, up.reader, client);
      return wantsClose(res) || framing.kind === 'close' ? 'close' : 'keep';
    }
  }

  /** Copies whole multiplexed frames to the client, `frames` of them; false if the stream ended first. */
  async function copyFrames(up: Upstream, client: net.Socket, frames: number): Promise<boolean> {
    for (let i = 0; i < frames; i++) {
      const head = await up.reader.readExact(8).catch(() => null);
      if (!head) return false;
      await send(client, head);
      for (let left = head.readUInt32BE(4); left > 0;) {
        const chunk = await up.reader.readSome(left);
        if (!chunk) return false;
        left -= chunk.length;
        await send(client, chunk);
      }
    }
    return true;
  }

  /**
   * Raw two-way copy with half-close forwarding; optionally cut after N engine->client bytes
   * (both sockets destroyed), or after N whole frames (the client's side ended cleanly).
   */
  async function tunnel(
    client: net.Socket,
    clientReader: SocketReader,
    up: Upstream,
    cut?: { bytes: number } | { frames: number },
  ): Promise<void> {
    const destroyBoth = (): void => {
      client.destroy();
      up.socket.destroy();
    };
    const down = (async () => {
      if (cut && 'frames' in cut) {
        if (await copyFrames(up, client, cut.frames)) up.socket.destroy();
        client.end();
        return;
      }
      const cutAfter = cut?.bytes;
      let sent = 0;
      for (;;) {
        if (cutAfter !== undefined && sent >= cutAfter) {
          // Write callbacks run in order: once this one runs, the N bytes have left node.
          await new Promise<void>((resolve) =>
            client.destroyed ? resolve() : client.write(Buffer.alloc(0), () => resolve()),
          );
          destroyBoth();
          return;
        }
        const chunk = await up.reader.readSome(cutAfter === undefined ? Infinity : cutAfter - sent);
        if (!chunk) break;
        sent += chunk.length;
        await send(client, chunk);
      }
      client.end();
    })();
    const upward = (async () => {
      for (;;) {
        const chunk = await clientReader.readSome();
        if (!chunk) break;
        await send(up.socket, chunk);
      }
      if (!up.socket.destroyed) up.socket.end();
    })();
    const results = await Promise.allSettled([down, upward]);
    if (results.some((r) => r.status === 'rejected')) destroyBoth();
  }

  async function handle(client: net.Socket): Promise<void> {
    track(client);
    const clientReader = new SocketReader(client);
    let up: Upstream | undefined;
    try {
      for (;;) {
        let raw = await clientReader.readUntil('\r\n\r\n');
        while (raw && raw.length > 4 && raw.subarray(0, 2).toString() === '\r\n') raw = raw.subarray(2);
        if (!raw) break;
        const req = parseHead(raw);
        const [method = '', target = ''] = req.startLine.split(' ');
        requests.push(`${method} ${target}`);
        answeredBefore.push(answered);
        const kind = route(method, target);
        const active = fault;
        const reqFraming = bodyFraming(req, false);

        if (active.kind === 'slow') await delay(active.delayMs, undefined, { signal: aborter.signal });
        if (active.kind === 'hang' && active.route === kind) {
          await pumpBody(reqFraming, clientReader, null);
          await new Promise<void>((resolve) => client.once('close', resolve));
          return;
        }

        if (active.kind === 'exec-create-500' && kind === 'exec-create') {
          await pumpBody(reqFraming, clientReader, null);
          const body = Buffer.from(JSON.stringify({ message: active.message ?? DEFAULT_EXEC_CREATE_MESSAGE }) + '\n');
          const close = wantsClose(req);
          await send(
            client,
            Buffer.concat([
              buildHead(
                'HTTP/1.1 500 Internal Server Error',
                close ? ['Connection: close'] : [],
                body,
                'Content-Type: application/json',
              ),
              body,
            ]),
          );
          if (close) break;
          continue;
        }

        if (!up || up.reader.eof || up.socket.destroyed) {
          up?.socket.destroy();
          up = await connectUpstream(upstreamPath, track);
        }
        await send(up.socket, raw);
        const bodyDone = pumpBody(reqFraming, clientReader, up.socket);
        bodyDone.catch(() => undefined); // awaited below; avoid an unhandled rejection meanwhile
        const outcome = await relayResponse(method, kind, active, up, client);
        answered++;
        await bodyDone;
        if (outcome === 'tunnel') {
          const cut =
            kind !== 'exec-start'
              ? undefined
              : active.kind === 'cut-stream'
                ? { bytes: active.afterBytes }
                : active.kind === 'cut-stream-at-frame'
                  ? { frames: active.afterFrames }
                  : undefined;
          await tunnel(client, clientReader, up, cut);
          return;
        }
        if (outcome === 'close' || wantsClose(req)) break;
      }
      if (!client.destroyed) client.end();
      up?.socket.end();
    } catch {
      client.destroy();
      up?.socket.destroy();
    }
  }

  const server = net.createServer({ allowHalfOpen: true }, (client) => void handle(client));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    const listening = () => {
      server.off('error', reject);
      resolve();
    };
    // TCP on loopback only: the proxy forwards to the engine whatever reaches it.
    if (options.tcp) server.listen(0, '127.0.0.1', listening);
    else server.listen(socketPath, listening);
  });

  return {
    socketPath,
    dockerHost: options.tcp ? `tcp://127.0.0.1:${(server.address() as net.AddressInfo).port}` : `unix://${socketPath}`,
    setFault: (f) => {
      fault = f;
    },
    requests,
    answeredBefore,
    close: async () => {
      aborter.abort();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
      if (socketPath) await unlink(socketPath).catch(() => undefined);
    },
  };
}
