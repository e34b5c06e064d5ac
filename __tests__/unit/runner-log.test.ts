// The runner model (helpers/runner-log.ts) against the rules of actions/runner it cites: line
// splitting, command parsing (TryParseV2, legacy TryParse), stop-commands and its resume token,
// echo, each command extension, annotations (AddIssue) and masking (SecretMasker, encoders).
import { describe, expect, test } from '@jest/globals';
import {
  maskLines,
  ordinalIgnoreCaseEquals,
  readRunnerLog,
  renderRunnerLog,
  runnerLines,
  secretEncodings,
  tryParse,
  tryParseV2,
  type Annotation,
  type ModelOptions,
  type ParsedCommand,
  type RunnerLog,
} from '../helpers/runner-log.js';

/** The runner's registered commands (ActionCommandManager.Initialize). */
const REGISTERED = [
  'stop-commands',
  'set-env',
  'set-output',
  'save-state',
  'add-path',
  'add-mask',
  'add-matcher',
  'remove-matcher',
  'warning',
  'error',
  'notice',
  'debug',
  'group',
  'endgroup',
  'echo',
];

// Constants.Runner messages, as the runner writes them.
const STOP_REFUSED =
  "You cannot use a endToken that is an empty string, the string 'pause-logging', or another workflow command. For more information see: https://docs.github.com/actions/learn-github-actions/workflow-commands-for-github-actions#example-stopping-and-starting-workflow-commands or opt into insecure command execution by setting the `ACTIONS_ALLOW_UNSECURE_STOPCOMMAND_TOKENS` environment variable to `true`.";
const disabled = (command: string) =>
  `The \`${command}\` command is disabled. Please upgrade to using Environment Files or opt into unsecure command execution by setting the \`ACTIONS_ALLOW_UNSECURE_COMMANDS\` environment variable to \`true\`. For more information see: https://github.blog/changelog/2020-10-01-github-actions-deprecating-set-env-and-add-path-commands/`;
const deprecated = (command: string) =>
  `The \`${command}\` command is deprecated and will be disabled soon. Please upgrade to using Environment Files. For more information see: https://github.blog/changelog/2022-10-11-github-actions-deprecating-save-state-and-set-output-commands/`;

const parsed = (command: string, data: string, properties: Record<string, string> = {}): ParsedCommand => ({
  command,
  properties,
  data,
});

describe('StreamReader.ReadLine (runnerLines)', () => {
  test.each<[string, string, string[]]>([
    ['\\n ends a line', 'a\nb\n', ['a', 'b']],
    ['\\r\\n ends a line', 'a\r\nb', ['a', 'b']],
    ['a bare \\r ends a line', 'a\rb', ['a', 'b']],
    ['a last line without newline counts', 'a\nb', ['a', 'b']],
    ['empty lines stay', 'a\n\n\nb\n', ['a', '', '', 'b']],
    ['nothing: no line', '', []],
    ['U+2028 and U+0085 do not end a line', 'a\u2028b\u0085c', ['a\u2028b\u0085c']],
    ['a byte order mark at the start is consumed, not later ones', '\ufeffa\n\ufeffb', ['a', '\ufeffb']],
  ])('%s', (_rule, text, lines) => {
    expect(runnerLines(text)).toEqual(lines);
  });
});

describe('ActionCommand.TryParseV2', () => {
  test.each<[string, string, ParsedCommand | undefined]>([
    ['name and data', '::warning::x', parsed('warning', 'x')],
    ['leading spaces and tabs are trimmed', ' \t ::warning::x', parsed('warning', 'x')],
    ['leading NBSP (.NET white space)', '\u00a0::warning::x', parsed('warning', 'x')],
    ['leading U+0085 (.NET white space, not JavaScript \\s)', '\u0085::warning::x', parsed('warning', 'x')],
    ['leading U+FEFF (JavaScript \\s, not .NET white space): text', '\ufeff::warning::x', undefined],
    ['text before `::`: not a command', 'x ::warning::x', undefined],
    ['the name in any case (OrdinalIgnoreCase), kept as written', '::WaRnInG::x', parsed('WaRnInG', 'x')],
    ['Kelvin sign K is not k under OrdinalIgnoreCase', '::add-mas\u212a::x', undefined],
    ['long s is not s (OrdinalCasing keeps U+017F)', '::\u017fet-output name=a::1', undefined],
    ['unknown name: not a command', '::foo::x', undefined],
    ['a tab does not end the name', '::warning\ttitle=a::x', undefined],
    ['no closing `::`: not a command', '::warning x', undefined],
    ['empty name', '::::x', undefined],
    ['the first `::` ends the info; the rest is data', '::warning::a::b', parsed('warning', 'a::b')],
    ['properties split on `,`', '::warning title=a,file=b::x', parsed('warning', 'x', { title: 'a', file: 'b' })],
    [
      'the properties string is trimmed, entries are not',
      '::warning   title=a, file=b  ::x',
      parsed('warning', 'x', { title: 'a', ' file': 'b' }),
    ],
    ['empty entries and values are dropped', '::warning ,k=,=v,,k2=::', parsed('warning', '', {})],
    ['Split(=, 2, RemoveEmptyEntries): `k==v` is k: v', '::warning k==v::', parsed('warning', '', { k: 'v' })],
    ['Split(=, 2, RemoveEmptyEntries): `=k=v` is k: v', '::warning =k=v::', parsed('warning', '', { k: 'v' })],
    ['a value keeps later `=`', '::warning k=a=b::', parsed('warning', '', { k: 'a=b' })],
    [
      'property names ignore case: first spelling, last value',
      '::warning Title=a,TITLE=b::',
      parsed('warning', '', { Title: 'b' }),
    ],
    [
      'data: %25 %0D %0A unescaped, %3A %2C not',
      '::warning::a%25b%0Dc%0Ad%3Ae%2Cf',
      parsed('warning', 'a%b\rc\nd%3Ae%2Cf'),
    ],
    ['data: one pass each (%250A is %0A)', '::warning::%250A', parsed('warning', '%0A')],
    ['escapes are case-sensitive', '::warning::%0a%0d', parsed('warning', '%0a%0d')],
    [
      'property values: %3A %2C %0D %0A %25 unescaped',
      '::warning title=%3A%2C%0D%0A%25::',
      parsed('warning', '', { title: ':,\r\n%' }),
    ],
  ])('%s', (_rule, line, expected) => {
    expect(tryParseV2(line, REGISTERED)).toEqual(expected);
  });
});

describe('ActionCommand.TryParse (legacy ##[)', () => {
  test.each<[string, string, ParsedCommand | undefined]>([
    ['anywhere in the line', 'x ##[warning]y', parsed('warning', 'y')],
    ['properties split on `;`', '##[warning k=v;k2=w;]y', parsed('warning', 'y', { k: 'v', k2: 'w' })],
    ['the properties string is not trimmed', '##[warning  k=v]y', parsed('warning', 'y', { ' k': 'v' })],
    [
      '%3B %5D %0D %0A %25 unescaped in properties and data',
      '##[warning k=%3B%5D%0D%0A%25]%3B%5D%0D%0A%25%3A',
      parsed('warning', ';]\r\n%%3A', { k: ';]\r\n%' }),
    ],
    ['the name in any case', '##[SET-OUTPUT name=a]1', parsed('SET-OUTPUT', '1', { name: 'a' })],
    ['empty data', '##[endgroup]', parsed('endgroup', '')],
    ['no `]`: not a command', '##[warning y', undefined],
    ['unknown name', '##[foo]y', undefined],
    ['a zero-width space after `##[` is part of the name', 'x ##[\u200bset-output name=a]1', undefined],
  ])('%s', (_rule, line, expected) => {
    expect(tryParse(line, REGISTERED)).toEqual(expected);
  });
});

describe('StringComparer.OrdinalIgnoreCase', () => {
  test.each<[string, string, boolean]>([
    ['stop-commands', 'STOP-Commands', true],
    ['é', 'É', true],
    ['µ', '\u039c', true],
    ['ÿ', '\u0178', true],
    ['k', '\u212a', false],
    ['s', '\u017f', false],
    ['I', '\u0131', false],
    ['ß', 'SS', false],
    ['ab', 'abc', false],
  ])('%j vs %j: %s', (a, b, equal) => {
    expect(ordinalIgnoreCaseEquals(a, b)).toBe(equal);
  });
});

/** The parts of a log a case asserts on. */
interface View {
  outputs: Record<string, string>;
  masks: string[];
  env: Record<string, string>;
  path: string[];
  state: Record<string, string>;
  annotations: string[];
  display: string[];
  commands: string[];
  stray: string[];
  debug: string[];
  failed: boolean;
  aborted: boolean;
  stoppedAtEnd: string | undefined;
}

const view = (log: RunnerLog): View => ({
  outputs: log.outputs,
  masks: log.masks,
  env: log.env,
  path: log.path,
  state: log.state,
  annotations: log.annotations.map((a) => `${a.level}: ${a.message}`),
  display: log.display,
  commands: log.commands.map((c) => c.name),
  stray: log.stray.map((c) => c.name),
  debug: log.debug,
  failed: log.failed,
  aborted: log.aborted,
  stoppedAtEnd: log.stoppedAtEnd,
});

interface Input {
  stdout: string;
  stderr?: string;
  options?: ModelOptions;
}

function expectView(input: Input, expected: Partial<View>): void {
  const actual = view(readRunnerLog(input.stdout, input.stderr, input.options));
  const picked = Object.fromEntries(Object.keys(expected).map((k) => [k, actual[k as keyof View]]));
  expect(picked).toEqual(expected);
}

describe('OutputManager and ActionCommandManager: which lines take effect', () => {
  test.each<[string, Input, Partial<View>]>([
    [
      'a command takes effect and its line is not shown',
      { stdout: '::set-output name=a::1' },
      { outputs: { a: '1' }, display: [], stray: ['set-output'] },
    ],
    ['after leading white space', { stdout: '  ::set-output name=a::1' }, { outputs: { a: '1' }, display: [] }],
    ['after U+0085 (a .NET white space)', { stdout: '\u0085::set-output name=a::1' }, { outputs: { a: '1' } }],
    [
      'text before `::`: shown as text',
      { stdout: 'x ::set-output name=a::1' },
      { outputs: {}, display: ['x ::set-output name=a::1'] },
    ],
    ['legacy form anywhere in a line', { stdout: 'x ##[set-output name=a]1' }, { outputs: { a: '1' }, display: [] }],
    ['name and property names in any case', { stdout: '::SET-OUTPUT NAME=a::1' }, { outputs: { a: '1' } }],
    [
      'a look-alike of a name is text',
      { stdout: '::add-mas\u212a::hidden\nhidden' },
      { masks: [], display: ['::add-mas\u212a::hidden', 'hidden'] },
    ],
    [
      'unknown commands are text',
      { stdout: '::foo::bar\n##[foo]bar' },
      { commands: [], display: ['::foo::bar', '##[foo]bar'] },
    ],
    [
      'the v2 form wins over a legacy one in its data',
      { stdout: '::debug::##[set-output name=a]1' },
      { outputs: {}, debug: ['##[set-output name=a]1'] },
    ],
    [
      'an unknown v2 name falls back to the legacy form',
      { stdout: '::foo::##[set-output name=a]1' },
      { outputs: { a: '1' } },
    ],
    [
      'a BOM starting the stream is consumed; a later one makes text',
      { stdout: '\ufeff::set-output name=a::1\n\ufeff::set-output name=b::2' },
      { outputs: { a: '1' }, display: ['\ufeff::set-output name=b::2'] },
    ],
    ['empty lines are shown', { stdout: 'a\n\nb' }, { display: ['a', '', 'b'] }],
    [
      'runner markers in output are broken',
      { stdout: '##[start-action]x ##[end-action]' },
      { display: ['##[\\start-action]x ##[\\end-action]'] },
    ],
  ])('%s', (_rule, input, expected) => expectView(input, expected));
});

describe('stop-commands and the resume token (ActionCommandManager.TryProcessCommand)', () => {
  test.each<[string, Input, Partial<View>]>([
    [
      'commands are text until `::TOKEN::`; a token over 6 characters is masked',
      { stdout: '::stop-commands::tok1234\n::set-output name=a::1\nsay tok1234\n::tok1234::\n::set-output name=b::2' },
      {
        outputs: { b: '2' },
        display: ['::stop-commands::***', '::set-output name=a::1', 'say ***', '::***::'],
        stoppedAtEnd: undefined,
      },
    ],
    [
      'a token of 6 characters is not masked',
      { stdout: '::stop-commands::abcdef\n::abcdef::' },
      { display: ['::stop-commands::abcdef', '::abcdef::'] },
    ],
    [
      'the token resumes in any case',
      { stdout: '::stop-commands::Token12\n::TOKEN12::\n::set-output name=a::1' },
      { outputs: { a: '1' } },
    ],
    [
      'the token resumes in the legacy form, anywhere in a line',
      { stdout: '::stop-commands::tok\nx ##[tok] y\n::set-output name=a::1' },
      { outputs: { a: '1' } },
    ],
    [
      'the token resumes with properties, data and leading space',
      { stdout: '::stop-commands::tok\n  ::tok k=v::data\n::set-output name=a::1' },
      { outputs: { a: '1' } },
    ],
    [
      'the token as data does not resume',
      { stdout: '::stop-commands::tok\n::debug::tok\n::set-output name=a::1' },
      { outputs: {}, debug: [], stoppedAtEnd: 'tok' },
    ],
    [
      'a v2 command holding `##[TOKEN]` does not resume (v2 is parsed first)',
      { stdout: '::stop-commands::tok\n::error::##[tok]\n::set-output name=a::1' },
      { outputs: {}, stoppedAtEnd: 'tok' },
    ],
    [
      'a token with a space can never resume',
      { stdout: '::stop-commands::a b\n::a b::\n##[a b]\n::set-output name=x::1' },
      { outputs: {}, stoppedAtEnd: 'a b' },
    ],
    [
      'the token is the unescaped data',
      { stdout: '::stop-commands::a%25b\n::a%b::\n::set-output name=x::1' },
      { outputs: { x: '1' } },
    ],
    [
      'while stopped nothing is honoured: add-mask, stop-commands, group',
      { stdout: '::stop-commands::tok\n::add-mask::m\n::stop-commands::other\n::group::g\n::tok::\nm' },
      {
        masks: [],
        commands: ['stop-commands'],
        display: ['::stop-commands::tok', '::add-mask::m', '::stop-commands::other', '::group::g', '::tok::', 'm'],
      },
    ],
    [
      'step debug shows the pause, wait and resume messages',
      { stdout: '::stop-commands::tok\n::set-output name=a::1\n::tok::', options: { stepDebug: true } },
      {
        display: [
          '::stop-commands::tok',
          '##[debug]Paused processing commands until the token you called ::stopCommands:: with is received',
          "##[debug]Process commands has been stopped and waiting for '##[tok]' to resume.",
          '::set-output name=a::1',
          '::tok::',
          '##[debug]Resume processing commands',
        ],
      },
    ],
    [
      'the wait message masks a long token',
      { stdout: '::stop-commands::tok1234\n::debug::x', options: { stepDebug: true } },
      {
        display: [
          '::stop-commands::***',
          '##[debug]Paused processing commands until the token you called ::stopCommands:: with is received',
          "##[debug]Process commands has been stopped and waiting for '##[***]' to resume.",
          '::debug::x',
        ],
      },
    ],
    [
      'a registered name as token is refused: the step fails and nothing more is read',
      { stdout: '::stop-commands::set-output\n::set-output name=a::1', stderr: '::set-output name=b::2' },
      {
        outputs: {},
        annotations: [`error: ${STOP_REFUSED}`],
        display: [`##[error]${STOP_REFUSED}`],
        failed: true,
        aborted: true,
        stray: ['stop-commands'],
      },
    ],
    [
      'an empty token is refused',
      { stdout: '::stop-commands::\n::set-output name=a::1' },
      { outputs: {}, failed: true, aborted: true },
    ],
    [
      '`pause-logging` in any case is refused',
      { stdout: '::stop-commands::Pause-Logging\nx' },
      { display: [`##[error]${STOP_REFUSED}`], aborted: true },
    ],
    [
      'ACTIONS_ALLOW_UNSECURE_STOPCOMMAND_TOKENS: a command name as token; resuming unregisters it',
      {
        stdout: '::stop-commands::set-output\n::set-output name=a::1\n::set-output::\n::set-output name=b::2',
        options: { allowUnsecureStopCommandTokens: true },
      },
      {
        outputs: {},
        failed: false,
        display: ['::stop-commands::***', '::*** name=a::1', '::***::', '::*** name=b::2'],
      },
    ],
    ['stopped at the end of the stream', { stdout: '::stop-commands::tok\nx' }, { stoppedAtEnd: 'tok' }],
    [
      'worst case: stderr is read after stdout, commands running again',
      { stdout: '::stop-commands::tok', stderr: '::set-output name=a::1' },
      { outputs: { a: '1' }, stoppedAtEnd: 'tok' },
    ],
  ])('%s', (_rule, input, expected) => expectView(input, expected));
});

describe('echo (EchoCommandExtension, EchoOnActionCommand)', () => {
  test.each<[string, Input, Partial<View>]>([
    [
      'with echo on, lines of commands that do not omit echo are shown; add-mask shows ***',
      {
        stdout:
          '::echo::on\n::set-output name=a::1\n::debug::d\n::add-mask::s3cret\n::echo::OFF \n::set-output name=b::2',
      },
      { outputs: { a: '1', b: '2' }, display: ['::set-output name=a::1', '::add-mask::***', '::echo::OFF '] },
    ],
    [
      'step debug turns echo on from the start',
      { stdout: '::set-output name=a::1', options: { stepDebug: true } },
      { display: ['::set-output name=a::1'] },
    ],
    [
      'the echo option overrides it',
      { stdout: '::group::g', options: { stepDebug: true, echo: false } },
      { display: ['##[group]g'] },
    ],
    [
      'an invalid value fails the step with two errors',
      { stdout: '::echo::maybe' },
      {
        annotations: [
          "error: Unable to process command '::echo::maybe' successfully.",
          "error: Invalid echo command value. Possible values can be: 'on', 'off'. Current value is: 'maybe'.",
        ],
        failed: true,
        stray: ['echo'],
      },
    ],
    [
      'an empty value fails the step',
      { stdout: '::echo::' },
      {
        annotations: [
          "error: Unable to process command '::echo::' successfully.",
          "error: Value cannot be null. (Parameter 'value')",
        ],
        failed: true,
      },
    ],
  ])('%s', (_rule, input, expected) => expectView(input, expected));
});

describe('command extensions', () => {
  test.each<[string, Input, Partial<View>]>([
    [
      'set-output sets an output',
      { stdout: '::set-output name=a::x%0Ay' },
      { outputs: { a: 'x\ny' }, annotations: [], failed: false },
    ],
    [
      'set-output without a name fails the step',
      { stdout: '::set-output::1' },
      {
        outputs: {},
        annotations: [
          "error: Unable to process command '::set-output::1' successfully.",
          "error: Required field 'name' is missing in ##[set-output] command.",
        ],
        failed: true,
      },
    ],
    [
      'set-output warns when the server deprecates it',
      { stdout: '::set-output name=a::1', options: { deprecateStepOutputCommands: true } },
      { outputs: { a: '1' }, annotations: [`warning: ${deprecated('set-output')}`] },
    ],
    [
      'save-state saves state, not an output',
      { stdout: '::save-state name=s::1', options: { deprecateStepOutputCommands: true } },
      { state: { s: '1' }, outputs: {}, annotations: [`warning: ${deprecated('save-state')}`] },
    ],
    [
      'set-env is refused without ACTIONS_ALLOW_UNSECURE_COMMANDS',
      { stdout: '::set-env name=A::1' },
      {
        env: {},
        annotations: [
          "error: Unable to process command '::set-env name=A::1' successfully.",
          `error: ${disabled('set-env')}`,
        ],
        failed: true,
        stray: ['set-env'],
      },
    ],
    [
      'set-env with ACTIONS_ALLOW_UNSECURE_COMMANDS',
      { stdout: '::set-env name=A::1', options: { allowUnsecureCommands: true } },
      { env: { A: '1' }, annotations: [], failed: false },
    ],
    [
      'set-env of NODE_OPTIONS (any case) is blocked with an error, the step goes on',
      { stdout: '::set-env name=node_options::--x', options: { allowUnsecureCommands: true } },
      {
        env: {},
        annotations: ["error: Can't update NODE_OPTIONS environment variable using ::set-env:: command."],
        failed: false,
      },
    ],
    [
      'add-path is refused without ACTIONS_ALLOW_UNSECURE_COMMANDS',
      { stdout: '::add-path::/x' },
      {
        path: [],
        annotations: [
          "error: Unable to process command '::add-path::/x' successfully.",
          `error: ${disabled('add-path')}`,
        ],
        failed: true,
      },
    ],
    [
      'add-path: an equal entry moves to the end',
      { stdout: '::add-path::/a\n::add-path::/b\n::add-path::/a', options: { allowUnsecureCommands: true } },
      { path: ['/b', '/a'] },
    ],
    [
      'add-mask masks later lines, not earlier ones',
      { stdout: 'see s3cret\n::add-mask::s3cret\nsee s3cret' },
      { masks: ['s3cret'], display: ['see s3cret', 'see ***'] },
    ],
    [
      'add-mask adds each trimmed line of a multi-line value',
      { stdout: '::add-mask::one%0A two \nx one two' },
      { masks: ['one\n two ', 'one', 'two'], display: ['x *** ***'] },
    ],
    [
      'add-mask of white space warns',
      { stdout: '::add-mask:: \t' },
      { masks: [], annotations: ["warning: Can't add secret mask for empty string in ##[add-mask] command."] },
    ],
    [
      'add-matcher without a file warns',
      { stdout: '::add-matcher::' },
      { annotations: ['warning: File path must be specified.'], stray: ['add-matcher'] },
    ],
    [
      'remove-matcher with owner and file warns',
      { stdout: '::remove-matcher owner=o::f' },
      {
        annotations: [
          'warning: Either specify an owner name or a file path in ##[remove-matcher] command. Both values cannot be set.',
        ],
      },
    ],
    [
      'remove-matcher with neither warns',
      { stdout: '::remove-matcher::' },
      {
        annotations: ['warning: Either an owner name or a file path must be specified in ##[remove-matcher] command.'],
      },
    ],
    ['debug is hidden without step debug', { stdout: '::debug::d%0Ae' }, { debug: ['d\ne'], display: [] }],
    [
      'debug shows one ##[debug] line per line with step debug',
      { stdout: '::debug::d%0Ae', options: { stepDebug: true } },
      { debug: ['d\ne'], display: ['##[debug]d', '##[debug]e'] },
    ],
    [
      'group writes ##[group]data; endgroup drops its data',
      { stdout: '::group::g%0Ah\nin\n::endgroup::extra' },
      { display: ['##[group]g', 'h', 'in', '##[endgroup]'], stray: [] },
    ],
    [
      'notice is text when the server has no enhanced annotations',
      { stdout: '::notice::n', options: { enhancedAnnotations: false } },
      { annotations: [], display: ['::notice::n'], commands: [] },
    ],
    [
      '... except spelled NOTICE (the check is case-sensitive)',
      { stdout: '::NOTICE::n', options: { enhancedAnnotations: false } },
      { annotations: ['notice: n'], display: ['##[notice]n'] },
    ],
  ])('%s', (_rule, input, expected) => expectView(input, expected));
});

describe('annotations (IssueCommandExtension, ExecutionContext.AddIssue)', () => {
  const annotation = (over: Partial<Annotation>): Annotation => ({
    level: 'warning',
    message: 'm',
    title: undefined,
    properties: {},
    stream: 'stdout',
    inGroup: false,
    ...over,
  });

  test.each<[string, Input, Annotation[], string[]]>([
    [
      'message and properties unescaped; the message spans log lines',
      { stdout: '::error title=T%3A x,file=f.c::see%0Aline' },
      [annotation({ level: 'error', message: 'see\nline', title: 'T: x', properties: { title: 'T: x', file: 'f.c' } })],
      ['##[error]see', 'line'],
    ],
    [
      'the title is looked up ignoring case',
      { stdout: '::notice TITLE=t::m', stderr: '' },
      [annotation({ level: 'notice', title: 't', properties: { TITLE: 't' } })],
      ['##[notice]m'],
    ],
    [
      '_internal_telemetry is not passed on',
      { stdout: '::warning _Internal_Telemetry=x,title=t::m' },
      [annotation({ title: 't', properties: { title: 't' } })],
      ['##[warning]m'],
    ],
    [
      'the message is masked, the title is not',
      { stdout: '::add-mask::s3cret\n::error title=s3cret::a s3cret' },
      [annotation({ level: 'error', message: 'a ***', title: 's3cret', properties: { title: 's3cret' } })],
      ['##[error]a ***'],
    ],
    [
      'an empty message is recorded, no log line',
      { stdout: '::error::' },
      [annotation({ level: 'error', message: '' })],
      [],
    ],
    [
      'inGroup while a group is open; stream kept',
      { stdout: '::group::g\n::warning::w\n::endgroup::', stderr: '::warning::v' },
      [annotation({ message: 'w', inGroup: true }), annotation({ message: 'v', stream: 'stderr' })],
      ['##[group]g', '##[warning]w', '##[endgroup]', '##[warning]v'],
    ],
  ])('%s', (_rule, input, annotations, display) => {
    const log = readRunnerLog(input.stdout, input.stderr, input.options);
    expect(log.annotations).toEqual(annotations);
    expect(log.display).toEqual(display);
  });

  test.each<[string, string, number, number]>([
    ['a message is cut to its first 4096 characters', `::warning::${'x'.repeat(5000)}`, 4096, 1],
    [
      'at most 10 annotations of a type are recorded; every log line is written',
      Array.from({ length: 11 }, (_, i) => `::error::e${i}`).join('\n'),
      2,
      11,
    ],
  ])('%s', (_rule, stdout, length, lines) => {
    const log = readRunnerLog(stdout);
    expect([log.annotations.length, log.annotations[0].message.length, log.display.length]).toEqual([
      Math.min(lines, 10),
      length,
      lines,
    ]);
  });

  // ValidateLinesAndColumns, the cases of the runner's own tests (ActionCommandManagerL0).
  test.each<[string, Record<string, string>]>([
    ['line=1,endLine=2,col=1,endColumn=2', { line: '1', endLine: '2' }],
    ['col=1,endColumn=2', {}],
    ['endLine=1', { endLine: '1', line: '1' }],
    ['line=1,endColumn=2', { line: '1', endColumn: '2', col: '2' }],
    ['line=,endLine=3', { endLine: '3', line: '3' }],
    ['line=4,endLine=3', {}],
    ['line=1,endLine=1,col=3,endColumn=2', { line: '1', endLine: '1' }],
    ['line=1,endLine=1,col=1,endColumn=2', { line: '1', endLine: '1', col: '1', endColumn: '2' }],
    ['line=1,col=1,file=test.txt', { line: '1', col: '1', file: 'test.txt' }],
    ['line=01,endLine=1,col=1', { line: '01', endLine: '1' }],
  ])('lines and columns: %s', (properties, expected) => {
    expect(readRunnerLog(`::warning ${properties}::m`).annotations[0].properties).toEqual(expected);
  });
});

describe('masking (SecretMasker, HostContext value encoders)', () => {
  test.each<[string, string, string[]]>([
    ['overlapping occurrences become one ***', '::add-mask::aa\naaa', ['***']],
    ['touching secrets become one ***', '::add-mask::abc\n::add-mask::def\nabcdef abc-def', ['*** ***-***']],
    ['overlapping secrets become one ***', '::add-mask::abc\n::add-mask::cde\nabcde', ['***']],
    ['base64, shifted by 1 and 2 bytes', '::add-mask::s3cret\nczNjcmV0 M2NyZXQ= Y3JldA==', ['*** *** ***']],
    [
      'expression, XML and URI escapes',
      "::add-mask::it's a<b\nit''s a<b / it&apos;s a&lt;b / it%27s%20a%3Cb",
      ['*** / *** / ***'],
    ],
    ['command-line and JSON escapes', '::add-mask::say "hi"\\\nsay \\"hi\\"\\\\', ['***']],
    ['PowerShell pieces around `&`', '::add-mask::part1&part2-long\npart1& and part2-long', ['*** and ***']],
    ['the value inside quotes when quoted and longer than 8', '::add-mask::"quoted-1"\nquoted-1', ['***']],
  ])('%s', (_rule, stdout, display) => {
    expect(readRunnerLog(stdout).display).toEqual(display);
  });

  test.each<[string, string[]]>([
    ['s3cret', ['czNjcmV0', 'M2NyZXQ=', 'Y3JldA==', 's3cret', 's3cret', 's3cret', 's3cret', 's3cret']],
    ['a', ['YQ==', 'YQ==', 'YQ==', 'a', 'a', 'a', 'a', 'a']],
    [
      'x\u0001"\u2028',
      [
        'eAEi4oCo',
        'ASLigKg=',
        'IuKAqA==',
        'x\u0001\\"\u2028',
        'x\u0001"\u2028',
        'x\\u0001\\"\\u2028',
        'x%01%22%E2%80%A8',
        'x\u0001&quot;\u2028',
      ],
    ],
  ])('the encodings of %j', (value, encodings) => {
    expect(secretEncodings(value)).toEqual(encodings);
  });

  test.each<[string, string, string[], string]>([
    ['each line masked, lines end with \\n', 'a s3cret\r\nb\rc', ['s3cret'], 'a ***\nb\nc\n'],
    ['encodings are masked too', 'czNjcmV0', ['s3cret'], '***\n'],
    ['an empty file stays empty', '', ['s3cret'], ''],
    ['a secret split across lines is not masked', 'ab\ncd', ['ab\ncd'], 'ab\ncd\n'],
  ])('job summary (CreateStepSummaryCommand): %s', (_rule, text, masks, masked) => {
    expect(maskLines(text, masks)).toBe(masked);
  });

  test('secrets the job already has are masked from the first line', () => {
    expect(readRunnerLog('x pw1234 y', '', { secrets: ['pw1234'] }).display).toEqual(['x *** y']);
  });
});

describe('renderRunnerLog', () => {
  test.each<[string, boolean, string]>([
    ['collapsed', false, '▸ g\nError: e\n\nAnnotations:\n  [error] e'],
    ['expanded', true, '▾ g\n  in\nError: e\n\nAnnotations:\n  [error] e'],
  ])('%s', (_how, expand, rendered) => {
    expect(renderRunnerLog(readRunnerLog('::group::g\nin\n::endgroup::\n::error::e'), { expand })).toBe(rendered);
  });
});
