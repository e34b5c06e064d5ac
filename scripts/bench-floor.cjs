// The start-up bound of `npm run bench` (scripts/bench.mjs): the least a Node program can do
// to run `true` in a container through the Engine API, and nothing else. No action toolkit,
// no dockerode, no checks: inspect the container and create the exec (together), start it
// attached, read its stream to the end, ask the exit code. Plain CommonJS and raw HTTP over
// the engine's unix socket, the cheapest Node 24 has. What the action takes beyond this is
// its own; what this takes beyond `docker exec` is Node's (and no Node action can avoid it).
//
//   node scripts/bench-floor.cjs CONTAINER     (DOCKER_HOST unix:// or the default socket)
'use strict';
const http = require('node:http');

const container = process.argv[2];
const host = process.env.DOCKER_HOST || 'unix:///var/run/docker.sock';
if (!container || !host.startsWith('unix://')) {
  console.error('usage: node scripts/bench-floor.cjs CONTAINER (with a unix:// DOCKER_HOST or the default socket)');
  process.exit(2);
}
const socketPath = host.slice('unix://'.length);

function call(method, path, body) {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { socketPath, method, path, headers: { 'Content-Type': 'application/json' } },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (response.statusCode >= 300) reject(new Error(`${method} ${path}: ${response.statusCode} ${text.trim()}`));
          else resolve(text ? JSON.parse(text) : undefined);
        });
      },
    );
    request.on('error', reject);
    request.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

function startAttached(execId) {
  return new Promise((resolve, reject) => {
    const request = http.request({
      socketPath,
      method: 'POST',
      path: `/exec/${execId}/start`,
      headers: { 'Content-Type': 'application/json', Connection: 'Upgrade', Upgrade: 'tcp' },
    });
    request.on('upgrade', (_response, socket) => {
      socket.on('data', () => {}); // `true` prints nothing; any frame would be dropped here
      socket.on('end', resolve);
      socket.on('error', reject);
    });
    request.on('response', (response) => reject(new Error(`exec start: ${response.statusCode}, no upgrade`)));
    request.on('error', reject);
    request.end(JSON.stringify({ Detach: false, Tty: false }));
  });
}

async function main() {
  const [, created] = await Promise.all([
    call('GET', `/containers/${container}/json`),
    call('POST', `/containers/${container}/exec`, { Cmd: ['true'], AttachStdout: true, AttachStderr: true }),
  ]);
  await startAttached(created.Id);
  const state = await call('GET', `/exec/${created.Id}/json`);
  if (state.Running || typeof state.ExitCode !== 'number') throw new Error('no exit code yet');
  process.exitCode = state.ExitCode;
}

main().catch((error) => {
  console.error(`bench-floor: ${error.message}`);
  process.exitCode = 1;
});
