// Everything the user reads: the collapsed header group, the guard around the container's
// output, the result line, the error annotation, the step outputs and the job summary.
import * as core from '@actions/core';
import { flushed } from '../exec/stream.js';
import { randomHex } from '../random.js';

/** Each of the stdout and stderr outputs keeps at most this much (the end). */
export const OUTPUT_LIMIT = 256 * 1024;
/** The job summary section never grows past this (GitHub drops a step's summary over 1 MiB). */
export const SUMMARY_LIMIT = 64 * 1024;
/** The runner keeps the first 4096 characters of an annotation; stay under, with room for masks. */
export const ANNOTATION_LIMIT = 4000;

/** The end of `text` in at most `max` characters, '…' marking a cut. */
export function keepEnd(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = text.slice(text.length - max + 1);
  if (/^[\udc00-\udfff]/.test(kept)) kept = kept.slice(1);
  return `…${kept}`;
}

/**
 * Text from the engine or the container (its workdir, user, image, the stop helper's output)
 * made safe to print outside the guard: control characters escaped, so that no line of it can
 * start with `::`, and `##[`, a command anywhere in a line for the runner, broken by a
 * zero-width space.
 */
export function inert(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, (c) =>
      c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    )
    .replace(/##\[/g, '##[\u200b');
}

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
  private readonly token = randomHex(16);
  private lastByte = 0x0a;
  private active = false;

  constructor(readonly enabled: boolean) {}

  get stderrTarget(): NodeJS.WritableStream & import('node:stream').Writable {
    return this.enabled ? process.stdout : process.stderr;
  }

  /**
   * Remembers the last byte shown on our stdout, to put the resume marker and our own lines
   * on lines of their own.
   */
  saw(payload: Buffer, onStdout = true): void {
    if (payload.length && onStdout) this.lastByte = payload[payload.length - 1];
  }

  /** True while the command left a line open on our stdout. */
  get midLine(): boolean {
    return this.lastByte !== 0x0a;
  }

  open(): void {
    if (!this.enabled || this.active) return;
    this.active = true;
    process.stdout.write(`::stop-commands::${this.token}\n`);
  }

  async close(): Promise<void> {
    await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
    // A line the command left open is ended, so that what we print next (the resume marker,
    // the result line) is not read as part of it.
    const newline = this.midLine ? '\n' : '';
    this.lastByte = 0x0a;
    if (!this.active) {
      if (newline) process.stdout.write(newline);
    } else {
      this.active = false;
      process.stdout.write(`${newline}::${this.token}::\n`);
    }
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
  const table = rows.map(([k, v]) => `| ${k} | ${escapeHtml(v).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')} |`).join('\n');
  // The command goes in a fenced block, as written: in the table it would need HTML and pipe
  // escapes, and a secret in it, so rewritten, would escape the runner's masks. A long one is
  // left out whole rather than cut (a cut could leave half a secret, which no mask matches).
  const commandBytes = Buffer.byteLength(facts.command);
  const command = commandBytes <= SUMMARY_COMMAND_LIMIT ? fenced(facts.command) : `(${commandBytes} bytes: see the step's log)`;
  const head = `### docker exec in ${escapeHtml(facts.container)}\n\n| | |\n|---|---|\n${table}\n\nCommand:\n\n${command}\n`;
  let tail = facts.tail.join('\n');
  const budget = SUMMARY_LIMIT - head.length - 200;
  if (Buffer.byteLength(tail) > budget) tail = Buffer.from(tail).subarray(-budget).toString('utf8');
  // A fenced block shows the lines as printed, byte for byte: the runner masks secrets in the
  // summary file line by line, which HTML escaping (&lt; for <) would defeat.
  const details = tail ? `\n<details><summary>Last lines of output</summary>\n\n${fenced(tail)}\n\n</details>\n` : '';
  return `${head}${details}\n`;
}
