// The latency proxy of the bench's remote cases (scripts/delay-proxy.mjs), against a local echo
// server on 127.0.0.1 (loopback only): a round trip costs at least twice the delay, bytes come
// through whole and in order, a half-close travels in each direction without closing the other,
// a reader that stops reading stops the writer instead of filling the proxy's memory, and a
// reset on one side closes the other.
import { afterAll, afterEach, beforeAll, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { startDelayProxy, type DelayProxy } from '../../scripts/delay-proxy.mjs';
import { ROOT } from '../helpers/docker.js';

const MiB = 1024 * 1024;

/** What the echo server does with each connection (set per test; echo by default). */
let onConnection: (socket: net.Socket) => void;
const echo = (socket: net.Socket) => {
  socket.pipe(socket);
};
let server: net.Server;
let serverPort: number;
const serverSockets = new Set<net.Socket>();
const proxies: DelayProxy[] = [];

beforeAll(async () => {
  server = net.createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
    serverSockets.add(socket);
    socket.on('close', () => serverSockets.delete(socket));
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serverPort = (server.address() as net.AddressInfo).port;
});

afterEach(async () => {
  for (const proxy of proxies.splice(0)) await proxy.close();
  for (const socket of serverSockets) socket.destroy();
  onConnection = echo;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

onConnection = echo;

async function proxy(delayMs: number): Promise<DelayProxy> {
  const p = await startDelayProxy({ target: { host: '127.0.0.1', port: serverPort }, delayMs });
  proxies.push(p);
  return p;
}

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port, allowHalfOpen: true, noDelay: true }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Reads until `bytes` have come, resolving with them. */
function readBytes(socket: net.Socket, bytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let got = 0;
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      got += chunk.length;
      if (got >= bytes) {
        socket.off('data', onData);
        resolve(Buffer.concat(chunks));
      }
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.once('end', () => got < bytes && reject(new Error(`end after ${got} of ${bytes} bytes`)));
  });
}

/** Reads to the end. */
function readAll(socket: net.Socket): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.once('end', () => resolve(Buffer.concat(chunks)));
    socket.once('error', reject);
  });
}

test('only loopback: another listen address is refused', async () => {
  await expect(
    startDelayProxy({ target: { host: '127.0.0.1', port: serverPort }, delayMs: 1, listenHost: '0.0.0.0' }),
  ).rejects.toThrow(/loopback/);
});

test('a request/response round trip takes at least twice the delay, each time', async () => {
  const delayMs = 40;
  const p = await proxy(delayMs);
  const socket = await connect(p.port);
  try {
    for (let i = 0; i < 5; i++) {
      const message = Buffer.from(`ping ${i}\n`);
      const t0 = performance.now();
      socket.write(message);
      const answer = await readBytes(socket, message.length);
      const ms = performance.now() - t0;
      expect(answer.equals(message)).toBe(true);
      expect(ms).toBeGreaterThanOrEqual(2 * delayMs);
      // Not a timing test beyond that: only that nothing piles up (a shared machine is slow at times).
      expect(ms).toBeLessThan(2 * delayMs + 1000);
    }
  } finally {
    socket.destroy();
  }
});

test('8 MiB of random bytes come back whole and in order; the half-close ends the echo', async () => {
  const p = await proxy(5);
  const socket = await connect(p.port);
  const data = randomBytes(8 * MiB);
  const back = readAll(socket);
  // Written in uneven pieces, so the chunks the proxy sees have no relation to the data.
  for (let at = 0; at < data.length;) {
    const size = 1 + Math.floor(Math.random() * 300_000);
    if (!socket.write(data.subarray(at, at + size))) await new Promise((resolve) => socket.once('drain', resolve));
    at += size;
  }
  socket.end();
  const received = await back;
  expect(received.length).toBe(data.length);
  expect(received.equals(data)).toBe(true);
});

test('half-close: the client ends, the server still answers after that, then ends', async () => {
  const serverSaw: string[] = [];
  onConnection = (socket) => {
    socket.setEncoding('utf8');
    socket.on('data', (text: string) => serverSaw.push(text));
    socket.on('end', () => {
      serverSaw.push('<end>');
      // The client's end came through; this direction must still be open.
      socket.write('after your end\n');
      setTimeout(() => socket.end('bye\n'), 30);
    });
  };
  const p = await proxy(20);
  const socket = await connect(p.port);
  const back = readAll(socket);
  socket.end('request\n');
  const t0 = performance.now();
  expect((await back).toString()).toBe('after your end\nbye\n');
  // The end went through the delay line after the request, and the answers came back through it.
  expect(performance.now() - t0).toBeGreaterThanOrEqual(2 * 20);
  expect(serverSaw).toEqual(['request\n', '<end>']);
});

test('a reader that stops reading stops the writer (backpressure), and then gets every byte', async () => {
  const offered = 128 * MiB;
  let written = 0;
  let serverDone: Promise<void> = Promise.resolve();
  onConnection = (socket) => {
    serverDone = (async () => {
      const block = Buffer.alloc(MiB, 0x61);
      while (written < offered) {
        const ok = socket.write(block);
        written += block.length;
        if (!ok) await new Promise((resolve) => socket.once('drain', resolve));
      }
      socket.end();
    })();
  };
  const p = await proxy(2);
  const socket = await connect(p.port);
  socket.pause();
  await sleep(1500);
  // Kernel buffers on both legs and the proxy's own bound hold some; far from all of it.
  const stalledAt = written;
  expect(stalledAt).toBeLessThan(64 * MiB);
  let received = 0;
  socket.on('data', (chunk: Buffer) => (received += chunk.length));
  const ended = new Promise((resolve) => socket.once('end', resolve));
  socket.resume(); // (a 'data' listener does not undo an explicit pause)
  await ended;
  await serverDone;
  expect(received).toBe(offered);
}, 60_000);

test('a reset on one side closes the other', async () => {
  onConnection = (socket) => {
    socket.once('data', () => socket.resetAndDestroy());
  };
  const p = await proxy(5);
  const socket = await connect(p.port);
  socket.on('error', () => undefined);
  const closed = new Promise((resolve) => socket.once('close', resolve));
  socket.write('x');
  await closed;

  // And the other way: the client goes away, the server's socket closes.
  let serverClosed!: Promise<unknown>;
  const accepted = new Promise<void>((resolve) => {
    onConnection = (s) => {
      serverClosed = new Promise((done) => s.once('close', done));
      resolve();
    };
  });
  const client = await connect(p.port);
  await accepted;
  client.resetAndDestroy();
  await serverClosed;
});

test('as a command: prints its port, forwards with the delay, exits on SIGTERM', async () => {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'scripts/delay-proxy.mjs'), '--target', `127.0.0.1:${serverPort}`, '--delay', '25'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const line = /^(\d+)\n/.exec(text);
        if (line) resolve(Number(line[1]));
      });
      child.once('close', () => reject(new Error(`exited before printing a port: ${text}`)));
    });
    const socket = await connect(port);
    const t0 = performance.now();
    socket.end('hello');
    expect((await readAll(socket)).toString()).toBe('hello');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(50);
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
});
