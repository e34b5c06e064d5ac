// Requests of the action's own to the engine, for the answers that stream many bytes (an
// exec's output, a copy out of the container), over a connection whose reads all land in one
// buffer that is used again. Node gives every socket read a fresh Buffer whose bytes live
// outside V8's heap and are freed only when a collection finds it dead; V8 starts one for
// them only after tens of MiB have piled up, which puts a large stream's peak RSS past
// 100 MiB. Here each chunk is a view into the one buffer, valid until the next is asked for,
// and the socket is paused until then: what streams through leaves nothing behind.
//
// Node reads into a given buffer only for sockets it opens itself (net.connect's `onread`),
// so this covers unix sockets and plain TCP; TLS and SSH engines keep docker-modem's path.
import { connect, type Socket } from 'node:net';
import type { EngineAddress } from './address.js';
import { ClosedEarly, PulledChunks, type ChunkSource } from '../../../shared/chunks.js';
import {
  bodyFraming,
  ChunkedDecoder,
  headEnd,
  httpError,
  MAX_HEAD_BYTES,
  parseHead,
  type ResponseHead,
} from './http1.js';

/** One read of the engine's socket: enough to keep system calls few for a fast command. */
const READ_BUFFER_BYTES = 256 * 1024;
/** The longest error body read from the engine (its JSON message). */
const MAX_ERROR_BODY = 64 * 1024;

/** True when the engine at `target` can be read into a reused buffer. */
export function readsReusable(target: EngineAddress): boolean {
  return target.protocol === 'unix' || target.protocol === 'http';
}

/** A socket to the engine read into one buffer: one chunk handed out at a time. */
export class ReusedConnection implements ChunkSource {
  readonly socket: Socket;
  private readonly buffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);
  private readonly chunks = new PulledChunks(() => this.socket.resume());

  private constructor(target: EngineAddress) {
    const onread = {
      buffer: this.buffer,
      callback: (bytes: number): boolean => {
        this.chunks.offer(this.buffer.subarray(0, bytes));
        // Paused until the chunk's reader asks for the next: its bytes are read in place.
        return false;
      },
    };
    this.socket =
      target.protocol === 'unix'
        ? connect({ path: target.socketPath ?? '', onread })
        : connect({ host: target.host, port: Number(target.port), onread });
    let ended = false;
    this.socket.once('end', () => {
      ended = true;
      this.chunks.finish();
    });
    this.socket.once('error', (error) => this.chunks.finish(error));
    this.socket.once('close', () => this.chunks.finish(ended ? undefined : new ClosedEarly()));
  }

  static open(target: EngineAddress): Promise<ReusedConnection> {
    const connection = new ReusedConnection(target);
    return new Promise((resolve, reject) => {
      connection.socket.once('connect', () => {
        connection.socket.off('error', reject);
        resolve(connection);
      });
      connection.socket.once('error', reject);
    });
  }

  next(): Promise<Buffer | null> {
    return this.chunks.next();
  }

  /** Writes `data`; resolves when the socket took it (its buffer may be used again), with its error if any. */
  write(data: Buffer | string): Promise<Error | null | undefined> {
    return new Promise((resolve) => this.socket.write(data, (error) => resolve(error)));
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/** The body of an answer, unframed: chunks valid until the next is asked for. */
class BodyReader implements ChunkSource {
  private readonly framing;
  private readonly chunked = new ChunkedDecoder();
  private remaining: number;
  /** Body pieces of the current read (chunked framing can give several). */
  private pieces: Buffer[] = [];

  constructor(
    private readonly connection: ReusedConnection,
    head: ResponseHead,
    method: string,
    private first: Buffer | undefined,
  ) {
    this.framing = bodyFraming(head, method);
    this.remaining = this.framing.kind === 'length' ? this.framing.length : Infinity;
  }

  async next(): Promise<Buffer | null> {
    for (;;) {
      const piece = this.pieces.shift();
      if (piece) return piece;
      if (this.remaining === 0 || this.chunked.done) return null;
      let read = this.first;
      this.first = undefined;
      read ??= (await this.connection.next()) ?? undefined;
      if (!read) {
        if (this.framing.kind === 'to-close') return null;
        throw new ClosedEarly();
      }
      if (this.framing.kind === 'chunked') {
        this.chunked.push(read, (data) => this.pieces.push(data));
      } else {
        const take = Math.min(read.length, this.remaining);
        this.remaining -= take;
        if (take) this.pieces.push(read.subarray(0, take));
      }
    }
  }
}

export interface OwnAnswer {
  head: ResponseHead;
  body: ChunkSource;
  connection: ReusedConnection;
}

/**
 * Sends one request on a connection of its own and reads the answer's head. An answer outside
 * `accepted` is read whole and thrown as the engine's HTTP error. `signal` gives the request up
 * until the head is read (the body's reader bounds what follows).
 */
export async function ownRequest(
  target: EngineAddress,
  method: string,
  path: string,
  headers: Record<string, string>,
  accepted: number[],
  signal: AbortSignal,
  body?: Buffer,
): Promise<OwnAnswer> {
  signal.throwIfAborted();
  const connection = await ReusedConnection.open(target);
  const abort = () => connection.socket.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
  signal.addEventListener('abort', abort, { once: true });
  try {
    const host = target.protocol === 'unix' ? 'docker' : `${target.host}:${target.port}`;
    const lines = [`${method} ${path} HTTP/1.1`, `Host: ${host}`, 'User-Agent: docker-exec-action'];
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
    if (body) lines.push(`Content-Length: ${body.length}`);
    void connection.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (body) void connection.write(body);
    const held: Buffer[] = [];
    let heldBytes = 0;
    for (;;) {
      const chunk = await connection.next();
      if (!chunk) throw new ClosedEarly();
      // Head bytes are copied out of the reused buffer: they are few, and read once.
      held.push(Buffer.from(chunk));
      heldBytes += chunk.length;
      const bytes = held.length === 1 ? held[0] : Buffer.concat(held);
      const end = headEnd(bytes);
      if (end < 0) {
        if (heldBytes > MAX_HEAD_BYTES) throw new Error(`the engine's answer head is over ${MAX_HEAD_BYTES} bytes`);
        continue;
      }
      const head = parseHead(bytes.toString('latin1', 0, end - 4));
      // The body's first bytes, read in place from the reused buffer.
      const first = end < bytes.length ? chunk.subarray(chunk.length - (bytes.length - end)) : undefined;
      const answer = { head, body: new BodyReader(connection, head, method, first), connection };
      if (!accepted.includes(head.status)) throw httpError(head, await readText(answer.body));
      return answer;
    }
  } catch (error) {
    connection.destroy();
    throw error;
  } finally {
    signal.removeEventListener('abort', abort);
  }
}

async function readText(body: ChunkSource): Promise<string> {
  const parts: Buffer[] = [];
  let bytes = 0;
  for (let chunk = await body.next(); chunk && bytes < MAX_ERROR_BODY; chunk = await body.next()) {
    parts.push(Buffer.from(chunk));
    bytes += chunk.length;
  }
  return Buffer.concat(parts).toString('utf8');
}
