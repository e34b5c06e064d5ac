import { describe, expect, test } from '@jest/globals';
import { formatDuration, parseDuration } from '../../../src/inputs/duration.js';
import { InputError } from '../../../src/errors.js';

describe('parseDuration', () => {
  test.each<[string, number]>([
    ['500ms', 500],
    ['0ms', 0],
    ['0', 0],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['90', 90_000],
    ['1.5', 1_500],
    ['.5', 500],
    ['2.', 2_000],
    ['1.5s', 1_500],
    ['0.5m', 30_000],
    ['1m30s', 90_000],
    ['1h2m3s4ms', 3_723_004],
    ['2s500ms', 2_500],
    ['1.0004s', 1_000],
    ['1.0006s', 1_001],
    ['  30s\n', 30_000],
    ['\t5m ', 300_000],
    ['007s', 7_000],
    ['2147483647ms', 2_147_483_647],
    ['2147483.647', 2_147_483_647],
    ['596h31m23s647ms', 2_147_483_647],
  ])('%j is %d ms', (text, ms) => {
    expect(parseDuration(text, 'timeout')).toBe(ms);
  });

  test.each<string>([
    '',
    '   ',
    '-1',
    '-5s',
    '+5s',
    '5 minutes',
    '5 m',
    '1d',
    '1w',
    '5M',
    '5S',
    '1.2.3',
    '.',
    's',
    'ms',
    '1s 2s',
    '1m30',
    'NaN',
    'Infinity',
    '1e3',
    '0x10',
    '2147483648ms',
    '2147483.648',
    '597h',
    '1'.repeat(400),
    `${'9'.repeat(400)}s`,
  ])('%j is refused', (text) => {
    let error: unknown;
    try {
      parseDuration(text, 'timeout');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const inputError = error as InputError;
    expect(inputError.input).toBe('timeout');
    expect(inputError.message).toMatch(
      /^Input 'timeout': '.*' is not a duration: use 500ms, 30s, 5m, 1h or plain seconds$/,
    );
    expect(inputError.message).toContain(`'${text.trim().slice(0, 50)}`);
  });

  test('the message keeps a multi-line value on one line', () => {
    expect(() => parseDuration('5\nminutes', 'wait')).toThrow(
      "Input 'wait': '5\\nminutes' is not a duration: use 500ms, 30s, 5m, 1h or plain seconds",
    );
  });
});

describe('formatDuration', () => {
  test.each<[number, string]>([
    [0, '0ms'],
    [850, '850ms'],
    [999.4, '999ms'],
    [999.6, '1s'],
    [1000, '1s'],
    [2400, '2.4s'],
    [2449, '2.4s'],
    [2450, '2.5s'],
    [59_900, '59.9s'],
    [59_960, '1m 0s'],
    [60_000, '1m 0s'],
    [65_000, '1m 5s'],
    [3_599_000, '59m 59s'],
    [3_599_600, '1h 0m'],
    [3_720_000, '1h 2m'],
    [90_000_000, '25h 0m'],
    [-1500, '-1.5s'],
  ])('%d ms is %j', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
