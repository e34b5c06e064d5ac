// The fault-injecting Engine API proxy, driven with the docker CLI: everything passes
// through untouched without a fault, and each fault gives the CLI outcome printed below (one
// line per fault, for the project's notes).
import { describe, expect, test, beforeAll, afterAll } from '@jest/globals';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  cli,
  engineExecInspect,
  engineExitCode,
  removeStartedContainers,
  startContainer,
  type CliResult,
  type TestContainer,
} from '../helpers/docker.js';
import { startFaultProxy, DEFAULT_EXEC_CREATE_MESSAGE, type Fault, type FaultProxy } from '../helpers/fault-proxy.js';

let proxy: FaultProxy;
let container: TestContainer;

beforeAll(async () => {
  container = await startContainer();
  proxy = await startFaultProxy();
}, 60_000);

afterAll(async () => {
  await proxy?.close();
  await removeStartedContainers();
});

/** `docker exec` through the proxy with the given fault. */
async function execThrough(fault: Fault, args: string[], input?: Buffer): Promise<CliResult & { ms: number }> {
  proxy.setFault(fault);
  proxy.requests.length = 0;
  const started = Date.now();
  try {
    const result = await cli(['exec', ...args], { env: { DOCKER_HOST: proxy.dockerHost }, allowFailure: true, input });
    return { ...result, ms: Date.now() - started };
  } finally {
    proxy.setFault({ kind: 'none' });
  }
}

/** The exec id the CLI started through the proxy (from the recorded requests). */
function startedExecId(): string {
  const ids = proxy.requests.map((r) => /^POST (?:\/v[\d.]+)?\/exec\/([0-9a-f]+)\/start/.exec(r)?.[1]).filter(Boolean);
  expect(ids).toHaveLength(1);
  return ids[0] as string;
}

function note(fault: string, r: CliResult & { ms: number }, extra = ''): void {
  const stderr = r.stderr.trim().replace(/\s+/g, ' ');
  console.log(`fault-proxy ${fault}: docker exec exit=${r.code} stderr=${JSON.stringify(stderr)} ${extra}(${r.ms} ms)`);
}

describe('pass-through (no fault)', () => {
  test('exit code and both streams', async () => {
    const r = await execThrough({ kind: 'none' }, [container.id, 'sh', '-c', 'echo out; echo err >&2; exit 3']);
    expect(r).toMatchObject({ code: 3, stdout: 'out\n', stderr: 'err\n' });
    // It really went through the proxy: create, start (upgraded) and inspect, version-prefixed.
    expect(proxy.requests).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^POST \/v[\d.]+\/containers\/[0-9a-f]+\/exec$/),
        expect.stringMatching(/^POST \/v[\d.]+\/exec\/[0-9a-f]+\/start$/),
        expect.stringMatching(/^GET \/v[\d.]+\/exec\/[0-9a-f]+\/json$/),
      ]),
    );
  });

  test('5 MiB of stdin, then a half-close, and the output that follows', async () => {
    const input = randomBytes(5 * 1024 * 1024);
    const r = await execThrough({ kind: 'none' }, ['-i', container.id, 'sha256sum'], input);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(`${createHash('sha256').update(input).digest('hex')}  -`);
    startedExecId();
  }, 30_000);

  test('50 MiB of output arrives whole', async () => {
    // Counted from the CLI's stdout directly: @actions/exec's line splitting is quadratic on
    // output without newlines (20+ s for 50 MiB of NULs).
    proxy.requests.length = 0;
    const child = spawn('docker', ['exec', container.id, 'head', '-c', '52428800', '/dev/zero'], {
      env: { ...process.env, DOCKER_HOST: proxy.dockerHost },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let bytes = 0;
    let nonZero = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (chunk.some((b) => b !== 0)) nonZero++;
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect({ code, bytes, nonZero }).toEqual({ code: 0, bytes: 52428800, nonZero: 0 });
    startedExecId();
  }, 30_000);
});

describe('faults (the docker CLI outcome is printed for the notes)', () => {
  const exit3 = ['sh', '-c', 'echo out; exit 3'];

  test('inspect-running-forever: the CLI turns the unknown status into exit 0', async () => {
    const r = await execThrough({ kind: 'inspect-running-forever' }, [container.id, ...exit3]);
    const real = await engineExitCode(startedExecId());
    note('inspect-running-forever', r, `engine ExitCode=${real} `);
    expect(real).toBe(3);
    expect(r.stdout).toBe('out\n');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  }, 20_000);

  test('inspect-no-exit-code: the CLI turns the unknown status into exit 0', async () => {
    const r = await execThrough({ kind: 'inspect-no-exit-code' }, [container.id, ...exit3]);
    const real = await engineExitCode(startedExecId());
    note('inspect-no-exit-code', r, `engine ExitCode=${real} `);
    expect(real).toBe(3);
    expect(r.stdout).toBe('out\n');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  }, 20_000);

  test('cut-stream after 1000 bytes: output truncated, the command keeps running', async () => {
    const marker = `/tmp/cut-finished-${randomBytes(4).toString('hex')}`;
    const script = `for i in $(seq 1 200); do echo "line $i of the endless output"; usleep 5000; done; touch ${marker}; exit 5`;
    const r = await execThrough({ kind: 'cut-stream', afterBytes: 1000 }, [container.id, 'sh', '-c', script]);
    const id = startedExecId();
    const atReturn = await engineExecInspect(id);
    const markerAtReturn = (await container.exec(['test', '-e', marker], { allowFailure: true })).code === 0;
    const real = await engineExitCode(id);
    const markerLater = (await container.exec(['test', '-e', marker], { allowFailure: true })).code === 0;
    note(
      'cut-stream@1000',
      r,
      `stdout=${r.stdout.length}B engine at CLI exit Running=${atReturn.Running}, final ExitCode=${real} `,
    );
    // 1000 stream bytes, of which 8 per frame are headers: less than 1000 bytes of output.
    expect(r.stdout.length).toBeGreaterThan(0);
    expect(r.stdout.length).toBeLessThan(1000);
    expect(r.stdout.startsWith('line 1 of the endless output\n')).toBe(true);
    expect(r.stdout).not.toContain('line 200 ');
    // The CLI exits at once while the command still runs, and it runs to its end.
    expect(atReturn).toMatchObject({ Running: true, ExitCode: null });
    expect(markerAtReturn).toBe(false);
    expect(markerLater).toBe(true);
    // The engine's record: Docker 20.10 fails the exec's attach (its output had nowhere to go)
    // and records 126 instead of the command's 5; newer engines may record 5.
    expect([5, 126]).toContain(real);
    // The CLI read Running: true / ExitCode: null and reported success.
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  }, 20_000);

  test('exec-create-500: the CLI shows the message and fails', async () => {
    const r = await execThrough({ kind: 'exec-create-500' }, [container.id, 'echo', 'never']);
    note('exec-create-500', r);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe(`Error response from daemon: ${DEFAULT_EXEC_CREATE_MESSAGE}`);
    expect(proxy.requests.some((q) => /\/exec\/[^/]+\/start/.test(q))).toBe(false);
  }, 20_000);

  test('exec-create-500 with a custom message', async () => {
    const r = await execThrough({ kind: 'exec-create-500', message: 'disk on fire' }, [container.id, 'true']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('disk on fire');
  }, 20_000);

  test('slow 1500 ms: the exec still works, only later', async () => {
    const r = await execThrough({ kind: 'slow', delayMs: 1500 }, [container.id, 'sh', '-c', 'echo slow-ok; exit 2']);
    note('slow@1500ms', r, `requests=${proxy.requests.length} `);
    expect(r).toMatchObject({ code: 2, stdout: 'slow-ok\n', stderr: '' });
    expect(proxy.requests.length).toBeGreaterThanOrEqual(4); // ping, container inspect, exec create, start, inspect
    expect(r.ms).toBeGreaterThanOrEqual(1500 * proxy.requests.length);
  }, 30_000);
});
