// action.yml held to the runner's schema, SchemaStore's schema and the few hand rules
// (scripts/check-action-metadata.mjs): the real file passes, the first release's file (not YAML
// at all) fails with its line and column, and each one-change copy of the real file fails with
// the one problem that change makes.
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../../scripts/action-runner.mjs';
import { checkActionText } from '../../scripts/check-action-metadata.mjs';

const script = path.join(ROOT, 'scripts/check-action-metadata.mjs');
const real = readFileSync(path.join(ROOT, 'action.yml'), 'utf8');
const cli = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { cwd: ROOT, encoding: 'utf8' });

/** The real file with one text replaced; fails the test when that text is not there once. */
function changed(from: string, to: string): string {
  expect(real.split(from)).toHaveLength(2);
  return real.replace(from, to);
}

const SUMMARY = 'description: Write a job summary for the step.';
const JOB_DEFAULT = '${{ toJSON(job) }}';
const SCHEMASTORE = '(SchemaStore github-action.json)';
const RUNNER = '(actions/runner action_yaml.json)';
const ANCHORS = `the runner's YAML reader refuses anchors and aliases ("Anchors are not currently supported": YamlObjectReader)`;

describe('the real action.yml', () => {
  test('passes', () => {
    expect(checkActionText(real, { root: ROOT })).toEqual([]);
  });

  test('the CLI says so in one line and exits 0', () => {
    const run = cli();
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^action\.yml: metadata ok \(\d+ inputs, \d+ outputs, runs node24 dist\/index\.js\)\n$/);
    expect(run.status).toBe(0);
  });
});

describe('the CLI on broken files', () => {
  test("the first release's action.yml: one line with line and column, exit 1", () => {
    const run = cli('__tests__/fixtures/action-invalid-yaml.yml');
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      '__tests__/fixtures/action-invalid-yaml.yml: not valid YAML at line 79, column 18: Nested mappings are not allowed in compact mappings (BLOCK_AS_IMPLICIT_KEY)\n',
    );
    expect(run.status).toBe(1);
  });

  test('each problem is one line prefixed with the file; runs.main is looked up next to that file', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'action-metadata-'));
    try {
      const file = path.join(folder, 'action.yml');
      writeFileSync(file, changed('using: node24', 'using: node20'));
      const run = cli(file);
      const shown = path.relative(ROOT, file);
      expect(run.stdout).toBe('');
      expect(run.stderr.split('\n')).toEqual([
        `${shown}: runs.using: is "node20"; this project requires node24 (the runner accepts node12, node16, node20, node24: ActionManifestManager ConvertRuns)`,
        `${shown}: runs.main: 'dist/index.js' is not a file in the action folder; the runner joins it to that folder and fails when the file is missing (NodeScriptActionHandler: Path.Combine, ArgUtil.File)`,
        '',
      ]);
      expect(run.status).toBe(1);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('a file that is not there: one line, exit 1', () => {
    const run = cli('no-such-action.yml');
    expect(run.stderr).toMatch(
      /^no-such-action\.yml: ENOENT: no such file or directory, open '.*no-such-action\.yml'\n$/,
    );
    expect(run.status).toBe(1);
  });
});

describe('one change to the real action.yml', () => {
  test.each<[string, string, string, string[]]>([
    // what a YAML parser refuses, and so does the runner
    [
      'an unquoted ": " in a description',
      SUMMARY,
      'description: Write a job: summary for the step.',
      [
        'not valid YAML at line 96, column 18: Nested mappings are not allowed in compact mappings (BLOCK_AS_IMPLICIT_KEY)',
      ],
    ],
    // SchemaStore: the keys GitHub documents, the Marketplace's branding
    ['an unknown top-level key', 'author:', 'authr:', [`(top level): unknown key 'authr' ${SCHEMASTORE}`]],
    [
      'an unknown key in an input',
      '    required: true\n',
      '    required: true\n    requird: true\n',
      [`inputs.container: unknown key 'requird' ${SCHEMASTORE}`],
    ],
    [
      'a branding icon that is not a Feather icon',
      'icon: terminal',
      'icon: termnal',
      [`branding.icon: "termnal" is not one of the allowed values (257 in the schema) ${SCHEMASTORE}`],
    ],
    [
      'a branding colour the Marketplace does not have',
      'color: blue',
      'color: pink',
      [`branding.color: "pink" is not one of the allowed values (9 in the schema) ${SCHEMASTORE}`],
    ],
    ['an input id with a dot', '  kube-pod:\n', '  kube.pod:\n', [`inputs: unknown key 'kube.pod' ${SCHEMASTORE}`]],
    [
      'required that is not a boolean',
      '    required: true\n',
      '    required: yes-please\n',
      [`inputs.container.required: must be boolean ${SCHEMASTORE}`],
    ],
    [
      'an output with a value (composite actions only)',
      '    description: How many times the command ran.\n',
      '    description: How many times the command ran.\n    value: x\n',
      [`outputs.attempts: unknown key 'value' ${SCHEMASTORE}`],
    ],
    // the runner's schema, its expressions parsed by @actions/expressions
    [
      'a default using a context the runner does not give defaults',
      JOB_DEFAULT,
      '${{ toJSON(secrets) }}',
      [`line 58, column 14: Unrecognized named-value: 'secrets' ${RUNNER}`],
    ],
    [
      'a default calling an unknown function',
      JOB_DEFAULT,
      '${{ toJSN(job) }}',
      [`line 58, column 14: Unrecognized function: 'toJSN' ${RUNNER}`],
    ],
    [
      'a default whose expression does not parse',
      JOB_DEFAULT,
      '${{ toJSON(job }}',
      [`line 58, column 14: Unexpected symbol: 'EOF' ${RUNNER}`],
    ],
    [
      'an expression in a description, where the runner allows none',
      SUMMARY,
      'description: Write a ${{ github.job }} summary.',
      [`line 96, column 18: Unrecognized named-value: 'github' ${RUNNER}`],
    ],
    // the hand rules
    ['an anchor', 'default: sh', 'default: &shell sh', [`line 20: anchor &shell; ${ANCHORS}`]],
    [
      'two inputs whose names differ only in case',
      '  command:\n',
      '  Command:\n    description: x\n  command:\n',
      [
        "line 13: keys 'Command' and 'command' differ only in case; the runner reads keys regardless of case (TemplateReader: OrdinalIgnoreCase), so they are one key",
        `line 13, column 3: 'command' is already defined ${RUNNER}`,
      ],
    ],
    [
      'runs.main naming no file',
      'main: dist/index.js',
      'main: dist/nope.js',
      [
        "runs.main: 'dist/nope.js' is not a file in the action folder; the runner joins it to that folder and fails when the file is missing (NodeScriptActionHandler: Path.Combine, ArgUtil.File)",
      ],
    ],
  ])('%s', (_what, from, to, problems) => {
    expect(checkActionText(changed(from, to), { root: ROOT })).toEqual(problems);
  });

  test('an alias is refused with its anchor', () => {
    const text = changed(
      "  privileged:\n    description: Give the command extended privileges (true or false).\n    required: false\n    default: 'false'",
      "  privileged:\n    description: Give the command extended privileges (true or false).\n    required: false\n    default: &off 'false'\n  verbose:\n    description: More lines.\n    default: *off",
    );
    expect(checkActionText(text, { root: ROOT })).toEqual([
      `line 36: anchor &off; ${ANCHORS}`,
      `line 39: alias *off; ${ANCHORS}`,
    ]);
  });

  test('the same characters quoted are no anchor', () => {
    expect(checkActionText(changed('default: sh', "default: '&shell sh'"), { root: ROOT })).toEqual([]);
  });

  test('a document that is not a mapping', () => {
    expect(checkActionText('- a\n')).toEqual(['the document is not a mapping of keys (name, description, runs, ...)']);
  });
});
