// README's inputs and outputs tables must say what action.yml says (names, defaults,
// required, descriptions), so the documentation cannot drift from the contract; and README stays
// a page for users, with its sections and its two fresh-machine commands.
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readActionYml } from '../../scripts/action-runner.mjs';
import { ROOT } from '../helpers/docker.js';

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const meta = readActionYml();

function tableRows(heading: string): Map<string, string[]> {
  const start = readme.indexOf(heading);
  if (start < 0) throw new Error(`README has no "${heading}" section`);
  const rows = new Map<string, string[]>();
  for (const line of readme.slice(start).split('\n').slice(1)) {
    if (line.startsWith('#')) break;
    const cells = /^\|\s*`([^`]+)`\s*\|(.*)\|\s*$/.exec(line);
    // Cells are split at unescaped pipes; `\|` is a pipe inside a cell.
    if (cells)
      rows.set(
        cells[1],
        cells[2].split(/(?<!\\)\|/).map((c) => c.trim().replaceAll('\\|', '|')),
      );
  }
  return rows;
}

describe('README matches action.yml', () => {
  const inputs = tableRows('### Inputs');
  const outputs = tableRows('### Outputs');

  test('every input is documented, and nothing else', () => {
    expect([...inputs.keys()].sort()).toEqual(meta.inputs.map((i) => i.name).sort());
  });

  test.each(meta.inputs.map((i) => [i.name, i] as const))('input %s: default and required', (name, input) => {
    const [required, defaultCell] = inputs.get(name) ?? [];
    expect(required).toBe(input.required ? 'yes' : 'no');
    expect(defaultCell).toBe(input.default === undefined ? '' : `\`${input.default}\``);
  });

  test.each(meta.inputs.map((i) => [i.name, i] as const))('input %s: description', (name, input) => {
    expect(inputs.get(name)?.[2]).toBe(input.description);
  });

  test('every output is documented, and nothing else', () => {
    expect([...outputs.keys()].sort()).toEqual(meta.outputs.map((o) => o.name).sort());
  });

  test.each(meta.outputs.map((o) => [o.name, o] as const))('output %s: description', (name, output) => {
    expect(outputs.get(name)?.[0]).toBe(output.description);
  });

  test('runs on node24 from dist/index.js', () => {
    expect(meta.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(meta.top.name && meta.top.description && meta.top.author).toBeTruthy();
  });
});

describe('README is a page for users', () => {
  test('at most 450 lines', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(450);
  });

  test.each([
    '## Quick start',
    '## Requirements',
    '### Inputs',
    '### Outputs',
    '## Examples',
    '## Troubleshooting',
    '### Docker',
    '### Kubernetes',
    '## Versions',
    '## Try it, and test it, on a fresh machine',
  ])('has the section %s', (heading) => {
    expect(readme.split('\n')).toContain(heading);
  });

  test('requires runner v2.327.1 for node24', () => {
    expect(readme).toMatch(/v2\.327\.1 or later/);
  });

  test('keeps the two fresh-machine commands, near the end', () => {
    const at = readme.indexOf('## Try it, and test it, on a fresh machine');
    expect(readme.slice(at)).toMatch(/^bash scripts\/demo\.sh /m);
    expect(readme.slice(at)).toMatch(/^bash scripts\/test\.sh /m);
    expect(at).toBeGreaterThan(readme.indexOf('## Versions'));
  });

  test('has 5 or 6 examples', () => {
    const examples = readme.slice(readme.indexOf('## Examples'), readme.indexOf('## How it behaves'));
    expect(examples.match(/^### /gm)?.length).toBeGreaterThanOrEqual(5);
    expect(examples.match(/^### /gm)?.length).toBeLessThanOrEqual(6);
  });

  test.each([...readme.matchAll(/\]\(((?:docs\/|[A-Z]+\.md)[^)#]*)(#[^)]*)?\)/g)].map((m) => [m[1], m[2] ?? '']))(
    'links to %s%s, which exists',
    (file, anchor) => {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      if (anchor)
        expect(
          text
            .split('\n')
            .filter((l) => l.startsWith('#'))
            .map((l) =>
              l
                .replace(/^#+ /, '')
                .toLowerCase()
                .replace(/[^a-z0-9 _-]/g, '')
                .replaceAll(' ', '-'),
            ),
        ).toContain(anchor.slice(1));
    },
  );
});
