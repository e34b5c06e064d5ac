// The product as a workflow runs it: only action.yml and dist/ in an empty folder (no
// node_modules anywhere above it), `node dist/index.js` under Node 24, inputs as the runner
// sets them (INPUT_ENV-FILE with its hyphen, action.yml defaults applied).
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { cpSync, mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { inputEnvironment, node24Path, runAction } from '../helpers/action.js';
import { ROOT, removeStartedContainers, startContainer, type TestContainer } from '../helpers/docker.js';

let box: TestContainer;
let actionDir: string;
let workspace: string;

beforeAll(async () => {
  box = await startContainer();
  actionDir = mkdtempSync(path.join(tmpdir(), 'dea-action-'));
  cpSync(path.join(ROOT, 'action.yml'), path.join(actionDir, 'action.yml'));
  cpSync(path.join(ROOT, 'dist'), path.join(actionDir, 'dist'), { recursive: true });
  workspace = mkdtempSync(path.join(tmpdir(), 'dea-e2e-ws-'));
});
afterAll(removeStartedContainers);

test('the copied folder holds no node_modules and Node is 24', () => {
  expect(existsSync(path.join(actionDir, 'node_modules'))).toBe(false);
  expect(execFileSync(node24Path(), ['--version'], { encoding: 'utf8' })).toMatch(/^v24\./);
});

test('ssh2, bundled apart and loaded on first use, loads from the copied folder under Node 24', () => {
  const probe = `
    import { createRequire } from 'node:module';
    const req = createRequire(${JSON.stringify(path.join('ACTION_DIR', 'dist', 'probe.cjs'))}.replace('ACTION_DIR', process.argv[1]));
    const ssh = req('./ssh2-lazy.cjs');
    const client = new ssh.Client();
    console.log(typeof client.connect);
  `;
  const out = execFileSync(node24Path(), ['--input-type=module', '-e', probe, actionDir], { encoding: 'utf8' });
  expect(out.trim()).toBe('function');
});

test('a plain run loads none of the code only other paths use (start-up, issue 7)', async () => {
  // A preloaded script records what the process loaded by the time it exits.
  const recorder = path.join(workspace, 'record-loaded.cjs');
  const list = path.join(workspace, 'loaded.json');
  writeFileSync(
    recorder,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, JSON.stringify({
      builtins: process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length)),
      files: Object.keys(require.cache),
    })));`,
  );
  const run = await runAction(
    { container: box.name, command: 'true' },
    { actionDir, workspace, env: { NODE_OPTIONS: `--require ${recorder}` } },
  );
  expect(run.code).toBe(0);
  expect(run.outputs['exit-code']).toBe('0');
  const loaded = JSON.parse(readFileSync(list, 'utf8')) as { builtins: string[]; files: string[] };
  expect(loaded.builtins).toContain('http'); // the recording works
  // https:// engines, SSH host keys, stdin-file, the output collector, @actions/exec and io:
  for (const name of ['https', 'tls', 'zlib', 'child_process', 'assert', 'v8', 'vm'])
    expect(loaded.builtins).not.toContain(name);
  expect(loaded.files.filter((file) => /ssh2\/index\.cjs$/.test(file))).toEqual([]); // (only its stand-in)
});

test('inputs arrive as the runner names them, hyphens kept', () => {
  const env = inputEnvironment({ container: 'x', 'env-file': 'a.env' }, undefined, actionDir);
  expect(env['INPUT_ENV-FILE']).toBe('a.env');
  expect(env['INPUT_FAIL-ON-ERROR']).toBe('true');
  expect(env.INPUT_WAIT).toBe('running');
});

test('command with env-file: log, exit status and exit-code output', async () => {
  writeFileSync(path.join(workspace, 'e2e.env'), 'FROM_FILE=file value\n');
  const run = await runAction(
    { container: box.name, command: `sh -c 'echo "got $FROM_FILE"; exit 7'`, 'env-file': 'e2e.env' },
    { actionDir, workspace },
  );
  expect(run.code).toBe(1);
  expect(run.stdout).toContain('got file value\n');
  expect(run.outputs['exit-code']).toBe('7');
  expect(run.stdout).toContain('::error title=');
  expect(run.summary).toContain('| Exit code | 7 |');
});

test('run script with stdin-file, result read back through the stdout output', async () => {
  writeFileSync(path.join(workspace, 'input.txt'), 'alpha\nbeta\ngamma\n');
  const run = await runAction(
    {
      container: box.name,
      run: 'count=$(wc -l)\ncat <<EOF\nlines: $count\nEOF\n',
      'stdin-file': 'input.txt',
    },
    { actionDir, workspace },
  );
  expect(run.code).toBe(0);
  expect(run.outputs.stdout).toBe('lines: 3');
  expect(run.outputs['exit-code']).toBe('0');
  expect(readFileSync(path.join(actionDir, 'action.yml'), 'utf8')).toContain('using: node24');
});
