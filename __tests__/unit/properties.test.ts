// Hostile input, property-based: the parsers only ever return or throw ActionError with a
// one-line message, quoting round-trips, and env-file parsing agrees with a model of the rules.
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { displayCommand, joinWords, parseCommand, splitCommandLine } from '../../src/inputs/command-words.js';
import { formatDuration, parseDuration } from '../../src/inputs/duration.js';
import { parseEnvFile, parseEnvInput } from '../../src/inputs/env-file.js';
import { ActionError, InputError } from '../../src/errors.js';

/** Runs fn; a thrown error must be an ActionError with a one-line message. */
function returnsOrActionError(fn: () => unknown): void {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof ActionError)) throw error;
    if (/[\n\r]/.test(error.message)) throw new Error(`multi-line message: ${JSON.stringify(error.message)}`);
  }
}

/** What fn throws (undefined when it returns). */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u));
const shellChar = fc.constantFrom(...` \t\n\r'"\\$\`&|;<>()#*~[]{}=é😀`.split(/(?:)/u), 'a', 'b', '&&', '||', '\\\n');
const hostileStrings = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: codeUnit }),
  fc.string({ unit: shellChar }),
  fc.uint8Array().map((bytes) => new TextDecoder().decode(bytes)),
  fc.uint8Array().map((bytes) => Buffer.from(bytes).toString('latin1')),
);

describe('command words', () => {
  test('splitCommandLine returns at least one word or throws ActionError', () => {
    fc.assert(
      fc.property(hostileStrings, (line) => {
        returnsOrActionError(() => {
          expect(splitCommandLine(line).length).toBeGreaterThan(0);
        });
      }),
    );
  });

  test('parseCommand returns a non-empty first word or throws ActionError', () => {
    const jsonish = fc.oneof(
      hostileStrings.map((s) => `[${s}`),
      fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.boolean())).map((a) => JSON.stringify(a)),
      fc.json(),
    );
    fc.assert(
      fc.property(fc.oneof(hostileStrings, jsonish), (value) => {
        returnsOrActionError(() => {
          const words = parseCommand(value);
          expect(words.length).toBeGreaterThan(0);
          expect(words[0]).not.toBe('');
        });
      }),
    );
  });

  test('splitCommandLine(joinWords(words)) gives the words back', () => {
    const word = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.string({ unit: codeUnit }),
      fc.string({ unit: shellChar }),
    );
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 8 }), (words) => {
        expect(splitCommandLine(joinWords(words))).toEqual(words);
      }),
    );
  });

  test('a secret inside a word is shown whole, or whole JSON-escaped (both forms the runner masks)', () => {
    const word = fc.oneof(fc.string(), fc.string({ unit: shellChar }));
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 5 }),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        (words, which, from, length) => {
          const holder = words[which % words.length];
          const start = from % (holder.length + 1);
          const secret = holder.slice(start, start + (length % (holder.length - start + 1)));
          // A secret is text: a slice that splits a surrogate pair is not one (it cannot come
          // from the UTF-8 of a workflow), and no display could keep half a character whole.
          fc.pre(secret.length > 0 && Buffer.from(secret, 'utf8').toString('utf8') === secret);
          const shown = displayCommand(words);
          expect(shown.includes(secret) || shown.includes(JSON.stringify(secret).slice(1, -1))).toBe(true);
        },
      ),
    );
  });

  test('any whitespace between quoted words separates them the same way', () => {
    const separator = fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\\\n'), minLength: 1, maxLength: 3 });
    const word = fc.string({ unit: shellChar });
    fc.assert(
      fc.property(fc.array(fc.tuple(word, separator), { minLength: 1, maxLength: 6 }), (parts) => {
        // a separator made only of line continuations joins words: give each a real blank too
        const line = parts.map(([w, sep]) => `${joinWords([w])}${sep} `).join('');
        expect(splitCommandLine(line)).toEqual(parts.map(([w]) => w));
      }),
    );
  });
});

describe('env file, hostile bytes', () => {
  const interestingByte = fc.constantFrom(
    0x0a,
    0x0d,
    0x20,
    0x09,
    0x3d,
    0x23,
    0x41,
    0x42,
    0xef,
    0xbb,
    0xbf,
    0xff,
    0xc3,
    0xa9,
    0x00,
    0xc2,
    0xa0,
  );
  const bytes = fc.oneof(
    fc.uint8Array(),
    fc.array(interestingByte).map((a) => Uint8Array.from(a)),
  );

  test('parseEnvFile returns or throws ActionError with a one-line message', () => {
    fc.assert(
      fc.property(bytes, (content) => {
        returnsOrActionError(() => {
          const entries = parseEnvFile(Buffer.from(content), 'x.env', (name) => (name.length % 2 ? 'v' : undefined));
          for (const entry of entries) expect(entry).toContain('=');
        });
      }),
    );
  });

  test('parseEnvInput returns or throws ActionError with a one-line message', () => {
    fc.assert(
      fc.property(hostileStrings, (text) => {
        returnsOrActionError(() => parseEnvInput(text, (name) => (name.length % 2 ? 'v' : undefined)));
      }),
    );
  });
});

// ---- Model of the env-file rules: every generated line carries what it must produce. ----

interface ModelLine {
  /** The line's bytes without its line end. */
  bytes: Buffer;
  /** The entries the line adds when the file is valid. */
  entries: string[];
  /** A local variable the line needs (bare KEY that is set). */
  local?: [string, string];
  /** The message (after "invalid env file (<path>): ") when this line is the first bad one. */
  error?: (lineNumber: number) => string;
}

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
/** Whitespace Go's unicode.IsSpace accepts, CR included (LF can't be inside a line). */
const indentArb = fc.string({
  unit: fc.constantFrom(
    ' ',
    '\t',
    '\v',
    '\f',
    '\r',
    '\u0085',
    '\u00a0',
    '\u1680',
    '\u2003',
    '\u2028',
    '\u202f',
    '\u3000',
  ),
  maxLength: 3,
});
/** Any character except LF and CR, and no lone surrogates (those can't be in a UTF-8 file). */
const lineChar = fc
  .oneof(
    fc.constantFrom('#', '"', "'", '=', ' ', '\t', '\\', '$', '\u00a0', '\v', '\ufeff', 'é', '😀'),
    fc.integer({ min: 0, max: 0xd7ff }),
    fc.integer({ min: 0xe000, max: 0x10ffff }),
  )
  .map((c) => (typeof c === 'number' ? String.fromCodePoint(c) : c))
  .filter((c) => c !== '\n' && c !== '\r');
const valueArb = fc.string({ unit: lineChar, maxLength: 12 });
const nameTail = (chars: string) => fc.string({ unit: fc.constantFrom(...chars.split(/(?:)/u)), maxLength: 5 });
const keyArb = (tailChars: string) =>
  fc.tuple(fc.constantFrom('A', 'z', '_', 'K'), nameTail(tailChars)).map(([a, b]) => a + b);

function lineArb(tailChars: string, withFileOnlyLines: boolean): fc.Arbitrary<(index: number) => ModelLine> {
  const key = keyArb(tailChars);
  const ok = [
    // comment, maybe indented
    fc.tuple(indentArb, valueArb).map(([indent, text]) => () => ({ bytes: utf8(`${indent}#${text}`), entries: [] })),
    // blank line
    indentArb.map((indent) => () => ({ bytes: utf8(indent), entries: [] })),
    // KEY=VALUE: '#', quotes, '=', trailing spaces all stay in the value
    fc
      .tuple(indentArb, key, valueArb)
      .map(([indent, k, v]) => () => ({ bytes: utf8(`${indent}${k}=${v}`), entries: [`${k}=${v}`] })),
    // bare KEY, set locally (possibly to an empty value): the key is unique per line
    fc.tuple(indentArb, key, fc.string({ unit: 'binary', maxLength: 6 })).map(([indent, k, local]) => (i: number) => {
      const name = `${k}_set${i}`;
      return {
        bytes: utf8(`${indent}${name}`),
        entries: [`${name}=${local}`],
        local: [name, local] as [string, string],
      };
    }),
  ];
  const bad = [
    // whitespace inside or after the key, with or without a value
    fc
      .tuple(indentArb, key, fc.constantFrom(' ', '\t', ' \t'), fc.constantFrom('', 'x'), fc.option(valueArb))
      .map(([indent, k, space, more, value]) => () => {
        const name = `${k}${space}${more}`;
        const text = value === null ? name : `${name}=${value}`;
        return {
          bytes: utf8(`${indent}${text}`),
          entries: [],
          error: (n: number) => `line ${n}: variable '${name}' contains whitespaces`,
        };
      }),
    // no name before '='
    fc.tuple(indentArb, fc.stringMatching(/^[a-z #"'=]{0,8}$/)).map(([indent, value]) => () => ({
      bytes: utf8(`${indent}=${value}`),
      entries: [],
      error: (n: number) => `line ${n}: no variable name before the = (the line starts with =)`,
    })),
  ];
  return withFileOnlyLines
    ? fc.oneof(
        { weight: 24, arbitrary: fc.oneof(...ok) },
        // bare KEY not set locally: dropped from an env file
        {
          weight: 4,
          arbitrary: fc
            .tuple(indentArb, key)
            .map(([indent, k]) => (i: number) => ({ bytes: utf8(`${indent}${k}_unset${i}`), entries: [] })),
        },
        { weight: 1, arbitrary: fc.oneof(...bad) },
        // invalid UTF-8 somewhere in the line
        {
          weight: 1,
          arbitrary: fc
            .tuple(valueArb, fc.constantFrom([0xff], [0xc3], [0xed, 0xa0, 0x80], [0xe6, 0x97]), valueArb)
            .map(([before, invalid, after]) => () => ({
              bytes: Buffer.concat([utf8(`K=${before}`), Buffer.from(invalid), utf8(after)]),
              entries: [],
              error: (n: number) => `file is not valid UTF-8 (line ${n})`,
            })),
        },
      )
    : fc.oneof({ weight: 24, arbitrary: fc.oneof(...ok) }, { weight: 1, arbitrary: fc.oneof(...bad) });
}

const modelFile = fc.record({
  bom: fc.boolean(),
  lines: fc.array(fc.tuple(lineArb('AZaz09_.-/:#"\'Äé日\u00a0', true), fc.constantFrom('\n', '\r\n')), {
    maxLength: 15,
  }),
  lastEnd: fc.constantFrom('\n', '\r\n', ''),
});

describe('env file agrees with a model of the documented rules', () => {
  test('parseEnvFile', () => {
    fc.assert(
      fc.property(modelFile, ({ bom, lines, lastEnd }) => {
        const built = lines.map(([make, end], index) => ({
          line: make(index),
          end: index === lines.length - 1 ? lastEnd : end,
        }));
        const content = Buffer.concat([
          Buffer.from(bom ? [0xef, 0xbb, 0xbf] : []),
          ...built.flatMap(({ line, end }) => [line.bytes, utf8(end)]),
        ]);
        const locals = new Map(built.flatMap(({ line }) => (line.local ? [line.local] : [])));
        const lookup = (name: string) => locals.get(name);

        const firstBad = built.findIndex(({ line }) => line.error !== undefined);
        if (firstBad >= 0) {
          const message = built[firstBad].line.error?.(firstBad + 1);
          const thrown = thrownBy(() => parseEnvFile(content, 'gen.env', lookup));
          expect(thrown).toBeInstanceOf(ActionError);
          expect((thrown as ActionError).message).toBe(`invalid env file (gen.env): ${message}`);
          return;
        }
        expect(parseEnvFile(content, 'gen.env', lookup)).toEqual(built.flatMap(({ line }) => line.entries));
      }),
    );
  });

  test('parseEnvInput (bare unset KEY stays bare, messages without the file)', () => {
    const inputLine = fc.oneof(
      { weight: 8, arbitrary: lineArb('AZaz09_.-/:#"\'Äé日', false) },
      {
        weight: 1,
        arbitrary: fc.tuple(indentArb, keyArb('AZ09_')).map(([indent, k]) => (i: number): ModelLine => ({
          bytes: utf8(`${indent}${k}_unset${i}`),
          entries: [`${k}_unset${i}`],
        })),
      },
    );
    const inputText = fc.record({
      lines: fc.array(fc.tuple(inputLine, fc.constantFrom('\n', '\r\n')), { maxLength: 12 }),
      lastEnd: fc.constantFrom('\n', '\r\n', ''),
    });
    fc.assert(
      fc.property(inputText, ({ lines, lastEnd }) => {
        const built = lines.map(([make, end], index) => ({
          line: make(index),
          end: index === lines.length - 1 ? lastEnd : end,
        }));
        const text = built.map(({ line, end }) => line.bytes.toString('utf8') + end).join('');
        const locals = new Map(built.flatMap(({ line }) => (line.local ? [line.local] : [])));
        const lookup = (name: string) => locals.get(name);

        const firstBad = built.findIndex(({ line }) => line.error !== undefined);
        if (firstBad >= 0) {
          // the env input words its errors its own way; both name the line
          const thrown = thrownBy(() => parseEnvInput(text, lookup));
          expect(thrown).toBeInstanceOf(ActionError);
          expect((thrown as ActionError).message).toMatch(new RegExp(`^line ${firstBad + 1}: `));
          return;
        }
        expect(parseEnvInput(text, lookup)).toEqual(built.flatMap(({ line }) => line.entries));
      }),
    );
  });
});

describe('durations', () => {
  test('parseDuration returns a whole number of ms or throws InputError', () => {
    fc.assert(
      fc.property(hostileStrings, (text) => {
        try {
          const ms = parseDuration(text, 'timeout');
          expect(Number.isInteger(ms)).toBe(true);
          expect(ms).toBeGreaterThanOrEqual(0);
          expect(ms).toBeLessThanOrEqual(2 ** 31 - 1);
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          expect(error.message).not.toMatch(/[\n\r]/);
        }
      }),
    );
  });

  test('parseDuration adds up h, m, s and ms parts', () => {
    const part = (max: number) => fc.option(fc.integer({ min: 0, max }), { nil: undefined });
    fc.assert(
      fc.property(part(500), part(100), part(100), part(5000), (h, m, s, ms) => {
        fc.pre(h !== undefined || m !== undefined || s !== undefined || ms !== undefined);
        const text = `${h === undefined ? '' : `${h}h`}${m === undefined ? '' : `${m}m`}${s === undefined ? '' : `${s}s`}${ms === undefined ? '' : `${ms}ms`}`;
        const expected = (h ?? 0) * 3_600_000 + (m ?? 0) * 60_000 + (s ?? 0) * 1000 + (ms ?? 0);
        expect(parseDuration(` ${text} `, 'timeout')).toBe(expected);
      }),
    );
  });

  test('formatDuration of whole ms below a minute reads back within rounding', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 59_949 }), (ms) => {
        const text = formatDuration(ms);
        const back = parseDuration(text, 'x');
        expect(Math.abs(back - ms)).toBeLessThanOrEqual(ms < 1000 ? 0 : 50);
      }),
    );
  });
});
