// Issue 6: the same behaviour on every engine. One table of exec cases runs, through the
// committed bundle, on each way of reaching an engine:
//   docker   the local socket (default)
//   tls      docker-host tcp:// + tls-ca, tls-cert, tls-key PEM texts (stunnel in front of docker)
//   tls-env  DOCKER_HOST + DOCKER_TLS_VERIFY=1 + DOCKER_CERT_PATH
//   ssh      docker-host ssh://root@127.0.0.1:PORT, SSH_AUTH_SOCK, HOME/.ssh/known_hosts
//   podman   docker-host unix:// socket of Podman's Docker-compatible API
//   context  a Docker context (made by the docker CLI in a temporary DOCKER_CONFIG) naming the
//            Podman socket, chosen with DOCKER_CONTEXT
//   podman5, context5  the same two on Podman 5 (a Debian sid root, scripts/podman-sid.sh),
//            when DEA_PODMAN5_HOST names its socket; skipped with one line when it does not
// Then what only remote engines have: a certificate that does not verify, a client
// certificate the engine refuses, an SSH host key that is unknown or changed (nothing runs),
// PEM texts that never reach the log, and the engine-choice order.
// The endpoints come from `bash scripts/endpoints.sh up` (idempotent; run in beforeAll).
// Where Podman differs from Docker for a reason of its own, the expectation is what the
// engine's own CLI (`docker exec`, `podman exec`) does on the same engine.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runAction, type ActionRun } from '../helpers/action.js';
import {
  cli,
  processesMatching,
  removeStartedContainers,
  ROOT,
  startContainer,
  uniqueName,
  type Cli,
  type TestContainer,
} from '../helpers/docker.js';
import { PODMAN5_NEEDS, podman5Endpoint, readEndpoints, type Endpoints } from '../helpers/endpoints.js';

type EngineName = 'docker' | 'tls' | 'tls-env' | 'ssh' | 'podman' | 'context' | 'podman5' | 'context5';
const podman5 = podman5Endpoint();
const ENGINES: EngineName[] = [
  'docker',
  'tls',
  'tls-env',
  'ssh',
  'podman',
  'context',
  ...(podman5 ? (['podman5', 'context5'] as const) : []),
];
if (!podman5) console.log(`SKIPPED engines podman5 and context5: they need ${PODMAN5_NEEDS}`);
/** The rows that reach each Podman through its socket. */
const PODMAN_ROWS: EngineName[] = ['podman', ...(podman5 ? (['podman5'] as const) : [])];

interface EngineSetup {
  /** The CLI that makes this engine's containers. */
  cli: Cli;
  inputs: Record<string, string>;
  env: Record<string, string>;
  /** The header's engine line: address, source, product. */
  header: RegExp;
}

let endpoints: Endpoints;
const scratch: string[] = [];
function scratchDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

/** Isolation for every run: no DOCKER_HOST or context from the test's own environment. */
let emptyDockerConfig: string;
let sshHome: string;
let contextConfig: string;
const CONTEXT = uniqueName('dea-ctx');
const CONTEXT5 = uniqueName('dea-ctx5');

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const port = (address: string) => address.slice(address.lastIndexOf(':') + 1);

function setupFor(name: EngineName): EngineSetup {
  const base = {
    DOCKER_HOST: '',
    DOCKER_CONTEXT: '',
    DOCKER_TLS_VERIFY: '',
    DOCKER_CERT_PATH: '',
    DOCKER_CONFIG: emptyDockerConfig,
  };
  const { tls, ssh, podman } = endpoints;
  switch (name) {
    case 'docker':
      return {
        cli: 'docker',
        inputs: {},
        env: base,
        header: /Engine: +unix:\/\/\/var\/run\/docker\.sock \(default\), Docker /,
      };
    case 'tls':
      return {
        cli: 'docker',
        inputs: {
          'docker-host': tls.dockerHost,
          'tls-ca': readFileSync(tls.ca, 'utf8'),
          'tls-cert': readFileSync(tls.cert, 'utf8'),
          'tls-key': readFileSync(tls.key, 'utf8'),
        },
        env: base,
        header: new RegExp(`Engine: +${escape(tls.dockerHost)} \\(docker-host input\\), Docker `),
      };
    case 'tls-env':
      return {
        cli: 'docker',
        inputs: {},
        env: { ...base, DOCKER_HOST: tls.dockerHost, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: tls.certDir },
        header: new RegExp(`Engine: +${escape(tls.dockerHost)} \\(DOCKER_HOST\\), Docker `),
      };
    case 'ssh':
      return {
        cli: 'docker',
        inputs: { 'docker-host': ssh.dockerHost },
        env: { ...base, HOME: sshHome, SSH_AUTH_SOCK: ssh.sshAuthSock },
        header: new RegExp(`Engine: +${escape(ssh.dockerHost)} \\(docker-host input\\), Docker `),
      };
    case 'podman':
      return {
        cli: 'podman',
        inputs: { 'docker-host': podman.dockerHost },
        env: base,
        header: new RegExp(`Engine: +${escape(podman.dockerHost)} \\(docker-host input\\), Podman `),
      };
    case 'context':
      return {
        cli: 'podman',
        inputs: {},
        env: { ...base, DOCKER_CONFIG: contextConfig, DOCKER_CONTEXT: CONTEXT },
        header: new RegExp(
          `Engine: +${escape(podman.dockerHost)} \\(context ${CONTEXT} from DOCKER_CONTEXT\\), Podman `,
        ),
      };
    case 'podman5':
      return {
        cli: 'podman5',
        inputs: { 'docker-host': podman5!.dockerHost },
        env: base,
        header: new RegExp(`Engine: +${escape(podman5!.dockerHost)} \\(docker-host input\\), Podman 5\\.`),
      };
    case 'context5':
      return {
        cli: 'podman5',
        inputs: {},
        env: { ...base, DOCKER_CONFIG: contextConfig, DOCKER_CONTEXT: CONTEXT5 },
        header: new RegExp(
          `Engine: +${escape(podman5!.dockerHost)} \\(context ${CONTEXT5} from DOCKER_CONTEXT\\), Podman 5\\.`,
        ),
      };
  }
}

/** The name of the engine's own CLI, as the action's advice words it. */
const cliName = (tool: Cli) => (tool === 'docker' ? 'docker' : 'podman');

interface Fixtures {
  box: TestContainer;
  exited: TestContainer;
  paused: TestContainer;
  /** Writes two lines to its log (one per stream), without and with a TTY. */
  talker: TestContainer;
  ttyTalker: TestContainer;
}
const fixtures = new Map<Cli, Promise<Fixtures>>();

/** The containers of one CLI, made once and shared by the engines that reach it. */
function fixturesFor(tool: Cli): Promise<Fixtures> {
  let made = fixtures.get(tool);
  if (!made) {
    made = (async () => {
      const talk = ['sh', '-c', 'echo "log line 1"; usleep 50000; echo "log line 2" >&2; exec sleep infinity'];
      const [box, exited, paused, talker, ttyTalker] = await Promise.all([
        startContainer({ cli: tool, args: ['-e', 'FROM_IMAGE=image', '-e', 'REMOVE_ME=present'] }),
        startContainer({ cli: tool, command: ['sh', '-c', 'exit 4'] }),
        startContainer({ cli: tool }),
        startContainer({ cli: tool, command: talk }),
        startContainer({ cli: tool, args: ['-t'], command: talk }),
      ]);
      await Promise.all([cli(['wait', exited.id], { cli: tool }), cli(['pause', paused.id], { cli: tool })]);
      return { box, exited, paused, talker, ttyTalker };
    })();
    fixtures.set(tool, made);
  }
  return made;
}

/** The container's output as the job log shows it: between the guard's markers. */
function guarded(stdout: string): string {
  const start = /::stop-commands::([0-9a-f]+)\n/.exec(stdout);
  if (!start) throw new Error(`no stop-commands marker in:\n${stdout}`);
  const end = stdout.indexOf(`::${start[1]}::\n`, start.index);
  if (end < 0) throw new Error('no resume marker');
  return stdout.slice(start.index + start[0].length, end);
}

const errorLines = (run: ActionRun) => run.stdout.split('\n').filter((l) => l.startsWith('::error'));

/** The one ::error line of a failed step (and no stack trace outside debug lines). */
function oneError(run: ActionRun): string {
  expect(run.code).toBe(1);
  const errors = errorLines(run);
  expect(errors).toHaveLength(1);
  expect(
    run.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::debug::'))
      .join('\n'),
  ).not.toMatch(/\n\s+at /);
  return errors[0];
}

beforeAll(async () => {
  execFileSync('bash', [path.join(ROOT, 'scripts/endpoints.sh'), 'up'], { stdio: ['ignore', 'ignore', 'inherit'] });
  endpoints = readEndpoints();
  emptyDockerConfig = scratchDir('dea-dockercfg-');
  // HOME for the ssh engine: known_hosts holds the endpoint's host key, hashed by ssh-keygen
  // as many distributions do (HashKnownHosts yes).
  sshHome = scratchDir('dea-home-');
  mkdirSync(path.join(sshHome, '.ssh'), { mode: 0o700 });
  const knownHosts = path.join(sshHome, '.ssh/known_hosts');
  writeFileSync(knownHosts, `[127.0.0.1]:${port(endpoints.ssh.dockerHost)} ${endpoints.ssh.hostKey}\n`);
  execFileSync('ssh-keygen', ['-H', '-f', knownHosts], { stdio: 'ignore' });
  rmSync(`${knownHosts}.old`, { force: true });
  expect(readFileSync(knownHosts, 'utf8')).toMatch(/^\|1\|/);
  // A Docker context made by the docker CLI itself, in a folder of our own.
  contextConfig = scratchDir('dea-ctxcfg-');
  await cli(['context', 'create', CONTEXT, '--docker', `host=${endpoints.podman.dockerHost}`], {
    env: { DOCKER_CONFIG: contextConfig },
  });
  if (podman5)
    await cli(['context', 'create', CONTEXT5, '--docker', `host=${podman5.dockerHost}`], {
      env: { DOCKER_CONFIG: contextConfig },
    });
}, 120_000);

afterAll(async () => {
  // podman rm -f waits 10 s for sleep (PID 1 ignores TERM): remove them at once ourselves.
  for (const tool of ['podman', 'podman5'] as const) {
    const podman = await fixtures.get(tool)?.catch(() => undefined);
    if (!podman) continue;
    await cli(['unpause', podman.paused.id], { cli: tool, allowFailure: true });
    const ids = [podman.box, podman.exited, podman.paused, podman.talker, podman.ttyTalker].map((c) => c.id);
    await cli(['rm', '-f', '-t', '0', ...ids], { cli: tool, allowFailure: true });
  }
  const docker = await fixtures.get('docker')?.catch(() => undefined);
  if (docker) await cli(['unpause', docker.paused.id], { allowFailure: true });
  await removeStartedContainers();
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe.each(ENGINES)('%s engine', (name) => {
  let setup: EngineSetup;
  let box: TestContainer;
  let exited: TestContainer;
  let paused: TestContainer;

  beforeAll(async () => {
    setup = setupFor(name);
    ({ box, exited, paused } = await fixturesFor(setup.cli));
  }, 60_000);

  const run = (inputs: Record<string, string>, options: { env?: Record<string, string>; workspace?: string } = {}) =>
    runAction({ ...setup.inputs, ...inputs }, { env: { ...setup.env, ...options.env }, workspace: options.workspace });

  test('streams and exit code; the header names the engine and where it came from', async () => {
    const result = await run({ container: box.name, command: `sh -c 'echo to-out; echo to-err >&2; exit 3'` });
    expect(result.stdout).toMatch(setup.header);
    expect(guarded(result.stdout).split('\n').sort()).toEqual(['', 'to-err', 'to-out']);
    expect(result.outputs).toMatchObject({
      'exit-code': '3',
      stdout: 'to-out',
      stderr: 'to-err',
      'container-id': box.id,
      attempts: '1',
    });
    expect(result.outputs['exec-id']).toMatch(/^[0-9a-f]{64}$/);
    expect(oneError(result)).toMatch(/::command exited with code 3%0A%0ALast lines of stderr:%0Ato-err$/);
  }, 30_000);

  test.each(['talker', 'ttyTalker'] as const)(
    "logs-on-failure: the %s container's own log after a failure, in the engine's framing",
    async (which) => {
      const { [which]: talker } = await fixturesFor(setup.cli);
      const result = await run({ container: talker.name, command: 'false', 'logs-on-failure': '2' });
      expect(oneError(result)).toMatch(/::command exited with code 1/);
      const group =
        /::group::Last 2 lines of the log of (\S+)\n::stop-commands::(\w+)\n([^]*?)::\2::\n::endgroup::/.exec(
          result.stdout,
        );
      expect(group?.[1]).toBe(talker.name);
      const lines = (group?.[3] ?? '').split('\n').slice(0, -1);
      expect(lines.map((line) => line.replace(/^\d{4}-\d\d-\d\dT[\d:.]+(Z|[+-]\d\d:\d\d) /, ''))).toEqual([
        'log line 1',
        'log line 2',
      ]);
    },
    30_000,
  );

  test('copy-in and copy-out: a tree in, the command changes it, back out as it is', async () => {
    const workspace = scratchDir('dea-ws-');
    mkdirSync(path.join(workspace, 'tree/sub'), { recursive: true });
    const big = randomBytes(2 * 1024 * 1024);
    writeFileSync(path.join(workspace, 'tree/big.bin'), big);
    writeFileSync(path.join(workspace, 'tree/sub/note.txt'), 'note\n');
    symlinkSync('sub/note.txt', path.join(workspace, 'tree/link'));
    const folder = `/tmp/copied-${randomBytes(4).toString('hex')}`;
    const result = await run(
      {
        container: box.name,
        'copy-in': `tree:${folder}`,
        command: `sh -c 'echo added > ${folder}/added.txt && sha256sum ${folder}/big.bin'`,
        'copy-out': `${folder}/.:back`,
      },
      { workspace },
    );
    expect(errorLines(result)).toEqual([]);
    expect(result.outputs.stdout).toBe(`${createHash('sha256').update(big).digest('hex')}  ${folder}/big.bin`);
    expect(readFileSync(path.join(workspace, 'back/big.bin')).equals(big)).toBe(true);
    expect(readFileSync(path.join(workspace, 'back/added.txt'), 'utf8')).toBe('added\n');
    expect(readlinkSync(path.join(workspace, 'back/link'))).toBe('sub/note.txt');
    expect(result.outputs['copied-in']).toBe(String(big.length + 5));
    expect(result.outputs['copied-out']).toBe(String(big.length + 5 + 6));
  }, 60_000);

  test('stdin: 3 MiB arrive whole, then end-of-file', async () => {
    const workspace = scratchDir('dea-ws-');
    const data = randomBytes(3 * 1024 * 1024);
    writeFileSync(path.join(workspace, 'data.bin'), data);
    const result = await run({ container: box.name, 'stdin-file': 'data.bin', command: 'sha256sum' }, { workspace });
    expect(result.code).toBe(0);
    expect(result.outputs.stdout).toBe(`${createHash('sha256').update(data).digest('hex')}  -`);
  }, 60_000);

  test('env and env-file: Docker rules, order, bare KEY from the step or removed', async () => {
    const workspace = scratchDir('dea-ws-');
    writeFileSync(
      path.join(workspace, 'one.env'),
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from('# comment\r\n  A=from-file\r\nB="quoted" # kept\r\nC=file\r\n'),
      ]),
    );
    const result = await run(
      {
        container: box.name,
        'env-file': 'one.env',
        env: 'C=from-env\nFROM_STEP\nREMOVE_ME',
        command: `sh -c 'echo "[$A][$B][$C][$FROM_STEP][$FROM_IMAGE][\${REMOVE_ME-unset}]"'`,
      },
      { workspace, env: { FROM_STEP: 'step value' } },
    );
    expect(result.code).toBe(0);
    expect(guarded(result.stdout)).toBe('[from-file]["quoted" # kept][from-env][step value][image][unset]\n');
    expect(result.stdout).toMatch(/Env: +A, B, C, FROM_STEP, REMOVE_ME\n/);
  }, 30_000);

  test('user name:group resolved in the container', async () => {
    const result = await run({ container: box.name, user: 'app:staff', command: 'id' });
    expect(result.code).toBe(0);
    expect(result.outputs.stdout).toMatch(/^uid=1000\(app\) gid=50\(staff\)/);
  }, 30_000);

  // Each engine gives an exec its own default capabilities: Docker 0xa80425fb, Podman
  // 0x800405fb (no NET_RAW, MKNOD or AUDIT_WRITE). The action asks for none: it gets what the
  // engine's own CLI gets for the same container.
  test("capabilities: the same as the engine's own CLI exec", async () => {
    const own = (await box.exec(['grep', '^CapEff:', '/proc/self/status'])).stdout.trim();
    const result = await run({ container: box.name, command: 'grep ^CapEff: /proc/self/status' });
    expect(result.code).toBe(0);
    expect(result.outputs.stdout).toBe(own);
    expect(own).toMatch(/^CapEff:\s+[0-9a-f]{16}$/);
  }, 30_000);

  test('workdir', async () => {
    const result = await run({ container: box.name, workdir: '/home/app', command: 'pwd' });
    expect(result.code).toBe(0);
    expect(result.outputs.stdout).toBe('/home/app');
  }, 30_000);

  test('executable not found: 126 or 127 and the engine message', async () => {
    const result = await run({ container: box.name, command: 'no-such-program --flag' });
    expect(['126', '127']).toContain(result.outputs['exit-code']);
    expect(oneError(result)).toMatch(
      /::command exited with code 12[67]%0A%0ALast lines of std(out|err):%0A.*no-such-program.*(not found|no such file)/i,
    );
  }, 30_000);

  test('unknown user: the step fails with the engine message', async () => {
    const result = await run({ container: box.name, user: 'ghost', command: 'touch /tmp/ghost-ran' });
    // Docker 20.10 starts the exec and reports 126 with the message; Docker 28 and Podman
    // refuse it (at create, at start) with the same message and no exit code.
    const error = oneError(result);
    if (result.outputs['exit-code'] === undefined)
      expect(error).toBe('::error::unable to find user ghost: no matching entries in passwd file');
    else
      expect(error).toMatch(
        /^::error title=.*::command exited with code 126%0A%0ALast lines of stdout:%0A.*unable to find user ghost: no matching entries in passwd file/,
      );
    expect((await box.exec(['test', '-e', '/tmp/ghost-ran'], { allowFailure: true })).code).not.toBe(0);
  }, 30_000);

  test('container not found', async () => {
    const result = await run({ container: 'no-such-container-xyz', command: 'true', wait: 'none' });
    const error = oneError(result);
    expect(error).toMatch(
      /^::error::container 'no-such-container-xyz' not found: it is not a job service, a network alias, a container name or ID, or a Compose service\. Running: /,
    );
    expect(error).toContain(`${box.name} (`);
  }, 30_000);

  test('container exited', async () => {
    const result = await run({ container: exited.name, command: 'true' });
    expect(oneError(result)).toBe(`::error::container ${exited.name} is not running: it has exited with code 4`);
  }, 30_000);

  test('container paused', async () => {
    const result = await run({ container: paused.name, command: 'true' });
    expect(oneError(result)).toBe(
      `::error::container ${paused.name} is paused: unpause it first (${cliName(setup.cli)} unpause ${paused.name})`,
    );
  }, 30_000);
});

// What the machine's Podman could leave unsettled, on each Podman: stopping the command (timeout,
// cancel), waiting for a healthy container, and who owns what copy-in wrote for `user`.
describe.each(PODMAN_ROWS)('%s engine: stopping, health, copy-in ownership', (name) => {
  let setup: EngineSetup;
  let box: TestContainer;
  beforeAll(async () => {
    setup = setupFor(name);
    ({ box } = await fixturesFor(setup.cli));
  }, 60_000);

  const run = (inputs: Record<string, string>, options: Parameters<typeof runAction>[1] = {}) =>
    runAction({ ...setup.inputs, ...inputs }, { ...options, env: { ...setup.env, ...options.env } });
  // The trailing echo keeps sh as the parent of sleep: both must be stopped.
  const sleeper = (tag: string) => `sh -c 'echo started-${tag}; sleep 60; echo not-stopped-${tag}'`;

  test('timeout: 2s stops sh and its sleep; the step fails with "timed out after 2s"', async () => {
    const tag = randomBytes(4).toString('hex');
    const result = await run({ container: box.name, command: sleeper(tag), timeout: '2s' });
    expect(oneError(result)).toMatch(/::timed out after 2s: the command was stopped/);
    expect(result.stdout).toMatch(/Stopping the command: sent TERM to 2 process\(es\)/);
    expect(result.outputs.stdout).toBe(`started-${tag}`);
    expect(result.outputs['exit-code']).toBe('143');
    expect(await processesMatching(box, new RegExp(`sleep 60|${tag}`))).toEqual([]);
  }, 30_000);

  test('SIGINT to the action (the runner cancelling): stops the command, exits non-zero', async () => {
    const tag = randomBytes(4).toString('hex');
    let signalledAt = 0;
    const result = await run(
      { container: box.name, command: sleeper(tag) },
      {
        killAfterMs: 25_000,
        onSpawn: (child) => {
          let seen = '';
          child.stdout?.on('data', (b: Buffer) => {
            seen += b.toString();
            if (signalledAt || !seen.includes(`started-${tag}\n`)) return;
            signalledAt = Date.now();
            child.kill('SIGINT');
          });
        },
      },
    );
    expect(signalledAt).toBeGreaterThan(0);
    expect(result.signal).toBeNull();
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain('cancelled (SIGINT): the command was stopped');
    expect(result.stdout).toMatch(/Stopping the command: sent TERM to 2 process\(es\)/);
    expect(result.outputs['exit-code']).toBe('143');
    expect(result.outputs.stdout).toBe(`started-${tag}`);
    expect(await processesMatching(box, new RegExp(`sleep 60|${tag}`))).toEqual([]);
  }, 30_000);

  // Podman runs health checks from systemd timers, and none where systemd is not init
  // (https://github.com/containers/podman/issues/19326). The machine's Podman 4.3
  // (scripts/endpoints.sh) runs without systemd: no check ever runs there, and the step says
  // why. The Podman 5 set-up (scripts/podman-sid.sh) runs them from a loop in the timers'
  // place, as systemd does on GitHub's runners.
  const runsHealthChecks = name === 'podman5';
  const noHealthCheckRan =
    '. No health check has run: Podman runs them from systemd timers, and none where systemd is not init (https://github.com/containers/podman/issues/19326)';

  test('wait: healthy waits until the health check passes, then runs', async () => {
    const c = await startContainer({
      cli: setup.cli,
      args: ['--health-cmd', 'test -f /tmp/ready', '--health-interval', '500ms'],
      command: ['sh', '-c', 'sleep 2; touch /tmp/ready; exec sleep infinity'],
    });
    const timeout = runsHealthChecks ? '20s' : '4s';
    const result = await run({ container: c.name, wait: 'healthy', 'wait-timeout': timeout, command: 'ls /tmp/ready' });
    if (!runsHealthChecks) {
      expect(oneError(result)).toBe(
        `::error::container ${c.name} was not healthy after 4s (last health output: none yet)${noHealthCheckRan}`,
      );
      await cli(['rm', '-f', '-t', '0', c.id], { cli: setup.cli, allowFailure: true });
      return;
    }
    expect(errorLines(result)).toEqual([]);
    expect(result.stdout).toContain(`Waiting for ${c.name} to be healthy`);
    expect(result.outputs.stdout).toBe('/tmp/ready');
    expect((await cli(['inspect', '-f', '{{.State.Health.Status}}', c.id], { cli: setup.cli })).stdout.trim()).toBe(
      'healthy',
    );
    await cli(['rm', '-f', '-t', '0', c.id], { cli: setup.cli, allowFailure: true });
  }, 40_000);

  test('wait: healthy on a container that never is: fails after wait-timeout with the last health output', async () => {
    const c = await startContainer({
      cli: setup.cli,
      args: ['--health-cmd', 'echo "db not ready: $((1+1)) tries"; exit 1', '--health-interval', '500ms'],
    });
    const result = await run({ container: c.name, wait: 'healthy', 'wait-timeout': '3s', command: 'true' });
    expect(oneError(result)).toBe(
      `::error::container ${c.name} was not healthy after 3s (last health output: ${runsHealthChecks ? 'db not ready: 2 tries)' : `none yet)${noHealthCheckRan}`}`,
    );
    await cli(['rm', '-f', '-t', '0', c.id], { cli: setup.cli, allowFailure: true });
  }, 40_000);

  test.each([
    ['app', '1000:1000'],
    ['app:staff', '1000:50'],
    ['', '0:0'],
  ])(
    'copy-in with user %j: what was copied belongs to %s',
    async (user, owner) => {
      const workspace = scratchDir('dea-ws-');
      mkdirSync(path.join(workspace, 'tree/sub'), { recursive: true });
      writeFileSync(path.join(workspace, 'tree/sub/f.txt'), 'x');
      const folder = `/tmp/owned-${randomBytes(4).toString('hex')}`;
      const result = await run(
        {
          container: box.name,
          ...(user ? { user } : {}),
          'copy-in': `tree:${folder}/deep`,
          command: `sh -c 'find ${folder}/deep -exec stat -c "%n %u:%g" {} +'`,
        },
        { workspace },
      );
      expect(errorLines(result)).toEqual([]);
      expect(result.outputs.stdout.split('\n').sort()).toEqual(
        [`${folder}/deep`, `${folder}/deep/sub`, `${folder}/deep/sub/f.txt`].map((f) => `${f} ${owner}`),
      );
    },
    30_000,
  );
});

describe('TLS: refused engines run nothing', () => {
  let box: TestContainer;
  beforeAll(async () => {
    ({ box } = await fixturesFor('docker'));
  }, 60_000);

  const pem = (file: string) => readFileSync(file, 'utf8');

  async function expectNothingRan(marker: string) {
    expect((await box.exec(['test', '-e', marker], { allowFailure: true })).code).not.toBe(0);
  }

  test('a CA that did not sign the engine certificate (tls-ca input)', async () => {
    const { tls } = endpoints;
    const marker = `/tmp/${uniqueName('ran')}`;
    const result = await runAction(
      {
        container: box.name,
        command: `touch ${marker}`,
        'docker-host': tls.dockerHost,
        'tls-ca': pem(tls.wrongCa),
        'tls-cert': pem(tls.cert),
        'tls-key': pem(tls.key),
      },
      { env: { DOCKER_HOST: '' } },
    );
    expect(oneError(result)).toMatch(
      new RegExp(
        `^::error::refused the Docker engine at ${escape(tls.dockerHost)} \\(docker-host input\\): its TLS certificate does not verify against the CA in tls-ca \\(SELF_SIGNED_CERT_IN_CHAIN: [^)]*\\), so nothing was run$`,
      ),
    );
    expect(result.stdout).not.toContain('::stop-commands::');
    await expectNothingRan(marker);
  }, 30_000);

  test('a CA that did not sign the engine certificate (DOCKER_CERT_PATH)', async () => {
    const { tls } = endpoints;
    const certDir = scratchDir('dea-certs-');
    copyFileSync(tls.wrongCa, path.join(certDir, 'ca.pem'));
    copyFileSync(tls.cert, path.join(certDir, 'cert.pem'));
    copyFileSync(tls.key, path.join(certDir, 'key.pem'));
    const marker = `/tmp/${uniqueName('ran')}`;
    const result = await runAction(
      { container: box.name, command: `touch ${marker}` },
      { env: { DOCKER_HOST: tls.dockerHost, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certDir } },
    );
    expect(oneError(result)).toMatch(
      new RegExp(
        `^::error::refused the Docker engine at ${escape(tls.dockerHost)} \\(DOCKER_HOST\\): its TLS certificate does not verify against the CA in ${escape(certDir)}/ca\\.pem \\(SELF_SIGNED_CERT_IN_CHAIN: [^)]*\\), so nothing was run$`,
      ),
    );
    await expectNothingRan(marker);
  }, 30_000);

  test('a client certificate the engine does not trust', async () => {
    const { tls } = endpoints;
    const marker = `/tmp/${uniqueName('ran')}`;
    const result = await runAction(
      {
        container: box.name,
        command: `touch ${marker}`,
        'docker-host': tls.dockerHost,
        'tls-ca': pem(tls.ca),
        'tls-cert': pem(tls.untrustedCert),
        'tls-key': pem(tls.untrustedKey),
      },
      { env: { DOCKER_HOST: '' } },
    );
    expect(oneError(result)).toMatch(
      new RegExp(
        `^::error::the Docker engine at ${escape(tls.dockerHost)} \\(docker-host input\\) refused this client's TLS certificate \\(from tls-cert and tls-key; [^)]*alert unknown ca\\), so nothing was run\\. Give a certificate and key signed by a CA the engine trusts$`,
      ),
    );
    await expectNothingRan(marker);
  }, 30_000);

  test('plain HTTP to the TLS port says TLS may be needed', async () => {
    const result = await runAction(
      { container: box.name, command: 'true' },
      { env: { DOCKER_HOST: endpoints.tls.dockerHost } },
    );
    expect(oneError(result)).toContain(
      'If this engine expects TLS, give tls-ca, tls-cert and tls-key (or set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH)',
    );
  }, 30_000);

  test.each([
    ['succeeds', 'ca'],
    ['is refused', 'wrongCa'],
  ] as const)(
    'PEM texts never reach the log, with debug logging, when the run %s; each is masked first',
    async (_what, caFile) => {
      const { tls } = endpoints;
      const inputs = {
        'tls-ca': pem(tls[caFile]).trim(),
        'tls-cert': pem(tls.cert).trim(),
        'tls-key': pem(tls.key).trim(),
      };
      const result = await runAction(
        { container: box.name, command: 'echo hi', 'docker-host': tls.dockerHost, ...inputs },
        { env: { DOCKER_HOST: '', RUNNER_DEBUG: '1' } },
      );
      expect(result.code).toBe(caFile === 'ca' ? 0 : 1);
      const lines = result.stdout.split('\n');
      const firstOther = lines.findIndex((l) => !l.startsWith('::add-mask::'));
      const masks = lines
        .slice(0, firstOther)
        .map((l) => l.slice('::add-mask::'.length).replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%'));
      // No mask is registered after the first line the runner would show.
      expect(lines.slice(firstOther).some((l) => l.startsWith('::add-mask::'))).toBe(false);
      const shown = [...lines.slice(firstOther), ...result.stderr.split('\n')].join('\n');
      for (const value of Object.values(inputs)) {
        expect(masks).toContain(value);
        for (const line of value.split('\n').filter((l) => l.length >= 8 && !l.startsWith('-----'))) {
          expect(masks).toContain(line);
          expect(shown).not.toContain(line);
        }
      }
    },
    30_000,
  );
});

describe('SSH host keys: an unknown or changed key runs nothing', () => {
  let box: TestContainer;
  beforeAll(async () => {
    ({ box } = await fixturesFor('docker'));
  }, 60_000);

  function homeWith(knownHosts?: string): string {
    const home = scratchDir('dea-home-');
    if (knownHosts !== undefined) {
      mkdirSync(path.join(home, '.ssh'), { mode: 0o700 });
      writeFileSync(path.join(home, '.ssh/known_hosts'), knownHosts);
    }
    return home;
  }

  async function runWithHome(home: string, marker: string) {
    return runAction(
      { container: box.name, command: `touch ${marker}`, 'docker-host': endpoints.ssh.dockerHost },
      { env: { DOCKER_HOST: '', HOME: home, SSH_AUTH_SOCK: endpoints.ssh.sshAuthSock } },
    );
  }

  const hostKeyText = () => {
    const [type, blob] = endpoints.ssh.hostKey.split(' ');
    return `${type} SHA256:${createHash('sha256').update(Buffer.from(blob, 'base64')).digest('base64').replace(/=+$/, '')}`;
  };

  test('unknown host (empty HOME): refused with how to add the key; the advice works', async () => {
    const home = homeWith();
    const sshPort = port(endpoints.ssh.dockerHost);
    const marker = `/tmp/${uniqueName('ran')}`;
    const refused = await runWithHome(home, marker);
    expect(oneError(refused)).toBe(
      `::error::refused the Docker engine at ${endpoints.ssh.dockerHost} (docker-host input): the SSH host key of 127.0.0.1 port ${sshPort} (${hostKeyText()}) is not in ${home}/.ssh/known_hosts or /etc/ssh/ssh_known_hosts, so nothing was run. Check the key with its owner and add it: ssh-keyscan -p ${sshPort} 127.0.0.1 >> ~/.ssh/known_hosts`,
    );
    expect(refused.stdout).not.toContain('::stop-commands::');
    expect((await box.exec(['test', '-e', marker], { allowFailure: true })).code).not.toBe(0);

    // Do what the message says (with this HOME), and the same step runs.
    mkdirSync(path.join(home, '.ssh'), { mode: 0o700 });
    execFileSync('sh', ['-c', `ssh-keyscan -p ${sshPort} 127.0.0.1 >> ${home}/.ssh/known_hosts`], {
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    const accepted = await runWithHome(home, marker);
    expect(accepted.code).toBe(0);
    expect((await box.exec(['test', '-e', marker], { allowFailure: true })).code).toBe(0);
  }, 60_000);

  test('changed host key: refused, naming the line on record', async () => {
    const sshPort = port(endpoints.ssh.dockerHost);
    const otherKey = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGIdB3+Jzi724f1X8OSXunVjhXs9mhCmDCYcbulHCS28';
    const home = homeWith(`# another host\nexample.com ${endpoints.ssh.hostKey}\n[127.0.0.1]:${sshPort} ${otherKey}\n`);
    const marker = `/tmp/${uniqueName('ran')}`;
    const result = await runWithHome(home, marker);
    expect(oneError(result)).toBe(
      `::error::refused the Docker engine at ${endpoints.ssh.dockerHost} (docker-host input): the SSH host key of 127.0.0.1 port ${sshPort} (${hostKeyText()}) does not match the key on record (${home}/.ssh/known_hosts line 3): the host key changed, or the connection is intercepted, so nothing was run. If the change is expected, remove the old key (ssh-keygen -R '[127.0.0.1]:${sshPort}') and add the new one: ssh-keyscan -p ${sshPort} 127.0.0.1 >> ~/.ssh/known_hosts`,
    );
    expect((await box.exec(['test', '-e', marker], { allowFailure: true })).code).not.toBe(0);
  }, 30_000);

  test('the key recorded for port 22 does not vouch for another port', async () => {
    const home = homeWith(`127.0.0.1 ${endpoints.ssh.hostKey}\n`);
    const result = await runWithHome(home, `/tmp/${uniqueName('ran')}`);
    expect(oneError(result)).toContain('is not in');
  }, 30_000);
});

describe('which engine: docker-host input, DOCKER_HOST, DOCKER_CONTEXT, currentContext, default', () => {
  let box: TestContainer;
  beforeAll(async () => {
    ({ box } = await fixturesFor('docker'));
  }, 60_000);

  const engineLine = (result: ActionRun) => /^Engine: +(.*)$/m.exec(result.stdout)?.[1];

  test('docker-host wins over DOCKER_HOST and DOCKER_CONTEXT', async () => {
    const result = await runAction(
      { container: box.name, command: 'true', 'docker-host': 'unix:///var/run/docker.sock' },
      { env: { DOCKER_HOST: endpoints.podman.dockerHost, DOCKER_CONFIG: contextConfig, DOCKER_CONTEXT: CONTEXT } },
    );
    expect(result.code).toBe(0);
    expect(engineLine(result)).toMatch(/^unix:\/\/\/var\/run\/docker\.sock \(docker-host input\), Docker /);
  }, 30_000);

  test('DOCKER_HOST wins over DOCKER_CONTEXT', async () => {
    const result = await runAction(
      { container: box.name, command: 'true' },
      { env: { DOCKER_HOST: 'unix:///var/run/docker.sock', DOCKER_CONFIG: contextConfig, DOCKER_CONTEXT: CONTEXT } },
    );
    expect(result.code).toBe(0);
    expect(engineLine(result)).toMatch(/^unix:\/\/\/var\/run\/docker\.sock \(DOCKER_HOST\), Docker /);
  }, 30_000);

  test("currentContext in the CLI's config.json, when nothing else is set", async () => {
    const config = scratchDir('dea-ctxcfg-');
    await cli(['context', 'create', CONTEXT, '--docker', `host=${endpoints.podman.dockerHost}`], {
      env: { DOCKER_CONFIG: config },
    });
    await cli(['context', 'use', CONTEXT], { env: { DOCKER_CONFIG: config } });
    const podmanBox = (await fixturesFor('podman')).box;
    const result = await runAction(
      { container: podmanBox.name, command: 'true' },
      { env: { DOCKER_HOST: '', DOCKER_CONTEXT: '', DOCKER_CONFIG: config } },
    );
    expect(result.code).toBe(0);
    expect(engineLine(result)).toMatch(
      new RegExp(
        `^${escape(endpoints.podman.dockerHost)} \\(context ${CONTEXT} from currentContext in ${escape(config)}/config\\.json\\), Podman `,
      ),
    );
  }, 60_000);
});
