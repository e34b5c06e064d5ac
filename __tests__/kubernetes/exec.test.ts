// The Kubernetes back end (engine: kubernetes) through the bundle, against a real cluster
// (scripts/kube.sh up): the command run through pods/exec in a container of a pod shaped like
// actions-runner-controller's job pod. Streams and exit codes, env and env-file with Docker's
// rules, workdir, stdin, run scripts (a long one travels as a file), tty, retries, timeout.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { guarded } from '../helpers/action.js';
import {
  createArcPod,
  deleteCreatedPods,
  kubeExec,
  kubeInputs,
  liveProcesses,
  removeScratch,
  runKube,
  scratch,
  theError,
  uniquePodName,
  waitReady,
} from '../helpers/kube.js';

jest.setTimeout(30_000);

let pod: string;
/** Inputs for the pod's busybox container. */
const box = (inputs: Record<string, string>) => kubeInputs(pod, 'busybox', inputs);

beforeAll(async () => {
  pod = await createArcPod(uniquePodName('exec'));
  await waitReady(pod);
}, 90_000);

afterAll(async () => {
  await deleteCreatedPods();
  removeScratch();
});

/** The bytes the container printed to stdout, as the job log shows them (between the guard's markers). */
function guardedBytes(stdout: Buffer): Buffer {
  const text = stdout.toString('latin1');
  const start = /::stop-commands::([0-9a-f]+)\n/.exec(text);
  if (!start) throw new Error('no stop-commands marker');
  const end = text.indexOf(`::${start[1]}::\n`, start.index);
  if (end < 0) throw new Error('no resume marker');
  return stdout.subarray(start.index + start[0].length, end);
}

describe('streams and exit codes', () => {
  test('stdout and stderr arrive apart, exit code 0 succeeds', async () => {
    const run = await runKube(box({ command: `sh -c 'echo to-out; echo to-err >&2'` }));
    expect(run.code).toBe(0);
    expect(run.outputs['exit-code']).toBe('0');
    expect(run.outputs.stdout).toBe('to-out');
    expect(run.outputs.stderr).toBe('to-err');
    expect(run.outputs.attempts).toBe('1');
    expect(guarded(run.stdout).split('\n').sort()).toEqual(['', 'to-err', 'to-out']);
    // The runtime's container ID (docker://<64 hex> without the scheme).
    expect(run.outputs['container-id']).toMatch(/^[0-9a-f]{64}$/);
    expect(run.outputs['exec-id']).toMatch(new RegExp(`^${pod}/busybox/[0-9a-f]+$`));
    expect(run.stdout).toContain(
      `Container: busybox in pod ${pod} (local/busybox:1, running, ready; found as container of the pod)`,
    );
  });

  test('2,000 interleaved lines on each stream stay apart and in order', async () => {
    const run = await runKube(
      box({ command: `sh -c 'i=0; while [ $i -lt 2000 ]; do echo out$i; echo err$i >&2; i=$((i+1)); done'` }),
    );
    expect(run.code).toBe(0);
    const expected = (prefix: string) => Array.from({ length: 2000 }, (_, i) => `${prefix}${i}`).join('\n');
    expect(run.outputs.stdout).toBe(expected('out'));
    expect(run.outputs.stderr).toBe(expected('err'));
  });

  test('bytes that are not text pass byte-exact (\\001 \\377)', async () => {
    const run = await runKube(box({ command: `sh -c 'printf "a\\001\\377b\\000c" | wc -c; printf "x\\001\\377y"'` }));
    expect(run.code).toBe(0);
    // The command's own count of the bytes printf made: the command line arrived intact.
    expect(run.outputs.stdout.startsWith('6\n')).toBe(true);
    // What reached the job log: the raw bytes, \377 not turned into U+FFFD.
    expect(guardedBytes(run.stdoutBytes)).toEqual(Buffer.from('6\nx\x01\xffy\n', 'latin1'));
  });

  test('4 MB of output reaches the log byte-exact (sha256 as the container computed it)', async () => {
    const run = await runKube(
      box({
        command: `sh -c 'head -c 3000000 /dev/urandom | base64 > /tmp/big-$$; cat /tmp/big-$$; wc -c < /tmp/big-$$; sha256sum < /tmp/big-$$; rm /tmp/big-$$'`,
      }),
      { keepStdout: true },
    );
    expect(run.code).toBe(0);
    // The data (base64 lines), then its size and sha256 as the container counted them.
    const lines = guardedBytes(run.stdoutBytes).toString('latin1').split('\n');
    expect(lines.pop()).toBe('');
    const sha = lines.pop();
    const size = lines.pop();
    const shown = Buffer.from(`${lines.join('\n')}\n`, 'latin1');
    expect(Number(size)).toBeGreaterThan(4_000_000);
    expect(shown.length).toBe(Number(size));
    expect(`${createHash('sha256').update(shown).digest('hex')}  -`).toBe(sha);
  });

  test.each([3, 255])('exit code %i fails the step and is an output', async (code) => {
    const run = await runKube(box({ command: `sh -c 'echo failing >&2; exit ${code}'` }));
    expect(run.code).toBe(1);
    expect(run.outputs['exit-code']).toBe(String(code));
    expect(theError(run.stdout)).toBe(
      `::error title=busybox%3A exit code ${code}::command exited with code ${code}%0A%0ALast lines of stderr:%0Afailing`,
    );
  });

  test('fail-on-error: false: a non-zero exit is a warning, the step succeeds', async () => {
    const run = await runKube(box({ command: `sh -c 'exit 3'`, 'fail-on-error': 'false' }));
    expect(run.code).toBe(0);
    expect(run.outputs['exit-code']).toBe('3');
    expect(run.stdout).not.toMatch(/^::error/m);
    expect(run.stdout).toMatch(/^::warning.*exit code 3/m);
  });

  test.each([
    ['KILL', 137],
    ['TERM', 143],
  ])('a command that kills itself with %s: exit code %i, as on Docker', async (signal, code) => {
    const run = await runKube(box({ command: `sh -c 'echo before; kill -${signal} $$'` }));
    expect(run.code).toBe(1);
    expect(run.outputs['exit-code']).toBe(String(code));
    expect(run.outputs.stdout).toBe('before');
  });

  test('workflow-commands: true: stderr goes to the step stderr, commands work, the summary is written', async () => {
    const run = await runKube(
      box({
        command: `sh -c 'echo "$V"; echo to-err >&2; echo ::warning::from-container'`,
        env: 'V=ünï ✓',
        'workflow-commands': 'true',
      }),
    );
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')).toEqual(expect.arrayContaining(['ünï ✓', '::warning::from-container']));
    expect(run.stdout).not.toContain('::stop-commands::');
    expect(run.stderr).toBe('to-err\n');
    expect(run.summary).toContain('busybox');
  });

  test('a command that does not exist: 127, the step fails', async () => {
    const run = await runKube(box({ command: 'no-such-command-here' }));
    expect(run.code).toBe(1);
    expect(run.outputs['exit-code']).toBe('127');
  });

  test('retries: 2 runs a failing command three times', async () => {
    const run = await runKube(box({ command: `sh -c 'echo try; exit 4'`, retries: '2', 'retry-delay': '100ms' }));
    expect(run.code).toBe(1);
    expect(run.outputs.attempts).toBe('3');
    expect(run.outputs['exit-code']).toBe('4');
  });
});

describe('env, env-file, workdir', () => {
  test("KEY=VALUE sets, a bare KEY takes the step's value, a bare KEY absent from the step's env is removed", async () => {
    const run = await runKube(
      box({
        command: `sh -c 'echo "$SET|$FROM_STEP|\${HOME-unset}|\${PATH-unset}|$SPACED"'`,
        env: 'SET=a=b\nFROM_STEP\nHOME\nSPACED=x  y "z"',
      }),
      { env: { FROM_STEP: 'step value' }, without: ['HOME'] },
    );
    expect(run.code).toBe(0);
    // HOME is in the container's environment (busybox sets it); env -u removes it.
    expect(run.outputs.stdout).toBe('a=b|step value|unset|/bin|x  y "z"');
  });

  test("the container's own environment is kept, and a removed PATH is really gone", async () => {
    const kept = await runKube(box({ command: `sh -c 'echo "$HOME|$PATH"'` }));
    expect(kept.outputs.stdout).toBe('/root|/bin');
    // Read with env itself: a shell would put its own default PATH in.
    const removed = await runKube(box({ command: 'env', env: 'PATH' }), { without: ['PATH'] });
    expect(removed.code).toBe(0);
    const names = removed.outputs.stdout.split('\n').map((line) => line.slice(0, line.indexOf('=')));
    expect(names).toContain('HOME');
    expect(names).not.toContain('PATH');
  });

  test('env-file entries with Docker rules, env wins over the file', async () => {
    const workspace = scratch();
    writeFileSync(
      path.join(workspace, 'vars.env'),
      '# comment\nFILE_ONE=1\nBOTH=from-file\nFILE_BARE\n\nQUOTED="kept quotes"\n',
    );
    const run = await runKube(
      box({
        command: `sh -c 'echo "$FILE_ONE|$BOTH|$FILE_BARE|$QUOTED"'`,
        'env-file': 'vars.env',
        env: 'BOTH=from-env',
      }),
      { workspace, env: { FILE_BARE: 'bare from step' } },
    );
    expect(run.code).toBe(0);
    expect(run.outputs.stdout).toBe('1|from-env|bare from step|"kept quotes"');
  });

  test('workdir: the command runs there', async () => {
    const run = await runKube(box({ command: 'pwd', workdir: '/etc' }));
    expect(run.code).toBe(0);
    expect(run.outputs.stdout).toBe('/etc');
    expect(run.stdout).toContain('Workdir:   /etc');
  });

  test('a workdir that does not exist: exit code 127, the step fails', async () => {
    const run = await runKube(box({ command: 'pwd', workdir: '/no/such/dir' }));
    expect(run.code).toBe(1);
    expect(run.outputs['exit-code']).toBe('127');
    expect(run.outputs.stdout).toBe('');
    expect(theError(run.stdout)).toMatch(/^::error title=busybox%3A exit code 127::command exited with code 127/);
  });
});

describe('stdin', () => {
  test('stdin-file with a workdir that does not exist: 127 at once, no hang', async () => {
    const workspace = scratch();
    writeFileSync(path.join(workspace, 'input.bin'), randomBytes(3 * 1024 * 1024));
    // A hang would last until the kill: 45 s, room for a loaded machine, well short of forever.
    const run = await runKube(box({ command: 'cat', workdir: '/no/such/dir', 'stdin-file': 'input.bin' }), {
      workspace,
      killAfterMs: 45_000,
    });
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    expect(run.outputs['exit-code']).toBe('127');
    expect(run.outputs.stdout).toBe('');
  }, 60_000);

  test('stdin text reaches the command, which then sees end-of-file', async () => {
    const run = await runKube(box({ command: `sh -c 'cat; echo "[eof]"'`, stdin: 'line one\nline two ✓' }));
    expect(run.code).toBe(0);
    expect(run.outputs.stdout).toBe('line one\nline two ✓[eof]');
  });

  test('stdin-file of 3 MiB: exact size and sha256 in the container, and end-of-file', async () => {
    const workspace = scratch();
    const data = randomBytes(3 * 1024 * 1024);
    writeFileSync(path.join(workspace, 'input.bin'), data);
    const run = await runKube(
      box({
        command: `sh -c 'tee /tmp/in-$$ | wc -c; sha256sum < /tmp/in-$$; rm /tmp/in-$$'`,
        'stdin-file': 'input.bin',
      }),
      { workspace },
    );
    expect(run.code).toBe(0);
    const [size, sha] = run.outputs.stdout.split('\n');
    expect(size.trim()).toBe(String(data.length));
    expect(sha).toBe(`${createHash('sha256').update(data).digest('hex')}  -`);
  });

  test('an empty stdin-file: the command sees end-of-file at once', async () => {
    const workspace = scratch();
    writeFileSync(path.join(workspace, 'empty'), '');
    const run = await runKube(box({ command: `sh -c 'wc -c; echo done'`, 'stdin-file': 'empty' }), { workspace });
    expect(run.code).toBe(0);
    expect(run.outputs.stdout).toBe('0\ndone');
  });

  test('stdin with workdir and env together, and the exit code of the command (not of the feeder)', async () => {
    const run = await runKube(
      box({ command: `sh -c 'read x; echo "$x $(pwd) $V"; exit 5'`, stdin: 'hello\n', workdir: '/tmp', env: 'V=v' }),
    );
    expect(run.outputs.stdout).toBe('hello /tmp v');
    expect(run.outputs['exit-code']).toBe('5');
  });

  test('a command that does not read its stdin still ends with its own exit code', async () => {
    const workspace = scratch();
    writeFileSync(path.join(workspace, 'input.bin'), randomBytes(1024 * 1024));
    const run = await runKube(box({ command: `sh -c 'echo ignored'`, 'stdin-file': 'input.bin' }), { workspace });
    expect(run.code).toBe(0);
    expect(run.outputs.stdout).toBe('ignored');
    expect(run.outputs['exit-code']).toBe('0');
  });
});

describe('run scripts', () => {
  test('a multi-line script runs with sh -e (stops at the first failure)', async () => {
    const run = await runKube(box({ run: 'echo one\nx=two\necho "$x" >&2\nfalse\necho never' }));
    expect(run.code).toBe(1);
    expect(run.outputs.stdout).toBe('one');
    expect(run.outputs.stderr).toBe('two');
    expect(run.outputs['exit-code']).toBe('1');
  });

  test('a script over 100 KiB travels as a file in /tmp, removed afterwards', async () => {
    const filler = Array.from({ length: 2800 }, (_, i) => `x=${i} # ${'p'.repeat(30)}`).join('\n');
    const script = `echo start\n${filler}\necho "end $x"\nls /tmp | grep -c docker-exec-action- || true\n`;
    expect(Buffer.byteLength(script)).toBeGreaterThan(100 * 1024);
    const run = await runKube(box({ run: script }));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Command: {3}sh -e \/tmp\/docker-exec-action-[0-9a-f]+ <script: 2803 line\(s\)/);
    // While it ran, its file was there; afterwards it is gone.
    expect(run.outputs.stdout).toBe('start\nend 2799\n1');
    const { stdout } = await kubeExec(pod, 'busybox', ['ls', '/tmp']);
    expect(stdout.split('\n').filter((f) => f.startsWith('docker-exec-action-'))).toEqual([]);
  });

  test('shell with {0}: even a short script is a file, removed afterwards, also when the script fails', async () => {
    const run = await runKube(box({ run: 'echo "$0"\nexit 6', shell: 'sh {0}' }));
    expect(run.outputs['exit-code']).toBe('6');
    expect(run.outputs.stdout).toMatch(/^\/tmp\/docker-exec-action-[0-9a-f]+$/);
    const { stdout } = await kubeExec(pod, 'busybox', ['ls', '/tmp']);
    expect(stdout.split('\n').filter((f) => f.startsWith('docker-exec-action-'))).toEqual([]);
  });
});

describe('tty', () => {
  test('tty: true merges stderr into stdout, with a terminal', async () => {
    const run = await runKube(
      box({ command: `sh -c 'echo to-out; echo to-err >&2; [ -t 1 ] && echo "tty $TERM"'`, tty: 'true' }),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('TTY:       yes (stderr merged into stdout)');
    // A terminal turns \n into \r\n.
    expect(run.outputs.stdout.replace(/\r/g, '')).toBe('to-out\nto-err\ntty xterm');
    expect(run.outputs.stderr).toBe('');
  });
});

describe('timeout and cancellation stop the command in the container', () => {
  // The trailing echo keeps sh as the parent of sleep: both must be stopped.
  const sleeper = (tag: string) => `sh -c 'echo started-${tag}; sleep 60; echo not-stopped-${tag}'`;
  const tagged = () => randomBytes(4).toString('hex');

  test('timeout: 2s stops sh and its sleep 60; nothing of it is left in the container', async () => {
    const tag = tagged();
    const started = Date.now();
    const run = await runKube(box({ command: sleeper(tag), timeout: '2s' }));
    expect(Date.now() - started).toBeLessThan(8000);
    expect(run.code).toBe(1);
    expect(theError(run.stdout)).toMatch(/::timed out after 2s: the command was stopped/);
    expect(run.stdout).toMatch(/Stopping the command: sent TERM to 2 process\(es\)/);
    expect(run.outputs['exit-code']).toBe('143');
    expect(run.outputs.stdout).toBe(`started-${tag}`);
    expect(await liveProcesses(pod, 'busybox', /sleep 60/)).toEqual([]);
    expect(await liveProcesses(pod, 'busybox', new RegExp(tag))).toEqual([]);
  });

  test('timeout: a command that ignores TERM gets KILL after the grace period, its background child too', async () => {
    const tag = tagged();
    const run = await runKube(
      box({ run: `trap '' TERM\necho started-${tag}\nsleep 61 &\nsleep 62\necho not-stopped-${tag}`, timeout: '1s' }),
    );
    expect(run.code).toBe(1);
    expect(theError(run.stdout)).toMatch(/::timed out after 1s: the command was stopped/);
    expect(run.stdout).toMatch(/sent TERM to 3 process\(es\), then KILL to 3 after 2s/);
    expect(run.outputs['exit-code']).toBe('137');
    expect(run.outputs.stdout).toBe(`started-${tag}`);
    expect(await liveProcesses(pod, 'busybox', /sleep 6[12]|docker-exec-action/)).toEqual([]);
  });

  test('timeout with stdin: the command and what feeds its input are stopped', async () => {
    const run = await runKube(box({ command: `sh -c 'sleep 63; echo not-stopped'`, stdin: 'x', timeout: '2s' }));
    expect(run.code).toBe(1);
    expect(theError(run.stdout)).toMatch(/::timed out after 2s: the command was stopped/);
    expect(await liveProcesses(pod, 'busybox', /sleep 63|head -c/)).toEqual([]);
  });

  test('SIGINT to the action (the runner cancelling): stops the command, exits non-zero in time', async () => {
    const tag = tagged();
    let signalledAt = 0;
    let closedAt = 0;
    const cancel = (child: ChildProcess) => {
      let seen = '';
      child.stdout?.on('data', (b: Buffer) => {
        seen += b.toString();
        if (signalledAt || !seen.includes(`started-${tag}\n`)) return;
        signalledAt = Date.now();
        child.kill('SIGINT');
      });
      child.on('close', () => (closedAt = Date.now()));
    };
    const run = await runKube(box({ command: sleeper(tag) }), { onSpawn: cancel, killAfterMs: 20_000 });
    expect(signalledAt).toBeGreaterThan(0);
    expect(run.signal).toBeNull();
    expect(run.code).not.toBe(0);
    expect(closedAt - signalledAt).toBeLessThan(7500);
    expect(run.stdout).toContain('cancelled (SIGINT): the command was stopped');
    expect(run.outputs['exit-code']).toBe('143');
    expect(run.outputs.stdout).toBe(`started-${tag}`);
    expect(await liveProcesses(pod, 'busybox', new RegExp(`sleep 60|${tag}`))).toEqual([]);
  });
});
