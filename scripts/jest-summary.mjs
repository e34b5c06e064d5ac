// Prints one line for one or more jest --json result files: `tests: N passed, N failed, N skipped`.
//   node scripts/jest-summary.mjs FILE...      (files that do not exist are ignored)
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** The summary line for the given result files. */
export function summary(files) {
  const runs = files.filter((f) => existsSync(f)).map((f) => JSON.parse(readFileSync(f, 'utf8')));
  const sum = (key) => runs.reduce((n, run) => n + run[key], 0);
  // A suite that failed to load (a syntax error, a throwing beforeAll) counts its tests nowhere:
  // count such suites as failures, so that the line never reads "0 failed" for a broken run.
  const brokenSuites = runs.reduce(
    (n, run) => n + run.testResults.filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length,
    0,
  );
  return `tests: ${sum('numPassedTests')} passed, ${sum('numFailedTests') + brokenSuites} failed, ${sum('numPendingTests') + sum('numTodoTests')} skipped`;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) console.log(summary(process.argv.slice(2)));
