// Issue 4 through the bundle, against the real engine: finding the container the way a
// workflow names it (service key, network alias, ID prefix; ambiguity), waiting for it
// (healthy, never healthy, exited, not yet started), retries, timeout and cancellation.
// What the runner creates is simulated: service containers with runner-style names on an
// --internal network github_network_<32 hex>, and the job JSON that points at them.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { runAction, type ActionRun } from '../helpers/action.js';
import {
  cli,
  processesMatching,
  removeStartedContainers,
  startContainer,
  testImageName,
  uniqueName,
  type TestContainer,
} from '../helpers/docker.js';

jest.setTimeout(30_000);

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
/** The name the runner gives a service container: <32 hex>_<image, alphanumerics only>_<6 hex>. */
const runnerName = (image: string) => `${hex(16)}_${image.replace(/[^a-zA-Z0-9]/g, '')}_${hex(3)}`;

const networks: string[] = [];
async function internalNetwork(): Promise<string> {
  const name = `github_network_${hex(16)}`;
  await cli(['network', 'create', '--internal', name]);
  networks.push(name);
  return name;
}

let box: TestContainer;
let netA: string;
let netB: string;
/** The "postgres" service: runner-style name on netA, aliases postgres, aliasOnly and shared. */
let pg1: TestContainer;
/** A second container on netB with the aliases postgres and shared. */
let pg2: TestContainer;
// Aliases unique to this run, so that containers of tests running at the same time cannot
// make them ambiguous (postgres itself is only looked up through the job JSON here).
const aliasOnly = `svc-${hex(4)}`;
const shared = `amb-${hex(4)}`;
const created: string[] = [];

beforeAll(async () => {
  const image = testImageName();
  [netA, netB] = await Promise.all([internalNetwork(), internalNetwork()]);
  [box, pg1, pg2] = await Promise.all([
    startContainer(),
    startContainer({
      name: runnerName(image),
      args: ['--network', netA, '--network-alias', 'postgres', '--network-alias', aliasOnly, '--network-alias', shared],
    }),
    startContainer({
      name: runnerName(image),
      args: ['--network', netB, '--network-alias', 'postgres', '--network-alias', shared],
    }),
  ]);
}, 60_000);

afterAll(async () => {
  await removeStartedContainers();
  await Promise.all(created.splice(0).map((id) => cli(['rm', '-f', id], { allowFailure: true })));
  await Promise.all(networks.splice(0).map((n) => cli(['network', 'rm', n], { allowFailure: true })));
});

/** The one ::error:: line of a run (fails when there are more or none). */
function theError(run: ActionRun): string {
  const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error'));
  expect(errors).toHaveLength(1);
  return errors[0];
}

function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  return work.then((value) => ({ value, ms: Date.now() - started }));
}

describe('finding the container', () => {
  test("service key from the job JSON (the runner's setup), though another container has the alias", async () => {
    const job = { status: 'success', services: { postgres: { id: pg1.id, network: netA, ports: {} } } };
    const run = await runAction({ container: 'postgres', command: 'hostname' }, { job });
    expect(run.code).toBe(0);
    expect(run.outputs['container-id']).toBe(pg1.id);
    expect(run.stdout).toContain(`Container: ${pg1.name} ${pg1.id.slice(0, 12)}`);
    expect(run.stdout).toMatch(/found as job service postgres\)/);
  });

  test('network alias without a job JSON', async () => {
    const run = await runAction({ container: aliasOnly, command: 'true' });
    expect(run.code).toBe(0);
    expect(run.outputs['container-id']).toBe(pg1.id);
    expect(run.stdout).toMatch(new RegExp(`found as network alias ${aliasOnly}\\)`));
  });

  test('unique ID prefix', async () => {
    const run = await runAction({ container: pg2.id.slice(0, 10), command: 'true' });
    expect(run.code).toBe(0);
    expect(run.outputs['container-id']).toBe(pg2.id);
    expect(run.stdout).toMatch(/found as container ID\)/);
  });

  test('container name', async () => {
    const run = await runAction({ container: pg2.name, command: 'true' });
    expect(run.code).toBe(0);
    expect(run.outputs['container-id']).toBe(pg2.id);
    expect(run.stdout).toMatch(/found as container name\)/);
  });

  test('an alias on two networks and no job JSON: an error listing both', async () => {
    const run = await runAction({ container: shared, command: 'true' });
    expect(run.code).toBe(1);
    const error = theError(run);
    expect(error).toContain(
      `::error::container '${shared}' is ambiguous: 2 containers have the network alias ${shared}:`,
    );
    const image = testImageName();
    expect(error).toContain(`${pg1.name} (${image}, running)`);
    expect(error).toContain(`${pg2.name} (${image}, running)`);
    expect(run.outputs['container-id']).toBeUndefined();
  });

  test.each([
    ['a service on it', () => ({ status: 'success', services: { redis: { id: box.id, network: netB, ports: {} } } })],
    ['a job container on it', () => ({ status: 'success', container: { id: box.id, network: netB }, services: {} })],
  ])('an alias on two networks, the job JSON naming one network (%s): that one', async (_label, job) => {
    const run = await runAction({ container: shared, command: 'true' }, { job: job() });
    expect(run.code).toBe(0);
    expect(run.outputs['container-id']).toBe(pg2.id);
  });

  test('not found: says what was looked for and lists the job services', async () => {
    const job = { status: 'success', services: { postgres: { id: pg1.id, network: netA, ports: {} } } };
    const run = await runAction({ container: `redis-${hex(4)}`, command: 'true' }, { job });
    expect(run.code).toBe(1);
    expect(theError(run)).toMatch(
      /not found: it is not a job service \(postgres\), a network alias, a container name or ID, or a Compose service\. Running: .*\(docker-exec-action-test:busybox, running\)/,
    );
  });
});

/** Boot-time clock (/proc/uptime) to wall clock, in ms; containers share the host's kernel. */
function uptimeToWallMs(): (uptimeSeconds: number) => number {
  const now = Date.now();
  const uptime = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
  return (u) => now + (u - uptime) * 1000;
}

/** Wall-clock ms at which the engine reported the container healthy (health_status event). */
async function healthyAt(id: string, since: number): Promise<number> {
  const { stdout } = await cli([
    'events',
    '--since',
    String(Math.floor(since / 1000) - 1),
    '--until',
    String(Math.ceil(Date.now() / 1000) + 1),
    '--filter',
    `container=${id}`,
    '--filter',
    'event=health_status',
    '--format',
    '{{.TimeNano}} {{.Status}}',
  ]);
  const line = stdout.split('\n').find((l) => l.endsWith('health_status: healthy'));
  if (!line) throw new Error(`no healthy event for ${id}: ${stdout}`);
  return Number(BigInt(line.split(' ')[0]) / 1_000_000n);
}

describe('waiting', () => {
  test('wait: healthy starts the command within a second of the container turning healthy', async () => {
    const toWall = uptimeToWallMs();
    const sample = async () => {
      const since = Date.now();
      const c = await startContainer({
        args: ['--health-cmd', 'test -f /tmp/ready', '--health-interval', '500ms'],
        command: [
          'sh',
          '-c',
          'sleep 3; cut -d" " -f1 /proc/uptime > /tmp/r; mv /tmp/r /tmp/ready; exec sleep infinity',
        ],
      });
      const run = await runAction({
        container: c.name,
        wait: 'healthy',
        command: `sh -c 'cut -d" " -f1 /proc/uptime; cat /tmp/ready'`,
      });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Waiting for ${c.name} to be healthy`);
      const [startUptime, readyUptime] = run.outputs.stdout.split('\n').map(Number);
      const healthy = await healthyAt(c.id, since);
      const start = toWall(startUptime);
      return { afterHealthy: start - healthy, afterReadyFile: (startUptime - readyUptime) * 1000 };
    };
    const samples = await Promise.all([sample(), sample(), sample()]);
    const delays = samples.map((s) => s.afterHealthy).sort((a, b) => a - b);
    console.log(
      `healthy -> command start: ${delays.map((d) => `${Math.round(d)}ms`).join(', ')} (median ${Math.round(delays[1])}ms); ` +
        `ready file -> command start: ${samples.map((s) => `${Math.round(s.afterReadyFile)}ms`).join(', ')}`,
    );
    // Never before it was healthy (10 ms: /proc/uptime's resolution); within a second at the
    // median, and each within three (a loaded machine delays the engine's events and our exec).
    for (const s of samples) {
      expect(s.afterHealthy).toBeGreaterThan(-10);
      expect(s.afterHealthy).toBeLessThan(3000);
    }
    expect(delays[1]).toBeLessThan(1000);
  });

  test('never healthy: fails after wait-timeout with the last health output', async () => {
    const c = await startContainer({
      args: ['--health-cmd', 'echo "db not ready: $((1+1)) tries"; exit 1', '--health-interval', '500ms'],
    });
    const { value: run, ms } = await timed(
      runAction({ container: c.name, wait: 'healthy', 'wait-timeout': '2s', command: 'true' }),
    );
    expect(run.code).toBe(1);
    expect(theError(run)).toBe(
      `::error::container ${c.name} was not healthy after 2s (last health output: db not ready: 2 tries)`,
    );
    expect(ms).toBeGreaterThanOrEqual(2000);
    // Ends on its own, long before anything else would end it (the default wait-timeout is 60s).
    expect(ms).toBeLessThan(20_000);
    expect(run.outputs['attempts']).toBeUndefined();
  });

  test('exited: fails at once, well under wait-timeout, with the reason', async () => {
    const gone = await startContainer({ command: ['sh', '-c', 'exit 3'] });
    await cli(['wait', gone.id]);
    const { value: run, ms } = await timed(runAction({ container: gone.name, wait: 'healthy', command: 'true' }));
    expect(run.code).toBe(1);
    expect(theError(run)).toBe(`::error::container ${gone.name} is not running: it has exited with code 3`);
    // At once: not after the default wait-timeout of 60s.
    expect(ms).toBeLessThan(20_000);
  });

  test('created, started 2 s later: wait: running waits for it (events), then runs', async () => {
    const name = uniqueName('dea-late');
    const { stdout } = await cli(['create', '--network', 'none', '--name', name, testImageName()]);
    const id = stdout.trim();
    created.push(id);
    let startedAt = 0;
    const starter = new Promise<void>((resolve, reject) =>
      setTimeout(() => {
        startedAt = Date.now();
        cli(['start', id]).then(() => resolve(), reject);
      }, 2000),
    );
    const { value: run, ms } = await timed(runAction({ container: name, command: `cat /proc/uptime` }));
    await starter;
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Waiting for ${name} to be running`);
    expect(ms).toBeGreaterThanOrEqual(2000);
    // Ran once it started, not at the end of the default wait-timeout of 60s.
    expect(ms).toBeLessThan(20_000);
    expect(startedAt).toBeGreaterThan(0);
  });
});

describe('retries', () => {
  /** A command that counts its runs in a file of its own and prints the count. */
  const counting = (then: string) =>
    `sh -c 'f=/tmp/count-${hex(4)}; n=$(( $(cat $f 2>/dev/null || echo 0) + 1 )); echo $n > $f; echo "run $n"; ${then}'`;

  test('succeeds on the third attempt: attempts = 3, each attempt announced', async () => {
    const run = await runAction({
      container: box.name,
      command: counting('[ $n -ge 3 ]'),
      retries: '5',
      'retry-delay': '200ms',
    });
    expect(run.code).toBe(0);
    expect(run.outputs.attempts).toBe('3');
    expect(run.outputs['exit-code']).toBe('0');
    for (const n of [1, 2, 3]) expect(run.stdout).toContain(`Attempt ${n} of 6\n`);
    expect(run.stdout).not.toContain('Attempt 4 of 6');
    expect(run.stdout.match(/trying again in 200ms/g)).toHaveLength(2);
    expect(run.outputs.stdout).toBe('run 1\nrun 2\nrun 3');
  });

  test("retries exhausted: the last attempt's exit code is the step's", async () => {
    const run = await runAction({
      container: box.name,
      command: counting('exit $((10 + n))'),
      retries: '2',
      'retry-delay': '100ms',
    });
    expect(run.code).toBe(1);
    expect(run.outputs.attempts).toBe('3');
    expect(run.outputs['exit-code']).toBe('13');
    expect(run.stdout).toContain('Attempt 3 of 3\n');
    expect(theError(run)).toMatch(/^::error title=.*exit code 13::command exited with code 13/);
  });
});

describe('timeout and cancellation stop the command in the container', () => {
  // `sh -c 'sleep 60'` would exec sleep (busybox sh does); the trailing echo keeps sh as the
  // parent, so both the command and its child must be stopped.
  const sleeper = (tag: string) => `sh -c 'echo started-${tag}; sleep 60; echo not-stopped-${tag}'`;

  test('timeout: 2s stops sh and its sleep; the step fails with "timed out after 2s"', async () => {
    const tag = hex(4);
    const { value: run, ms } = await timed(runAction({ container: box.name, command: sleeper(tag), timeout: '2s' }));
    expect(run.code).toBe(1);
    expect(theError(run)).toMatch(/::timed out after 2s: the command was stopped/);
    expect(run.stdout).toMatch(/Stopping the command: sent TERM to 2 process\(es\)/);
    expect(run.outputs.stdout).toBe(`started-${tag}`); // sh did not go on once sleep died
    expect(run.outputs['exit-code']).toBe('143');
    // Stopped, not run to its end: the command sleeps 60 s.
    expect(ms).toBeLessThan(30_000);
    expect(await processesMatching(box, /sleep 60/)).toEqual([]);
    expect(await processesMatching(box, new RegExp(tag))).toEqual([]);
  });

  test('timeout: a command that ignores TERM gets KILL after the grace period', async () => {
    const tag = hex(4);
    const command = `sh -c 'trap "" TERM; echo started-${tag}; sleep 60; echo not-stopped-${tag}'`;
    const { value: run, ms } = await timed(runAction({ container: box.name, command, timeout: '1s' }));
    expect(run.code).toBe(1);
    expect(theError(run)).toMatch(/::timed out after 1s: the command was stopped/);
    expect(run.stdout).toMatch(/sent TERM to 2 process\(es\), then KILL to 2 after 2s/);
    expect(run.outputs.stdout).toBe(`started-${tag}`);
    expect(run.outputs['exit-code']).toBe('137');
    // Killed, not run to its end: the command sleeps 60 s.
    expect(ms).toBeLessThan(30_000);
    expect(await processesMatching(box, /sleep 60/)).toEqual([]);
  });

  test.each(['SIGINT', 'SIGTERM'] as const)(
    '%s to the action (the runner cancelling): stops the command, exits non-zero in time',
    async (first) => {
      const tag = hex(4);
      let signalledAt = 0;
      let closedAt = 0;
      const sent: string[] = [];
      const cancel = (child: ChildProcess) => {
        const timers: NodeJS.Timeout[] = [];
        const send = (signal: NodeJS.Signals) => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          sent.push(signal);
          child.kill(signal);
        };
        let seen = '';
        child.stdout?.on('data', (b: Buffer) => {
          seen += b.toString();
          if (signalledAt || !seen.includes(`started-${tag}\n`)) return;
          signalledAt = Date.now();
          send(first);
          // The runner's escalation: SIGTERM 7.5 s after SIGINT, SIGKILL 2.5 s after that.
          if (first === 'SIGINT') timers.push(setTimeout(() => send('SIGTERM'), 7500));
          timers.push(setTimeout(() => send('SIGKILL'), 10_000));
        });
        child.on('close', () => {
          closedAt = Date.now();
          timers.forEach(clearTimeout);
        });
      };
      const run = await runAction(
        { container: box.name, command: sleeper(tag) },
        { onSpawn: cancel, killAfterMs: 25_000 },
      );
      expect(signalledAt).toBeGreaterThan(0);
      expect(sent).toEqual([first]); // it went by itself: no escalation was needed
      expect(run.signal).toBeNull();
      expect(run.code).not.toBe(0);
      expect(run.outputs['exit-code']).toBe('143');
      expect(closedAt - signalledAt).toBeLessThan(7500);
      expect(run.stdout).toContain(`cancelled (${first}): the command was stopped`);
      expect(run.stdout).toMatch(/Stopping the command: sent TERM to 2 process\(es\)/);
      expect(run.outputs.stdout).toBe(`started-${tag}`);
      expect(await processesMatching(box, /sleep 60/)).toEqual([]);
      expect(await processesMatching(box, new RegExp(tag))).toEqual([]);
    },
  );
});

describe('bad durations and counts: one clear line naming the input', () => {
  test.each([
    [
      { 'wait-timeout': 'soon' },
      "Input 'wait-timeout': 'soon' is not a duration: use 500ms, 30s, 5m, 1h or plain seconds",
    ],
    [
      { 'wait-timeout': '10 s' },
      "Input 'wait-timeout': '10 s' is not a duration: use 500ms, 30s, 5m, 1h or plain seconds",
    ],
    [{ 'retry-delay': '2d' }, "Input 'retry-delay': '2d' is not a duration: use 500ms, 30s, 5m, 1h or plain seconds"],
    [{ timeout: '-1s' }, "Input 'timeout': '-1s' is not a duration: use 500ms, 30s, 5m, 1h or plain seconds"],
    [{ timeout: '1.5.2s' }, "Input 'timeout': '1.5.2s' is not a duration: use 500ms, 30s, 5m, 1h or plain seconds"],
    [{ retries: 'three' }, "Input 'retries': 'three' is not a whole number from 0 to 9999"],
    [{ wait: 'ready' }, "Input 'wait': 'ready' is not one of none, running, healthy"],
  ])('%j', async (inputs, message) => {
    const run = await runAction({ container: box.name, command: 'true', ...inputs });
    expect(run.code).toBe(1);
    expect(theError(run)).toBe(`::error::${message}`);
    expect(run.stdout).not.toMatch(/\n\s+at /);
    expect(run.outputs['exit-code']).toBeUndefined();
  });

  // Durations that bound nothing here (a running container is not waited for, and a command that
  // succeeds is not retried), so that a slow machine cannot make them fail.
  test.each(['500ms', '0.5', '1m30s'])('%s is accepted', async (duration) => {
    const run = await runAction({
      container: box.name,
      command: 'true',
      'wait-timeout': duration,
      'retry-delay': duration,
    });
    expect(run.code).toBe(0);
  });
});
