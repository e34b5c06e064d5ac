// No hung step and no cut command on the Docker back end (shared/bounds.ts), on every transport:
// a server that accepts and never answers fails the step with one line naming it and how long
// it waited (the look-up within wait-timeout; any other request within REQUEST_BOUND_MS), a
// quiet command over SSH outlives a proxy that cuts idle connections (SSH keep-alives), and a
// connection cut under a running command fails the step within seconds with the
// connection-lost line. The endpoints are those of scripts/endpoints.sh; the proxies are the
// fault proxy (unix socket or TCP, in front of the engine's socket) and scripts/delay-proxy.mjs.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDelayProxy, type DelayProxy } from '../../scripts/delay-proxy.mjs';
import { runAction, type ActionRun } from '../helpers/action.js';
import { removeStartedContainers, startContainer, type TestContainer } from '../helpers/docker.js';
import { readEndpoints, type Endpoints } from '../helpers/endpoints.js';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';

let box: TestContainer;
let endpoints: Endpoints;
let home: string;
const figures: string[] = [];
const servers: net.Server[] = [];
const accepted = new Set<net.Socket>();
const scratch = mkdtempSync(path.join(tmpdir(), 'dea-conn-'));

const port = (address: string) => Number(/:(\d+)$/.exec(address)?.[1]);

beforeAll(async () => {
  execFileSync('bash', ['scripts/endpoints.sh', 'up'], { stdio: 'ignore' });
  endpoints = readEndpoints();
  box = await startContainer();
  home = path.join(scratch, 'home');
  mkdirSync(path.join(home, '.ssh'), { recursive: true, mode: 0o700 });
}, 120_000);

afterAll(async () => {
  for (const socket of accepted) socket.destroy();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  await removeStartedContainers();
  rmSync(scratch, { recursive: true, force: true });
  // The figures, for the note.
  if (figures.length) console.log(figures.join('\n'));
}, 60_000);

/** known_hosts with the endpoint sshd's key for these ports (the proxies' and the sshd's own). */
function knowSshPorts(...ports: number[]): void {
  writeFileSync(
    path.join(home, '.ssh/known_hosts'),
    [port(endpoints.ssh.dockerHost), ...ports].map((p) => `[127.0.0.1]:${p} ${endpoints.ssh.hostKey}\n`).join(''),
  );
}

/** A server that accepts connections and never sends a byte: on a unix socket, or TCP on loopback. */
async function silentServer(where: { socketPath: string } | { tcp: true }): Promise<string> {
  const server = net.createServer((socket) => {
    accepted.add(socket);
    socket.on('close', () => accepted.delete(socket));
  });
  servers.push(server);
  await new Promise<void>((resolve) =>
    'socketPath' in where ? server.listen(where.socketPath, resolve) : server.listen(0, '127.0.0.1', resolve),
  );
  return 'socketPath' in where
    ? `unix://${where.socketPath}`
    : `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
}

interface Transport {
  name: string;
  inputs: Record<string, string>;
  env: Record<string, string>;
}

function sshEnv(): Record<string, string> {
  return { HOME: home, SSH_AUTH_SOCK: endpoints.ssh.sshAuthSock };
}

function tlsInputs(dockerHost: string): Record<string, string> {
  const { tls } = endpoints;
  const pem = (file: string) => readFileSync(file, 'utf8');
  return { 'docker-host': dockerHost, 'tls-ca': pem(tls.ca), 'tls-cert': pem(tls.cert), 'tls-key': pem(tls.key) };
}

async function timedRun(
  transport: Transport,
  inputs: Record<string, string>,
  killAfterMs: number,
): Promise<{ run: ActionRun; ms: number }> {
  const started = Date.now();
  const run = await runAction(
    { container: box.name, ...transport.inputs, ...inputs },
    { env: transport.env, killAfterMs },
  );
  return { run, ms: Date.now() - started };
}

/**
 * Runs the step on each transport side by side, notes how long each took (the figures), and
 * checks that each failed (exit 1, no signal: it ended by itself). Returns each one's error
 * line and duration.
 */
async function failOnEach(
  transports: Transport[],
  inputs: Record<string, string>,
  what: string,
  killAfterMs: number,
): Promise<Array<{ line: string; ms: number; transport: Transport }>> {
  const results = await Promise.all(transports.map((t) => timedRun(t, inputs, killAfterMs)));
  results.forEach(({ ms }, i) =>
    figures.push(`${what}, ${transports[i].name}: the step ended after ${(ms / 1000).toFixed(1)} s`),
  );
  return results.map(({ run, ms }, i) => {
    const transport = transports[i];
    expect({ transport: transport.name, code: run.code, signal: run.signal }).toEqual({
      transport: transport.name,
      code: 1,
      signal: null,
    });
    return { line: errorLine(run), ms, transport };
  });
}

function errorLine(run: ActionRun): string {
  const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error'));
  expect(errors).toHaveLength(1);
  return errors[0];
}

describe('a server that accepts and never answers', () => {
  test('during the look-up: fails within wait-timeout (5s), one line naming it, on unix, TCP, TLS and SSH', async () => {
    const unix = await silentServer({ socketPath: path.join(scratch, 'silent.sock') });
    const tcp = await silentServer({ tcp: true });
    const tls = await silentServer({ tcp: true });
    const ssh = await silentServer({ tcp: true });
    knowSshPorts(port(ssh));
    const transports: Transport[] = [
      { name: 'unix', inputs: { 'docker-host': unix }, env: {} },
      { name: 'tcp', inputs: { 'docker-host': `tcp://${tcp}` }, env: {} },
      // The server never answers the TLS handshake.
      { name: 'tls', inputs: tlsInputs(`tcp://${tls}`), env: {} },
      // The SSH server never sends its banner.
      { name: 'ssh', inputs: { 'docker-host': `ssh://root@${ssh}` }, env: sshEnv() },
    ];
    const results = await failOnEach(
      transports,
      { 'wait-timeout': '5s', command: 'true' },
      'hung engine, look-up (wait-timeout 5s)',
      60_000,
    );
    for (const { line, ms, transport: t } of results) {
      expect(line).toContain(
        `the Docker engine at ${t.inputs['docker-host']} (docker-host input) did not answer within 5s (`,
      );
      expect(line).toContain(', within wait-timeout: it accepted the connection but sent nothing back');
      // 5 s, on a loaded machine: well under the 30 s of a request outside the look-up.
      expect(ms).toBeLessThan(25_000);
    }
  }, 90_000);

  describe('after the look-up (the exec start left unanswered)', () => {
    let unixProxy: FaultProxy;
    let tcpProxy: FaultProxy;

    beforeAll(async () => {
      [unixProxy, tcpProxy] = await Promise.all([
        startFaultProxy({ fault: { kind: 'hang', route: 'exec-start' } }),
        startFaultProxy({ fault: { kind: 'hang', route: 'exec-start' }, tcp: true }),
      ]);
    });

    afterAll(async () => {
      await Promise.all([unixProxy?.close(), tcpProxy?.close()]);
    });

    test('fails within the 30 s bound, one line naming it, on unix, TCP and SSH (a channel to the proxy)', async () => {
      knowSshPorts();
      const transports: Transport[] = [
        { name: 'unix', inputs: { 'docker-host': unixProxy.dockerHost }, env: {} },
        { name: 'tcp', inputs: { 'docker-host': tcpProxy.dockerHost }, env: {} },
        // The sshd forwards the channels to the fault proxy's socket (ssh://host/path).
        {
          name: 'ssh',
          inputs: { 'docker-host': `${endpoints.ssh.dockerHost}${unixProxy.socketPath}` },
          env: sshEnv(),
        },
      ];
      const results = await failOnEach(
        transports,
        { command: 'true' },
        'hung engine, exec start (30 s bound)',
        120_000,
      );
      for (const { line, ms, transport: t } of results) {
        expect(line).toContain(
          `the Docker engine at ${t.inputs['docker-host']} (docker-host input) did not answer within 30s (starting the exec): it accepted the connection but sent nothing back`,
        );
        // One bound, not two: the container's log (logs-on-failure) is not asked of an engine
        // that left a request unanswered.
        expect(ms).toBeGreaterThanOrEqual(29_000);
        expect(ms).toBeLessThan(55_000);
      }
    }, 150_000);
  });
});

describe('SSH behind a proxy that cuts connections idle for 15 s', () => {
  let proxy: DelayProxy;

  beforeAll(async () => {
    proxy = await startDelayProxy({
      target: { host: '127.0.0.1', port: port(endpoints.ssh.dockerHost) },
      delayMs: 0,
      idleCutMs: 15_000,
    });
    knowSshPorts(proxy.port);
  });

  afterAll(async () => {
    await proxy?.close();
  });

  test('a command quiet for 40 s ends with its own exit status: keep-alives keep the connection', async () => {
    const cutsBefore = proxy.idleCuts;
    const transport = { name: 'ssh', inputs: { 'docker-host': `ssh://root@127.0.0.1:${proxy.port}` }, env: sshEnv() };
    const { run, ms } = await timedRun(transport, { command: `sh -c 'sleep 40; echo done; exit 3'` }, 90_000);
    expect(run.signal).toBeNull();
    expect(run.outputs['exit-code']).toBe('3');
    expect(run.outputs.stdout).toBe('done');
    expect(proxy.idleCuts - cutsBefore).toBe(0);
    figures.push(
      `quiet SSH command (sleep 40) behind a 15 s idle cut: exit 3 after ${(ms / 1000).toFixed(1)} s, longest quiet spell on the wire ${(proxy.longestQuietMs / 1000).toFixed(1)} s`,
    );
  }, 120_000);

  test('a connection cut under the command fails the step within seconds with the connection-lost line', async () => {
    const cut = await startDelayProxy({
      target: { host: '127.0.0.1', port: port(endpoints.ssh.dockerHost) },
      delayMs: 0,
    });
    knowSshPorts(proxy.port, cut.port);
    const transport = { name: 'ssh', inputs: { 'docker-host': `ssh://root@127.0.0.1:${cut.port}` }, env: sshEnv() };
    let cutAt = 0;
    const running = timedRun(transport, { command: `sh -c 'echo started; sleep 60'` }, 90_000);
    // Cut once the command runs (its first line is out).
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    cutAt = Date.now();
    await cut.close();
    const { run } = await running;
    const afterCut = Date.now() - cutAt;
    expect(run.code).toBe(1);
    expect(errorLine(run)).toMatch(
      /the connection to the engine was lost while the command was running \(connection to the engine lost while reading the output \(the SSH connection to the engine was lost.*\): exit status unknown/,
    );
    expect(afterCut).toBeLessThan(15_000);
    figures.push(`SSH connection cut under a command: the step failed ${(afterCut / 1000).toFixed(1)} s after the cut`);
  }, 120_000);
});
