// A model of how the Actions runner reads a step's output (actions/runner: Runner.Sdk
// ProcessInvoker, Runner.Worker OutputManager, ActionCommandManager, Runner.Common
// ActionCommand, ExecutionContext.AddIssue), so that tests can assert what a job would see:
// which workflow commands take effect, which annotations, outputs and masks a step creates,
// and what the log shows.
//
// What it follows from the runner:
// - Each stream is read with StreamReader.ReadLine: `\n`, `\r\n` and a bare `\r` end a line;
//   a last line without a newline still counts.
// - A line is a command when `::name props::data` starts it after leading whitespace (v2) or,
//   failing that, `##[name props]data` appears anywhere in it (legacy); names are registered
//   commands, compared without case. Unknown names are plain text.
// - `::stop-commands::TOKEN` stops all command processing until a line that parses as the
//   command TOKEN (`::TOKEN::` or `##[TOKEN]`); while stopped nothing else is honoured, and
//   the token (longer than 6 characters) is masked.
// - add-mask registers the value and each of its trimmed lines; every later line and
//   annotation is masked (`***`). Annotation messages are cut to their first 4096 characters.
// - The runner reads stdout and stderr on two threads: their lines can interleave in any
//   order. The model takes the worst case for a guard: stdout is processed in full, then every
//   stderr line as if it arrived after stdout's last line (when commands run again).
// Not modelled: problem matchers (they are not workflow commands, stop-commands does not turn
// them off), set-env/add-path refusal rules, encodings of masked values.

export type Stream = 'stdout' | 'stderr';

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  /** After masking and the runner's 4096-character cut. */
  message: string;
  title?: string;
  properties: Record<string, string>;
  stream: Stream;
  /** True when issued while a group was open (the annotation's log line is collapsed). */
  inGroup: boolean;
}

export interface HonouredCommand {
  name: string;
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
  annotations: Annotation[];
  /** Outputs set with the set-output command (not GITHUB_OUTPUT). */
  outputs: Record<string, string>;
  /** Values registered with add-mask (and their lines), in order. */
  masks: string[];
  groups: GroupBalance;
  /**
   * Commands that took effect and that an action reporting on a container has no reason to
   * issue: set-output, save-state, set-env, add-path, add-matcher, remove-matcher, echo, and
   * unknown-but-registered ones.
   */
  stray: HonouredCommand[];
  /** Every command that took effect, in order. */
  commands: HonouredCommand[];
  debug: string[];
  /** Set when a stream ended while commands were stopped (the token it waited for). */
  stoppedAtEnd?: string;
  /** The log as the runner writes it: masked, commands removed, groups as ##[group]. */
  display: string[];
}

/** The runner's registered commands (internal-set-repo-path is off for actions). */
const REGISTERED = [
  'stop-commands', 'set-env', 'set-output', 'save-state', 'add-mask', 'add-path', 'add-matcher',
  'remove-matcher', 'debug', 'warning', 'error', 'notice', 'group', 'endgroup', 'echo',
];
const EXPECTED = new Set(['add-mask', 'debug', 'warning', 'error', 'notice', 'group', 'endgroup', 'stop-commands']);
const MAX_ISSUE_MESSAGE = 4096;

/**
 * What the runner does to a file it uploads (the job summary) or a line it logs: every
 * registered value, longest first, replaced by `***`, line by line.
 */
export function maskLines(text: string, masks: string[]): string {
  const sorted = [...masks].sort((a, b) => b.length - a.length);
  return text
    .split('\n')
    .map((line) => sorted.reduce((masked, secret) => masked.split(secret).join('***'), line))
    .join('\n');
}

/** StreamReader.ReadLine over the whole text. */
export function runnerLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string) =>
  s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
const unescapeLegacy = (s: string) =>
  s.replace(/%3B/g, ';').replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%5D/g, ']').replace(/%25/g, '%');

interface Parsed {
  name: string;
  properties: Record<string, string>;
  data: string;
}

function properties(text: string, separator: string, unescape: (s: string) => string): Record<string, string> {
  const props: Record<string, string> = {};
  for (const item of text.split(separator).filter(Boolean)) {
    const eq = item.indexOf('=');
    // Split('=', 2, RemoveEmptyEntries): "k=" and "=v" give one part and are dropped.
    if (eq > 0 && eq < item.length - 1) props[item.slice(0, eq).toLowerCase()] = unescape(item.slice(eq + 1));
  }
  return props;
}

function parseV2(line: string, registered: Set<string>): Parsed | undefined {
  const message = line.replace(/^\s+/, '');
  if (!message.startsWith('::')) return undefined;
  const end = message.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = message.slice(2, end);
  const space = info.indexOf(' ');
  const name = space < 0 ? info : info.slice(0, space);
  if (!registered.has(name.toLowerCase())) return undefined;
  return {
    name: name.toLowerCase(),
    properties: space > 0 ? properties(info.slice(space + 1).trim(), ',', unescapeProperty) : {},
    data: unescapeData(message.slice(end + 2)),
  };
}

function parseLegacy(line: string, registered: Set<string>): Parsed | undefined {
  const prefix = line.indexOf('##[');
  if (prefix < 0) return undefined;
  const rb = line.indexOf(']', prefix);
  if (rb < 0) return undefined;
  const info = line.slice(prefix + 3, rb);
  const space = info.indexOf(' ');
  const name = space < 0 ? info : info.slice(0, space);
  if (!registered.has(name.toLowerCase())) return undefined;
  return {
    name: name.toLowerCase(),
    properties: space > 0 ? properties(info.slice(space + 1), ';', unescapeLegacy) : {},
    data: unescapeLegacy(line.slice(rb + 1)),
  };
}

export interface ModelOptions {
  /** Debug logging on (ACTIONS_STEP_DEBUG): debug lines are displayed. */
  stepDebug?: boolean;
}

/** Reads a step's stdout and stderr as the runner would (stderr last: the worst case). */
export function readRunnerLog(stdout: string, stderr = '', options: ModelOptions = {}): RunnerLog {
  const registered = new Set(REGISTERED);
  const secrets: string[] = [];
  const log: RunnerLog = {
    annotations: [],
    outputs: {},
    masks: [],
    groups: { opened: 0, closed: 0, balance: 0, lowest: 0, deepest: 0 },
    stray: [],
    commands: [],
    debug: [],
    display: [],
  };
  let stopToken: string | undefined;

  const mask = (text: string): string => {
    let masked = text;
    // Longest first, so that a secret containing another is hidden whole.
    for (const secret of [...secrets].sort((a, b) => b.length - a.length)) masked = masked.split(secret).join('***');
    return masked;
  };
  const addSecret = (value: string) => {
    if (value && !secrets.includes(value)) secrets.push(value);
  };
  const show = (text: string) => {
    for (const line of text.split('\n')) log.display.push(mask(line));
  };

  const take = (line: string, stream: Stream) => {
    const parsed = line && (line.includes('##[') || line.includes('::')) ? (parseV2(line, registered) ?? parseLegacy(line, registered)) : undefined;
    if (!parsed) {
      show(line);
      return;
    }
    if (stopToken !== undefined) {
      if (parsed.name === stopToken.toLowerCase()) {
        show(line);
        registered.delete(stopToken.toLowerCase());
        stopToken = undefined;
        return;
      }
      show(line);
      return;
    }
    const command: HonouredCommand = { ...parsed, stream, line };
    log.commands.push(command);
    if (!EXPECTED.has(parsed.name)) log.stray.push(command);
    switch (parsed.name) {
      case 'stop-commands': {
        const token = parsed.data;
        if (!token || registered.has(token.toLowerCase()) || token.toLowerCase() === 'pause-logging') {
          // The runner refuses such a token (an exception: the line is neither shown nor honoured).
          log.stray.push(command);
          return;
        }
        stopToken = token;
        registered.add(token.toLowerCase());
        if (token.length > 6) addSecret(token);
        show(line);
        return;
      }
      case 'add-mask':
        if (!parsed.data.trim()) {
          // context.Warning: an annotation of its own.
          const message = "Can't add secret mask for empty string in ##[add-mask] command.";
          log.annotations.push({ level: 'warning', message, properties: {}, stream, inGroup: log.groups.opened > log.groups.closed });
          show(`##[warning]${message}`);
          return;
        }
        for (const value of [parsed.data, ...parsed.data.split(/[\r\n]/).map((l) => l.trim()).filter(Boolean)]) {
          if (!log.masks.includes(value)) log.masks.push(value);
          addSecret(value);
        }
        return;
      case 'set-output':
        if (parsed.properties.name) log.outputs[parsed.properties.name] = parsed.data;
        return;
      case 'error':
      case 'warning':
      case 'notice': {
        const message = mask(parsed.data).slice(0, MAX_ISSUE_MESSAGE);
        log.annotations.push({
          level: parsed.name,
          message,
          title: parsed.properties.title,
          properties: parsed.properties,
          stream,
          inGroup: log.groups.opened > log.groups.closed,
        });
        show(`##[${parsed.name}]${message}`);
        return;
      }
      case 'group': {
        const g = log.groups;
        g.opened++;
        g.deepest = Math.max(g.deepest, g.opened - g.closed);
        show(`##[group]${parsed.data}`);
        return;
      }
      case 'endgroup': {
        const g = log.groups;
        g.closed++;
        g.lowest = Math.min(g.lowest, g.opened - g.closed);
        show('##[endgroup]');
        return;
      }
      case 'debug':
        log.debug.push(parsed.data);
        if (options.stepDebug) show(`##[debug]${parsed.data}`);
        return;
      default:
        show(line);
    }
  };

  for (const line of runnerLines(stdout)) take(line, 'stdout');
  if (stopToken !== undefined) log.stoppedAtEnd = stopToken;
  // Worst case: stderr is read after stdout's last line, so after the resume marker. Were
  // commands still stopped at stdout's end, stderr could as well have come before the stop.
  if (stopToken !== undefined) registered.delete(stopToken.toLowerCase());
  stopToken = undefined;
  for (const line of runnerLines(stderr)) take(line, 'stderr');
  if (stopToken !== undefined) log.stoppedAtEnd ??= stopToken;
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
    for (const a of log.annotations) out.push(`  [${a.level}] ${a.title ? `${a.title}: ` : ''}${a.message.replace(/\n/g, '\n    ')}`);
  }
  return out.join('\n');
}
