// The tier runner's pure parts: the summary line over jest's JSON results, and which tier a run is.
import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { summary } from '../../scripts/jest-summary.mjs';
import { tier, unmetSuites } from '../../scripts/test-needs.mjs';

interface Run {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { status: string; assertionResults: unknown[] }[];
}
const run = (passed: number, failed: number, pending: number, brokenSuites = 0): Run => ({
  numPassedTests: passed,
  numFailedTests: failed,
  numPendingTests: pending,
  numTodoTests: 0,
  testResults: [
    { status: failed ? 'failed' : 'passed', assertionResults: [{}] },
    ...Array.from({ length: brokenSuites }, () => ({ status: 'failed', assertionResults: [] })),
  ],
});

describe('summary', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dea-summary-'));
  const file = (name: string, data: Run) => {
    const f = path.join(dir, name);
    writeFileSync(f, JSON.stringify(data));
    return f;
  };
  test.each([
    ['one run', [run(10, 0, 2)], 'tests: 10 passed, 0 failed, 2 skipped'],
    ['runs add up', [run(10, 1, 0), run(5, 2, 3)], 'tests: 15 passed, 3 failed, 3 skipped'],
    ['a suite that failed to load counts as a failure', [run(4, 0, 0, 1)], 'tests: 4 passed, 1 failed, 0 skipped'],
    ['no results', [], 'tests: 0 passed, 0 failed, 0 skipped'],
  ])('%s', (_, runs, line) => {
    const files = runs.map((r, i) => file(`${line.length}-${i}.json`, r));
    expect(summary([...files, path.join(dir, 'missing.json')])).toBe(line);
  });
});

describe('tier', () => {
  test.each([
    [{ DEA_TEST_TIER: 'engine' }, 'engine'],
    [{ DEA_TEST_TIER: 'full' }, 'full'],
    // A plain `npm run jest` leaves nothing out quietly.
    [{}, 'full'],
    [{ DEA_TEST_TIER: 'unit' }, 'full'],
  ])('%j is %s', (env, expected) => {
    expect(tier(env)).toBe(expected);
  });

  test('the full tier leaves no suite out', () => {
    expect(unmetSuites({ DEA_TEST_TIER: 'full' })).toEqual([]);
  });
});
