// Runs src/step/attempts.ts's loop in a process of its own, over a runner that follows a
// script of outcomes, and prints what the loop returned as the last line of stderr. A process
// of its own: the loop waits until stdout and stderr have flushed, which Jest's own streams
// never report. Used by __tests__/unit/step/attempts.test.ts.
//   node --import tsx attempts-child.ts '<Case as JSON>'
import { OutputGuard } from '../../src/report/guard.js';
import type { CommandRunner, ExecOutcome, ExecSpec } from '../../src/shared/backend.js';
import { RunControl, runAttempts } from '../../src/step/attempts.js';

/** What one attempt does: end with a code, end with a problem, or run until it is stopped. */
export type Step = { code: number } | { problem: string } | 'until-stopped';

export interface Case {
  steps: Step[];
  retries: number;
  retryDelayMs: number;
  timeoutMs?: number;
  /** Cancels (as the runner's signal would) this long after the first attempt started. */
  cancel?: { signal: 'SIGINT' | 'SIGTERM'; afterMs: number };
}

export interface Seen {
  attempts: number;
  exitCode?: number;
  failure?: string;
  timedOut?: string;
  cancelled?: string;
  created: number;
  stops: string[];
}

const test = JSON.parse(process.argv[2] ?? '{}') as Case;
const control = new RunControl();
let created = 0;
const stops: string[] = [];
let release: (() => void) | undefined;
const stream = { stdoutBytes: 0, stderrBytes: 0 };
const runner: CommandRunner = {
  create: () => {
    created++;
    if (created === 1 && test.cancel) {
      const { signal, afterMs } = test.cancel;
      setTimeout(() => control.cancel(signal), afterMs);
    }
    return Promise.resolve({ id: `exec-${created}`, marker: `M=${created}` });
  },
  attach: async (id): Promise<ExecOutcome> => {
    const step = test.steps[created - 1];
    if (step === 'until-stopped') {
      await new Promise<void>((resolve) => (release = resolve));
      return { execId: id, exitCode: 143, stream };
    }
    if ('problem' in step) return { execId: id, problem: step.problem, stream };
    return { execId: id, exitCode: step.code, stream };
  },
  stop: (id, marker) => {
    stops.push(`${id} ${marker}`);
    release?.();
    return Promise.resolve('sent TERM to 1 process(es)');
  },
};
const spec: ExecSpec = { cmd: ['true'], env: [], privileged: false, tty: false };
control.runner = runner;
const result = await runAttempts({ runner, spec, inputs: test, control, guard: new OutputGuard(false) });
const seen: Seen = {
  attempts: result.attempts,
  exitCode: result.outcome.exitCode,
  failure: result.failure,
  timedOut: result.timedOut,
  cancelled: result.cancelled,
  created,
  stops,
};
process.stderr.write(`\n${JSON.stringify(seen)}\n`);
