// Issue 3 through the bundle, against the real engine: run scripts and shells, stdin (text and
// file, half-closed after the last byte), TTY, detach, fail-on-error and the step outputs.
// With DEA_BIG=1, 1 GiB through stdin-file and through stdout, measuring the action's peak RSS.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, openSync, closeSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OUTPUT_LIMIT } from '../../src/report/result.js';
import { guarded, measuredRun, node24Path, runAction } from '../helpers/action.js';
import {
  engineGet,
  execStartFailure,
  processesMatching,
  removeStartedContainers,
  startContainer,
  type TestContainer,
} from '../helpers/docker.js';

let box: TestContainer;
/** Temporary folders this file made, removed at the end. */
const scratch: string[] = [];
function scratchDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

beforeAll(async () => {
  box = await startContainer();
}, 60_000);
afterAll(async () => {
  await removeStartedContainers();
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function lines(text: string, prefix: string): string[] {
  return text.split('\n').filter((l) => l.startsWith(prefix));
}

interface ExecInspect {
  ContainerID: string;
  Running: boolean;
  ExitCode: number | null;
  OpenStdin: boolean;
  ProcessConfig: { entrypoint: string; arguments: string[]; tty: boolean };
}

/** What the engine recorded for an exec (argv, stdin attached, tty), read over its socket. */
function inspectExec(execId: string): Promise<ExecInspect> {
  return engineGet<ExecInspect>(`/exec/${execId}/json`);
}

async function argv(execId: string): Promise<string[]> {
  const exec = await inspectExec(execId);
  return [exec.ProcessConfig.entrypoint, ...exec.ProcessConfig.arguments];
}

async function scriptFilesLeft(): Promise<string[]> {
  const { stdout } = await box.exec(['ls', '-a', '/tmp']);
  return stdout.split('\n').filter((name) => name.startsWith('docker-exec-action-'));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The runner hands inputs to the action as INPUT_* environment variables, and Linux refuses
 * one over 128 KiB (MAX_ARG_STRLEN, counting "INPUT_RUN=" and the NUL): spawn fails E2BIG.
 * Larger inputs are given here the only other way, by a preload that reads INPUT_<NAME> from
 * the file named by DEA_FILE_INPUT_<NAME> before the bundle runs (a `node` wrapper).
 */
const RUNNER_INPUT_LIMIT = 128 * 1024 - 'INPUT_RUN='.length - 1;
let nodeWrapper: string | undefined;
function nodeReadingInputFiles(): string {
  if (nodeWrapper) return nodeWrapper;
  const dir = scratchDir('dea-ss-node-');
  const preload = path.join(dir, 'inputs-from-files.mjs');
  writeFileSync(
    preload,
    "import { readFileSync } from 'node:fs';\n" +
      'for (const [key, file] of Object.entries(process.env)) {\n' +
      "  if (key.startsWith('DEA_FILE_INPUT_')) process.env[`INPUT_${key.slice(15)}`] = readFileSync(file, 'utf8');\n" +
      '}\n',
  );
  const wrapper = path.join(dir, 'node');
  writeFileSync(wrapper, `#!/bin/sh\nexec '${node24Path()}' --import '${preload}' "$@"\n`, { mode: 0o755 });
  nodeWrapper = wrapper;
  return wrapper;
}

/** Runs the action with a `run` too large for the environment (see nodeReadingInputFiles). */
async function runLargeScript(inputs: Record<string, string>, script: string, options: { killAfterMs?: number } = {}) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'dea-ss-script-')), 'script');
  writeFileSync(file, script);
  try {
    return await runAction(
      { ...inputs, run: 'echo the preload did not replace this' },
      { ...options, node: nodeReadingInputFiles(), env: { DEA_FILE_INPUT_RUN: file } },
    );
  } finally {
    rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

describe('command or run: exactly one, and other input conflicts', () => {
  // Over the 96 KiB argument limit, under the runner's 128 KiB limit for one input.
  const bigScript = `# ${'x'.repeat(100 * 1024)}\ntrue\n`;
  const workspace = scratchDir('dea-ss-bad-');
  writeFileSync(path.join(workspace, 'in.txt'), 'x');
  test.each([
    [
      'both command and run',
      { command: 'true', run: 'true' },
      "Input 'run': command and run were both given: give exactly one",
    ],
    ['neither', {}, "Input 'command': no command given: set command (one command line) or run (a script)"],
    ['a blank run', { run: '  \n\n' }, "Input 'command': no command given"],
    ['a shell with a bad quote', { run: 'true', shell: `sh '-c` }, "Input 'shell': unbalanced ' quote"],
    [
      'a 100 KiB script as an argument',
      { run: bigScript, shell: 'bash -c' },
      `Input 'run': the script is ${bigScript.length} bytes, too large to pass as an argument: put {0} in shell`,
    ],
    [
      'stdin and stdin-file',
      { command: 'cat', stdin: 'x', 'stdin-file': 'in.txt' },
      "Input 'stdin-file': stdin and stdin-file were both given: give at most one",
    ],
    [
      'a missing stdin-file',
      { command: 'cat', 'stdin-file': 'missing.txt' },
      "Input 'stdin-file': file missing.txt does not exist",
    ],
    [
      'detach with stdin',
      { command: 'cat', detach: 'true', stdin: 'x' },
      "Input 'detach': a detached command cannot be given stdin or stdin-file",
    ],
    // The engine closes a TTY command's output when its input ends (moby's attach code).
    [
      'tty with stdin',
      { command: 'cat', tty: 'true', stdin: 'x\n' },
      "Input 'tty': a TTY cannot be combined with stdin or stdin-file",
    ],
    [
      'tty with stdin-file',
      { command: 'cat', tty: 'true', 'stdin-file': 'in.txt' },
      "Input 'tty': a TTY cannot be combined with stdin or stdin-file",
    ],
    ['tty maybe', { command: 'true', tty: 'maybe' }, "Input 'tty': 'maybe' is not a boolean: use true or false"],
    ['detach on', { command: 'true', detach: 'on' }, "Input 'detach': 'on' is not a boolean: use true or false"],
    [
      'fail-on-error no',
      { command: 'true', 'fail-on-error': 'no' },
      "Input 'fail-on-error': 'no' is not a boolean: use true or false",
    ],
  ])(
    '%s',
    async (_label, inputs, message) => {
      const run = await runAction({ container: box.name, ...inputs }, { workspace });
      expect(run.code).toBe(1);
      const errors = lines(run.stdout, '::error');
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain(`::error::${message}`);
      expect(run.outputs['exec-id']).toBeUndefined();
      expect(run.stdout).not.toMatch(/\n\s+at /);
    },
    30_000,
  );
});

describe('run and shell', () => {
  test('shell sh is sh -e: stops at the first failing command', async () => {
    const script = 'echo before\nfalse\necho not-reached\n';
    const run = await runAction({ container: box.name, run: script });
    expect(run.code).toBe(1);
    expect(run.outputs['exit-code']).toBe('1');
    expect(guarded(run.stdout)).toBe('before\n');
    expect(await argv(run.outputs['exec-id'])).toEqual(['sh', '-e', '-c', script]);
    expect(run.stdout).toContain(`Command:   sh -e -c <script: 3 line(s), ${script.length} bytes>\n`);
  }, 30_000);

  test('shell bash adds --noprofile --norc -e -o pipefail: a failing pipe stops it, sh lets it pass', async () => {
    const script = 'false | true\necho not-reached\n';
    const bash = await runAction({ container: box.name, run: script, shell: 'bash' });
    expect(bash.code).toBe(1);
    expect(bash.outputs['exit-code']).toBe('1');
    expect(guarded(bash.stdout)).toBe('');
    expect(await argv(bash.outputs['exec-id'])).toEqual([
      'bash',
      '--noprofile',
      '--norc',
      '-e',
      '-o',
      'pipefail',
      '-c',
      script,
    ]);
    expect(bash.stdout).toContain(
      'Command:   bash --noprofile --norc -e -o pipefail -c <script: 2 line(s), 30 bytes>\n',
    );
    // Without pipefail the pipe's status is the last command's: sh goes on.
    const sh = await runAction({ container: box.name, run: script, shell: 'sh' });
    expect(sh.code).toBe(0);
    expect(guarded(sh.stdout)).toBe('not-reached\n');
  }, 30_000);

  test('a custom shell with {0} gets the path of a file holding the script, removed afterwards', async () => {
    const script = 'echo traced-line\nexit 0\n';
    const run = await runAction({ container: box.name, run: script, shell: 'sh -x {0}', 'workflow-commands': 'true' });
    expect(run.code).toBe(0);
    const args = await argv(run.outputs['exec-id']);
    expect(args).toHaveLength(3);
    expect(args.slice(0, 2)).toEqual(['sh', '-x']);
    expect(args[2]).toMatch(/^\/tmp\/docker-exec-action-[0-9a-f]+$/);
    // sh -x traces each command on stderr: the file really held the script.
    expect(run.stderr).toBe('+ echo traced-line\n+ exit 0\n');
    expect(run.outputs.stdout).toBe('traced-line');
    expect(run.stdout).toContain(`Command:   sh -x ${args[2]} <script: 2 line(s), ${script.length} bytes>\n`);
    expect(await scriptFilesLeft()).toEqual([]);
  }, 30_000);

  test('a custom shell without {0} gets the script as its last argument', async () => {
    const script = 'echo "flags=$-"\necho "$UNSET_VARIABLE"\necho not-reached\n';
    const run = await runAction({ container: box.name, run: script, shell: 'sh -u -c' });
    expect(await argv(run.outputs['exec-id'])).toEqual(['sh', '-u', '-c', script]);
    // -u came from shell: the unset variable stops the script.
    expect(run.code).toBe(1);
    expect(run.outputs['exit-code']).not.toBe('0');
    expect(run.outputs.stdout).toMatch(/^flags=[a-z]*u[a-z]*$/);
    expect(run.outputs.stderr).toMatch(/UNSET_VARIABLE/);
    expect(run.stdout).toContain(`Command:   sh -u -c <script: 3 line(s), ${script.length} bytes>\n`);
  }, 30_000);

  test.each(['sh', 'bash'])(
    'shell %s: heredocs and a multi-line if keep their lines',
    async (shell) => {
      const script = [
        "cat <<'EOF'",
        'first line',
        '  indented $NOT_EXPANDED \\',
        'last line',
        'EOF',
        'name=world',
        'cat <<EOF',
        'hello $name',
        'EOF',
        'if [ -d /tmp ]',
        'then',
        '  echo then-branch',
        'else',
        '  echo else-branch',
        'fi',
        'for i in 1 2',
        'do echo "loop $i"',
        'done',
        '',
      ].join('\n');
      const run = await runAction({ container: box.name, run: script, shell });
      expect(run.code).toBe(0);
      expect(guarded(run.stdout)).toBe(
        'first line\n  indented $NOT_EXPANDED \\\nlast line\nhello world\nthen-branch\nloop 1\nloop 2\n',
      );
    },
    30_000,
  );

  test('a script without a final newline runs its last line', async () => {
    const run = await runAction({ container: box.name, run: 'echo one\necho two' });
    expect(run.code).toBe(0);
    expect(guarded(run.stdout)).toBe('one\ntwo\n');
  }, 30_000);

  test.each([
    ['sh', 'sh'],
    ['bash', 'bash'],
    ['a {0} shell', 'sh {0}'],
  ])(
    'a 1 MiB script runs whole (%s), travels as a file and is removed',
    async (_label, shell) => {
      const step = 'n=$((n+1))\n';
      const count = Math.ceil((1024 * 1024) / step.length);
      const script = `n=0\n${step.repeat(count)}echo "count=$n"\n`;
      expect(script.length).toBeGreaterThan(1024 * 1024);
      const run = await runLargeScript({ container: box.name, shell }, script);
      expect(run.code).toBe(0);
      expect(guarded(run.stdout)).toBe(`count=${count}\n`);
      const args = await argv(run.outputs['exec-id']);
      expect(args[args.length - 1]).toMatch(/^\/tmp\/docker-exec-action-[0-9a-f]+$/);
      expect(run.stdout).toContain(`<script: ${count + 2} line(s), ${script.length} bytes>\n`);
      expect(await scriptFilesLeft()).toEqual([]);
    },
    60_000,
  );

  test('the largest script a runner can pass (128 KiB less 11 bytes) travels as a file', async () => {
    const tail = 'echo "largest=$n"\n';
    const script = `n=0\n# ${'p'.repeat(RUNNER_INPUT_LIMIT - 4 - 3 - tail.length)}\n${tail}`;
    expect(Buffer.byteLength(script)).toBe(RUNNER_INPUT_LIMIT);
    const run = await runAction({ container: box.name, run: script });
    expect(run.code).toBe(0);
    expect(guarded(run.stdout)).toBe('largest=0\n');
    expect((await argv(run.outputs['exec-id'])).slice(-1)[0]).toMatch(/^\/tmp\/docker-exec-action-[0-9a-f]+$/);
    expect(await scriptFilesLeft()).toEqual([]);
    // One byte more and no runner could start the action at all.
    await expect(runAction({ container: box.name, run: `${script}#` })).rejects.toThrow(/E2BIG/);
  }, 30_000);

  test('a script just over the argument limit (97 KiB, sh) works too', async () => {
    const script = `# ${'p'.repeat(97 * 1024)}\necho small-enough\n`;
    const run = await runAction({ container: box.name, run: script });
    expect(run.code).toBe(0);
    expect(guarded(run.stdout)).toBe('small-enough\n');
    expect((await argv(run.outputs['exec-id'])).slice(0, 2)).toEqual(['sh', '-e']);
    expect(await scriptFilesLeft()).toEqual([]);
  }, 30_000);

  test.each([
    ['sh', {}],
    ['bash', {}],
    ['sh -c', {}],
    ['sh {0}', {}],
    ['no-such-shell -c', {}],
    ['sh', { RUNNER_DEBUG: '1' }],
  ])(
    'the script is never echoed into the log (shell %s, env %j)',
    async (shell, env) => {
      const token = `ghp_${randomBytes(18).toString('hex')}`;
      const shown = `shown-${randomBytes(6).toString('hex')}`;
      const script = `# deploy token: ${token}\necho "${shown}"\necho "${shown}-err" >&2\nexit 3\n`;
      const run = await runAction({ container: box.name, run: script, shell }, { env });
      expect(run.code).toBe(1);
      expect(run.log).not.toContain(token);
      expect(run.summary).not.toContain(token);
      expect(JSON.stringify(run.outputs)).not.toContain(token);
      if (shell === 'no-such-shell -c') {
        const failure = await execStartFailure('exec: "no-such-shell": executable file not found in $PATH');
        expect(run.outputs['exit-code']).toBe(failure.exitCode);
        expect(guarded(run.stdout)).toBe(failure.output);
      } else {
        expect(run.outputs['exit-code']).toBe('3');
        // What the script prints is shown as usual: only its text is kept out.
        expect(guarded(run.stdout)).toContain(`${shown}\n`);
        expect(run.outputs.stdout).toBe(shown);
      }
    },
    30_000,
  );
});

describe('stdin', () => {
  test('stdin text is written, then the write side is half-closed: EOF seen, later output kept', async () => {
    const run = await runAction(
      { container: box.name, stdin: 'hello\nworld\n', command: `sh -c 'wc -c; sleep 0.5; echo after-eof'` },
      { killAfterMs: 20_000 },
    );
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
    expect(guarded(run.stdout)).toMatch(/^\s*12\nafter-eof\n$/);
    expect(run.stdout).toContain('Stdin:     text (12 bytes)\n');
    expect((await inspectExec(run.outputs['exec-id'])).OpenStdin).toBe(true);
  }, 30_000);

  test('stdin text is kept as given: no trailing newline added or removed, spaces kept', async () => {
    const run = await runAction({ container: box.name, stdin: '  a b  \n\n', command: 'od -An -tx1' });
    expect(run.code).toBe(0);
    expect(guarded(run.stdout).replace(/\s+/g, ' ').trim()).toBe('20 20 61 20 62 20 20 0a 0a');
  }, 30_000);

  test('without stdin the command is not attached to one: cat sees EOF at once', async () => {
    const started = Date.now();
    const run = await runAction({ container: box.name, command: 'cat' }, { killAfterMs: 15_000 });
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(guarded(run.stdout)).toBe('');
    expect(run.stdout).not.toContain('Stdin:');
    expect((await inspectExec(run.outputs['exec-id'])).OpenStdin).toBe(false);
  }, 30_000);

  test('stdin works with run', async () => {
    const run = await runAction(
      {
        container: box.name,
        stdin: 'first\nsecond\n',
        run: 'read a\nread b\necho "got:$b:$a"\nif read c; then echo more; else echo eof; fi\n',
      },
      { killAfterMs: 20_000 },
    );
    expect(run.code).toBe(0);
    expect(guarded(run.stdout)).toBe('got:second:first\neof\n');
  }, 30_000);

  test('stdin works with a 1 MiB run script (the script is a file, stdin stays the input)', async () => {
    const script = `# ${'p'.repeat(1024 * 1024)}\nwc -l\n`;
    const run = await runLargeScript({ container: box.name, stdin: 'a\nb\nc\n' }, script, { killAfterMs: 20_000 });
    expect(run.code).toBe(0);
    expect(guarded(run.stdout).trim()).toBe('3');
  }, 30_000);

  test('20 MiB of random bytes through stdin-file arrive exactly (sha256sum inside)', async () => {
    const workspace = scratchDir('dea-ss-stdin-');
    const data = randomBytes(20 * 1024 * 1024);
    writeFileSync(path.join(workspace, 'random.bin'), data);
    const expected = createHash('sha256').update(data).digest('hex');
    const run = await runAction(
      { container: box.name, 'stdin-file': 'random.bin', command: `sh -c 'sha256sum; wc -c < /dev/null'` },
      { workspace, killAfterMs: 40_000 },
    );
    expect(run.code).toBe(0);
    expect(run.outputs.stdout.split('\n')[0]).toBe(`${expected}  -`);
    expect(run.stdout).toContain(`Stdin:     ${path.join(workspace, 'random.bin')} (${20 * 1024 * 1024} bytes)\n`);
  }, 60_000);

  test('an empty stdin-file is an immediate EOF', async () => {
    const workspace = scratchDir('dea-ss-empty-');
    writeFileSync(path.join(workspace, 'empty'), '');
    const run = await runAction(
      { container: box.name, 'stdin-file': 'empty', command: 'wc -c' },
      { workspace, killAfterMs: 15_000 },
    );
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
    expect(run.outputs.stdout.trim()).toBe('0');
  }, 30_000);
});

describe('tty', () => {
  test('output passes raw (\\r\\n), stderr merged, a /dev/pts terminal, TERM=xterm', async () => {
    const run = await runAction({
      container: box.name,
      tty: 'true',
      command: `sh -c 'echo out; echo err >&2; tty; echo "TERM=$TERM"'`,
    });
    expect(run.code).toBe(0);
    expect(guarded(run.stdout)).toMatch(/^out\r\nerr\r\n\/dev\/pts\/\d+\r\nTERM=xterm\r\n$/);
    expect(run.outputs.stdout).toMatch(/^out\r\nerr\r\n\/dev\/pts\/\d+\r\nTERM=xterm\r?$/);
    expect(run.outputs.stderr).toBe('');
    expect(run.stdout).toContain('TTY:       yes (stderr merged into stdout)\n');
    expect((await inspectExec(run.outputs['exec-id'])).ProcessConfig.tty).toBe(true);
  }, 30_000);
});

describe('detach', () => {
  test('returns before the command ends, sets exec-id, and the command runs to its end', async () => {
    const mark = `/tmp/detached-${randomBytes(4).toString('hex')}`;
    const started = Date.now();
    // The command outlives its mark by a few seconds, so that the checks below cannot race it.
    const run = await runAction({
      container: box.name,
      detach: 'true',
      command: `sh -c 'sleep 4; touch ${mark}; sleep 5'`,
    });
    const exists = async () => (await box.exec(['test', '-e', mark], { allowFailure: true })).code === 0;
    // Returned before the command got past its first sleep: an event, not a time.
    expect(await exists()).toBe(false);
    expect(run.code).toBe(0);
    const execId = run.outputs['exec-id'];
    expect(execId).toMatch(/^[0-9a-f]{64}$/);
    expect(run.outputs['container-id']).toBe(box.id);
    expect(run.outputs['exit-code']).toBeUndefined();
    expect(run.stdout).toContain(`Started detached: exec ${execId.slice(0, 12)}`);
    // Still running after the action exited ...
    expect(await processesMatching(box, new RegExp(`sleep 4; touch ${mark}`))).toHaveLength(1);
    const exec = await inspectExec(execId);
    expect(exec.ContainerID).toBe(box.id);
    expect(exec.Running).toBe(true);
    // ... and not stopped with the action: it gets past its sleep 4.
    for (let i = 0; i < 100 && !(await exists()); i++) await sleep(100);
    expect(await exists()).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4000);
  }, 30_000);

  test('a detached command that cannot start fails the step', async () => {
    const run = await runAction({ container: box.name, detach: 'true', command: 'no-such-program' });
    // Every engine tested (Docker 20.10, 26.1, 28.5) refuses the start of a detached exec
    // whose command cannot start, with runc's line: the step fails with it, no exec to follow.
    const failure = await execStartFailure('exec: "no-such-program": executable file not found in $PATH');
    expect(run.code).toBe(1);
    expect(lines(run.stdout, '::error')).toEqual([`::error::${failure.line}`]);
    expect(run.outputs['exec-id']).toBeUndefined();
    expect(run.outputs['exit-code']).toBeUndefined();
  }, 30_000);
});

describe('fail-on-error and outputs', () => {
  test('fail-on-error false: a non-zero exit is a warning, the step succeeds, exit-code set', async () => {
    const run = await runAction({
      container: box.name,
      'fail-on-error': 'false',
      command: `sh -c 'echo partial; echo oops >&2; exit 5'`,
    });
    expect(run.code).toBe(0);
    expect(run.outputs['exit-code']).toBe('5');
    expect(run.outputs.stdout).toBe('partial');
    expect(run.outputs.stderr).toBe('oops');
    expect(lines(run.stdout, '::error')).toEqual([]);
    const warnings = lines(run.stdout, '::warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^::warning title=.*exit code 5::command exited with code 5 \(fail-on-error is false\)$/,
    );
    expect(run.summary).toContain('command exited with code 5');
  }, 30_000);

  test('fail-on-error false: a command that cannot start still reports its exit code', async () => {
    const run = await runAction({ container: box.name, 'fail-on-error': 'false', command: 'no-such-program' });
    // The engine's "not found" is an exit code too (126 on Docker 20.10 and 26.1, 127 on 28.5):
    // reported, with the warning that fail-on-error false gives for any other.
    const failure = await execStartFailure('exec: "no-such-program": executable file not found in $PATH');
    expect(run.code).toBe(0);
    expect(run.outputs['exit-code']).toBe(failure.exitCode);
    expect(lines(run.stdout, '::warning')).toEqual([
      expect.stringMatching(
        new RegExp(
          `^::warning title=.*exit code ${failure.exitCode}::command exited with code ${failure.exitCode} \\(fail-on-error is false\\)$`,
        ),
      ),
    ]);
  }, 30_000);

  test('fail-on-error false with exit 0 gives no warning', async () => {
    const run = await runAction({ container: box.name, 'fail-on-error': 'false', command: 'true' });
    expect(run.code).toBe(0);
    expect(run.outputs['exit-code']).toBe('0');
    expect(lines(run.stdout, '::warning')).toEqual([]);
  }, 30_000);

  test('stdout over the limit keeps its end, with one warning; stderr untouched', async () => {
    const full = Array.from({ length: 100_000 }, (_, i) => `${i + 1}\n`).join('');
    expect(full.length).toBeGreaterThan(OUTPUT_LIMIT);
    const run = await runAction({ container: box.name, command: `sh -c 'seq 1 100000; echo small-err >&2'` });
    expect(run.code).toBe(0);
    expect(run.outputs.stdout).toBe(full.slice(-OUTPUT_LIMIT).replace(/\n+$/, ''));
    expect(run.outputs.stderr).toBe('small-err');
    const warnings = lines(run.stdout, '::warning');
    expect(warnings).toEqual([
      `::warning::the stdout output keeps only the last ${OUTPUT_LIMIT / 1024} KiB of ${full.length} bytes`,
    ]);
    // The log itself is not cut (stderr's line lands somewhere in it: two pipes).
    expect(guarded(run.stdout).replace('small-err\n', '')).toBe(full);
  }, 30_000);

  test('stderr over the limit keeps its end, with one warning', async () => {
    const full = Array.from({ length: 100_000 }, (_, i) => `${i + 1}\n`).join('');
    const run = await runAction({ container: box.name, command: `sh -c 'seq 1 100000 >&2'` });
    expect(run.code).toBe(0);
    expect(run.outputs.stderr).toBe(full.slice(-OUTPUT_LIMIT).replace(/\n+$/, ''));
    expect(run.outputs.stdout).toBe('');
    expect(lines(run.stdout, '::warning')).toEqual([
      `::warning::the stderr output keeps only the last ${OUTPUT_LIMIT / 1024} KiB of ${full.length} bytes`,
    ]);
  }, 30_000);

  test('exactly the limit is not cut and gives no warning', async () => {
    const run = await runAction({
      container: box.name,
      command: `sh -c 'head -c ${OUTPUT_LIMIT} /dev/zero | tr "\\\\0" a'`,
    });
    expect(run.code).toBe(0);
    expect(run.outputs.stdout).toBe('a'.repeat(OUTPUT_LIMIT));
    expect(lines(run.stdout, '::warning')).toEqual([]);
  }, 30_000);

  test('a cut in the middle of a UTF-8 character drops the partial character', async () => {
    // "é\n" is 3 bytes; 100000 of them and "xy" make the kept part start inside an é.
    const full = Buffer.from(`${'é\n'.repeat(100_000)}xy`);
    const kept = full.subarray(-OUTPUT_LIMIT);
    expect(kept[0] & 0xc0).toBe(0x80);
    const run = await runAction({ container: box.name, command: `sh -c 'yes é | head -n 100000; printf xy'` });
    expect(run.code).toBe(0);
    expect(run.outputs.stdout).toBe(kept.subarray(1).toString('utf8'));
    expect(run.outputs.stdout).not.toContain('\ufffd');
    expect(lines(run.stdout, '::warning')).toHaveLength(1);
  }, 60_000);

  test('trailing newlines are removed from the outputs, other whitespace kept', async () => {
    const run = await runAction({
      container: box.name,
      command: `sh -c 'printf "  a\\n\\nb \\n\\n\\n"; printf "e\\n\\n" >&2'`,
    });
    expect(run.code).toBe(0);
    expect(run.outputs.stdout).toBe('  a\n\nb ');
    expect(run.outputs.stderr).toBe('e');
  }, 30_000);

  test('exec-id and container-id are set and are what the engine ran', async () => {
    const run = await runAction({ container: box.name, command: 'true' });
    expect(run.code).toBe(0);
    expect(run.outputs['container-id']).toBe(box.id);
    expect(run.outputs['exec-id']).toMatch(/^[0-9a-f]{64}$/);
    const exec = await inspectExec(run.outputs['exec-id']);
    expect(exec.ContainerID).toBe(box.id);
    expect(exec.ExitCode).toBe(0);
    expect(run.outputs.attempts).toBe('1');
  }, 30_000);

  test('exec-id, container-id and exit-code are set on failure too', async () => {
    const run = await runAction({ container: box.name, command: `sh -c 'exit 9'` });
    expect(run.code).toBe(1);
    expect(run.outputs['container-id']).toBe(box.id);
    expect((await inspectExec(run.outputs['exec-id'])).ExitCode).toBe(9);
    expect(run.outputs['exit-code']).toBe('9');
  }, 30_000);
});

// ---------------------------------------------------------------------------------------
// 1 GiB through stdin-file and through stdout, with the action's peak RSS (DEA_BIG=1 only).

/** Runs a shell command line on this machine under /usr/bin/time: wall ms, peak KiB, stdout. */
async function timedShell(
  commandLine: string,
  stdinFile?: string,
): Promise<{ code: number | null; ms: number; peakKiB: number; stdout: string }> {
  const fd = stdinFile ? openSync(stdinFile, 'r') : undefined;
  const started = Date.now();
  const child = spawn('/usr/bin/time', ['-f', 'peak-rss-kib=%M', 'bash', '-c', commandLine], {
    stdio: [fd ?? 'ignore', 'pipe', 'pipe'],
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout?.on('data', (b: Buffer) => out.push(b));
  child.stderr?.on('data', (b: Buffer) => err.push(b));
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  const ms = Date.now() - started;
  if (fd !== undefined) closeSync(fd);
  const peak = /peak-rss-kib=(\d+)\s*$/.exec(Buffer.concat(err).toString());
  return { code, ms, peakKiB: Number(peak?.[1] ?? NaN), stdout: Buffer.concat(out).toString() };
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
/**
 * Flat memory: the peak RSS for 1 GiB is within this of the peak for 256 MiB (a copy that
 * buffered would grow by 768 MiB), and never above MAX_PEAK_KIB.
 */
const FLAT_GROWTH_KIB = 48 * 1024;
const MAX_PEAK_KIB = 256 * 1024;
const bigDescribe = process.env.DEA_BIG === '1' ? describe : describe.skip;

bigDescribe('1 GiB streams with flat memory (DEA_BIG=1)', () => {
  const report: string[] = [];
  afterAll(() => {
    if (report.length) console.log(`1 GiB figures:\n${report.join('\n')}`);
  });

  test('1 GiB through stdin-file arrives exactly', async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'dea-big-ws-'));
    // A random 1 MiB block repeated with a counter in each copy: no two MiB are alike. The
    // 256 MiB file is the first quarter of the 1 GiB one.
    const block = randomBytes(MiB);
    const hashes = { quarter: createHash('sha256'), whole: createHash('sha256') };
    const fds = {
      quarter: openSync(path.join(workspace, 'quarter.bin'), 'w'),
      whole: openSync(path.join(workspace, 'big.bin'), 'w'),
    };
    try {
      for (let i = 0; i < 1024; i++) {
        block.writeUInt32BE(i, 0);
        writeFileSync(fds.whole, block);
        hashes.whole.update(block);
        if (i < 256) {
          writeFileSync(fds.quarter, block);
          hashes.quarter.update(block);
        }
      }
    } finally {
      closeSync(fds.quarter);
      closeSync(fds.whole);
    }
    const expected = { quarter: hashes.quarter.digest('hex'), whole: hashes.whole.digest('hex') };
    writeFileSync(path.join(workspace, 'small.bin'), 'tiny\n');
    const sha = (file: string) =>
      measuredRun({ container: box.name, 'stdin-file': file, command: 'sha256sum' }, workspace, () => undefined);
    try {
      const small = await sha('small.bin');
      expect(small.code).toBe(0);
      const quarter = await sha('quarter.bin');
      expect(quarter.code).toBe(0);
      expect(quarter.outputs.stdout).toBe(`${expected.quarter}  -`);
      const big = await sha('big.bin');
      expect(big.code).toBe(0);
      expect(big.outputs.stdout).toBe(`${expected.whole}  -`);
      const cli = await timedShell(`docker exec -i ${box.id} sha256sum`, path.join(workspace, 'big.bin'));
      expect(cli.stdout.trim()).toBe(`${expected.whole}  -`);
      // Cross-check the file on disk with a second reader.
      const reread = createHash('sha256');
      for await (const chunk of createReadStream(path.join(workspace, 'big.bin'))) reread.update(chunk as Buffer);
      expect(reread.digest('hex')).toBe(expected.whole);
      report.push(
        `stdin-file: action peak RSS 1 GiB ${big.peakKiB} KiB, 256 MiB ${quarter.peakKiB} KiB, 5 bytes ${small.peakKiB} KiB; ` +
          `wall 1 GiB ${big.ms} ms (256 MiB ${quarter.ms} ms, 5 bytes ${small.ms} ms); ` +
          `docker exec -i C sha256sum < 1 GiB file: wall ${cli.ms} ms, peak RSS ${cli.peakKiB} KiB`,
      );
      expect(big.peakKiB - quarter.peakKiB).toBeLessThan(FLAT_GROWTH_KIB);
      expect(big.peakKiB).toBeLessThan(MAX_PEAK_KIB);
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  }, 900_000);

  test('1 GiB through stdout arrives exactly', async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'dea-big-ws-'));
    const zeros = Buffer.alloc(MiB);
    let total = 0;
    let zeroBytes = 0;
    const count = (chunk: Buffer) => {
      total += chunk.length;
      if (chunk.length <= zeros.length && chunk.equals(zeros.subarray(0, chunk.length))) {
        zeroBytes += chunk.length;
        return;
      }
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 0) zeroBytes++;
    };
    const zeroes = (bytes: number, onStdout: (chunk: Buffer) => void) =>
      measuredRun(
        { container: box.name, command: `head -c ${bytes} /dev/zero`, 'workflow-commands': 'true' },
        workspace,
        onStdout,
      );
    try {
      const small = await zeroes(1024, () => undefined);
      expect(small.code).toBe(0);
      const quarter = await zeroes(256 * MiB, () => undefined);
      expect(quarter.code).toBe(0);
      const big = await zeroes(GiB, count);
      expect(big.code).toBe(0);
      expect(big.outputs['exit-code']).toBe('0');
      // The header and result lines hold no NUL byte: every zero is the command's.
      expect(zeroBytes).toBe(GiB);
      expect(total).toBeGreaterThan(GiB);
      expect(total - GiB).toBeLessThan(4096);
      expect(big.outputs.stdout).toBe('\0'.repeat(OUTPUT_LIMIT));
      const cli = await timedShell(`docker exec ${box.id} head -c ${GiB} /dev/zero | wc -c`);
      expect(cli.stdout.trim()).toBe(String(GiB));
      report.push(
        `stdout: action peak RSS 1 GiB ${big.peakKiB} KiB, 256 MiB ${quarter.peakKiB} KiB, 1 KiB ${small.peakKiB} KiB; ` +
          `wall 1 GiB ${big.ms} ms (256 MiB ${quarter.ms} ms, 1 KiB ${small.ms} ms); ` +
          `docker exec C head -c 1GiB /dev/zero | wc -c: wall ${cli.ms} ms, peak RSS (docker CLI, bash, wc) ${cli.peakKiB} KiB`,
      );
      expect(big.peakKiB - quarter.peakKiB).toBeLessThan(FLAT_GROWTH_KIB);
      expect(big.peakKiB).toBeLessThan(MAX_PEAK_KIB);
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  }, 900_000);
});
