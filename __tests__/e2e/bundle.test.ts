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

test('the parts loaded only when needed load from the copied folder under Node 24', () => {
  // ssh2 (for ssh:// engines) and @actions/http-client (for OIDC, unused) are bundled apart
  // and loaded on first use: prove both still load without node_modules.
  const probe = `
    import { createRequire } from 'node:module';
    const req = createRequire(${JSON.stringify(path.join('ACTION_DIR', 'dist', 'probe.cjs'))}.replace('ACTION_DIR', process.argv[1]));
    const ssh = req('./ssh2-lazy.cjs');
    const client = new ssh.Client();
    const http = req('./http-client-lazy.cjs');
    console.log(typeof client.connect, typeof http.HttpClient, typeof http.BearerCredentialHandler);
  `;
  const out = execFileSync(node24Path(), ['--input-type=module', '-e', probe, actionDir], { encoding: 'utf8' });
  expect(out.trim()).toBe('function function function');
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
