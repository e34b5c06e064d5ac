// Issue 9: the engine process (dockerd) is killed with SIGKILL while the command runs. The
// action must end soon, fail, and say that the connection to the engine was lost while the
// command was running: never success, never a hang. The docker CLI gets the same fault for
// comparison. Then the engine is started again (scripts/engine.sh up) and a normal run works.
//
// Killing dockerd stops every container and breaks whatever else uses the engine, so this
// file runs only in the `disruptive` jest project (`--selectProjects disruptive --runInBand`,
// the second run of scripts/test.sh), only against an engine that scripts/engine.sh started,
// and only while no other jest process is running.
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runAction } from '../helpers/action.js';
import { cli, removeStartedContainers, ROOT, startContainer, type TestContainer } from '../helpers/docker.js';

jest.setTimeout(300_000);

const PID_FILE = path.join(ROOT, '.cache/engine/dockerd.pid');
/** How long the action and the CLI may take to end after dockerd is killed. */
const BOUND_MS = 30_000;
/** How long to wait for other jest runs (other people's tests on this engine) to finish. */
const QUIET_WAIT_MS = Number(process.env.DEA_DISRUPTIVE_WAIT_S ?? 900) * 1000;

function parentOf(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so cut after ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** This process and its ancestors: the jest run this file belongs to. */
function ownLineage(): Set<number> {
  const pids = new Set<number>();
  for (let pid: number | undefined = process.pid; pid && pid > 1 && !pids.has(pid); pid = parentOf(pid)) pids.add(pid);
  return pids;
}

/** Jest processes other than this run (someone else's tests, which a dead engine would break). */
function otherJestRuns(): string[] {
  const own = ownLineage();
  const found = spawnSync('pgrep', ['-af', 'jest.js'], { encoding: 'utf8' }).stdout ?? '';
  return found.split('\n').filter((line) => line.trim() && !own.has(Number(line.split(' ')[0])));
}

async function waitUntilAlone(budgetMs: number): Promise<string[]> {
  const deadline = Date.now() + budgetMs;
  for (;;) {
    const others = otherJestRuns();
    if (others.length === 0 || Date.now() >= deadline) return others;
    await sleep(5000);
  }
}

function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** The PID of the dockerd that scripts/engine.sh started, or why this file must not run. */
function ourDockerd(): { pid?: number; reason?: string } {
  if (process.env.DOCKER_HOST && process.env.DOCKER_HOST !== 'unix:///var/run/docker.sock') {
    return {
      reason: `DOCKER_HOST=${process.env.DOCKER_HOST}: the engine in use is not the local dockerd of scripts/engine.sh`,
    };
  }
  if (!existsSync(PID_FILE))
    return {
      reason:
        "the engine was not started by scripts/engine.sh (no .cache/engine/dockerd.pid); someone else's engine is never killed",
    };
  const pid = Number(readFileSync(PID_FILE, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 1 || !isAlive(pid))
    return {
      reason: `.cache/engine/dockerd.pid (${pid}) is not a running process: the engine in use was not started by scripts/engine.sh`,
    };
  const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  if (comm !== 'dockerd') return { reason: `.cache/engine/dockerd.pid (${pid}) is ${comm}, not dockerd` };
  return { pid };
}

async function whyNotRun(): Promise<string | undefined> {
  // In a jest worker, other test files run at the same moment in sibling workers.
  if (!/jest\.js$/.test(process.argv[1] ?? ''))
    return 'not running in band: run it alone with --selectProjects disruptive --runInBand';
  const engine = ourDockerd();
  if (engine.reason) return engine.reason;
  const others = await waitUntilAlone(QUIET_WAIT_MS);
  if (others.length)
    return `other jest runs kept the engine busy for ${QUIET_WAIT_MS / 1000}s (${others.length}: ${others[0].slice(0, 120)}); killing dockerd would break them`;
  return undefined;
}

const skipReason = await whyNotRun();
if (skipReason) process.stderr.write(`engine-kill: skipped: ${skipReason}\n`);
const engineTest = skipReason ? test.skip : test;
const title = (name: string) => (skipReason ? `${name} (skipped: ${skipReason})` : name);

let box: TestContainer;
/** Set from a kill until the engine answers again, so afterAll can bring it back. */
let engineDown = false;
const outcomes: { action?: string; cli?: string } = {};

/** Waits until no one else's jest runs, then kills our dockerd with SIGKILL and waits for it to die. */
async function killDockerd(): Promise<number> {
  const others = await waitUntilAlone(QUIET_WAIT_MS);
  if (others.length) throw new Error(`other jest runs started meanwhile; not killing dockerd: ${others.join(' | ')}`);
  const { pid, reason } = ourDockerd();
  if (!pid) throw new Error(`not killing dockerd: ${reason}`);
  engineDown = true;
  process.kill(pid, 'SIGKILL');
  const killedAt = Date.now();
  for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(50);
  expect(isAlive(pid)).toBe(false);
  return killedAt;
}

/** scripts/engine.sh up (a new dockerd, its PID in the state file), then the test container again. */
async function restartEngine(): Promise<void> {
  const said = execFileSync('bash', [path.join(ROOT, 'scripts/engine.sh'), 'up'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  engineDown = false;
  expect(said).toBe('started');
  expect(ourDockerd().pid).toBeDefined();
  if (!box) return;
  // --restart always: the new dockerd starts the container again; start it if it did not.
  for (let i = 0; i < 150; i++) {
    const { stdout } = await cli(['inspect', '-f', '{{.State.Running}}', box.id], { allowFailure: true });
    if (stdout.trim() === 'true') return;
    if (i === 50) await cli(['start', box.id], { allowFailure: true });
    await sleep(200);
  }
  throw new Error(`container ${box.name} did not run again after the engine restart`);
}

function errorLines(stdout: string): string[] {
  return stdout.split('\n').filter((l) => l.startsWith('::error'));
}

/** Its lines (ready-42, then end-10) never appear in the action's header, which shows the command. */
const SCRIPT = 'echo ready-$((40+2)); sleep 20; echo end-$((5+5)); exit 0';

beforeAll(async () => {
  if (skipReason) return;
  box = await startContainer({ args: ['--restart', 'always'] });
});

afterAll(async () => {
  if (skipReason) return;
  try {
    if (engineDown || spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 10_000 }).status !== 0)
      await restartEngine().catch(() => undefined);
  } finally {
    await removeStartedContainers();
  }
  const line = `engine-kill (dockerd SIGKILL mid-command): action: ${outcomes.action ?? 'not run'} | docker CLI: ${outcomes.cli ?? 'not run'}`;
  process.stderr.write(`${line}\n`);
  mkdirSync(path.join(ROOT, '.cache'), { recursive: true });
  writeFileSync(path.join(ROOT, '.cache/engine-kill.txt'), `${line}\n`);
});

engineTest(
  title('the action fails soon and says the connection to the engine was lost, then works again after a restart'),
  async () => {
    let killing: Promise<number> | undefined;
    const run = runAction(
      { container: box.id, command: `sh -c '${SCRIPT}'` },
      {
        killAfterMs: 120_000,
        onSpawn: (child) => {
          let seen = '';
          child.stdout?.on('data', (chunk: Buffer) => {
            seen += chunk.toString('utf8');
            if (!killing && seen.includes('ready-42')) {
              killing = killDockerd();
              killing.catch(() => undefined); // awaited below; no unhandled rejection meanwhile
            }
          });
        },
      },
    );
    const result = await run;
    const endedAt = Date.now();
    expect(killing).toBeDefined();
    const killedAt = await (killing as Promise<number>);
    const took = endedAt - killedAt;
    const errors = errorLines(result.stdout);
    outcomes.action = `exit ${result.code ?? result.signal} ${took} ms after the kill, ${errors.length} error line(s): ${(errors[0] ?? '(none)').slice(0, 220)}`;
    expect(result.signal).toBeNull();
    expect(result.code).not.toBe(0);
    expect(took).toBeLessThan(BOUND_MS);
    expect(result.stdout).not.toContain('end-10');
    expect(result.outputs['exit-code']).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /connection to the engine was lost while the command was running|engine became unreachable/,
    );

    await restartEngine();
    const again = await runAction({ container: box.id, command: `sh -c 'echo again-$((1+1))'` });
    expect(again.code).toBe(0);
    expect(again.outputs.stdout).toBe('again-2');
  },
);

engineTest(title('the docker CLI under the same fault (recorded for comparison)'), async () => {
  if (engineDown) await restartEngine();
  const child = spawn('docker', ['exec', box.id, 'sh', '-c', SCRIPT], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let killing: Promise<number> | undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    if (!killing && stdout.includes('ready-42')) {
      killing = killDockerd();
      killing.catch(() => undefined);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const guard = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('close', (c, s) => resolve([c, s])),
  );
  clearTimeout(guard);
  const endedAt = Date.now();
  expect(killing).toBeDefined();
  const killedAt = await (killing as Promise<number>);
  const said = stderr.trim().split('\n').filter(Boolean).pop() ?? '(nothing on stderr)';
  outcomes.cli = `exit ${code ?? signal} ${endedAt - killedAt} ms after the kill, stdout ${stdout.includes('end-10') ? 'complete' : 'cut'}, stderr: ${said.slice(0, 200)}`;
  await restartEngine();
  expect(stdout).not.toContain('end-10');
});
