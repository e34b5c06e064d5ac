// Everything the user reads: the collapsed header group, the guard around the container's
// output, the result line, the error annotation, the step outputs and the job summary.
import * as core from '@actions/core';
import { randomBytes } from 'node:crypto';
import { flushed } from './exec-stream.js';

/** Each of the stdout and stderr outputs keeps at most this much (the end). */
export const OUTPUT_LIMIT = 256 * 1024;
/** The job summary section never grows past this (GitHub drops a step's summary over 1 MiB). */
export const SUMMARY_LIMIT = 64 * 1024;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Registers values to be masked in the log; multi-line values line by line too. */
export function registerSecrets(values: string[]): void {
  for (const value of values) {
    core.setSecret(value);
    if (value.includes('\n')) {
      for (const line of value.split(/\r?\n/)) if (line.trim().length >= 8) core.setSecret(line.trim());
    }
  }
}

/**
 * While the container's output is shown, the runner must not take any of it as a workflow
 * command. `::stop-commands::<token>` before and `::<token>::` after do that, but only if no
 * container byte can reach the runner after the resume marker: the runner reads our stdout
 * and stderr through two pipes, in no guaranteed order, so while guarded the container's
 * stderr is written to our stdout too, behind the marker, in the order it arrived.
 */
export class OutputGuard {
  private readonly token = randomBytes(16).toString('hex');
  private lastByte = 0x0a;
  private active = false;

  constructor(readonly enabled: boolean) {}

  get stderrTarget(): NodeJS.WritableStream & import('node:stream').Writable {
    return this.enabled ? process.stdout : process.stderr;
  }

  /** Remembers the last byte shown, to put the resume marker on a line of its own. */
  saw(payload: Buffer): void {
    if (payload.length) this.lastByte = payload[payload.length - 1];
  }

  open(): void {
    if (!this.enabled || this.active) return;
    this.active = true;
    process.stdout.write(`::stop-commands::${this.token}\n`);
  }

  async close(): Promise<void> {
    await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
    if (!this.active) return;
    this.active = false;
    process.stdout.write(`${this.lastByte === 0x0a ? '' : '\n'}::${this.token}::\n`);
    this.lastByte = 0x0a;
    await flushed(process.stdout);
  }
}

export interface SummaryFacts {
  container: string;
  command: string;
  exitCode?: number;
  result: string;
  durationMs: number;
  attempts: number;
  tail: string[];
}

export function summaryMarkdown(facts: SummaryFacts, formatDuration: (ms: number) => string): string {
  const rows = [
    ['Container', facts.container],
    ['Command', facts.command],
    ['Result', facts.result],
    ['Exit code', facts.exitCode === undefined ? 'unknown' : String(facts.exitCode)],
    ['Duration', formatDuration(facts.durationMs)],
    ['Attempts', String(facts.attempts)],
  ];
  const table = rows.map(([k, v]) => `| ${k} | ${escapeHtml(v).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')} |`).join('\n');
  let tail = facts.tail.join('\n');
  const head = `### docker exec in ${escapeHtml(facts.container)}\n\n| | |\n|---|---|\n${table}\n`;
  const budget = SUMMARY_LIMIT - head.length - 200;
  if (Buffer.byteLength(tail) > budget) tail = Buffer.from(tail).subarray(-budget).toString('utf8');
  const details = tail
    ? `\n<details><summary>Last lines of output</summary>\n\n<pre>${escapeHtml(tail)}</pre>\n\n</details>\n`
    : '';
  return `${head}${details}\n`;
}
