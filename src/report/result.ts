// How the run ended, told to the workflow: the step's outputs, a warning when an output was
// cut, and on failure one error annotation with the last lines of output (or, with
// fail-on-error false, a warning) and a failed step.
import * as core from '@actions/core';
import type { TailBuffer } from './tail-buffer.js';

/** Each of the stdout and stderr outputs keeps at most this much (the end). */
export const OUTPUT_LIMIT = 256 * 1024;
/** The runner keeps the first 4096 characters of an annotation; stay under, with room for masks. */
export const ANNOTATION_LIMIT = 4000;

/** The end of `text` in at most `max` characters, '…' marking a cut. */
export function keepEnd(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = text.slice(text.length - max + 1);
  if (/^[\udc00-\udfff]/.test(kept)) kept = kept.slice(1);
  return `…${kept}`;
}

/** What the run came to (step/attempts.ts RunResult): what the report needs of it. */
export interface RunReport {
  outcome: { exitCode?: number; problem?: string };
  attempts: number;
  failure?: string;
  timedOut?: string;
  cancelled?: string;
  tails: { stdout: TailBuffer; stderr: TailBuffer };
}

/**
 * Sets the outputs and reports a failure; returns the result in words (for the summary) and
 * whether the step fails.
 */
export function reportResult(
  result: RunReport,
  containerName: string,
  failOnError: boolean,
  copiedOut?: { bytes: number } | { failure: string },
): { text: string; stepFails: boolean } {
  const reported = reportCommand(result, containerName, failOnError);
  if (copiedOut && 'bytes' in copiedOut) core.setOutput('copied-out', String(copiedOut.bytes));
  if (!copiedOut || !('failure' in copiedOut)) return reported;
  // A copy-out that failed fails the step too, in an annotation of its own.
  core.error(copiedOut.failure);
  process.exitCode = 1;
  return { text: reported.stepFails ? reported.text : copiedOut.failure, stepFails: true };
}

function reportCommand(
  result: RunReport,
  containerName: string,
  failOnError: boolean,
): { text: string; stepFails: boolean } {
  const { outcome, tails } = result;
  const exitCode = outcome.exitCode;
  if (exitCode !== undefined) core.setOutput('exit-code', String(exitCode));
  core.setOutput('attempts', String(result.attempts));
  for (const [name, tail] of [
    ['stdout', tails.stdout],
    ['stderr', tails.stderr],
  ] as const) {
    if (tail.cut)
      core.warning(`the ${name} output keeps only the last ${OUTPUT_LIMIT / 1024} KiB of ${tail.total} bytes`);
    // Trailing newlines are dropped, as shell command substitution does.
    core.setOutput(name, tail.text().replace(/\n+$/, ''));
  }
  const failure = result.failure ?? (exitCode !== 0 ? `command exited with code ${exitCode}` : undefined);
  if (!failure) return { text: 'succeeded', stepFails: false };
  const title = `${containerName}: ${exitCode === undefined ? 'exit status unknown' : `exit code ${exitCode}`}`;
  if (exitCode !== undefined && !result.timedOut && !result.cancelled && !outcome.problem && !failOnError) {
    core.warning(`${failure} (fail-on-error is false)`, { title });
    return { text: failure, stepFails: false };
  }
  // One annotation: the failure and the last lines of stderr (stdout when stderr is empty),
  // so the cause shows on the run's page without opening the log.
  const from = tails.stderr.total ? 'stderr' : 'stdout';
  const head = `${failure}\n\nLast lines of ${from}:\n`;
  // The runner keeps the start of a long message: keep the tail's end within its limit.
  const tail = keepEnd(
    (tails.stderr.total ? tails.stderr : tails.stdout).lastLines(20).join('\n'),
    ANNOTATION_LIMIT - head.length,
  );
  core.error(tail ? `${head}${tail}` : failure, { title });
  process.exitCode = 1;
  return { text: failure, stepFails: true };
}
