import { describe, expect, test } from '@jest/globals';
import { envNames, parseEnvFile, parseEnvInput, type LookupEnv } from '../../../src/inputs/env-file.js';
import { errorOf } from '../../helpers/errors.js';

const local: Record<string, string> = { HOME: '/home/me', EMPTY: '', SPACED: ' a b ', 'WITH=EQ': 'no' };
const lookup: LookupEnv = (name) => (Object.hasOwn(local, name) ? local[name] : undefined);

const file = (text: string | Buffer): string[] =>
  parseEnvFile(typeof text === 'string' ? Buffer.from(text, 'utf8') : text, 'ci/.env', lookup);

describe('parseEnvFile', () => {
  test.each<[string, string | Buffer, string[]]>([
    ['empty file', '', []],
    ['KEY=VALUE', 'A=1\nB=2\n', ['A=1', 'B=2']],
    ['no newline at the end', 'A=1\nB=2', ['A=1', 'B=2']],
    ['file order and duplicates kept', 'B=1\nA=2\nB=3', ['B=1', 'A=2', 'B=3']],
    ['splits at the first =', 'URL=a=b==c', ['URL=a=b==c']],
    ['empty value', 'E=\n', ['E=']],
    ['double quotes are part of the value', 'Q="a b"', ['Q="a b"']],
    ['single quotes are part of the value', "Q='a b'", ["Q='a b'"]],
    ['no escapes', 'P=a\\nb\\', ['P=a\\nb\\']],
    ['no interpolation', 'P=$HOME ${X}', ['P=$HOME ${X}']],
    ['# later in a line is part of the value', 'C=a # not a comment', ['C=a # not a comment']],
    ['trailing whitespace of the value is kept', 'T=a \t ', ['T=a \t ']],
    ['leading whitespace of the value is kept', 'T=  a', ['T=  a']],
    ['leading spaces and tabs of a line are removed', '   \t A=1', ['A=1']],
    ['leading unicode spaces of a line are removed', '\u00a0\u2003\u3000\u0085\v\fA=1', ['A=1']],
    ['U+FEFF is not leading whitespace after line 1', 'A=1\n\ufeffB=2', ['A=1', '\ufeffB=2']],
    ['comment lines are ignored', '# c=1\nA=1\n#B=2', ['A=1']],
    ['indented comment lines are ignored', '  \t# c=1\nA=1', ['A=1']],
    ['empty and blank lines are ignored', '\n\nA=1\n   \n\t\n', ['A=1']],
    ['CRLF line ends', 'A=1\r\nB=2\r\n', ['A=1', 'B=2']],
    ['CRLF on the last line without newline', 'A=1\r', ['A=1']],
    ['only one CR is removed', 'A=1\r\r\n', ['A=1\r']],
    ['CR inside a value stays', 'A=1\r2', ['A=1\r2']],
    ['a CR-only line is blank', 'A=1\r\n\r\nB=2', ['A=1', 'B=2']],
    ['BOM on the first line is removed', '\ufeffA=1', ['A=1']],
    ['BOM before a comment', '\ufeff# c\nA=1', ['A=1']],
    ['BOM then indentation', '\ufeff  A=1', ['A=1']],
    ['bare KEY takes the local value', 'HOME', ['HOME=/home/me']],
    ['bare KEY with an empty local value is kept', 'EMPTY', ['EMPTY=']],
    ['bare KEY takes the local value exactly', 'SPACED', ['SPACED= a b ']],
    ['bare KEY unset locally is dropped', 'NOPE\nA=1', ['A=1']],
    ['indented bare KEY', '  HOME\r\n', ['HOME=/home/me']],
    ['key may hold other characters', 'a.b-c/d=1\nÄ=2', ['a.b-c/d=1', 'Ä=2']],
    ['NBSP inside a key is not refused (docker checks space and tab only)', 'A\u00a0B=1', ['A\u00a0B=1']],
    ['value may contain unicode', 'U=日本 😀', ['U=日本 😀']],
    ['a line of 65535 bytes is accepted', `A=${'x'.repeat(65533)}\n`, [`A=${'x'.repeat(65533)}`]],
    ['a last line of 65535 bytes is accepted', `A=${'x'.repeat(65533)}`, [`A=${'x'.repeat(65533)}`]],
    ['a CRLF line of 65534 bytes + CR is accepted', `A=${'x'.repeat(65532)}\r\n`, [`A=${'x'.repeat(65532)}`]],
    ['bytes 0x0A inside multi-byte characters cannot occur: é splits nowhere', Buffer.from('É=é\n'), ['É=é']],
  ])('%s', (_name, content, expected) => {
    expect(file(content)).toEqual(expected);
  });

  const prefix = 'invalid env file (ci/.env): ';
  test.each<[string, string | Buffer, string]>([
    ['space in the key', 'A=1\nMY KEY=1', "line 2: variable 'MY KEY' contains whitespaces"],
    ['trailing space in the key', 'KEY =1', "line 1: variable 'KEY ' contains whitespaces"],
    ['tab in the key', 'K\tY=1', "line 1: variable 'K\tY' contains whitespaces"],
    ['bare key with trailing space', '\n\nHOME ', "line 3: variable 'HOME ' contains whitespaces"],
    ['a sentence', 'first line\nsecond', "line 1: variable 'first line' contains whitespaces"],
    ['empty key', '# x\n=value', 'line 2: no variable name before the = (the line starts with =)'],
    ['empty key after indentation', '  =a b ', 'line 1: no variable name before the = (the line starts with =)'],
    ['empty key on a BOM line', '\ufeff=x', 'line 1: no variable name before the = (the line starts with =)'],
    ['empty key is checked before whitespace', '= x', 'line 1: no variable name before the = (the line starts with =)'],
    ['invalid UTF-8', Buffer.from([0x41, 0x3d, 0x31, 0x0a, 0x42, 0x3d, 0xff]), 'file is not valid UTF-8 (line 2)'],
    ['invalid UTF-8 in a comment', Buffer.from([0x23, 0xc3, 0x28]), 'file is not valid UTF-8 (line 1)'],
    ['UTF-8 encoded surrogate', Buffer.from([0x41, 0x3d, 0xed, 0xa0, 0x80]), 'file is not valid UTF-8 (line 1)'],
    ['overlong encoding', Buffer.from([0x41, 0x3d, 0xc0, 0xaf]), 'file is not valid UTF-8 (line 1)'],
    [
      'truncated sequence before CRLF',
      Buffer.from([0x41, 0x3d, 0xe6, 0x97, 0x0d, 0x0a]),
      'file is not valid UTF-8 (line 1)',
    ],
    [
      'lines are checked in order: a key error first',
      Buffer.concat([Buffer.from('A B=1\n'), Buffer.from([0xff])]),
      "line 1: variable 'A B' contains whitespaces",
    ],
    [
      'lines are checked in order: invalid UTF-8 first',
      Buffer.concat([Buffer.from([0xff]), Buffer.from('\nA B=1\n')]),
      'file is not valid UTF-8 (line 1)',
    ],
    [
      'a line of 65536 bytes',
      `A=1\nA=${'x'.repeat(65534)}\n`,
      "line 2: line is longer than 65535 bytes (docker's limit)",
    ],
    [
      'a last line of 65536 bytes',
      `A=${'x'.repeat(65534)}`,
      "line 1: line is longer than 65535 bytes (docker's limit)",
    ],
    [
      'a CR counts towards the limit',
      `A=${'x'.repeat(65533)}\r\n`,
      "line 1: line is longer than 65535 bytes (docker's limit)",
    ],
    [
      'a long comment line is refused too',
      `#${'x'.repeat(70000)}`,
      "line 1: line is longer than 65535 bytes (docker's limit)",
    ],
    ['control characters in the message are escaped', 'A\rB C=1', "line 1: variable 'A\\rB C' contains whitespaces"],
  ])('%s', (_name, content, message) => {
    expect(errorOf(() => file(content)).message).toBe(prefix + message);
  });

  test('the path in the message stays on one line', () => {
    const message = errorOf(() => parseEnvFile(Buffer.from('=x'), 'a\nb.env', lookup)).message;
    expect(message).toBe(
      'invalid env file (a\\nb.env): line 1: no variable name before the = (the line starts with =)',
    );
  });

  test('a long offending line is shortened in the message', () => {
    const message = errorOf(() => file(`=${'v'.repeat(5000)}`)).message;
    expect(message.length).toBeLessThan(400);
    expect(message).toBe('invalid env file (ci/.env): line 1: no variable name before the = (the line starts with =)');
  });

  test('lookup is asked only for bare keys, with the bare key', () => {
    const asked: string[] = [];
    parseEnvFile(Buffer.from('A=1\n  B\r\n# C\nD=\n'), 'f', (name) => {
      asked.push(name);
      return undefined;
    });
    expect(asked).toEqual(['B']);
  });
});

describe('parseEnvInput', () => {
  test.each<[string, string, string[]]>([
    ['empty', '', []],
    ['KEY=VALUE lines', 'A=1\nB=two words', ['A=1', 'B=two words']],
    ['value keeps = and spaces exactly', 'A= x=y  \t', ['A= x=y  \t']],
    ['value keeps quotes and #', 'A="q" \'s\' # c', ['A="q" \'s\' # c']],
    ['CRLF accepted', 'A=1\r\nB=2\r\n', ['A=1', 'B=2']],
    ['blank lines ignored', '\n  \nA=1\n\t\n', ['A=1']],
    ['comment lines ignored', '# A=1\n  # B=2\nC=3', ['C=3']],
    ['leading whitespace removed', '   \tA=1', ['A=1']],
    ['empty value', 'A=', ['A=']],
    ['bare KEY takes the local value', 'HOME', ['HOME=/home/me']],
    ['bare KEY with an empty local value', 'EMPTY', ['EMPTY=']],
    ['bare KEY unset stays bare (the engine unsets it)', 'NOPE', ['NOPE']],
    ['order and duplicates kept', 'B=1\nHOME\nB=2', ['B=1', 'HOME=/home/me', 'B=2']],
  ])('%s', (_name, text, expected) => {
    expect(parseEnvInput(text, lookup)).toEqual(expected);
  });

  test.each<[string, string, string]>([
    ['empty name', 'A=1\n=x', 'line 2: no variable name before the = (the line starts with =)'],
    ['empty name, indented', '\n  =', 'line 2: no variable name before the = (the line starts with =)'],
    ['space in the name', 'A B=1', "line 1: variable name 'A B' contains whitespace"],
    ['tab in the name', 'A\tB=1', "line 1: variable name 'A\tB' contains whitespace"],
    ['trailing space on a bare name', 'HOME ', "line 1: variable name 'HOME ' contains whitespace"],
    ['NBSP in the name', 'A\u00a0B=1', "line 1: variable name 'A\u00a0B' contains whitespace"],
    ['CR inside the name is escaped', 'A\rB', "line 1: variable name 'A\\rB' contains whitespace"],
  ])('%s', (_name, text, message) => {
    expect(errorOf(() => parseEnvInput(text, lookup)).message).toBe(message);
  });
});

describe('envNames', () => {
  test.each<[string[], string[]]>([
    [[], []],
    [
      ['A=1', 'B', 'A=2', 'C=x=y', 'B=3'],
      ['A', 'B', 'C'],
    ],
    [['E=', 'E'], ['E']],
    [['SECRET=hunter2'], ['SECRET']],
  ])('envNames(%j) is %j', (entries, names) => {
    expect(envNames(entries)).toEqual(names);
  });
});
