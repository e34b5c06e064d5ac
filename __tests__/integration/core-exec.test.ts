// The core of docker exec through the bundle, against the real engine: streams, exit codes,
// env and env-file, user, workdir, privileged, and every error a user can meet first.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { guarded, runAction } from '../helpers/action.js';
import {
  cli,
  engineGet,
  engineVersion,
  execStartFailure,
  removeStartedContainers,
  startContainer,
  type TestContainer,
} from '../helpers/docker.js';

let box: TestContainer;

beforeAll(async () => {
  box = await startContainer({ args: ['-e', 'FROM_IMAGE=image', '-e', 'REMOVE_ME=present'] });
});
afterAll(removeStartedContainers);

describe('streams and exit codes', () => {
  test('stdout and stderr reach the log, exit code 0 succeeds', async () => {
    const run = await runAction({ container: box.name, command: `sh -c 'echo to-out; echo to-err >&2'` });
    expect(run.code).toBe(0);
    // The engine copies the two pipes separately, so their relative order can vary.
    expect(guarded(run.stdout).split('\n').sort()).toEqual(['', 'to-err', 'to-out']);
    expect(run.outputs['exit-code']).toBe('0');
    expect(run.outputs.stdout).toBe('to-out');
    expect(run.outputs.stderr).toBe('to-err');
    expect(run.outputs['container-id']).toBe(box.id);
  });

  test('with workflow-commands, stderr goes to the step stderr', async () => {
    const run = await runAction({
      container: box.name,
      command: `sh -c 'echo to-out; echo to-err >&2'`,
      'workflow-commands': 'true',
    });
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines).toContain('to-out');
    expect(lines).not.toContain('to-err');
    expect(run.stderr).toBe('to-err\n');
  });

  test.each([1, 3, 42, 255])('exit code %i fails the step and is an output', async (code) => {
    const run = await runAction({ container: box.name, command: `sh -c 'echo failing >&2; exit ${code}'` });
    expect(run.code).toBe(1);
    expect(run.outputs['exit-code']).toBe(String(code));
    expect(run.stdout).toMatch(
      new RegExp(
        `::error title=.*exit code ${code}::command exited with code ${code}%0A%0ALast lines of stderr:%0Afailing`,
      ),
    );
  });

  test('200,000 lines arrive as 200,000 lines, trailing bytes without newline kept', async () => {
    const run = await runAction({ container: box.name, command: `sh -c 'seq 1 200000; printf tail-no-newline'` });
    expect(run.code).toBe(0);
    const shown = guarded(run.stdout);
    const lines = shown.split('\n');
    // The guard puts its resume marker on a line of its own: one newline after the tail.
    expect(lines.length).toBe(200_002);
    expect(lines[0]).toBe('1');
    expect(lines[199_999]).toBe('200000');
    expect(lines[200_000]).toBe('tail-no-newline');
    expect(lines[200_001]).toBe('');
    expect(run.outputs.stdout.endsWith('199999\n200000\ntail-no-newline')).toBe(true);
  });

  test('a command printing nothing succeeds with empty outputs', async () => {
    const run = await runAction({ container: box.name, command: 'true' });
    expect(run.code).toBe(0);
    expect(guarded(run.stdout)).toBe('');
    expect(run.outputs.stdout).toBe('');
  });
});

describe('command words', () => {
  test('quotes and backslashes are honoured, $HOME and * stay literal', async () => {
    const run = await runAction({ container: box.name, command: `printf '[%s]\\n' "a b" 'c"d' e\\ f $HOME '*' ""` });
    expect(run.code).toBe(0);
    expect(guarded(run.stdout)).toBe('[a b]\n[c"d]\n[e f]\n[$HOME]\n[*]\n[]\n');
  });

  test('a JSON array is taken word for word', async () => {
    const run = await runAction({
      container: box.name,
      command: JSON.stringify(['printf', '%s|', 'x y', "it's", '$(nope)']),
    });
    expect(run.code).toBe(0);
    expect(guarded(run.stdout)).toBe("x y|it's|$(nope)|\n");
  });
});

describe('environment', () => {
  test('env lines: values with = and spaces, bare KEY from the step, bare unset KEY removes', async () => {
    const run = await runAction(
      {
        container: box.name,
        env: 'PLAIN=a=b c \nFROM_STEP\nREMOVE_ME\n',
        command: `sh -c 'echo "[$PLAIN][$FROM_STEP][$FROM_IMAGE][\${REMOVE_ME-unset}]"'`,
      },
      { env: { FROM_STEP: 'step value' } },
    );
    expect(run.code).toBe(0);
    expect(guarded(run.stdout)).toBe('[a=b c ][step value][image][unset]\n');
  });

  test('env-files in order, then env; last of duplicates wins; Docker rules apply', async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'dea-ws-'));
    writeFileSync(
      path.join(workspace, 'one.env'),
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from('# comment\r\n  A=from-one\r\nB="quoted" # not a comment\r\n\r\nINHERIT\r\nMISSING\r\n'),
      ]),
    );
    writeFileSync(path.join(workspace, 'two.env'), 'A=from-two\nC=two\n');
    const run = await runAction(
      {
        container: box.name,
        'env-file': 'one.env\ntwo.env',
        env: 'C=from-env',
        command: `sh -c 'echo "[$A][$B][$C][$INHERIT][\${MISSING-dropped}]"'`,
      },
      { workspace, env: { INHERIT: 'inherited' } },
    );
    expect(run.code).toBe(0);
    expect(guarded(run.stdout)).toBe('[from-two]["quoted" # not a comment][from-env][inherited][dropped]\n');
    expect(run.stdout).toMatch(/Env: +A, B, INHERIT, C\n/);
    expect(run.stdout).not.toContain('from-one');
  });
});

describe('user, workdir, privileged', () => {
  test.each([
    ['app', 'uid=1000(app) gid=1000(app)'],
    ['1000:50', 'uid=1000(app) gid=50(staff)'],
    ['nobody', 'uid=65534(nobody) gid=65534(nogroup)'],
  ])('user %s', async (user, expected) => {
    const run = await runAction({ container: box.name, user, command: 'id' });
    expect(run.code).toBe(0);
    expect(guarded(run.stdout)).toContain(expected);
  });

  test('workdir', async () => {
    const run = await runAction({ container: box.name, workdir: '/home/app', command: 'pwd' });
    expect(run.code).toBe(0);
    expect(guarded(run.stdout)).toBe('/home/app\n');
  });

  test('privileged reaches the engine', async () => {
    const run = await runAction({ container: box.name, privileged: 'true', command: 'grep CapEff /proc/self/status' });
    const execId = run.outputs['exec-id'];
    expect(execId).toMatch(/^[0-9a-f]{64}$/);
    const exec = await engineGet<{ ProcessConfig: { privileged: boolean } }>(`/exec/${execId}/json`);
    expect(exec.ProcessConfig.privileged).toBe(true);
    if ((await engineVersion()).atLeast(26, 1)) {
      // Docker 26.1 and 28.5 grant what this kernel has: more than an ordinary exec gets.
      expect(run.code).toBe(0);
      const caps = (text: string) => BigInt(`0x${/CapEff:\s*([0-9a-f]+)/.exec(text)?.[1]}`);
      const plain = caps((await box.exec(['grep', 'CapEff', '/proc/self/status'])).stdout);
      const privileged = caps(run.outputs.stdout);
      expect(privileged & plain).toBe(plain);
      expect(privileged).toBeGreaterThan(plain);
    } else {
      // Docker 20.10 asks runc for capabilities this machine cannot grant: the start fails.
      const failure = await execStartFailure('unable to apply caps: operation not permitted');
      expect(run.code).toBe(1);
      expect(run.outputs['exit-code']).toBe(failure.exitCode);
      expect(guarded(run.stdout)).toBe(failure.output);
    }
  });
});

describe('start failures carry the engine message and its exit code', () => {
  test('executable not found', async () => {
    const run = await runAction({ container: box.name, command: 'no-such-program --flag' });
    const failure = await execStartFailure('exec: "no-such-program": executable file not found in $PATH');
    expect(run.code).toBe(1);
    expect(run.outputs['exit-code']).toBe(failure.exitCode);
    expect(guarded(run.stdout)).toBe(failure.output);
    expect(run.stdout).toContain(`::command exited with code ${failure.exitCode}%0A%0ALast lines of stdout:%0A`);
  });

  test('bad workdir', async () => {
    const run = await runAction({ container: box.name, workdir: '/does/not/exist', command: 'pwd' });
    const failure = await execStartFailure(
      'chdir to cwd ("/does/not/exist") set in config.json failed: no such file or directory',
    );
    expect(run.code).toBe(1);
    expect(run.outputs['exit-code']).toBe(failure.exitCode);
    expect(guarded(run.stdout)).toBe(failure.output);
  });

  test('unknown user', async () => {
    const run = await runAction({ container: box.name, user: 'ghost', command: 'id' });
    const message = 'unable to find user ghost: no matching entries in passwd file';
    const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error'));
    expect(run.code).toBe(1);
    if ((await engineVersion()).atLeast(28, 0)) {
      // Docker 28.5 refuses the exec at create (400): nothing ran, so no exec and no exit code.
      expect(errors).toEqual([`::error::${message}`]);
      expect(run.outputs['exec-id']).toBeUndefined();
      expect(run.outputs['exit-code']).toBeUndefined();
    } else {
      // Docker 20.10 and 26.1 create it; its start fails with 126 and the message as output.
      expect(run.outputs['exit-code']).toBe('126');
      expect(guarded(run.stdout)).toBe(`${message}\r\n`);
      expect(errors).toEqual([
        expect.stringMatching(
          /^::error title=.*exit code 126::command exited with code 126%0A%0ALast lines of stdout:%0A/,
        ),
      ]);
    }
  });
});

describe('the container is inspected first', () => {
  test('not found names the container and lists running ones', async () => {
    const run = await runAction({ container: 'no-such-container-xyz', command: 'true', wait: 'none' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::error::container 'no-such-container-xyz' not found: .*Running: .*\(docker-exec-action-test:busybox, running\)/,
    );
  });

  test('exited: says its state', async () => {
    const gone = await startContainer({ command: ['sh', '-c', 'exit 4'] });
    await cli(['wait', gone.id]);
    const run = await runAction({ container: gone.name, command: 'true' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`::error::container ${gone.name} is not running: it has exited with code 4`);
  });

  test('paused: unpause it first', async () => {
    const paused = await startContainer();
    await cli(['pause', paused.id]);
    const run = await runAction({ container: paused.name, command: 'true' });
    await cli(['unpause', paused.id]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`::error::container ${paused.name} is paused: unpause it first`);
  });

  test('restarting: with wait none, says so at once', async () => {
    const looping = await startContainer({ args: ['--restart', 'always'], command: ['false'] });
    // The engine backs off (0.1 s, 0.2 s, 0.4 s, ...): after a few restarts the container
    // spends most of its time restarting.
    for (let i = 0; i < 100; i++) {
      const { stdout } = await cli(['inspect', '-f', '{{.State.Restarting}} {{.RestartCount}}', looping.id]);
      const [restarting, count] = stdout.trim().split(' ');
      if (restarting === 'true' && Number(count) >= 5) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const run = await runAction({ container: looping.name, command: 'true', wait: 'none' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`::error::container ${looping.name} is restarting: wait until it is running`);
  });

  test('engine unreachable names the address and how to choose another', async () => {
    const run = await runAction(
      { container: box.name, command: 'true' },
      { env: { DOCKER_HOST: 'unix:///tmp/no-engine-here.sock' } },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '::error::cannot reach the Docker engine at unix:///tmp/no-engine-here.sock (DOCKER_HOST): no such socket. Start the engine, or choose another with the docker-host input or DOCKER_HOST',
    );
  });
});

describe('bad input gets one clear line naming the input', () => {
  const workspace = mkdtempSync(path.join(tmpdir(), 'dea-bad-'));
  writeFileSync(path.join(workspace, 'space.env'), 'GOOD=1\nBAD KEY=2\n');
  writeFileSync(path.join(workspace, 'latin1.env'), Buffer.from([0x41, 0x3d, 0xe9, 0x0a]));
  test.each([
    [{ command: '' }, "Input 'command': no command given"],
    [{ command: `echo 'unbalanced` }, "Input 'command': unbalanced ' quote"],
    [{ command: '["echo", 1]' }, "Input 'command':"],
    [{ command: '["echo",' }, "Input 'command':"],
    [{ command: 'echo a && echo b' }, "Input 'command': shell operator '&&'"],
    [
      { command: 'true', 'env-file': 'space.env' },
      "Input 'env-file': invalid env file (space.env): line 2: variable 'BAD KEY' contains whitespaces",
    ],
    [{ command: 'true', 'env-file': 'missing.env' }, "Input 'env-file': file missing.env does not exist"],
    [{ command: 'true', 'env-file': 'latin1.env' }, "Input 'env-file': invalid env file (latin1.env):"],
    [{ command: 'true', privileged: 'yes' }, "Input 'privileged': 'yes' is not a boolean: use true or false"],
    [{ command: 'true', env: '=x' }, "Input 'env':"],
  ])('%j', async (inputs, message) => {
    const run = await runAction({ container: box.name, ...inputs }, { workspace });
    expect(run.code).toBe(1);
    const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`::error::${message}`);
    expect(run.stdout).not.toMatch(/\n\s+at /); // no stack trace without debug logging
  });
});
