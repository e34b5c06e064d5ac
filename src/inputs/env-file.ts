import { ActionError, oneLine } from '../errors.js';

/**
 * Environment entries for the exec: docker's --env-file rules (docker/cli pkg/kvfile, used by
 * opts.ReadKVEnvStrings for `docker exec --env-file`) and the action's `env` input.
 */

/** Gives the local value of a variable, or undefined when it is unset. */
export type LookupEnv = (name: string) => string | undefined;

/**
 * bufio.Scanner's buffer is at most bufio.MaxScanTokenSize (64 KiB) bytes and has to hold a
 * line together with its '\n': a line of 65536 bytes or more (not counting '\n', counting a
 * '\r') fails with "token too long", also as the last line of a file.
 */
const MAX_LINE_BYTES = 65535;
const BOM = [0xef, 0xbb, 0xbf];

/** What Go's strings.TrimLeftFunc(s, unicode.IsSpace) removes (U+FEFF is not among them). */
const LEADING_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
const ANY_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/**
 * Parses an env file like `docker exec --env-file`: entries in file order, `KEY=VALUE` kept
 * exactly as written after leading whitespace, a bare `KEY` takes the local value and is dropped
 * when unset. Throws ActionError `invalid env file (<path>): ...` naming the line.
 */
export function parseEnvFile(content: Buffer, path: string, lookup: LookupEnv): string[] {
  const fail = (lineNumber: number, problem: string): ActionError =>
    new ActionError(`invalid env file (${oneLine(path)}): line ${lineNumber}: ${problem}`);
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const entries: string[] = [];
  let start = 0;
  for (let lineNumber = 1; start < content.length; lineNumber++) {
    const newline = content.indexOf(0x0a, start);
    const end = newline < 0 ? content.length : newline;
    let bytes = content.subarray(start, end);
    start = end + 1;
    if (bytes.length > MAX_LINE_BYTES) {
      throw fail(lineNumber, `line is longer than ${MAX_LINE_BYTES} bytes (docker's limit)`);
    }
    if (bytes.length > 0 && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      throw new ActionError(`invalid env file (${oneLine(path)}): file is not valid UTF-8 (line ${lineNumber})`);
    }
    if (lineNumber === 1 && BOM.every((b, i) => bytes[i] === b)) text = text.slice(1);
    const line = text.replace(LEADING_SPACE, '');
    if (line === '' || line.startsWith('#')) continue;
    const equals = line.indexOf('=');
    const key = equals < 0 ? line : line.slice(0, equals);
    // Docker prints the whole line here; the value may be a secret, so it is left out.
    if (key === '') throw fail(lineNumber, 'no variable name before the = (the line starts with =)');
    if (key.includes(' ') || key.includes('\t')) {
      throw fail(lineNumber, `variable '${oneLine(key)}' contains whitespaces`);
    }
    if (equals >= 0) {
      entries.push(line);
      continue;
    }
    const value = lookup(key);
    if (value !== undefined) entries.push(`${key}=${value}`);
  }
  return entries;
}

/**
 * Parses the action's `env` input: one `KEY=VALUE` per line (value kept exactly), blank and
 * `#` lines ignored. A bare `KEY` takes the local value; when unset it stays bare, which makes
 * the engine remove it from the command's environment (like `docker exec -e KEY`).
 * Throws ActionError (message without the input's name).
 */
export function parseEnvInput(text: string, lookup: LookupEnv): string[] {
  const entries: string[] = [];
  text.split('\n').forEach((raw, index) => {
    const lineNumber = index + 1;
    const line = (raw.endsWith('\r') ? raw.slice(0, -1) : raw).replace(LEADING_SPACE, '');
    if (line === '' || line.startsWith('#')) return;
    const equals = line.indexOf('=');
    const name = equals < 0 ? line : line.slice(0, equals);
    if (name === '')
      throw new ActionError(`line ${lineNumber}: no variable name before the = (the line starts with =)`);
    if (ANY_SPACE.test(name)) {
      throw new ActionError(`line ${lineNumber}: variable name '${oneLine(name)}' contains whitespace`);
    }
    if (equals >= 0) {
      entries.push(line);
      return;
    }
    const value = lookup(name);
    entries.push(value === undefined ? name : `${name}=${value}`);
  });
  return entries;
}

/** The distinct variable names of Env entries, in order of first appearance (never values). */
export function envNames(entries: string[]): string[] {
  const names = new Set<string>();
  for (const entry of entries) {
    const equals = entry.indexOf('=');
    names.add(equals < 0 ? entry : entry.slice(0, equals));
  }
  return [...names];
}
