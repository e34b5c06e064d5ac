import { describe, expect, test } from '@jest/globals';
import {
  displayCommand,
  joinWords,
  parseCommand,
  quoteWord,
  splitCommandLine,
} from '../../../src/inputs/command-words.js';
import { errorOf } from '../../helpers/errors.js';

const OPERATOR_ADVICE = "is not run by this input: write the command as sh -c '...' or use the run input";

describe('splitCommandLine', () => {
  test.each<[string, string, string[]]>([
    ['one word', 'ls', ['ls']],
    ['spaces separate', 'ls -l /tmp', ['ls', '-l', '/tmp']],
    ['runs of whitespace, tabs and newlines separate', '  ls \t-l\n\n/tmp  ', ['ls', '-l', '/tmp']],
    ['carriage return is an ordinary character', 'a\rb', ['a\rb']],
    ['single quotes keep spaces', "echo 'a  b'", ['echo', 'a  b']],
    ['single quotes keep backslashes, $ and double quotes', `echo '\\n $HOME "x" \\'`, ['echo', '\\n $HOME "x" \\']],
    ['single quotes keep newlines', "echo 'a\nb'", ['echo', 'a\nb']],
    [
      'single quotes keep operators',
      "echo 'a && b; c | d > e < f (g) `h` & i'",
      ['echo', 'a && b; c | d > e < f (g) `h` & i'],
    ],
    ['double quotes keep spaces and single quotes', `echo "a 'b' c"`, ['echo', "a 'b' c"]],
    ['double quotes: \\\\ escapes a backslash', 'echo "a\\\\b"', ['echo', 'a\\b']],
    ['double quotes: \\" escapes a quote', 'echo "a\\"b"', ['echo', 'a"b']],
    ['double quotes: \\$ escapes a dollar', 'echo "\\$HOME"', ['echo', '$HOME']],
    ['double quotes: \\` escapes a backquote', 'echo "\\`x\\`"', ['echo', '`x`']],
    ['double quotes: backslash-newline is removed', 'echo "a\\\nb"', ['echo', 'ab']],
    ['double quotes: other backslashes stay', 'echo "a\\nb\\tc\\\'d"', ['echo', "a\\nb\\tc\\'d"]],
    ['double quotes: a backslash before the closing quote escapes it', 'echo "a\\"" b', ['echo', 'a"', 'b']],
    ['double quotes keep operators and newlines', 'echo "a && b\n;|<>()&"', ['echo', 'a && b\n;|<>()&']],
    ['double quotes keep $ literally', 'echo "$HOME ${X} $(id)"', ['echo', '$HOME ${X} $(id)']],
    ['unquoted backslash escapes a space', 'echo a\\ b', ['echo', 'a b']],
    ['unquoted backslash escapes quotes', 'echo \\"a\\\' ', ['echo', '"a\'']],
    [
      'unquoted backslash escapes an operator',
      'echo a\\;b \\&\\& \\| \\> \\< \\( \\) \\`',
      ['echo', 'a;b', '&&', '|', '>', '<', '(', ')', '`'],
    ],
    ['unquoted backslash escapes a letter', 'echo \\n', ['echo', 'n']],
    ['unquoted backslash escapes a backslash', 'echo \\\\', ['echo', '\\']],
    ['unquoted backslash-newline joins lines', 'echo a\\\nb', ['echo', 'ab']],
    ['backslash-newline between words separates nothing', 'echo \\\n b', ['echo', 'b']],
    ['backslash-newline alone makes no word', 'ls \\\n', ['ls']],
    ['$ stays literal', 'echo $HOME ${PATH} $', ['echo', '$HOME', '${PATH}', '$']],
    ['glob and tilde stay literal', 'ls * ~ ~/x [a-z]? {a,b}', ['ls', '*', '~', '~/x', '[a-z]?', '{a,b}']],
    ['# starting a word is literal', 'echo #not-a-comment # x', ['echo', '#not-a-comment', '#', 'x']],
    ['adjacent parts join', `a'b c'"d"`, ['ab cd']],
    ['adjacent parts join with escapes', `x\\ y'z'"w"v`, ['x yzwv']],
    ["'' makes an empty word", "echo '' x", ['echo', '', 'x']],
    ['"" makes an empty word', 'echo "" x', ['echo', '', 'x']],
    ['empty word at the end', "echo ''", ['echo', '']],
    ['empty quotes next to text add nothing', 'a\'\'b""', ['ab']],
    ['double quote inside single quotes and escaped in double quotes', `"a\\"b"'c"d'`, ['a"bc"d']],
    ['unicode passes through', 'echo héllo 日本 😀', ['echo', 'héllo', '日本', '😀']],
    ['= and other punctuation are ordinary', 'env A=1 B=a,b:c@d%e+f', ['env', 'A=1', 'B=a,b:c@d%e+f']],
    ['{ } ! are ordinary', '! { x }', ['!', '{', 'x', '}']],
  ])('%s', (_name, line, expected) => {
    expect(splitCommandLine(line)).toEqual(expected);
  });

  test.each<[string, string]>([
    ['&&', 'make && make install'],
    ['||', 'test -f x || exit 1'],
    [';', 'cd /tmp; ls'],
    [';', 'ls;'],
    ['|', 'ps | grep x'],
    ['&', 'sleep 1 &'],
    ['&', 'a&b'],
    ['>', 'echo x > f'],
    ['>', 'echo x 2>&1'],
    ['>>', 'echo x >> f'],
    ['<', 'wc -l < f'],
    ['<<', 'cat << EOF'],
    ['(', '(cd /; ls)'],
    [')', 'x)'],
    ['(', 'echo $(id)'],
    ['`', 'echo `id`'],
    ['|', "echo 'quoted ok' | wc"],
    ['&&', 'echo "quoted ok"&&x'],
  ])("refuses shell operator '%s' in %j", (operator, line) => {
    expect(errorOf(() => splitCommandLine(line)).message).toBe(`shell operator '${operator}' ${OPERATOR_ADVICE}`);
  });

  test.each<[string, string, string]>([
    ['unbalanced single quote', "echo 'abc", "unbalanced ' quote starting at character 6"],
    ['unbalanced single quote at the start', "'", "unbalanced ' quote starting at character 1"],
    ['unbalanced double quote', 'echo "abc', 'unbalanced " quote starting at character 6'],
    ['escaped closing double quote leaves it open', 'echo "abc\\"', 'unbalanced " quote starting at character 6'],
    ['backslash at the end inside double quotes', 'x "\\', 'unbalanced " quote starting at character 3'],
    ['position counts code points, not UTF-16 units', "😀😀 'x", "unbalanced ' quote starting at character 4"],
    ['second quote unbalanced', `'a' "b`, 'unbalanced " quote starting at character 5'],
    ['trailing backslash', 'echo a\\', 'trailing backslash at the end of the command: it has nothing to escape'],
    ['lone backslash', '\\', 'trailing backslash at the end of the command: it has nothing to escape'],
    ['empty', '', 'no command given'],
    ['only whitespace', ' \t\n ', 'no command given'],
    ['only line continuations', '\\\n\\\n', 'no command given'],
  ])('%s', (_name, line, message) => {
    expect(errorOf(() => splitCommandLine(line)).message).toBe(message);
  });
});

describe('parseCommand', () => {
  test.each<[string, string, string[]]>([
    ['JSON array', '["sh", "-c", "echo $HOME && ls"]', ['sh', '-c', 'echo $HOME && ls']],
    ['JSON array with surrounding whitespace', '  \n ["ls"]\n ', ['ls']],
    ['JSON array keeps empty later words', '["printf", ""]', ['printf', '']],
    ['JSON escapes are decoded', '["echo", "a\\nb", "\\u00e9"]', ['echo', 'a\nb', 'é']],
    ['command line', 'echo "a b" c', ['echo', 'a b', 'c']],
    ['command line with [ later', 'test [ x ]', ['test', '[', 'x', ']']],
    ['command line with quoted [ first', "'[' -f x ']'", ['[', '-f', 'x', ']']],
  ])('%s', (_name, value, expected) => {
    expect(parseCommand(value)).toEqual(expected);
  });

  test.each<[string, string, RegExp]>([
    [
      'invalid JSON',
      '["ls",]',
      /^invalid JSON array: .+ \(a command starting with '\[' is read as a JSON array of strings\)$/,
    ],
    ['unterminated JSON', '["ls"', /^invalid JSON array: .*JSON/],
    ['trailing text after JSON', '["ls"] x', /^invalid JSON array: .*position 7/],
    ['element not a string', '["ls", 1]', /^element 2 of the JSON array is a number: every element must be a string$/],
    ['null element', '[null]', /^element 1 of the JSON array is null: every element must be a string$/],
    ['nested array', '["a", ["b"]]', /^element 2 of the JSON array is an array: every element must be a string$/],
    ['object element', '[{}]', /^element 1 of the JSON array is an object: every element must be a string$/],
    ['boolean element', '["a", true]', /^element 2 of the JSON array is a boolean: every element must be a string$/],
    ['empty array', '[]', /^the JSON array is empty: give the program to run and its arguments$/],
    ['empty array with spaces', ' [ ] ', /^the JSON array is empty/],
    ['first JSON word empty', '["", "x"]', /^the command's first word is empty$/],
    ['first shell word empty', "'' x", /^the command's first word is empty$/],
    ['first shell word empty (double quotes)', '""', /^the command's first word is empty$/],
    ['empty value', '', /^no command given$/],
    ['blank value', '   ', /^no command given$/],
    ['operator in a command line', 'a && b', /^shell operator '&&' /],
  ])('%s', (_name, value, message) => {
    expect(errorOf(() => parseCommand(value)).message).toMatch(message);
  });

  test('a command line starting with [ (the test program) is not JSON', () => {
    expect(parseCommand('[ -f /etc/passwd ]')).toEqual(['[', '-f', '/etc/passwd', ']']);
  });

  test('a JSON error that quotes a multi-line input stays on one line', () => {
    const message = errorOf(() => parseCommand('[\r\n\u2028"x]')).message;
    expect(message).toMatch(/^invalid JSON array: .*\[\\r\\n\\u2028"x\]/);
    expect(message).not.toMatch(/[\n\r\u2028]/);
  });
});

describe('quoteWord and joinWords', () => {
  test.each<[string, string]>([
    ['ls', 'ls'],
    ['a-b_c@d%e+f=g:h,i.j/k', 'a-b_c@d%e+f=g:h,i.j/k'],
    ['', "''"],
    ['a b', "'a b'"],
    ["it's", "'it'\\''s'"],
    ["'", "''\\'''"],
    ['$HOME', "'$HOME'"],
    ['a\nb', "'a\nb'"],
    ['*', "'*'"],
    ['~', "'~'"],
    ['#x', "'#x'"],
    ['&&', "'&&'"],
    ['é', "'é'"],
    ['a\\b', "'a\\b'"],
  ])('quoteWord(%j) is %j', (word, quoted) => {
    expect(quoteWord(word)).toBe(quoted);
  });

  test.each<[string[]]>([
    [['echo', 'a b', '', "it's", '"x"', 'a\\b', '$HOME', 'x\ny', '&&', ';', '#', '😀']],
    [['']],
    [["'"]],
    [['\\', '\\\n', '\n']],
  ])('joinWords round-trips %j', (words) => {
    expect(splitCommandLine(joinWords(words))).toEqual(words);
  });

  test('joinWords separates words with one space', () => {
    expect(joinWords(['sh', '-c', 'echo hi'])).toBe("sh -c 'echo hi'");
  });
});

describe('displayCommand (what the header and the summary show)', () => {
  test.each<[string[], string]>([
    [['true'], 'true'],
    [['sh', '-c', 'echo "$X"; exit 3'], `sh -c 'echo "$X"; exit 3'`],
    [['psql', '-c', 'a\\b'], "psql -c 'a\\b'"],
    // a single quote: the JSON array the command input takes, so a secret stays whole (JSON-escaped)
    [['psql', "password='pa|ss\"w'"], '["psql","password=\'pa|ss\\"w\'"]'],
    [["it's"], '["it\'s"]'],
  ])('%j is shown as %s', (words, shown) => {
    expect(displayCommand(words)).toBe(shown);
  });

  test.each<[string[]]>([[['a', "it's", 'b c']], [['sh', '-c', 'x']], [["'"]]])(
    '%j reads back as the same words',
    (words) => {
      const shown = displayCommand(words);
      expect(shown.startsWith('[') ? parseCommand(shown) : splitCommandLine(shown)).toEqual(words);
    },
  );
});
