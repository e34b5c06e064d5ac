// Holds action.yml to the rules of the program that loads it, the Actions runner, and to the
// Marketplace's metadata schema, so a file the runner would refuse (or mis-read) fails `npm run
// lint` instead of a user's workflow. Plain JavaScript; types in check-action-metadata.d.mts.
//
//   node scripts/check-action-metadata.mjs [path/to/action.yml]
//
// Sources (read, not copied; every rule below names the one it comes from):
// - actions/runner (commit 258d6c8), src/Runner.Worker/action_yaml.json: the template schema the
//   runner reads action.yml with (`action-root`, `inputs`, `input`, `input-default-context`,
//   `outputs`, `output-definition`, `runs` one-of `node-runs`, ...);
//   src/Runner.Worker/ActionManifestManagerLegacy.cs (the loader ActionManifestManagerWrapper.cs
//   uses unless the parser comparison is switched on) and ActionManifestManager.cs (same logic):
//   Load, ConvertInputs, ConvertRuns; src/Sdk/WorkflowParser/ObjectTemplating/TemplateReader.cs
//   and Schema/TemplateSchema.cs (how the schema is applied: keys, one-of, expressions);
//   src/Sdk/Expressions/ExpressionConstants.cs and Tokens/LexicalAnalyzer.cs (the expression
//   language); src/Sdk/WorkflowParser/Conversion/YamlObjectReader.cs (the YAML reader);
//   src/Runner.Worker/Handlers/NodeScriptActionHandler.cs and HandlerFactory.cs (running main).
// - SchemaStore/schemastore (commit 3b6446a), src/schemas/json/github-action.json: the JSON
//   schema of GitHub's metadata syntax docs
//   (https://docs.github.com/en/actions/reference/workflows-and-actions/metadata-syntax), with
//   the Marketplace branding lists. Stricter than the runner where the runner ignores a key.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument, visit } from 'yaml';
import { loadActionYml, ROOT } from './action-runner.mjs';

// SchemaStore github-action.json: root `properties` with `additionalProperties: false`. The
// runner's `action-root` mapping defines name, description, inputs, runs and outputs and takes
// any other key loosely (ActionManifestManager Load: "Ignore action property"), so a misspelt
// key is silently dropped there: the stricter list is the one that catches it.
export const TOP_LEVEL_KEYS = ['name', 'author', 'description', 'inputs', 'outputs', 'runs', 'branding'];
// SchemaStore github-action.json root `required`. The runner itself requires only runs
// (ActionManifestManager Load: "Top level 'runs:' section is required").
export const REQUIRED_TOP_LEVEL_KEYS = ['name', 'description', 'runs'];
// SchemaStore github-action.json `inputs` patternProperties: the keys an input may have,
// `additionalProperties: false`, `required: ["description"]`. The runner's `input` mapping is
// loose: ConvertInputs reads only default and deprecationMessage and ignores the rest
// (`required` is never enforced by the runner).
export const INPUT_KEYS = ['description', 'required', 'default', 'deprecationMessage'];
// SchemaStore `inputs` / `outputs` patternProperties: the ids they accept.
export const ID_PATTERN = /^[_a-zA-Z][a-zA-Z0-9_-]*$/;
// action_yaml.json `output-definition` (no loose keys: anything else is refused at load) has
// description and value; SchemaStore `outputs` (the `else` branch: not composite) allows only
// description, required; `value` is `outputs-composite` only, and the runner reads it only
// for composite actions (ActionManifestManager ConvertRuns passes outputs to composite only).
export const OUTPUT_KEYS = ['description'];
// action_yaml.json `node-runs` properties (all non-empty-string, no loose keys; `runs` is a
// one-of, so a key of another kind of action is refused or leaves the kind undetermined:
// TemplateReader HandleMappingWithWellKnownProperties, TemplateSchema TryMatchKey); the same
// list as SchemaStore `runs-javascript` (additionalProperties: false, required using and main).
export const NODE_RUNS_KEYS = ['using', 'main', 'pre', 'pre-if', 'post', 'post-if'];
// ActionManifestManager ConvertRuns: the node versions the runner accepts (compared
// case-insensitively; HandlerFactory runs node12 and node16 as node20). Same as SchemaStore's
// runs-javascript `using` enum. This project ships for node24 only.
export const RUNNER_NODE_VERSIONS = ['node12', 'node16', 'node20', 'node24'];
export const PROJECT_NODE_VERSION = 'node24';
// action_yaml.json `input-default-context`: what an input default may use.
export const INPUT_DEFAULT_CONTEXT = ['github', 'strategy', 'matrix', 'job', 'runner', 'hashFiles(1,255)'];
// src/Sdk/Expressions/ExpressionConstants.cs: functions every expression may call, with their
// [min, max] argument counts (names compared case-insensitively, like the parser does).
export const BUILT_IN_FUNCTIONS = {
  case: [3, 255],
  contains: [2, 2],
  endsWith: [2, 2],
  format: [1, 255],
  join: [1, 2],
  startsWith: [2, 2],
  toJson: [1, 1],
  fromJson: [1, 1],
};
// SchemaStore github-action.json `branding.properties.color.enum` (the list in GitHub's
// metadata syntax docs, "branding.color").
export const BRANDING_COLORS = ['white', 'black', 'yellow', 'blue', 'green', 'orange', 'red', 'purple', 'gray-dark'];
// SchemaStore github-action.json `branding.properties.icon.enum` (Feather icons; the list in
// GitHub's metadata syntax docs, "branding.icon").
export const BRANDING_ICONS = [
  'activity',
  'airplay',
  'alert-circle',
  'alert-octagon',
  'alert-triangle',
  'align-center',
  'align-justify',
  'align-left',
  'align-right',
  'anchor',
  'aperture',
  'archive',
  'arrow-down-circle',
  'arrow-down-left',
  'arrow-down-right',
  'arrow-down',
  'arrow-left-circle',
  'arrow-left',
  'arrow-right-circle',
  'arrow-right',
  'arrow-up-circle',
  'arrow-up-left',
  'arrow-up-right',
  'arrow-up',
  'at-sign',
  'award',
  'bar-chart-2',
  'bar-chart',
  'battery-charging',
  'battery',
  'bell-off',
  'bell',
  'bluetooth',
  'bold',
  'book-open',
  'book',
  'bookmark',
  'box',
  'briefcase',
  'calendar',
  'camera-off',
  'camera',
  'cast',
  'check-circle',
  'check-square',
  'check',
  'chevron-down',
  'chevron-left',
  'chevron-right',
  'chevron-up',
  'chevrons-down',
  'chevrons-left',
  'chevrons-right',
  'chevrons-up',
  'circle',
  'clipboard',
  'clock',
  'cloud-drizzle',
  'cloud-lightning',
  'cloud-off',
  'cloud-rain',
  'cloud-snow',
  'cloud',
  'code',
  'command',
  'compass',
  'copy',
  'corner-down-left',
  'corner-down-right',
  'corner-left-down',
  'corner-left-up',
  'corner-right-down',
  'corner-right-up',
  'corner-up-left',
  'corner-up-right',
  'cpu',
  'credit-card',
  'crop',
  'crosshair',
  'database',
  'delete',
  'disc',
  'dollar-sign',
  'download-cloud',
  'download',
  'droplet',
  'edit-2',
  'edit-3',
  'edit',
  'external-link',
  'eye-off',
  'eye',
  'fast-forward',
  'feather',
  'file-minus',
  'file-plus',
  'file-text',
  'file',
  'film',
  'filter',
  'flag',
  'folder-minus',
  'folder-plus',
  'folder',
  'gift',
  'git-branch',
  'git-commit',
  'git-merge',
  'git-pull-request',
  'globe',
  'grid',
  'hard-drive',
  'hash',
  'headphones',
  'heart',
  'help-circle',
  'home',
  'image',
  'inbox',
  'info',
  'italic',
  'layers',
  'layout',
  'life-buoy',
  'link-2',
  'link',
  'list',
  'loader',
  'lock',
  'log-in',
  'log-out',
  'mail',
  'map-pin',
  'map',
  'maximize-2',
  'maximize',
  'menu',
  'message-circle',
  'message-square',
  'mic-off',
  'mic',
  'minimize-2',
  'minimize',
  'minus-circle',
  'minus-square',
  'minus',
  'monitor',
  'moon',
  'more-horizontal',
  'more-vertical',
  'move',
  'music',
  'navigation-2',
  'navigation',
  'octagon',
  'package',
  'paperclip',
  'pause-circle',
  'pause',
  'percent',
  'phone-call',
  'phone-forwarded',
  'phone-incoming',
  'phone-missed',
  'phone-off',
  'phone-outgoing',
  'phone',
  'pie-chart',
  'play-circle',
  'play',
  'plus-circle',
  'plus-square',
  'plus',
  'pocket',
  'power',
  'printer',
  'radio',
  'refresh-ccw',
  'refresh-cw',
  'repeat',
  'rewind',
  'rotate-ccw',
  'rotate-cw',
  'rss',
  'save',
  'scissors',
  'search',
  'send',
  'server',
  'settings',
  'share-2',
  'share',
  'shield-off',
  'shield',
  'shopping-bag',
  'shopping-cart',
  'shuffle',
  'sidebar',
  'skip-back',
  'skip-forward',
  'slash',
  'sliders',
  'smartphone',
  'speaker',
  'square',
  'star',
  'stop-circle',
  'sun',
  'sunrise',
  'sunset',
  'table',
  'tablet',
  'tag',
  'target',
  'terminal',
  'thermometer',
  'thumbs-down',
  'thumbs-up',
  'toggle-left',
  'toggle-right',
  'trash-2',
  'trash',
  'trending-down',
  'trending-up',
  'triangle',
  'truck',
  'tv',
  'type',
  'umbrella',
  'underline',
  'unlock',
  'upload-cloud',
  'upload',
  'user-check',
  'user-minus',
  'user-plus',
  'user-x',
  'user',
  'users',
  'video-off',
  'video',
  'voicemail',
  'volume-1',
  'volume-2',
  'volume-x',
  'volume',
  'watch',
  'wifi-off',
  'wifi',
  'wind',
  'x-circle',
  'x-square',
  'x',
  'zap-off',
  'zap',
  'zoom-in',
  'zoom-out',
];

const isMapping = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const kind = (value) =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'a sequence'
      : typeof value === 'object'
        ? 'a mapping'
        : `a ${typeof value}`;
const list = (items) => items.join(', ');
const OPEN = '${{';

/**
 * Splits the `${{ ... }}` expressions out of a string the way the runner's TemplateReader
 * ParseScalar does: the expression ends at the first `}}` outside a single-quoted string.
 * Returns the expression bodies, and whether the last one was left open.
 */
function splitExpressions(raw) {
  const bodies = [];
  let start = raw.indexOf(OPEN);
  while (start >= 0) {
    let inString = false;
    let end = -1;
    for (let i = start + OPEN.length; i < raw.length; i++) {
      if (raw[i] === "'") inString = !inString;
      else if (!inString && raw[i] === '}' && raw[i - 1] === '}') {
        end = i;
        break;
      }
    }
    if (end < 0) return { bodies, unclosed: true };
    bodies.push(raw.slice(start + OPEN.length, end - 1));
    start = raw.indexOf(OPEN, end + 1);
  }
  return { bodies, unclosed: false };
}

// Tokens/LexicalAnalyzer.cs TestTokenBoundary and ExpressionUtility.IsLegalKeyword.
const BOUNDARY = new Set(['(', '[', ')', ']', ',', '.', '!', '>', '<', '=', '&', '|']);
const isBoundary = (c) => BOUNDARY.has(c) || /\s/.test(c);
const KEYWORD = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const LITERAL_KEYWORDS = new Set(['null', 'true', 'false', 'NaN', 'Infinity']);
const OPERATORS = ['!=', '>=', '<=', '==', '&&', '||', '!', '>', '<'];

/**
 * A small reading of one expression, after LexicalAnalyzer: string literals are skipped, a
 * keyword after `.` is a property name, a keyword followed by `(` is a function, any other
 * keyword (but null, true, false, NaN, Infinity) is a named value (a context). Returns the
 * named values and the function calls (with their argument counts), or a syntax error.
 */
export function readExpression(expression) {
  const namedValues = [];
  const calls = [];
  const stack = []; // open '(' and '[': { call?: {name, args}, empty }
  let last = null; // kind of the previous token
  const touch = () => {
    if (stack.length) stack[stack.length - 1].empty = false;
  };
  let i = 0;
  while (i < expression.length) {
    const c = expression[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'") {
      let closed = false;
      for (i++; i < expression.length; i++) {
        if (expression[i] !== "'") continue;
        if (expression[i + 1] === "'") i++;
        else {
          closed = true;
          i++;
          break;
        }
      }
      if (!closed) return { error: 'a string literal is not closed' };
      touch();
      last = 'value';
      continue;
    }
    if (c === '(' || c === '[') {
      touch();
      stack.push({
        call: c === '(' && last === 'function' ? calls[calls.length - 1] : undefined,
        close: c === '(' ? ')' : ']',
        empty: true,
      });
      last = 'open';
      i++;
      continue;
    }
    if (c === ')' || c === ']') {
      const open = stack.pop();
      if (!open || open.close !== c) return { error: `unexpected '${c}'` };
      if (open.call) open.call.args += open.empty ? 0 : 1;
      last = 'value';
      i++;
      continue;
    }
    if (c === ',') {
      const top = stack[stack.length - 1];
      if (!top?.call || top.empty) return { error: "unexpected ','" };
      top.call.args++;
      top.empty = true;
      last = 'separator';
      i++;
      continue;
    }
    if (c === '*') {
      touch();
      last = 'value';
      i++;
      continue;
    }
    const operator = OPERATORS.find((op) => expression.startsWith(op, i));
    if (operator) {
      touch();
      last = 'operator';
      i += operator.length;
      continue;
    }
    if (c === '.' && (last === 'value' || last === 'named' || last === 'property')) {
      last = 'dereference';
      i++;
      continue;
    }
    let end = i + 1;
    if (c === '.' || c === '-' || c === '+' || (c >= '0' && c <= '9')) {
      while (end < expression.length && (!isBoundary(expression[end]) || expression[end] === '.')) end++;
      const number = expression.slice(i, end);
      if (Number.isNaN(Number(number))) return { error: `'${number}' is not a number` };
      touch();
      last = 'value';
      i = end;
      continue;
    }
    while (end < expression.length && !isBoundary(expression[end])) end++;
    const word = expression.slice(i, end);
    if (!KEYWORD.test(word)) return { error: `unexpected '${word}'` };
    touch();
    i = end;
    if (last === 'dereference') last = 'property';
    else if (LITERAL_KEYWORDS.has(word)) last = 'value';
    else if (/^\s*\(/.test(expression.slice(end))) {
      calls.push({ name: word, args: 0 });
      last = 'function';
    } else {
      namedValues.push(word);
      last = 'named';
    }
  }
  if (stack.length) return { error: `'${stack[stack.length - 1].close}' is missing` };
  if (last === null) return { error: 'it is empty' };
  return { namedValues, calls };
}

/**
 * Problems with the `${{ }}` expressions in `text` at `where`, against an allowed-context list
 * written as action_yaml.json writes it (named values, and functions as `name(min,max)`).
 */
function checkExpressions(text, where, allowedContext, place, source) {
  const problems = [];
  const named = allowedContext.filter((item) => !item.includes('('));
  const functions = new Map(
    Object.entries(BUILT_IN_FUNCTIONS).map(([name, range]) => [name.toLowerCase(), { name, range }]),
  );
  for (const item of allowedContext) {
    const m = /^([A-Za-z_][A-Za-z0-9_-]*)\((\d+),(\d+|MAX)\)$/.exec(item);
    if (m)
      functions.set(m[1].toLowerCase(), {
        name: m[1],
        range: [Number(m[2]), m[3] === 'MAX' ? Infinity : Number(m[3])],
      });
  }
  const allowed = `${place} may use the contexts ${list(named)} and the functions ${list([...functions.values()].map((f) => `${f.name}()`))}`;
  const { bodies, unclosed } = splitExpressions(text);
  for (const body of bodies) {
    const read = readExpression(body);
    if (read.error) {
      problems.push(
        `${where}: the expression \`${OPEN}${body}}}\` cannot be read (${read.error}); the runner refuses the file`,
      );
      continue;
    }
    for (const name of read.namedValues) {
      if (!named.some((n) => n.toLowerCase() === name.toLowerCase())) {
        problems.push(`${where}: uses the context '${name}', which is not available there; ${allowed} (${source})`);
      }
    }
    for (const call of read.calls) {
      const fn = functions.get(call.name.toLowerCase());
      if (!fn) {
        problems.push(
          `${where}: calls the function '${call.name}()', which is not available there; ${allowed} (${source}; ExpressionConstants.cs)`,
        );
      } else if (call.args < fn.range[0] || call.args > fn.range[1]) {
        const range = fn.range[0] === fn.range[1] ? `${fn.range[0]}` : `${fn.range[0]} to ${fn.range[1]}`;
        problems.push(`${where}: ${fn.name}() is given ${call.args} argument(s); it takes ${range}`);
      }
    }
  }
  if (unclosed)
    problems.push(
      `${where}: '${OPEN}' is not closed by '}}'; the runner refuses the file ("The expression is not closed")`,
    );
  return problems;
}

/** `${{` outside the places that take expressions, and keys equal but for case, anywhere. */
function checkEverywhere(value, where, problems, expressionsAllowedAt) {
  const here = where.join('.') || '(top level)';
  if (typeof value === 'string') {
    if (value.includes(OPEN) && !expressionsAllowedAt(where)) {
      problems.push(
        `${here}: contains '${OPEN}', which the runner reads as an expression, and none is allowed here; in a node action only inputs.<id>.default may hold one (actions/runner action_yaml.json: no context on this definition; TemplateReader: "A template expression is not allowed in this context")`,
      );
    }
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkEverywhere(item, [...where, String(i)], problems, expressionsAllowedAt));
    return;
  }
  if (!isMapping(value)) return;
  // TemplateReader HandleMappingWithWellKnownProperties / HandleMappingWithAllLooseProperties:
  // the keys of a mapping are a case-insensitive set ("'X' is already defined").
  const seen = new Map();
  for (const key of Object.keys(value)) {
    const folded = key.toLowerCase();
    if (seen.has(folded)) {
      problems.push(
        `${here}: the keys '${seen.get(folded)}' and '${key}' differ only in case; the runner compares keys case-insensitively and refuses the second ("'${key}' is already defined": TemplateReader)`,
      );
    } else seen.set(folded, key);
    if (key.includes(OPEN)) {
      problems.push(
        `${[...where, key].join('.')}: the key contains '${OPEN}'; the runner allows no expression in a key here (TemplateReader: "A template expression is not allowed in this context")`,
      );
    }
    checkEverywhere(value[key], [...where, key], problems, expressionsAllowedAt);
  }
}

function checkString(value, where, problems, source) {
  if (typeof value !== 'string') problems.push(`${where}: is ${kind(value)}; it must be a string (${source})`);
}

function checkFileField(value, where, root, problems) {
  // action_yaml.json node-runs: non-empty-string. NodeScriptActionHandler: the file is
  // Path.Combine(ActionDirectory, value) and must exist (ArgUtil.File); an absolute path would
  // replace the action folder.
  if (typeof value !== 'string' || value.trim() === '') {
    problems.push(
      `${where}: is ${typeof value === 'string' ? 'empty' : kind(value)}; it must be a non-empty path, relative to the action folder, of a JavaScript file (actions/runner action_yaml.json node-runs, NodeScriptActionHandler)`,
    );
    return;
  }
  if (path.isAbsolute(value)) {
    problems.push(
      `${where}: '${value}' is absolute; it must be relative to the action folder, which the runner joins it to (NodeScriptActionHandler: Path.Combine(ActionDirectory, ...))`,
    );
    return;
  }
  let isFile = false;
  try {
    isFile = statSync(path.join(root, value)).isFile();
  } catch {
    isFile = false;
  }
  if (!isFile) {
    problems.push(
      `${where}: '${value}' is not a file in the action folder; the runner joins it to that folder and fails when the file is missing (NodeScriptActionHandler: Path.Combine, ArgUtil.File)`,
    );
  }
}

/**
 * The entries of `inputs` or `outputs` that are mappings, as [id, entry, where], after the
 * checks the two sections share: the section is a mapping (action_yaml.json `inputs` /
 * `outputs`), each id matches ID_PATTERN (SchemaStore), each entry is a mapping (`entryIs`
 * says what one must be).
 */
function* definitions(doc, section, problems, entryIs) {
  if (!(section in doc)) return;
  const noun = section.slice(0, -1);
  if (!isMapping(doc[section])) {
    problems.push(
      `${section}: is ${kind(doc[section])}; it must be a mapping of ${noun} ids to their metadata (actions/runner action_yaml.json ${section})`,
    );
    return;
  }
  for (const [id, entry] of Object.entries(doc[section])) {
    const where = `${section}.${id}`;
    if (!ID_PATTERN.test(id))
      problems.push(
        `${where}: the id must start with a letter or _ and hold only letters, digits, - and _ (SchemaStore github-action.json ${section})`,
      );
    if (!isMapping(entry)) problems.push(`${where}: is ${kind(entry)}; ${entryIs}`);
    else yield [id, entry, where];
  }
}

/** An input's or output's description: there, and a string (SchemaStore `required`). */
function checkDescription(entry, where, section, source, problems) {
  if (!('description' in entry))
    problems.push(
      `${where}.description: missing; every ${section.slice(0, -1)} has a description (SchemaStore github-action.json ${section} required)`,
    );
  else checkString(entry.description, `${where}.description`, problems, source);
}

/**
 * Checks a parsed action.yml (plain objects, as loadActionYml returns it) against the runner's
 * rules for a node action and the Marketplace metadata schema. `root` is the action folder,
 * against which runs.main, runs.pre and runs.post are resolved. Returns one line per problem:
 * where, what is wrong, what is allowed; an empty list when the file is fine.
 */
export function checkActionMetadata(doc, { root = ROOT } = {}) {
  const problems = [];
  // ActionManifestManager Load: token.AssertMapping("action manifest root").
  if (!isMapping(doc)) {
    return [
      `(top level): is ${kind(doc)}; an action.yml is a mapping with ${list(REQUIRED_TOP_LEVEL_KEYS)} (actions/runner action_yaml.json action-root)`,
    ];
  }

  for (const key of Object.keys(doc)) {
    if (!TOP_LEVEL_KEYS.includes(key)) {
      problems.push(
        `${key}: unknown top-level key; allowed: ${list(TOP_LEVEL_KEYS)} (SchemaStore github-action.json; the runner ignores other keys)`,
      );
    }
  }
  for (const key of REQUIRED_TOP_LEVEL_KEYS) {
    if (!(key in doc))
      problems.push(
        `${key}: missing; ${list(REQUIRED_TOP_LEVEL_KEYS)} are required (SchemaStore github-action.json required${key === 'runs' ? '; the runner: "Top level \'runs:\' section is required"' : ''})`,
      );
  }
  // action_yaml.json action-root: name and description are `string` (ActionManifestManager
  // AssertString; a mapping or sequence is refused); SchemaStore: name, author, description
  // are type string.
  for (const key of ['name', 'description', 'author']) {
    if (key in doc)
      checkString(
        doc[key],
        key,
        problems,
        'SchemaStore github-action.json; actions/runner action_yaml.json action-root',
      );
  }

  // ${{ }} is read everywhere (TemplateReader ParseScalar), but only a definition with a
  // `context` list takes one: for a node action that is input-default-context alone.
  const isInputDefault = (where) => where.length === 3 && where[0] === 'inputs' && where[2] === 'default';
  checkEverywhere(doc, [], problems, isInputDefault);

  // inputs: action_yaml.json `inputs` (a mapping; ConvertInputs AssertMapping), SchemaStore
  // `inputs` (ids by ID_PATTERN, each a mapping of INPUT_KEYS with a string description).
  for (const [, input, where] of definitions(
    doc,
    'inputs',
    problems,
    `an input is a mapping of ${list(INPUT_KEYS)} (actions/runner ActionManifestManager ConvertInputs: "input metadata" mapping)`,
  )) {
    for (const key of Object.keys(input)) {
      if (!INPUT_KEYS.includes(key))
        problems.push(
          `${where}.${key}: unknown input key; allowed: ${list(INPUT_KEYS)} (SchemaStore github-action.json inputs; the runner reads only default and deprecationMessage)`,
        );
    }
    checkDescription(input, where, 'inputs', 'SchemaStore github-action.json inputs', problems);
    if ('required' in input && typeof input.required !== 'boolean') {
      problems.push(
        `${where}.required: is ${kind(input.required)} ${JSON.stringify(input.required)}; it must be the boolean true or false (SchemaStore github-action.json inputs; the runner never enforces it)`,
      );
    }
    if ('deprecationMessage' in input) {
      checkString(
        input.deprecationMessage,
        `${where}.deprecationMessage`,
        problems,
        'SchemaStore github-action.json inputs; actions/runner ConvertInputs AssertString',
      );
    }
    if ('default' in input) {
      if (typeof input.default !== 'string') {
        problems.push(
          `${where}.default: is ${kind(input.default)}; it must be a string, quoted if it looks like a number or boolean (SchemaStore github-action.json inputs; action_yaml.json input-default-context is a string)`,
        );
      } else {
        problems.push(
          ...checkExpressions(
            input.default,
            `${where}.default`,
            INPUT_DEFAULT_CONTEXT,
            'an input default',
            'actions/runner action_yaml.json input-default-context',
          ),
        );
      }
    }
  }

  // outputs: action_yaml.json `outputs` / `output-definition`, SchemaStore `outputs`.
  for (const [, output, where] of definitions(
    doc,
    'outputs',
    problems,
    'an output is a mapping with a description (actions/runner action_yaml.json output-definition)',
  )) {
    for (const key of Object.keys(output)) {
      if (key === 'value') {
        problems.push(
          `${where}.value: only composite actions map outputs to a value; a node action sets its outputs from its code and has only description (SchemaStore github-action.json outputs; the runner reads value for composite actions only)`,
        );
      } else if (!OUTPUT_KEYS.includes(key)) {
        problems.push(
          `${where}.${key}: unknown output key; a node action's output has only description (SchemaStore github-action.json outputs; the runner refuses keys other than description and value: action_yaml.json output-definition)`,
        );
      }
    }
    checkDescription(
      output,
      where,
      'outputs',
      'SchemaStore github-action.json outputs; action_yaml.json output-definition',
      problems,
    );
  }

  // runs: action_yaml.json `runs` one-of, of which `node-runs` is ours; ConvertRuns.
  if ('runs' in doc) {
    const runs = doc.runs;
    if (!isMapping(runs)) {
      problems.push(
        `runs: is ${kind(runs)}; it must be a mapping with using and main (actions/runner ActionManifestManager ConvertRuns: AssertMapping("runs"))`,
      );
    } else {
      for (const key of Object.keys(runs)) {
        if (!NODE_RUNS_KEYS.includes(key))
          problems.push(
            `runs.${key}: not a key of a node action; allowed: ${list(NODE_RUNS_KEYS)} (actions/runner action_yaml.json node-runs; SchemaStore runs-javascript)`,
          );
      }
      if (!('using' in runs)) {
        problems.push(`runs.using: missing; it must be ${PROJECT_NODE_VERSION} (the runner: "Missing 'using' value")`);
      } else if (runs.using !== PROJECT_NODE_VERSION) {
        problems.push(
          `runs.using: is ${JSON.stringify(runs.using)}; this project requires ${PROJECT_NODE_VERSION} (the runner accepts ${list(RUNNER_NODE_VERSIONS)} for a JavaScript action and runs node12 and node16 as node20: ActionManifestManager ConvertRuns, HandlerFactory)`,
        );
      }
      if (!('main' in runs)) {
        problems.push(
          `runs.main: missing; a node action names its entry file, relative to the action folder (the runner: "there is not an entry JavaScript file provided"; SchemaStore runs-javascript required)`,
        );
      } else checkFileField(runs.main, 'runs.main', root, problems);
      for (const key of ['pre', 'post']) if (key in runs) checkFileField(runs[key], `runs.${key}`, root, problems);
      for (const key of ['pre-if', 'post-if']) {
        if (key in runs && (typeof runs[key] !== 'string' || runs[key].trim() === '')) {
          problems.push(
            `runs.${key}: is ${typeof runs[key] === 'string' ? 'empty' : kind(runs[key])}; it must be a non-empty condition such as always() or runner.os == 'Linux', without \${{ }} (actions/runner action_yaml.json node-runs: non-empty-string)`,
          );
        }
      }
    }
  }

  // branding: SchemaStore github-action.json `branding` (icon and color from its lists, no
  // other key). Both present is this project's rule: the Marketplace badge needs both.
  if (!('branding' in doc)) {
    problems.push(
      `branding: missing; this project lists the action on the Marketplace with an icon and a color (SchemaStore github-action.json branding)`,
    );
  } else if (!isMapping(doc.branding)) {
    problems.push(
      `branding: is ${kind(doc.branding)}; it must be a mapping with icon and color (SchemaStore github-action.json branding)`,
    );
  } else {
    const { branding } = doc;
    for (const key of Object.keys(branding)) {
      if (key !== 'icon' && key !== 'color')
        problems.push(
          `branding.${key}: unknown branding key; allowed: icon, color (SchemaStore github-action.json branding)`,
        );
    }
    if (!('icon' in branding))
      problems.push(
        `branding.icon: missing; this project sets both icon and color (one of SchemaStore github-action.json's ${BRANDING_ICONS.length} Feather icons)`,
      );
    else if (!BRANDING_ICONS.includes(branding.icon))
      problems.push(
        `branding.icon: ${JSON.stringify(branding.icon)} is not a Marketplace icon; use one of the Feather icons listed in SchemaStore github-action.json branding.icon (e.g. terminal, box, package)`,
      );
    if (!('color' in branding))
      problems.push(`branding.color: missing; this project sets both icon and color (${list(BRANDING_COLORS)})`);
    else if (!BRANDING_COLORS.includes(branding.color))
      problems.push(
        `branding.color: ${JSON.stringify(branding.color)} is not a Marketplace color; allowed: ${list(BRANDING_COLORS)} (SchemaStore github-action.json branding.color)`,
      );
  }
  return problems;
}

/**
 * What the runner's YAML reader refuses but a YAML parser accepts: anchors (and so aliases).
 * YamlObjectReader (allowAnchors false, as ActionManifestManager creates it): "Anchors are not
 * currently supported. Remove the anchor '...'".
 */
export function checkYamlText(text) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const problems = [];
  visit(doc, (_key, node) => {
    if (node && typeof node === 'object' && 'anchor' in node && node.anchor) {
      const { line } = lineCounter.linePos(node.range?.[0] ?? 0);
      problems.push(
        `line ${line}: anchor &${node.anchor}; the runner's YAML reader refuses anchors and aliases ("Anchors are not currently supported": YamlObjectReader)`,
      );
    }
  });
  return problems;
}

function main(argv) {
  const file = path.resolve(argv[2] ?? path.join(ROOT, 'action.yml'));
  const shown = path.relative(process.cwd(), file) || file;
  let doc;
  let text;
  try {
    text = readFileSync(file, 'utf8');
    doc = loadActionYml(file);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(message.startsWith(`${shown}:`) ? message : `${shown}: ${message}`);
    return 1;
  }
  const problems = [...checkYamlText(text), ...checkActionMetadata(doc, { root: path.dirname(file) })];
  for (const problem of problems) console.error(`${shown}: ${problem}`);
  if (problems.length) return 1;
  const count = (section) => Object.keys(doc[section] ?? {}).length;
  console.log(
    `${shown}: metadata ok (${count('inputs')} inputs, ${count('outputs')} outputs, runs ${doc.runs.using} ${doc.runs.main})`,
  );
  return 0;
}

function isScript() {
  try {
    return (
      Boolean(process.argv[1]) &&
      realpathSync(path.resolve(process.argv[1])) === realpathSync(fileURLToPath(import.meta.url))
    );
  } catch {
    return false;
  }
}
if (isScript()) process.exitCode = main(process.argv);
