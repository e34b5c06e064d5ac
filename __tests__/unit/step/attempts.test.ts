// The attempts loop (src/step/attempts.ts): retries after a non-zero exit, none after a
// failure of the run itself, the timeout that stops the command, and cancellation during an
// attempt and between attempts. The runner is a script of outcomes (helpers/attempts-child.ts,
// run as a process of its own): this is the loop's own logic; the back ends' runs are tested
// against real engines and a real cluster.
import { describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Case, Seen } from '../../helpers/attempts-child.js';
import { ROOT } from '../../helpers/docker.js';

const CHILD = path.join(ROOT, '__tests__/helpers/attempts-child.ts');

async function attempts(run: Case): Promise<Seen> {
  const { stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(run)], {
    cwd: ROOT,
    env: { ...process.env, GITHUB_OUTPUT: '', RUNNER_DEBUG: '' },
    timeout: 50_000,
  });
  return JSON.parse(stderr.trim().split('\n').pop() ?? '') as Seen;
}

const none = { failure: undefined, timedOut: undefined, cancelled: undefined };

describe('runAttempts', () => {
  test.concurrent.each<[string, Case, Partial<Seen>]>([
    ['success at once', { steps: [{ code: 0 }], retries: 2, retryDelayMs: 1 }, { attempts: 1, exitCode: 0, ...none }],
    [
      'a failure, no retries',
      { steps: [{ code: 2 }], retries: 0, retryDelayMs: 1 },
      { attempts: 1, exitCode: 2, ...none },
    ],
    [
      'a failure, then success',
      { steps: [{ code: 1 }, { code: 0 }], retries: 3, retryDelayMs: 1 },
      { attempts: 2, exitCode: 0, created: 2, ...none },
    ],
    [
      'every attempt fails: the last code',
      { steps: [{ code: 1 }, { code: 1 }, { code: 5 }], retries: 2, retryDelayMs: 1 },
      { attempts: 3, exitCode: 5, created: 3, ...none },
    ],
    [
      'an unknown status is not retried',
      { steps: [{ problem: 'exit status unknown: lost' }, { code: 0 }], retries: 3, retryDelayMs: 1 },
      { attempts: 1, exitCode: undefined, failure: 'exit status unknown: lost', created: 1, stops: [] },
    ],
    [
      'a timeout stops the command once, and is not retried',
      { steps: ['until-stopped', { code: 0 }], retries: 2, retryDelayMs: 1, timeoutMs: 300 },
      {
        attempts: 1,
        exitCode: 143,
        failure: 'timed out after 300ms: the command was stopped',
        timedOut: 'timed out after 300ms',
        cancelled: undefined,
        created: 1,
        stops: ['exec-1 M=1'],
      },
    ],
    [
      'the timeout holds for each attempt',
      { steps: [{ code: 1 }, 'until-stopped'], retries: 1, retryDelayMs: 1, timeoutMs: 300 },
      { attempts: 2, exitCode: 143, timedOut: 'timed out after 300ms', created: 2, stops: ['exec-2 M=2'] },
    ],
    [
      'cancellation during an attempt stops the command, and is not retried',
      {
        steps: ['until-stopped', { code: 0 }],
        retries: 2,
        retryDelayMs: 1,
        cancel: { signal: 'SIGTERM', afterMs: 200 },
      },
      {
        attempts: 1,
        exitCode: 143,
        failure: 'cancelled (SIGTERM): the command was stopped',
        timedOut: undefined,
        cancelled: 'cancelled (SIGTERM)',
        created: 1,
        stops: ['exec-1 M=1'],
      },
    ],
    [
      'cancellation between attempts starts no other attempt and stops nothing',
      { steps: [{ code: 1 }, { code: 0 }], retries: 3, retryDelayMs: 2000, cancel: { signal: 'SIGINT', afterMs: 300 } },
      {
        attempts: 1,
        exitCode: 1,
        failure: 'cancelled (SIGINT) between attempts',
        timedOut: undefined,
        cancelled: 'cancelled (SIGINT)',
        created: 1,
        stops: [],
      },
    ],
  ])(
    '%s',
    async (_name, run, expected) => {
      const seen = await attempts(run);
      // What is absent (undefined) must be absent from what the child saw, too.
      for (const [key, value] of Object.entries(expected)) expect([key, seen[key as keyof Seen]]).toEqual([key, value]);
    },
    60_000,
  );
});
