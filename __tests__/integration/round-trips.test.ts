// Issue 17: fewer requests, connections and SSH logins than the docker CLI, counted on the
// wire for the same command in the same container: requests by the fault proxy in front of
// the engine's socket, TCP connections (TLS, SSH) by the delay proxy (0 ms) in front of the
// endpoints of scripts/endpoints.sh. Timing lives in `npm run bench`; these are counts.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDelayProxy, type DelayProxy } from '../../scripts/delay-proxy.mjs';
import { runAction } from '../helpers/action.js';
import { cli, removeStartedContainers, startContainer, type TestContainer } from '../helpers/docker.js';
import { readEndpoints } from '../helpers/endpoints.js';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';

let box: TestContainer;
const scratchDir = (prefix: string) => mkdtempSync(path.join(tmpdir(), prefix));
let proxy: FaultProxy;
const counts: string[] = [];

beforeAll(async () => {
  execFileSync('bash', ['scripts/endpoints.sh', 'up'], { stdio: 'ignore' });
  [box, proxy] = await Promise.all([startContainer(), startFaultProxy()]);
}, 120_000);

afterAll(async () => {
  await proxy?.close();
  await removeStartedContainers();
  // The figures, for the note.
  if (counts.length) console.log(counts.join('\n'));
});

/** The requests of one run, without the API version prefix ("POST /containers/{}/exec"). */
function shapes(requests: string[], id: string, name: string): string[] {
  return requests.map((r) =>
    r
      .replace(/\/v\d+\.\d+\//, '/')
      .replace(/[0-9a-f]{64}/g, (hex) => (hex === id ? '{container}' : '{exec}'))
      .replace(`/${name}/`, '/{container}/'),
  );
}

/** Clears the proxy's record. */
function forget(): void {
  proxy.requests.length = 0;
  proxy.answeredBefore.length = 0;
}

/** The requests the proxy saw, and those sent before any answer came (what left at once). */
function seen(): { requests: string[]; atOnce: string[] } {
  const requests = [...proxy.requests];
  // The proxy counts answers since it started: the run's first request is its baseline.
  const baseline = proxy.answeredBefore[0];
  return { requests, atOnce: requests.filter((_, i) => proxy.answeredBefore[i] === baseline) };
}

async function cliRequests(args: string[]): Promise<string[]> {
  forget();
  await cli(['exec', ...args], { env: { DOCKER_HOST: proxy.dockerHost } });
  return [...proxy.requests];
}

async function actionRequests(inputs: Record<string, string>, job?: unknown) {
  forget();
  // Each request is held 200 ms before it is forwarded: the requests sent together all
  // arrive before the first answer, however fast the engine.
  proxy.setFault({ kind: 'slow', delayMs: 200 });
  try {
    const run = await runAction(inputs, { env: { DOCKER_HOST: proxy.dockerHost }, job });
    expect(run.code).toBe(0);
  } finally {
    proxy.setFault({ kind: 'none' });
  }
  return seen();
}

describe('requests per run, against the docker CLI through the same proxy', () => {
  test('a job service (its container ID from the job context): 4 requests, the CLI 5', async () => {
    const job = { status: 'success', services: { db: { id: box.id, network: '', ports: {} } } };
    const { requests, atOnce } = await actionRequests({ container: 'db', command: 'true' }, job);
    const action = shapes(requests, box.id, box.name);
    const docker = shapes(await cliRequests([box.id, 'true']), box.id, box.name);
    counts.push(
      `job service: action ${action.length} requests (${action.join(', ')}); docker exec ${docker.length} (${docker.join(', ')})`,
    );
    // Inspect and create leave together; start; the exit code.
    expect([...action].sort()).toEqual(
      [
        'GET /containers/{container}/json',
        'POST /containers/{container}/exec',
        'POST /exec/{exec}/start',
        'GET /exec/{exec}/json',
      ].sort(),
    );
    expect(action.slice(2)).toEqual(['POST /exec/{exec}/start', 'GET /exec/{exec}/json']);
    expect(shapes(atOnce, box.id, box.name).sort()).toEqual([
      'GET /containers/{container}/json',
      'POST /containers/{container}/exec',
    ]);
    expect(action.length).toBeLessThan(docker.length);
  });

  test('a container name: the look-up lists containers (network aliases first), and still no more than the CLI', async () => {
    const { requests, atOnce } = await actionRequests({ container: box.name, command: 'true' });
    const action = shapes(requests, box.id, box.name);
    const docker = shapes(await cliRequests([box.name, 'true']), box.id, box.name);
    counts.push(
      `container name: action ${action.length} requests (${action.join(', ')}); docker exec ${docker.length} (${docker.join(', ')})`,
    );
    expect(action.filter((r) => r.startsWith('POST /containers/'))).toEqual(['POST /containers/{container}/exec']);
    // The exec was created on the name, alongside the look-up: nothing comes between it and the start.
    expect(action.indexOf('POST /exec/{exec}/start')).toBe(3);
    expect(shapes(atOnce, box.id, box.name)).toContain('POST /containers/{container}/exec');
    expect(action.length).toBeLessThanOrEqual(docker.length);
  });

  test('a name found through a network alias: the early exec is left unstarted and the exec is made on the container found', async () => {
    const network = `dea-rt-${box.name.slice(-8)}`;
    await cli(['network', 'create', '--internal', network]);
    try {
      const aliased = await startContainer({
        args: ['--network', network, '--network-alias', `svc-${box.name.slice(-8)}`],
      });
      forget();
      const run = await runAction(
        { container: `svc-${box.name.slice(-8)}`, command: 'hostname' },
        { env: { DOCKER_HOST: proxy.dockerHost } },
      );
      expect(run.code).toBe(0);
      expect(run.outputs['container-id']).toBe(aliased.id);
      expect(run.outputs.stdout).toBe(aliased.id.slice(0, 12));
      // The create on the alias itself fails (no container has that name): one more create, on the ID.
      const creates = proxy.requests.filter((r) => /^POST (\/v[\d.]+)?\/containers\/[^/]+\/exec$/.test(r));
      expect(creates).toHaveLength(2);
      expect(creates[1]).toContain(`/containers/${aliased.id}/exec`);
    } finally {
      await removeStartedContainers();
      box = await startContainer();
      await cli(['network', 'rm', network], { allowFailure: true });
    }
  });
});

describe('connections to remote engines', () => {
  let forwarding: DelayProxy;
  let refusing: DelayProxy;
  let tls: DelayProxy;
  let home: string;
  const port = (address: string) => Number(/:(\d+)$/.exec(address)?.[1]);

  beforeAll(async () => {
    const endpoints = readEndpoints();
    [forwarding, refusing, tls] = await Promise.all([
      startDelayProxy({ target: { host: '127.0.0.1', port: port(endpoints.ssh.dockerHost) }, delayMs: 0 }),
      startDelayProxy({ target: { host: '127.0.0.1', port: port(endpoints.ssh.noForwardingDockerHost) }, delayMs: 0 }),
      startDelayProxy({ target: { host: '127.0.0.1', port: port(endpoints.tls.dockerHost) }, delayMs: 0 }),
    ]);
    // The sshd's host key, on record for the proxies' ports.
    home = scratchDir('dea-rt-home-');
    mkdirSync(path.join(home, '.ssh'), { mode: 0o700 });
    const knownHosts = path.join(home, '.ssh/known_hosts');
    writeFileSync(
      knownHosts,
      [forwarding, refusing].map((p) => `[127.0.0.1]:${p.port} ${endpoints.ssh.hostKey}\n`).join(''),
    );
    // The CLI's ssh (the endpoints' wrapper, with their agent and key) checks the same file:
    // OpenSSH finds known_hosts through the user account, not HOME.
    mkdirSync(path.join(home, 'bin'));
    writeFileSync(
      path.join(home, 'bin/ssh'),
      `#!/bin/sh\nexec ${endpoints.ssh.pathPrefix}/ssh -o UserKnownHostsFile=${knownHosts} "$@"\n`,
      { mode: 0o755 },
    );
  });

  afterAll(async () => {
    await Promise.all([forwarding, refusing, tls].map((p) => p?.close()));
  });

  async function sshRun(through: DelayProxy) {
    const endpoints = readEndpoints();
    const before = through.connections;
    const run = await runAction(
      { container: box.name, command: 'echo over ssh', 'docker-host': `ssh://root@127.0.0.1:${through.port}` },
      { env: { HOME: home, SSH_AUTH_SOCK: endpoints.ssh.sshAuthSock, RUNNER_DEBUG: '1' } },
    );
    return { run, connections: through.connections - before };
  }

  test('SSH: one connection per run, each request a stream-local channel to the engine socket', async () => {
    const { run, connections } = await sshRun(forwarding);
    expect(run.code).toBe(0);
    expect(run.outputs.stdout).toBe('over ssh');
    expect(run.stdout).toContain(
      '::debug::SSH engine: each request is a channel of one SSH connection, to /var/run/docker.sock (direct-streamlocal@openssh.com)',
    );
    expect(connections).toBe(1);
    const endpoints = readEndpoints();
    const before = forwarding.connections;
    await cli(['-H', `ssh://root@127.0.0.1:${forwarding.port}`, 'exec', box.name, 'true'], {
      env: {
        PATH: `${home}/bin:${process.env.PATH}`,
        SSH_AUTH_SOCK: endpoints.ssh.sshAuthSock,
        DOCKER_HOST: '',
      },
    });
    counts.push(`SSH: action ${connections} connection per run; docker exec ${forwarding.connections - before}`);
    expect(forwarding.connections - before).toBeGreaterThan(connections);
  });

  test('SSH, a server that refuses stream-local forwarding: dial-stdio over the same one connection', async () => {
    const { run, connections } = await sshRun(refusing);
    expect(run.code).toBe(0);
    expect(run.outputs.stdout).toBe('over ssh');
    expect(run.stdout).toMatch(
      /::debug::SSH engine: each request is a channel of one SSH connection, the server refused a stream-local channel to \/var\/run\/docker\.sock \(.*\): running `docker system dial-stdio`/,
    );
    expect(connections).toBe(1);
  });

  test('TLS: every connection made for the look-up serves a later request; none is opened for the start or the exit code', async () => {
    const endpoints = readEndpoints();
    const env = {
      DOCKER_HOST: `tcp://127.0.0.1:${tls.port}`,
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: endpoints.tls.certDir,
    };
    const before = tls.connections;
    const run = await runAction({ container: box.name, command: 'echo over tls' }, { env });
    expect(run.code).toBe(0);
    expect(run.outputs.stdout).toBe('over tls');
    const action = tls.connections - before;
    const cliBefore = tls.connections;
    await cli(['exec', box.name, 'true'], { env });
    counts.push(
      `TLS: action ${action} connections (list, inspect and create side by side; start and exit code on them); docker exec ${tls.connections - cliBefore}`,
    );
    // list, inspect and create in parallel: three connections at most, and no fourth for the
    // start or the exit code.
    expect(action).toBeLessThanOrEqual(3);
  });
});
