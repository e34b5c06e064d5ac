// A TCP proxy that adds latency, for the tests and the bench: every
// chunk read from one side is written to the other no sooner than `delayMs` later, in each
// direction, so a request/response round trip costs 2 * delayMs more, as over a network link
// with that one-way delay. Byte order is kept (one FIFO per direction), backpressure holds (a
// source is paused while its destination's buffer is full or too much is held back), a
// half-close travels after the data before it, and an error or abrupt close of one side tears
// down the other. It only ever listens on loopback.
//
// With `idleCutMs` it also behaves as the proxies and load balancers between a runner and a
// remote engine or API server do (nginx's proxy_read_timeout, 60 s by default): a connection
// that carries no byte either way for that long is reset on both sides. `hold()` makes every
// open connection stop moving bytes without closing (a peer that went silent).
//
//   node scripts/delay-proxy.mjs --target 127.0.0.1:PORT|/path/to.sock --delay MS [--idle-cut MS] [--listen-host 127.0.0.1]
//
// prints the port it listens on, then runs until SIGTERM or SIGINT.
import net from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

// Bytes held back in one direction before its source is paused: the delay line is a buffer too,
// and without a bound a fast sender would fill memory at loopback speed for delayMs at a time.
const HELD_HIGH_WATER = 4 * 1024 * 1024;

const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|localhost)$/;

/**
 * Moves bytes from `source` to `destination`, each chunk delayed by `delayMs`; the source's end
 * becomes the destination's end once the chunks before it are written.
 */
function delayLine(source, destination, delayMs) {
  const queue = []; // { due, chunk } or { due, end: true }, in arrival order
  let held = 0;
  let timer;
  let waitingForDrain = false;

  const pauseIfNeeded = () => {
    if (waitingForDrain || held >= HELD_HIGH_WATER) source.pause();
  };
  const resumeIfPossible = () => {
    if (!waitingForDrain && held < HELD_HIGH_WATER && !source.destroyed) source.resume();
  };

  const flush = () => {
    timer = undefined;
    if (destination.destroyed) return;
    // Compare with the clock here rather than trust the timer: libuv's cached loop time can let
    // a timer fire a little before `delayMs` of real time has passed.
    const now = performance.now();
    while (queue.length && !waitingForDrain) {
      const head = queue[0];
      if (head.due > now) {
        timer = setTimeout(flush, Math.ceil(head.due - now));
        break;
      }
      queue.shift();
      if (head.end) {
        destination.end();
        return;
      }
      held -= head.chunk.length;
      if (!destination.write(head.chunk)) {
        waitingForDrain = true;
        destination.once('drain', () => {
          waitingForDrain = false;
          resumeIfPossible();
          flush();
        });
      }
    }
    resumeIfPossible();
  };

  const push = (item) => {
    queue.push(item);
    if (!timer && !waitingForDrain && queue.length === 1) timer = setTimeout(flush, delayMs);
  };

  source.on('data', (chunk) => {
    held += chunk.length;
    push({ due: performance.now() + delayMs, chunk });
    pauseIfNeeded();
  });
  source.on('end', () => push({ due: performance.now() + delayMs, end: true }));

  return {
    /** Drops what is held back (the other side is gone). */
    stop() {
      clearTimeout(timer);
      timer = undefined;
      queue.length = 0;
    },
  };
}

/**
 * Starts the proxy. `target` is `{ host, port }` (TCP) or `{ path }` (unix socket); the proxy
 * listens on an ephemeral port of `listenHost` (loopback only).
 * @returns {Promise<{ port: number, close(): Promise<void> }>}
 */
export async function startDelayProxy({ target, delayMs, idleCutMs, listenHost = '127.0.0.1' }) {
  if (!Number.isFinite(delayMs) || delayMs < 0) throw new Error(`delayMs must be a number >= 0, got ${delayMs}`);
  if (idleCutMs !== undefined && !(Number.isFinite(idleCutMs) && idleCutMs > 0))
    throw new Error(`idleCutMs must be a number > 0, got ${idleCutMs}`);
  // The proxy forwards anything that connects to it: never offer that beyond this machine.
  if (!LOOPBACK.test(listenHost))
    throw new Error(`delay proxy: listenHost must be a loopback address, not ${listenHost}`);
  const connectOptions = target?.path
    ? { path: target.path }
    : target?.host && target?.port
      ? { host: target.host, port: Number(target.port) }
      : undefined;
  if (!connectOptions) throw new Error('delay proxy: target needs { host, port } or { path }');

  const sockets = new Set();
  const counts = { connections: 0, idleCuts: 0, longestQuietMs: 0 };
  let held = false;
  const server = net.createServer({ allowHalfOpen: true, noDelay: true }, (client) => {
    counts.connections++;
    const upstream = net.connect({ ...connectOptions, allowHalfOpen: true, noDelay: true });
    sockets.add(client);
    sockets.add(upstream);
    const toUpstream = delayLine(client, upstream, delayMs);
    const toClient = delayLine(upstream, client, delayMs);
    // A side that fails, or closes before its own end came through (reset, destroyed), takes the
    // other down with it, as a reset: a plain destroy would send a FIN, which a half-open peer
    // takes for a clean end of the data. A side that closes after a clean end leaves the other
    // to finish writing what the delay line still holds, ending with that end.
    const abort = (socket) => {
      toUpstream.stop();
      toClient.stop();
      if (socket.destroyed) return;
      try {
        socket.resetAndDestroy();
      } catch {
        socket.destroy(); // not TCP (a unix socket): no reset to send
      }
    };
    const link = (socket, other) => {
      let ended = false;
      socket.on('end', () => (ended = true));
      socket.on('error', () => abort(other));
      socket.on('close', (hadError) => {
        sockets.delete(socket);
        if (hadError || !ended) abort(other);
      });
    };
    link(client, upstream);
    link(upstream, client);
    if (held) {
      client.pause();
      upstream.pause();
    }
    if (idleCutMs !== undefined) {
      let idleTimer;
      let last = performance.now();
      const cut = () => {
        counts.idleCuts++;
        abort(client);
        abort(upstream);
      };
      const active = () => {
        const now = performance.now();
        counts.longestQuietMs = Math.max(counts.longestQuietMs, now - last);
        last = now;
        clearTimeout(idleTimer);
        idleTimer = setTimeout(cut, idleCutMs);
      };
      active();
      client.on('data', active);
      upstream.on('data', active);
      client.on('close', () => clearTimeout(idleTimer));
      upstream.on('close', () => clearTimeout(idleTimer));
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, listenHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: server.address().port,
    get connections() {
      return counts.connections;
    },
    get idleCuts() {
      return counts.idleCuts;
    },
    get longestQuietMs() {
      return counts.longestQuietMs;
    },
    hold() {
      held = true;
      for (const socket of sockets) socket.pause();
    },
    close() {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function parseTarget(text) {
  if (text.includes('/')) return { path: text };
  const colon = text.lastIndexOf(':');
  const port = Number(text.slice(colon + 1));
  if (colon < 1 || !Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`--target needs HOST:PORT or a socket path, got '${text}'`);
  return { host: text.slice(0, colon).replace(/^\[(.*)\]$/, '$1'), port };
}

async function cli(argv) {
  let target;
  let delayMs;
  let listenHost;
  let idleCutMs;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--target') target = parseTarget(argv[++i] ?? '');
    else if (arg === '--delay') delayMs = Number(argv[++i]);
    else if (arg === '--listen-host') listenHost = argv[++i];
    else if (arg === '--idle-cut') idleCutMs = Number(argv[++i]);
    else if (arg === '--help' || arg === '-h') {
      console.log(
        'usage: node scripts/delay-proxy.mjs --target HOST:PORT|SOCKET --delay MS [--idle-cut MS] [--listen-host 127.0.0.1]',
      );
      return;
    } else throw new Error(`unknown option ${arg}`);
  }
  if (!target || delayMs === undefined) throw new Error('--target and --delay are required');
  const proxy = await startDelayProxy({ target, delayMs, idleCutMs, ...(listenHost ? { listenHost } : {}) });
  console.log(proxy.port);
  for (const signal of ['SIGTERM', 'SIGINT'])
    process.once(signal, () => {
      proxy.close().then(() => process.exit(0));
    });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  cli(process.argv.slice(2)).catch((error) => {
    console.error(`delay-proxy: ${error.message}`);
    process.exit(2);
  });
}
