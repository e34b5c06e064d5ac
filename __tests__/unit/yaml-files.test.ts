// Every YAML text the project ships is read by a real, strict YAML parser (the `yaml` package:
// an error or a warning fails), as the Actions runner reads action.yml and workflows: the
// tracked .yml files and each ```yaml block of README.md, CONTRIBUTING.md and docs/. Where one
// of them uses this action, its `with:` names only inputs action.yml declares, and gives every
// required one. No `${{ }}` is pasted into a script: a `run:` (a step's, or this action's `run`
// and `command` inputs) gets expressions through `env:`, as GitHub's hardening guide says
// (https://docs.github.com/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#understanding-the-risk-of-script-injections).
import { describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseYamlStrict, readActionYml } from '../../scripts/action-runner.mjs';
import { ROOT } from '../helpers/docker.js';

// Fixtures are not shipped: __tests__/fixtures/action-invalid-yaml.yml is invalid on purpose.
const tracked = execFileSync('git', ['ls-files', '*.yml', '*.yaml'], { cwd: ROOT, encoding: 'utf8' })
  .split('\n')
  .filter((file) => file && !file.startsWith('__tests__/fixtures/'));
const documents = [
  'README.md',
  'CONTRIBUTING.md',
  ...readdirSync(path.join(ROOT, 'docs')).map((f) => `docs/${f}`),
].filter((file) => file.endsWith('.md'));
const blocksOf = (file: string) => {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  return [...text.matchAll(/^```yaml\n([^]*?)^```$/gm)].map((m) => ({
    name: `${file} line ${text.slice(0, m.index).split('\n').length}`,
    text: m[1],
  }));
};
const readmeBlocks = blocksOf('README.md');
const docBlocks = documents.filter((file) => file !== 'README.md').flatMap(blocksOf);
const texts = [
  ...tracked.map((file) => ({ name: file, text: readFileSync(path.join(ROOT, file), 'utf8') })),
  ...readmeBlocks,
  ...docBlocks,
];
const declared = readActionYml().inputs;
const THIS_ACTION = /^(\.\/?|org\/docker-exec-action@v\d+)$/;

/** The steps in a parsed workflow or list of steps that use this action (`./` or org/docker-exec-action). */
function usesOfThisAction(value: unknown, found: Array<Record<string, unknown>> = []): Array<Record<string, unknown>> {
  if (Array.isArray(value)) for (const item of value) usesOfThisAction(item, found);
  else if (value && typeof value === 'object') {
    const step = value as Record<string, unknown>;
    if (typeof step.uses === 'string' && THIS_ACTION.test(step.uses)) found.push(step);
    for (const child of Object.values(step)) usesOfThisAction(child, found);
  }
  return found;
}

/** Where a parsed YAML text pastes `${{ }}` into a script: each as `path: value`. */
function expressionsInScripts(value: unknown, where = '', found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item, i) => expressionsInScripts(item, `${where}[${i}]`, found));
  else if (value && typeof value === 'object') {
    const mapping = value as Record<string, unknown>;
    // Any `run` key is taken as a script: a step's, this action's input, or another action's.
    const scripts: Array<[string, unknown]> = [['run', mapping.run]];
    if (typeof mapping.uses === 'string' && THIS_ACTION.test(mapping.uses)) {
      const withBlock = (mapping.with ?? {}) as Record<string, unknown>;
      scripts.push(['with.command', withBlock.command]);
    }
    for (const [key, script] of scripts)
      if (typeof script === 'string' && script.includes('${{')) found.push(`${where}.${key}: ${script.trim()}`);
    for (const [key, child] of Object.entries(mapping)) expressionsInScripts(child, `${where}.${key}`, found);
  }
  return found;
}

test('the files and README blocks are found (the lists below are not empty)', () => {
  expect(tracked).toEqual(
    expect.arrayContaining(['action.yml', '.github/workflows/ci.yml', '.github/workflows/e2e.yml']),
  );
  expect(readmeBlocks.length).toBeGreaterThanOrEqual(7);
  expect(documents).toEqual(expect.arrayContaining(['CONTRIBUTING.md', 'docs/behaviour.md', 'docs/remote-engines.md']));
  expect(docBlocks.length).toBeGreaterThanOrEqual(10);
});

describe.each(texts)('$name', ({ name, text }) => {
  test('is valid YAML to a strict parser', () => {
    expect(() => parseYamlStrict(text, name)).not.toThrow();
  });

  test('uses of this action name declared inputs and give the required ones', () => {
    const steps = usesOfThisAction(parseYamlStrict(text, name));
    for (const step of steps) {
      const withBlock = (step.with ?? {}) as Record<string, unknown>;
      for (const key of Object.keys(withBlock)) expect(declared.map((input) => input.name)).toContain(key);
      for (const input of declared.filter((i) => i.required)) expect(Object.keys(withBlock)).toContain(input.name);
    }
  });

  test('pastes no ${{ }} into a script: expressions go through env', () => {
    expect(expressionsInScripts(parseYamlStrict(text, name))).toEqual([]);
  });
});

test.each([
  [
    'a step script',
    '- run: test "${{ steps.count.outputs.stdout }}" -gt 0\n',
    ['[0].run: test "${{ steps.count.outputs.stdout }}" -gt 0'],
  ],
  ['the same through env', '- env:\n    COUNT: ${{ steps.count.outputs.stdout }}\n  run: test "$COUNT" -gt 0\n', []],
  [
    "this action's run input",
    '- uses: org/docker-exec-action@v1\n  with:\n    container: db\n    run: psql -c "${{ inputs.sql }}"\n',
    ['[0].with.run: psql -c "${{ inputs.sql }}"'],
  ],
  [
    "this action's command input",
    '- uses: ./\n  with:\n    container: db\n    command: echo ${{ github.head_ref }}\n',
    ['[0].with.command: echo ${{ github.head_ref }}'],
  ],
  ['an input that is no script', '- uses: ./\n  with:\n    container: db\n    tls-ca: ${{ secrets.CA }}\n', []],
  [
    "another action's run input, taken as a script too",
    '- uses: other/action@v1\n  with:\n    run: ${{ inputs.x }}\n',
    ['[0].with.run: ${{ inputs.x }}'],
  ],
  ["another action's command input", '- uses: other/action@v1\n  with:\n    command: ${{ inputs.x }}\n', []],
])('the script rule itself: %s', (_what, text, found) => {
  expect(expressionsInScripts(parseYamlStrict(text, 'x.yml'))).toEqual(found);
});

test.each([
  [
    'a colon and a space in a plain scalar',
    'description: its ::commands:: work\n',
    /line 1, column \d+: .*\(BLOCK_AS_IMPLICIT_KEY\)/,
  ],
  ['a duplicate key', 'a: 1\na: 2\n', /line 2, column 1: Map keys must be unique \(DUPLICATE_KEY\)/],
  ['a tab as indentation', 'a:\n\tb: 1\n', /line 2, column 1: .*\(TAB_AS_INDENT\)/],
])('the strict reader refuses %s, naming the line', (_what, text, message) => {
  expect(() => parseYamlStrict(text, 'x.yml')).toThrow(message);
});
