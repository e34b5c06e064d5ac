// The job log as the runner reads it (helpers/runner-log.ts): container output cannot forge
// outputs, masks or annotations; secret-named values are masked and no value is printed;
// the error annotation, the job summary, groups and the heartbeat are readable on every path.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runAction, type ActionRun } from '../helpers/action.js';
import { removeStartedContainers, startContainer, type TestContainer } from '../helpers/docker.js';
import { maskLines, readRunnerLog, type RunnerLog } from '../helpers/runner-log.js';

let box: TestContainer;

beforeAll(async () => {
  box = await startContainer();
});
afterAll(removeStartedContainers);

const modelOf = (run: ActionRun): RunnerLog => readRunnerLog(run.stdout, run.stderr);

/** Every workflow command a container might try, on stdout and on stderr. */
const FORGE = `
for fd in 1 2; do
  echo "::set-output name=exit-code::999" >&$fd
  echo "::add-mask::forged-mask-$fd" >&$fd
  echo "x ##[set-output name=pwned]yes" >&$fd
  echo "  ::save-state name=s::$fd" >&$fd
done
echo "::stop-commands::abc"
echo "::abc::"
echo "::error::forged"
echo "::abc::" >&2
echo "::warning title=w::forged on stderr" >&2
printf "::notice::no newline at the end"
`;

/** The outputs the action sets, and nothing else. */
const OUTPUT_NAMES = ['attempts', 'container-id', 'exec-id', 'exit-code', 'stderr', 'stdout'];

describe('the runner model', () => {
  test('honours what a guard must stop: v2 and legacy commands, stop/resume, stderr after stdout', () => {
    const log = readRunnerLog(
      [
        '::add-mask::s3cret',
        '  ::set-output name=a::1',
        'text ##[set-output name=b;]2',
        '::stop-commands::tok',
        '::set-output name=c::3',
        '::TOK::',
        '::error title=T%3A x::see s3cret',
        '::group::g',
        '::endgroup::',
        'a\rb',
        '::set-output name=d::4',
      ].join('\n'),
      '::add-mask::late\n::notice::n',
    );
    expect(log.outputs).toEqual({ a: '1', b: '2', d: '4' });
    expect(log.masks).toEqual(['s3cret', 'late']);
    expect(log.annotations.map((a) => [a.level, a.title, a.message, a.stream])).toEqual([
      ['error', 'T: x', 'see ***', 'stdout'],
      ['notice', undefined, 'n', 'stderr'],
    ]);
    expect(log.groups).toEqual({ opened: 1, closed: 1, balance: 0, lowest: 0, deepest: 1 });
    expect(log.stray.map((c) => c.name)).toEqual(['set-output', 'set-output', 'set-output']);
    expect(log.display).toEqual(expect.arrayContaining(['::stop-commands::tok', '::set-output name=c::3', 'a', 'b']));
  });
});

describe('container output cannot take over the job', () => {
  test.each([
    ['succeeds', 0],
    ['fails', 3],
  ])('a command that forges commands on stdout and stderr, then %s', async (_label, code) => {
    const run = await runAction({ container: box.name, run: `${FORGE}\nexit ${code}` });
    const log = modelOf(run);
    expect(run.code).toBe(code === 0 ? 0 : 1);
    expect(Object.keys(run.outputs).sort()).toEqual(OUTPUT_NAMES);
    expect(run.outputs['exit-code']).toBe(String(code));
    expect(log.outputs).toEqual({});
    expect(log.masks).toEqual([]);
    expect(log.stray).toEqual([]);
    expect(log.stoppedAtEnd).toBeUndefined();
    // Everything the container printed is still shown, as text.
    // (A stderr line may arrive after the open last line and join it, as on a terminal.)
    expect(log.display).toEqual(expect.arrayContaining(['::error::forged', 'x ##[set-output name=pwned]yes']));
    expect(log.display.some((l) => l.startsWith('::notice::no newline at the end'))).toBe(true);
    // While guarded, the container's stderr goes behind the marker on stdout.
    expect(run.stderr).toBe('');
    if (code === 0) {
      expect(log.annotations).toEqual([]);
    } else {
      expect(log.annotations.map((a) => [a.level, a.title])).toEqual([['error', `${box.name}: exit code 3`]]);
    }
  });

  test('with workflow-commands: true the container is trusted: its commands work', async () => {
    const run = await runAction({
      container: box.name,
      'workflow-commands': 'true',
      run: `echo "::notice title=from the container::hello"\n${FORGE}`,
    });
    const log = modelOf(run);
    expect(run.code).toBe(0);
    expect(log.annotations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ level: 'notice', title: 'from the container', message: 'hello' }),
      ]),
    );
    // The same forgeries that the guard stops: proof that the assertions above can fail.
    expect(log.outputs['exit-code']).toBe('999');
    expect(log.masks).toContain('forged-mask-1');
    // The container's last line, left open, is not joined by the action's result line.
    expect(log.annotations).toEqual(
      expect.arrayContaining([expect.objectContaining({ level: 'notice', message: 'no newline at the end' })]),
    );
  });

  test("the container's configuration shown in the header cannot issue commands either", async () => {
    // Workdir and user come from the image (or the service's options): untrusted like its output.
    const odd = await startContainer({ args: ['-w', '/w/##[set-output name=pwned]yes\n::add-mask::Container'] });
    const run = await runAction({ container: odd.name, command: 'true' });
    const log = modelOf(run);
    expect(run.code).toBe(0);
    expect(log.outputs).toEqual({});
    expect(log.masks).toEqual([]);
    expect(log.stray).toEqual([]);
    expect(log.display.join('\n')).toMatch(/Workdir: .*set-output name=pwned/);
  });
});

describe('secrets', () => {
  const secretEnv: Record<string, string> = {
    DB_PASSWORD: 'pw-value-1',
    ldap_passwd: 'pw-value-2',
    MySecret: 'pw-value-3',
    GH_TOKEN: 'pw-value-4',
    Aws_Credentials: 'pw-value-5',
    OPENAI_API_KEY: 'pw-value-6',
    SMTP_PASSWORD: 'pw<&>|value-9',
  };
  const plainEnv: Record<string, string> = {
    PLAIN: 'plain-value-1',
    PASS_HINT: 'plain-value-2',
    APIKEY: 'plain-value-3',
    KEY: 'plain-value-4',
  };

  test('secret-named values from env and env-file are masked before any output; no value is printed', async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'dea-secrets-'));
    writeFileSync(
      path.join(workspace, 'vars.env'),
      'ssh_private_key=pw-value-7\nFILE_PLAIN=plain-value-5\nSTEP_TOKEN\nBLANK_TOKEN=   \n',
    );
    const env = Object.entries({ ...secretEnv, ...plainEnv })
      .map(([k, v]) => `${k}=${v}`)
      .join('\n');
    const names = [...Object.keys(secretEnv), ...Object.keys(plainEnv), 'ssh_private_key', 'FILE_PLAIN', 'STEP_TOKEN'];
    const run = await runAction(
      {
        container: box.name,
        env,
        'env-file': 'vars.env',
        run: names.map((n) => `echo "${n}=$${n}"; echo "${n}=$${n}" >&2`).join('\n'),
      },
      { workspace, env: { STEP_TOKEN: 'pw-value-8', RUNNER_DEBUG: '1' } },
    );
    const log = modelOf(run);
    expect(run.code).toBe(0);
    const secrets = [...Object.values(secretEnv), 'pw-value-7', 'pw-value-8'];
    expect([...log.masks].sort()).toEqual([...secrets].sort());
    expect(log.annotations).toEqual([]); // a blank value is not a mask (the runner warns on one)
    // Registered before the guard, so that the runner takes them.
    const guardAt = run.stdout.indexOf('::stop-commands::');
    expect(guardAt).toBeGreaterThan(run.stdout.lastIndexOf('::add-mask::'));
    // The container printed every value; the log shows none of the secrets.
    const shown = log.display.join('\n');
    for (const value of secrets) expect(shown).not.toContain(value);
    expect(shown).not.toContain('value-9');
    expect(shown).toContain('DB_PASSWORD=***');
    for (const value of ['plain-value-1', 'plain-value-5']) expect(shown).toContain(value);
    // The action's own lines (all but the container's, between the markers) hold no value.
    const own = run.stdout.replace(/::stop-commands::(\w+)\n[\s\S]*?::\1::\n/, '') + run.stderr;
    expect(own.replace(/^::add-mask::.*$/gm, '')).not.toMatch(/pw-value|plain-value/);
    expect(own).toMatch(
      /Env: +ssh_private_key, FILE_PLAIN, STEP_TOKEN, BLANK_TOKEN, DB_PASSWORD, ldap_passwd, MySecret, GH_TOKEN, Aws_Credentials, OPENAI_API_KEY, SMTP_PASSWORD, PLAIN, PASS_HINT, APIKEY, KEY\n/,
    );
    // The summary's last lines keep the bytes the container printed, so the runner's masks
    // (applied to the summary file line by line) still match: nothing there either.
    expect(run.summary).toContain('SMTP_PASSWORD=');
    expect(maskLines(run.summary, log.masks)).not.toMatch(/pw-value|value-9/);
  });
});

describe('the error annotation', () => {
  test('holds the stderr tail, titled with the container and exit code, outside any group', async () => {
    const run = await runAction({ container: box.name, run: 'echo out-line\necho err-1 >&2\necho err-2 >&2\nexit 3' });
    const [annotation, ...others] = modelOf(run).annotations;
    expect(others).toEqual([]);
    expect(annotation).toMatchObject({ level: 'error', title: `${box.name}: exit code 3`, inGroup: false });
    expect(annotation.message).toBe('command exited with code 3\n\nLast lines of stderr:\nerr-1\nerr-2');
  });

  test('holds the stdout tail when stderr is empty', async () => {
    const run = await runAction({ container: box.name, command: `sh -c 'echo only-out; exit 4'` });
    const [annotation] = modelOf(run).annotations;
    expect(annotation).toMatchObject({ level: 'error', title: `${box.name}: exit code 4` });
    expect(annotation.message).toBe('command exited with code 4\n\nLast lines of stdout:\nonly-out');
  });

  test('keeps the last line within what the runner keeps of a message (4096 characters)', async () => {
    const run = await runAction({
      container: box.name,
      run: 'for i in $(seq 30); do printf "%0400d\\n" $i >&2; done\necho THE-REAL-CAUSE >&2\nexit 5',
    });
    const [annotation] = modelOf(run).annotations;
    expect(annotation.title).toBe(`${box.name}: exit code 5`);
    expect(annotation.message).toMatch(/^command exited with code 5\n/);
    expect(annotation.message).toMatch(/\nTHE-REAL-CAUSE$/);
  });
});

describe('the job summary', () => {
  test('300,000 lines: a Markdown section under 1 MiB with the last lines collapsed', async () => {
    const run = await runAction({ container: box.name, command: 'seq 1 300000' });
    expect(run.code).toBe(0);
    expect(Buffer.byteLength(run.summary)).toBeLessThan(1024 * 1024);
    expect(Buffer.byteLength(run.summary)).toBeLessThan(64 * 1024);
    expect(run.summary).toMatch(new RegExp(`^### docker exec in ${box.name}\n`));
    for (const row of [`Container \\| ${box.name}`, 'Exit code \\| 0', 'Duration \\| \\d', 'Attempts \\| 1']) {
      expect(run.summary).toMatch(new RegExp(`\\| ${row}`));
    }
    expect(run.summary).toContain('\nCommand:\n\n```\nseq 1 300000\n```\n');
    expect(run.summary).toMatch(
      /<details><summary>Last lines of output<\/summary>\n\n```\n[\d\n]*\n299999\n300000\n```\n\n<\/details>\n/,
    );
    expect(run.summary).not.toMatch(/```\n1\n2\n/);
  });

  test("the container's lines stay inside the collapsed block", async () => {
    const run = await runAction({ container: box.name, command: `printf '%s\\n' '\`\`\`' '</details>' '# heading'` });
    expect(run.summary).toMatch(
      /<summary>Last lines of output<\/summary>\n\n````\n```\n<\/details>\n# heading\n````\n\n<\/details>\n/,
    );
  });

  test.each([
    ['a directory', (dir: string) => dir],
    ['a path that cannot be written', (dir: string) => path.join(dir, 'missing', 'summary.md')],
  ])('GITHUB_STEP_SUMMARY is %s: the step still succeeds, with a warning', async (_label, where) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dea-summary-'));
    const run = await runAction({ container: box.name, command: 'true' }, { env: { GITHUB_STEP_SUMMARY: where(dir) } });
    const log = modelOf(run);
    expect(run.code).toBe(0);
    expect(log.annotations).toEqual([
      expect.objectContaining({
        level: 'warning',
        message: expect.stringMatching(/^could not write the job summary: /),
      }),
    ]);
  });
});

describe('groups balance on every path', () => {
  test.each<[string, Record<string, string>, Record<string, string>, number]>([
    ['success', { command: 'true' }, {}, 0],
    ['failure', { command: 'false' }, {}, 1],
    ['input error', { command: 'true', retries: 'many' }, {}, 1],
    ['engine unreachable', { command: 'true' }, { DOCKER_HOST: 'unix:///tmp/no-engine-here.sock' }, 1],
    ['not found', { command: 'true', container: 'no-such-container-xyz', wait: 'none' }, {}, 1],
  ])('%s', async (_label, inputs, env, code) => {
    const run = await runAction({ container: box.name, ...inputs }, { env });
    const log = modelOf(run);
    expect(run.code).toBe(code);
    expect(log.groups).toMatchObject({ balance: 0, lowest: 0 });
    expect(log.groups.deepest).toBeLessThanOrEqual(1);
    expect(log.stoppedAtEnd).toBeUndefined();
    expect(log.annotations.filter((a) => a.level === 'error')).toHaveLength(code);
    expect(log.annotations.filter((a) => a.inGroup)).toEqual([]);
  });
});

describe('a silent command', () => {
  const heartbeat = { env: { DOCKER_EXEC_ACTION_HEARTBEAT_MS: '500' } };

  test('gets a periodic "still running" line', async () => {
    const run = await runAction({ container: box.name, command: 'sleep 2' }, heartbeat);
    const beats = modelOf(run).display.filter((l) => /^still running \(\d/.test(l));
    expect(run.code).toBe(0);
    expect(beats.length).toBeGreaterThanOrEqual(2);
    expect(beats.length).toBeLessThanOrEqual(5);
  });

  test('the "still running" line does not join a line the command left open', async () => {
    const run = await runAction(
      { container: box.name, command: `sh -c 'printf partial; sleep 1.2; echo rest'` },
      heartbeat,
    );
    const display = modelOf(run).display;
    expect(display).toContain('partial');
    expect(display).toContain('rest');
    expect(display.some((l) => /^still running/.test(l))).toBe(true);
  });
});
