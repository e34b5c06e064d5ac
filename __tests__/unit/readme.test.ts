// README's inputs and outputs tables must say what action.yml says (names, defaults,
// required), so the documentation cannot drift from the contract.
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
    if (cells)
      rows.set(
        cells[1],
        cells[2].split('|').map((c) => c.trim()),
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

  test('every output is documented, and nothing else', () => {
    expect([...outputs.keys()].sort()).toEqual(meta.outputs.map((o) => o.name).sort());
  });

  test('runs on node24 from dist/index.js', () => {
    expect(meta.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(meta.top.name && meta.top.description && meta.top.author).toBeTruthy();
  });
});
