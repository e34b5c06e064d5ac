// A model of how the Actions runner reads a step's output, so that tests can assert what a job
// would see: which workflow commands take effect, which annotations, outputs and masks a step
// creates, and what the log shows.
//
// It follows actions/runner (read at commit 258d6c857db3519913f7deb6004b60172f8043ae), rule by
// rule; each rule below names the method and file it comes from:
//   src/Runner.Sdk/ProcessInvoker.cs             reading the two pipes, line splitting
//   src/Runner.Worker/Handlers/OutputManager.cs  which lines go to the command manager
//   src/Runner.Worker/ActionCommandManager.cs    stop-commands, echo, every command extension
//   src/Runner.Common/ActionCommand.cs           TryParseV2 (`::name k=v,k=v::data`) and
//                                                TryParse (legacy `##[name k=v;k=v]data`)
//   src/Runner.Worker/ExecutionContext.cs        AddIssue, Write, Debug, Output, echo default
//   src/Sdk/DTLogging/Logging/SecretMasker.cs, ValueSecret.cs, ValueEncoders.cs and
//   src/Runner.Common/HostContext.cs             masking (values and their encodings)
//   src/Runner.Worker/FileCommandManager.cs      masking of the job summary file
//   src/Runner.Worker/StepsRunner.cs             an exception from the command manager
// and, for .NET semantics the runner relies on: String.Split with count and
// RemoveEmptyEntries, StringComparer.OrdinalIgnoreCase (OrdinalCasing), char.IsWhiteSpace,
// StreamReader (BOM detection, ReadLine), Newtonsoft JsonConvert.ToString, Uri.EscapeDataString.
//
// Not modelled (the model says so rather than guess):
// - Problem matchers (OutputManager: matchers run on lines that are not commands; add-matcher
//   loads a JSON file from the runner's disk, which the model cannot see: it is recorded as a
//   command and otherwise has no effect here; a missing file makes the real runner fail the step).
// - The culture-sensitive (ICU) `StartsWith("::")`, `IndexOf("::")` and `IndexOf("##[")` in
//   ActionCommand.TryParseV2/TryParse and OutputManager: ICU ignores zero-weight code points
//   (U+0000, U+00AD, …), so the runner may take e.g. `::error:<U+00AD>:x` as a command where
//   this model (ordinal) sees text. Command names are still compared ordinally, ignoring case.
// - Annotation file paths (IssueCommandExtension: container path translation, path made relative
//   to the workspace, a `repo` property added), set-output's debug line (it names the step's
//   context), composite steps (deferred outputs, annotations not recorded for embedded steps),
//   telemetry, stack traces that Error(Exception) writes as debug lines, what the server does
//   with an annotation's properties.
// - OrdinalIgnoreCase is modelled per UTF-16 code unit with JavaScript's upper-casing where it
//   gives one character (the ICU simple mapping), except U+0131 and U+017F which .NET keeps
//   (OrdinalCasing.InitOrdinalCasingPage); astral letters are not folded.

export type Stream = 'stdout' | 'stderr';

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  /** After masking and the runner's 4096-character cut. */
  message: string;
  /** The `title` property (looked up ignoring case, as the runner's Issue.Data). Not masked. */
  title?: string;
  /** The issue's data: the command's properties after ValidateLinesAndColumns, names as written. */
  properties: Record<string, string>;
  stream: Stream;
  /** True when issued while a group was open (the annotation's log line is collapsed). */
  inGroup: boolean;
}

export interface HonouredCommand {
  /** The command's registered name (lower case), or the stop token for a resume. */
  name: string;
  /** The name as the line spelled it (ActionCommand.Command keeps it). */
  spelled: string;
  properties: Record<string, string>;
  data: string;
  stream: Stream;
  /** The raw line (unmasked). */
  line: string;
}

export interface GroupBalance {
  opened: number;
  closed: number;
  /** opened - closed at the end: 0 when every group was closed. */
  balance: number;
  /** Lowest running balance (below 0: an endgroup without a group). */
  lowest: number;
  /** Deepest nesting (the log viewer does not nest groups: more than 1 is a problem). */
  deepest: number;
}

export interface RunnerLog {
  /** The annotations the step records: at most 10 of each level (ExecutionContext.AddIssue). */
  annotations: Annotation[];
  /** Outputs set with the set-output command (not GITHUB_OUTPUT). */
  outputs: Record<string, string>;
  /** Values registered with add-mask (and their lines), in order. */
  masks: string[];
  groups: GroupBalance;
  /**
   * Commands that took effect and that an action reporting on a container has no reason to
   * issue: set-output, save-state, set-env, add-path, add-matcher, remove-matcher, echo, a
   * refused stop-commands, and any other registered name.
   */
  stray: HonouredCommand[];
  /** Every command that the command manager took (TryProcessCommand returned true), in order. */
  commands: HonouredCommand[];
  /** The data of every debug command (shown only with step debug on). */
  debug: string[];
  /** Set when a stream ended while commands were stopped (the token it waited for). */
  stoppedAtEnd?: string;
  /** The log as the runner writes it: masked, commands removed, groups as ##[group]. */
  display: string[];
  /** Variables set with set-env (only with ACTIONS_ALLOW_UNSECURE_COMMANDS). */
  env: Record<string, string>;
  /** Directories added with add-path (only with ACTIONS_ALLOW_UNSECURE_COMMANDS), last wins. */
  path: string[];
  /** State saved with save-state. */
  state: Record<string, string>;
  /**
   * The runner fails the step whatever the action's exit code: a command threw
   * (ActionCommandManager.TryProcessCommand sets CommandResult = Failed) or a refused stop token
   * threw out of the output reader (StepsRunner.RunStepAsync).
   */
  failed: boolean;
  /** Set when reading stopped on an exception: later lines of both streams were never read. */
  aborted: boolean;
}

export interface ModelOptions {
  /**
   * ACTIONS_STEP_DEBUG: Global.WriteDebug (debug lines are displayed) and the initial
   * EchoOnActionCommand (ExecutionContext.InitializeJob).
   */
  stepDebug?: boolean;
  /** Initial EchoOnActionCommand; defaults to stepDebug, as in ExecutionContext.InitializeJob. */
  echo?: boolean;
  /** ACTIONS_ALLOW_UNSECURE_COMMANDS=true (process or env context): set-env and add-path work. */
  allowUnsecureCommands?: boolean;
  /** ACTIONS_ALLOW_UNSECURE_STOPCOMMAND_TOKENS=true: a refused stop token is used anyway. */
  allowUnsecureStopCommandTokens?: boolean;
  /**
   * Server variable DistributedTask.EnhancedAnnotations. The runner's default is false, but
   * github.com sends true (notice annotations work there) and true is the worst case for a
   * guard (one command more honoured): the model defaults to true.
   */
  enhancedAnnotations?: boolean;
  /**
   * Server variable DistributedTask.DeprecateStepOutputCommands: each set-output and save-state
   * adds a warning annotation. The runner's default (false) is the model's; github.com sends true.
   */
  deprecateStepOutputCommands?: boolean;
  /** Values the runner already masks before the step (the job's secrets). */
  secrets?: string[];
}

// ---------------------------------------------------------------------------------------------
// .NET string semantics the runner relies on

/** char.IsWhiteSpace (used by String.Trim/TrimStart, IsNullOrWhiteSpace, TrimEntries). */
const DOTNET_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const LEADING_SPACE = new RegExp(`^[${DOTNET_SPACE}]+`);
const TRAILING_SPACE = new RegExp(`[${DOTNET_SPACE}]+$`);
const trimStart = (s: string) => s.replace(LEADING_SPACE, '');
const trim = (s: string) => trimStart(s).replace(TRAILING_SPACE, '');

/** OrdinalCasing.ToUpper for one UTF-16 code unit (see the header for the approximation). */
function ordinalUpper(c: string): string {
  if (c === '\u0131' || c === '\u017f') return c; // InitOrdinalCasingPage: no Turkish-I, no long s
  const upper = c.toUpperCase();
  return upper.length === 1 ? upper : c;
}

/** StringComparer.OrdinalIgnoreCase equality. */
export function ordinalIgnoreCaseEquals(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && ordinalUpper(a[i]) !== ordinalUpper(b[i])) return false;
  return true;
}

/** A Dictionary/HashSet with StringComparer.OrdinalIgnoreCase: the first spelling of a key stays. */
const findKey = (keys: Iterable<string>, key: string) => {
  for (const k of keys) if (ordinalIgnoreCaseEquals(k, key)) return k;
  return undefined;
};
const put = (obj: Record<string, string>, key: string, value: string) =>
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
const getCI = (obj: Record<string, string>, key: string) => {
  const k = findKey(Object.keys(obj), key);
  return k === undefined ? undefined : obj[k];
};
const setCI = (obj: Record<string, string>, key: string, value: string) =>
  put(obj, findKey(Object.keys(obj), key) ?? key, value);
const deleteCI = (obj: Record<string, string>, key: string) => {
  const k = findKey(Object.keys(obj), key);
  if (k !== undefined) delete obj[k];
};

class CaseInsensitiveSet {
  private readonly items: string[] = [];
  constructor(items: Iterable<string> = []) {
    for (const item of items) this.add(item);
  }
  has(item: string): boolean {
    return findKey(this.items, item) !== undefined;
  }
  add(item: string): void {
    if (!this.has(item)) this.items.push(item);
  }
  delete(item: string): void {
    const i = this.items.findIndex((k) => ordinalIgnoreCaseEquals(k, item));
    if (i >= 0) this.items.splice(i, 1);
  }
  [Symbol.iterator]() {
    return this.items[Symbol.iterator]();
  }
}

/** `s.Split('=', 2, StringSplitOptions.RemoveEmptyEntries)` when it gives two parts. */
function splitPair(s: string): [string, string] | undefined {
  const parts = s.split('=');
  // Empty entries before the first non-empty one are dropped; that one is the key.
  let key = 0;
  while (key < parts.length && parts[key] === '') key++;
  if (key >= parts.length - 1) return undefined; // no separator after the key: one part
  // SplitWithPostProcessing: with one slot left, the empty entries after the key are skipped,
  // and the rest of the string, separators and all, is the value.
  let value = key + 1;
  while (value < parts.length - 1 && parts[value] === '') value++;
  const rest = parts.slice(value).join('=');
  return rest === '' ? undefined : [parts[key], rest];
}

/** `text.Replace(escaped, plain)` for each mapping in order (ordinal, one pass each). */
const unescapeWith = (mappings: [string, string][]) => (text: string) =>
  mappings.reduce((s, [plain, escaped]) => s.split(escaped).join(plain), text);
// ActionCommand._escapeDataMappings (UnescapeData): \r, \n, then %.
const unescapeData = unescapeWith([
  ['\r', '%0D'],
  ['\n', '%0A'],
  ['%', '%25'],
]);
// ActionCommand._escapePropertyMappings (UnescapeProperty): \r, \n, :, , then %.
const unescapeProperty = unescapeWith([
  ['\r', '%0D'],
  ['\n', '%0A'],
  [':', '%3A'],
  [',', '%2C'],
  ['%', '%25'],
]);
// ActionCommand._escapeMappings (Unescape, legacy form, data and properties): ; \r \n ] then %.
const unescapeLegacy = unescapeWith([
  [';', '%3B'],
  ['\r', '%0D'],
  ['\n', '%0A'],
  [']', '%5D'],
  ['%', '%25'],
]);

// ---------------------------------------------------------------------------------------------
// ActionCommand parsing

export interface ParsedCommand {
  /** The name as written (its registered spelling may differ in case). */
  command: string;
  properties: Record<string, string>;
  data: string;
}

function parseProperties(text: string, separator: string, unescape: (s: string) => string): Record<string, string> {
  const properties: Record<string, string> = {};
  // Split(separator, RemoveEmptyEntries); entries are not trimmed, so ` k=v` has the key ` k`.
  for (const entry of text.split(separator).filter(Boolean)) {
    const pair = splitPair(entry);
    // Properties is a Dictionary with OrdinalIgnoreCase: a later `K=` overwrites `k=`.
    if (pair) setCI(properties, pair[0], unescape(pair[1]));
  }
  return properties;
}

function commandName(info: string, registered: Iterable<string>): { name: string; space: number } | undefined {
  const space = info.indexOf(' ');
  const name = space < 0 ? info : info.slice(0, space);
  // registeredCommands.Contains (OrdinalIgnoreCase); new ActionCommand("") would throw (caught).
  if (name === '' || findKey(registered, name) === undefined) return undefined;
  return { name, space };
}

/** ActionCommand.TryParseV2: `::name k=v,k=v::data`, after leading white space only. */
export function tryParseV2(message: string, registered: Iterable<string>): ParsedCommand | undefined {
  if (!message) return undefined;
  // TryParseV2: message.TrimStart() (char.IsWhiteSpace), then it must start with `::`.
  const text = trimStart(message);
  if (!text.startsWith('::')) return undefined;
  // The first `::` after the opening one ends the command info; the rest is the data.
  const end = text.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = text.slice(2, end);
  const named = commandName(info, registered);
  if (!named) return undefined;
  return {
    command: named.name,
    // Properties after the first space, Trim()med, split on `,`, each unescaped (UnescapeProperty).
    properties: named.space > 0 ? parseProperties(trim(info.slice(named.space + 1)), ',', unescapeProperty) : {},
    data: unescapeData(text.slice(end + 2)),
  };
}

/** ActionCommand.TryParse: the legacy `##[name k=v;k=v]data`, anywhere in the line. */
export function tryParse(message: string, registered: Iterable<string>): ParsedCommand | undefined {
  if (!message) return undefined;
  // TryParse: the first `##[`, then the first `]` after it; anything may come before `##[`.
  const prefix = message.indexOf('##[');
  if (prefix < 0) return undefined;
  const rb = message.indexOf(']', prefix);
  if (rb < 0) return undefined;
  const info = message.slice(prefix + 3, rb);
  const named = commandName(info, registered);
  if (!named) return undefined;
  return {
    command: named.name,
    // Properties after the first space, not trimmed, split on `;`, unescaped with Unescape.
    properties: named.space > 0 ? parseProperties(info.slice(named.space + 1), ';', unescapeLegacy) : {},
    data: unescapeLegacy(message.slice(rb + 1)),
  };
}

// ---------------------------------------------------------------------------------------------
// Masking: SecretMasker with the encoders HostContext registers

const utf8 = (s: string) => Buffer.from(s, 'utf8');
/** Lone surrogates become U+FFFD, as .NET's UTF-8 encoder and Uri.EscapeDataString do. */
const wellFormed = (s: string) =>
  s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/** ValueEncoders.Base64StringEscapeShift: base64 of the UTF-8 bytes after the first `shift`. */
const base64Shift = (value: string, shift: number) => {
  const bytes = utf8(value);
  return (bytes.length > shift ? bytes.subarray(shift) : bytes).toString('base64');
};
/** Newtonsoft JsonConvert.ToString without its quotes (JavaScriptUtils, double-quote flags). */
const jsonEscape = (value: string) =>
  // eslint-disable-next-line no-control-regex
  value.replace(/[\u0000-\u001f"\\\u0085\u2028\u2029]/g, (c) => {
    const short: Record<string, string> = {
      '\t': '\\t',
      '\n': '\\n',
      '\r': '\\r',
      '\f': '\\f',
      '\b': '\\b',
      '\\': '\\\\',
      '"': '\\"',
    };
    return short[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
/** Uri.EscapeDataString: all but RFC 3986 unreserved characters, as upper-case UTF-8 escapes. */
const uriEscape = (value: string) =>
  encodeURIComponent(wellFormed(value)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const XML_ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '&': '&amp;' };
/** SecurityElement.Escape. */
const xmlEscape = (value: string) => value.replace(/[<>"'&]/g, (c) => XML_ENTITIES[c] ?? c);

/** HostContext's value encoders, in the order it registers them (ValueEncoders.cs). */
const ENCODERS: ((value: string) => string)[] = [
  (v) => utf8(v).toString('base64'), // Base64StringEscape
  (v) => base64Shift(v, 1), // Base64StringEscapeShift1
  (v) => base64Shift(v, 2), // Base64StringEscapeShift2
  (v) => v.split('"').join('\\"'), // CommandLineArgumentEscape
  (v) => v.split("'").join("''"), // ExpressionStringEscape (ExpressionUtility.StringEscape)
  jsonEscape, // JsonStringEscape
  uriEscape, // UriDataEscape (its 65519-character chunks give the same result)
  xmlEscape, // XmlDataEscape
  // TrimDoubleQuotes: longer than 8 and quoted: the inside.
  (v) => (v.length > 8 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : ''),
  // PowerShellPreAmpersandEscape: up to `&+` (included), else up to the last `&`; 6 or more.
  (v) => {
    if (!v.includes('&')) return '';
    const section = v.includes('&+') ? v.slice(0, v.indexOf('&+') + 2) : v.slice(0, v.lastIndexOf('&') + 1);
    return section.length >= 6 ? section : '';
  },
  // PowerShellPostAmpersandEscape: after `&+` and one more character, else after the last `&`.
  (v) => {
    if (!v.includes('&')) return '';
    let section = '';
    if (v.includes('&+')) {
      if (v.length > v.indexOf('&+') + 3) section = v.slice(v.indexOf('&+') + 3);
    } else section = v.slice(v.lastIndexOf('&') + 1);
    return section.length >= 6 ? section : '';
  },
];

/** The encoded forms the runner masks along with a value (SecretMasker.AddValue), non-empty. */
export function secretEncodings(value: string): string[] {
  return ENCODERS.map((encode) => encode(value)).filter((encoded) => encoded !== '');
}

class SecretMasker {
  private readonly originals = new Set<string>();
  private readonly values = new Set<string>();

  /** SecretMasker.AddValue: empty values are ignored; the value and its encodings are added. */
  addValue(value: string): void {
    if (!value || this.originals.has(value)) return;
    this.originals.add(value);
    for (const v of [value, ...secretEncodings(value)]) this.values.add(v);
  }

  /**
   * SecretMasker.MaskSecrets: every occurrence of every value (ValueSecret.GetPositions, one
   * character on after each match, so occurrences may overlap); ranges that overlap or touch
   * are merged, and each merged range becomes one `***`.
   */
  mask(input: string): string {
    if (!input) return '';
    const ranges: [number, number][] = [];
    for (const value of this.values) {
      for (let at = input.indexOf(value); at >= 0; at = input.indexOf(value, at + 1))
        ranges.push([at, at + value.length]);
    }
    if (!ranges.length) return input;
    ranges.sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const [start, end] of ranges) {
      const last = merged[merged.length - 1];
      if (last && start <= last[1]) last[1] = Math.max(last[1], end);
      else merged.push([start, end]);
    }
    let out = '';
    let from = 0;
    for (const [start, end] of merged) {
      out += `${input.slice(from, start)}***`;
      from = end;
    }
    return out + input.slice(from);
  }
}

// ---------------------------------------------------------------------------------------------
// Lines

/**
 * StreamReader over a whole stream: a byte order mark at its start is consumed (the runner's
 * readers detect one: Process.StandardOutput/StandardError), then ReadLine: `\n`, `\r\n` and a
 * bare `\r` end a line; a last line without a newline still counts.
 */
export function runnerLines(text: string): string[] {
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  const lines = body.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * What the runner does to the job summary file before it uploads it
 * (FileCommandManager, CreateStepSummaryCommand.ProcessCommand): read with StreamReader.ReadLine,
 * each line masked with every registered value and its encodings, written back with WriteLine.
 * An empty file is not uploaded (''). `masks` are the values registered with add-mask.
 */
export function maskLines(text: string, masks: string[]): string {
  if (text === '') return '';
  const masker = new SecretMasker();
  for (const value of masks) masker.addValue(value);
  return runnerLines(text)
    .map((line) => `${masker.mask(line)}\n`)
    .join('');
}

// ---------------------------------------------------------------------------------------------
// The runner

/** The runner's registered commands (internal-set-repo-path is off for actions). */
const EXTENSIONS: Record<string, { omitEcho: boolean }> = {
  // ExtensionManager registers these IActionCommandExtension; OmitEcho as each one declares.
  'set-env': { omitEcho: false },
  'set-output': { omitEcho: false },
  'save-state': { omitEcho: false },
  'add-path': { omitEcho: false },
  'add-mask': { omitEcho: true },
  'add-matcher': { omitEcho: false },
  'remove-matcher': { omitEcho: false },
  warning: { omitEcho: true },
  error: { omitEcho: true },
  notice: { omitEcho: true },
  debug: { omitEcho: true },
  group: { omitEcho: false },
  endgroup: { omitEcho: false },
  echo: { omitEcho: false },
};
// Ours, not the runner's: the commands this action itself issues (everything else is `stray`).
const EXPECTED = new Set(['add-mask', 'debug', 'warning', 'error', 'notice', 'group', 'endgroup', 'stop-commands']);
const MAX_ISSUE_MESSAGE = 4096; // ExecutionContext._maxIssueMessageLength
const MAX_ISSUES_PER_TYPE = 10; // ExecutionContext._maxCountPerIssueType

// Constants.Runner messages.
const STOP_TOKEN_REFUSED =
  "You cannot use a endToken that is an empty string, the string 'pause-logging', or another workflow command. For more information see: https://docs.github.com/actions/learn-github-actions/workflow-commands-for-github-actions#example-stopping-and-starting-workflow-commands or opt into insecure command execution by setting the `ACTIONS_ALLOW_UNSECURE_STOPCOMMAND_TOKENS` environment variable to `true`.";
const deprecated = (command: string) =>
  `The \`${command}\` command is deprecated and will be disabled soon. Please upgrade to using Environment Files. For more information see: https://github.blog/changelog/2022-10-11-github-actions-deprecating-save-state-and-set-output-commands/`;
const disabled = (command: string) =>
  `The \`${command}\` command is disabled. Please upgrade to using Environment Files or opt into unsecure command execution by setting the \`ACTIONS_ALLOW_UNSECURE_COMMANDS\` environment variable to \`true\`. For more information see: https://github.blog/changelog/2020-10-01-github-actions-deprecating-set-env-and-add-path-commands/`;
/** ArgUtil.NotNullOrEmpty throws ArgumentNullException(name). */
const argumentNull = (name: string) => new Error(`Value cannot be null. (Parameter '${name}')`);

/** int.TryParse with NumberStyles.Integer: white space (\t-\r, space) around, a sign, digits. */
function tryInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^[\t-\r ]*[+-]?[0-9]+[\t-\r ]*\0*$/.test(value)) return undefined;
  const n = Number(value.replace(/[\t-\r \0]/g, ''));
  return n >= -2147483648 && n <= 2147483647 ? n : undefined;
}

class Runner {
  readonly log: RunnerLog = {
    annotations: [],
    outputs: {},
    masks: [],
    groups: { opened: 0, closed: 0, balance: 0, lowest: 0, deepest: 0 },
    stray: [],
    commands: [],
    debug: [],
    display: [],
    env: {},
    path: [],
    state: {},
    failed: false,
    aborted: false,
  };
  // ActionCommandManager.Initialize: stop-commands and every extension but internal-set-repo-path.
  private readonly registered = new CaseInsensitiveSet(['stop-commands', ...Object.keys(EXTENSIONS)]);
  private readonly masker = new SecretMasker();
  private readonly issueCounts = { error: 0, warning: 0, notice: 0 };
  private stopped = false;
  private stopToken: string | undefined;
  private echo: boolean;

  constructor(private readonly options: ModelOptions) {
    this.echo = options.echo ?? options.stepDebug ?? false;
    for (const secret of options.secrets ?? []) this.masker.addValue(secret);
  }

  // ExecutionContext.Write: the tag and the message are masked together, then logged.
  private write(tag: string, message: string): void {
    for (const line of this.masker.mask(`${tag}${message}`).split('\n')) this.log.display.push(line);
  }

  // ExecutionContext.Output: Write with no tag.
  private output(message: string): void {
    this.write('', message);
  }

  // ExecutionContext.Debug: only with step debug (Global.WriteDebug), one ##[debug] line each.
  private runnerDebug(message: string): void {
    if (!this.options.stepDebug) return;
    for (const line of message.replace(/\r\n/g, '\n').split('\n')) this.write('##[debug]', line);
  }

  private get inGroup(): boolean {
    return this.log.groups.opened > this.log.groups.closed;
  }

  // ExecutionContext.AddIssue: message masked, then cut to 4096 characters; the step records at
  // most 10 issues of a type; the log line (##[error] …) is written when the message is not empty.
  private addIssue(
    level: Annotation['level'],
    message: string,
    stream: Stream,
    properties: Record<string, string> = {},
  ): void {
    const masked = this.masker.mask(message).slice(0, MAX_ISSUE_MESSAGE);
    if (this.issueCounts[level] < MAX_ISSUES_PER_TYPE) {
      this.issueCounts[level]++;
      this.log.annotations.push({
        level,
        message: masked,
        title: getCI(properties, 'title'),
        properties,
        stream,
        inGroup: this.inGroup,
      });
    }
    if (masked !== '') this.write(`##[${level}]`, masked);
  }

  /** Reads one stream (ProcessInvoker.StartReadStream: StreamReader.ReadLine). */
  read(text: string, stream: Stream): void {
    for (const line of runnerLines(text)) {
      if (this.log.aborted) return;
      this.onDataReceived(line, stream);
    }
  }

  /** Worst case between the two streams: see readRunnerLog. */
  endOfStream(): void {
    if (this.stopped) {
      this.log.stoppedAtEnd ??= this.stopToken;
    }
  }

  resumeForNextStream(): void {
    if (this.stopped && this.stopToken !== undefined) this.registered.delete(this.stopToken);
    this.stopped = false;
    this.stopToken = undefined;
  }

  // OutputManager.OnDataReceived
  private onDataReceived(line: string, stream: Stream): void {
    // Only a non-empty line holding `##[` or `::` goes to the command manager.
    if (line !== '' && (line.includes('##[') || line.includes('::'))) {
      if (this.tryProcessCommand(line, stream)) return;
    }
    // Runner-controlled markers are broken in the user's output.
    const shown =
      line.includes('##[start-action') || line.includes('##[end-action')
        ? line.split('##[start-action').join('##[\\start-action').split('##[end-action').join('##[\\end-action')
        : line;
    this.output(shown);
  }

  private record(
    name: string,
    parsed: ParsedCommand,
    stream: Stream,
    line: string,
    stray = !EXPECTED.has(name),
  ): HonouredCommand {
    // A copy: IssueCommandExtension later edits the properties (see validateLinesAndColumns).
    const command: HonouredCommand = {
      name,
      spelled: parsed.command,
      properties: { ...parsed.properties },
      data: parsed.data,
      stream,
      line,
    };
    this.log.commands.push(command);
    if (stray) this.log.stray.push(command);
    return command;
  }

  // ActionCommandManager.TryProcessCommand
  private tryProcessCommand(input: string, stream: Stream): boolean {
    // TryParseV2 first, then the legacy TryParse, both against the registered names.
    const parsed = tryParseV2(input, this.registered) ?? tryParse(input, this.registered);
    if (!parsed) return false;

    // Without enhanced annotations `notice` is text (a case-sensitive `== "notice"` check).
    if (!(this.options.enhancedAnnotations ?? true) && parsed.command === 'notice') {
      this.runnerDebug("Enhanced Annotations not enabled on the server: 'notice' command will not be processed.");
      return false;
    }

    if (this.stopped) {
      // While stopped only a command named like the token (ignoring case) counts: it resumes.
      if (this.stopToken && ordinalIgnoreCaseEquals(parsed.command, this.stopToken)) {
        this.output(input);
        this.runnerDebug('Resume processing commands');
        this.registered.delete(this.stopToken);
        this.stopped = false;
        this.stopToken = undefined;
        return true;
      }
      // Anything else is not processed: OutputManager shows it as text.
      this.runnerDebug(`Process commands has been stopped and waiting for '##[${this.stopToken}]' to resume.`);
      return false;
    }

    if (ordinalIgnoreCaseEquals(parsed.command, 'stop-commands')) {
      const token = parsed.data;
      // ValidateStopToken: empty, `pause-logging` or a registered command name is refused.
      const refused = token === '' || this.registered.has(token) || ordinalIgnoreCaseEquals(token, 'pause-logging');
      this.record('stop-commands', parsed, stream, input, refused);
      if (refused && !this.options.allowUnsecureStopCommandTokens) {
        // The exception leaves OutputManager and ProcessInvoker: the output is no longer read and
        // StepsRunner.RunStepAsync fails the step with the exception's message.
        this.addIssue('error', STOP_TOKEN_REFUSED, stream);
        this.log.failed = true;
        this.log.aborted = true;
        return true;
      }
      this.stopToken = token;
      this.stopped = true;
      // The token becomes a command name (so `::TOKEN::` and `##[TOKEN]` parse) and, when longer
      // than 6 characters, a secret: the stop line itself is shown masked.
      this.registered.add(token);
      if (token.length > 6) this.masker.addValue(token);
      this.output(input);
      this.runnerDebug('Paused processing commands until the token you called ::stopCommands:: with is received');
      return true;
    }

    const name = findKey(Object.keys(EXTENSIONS), parsed.command);
    if (name === undefined) {
      // Registered but no extension.
      this.record(parsed.command, parsed, stream, input, true);
      this.addIssue('warning', `Can't find command extension for ##[${parsed.command}.command].`, stream);
      return true;
    }
    this.record(name, parsed, stream, input);
    const extension = EXTENSIONS[name];
    // Echo: the raw line is shown before the command runs, unless the extension omits it.
    if (this.echo && !extension.omitEcho) this.output(input);
    try {
      this.processCommand(name, parsed, stream);
    } catch (e) {
      // A throwing extension: two error annotations and the step fails (CommandResult).
      this.addIssue('error', `Unable to process command '${extension.omitEcho ? name : input}' successfully.`, stream);
      this.addIssue('error', (e as Error).message, stream);
      this.log.failed = true;
    }
    return true;
  }

  private processCommand(name: string, command: ParsedCommand, stream: Stream): void {
    const { properties, data } = command;
    switch (name) {
      case 'set-env': {
        // SetEnvCommandExtension: refused unless ACTIONS_ALLOW_UNSECURE_COMMANDS; name required;
        // NODE_OPTIONS is blocked with an error annotation (no exception).
        if (!this.options.allowUnsecureCommands) throw new Error(disabled('set-env'));
        const envName = getCI(properties, 'name');
        if (!envName) throw new Error("Required field 'name' is missing in ##[set-env] command.");
        if (ordinalIgnoreCaseEquals(envName, 'NODE_OPTIONS')) {
          this.addIssue('error', "Can't update NODE_OPTIONS environment variable using ::set-env:: command.", stream);
          return;
        }
        put(this.log.env, envName, data);
        this.runnerDebug(`${envName}='${data}'`);
        return;
      }
      case 'set-output':
      case 'save-state': {
        // SetOutputCommandExtension / SaveStateCommandExtension: a deprecation warning when the
        // server asks; name required; the value is set.
        if (this.options.deprecateStepOutputCommands) this.addIssue('warning', deprecated(name), stream);
        const key = getCI(properties, 'name');
        if (!key) throw new Error(`Required field 'name' is missing in ##[${name}] command.`);
        if (name === 'set-output') {
          put(this.log.outputs, key, data);
        } else {
          setCI(this.log.state, key, data); // IntraActionState: OrdinalIgnoreCase
          this.runnerDebug(`Save intra-action state ${key} = ${data}`);
        }
        return;
      }
      case 'add-path': {
        // AddPathCommandExtension: refused unless ACTIONS_ALLOW_UNSECURE_COMMANDS; data required;
        // an equal entry moves to the end.
        if (!this.options.allowUnsecureCommands) throw new Error(disabled('add-path'));
        if (!data) throw argumentNull('path');
        this.log.path = [...this.log.path.filter((p) => p !== data), data];
        return;
      }
      case 'add-mask': {
        // AddMaskCommandExtension: white space only warns; else the value, then each of its lines
        // (split on \r and \n, trimmed, empty ones dropped), are added; with echo on the
        // line shows as `::add-mask::***`.
        if (trim(data) === '') {
          this.addIssue('warning', "Can't add secret mask for empty string in ##[add-mask] command.", stream);
          return;
        }
        if (this.echo) this.output('::add-mask::***');
        for (const value of [
          data,
          ...data
            .split(/[\r\n]/)
            .map(trim)
            .filter(Boolean),
        ]) {
          if (!this.log.masks.includes(value)) this.log.masks.push(value);
          this.masker.addValue(value);
        }
        return;
      }
      case 'add-matcher':
        // AddMatcherCommandExtension: a file is required; loading it is not modelled.
        if (!data) this.addIssue('warning', 'File path must be specified.', stream);
        return;
      case 'remove-matcher': {
        // RemoveMatcherCommandExtension: exactly one of the owner property and the file.
        const owner = getCI(properties, 'owner');
        if (owner && data) {
          this.addIssue(
            'warning',
            'Either specify an owner name or a file path in ##[remove-matcher] command. Both values cannot be set.',
            stream,
          );
        } else if (!owner && !data) {
          this.addIssue(
            'warning',
            'Either an owner name or a file path must be specified in ##[remove-matcher] command.',
            stream,
          );
        }
        return;
      }
      case 'debug':
        // DebugCommandExtension: context.Debug(data).
        this.log.debug.push(data);
        this.runnerDebug(data);
        return;
      case 'error':
      case 'warning':
      case 'notice': {
        // IssueCommandExtension.ProcessCommand: lines and columns validated, then an issue with
        // the data as message and every property but `_internal_telemetry` as its data.
        this.validateLinesAndColumns(command);
        if (!(this.options.enhancedAnnotations ?? true)) {
          this.runnerDebug(
            "Enhanced Annotations not enabled on the server. The 'title', 'end_line', and 'end_column' fields are unsupported.",
          );
        }
        const issueData: Record<string, string> = {};
        for (const [key, value] of Object.entries(properties)) {
          if (!ordinalIgnoreCaseEquals(key, '_internal_telemetry')) put(issueData, key, value);
        }
        this.addIssue(name, data, stream, issueData);
        return;
      }
      case 'group':
      case 'endgroup': {
        // GroupingCommandExtension: `##[group]data` or `##[endgroup]` is written.
        const g = this.log.groups;
        if (name === 'group') {
          g.opened++;
          g.deepest = Math.max(g.deepest, g.opened - g.closed);
        } else {
          g.closed++;
          g.lowest = Math.min(g.lowest, g.opened - g.closed);
        }
        this.output(`##[${name}]${name === 'group' ? data : ''}`);
        return;
      }
      case 'echo': {
        // EchoCommandExtension: data required; `on` or `off`, trimmed, any case; else it throws.
        if (!data) throw argumentNull('value');
        const value = [...trim(data)].map(ordinalUpper).join('');
        if (value === 'ON' || value === 'OFF') {
          this.echo = value === 'ON';
          this.runnerDebug(`Setting echo command value to '${value.toLowerCase()}'`);
          return;
        }
        throw new Error(
          `Invalid echo command value. Possible values can be: 'on', 'off'. Current value is: '${data}'.`,
        );
      }
    }
  }

  // IssueCommandExtension.ValidateLinesAndColumns (the numbers keep their first parse).
  private validateLinesAndColumns(command: ParsedCommand): void {
    const p = command.properties;
    const invalid = (why: string) => this.runnerDebug(`Invalid ${command.command} command value. ${why}`);
    let line = getCI(p, 'line');
    const endLine = getCI(p, 'endLine');
    const column = getCI(p, 'col');
    const endColumn = getCI(p, 'endColumn');
    const lineNumber = tryInt(line) ?? 0;
    const endLineNumber = tryInt(endLine) ?? 0;
    const columnNumber = tryInt(column) ?? 0;
    const endColumnNumber = tryInt(endColumn) ?? 0;
    let hasStartLine = tryInt(line) !== undefined;
    const hasEndLine = tryInt(endLine) !== undefined;
    let hasStartColumn = tryInt(column) !== undefined;
    const hasEndColumn = tryInt(endColumn) !== undefined;
    const hasColumn = hasStartColumn || hasEndColumn;
    if (hasEndLine && !hasStartLine) {
      invalid("'endLine' can only be set if 'line' is provided");
      setCI(p, 'line', endLine as string);
      hasStartLine = true;
      line = endLine;
    }
    if (hasEndColumn && !hasStartColumn) {
      invalid("'endColumn' can only be set if 'col' is provided");
      setCI(p, 'col', endColumn as string);
      hasStartColumn = true;
    }
    const dropColumns = () => {
      deleteCI(p, 'col');
      deleteCI(p, 'endColumn');
    };
    if (!hasStartLine && hasColumn) {
      invalid("'col' and 'endColumn' can only be set if 'line' value is provided.");
      dropColumns();
    }
    if (hasEndLine && line !== endLine && hasColumn) {
      invalid("'col' and 'endColumn' cannot be set if 'line' and 'endLine' are different values.");
      dropColumns();
    }
    if (hasStartLine && hasEndLine && endLineNumber < lineNumber) {
      invalid("'endLine' cannot be less than 'line'.");
      deleteCI(p, 'line');
      deleteCI(p, 'endLine');
    }
    if (hasStartColumn && hasEndColumn && endColumnNumber < columnNumber) {
      invalid("'endColumn' cannot be less than 'col'.");
      dropColumns();
    }
  }
}

/**
 * Reads a step's stdout and stderr as the runner would.
 *
 * ProcessInvoker reads the two pipes on two threads and hands lines over in batches (each
 * batch: stderr's lines, then stdout's), so their lines can interleave in any order, and both
 * go to one ActionCommandManager (one stop state). The model takes the worst case for a guard:
 * stdout is processed in full, then every stderr line as if it arrived after stdout's last line
 * (when commands run again): were commands still stopped at stdout's end, stderr could as well
 * have come before the stop.
 */
export function readRunnerLog(stdout: string, stderr = '', options: ModelOptions = {}): RunnerLog {
  const runner = new Runner(options);
  runner.read(stdout, 'stdout');
  runner.endOfStream();
  runner.resumeForNextStream();
  runner.read(stderr, 'stderr');
  runner.endOfStream();
  const log = runner.log;
  log.groups.balance = log.groups.opened - log.groups.closed;
  return log;
}

/**
 * The log as the web page shows a finished step: groups collapsed to their title (▸), or
 * open (▾) when `expand` is set, error/warning/notice lines labelled, then the annotations.
 */
export function renderRunnerLog(log: RunnerLog, options: { expand?: boolean } = {}): string {
  const out: string[] = [];
  let inGroup = false;
  for (const line of log.display) {
    if (line.startsWith('##[group]')) {
      out.push(`${options.expand ? '▾' : '▸'} ${line.slice(9)}`);
      inGroup = true;
    } else if (line === '##[endgroup]') {
      inGroup = false;
    } else if (!inGroup || options.expand) {
      const tag = /^##\[(error|warning|notice|debug)\](.*)$/.exec(line);
      const text = tag ? `${tag[1][0].toUpperCase()}${tag[1].slice(1)}: ${tag[2]}` : line;
      out.push(inGroup ? `  ${text}` : text);
    }
  }
  if (log.annotations.length) {
    out.push('', 'Annotations:');
    for (const a of log.annotations)
      out.push(`  [${a.level}] ${a.title ? `${a.title}: ` : ''}${a.message.replace(/\n/g, '\n    ')}`);
  }
  return out.join('\n');
}
