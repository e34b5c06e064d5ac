// The step's section of the job summary.
import * as core from '@actions/core';
import type { RunReport } from './result.js';
import type { ServiceLog } from './service-log.js';
import type { TailBuffer } from './tail-buffer.js';

/** The job summary section never grows past this (GitHub drops a step's summary over 1 MiB). */
export const SUMMARY_LIMIT = 64 * 1024;
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface SummaryFacts {
  container: string;
  command: string;
  exitCode?: number;
  result: string;
  durationMs: number;
  attempts: number;
  tail: string[];
  /** On failure: the last lines of the container's own log (logs-on-failure). */
  serviceLog?: string[];
}

/** A command longer than this is not repeated in the summary (the log's header has it). */
export const SUMMARY_COMMAND_LIMIT = 4 * 1024;

/** A fenced block that shows `text` byte for byte: its fence is longer than any run of backticks in it. */
function fenced(text: string): string {
  const fence = '`'.repeat(Math.max(3, ...(text.match(/`+/g) ?? []).map((run) => run.length + 1)));
  return `${fence}\n${text}\n${fence}`;
}

export function summaryMarkdown(facts: SummaryFacts, formatDuration: (ms: number) => string): string {
  const rows = [
    ['Container', facts.container],
    ['Result', facts.result],
    ['Exit code', facts.exitCode === undefined ? 'unknown' : String(facts.exitCode)],
    ['Duration', formatDuration(facts.durationMs)],
    ['Attempts', String(facts.attempts)],
  ];
  const table = rows
    .map(([k, v]) => `| ${k} | ${escapeHtml(v).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')} |`)
    .join('\n');
  // The command goes in a fenced block, as written: in the table it would need HTML and pipe
  // escapes, and a secret in it, so rewritten, would escape the runner's masks. A long one is
  // left out whole rather than cut (a cut could leave half a secret, which no mask matches).
  const commandBytes = Buffer.byteLength(facts.command);
  const command =
    commandBytes <= SUMMARY_COMMAND_LIMIT ? fenced(facts.command) : `(${commandBytes} bytes: see the step's log)`;
  const head = `### docker exec in ${escapeHtml(facts.container)}\n\n| | |\n|---|---|\n${table}\n\nCommand:\n\n${command}\n`;
  // The output's last lines and the container's log share what is left, half each.
  const blocks: Array<[string, string[]]> = [['Last lines of output', facts.tail]];
  if (facts.serviceLog?.length)
    blocks.push([`Last lines of the log of ${escapeHtml(facts.container)}`, facts.serviceLog]);
  const budget = Math.floor((SUMMARY_LIMIT - head.length) / blocks.length) - 200;
  // A fenced block shows the lines as printed, byte for byte: the runner masks secrets in the
  // summary file line by line, which HTML escaping (&lt; for <) would defeat.
  const details = blocks
    .map(([title, lines]) => {
      let text = lines.join('\n');
      if (Buffer.byteLength(text) > budget) text = Buffer.from(text).subarray(-budget).toString('utf8');
      return text ? `\n<details><summary>${title}</summary>\n\n${fenced(text)}\n\n</details>\n` : '';
    })
    .join('');
  return `${head}${details}\n`;
}

/** The facts of a run that ended, as the summary shows them. */
export function runFacts(
  container: string,
  command: string,
  result: RunReport & { tails: { last: TailBuffer } },
  resultText: string,
  durationMs: number,
  serviceLog: ServiceLog | undefined,
): SummaryFacts {
  return {
    container,
    command,
    exitCode: result.outcome.exitCode,
    result: resultText,
    durationMs,
    attempts: result.attempts,
    tail: result.tails.last.lastLines(30),
    serviceLog: serviceLog && 'lines' in serviceLog ? serviceLog.lines : undefined,
  };
}

/**
 * Adds the section to the job summary. Without GITHUB_STEP_SUMMARY (@github/local-action, old
 * self-hosted runners) there is nowhere to write one: that is not worth a warning on every
 * step. A summary that cannot be written is a warning, never a failed step.
 */
export async function writeSummary(facts: SummaryFacts, formatDuration: (ms: number) => string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) {
    core.debug('No GITHUB_STEP_SUMMARY file: no job summary written');
    return;
  }
  try {
    await core.summary.addRaw(summaryMarkdown(facts, formatDuration)).write();
  } catch (error) {
    core.warning(`could not write the job summary: ${(error as Error).message}`);
  }
}
