import { ActionError, oneLine } from '../errors.js';

/**
 * Splitting and quoting of command lines, like a POSIX shell but without any expansion.
 * Nothing here runs a shell: the words go to the Engine as the exec's Cmd array.
 */

const OPERATOR_CHARS = new Set(['&', '|', ';', '<', '>', '(', ')', '`']);
const DOUBLE_QUOTE_ESCAPABLE = new Set(['\\', '"', '$', '`']);
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** 1-based position counted in Unicode code points (a lone surrogate counts as one). */
function characterNumber(text: string, index: number): number {
  let count = 1;
  for (let i = 0; i < index; i++) {
    const unit = text.charCodeAt(i);
    const next = i + 1 < index ? text.charCodeAt(i + 1) : 0;
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++;
    count++;
  }
  return count;
}

function operatorError(line: string, index: number): ActionError {
  const c = line[index];
  const doubled = (c === '&' || c === '|' || c === '<' || c === '>') && line[index + 1] === c;
  const operator = doubled ? c + c : c;
  return new ActionError(
    `shell operator '${operator}' is not run by this input: write the command as sh -c '...' or use the run input`,
  );
}

/**
 * Splits one command line into words like a POSIX shell, with no expansion at all
 * ($VAR, globs and ~ stay literal). Shell operators outside quotes are refused.
 * Throws ActionError (message without the input's name) on bad input.
 */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  const n = line.length;
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < n) {
    const c = line[i];
    if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) {
        words.push(word);
        word = '';
        inWord = false;
      }
      i++;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new ActionError(`unbalanced ' quote starting at character ${characterNumber(line, i)}`);
      word += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      const start = i;
      inWord = true;
      i++;
      for (;;) {
        if (i >= n) throw new ActionError(`unbalanced " quote starting at character ${characterNumber(line, start)}`);
        const d = line[i];
        if (d === '"') {
          i++;
          break;
        }
        if (d === '\\' && i + 1 < n) {
          const e = line[i + 1];
          if (e === '\n') {
            i += 2;
            continue;
          }
          if (DOUBLE_QUOTE_ESCAPABLE.has(e)) {
            word += e;
            i += 2;
            continue;
          }
        }
        word += d;
        i++;
      }
    } else if (c === '\\') {
      if (i + 1 >= n) {
        throw new ActionError('trailing backslash at the end of the command: it has nothing to escape');
      }
      const e = line[i + 1];
      if (e !== '\n') {
        word += e;
        inWord = true;
      }
      i += 2;
    } else if (OPERATOR_CHARS.has(c)) {
      throw operatorError(line, i);
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  if (words.length === 0) throw new ActionError('no command given');
  return words;
}

function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function parseJsonArray(text: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ActionError(
      `invalid JSON array: ${oneLine(detail)} (a command starting with '[' is read as a JSON array of strings)`,
      { cause: error },
    );
  }
  if (!Array.isArray(value)) {
    throw new ActionError(`the JSON value is ${describeJson(value)}, not an array of strings`);
  }
  if (value.length === 0) {
    throw new ActionError('the JSON array is empty: give the program to run and its arguments');
  }
  const words: string[] = [];
  value.forEach((element: unknown, index) => {
    if (typeof element !== 'string') {
      throw new ActionError(
        `element ${index + 1} of the JSON array is ${describeJson(element)}: every element must be a string`,
      );
    }
    words.push(element);
  });
  return words;
}

/**
 * Parses the command input: a JSON array of strings when the trimmed value starts with '['
 * and is JSON (or starts like an array of strings),
 * otherwise a shell-like command line (see splitCommandLine). Always at least one word, and
 * the first word is not empty. Throws ActionError (message without the input's name).
 */
function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export function parseCommand(value: string): string[] {
  const trimmed = value.trim();
  // `[ -f x ]` is a command line (the test program): a value starting with '[' is JSON when
  // it parses as JSON or looks like the start of an array of strings.
  const words =
    trimmed.startsWith('[') && (isJson(trimmed) || /^\[\s*["\]]/.test(trimmed))
      ? parseJsonArray(trimmed)
      : splitCommandLine(value);
  if (words[0] === '') throw new ActionError("the command's first word is empty");
  return words;
}

/** Quotes one word so that splitCommandLine reads it back unchanged. */
export function quoteWord(word: string): string {
  if (SAFE_WORD.test(word)) return word;
  return `'${word.replace(/'/g, "'\\''")}'`;
}

/** Joins words for display; splitCommandLine(joinWords(words)) gives the words back. */
export function joinWords(words: string[]): string {
  return words.map(quoteWord).join(' ');
}

/**
 * The command as the log and the summary show it: shell words (joinWords), or, when a word
 * holds a single quote, the JSON array that the `command` input also takes. Shell quoting
 * rewrites ' as '\'' and so splits a secret held in the word, which then escapes the runner's
 * masking; the runner also masks a secret's JSON escape (its JsonStringEscape encoder), and
 * JSON escapes character by character, so the secret stays whole in that form.
 */
export function displayCommand(words: string[]): string {
  return words.some((word) => word.includes("'")) ? JSON.stringify(words) : joinWords(words);
}
