// The action under the clients people run it with, not under our models of them:
// - @github/local-action, GitHub's tool for running an action locally. It reads action.yml
//   with the `yaml` package, runs src/main.ts's run() under tsx with its own @actions/core,
//   passes action.yml's defaults as written (`${{ toJSON(job) }}` unevaluated) and sets
//   neither GITHUB_OUTPUT nor GITHUB_STEP_SUMMARY unless its .env file does.
// - The bundle on a runner with no GITHUB_OUTPUT and no GITHUB_STEP_SUMMARY (older
//   self-hosted runners): outputs come as `::set-output::` commands, read here through the
//   runner model, which ignores commands between the guard's markers as the runner does.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { guarded, node24Path, runAction } from '../helpers/action.js';
import { ROOT, removeStartedContainers, startContainer, type TestContainer } from '../helpers/docker.js';
import { readRunnerLog } from '../helpers/runner-log.js';

jest.setTimeout(120_000);

let box: TestContainer;
let scratch: string;

beforeAll(async () => {
  box = await startContainer();
  scratch = mkdtempSync(path.join(tmpdir(), 'dea-local-action-'));
});
afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  await removeStartedContainers();
});

interface LocalRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The part local-action prints while run() runs: between its "Running Action" and "Action Outputs" titles. */
  action: string;
  /** local-action's "Action Outputs" table. */
  outputs: Record<string, string>;
}

/** Runs `local-action run <repo> src/main.ts <.env>` under Node 24, as a developer would. */
async function localAction(dotenv: Record<string, string>): Promise<LocalRun> {
  const envFile = path.join(mkdtempSync(path.join(scratch, 'run-')), '.env');
  // dotenv's double-quoted values expand \n and nothing else: no " inside, so none to escape.
  for (const [k, v] of Object.entries(dotenv)) if (v.includes('"')) throw new Error(`${k}: keep " out of .env values`);
  writeFileSync(
    envFile,
    Object.entries(dotenv)
      .map(([k, v]) => `${k}="${v.replace(/\n/g, '\\n')}"\n`)
      .join(''),
  );
  const node24 = node24Path();
  const child = spawn(path.join(ROOT, 'node_modules/.bin/local-action'), ['run', ROOT, 'src/main.ts', envFile], {
    cwd: ROOT,
    env: {
      PATH: `${path.dirname(node24)}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      HOME: process.env.HOME ?? '/root',
      ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}),
      NO_COLOR: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => out.push(b));
  child.stderr.on('data', (b: Buffer) => err.push(b));
  const killer = setTimeout(() => child.kill('SIGKILL'), 100_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(killer);
  const stdout = Buffer.concat(out).toString('utf8');
  const start = stdout.indexOf('Running Action');
  const end = stdout.indexOf('Action Outputs');
  if (start < 0 || end < start)
    throw new Error(`local-action did not run the action:\n${stdout}\n${Buffer.concat(err).toString('utf8')}`);
  const outputs: Record<string, string> = {};
  for (const row of stdout.slice(end).matchAll(/^│\s*\d+\s*│\s*'([^']*)'\s*│\s*'(.*?)'\s*│$/gm))
    outputs[row[1]] = row[2];
  return { code, stdout, stderr: Buffer.concat(err).toString('utf8'), action: stdout.slice(start, end), outputs };
}

describe('@github/local-action runs the action from its sources', () => {
  test('a script with an env entry: exit 0, the log, the outputs, a summary when it has a file', async () => {
    const summaryFile = path.join(scratch, 'summary.md');
    writeFileSync(summaryFile, '');
    const run = await localAction({
      INPUT_CONTAINER: box.name,
      INPUT_RUN: 'echo hello from $GREETING\necho a note >&2',
      INPUT_ENV: 'GREETING=local-action',
      GITHUB_STEP_SUMMARY: summaryFile,
    });
    expect(run.code).toBe(0);
    expect(run.action).toContain(`::group::docker exec in ${box.name}`);
    expect(run.action).toMatch(
      /Container: dea-test-\S+ [0-9a-f]{12} \(docker-exec-action-test:busybox, running; found as container name\)/,
    );
    const guardedLines = /::stop-commands::([0-9a-f]{32})\n([^]*?)::\1::\n/.exec(run.action)?.[2].split('\n');
    expect(guardedLines?.sort()).toEqual(['', 'a note', 'hello from local-action']);
    expect(run.action).toContain('Exit code 0 after');
    expect(run.action).not.toMatch(/::(warning|error)/);
    expect(run.outputs).toEqual({
      'exec-id': expect.stringMatching(/^[0-9a-f]{64}$/),
      'exit-code': '0',
      attempts: '1',
      stdout: 'hello from local-action',
      stderr: 'a note',
      'container-id': box.id,
    });
    const summary = readFileSync(summaryFile, 'utf8');
    expect(summary).toContain(box.name);
    expect(summary).toContain('succeeded');
    expect(summary).toContain('hello from local-action');
  });

  test('a failing command: the error annotation, exit-code 3, exit status 1; no summary file, no warning', async () => {
    const run = await localAction({ INPUT_CONTAINER: box.id, INPUT_COMMAND: `sh -c 'echo boom >&2; exit 3'` });
    expect(run.code).toBe(1);
    expect(run.action).toContain(`::error title=${box.name}: exit code 3::command exited with code 3`);
    expect(run.action).not.toMatch(/::warning|summary/i);
    expect(run.outputs).toMatchObject({ 'exit-code': '3', stdout: '', stderr: 'boom', 'container-id': box.id });
  });

  test('the job input arrives as the unevaluated ${{ toJSON(job) }}: no job context, said in a debug line', async () => {
    const run = await localAction({ INPUT_CONTAINER: box.name, INPUT_COMMAND: 'true', ACTIONS_STEP_DEBUG: 'true' });
    expect(run.code).toBe(0);
    expect(run.action).toContain("Input 'job' is the unevaluated expression ${{ toJSON(job) }}: no job context");
    expect(run.outputs['exit-code']).toBe('0');
  });
});

describe('the bundle on a runner with no GITHUB_OUTPUT and no GITHUB_STEP_SUMMARY', () => {
  test('outputs arrive as set-output commands after the guard, every one honoured; no summary, no warning', async () => {
    const forged = `echo '::set-output name=exit-code::0'; echo out; exit 4`;
    const run = await runAction({ container: box.name, command: `sh -c "${forged}"` }, { runnerFiles: false });
    expect(run.code).toBe(1);
    // Nothing of ours between the markers: only what the container printed.
    expect(guarded(run.stdout)).toBe('::set-output name=exit-code::0\nout\n');
    const log = readRunnerLog(run.stdout, run.stderr);
    expect(log.outputs).toEqual({
      'exec-id': expect.stringMatching(/^[0-9a-f]{64}$/),
      'exit-code': '4',
      attempts: '1',
      stdout: '::set-output name=exit-code::0\nout',
      stderr: '',
      'container-id': box.id,
    });
    expect(log.annotations.map((a) => [a.level, a.message])).toEqual([
      ['error', 'command exited with code 4\n\nLast lines of stdout:\n::set-output name=exit-code::0\nout'],
    ]);
    expect(run.stdout).not.toContain('::warning');
    expect(log.debug).toEqual(['No GITHUB_STEP_SUMMARY file: no job summary written']);
  });

  test('a successful run: the same outputs the GITHUB_OUTPUT file would hold', async () => {
    const withFiles = await runAction({ container: box.name, command: 'echo same' });
    const without = await runAction({ container: box.name, command: 'echo same' }, { runnerFiles: false });
    expect(without.code).toBe(0);
    const { 'exec-id': a, ...fromFile } = withFiles.outputs;
    const { 'exec-id': b, ...fromCommands } = readRunnerLog(without.stdout, without.stderr).outputs;
    expect([a, b]).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/), expect.stringMatching(/^[0-9a-f]{64}$/)]);
    expect(fromCommands).toEqual(fromFile);
    expect(fromFile).toMatchObject({ 'exit-code': '0', stdout: 'same', 'container-id': box.id });
  });
});
