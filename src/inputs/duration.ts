import { InputError, oneLine } from '../errors.js';

const MAX_MS = 2 ** 31 - 1;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const PLAIN_SECONDS = /^(?:\d+(?:\.\d*)?|\.\d+)$/;
const PART = /(\d+(?:\.\d*)?|\.\d+)(ms|s|m|h)/y;

function parseMs(text: string): number | undefined {
  if (text === '') return undefined;
  if (PLAIN_SECONDS.test(text)) return Number(text) * 1000;
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const match = PART.exec(text);
    if (match === null) return undefined;
    total += Number(match[1]) * UNIT_MS[match[2]];
  }
  return total;
}

/**
 * Parses a duration input into milliseconds: `500ms`, `30s`, `5m`, `1h`, combinations like
 * `1m30s`, or plain (possibly fractional) seconds. Throws InputError naming the input.
 */
export function parseDuration(text: string, input: string): number {
  const trimmed = text.trim();
  const ms = parseMs(trimmed);
  if (ms === undefined || !Number.isFinite(ms) || Math.round(ms) > MAX_MS) {
    throw new InputError(
      input,
      `'${oneLine(trimmed, 100)}' is not a duration: use 500ms, 30s, 5m, 1h or plain seconds`,
    );
  }
  return Math.round(ms);
}

/** Short human form: 850ms, 2.4s, 1m 5s, 1h 2m. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return `${ms}ms`;
  if (ms < 0) return `-${formatDuration(-ms)}`;
  if (Math.round(ms) < 1000) return `${Math.round(ms)}ms`;
  const tenths = Math.round(ms / 100);
  if (tenths < 600) return `${tenths % 10 === 0 ? tenths / 10 : (tenths / 10).toFixed(1)}s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
  const minutes = Math.round(ms / 60_000);
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}
