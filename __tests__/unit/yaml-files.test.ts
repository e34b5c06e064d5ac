// Every YAML text the project ships is read by a real, strict YAML parser (the `yaml` package:
// an error or a warning fails), as the Actions runner reads action.yml and workflows: the
// tracked .yml files and each ```yaml block of README.md. Where one of them uses this action,
// its `with:` names only inputs action.yml declares, and gives every required one.
import { describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseYamlStrict, readActionYml } from '../../scripts/action-runner.mjs';
import { ROOT } from '../helpers/docker.js';

// Fixtures are not shipped: __tests__/fixtures/action-invalid-yaml.yml is invalid on purpose.
const tracked = execFileSync('git', ['ls-files', '*.yml', '*.yaml'], { cwd: ROOT, encoding: 'utf8' })
  .split('\n')
  .filter((file) => file && !file.startsWith('__tests__/fixtures/'));
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const readmeBlocks = [...readme.matchAll(/^```yaml\n([^]*?)^```$/gm)].map((m) => ({
  name: `README.md line ${readme.slice(0, m.index).split('\n').length}`,
  text: m[1],
}));
const texts = [
  ...tracked.map((file) => ({ name: file, text: readFileSync(path.join(ROOT, file), 'utf8') })),
  ...readmeBlocks,
];
const declared = readActionYml().inputs;

/** The steps in a parsed workflow or list of steps that use this action (`./` or org/docker-exec-action). */
function usesOfThisAction(value: unknown, found: Array<Record<string, unknown>> = []): Array<Record<string, unknown>> {
  if (Array.isArray(value)) for (const item of value) usesOfThisAction(item, found);
  else if (value && typeof value === 'object') {
    const step = value as Record<string, unknown>;
    if (typeof step.uses === 'string' && /^(\.\/?|org\/docker-exec-action@v\d+)$/.test(step.uses)) found.push(step);
    for (const child of Object.values(step)) usesOfThisAction(child, found);
  }
  return found;
}

test('the files and README blocks are found (the lists below are not empty)', () => {
  expect(tracked).toEqual(
    expect.arrayContaining(['action.yml', '.github/workflows/ci.yml', '.github/workflows/e2e.yml']),
  );
  expect(readmeBlocks.length).toBeGreaterThanOrEqual(8);
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
