// Faults and fidelity: the action never reports what it did not see. A fault-injecting proxy
// in front of the real engine, real faults (container killed or removed mid-command), and
// byte-exact output under load.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { runAction } from '../helpers/action.js';
import {
  cli,
  engineExitCode,
  engineVersion,
  removeStartedContainers,
  startContainer,
  type TestContainer,
} from '../helpers/docker.js';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';

jest.setTimeout(60_000);

let box: TestContainer;
let proxy: FaultProxy;

beforeAll(async () => {
  box = await startContainer();
  proxy = await startFaultProxy();
});
afterAll(async () => {
  await proxy.close();
  await removeStartedContainers();
});

/** The container's bytes in the log: between the guard's markers (one newline may be added). */
function guardedBytes(stdout: Buffer): Buffer {
  const text = stdout.toString('latin1');
  const start = /::stop-commands::([0-9a-f]+)\n/.exec(text);
  if (!start) throw new Error('no stop-commands marker');
  const end = text.lastIndexOf(`::${start[1]}::\n`);
  return stdout.subarray(start.index + start[0].length, end);
}

function errorLines(stdout: string): string[] {
  return stdout.split('\n').filter((l) => l.startsWith('::error'));
}

describe('engine faults through the proxy: the step fails and says what happened', () => {
  test.each([
    [
      'inspect-running-forever',
      /exit status unknown: the output ended but the engine still reports the command as running/,
    ],
    ['inspect-no-exit-code', /exit status unknown: the engine reports no exit code/],
  ] as const)('%s, command exits 3', async (kind, message) => {
    proxy.setFault({ kind });
    const started = Date.now();
    const run = await runAction(
      { container: box.id, command: `sh -c 'echo out; exit 3'` },
      { env: { DOCKER_HOST: proxy.dockerHost } },
    );
    proxy.setFault({ kind: 'none' });
    expect(run.code).toBe(1);
    expect(run.outputs['exit-code']).toBeUndefined();
    expect(run.stdout).toMatch(message);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  test('output stream cut after 1000 bytes while the command runs', async () => {
    proxy.setFault({ kind: 'cut-stream', afterBytes: 1000 });
    const run = await runAction(
      { container: box.id, command: `sh -c 'for i in $(seq 1 300); do echo line-$i; done; sleep 1; exit 5'` },
      { env: { DOCKER_HOST: proxy.dockerHost } },
    );
    proxy.setFault({ kind: 'none' });
    expect(run.code).toBe(1);
    expect(errorLines(run.stdout).join('\n')).toMatch(/output stream cut|connection to the engine (lost|closed)/);
    expect(run.stdout).not.toContain('line-300');
  });

  test('output cut between two frames while the command runs: not reported as its exit code', async () => {
    // The stream ends cleanly after "first"; the command runs on and exits 0. What the engine
    // records then depends on the engine: Docker 20.10 and 26.1 fail the command's next write
    // and record 126 for the exec; Docker 28.5 drains the output nobody reads, so the command
    // exits 0 and the engine records that. Either way "second" is lost: the step fails.
    proxy.setFault({ kind: 'cut-stream-at-frame', afterFrames: 1 });
    const run = await runAction(
      { container: box.id, command: `sh -c 'echo first; sleep 1; echo second; exit 0'` },
      { env: { DOCKER_HOST: proxy.dockerHost } },
    );
    proxy.setFault({ kind: 'none' });
    const execId = run.outputs['exec-id'];
    expect({ execId, outputs: run.outputs }).toMatchObject({ execId: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(run.outputs.stdout).toBe('first');
    expect(run.stdout).not.toMatch(/exited with code 126|Exit code 126/);
    expect(run.code).toBe(1);
    if ((await engineVersion()).atLeast(28, 0)) {
      expect(await engineExitCode(execId)).toBe(0);
      // The command's own exit code, which the engine knows, is reported; the step fails all
      // the same, since what it printed after "first" never arrived.
      expect(run.outputs['exit-code']).toBe('0');
      expect(errorLines(run.stdout)).toEqual([
        expect.stringMatching(
          /^::error title=.*exit code 0::the connection to the command's output was lost while the command was still running \(the output ended, then the command exited with code 0\): what it printed after that is missing/,
        ),
      ]);
      return;
    }
    expect(await engineExitCode(execId)).toBe(126);
    expect(run.code).toBe(1);
    expect(run.outputs['exit-code']).toBeUndefined();
    expect(errorLines(run.stdout)).toEqual([
      expect.stringMatching(
        /^::error title=.*exit status unknown::the connection to the command's output was lost while the command was still running \(the output ended, then the engine recorded exit code 126 for output it could not deliver\): exit status unknown/,
      ),
    ]);
    expect(run.stdout).toContain('Exit code unknown');
  });

  test.each([
    [
      'container-inspect',
      'State.Running',
      'the container inspect without the field State.Running (boolean expected, got nothing)',
    ],
    ['exec-inspect', 'ExitCode', 'the exec inspect without the field ExitCode (number|null expected, got nothing)'],
  ] as const)('an API that dropped %s %s: one line naming the field, no crash', async (route, field, named) => {
    proxy.setFault({ kind: 'drop-field', route, field });
    const run = await runAction({ container: box.id, command: 'true' }, { env: { DOCKER_HOST: proxy.dockerHost } });
    proxy.setFault({ kind: 'none' });
    expect(run.code).toBe(1);
    expect(errorLines(run.stdout)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^::error::the engine \\(Docker [^)]*\\) answered ${named.replace(/[()|]/g, '\\$&')}: its API answers in a form this action does not read$`,
        ),
      ),
    ]);
    expect(run.stdout).not.toMatch(/TypeError|unexpected error/);
  });

  test('engine answers 500 to exec create', async () => {
    proxy.setFault({ kind: 'exec-create-500', message: 'injected: no exec for you' });
    const run = await runAction({ container: box.id, command: 'true' }, { env: { DOCKER_HOST: proxy.dockerHost } });
    proxy.setFault({ kind: 'none' });
    expect(run.code).toBe(1);
    expect(errorLines(run.stdout)).toEqual(['::error::injected: no exec for you']);
  });

  test('slow engine (400 ms per call): still correct', async () => {
    proxy.setFault({ kind: 'slow', delayMs: 400 });
    const run = await runAction(
      { container: box.id, command: `sh -c 'echo slow-ok; exit 2'` },
      { env: { DOCKER_HOST: proxy.dockerHost } },
    );
    proxy.setFault({ kind: 'none' });
    expect(run.code).toBe(1);
    expect(run.outputs['exit-code']).toBe('2');
    expect(run.outputs.stdout).toBe('slow-ok');
  });
});

describe('real faults while the command runs', () => {
  test('the container is killed', async () => {
    const victim = await startContainer();
    const run = runAction({ container: victim.id, command: `sh -c 'echo started; sleep 30; exit 0'` });
    await new Promise((r) => setTimeout(r, 1500));
    await cli(['kill', victim.id]);
    const result = await run;
    expect(result.code).toBe(1);
    expect(errorLines(result.stdout).join('\n')).toMatch(/container stopped while the command was running/);
  });

  test('the container is removed', async () => {
    const victim = await startContainer();
    const run = runAction({ container: victim.id, command: `sh -c 'echo started; sleep 30; exit 0'` });
    await new Promise((r) => setTimeout(r, 1500));
    await cli(['rm', '-f', victim.id]);
    const result = await run;
    expect(result.code).toBe(1);
    expect(errorLines(result.stdout).join('\n')).toMatch(
      /container (was removed|stopped) while the command was running/,
    );
  });
});

describe('fidelity', () => {
  test('8 MiB of random bytes arrive byte for byte', async () => {
    const { stdout: sum } = await box.exec([
      'sh',
      '-c',
      'head -c 8388608 /dev/urandom > /tmp/random.bin && sha256sum /tmp/random.bin',
    ]);
    const run = await runAction({ container: box.id, command: 'cat /tmp/random.bin' });
    expect(run.code).toBe(0);
    let bytes = guardedBytes(run.stdoutBytes);
    const expected = sum.split(' ')[0];
    if (bytes.length === 8 * 1024 * 1024 + 1) bytes = bytes.subarray(0, -1); // the guard's newline
    expect(bytes.length).toBe(8 * 1024 * 1024);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(expected);
  });

  test('multibyte UTF-8 split across frames is never broken', async () => {
    // Each printf is its own write, so each byte of é (2), € (3) and 🐘 (4) is its own frame.
    const pieces = ['\\303', '\\251', '\\342', '\\202', '\\254', '\\360', '\\237', '\\220', '\\230'];
    const run = await runAction({
      container: box.id,
      command:
        ['sh', '-c', pieces.map((p) => `printf '${p}'; sleep 0.02`).join('; ')].join(' ') === ''
          ? ''
          : JSON.stringify(['sh', '-c', pieces.map((p) => `printf '${p}'; sleep 0.02`).join('; ')]),
    });
    expect(run.code).toBe(0);
    expect(guardedBytes(run.stdoutBytes).toString('utf8')).toBe('é€🐘\n');
    expect(run.outputs.stdout).toBe('é€🐘');
  });

  test('sixteen runs at once each get exactly their own output and exit code', async () => {
    const runs = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        runAction({
          container: box.id,
          command: `sh -c 'for n in $(seq 1 2000); do echo run-${i}-$n; done; exit ${i + 1}'`,
        }),
      ),
    );
    runs.forEach((run, i) => {
      expect(run.outputs['exit-code']).toBe(String(i + 1));
      const lines = run.outputs.stdout.split('\n');
      expect(lines).toHaveLength(2000);
      expect(lines.every((l, n) => l === `run-${i}-${n + 1}`)).toBe(true);
    });
  });

  test('stdin of a random 20 MiB file arrives exactly', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const workspace = mkdtempSync(path.join(tmpdir(), 'dea-stdin-'));
    const data = randomBytes(20 * 1024 * 1024);
    writeFileSync(path.join(workspace, 'in.bin'), data);
    const run = await runAction({ container: box.id, command: 'sha256sum', 'stdin-file': 'in.bin' }, { workspace });
    expect(run.code).toBe(0);
    expect(run.outputs.stdout.split(' ')[0]).toBe(createHash('sha256').update(data).digest('hex'));
  });
});
