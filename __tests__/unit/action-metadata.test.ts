// action.yml held to the runner's own rules (scripts/check-action-metadata.mjs): the real file
// passes, the first release's file (not YAML at all) fails with its line and column, and each
// rule fires on a one-change copy of the real file, and only there.
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadActionYml, ROOT } from '../../scripts/action-runner.mjs';
import {
  BRANDING_COLORS,
  BRANDING_ICONS,
  checkActionMetadata,
  checkYamlText,
} from '../../scripts/check-action-metadata.mjs';

type Mapping = Record<string, unknown>;

const script = path.join(ROOT, 'scripts/check-action-metadata.mjs');
const real = loadActionYml(path.join(ROOT, 'action.yml'));
const count = (section: string): number => Object.keys((real[section] ?? {}) as Mapping).length;

const cli = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { cwd: ROOT, encoding: 'utf8' });

/** The mapping at a dotted path of a document. */
const at = (doc: Mapping, dotted: string): Mapping =>
  dotted ? dotted.split('.').reduce<Mapping>((mapping, key) => mapping[key] as Mapping, doc) : doc;
const parentAndKey = (doc: Mapping, dotted: string): [Mapping, string] => {
  const keys = dotted.split('.');
  const key = keys.pop() as string;
  return [at(doc, keys.join('.')), key];
};
const set = (dotted: string, value: unknown) => (doc: Mapping) => {
  const [parent, key] = parentAndKey(doc, dotted);
  parent[key] = value;
};
const remove = (dotted: string) => (doc: Mapping) => {
  const [parent, key] = parentAndKey(doc, dotted);
  delete parent[key];
};
const both =
  (...changes: Array<(doc: Mapping) => void>) =>
  (doc: Mapping) => {
    for (const change of changes) change(doc);
  };

const ALLOWED_IN_DEFAULT =
  'an input default may use the contexts github, strategy, matrix, job, runner and the functions case(), contains(), endsWith(), format(), join(), startsWith(), toJson(), fromJson(), hashFiles()';
const context = (name: string) =>
  `inputs.job.default: uses the context '${name}', which is not available there; ${ALLOWED_IN_DEFAULT} (actions/runner action_yaml.json input-default-context)`;
const fn = (name: string) =>
  `inputs.job.default: calls the function '${name}()', which is not available there; ${ALLOWED_IN_DEFAULT} (actions/runner action_yaml.json input-default-context; ExpressionConstants.cs)`;
const NOT_EXPRESSION = (where: string) =>
  `${where}: contains '\${{', which the runner reads as an expression, and none is allowed here; in a node action only inputs.<id>.default may hold one (actions/runner action_yaml.json: no context on this definition; TemplateReader: "A template expression is not allowed in this context")`;
const USING = (value: string) =>
  `runs.using: is "${value}"; this project requires node24 (the runner accepts node12, node16, node20, node24 for a JavaScript action and runs node12 and node16 as node20: ActionManifestManager ConvertRuns, HandlerFactory)`;
const NOT_A_FILE = (where: string, value: string) =>
  `${where}: '${value}' is not a file in the action folder; the runner joins it to that folder and fails when the file is missing (NodeScriptActionHandler: Path.Combine, ArgUtil.File)`;

describe('the real action.yml', () => {
  test('passes every rule', () => {
    expect(checkActionMetadata(real, { root: ROOT })).toEqual([]);
    expect(checkYamlText(readFileSync(path.join(ROOT, 'action.yml'), 'utf8'))).toEqual([]);
  });

  test('the CLI says so in one line and exits 0', () => {
    const run = cli();
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      `action.yml: metadata ok (${count('inputs')} inputs, ${count('outputs')} outputs, runs node24 dist/index.js)\n`,
    );
    expect(run.status).toBe(0);
  });
});

describe('the CLI on broken files', () => {
  test("the first release's action.yml: one line with line and column, exit 1", () => {
    const run = cli('__tests__/fixtures/action-invalid-yaml.yml');
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      '__tests__/fixtures/action-invalid-yaml.yml: not valid YAML at line 79, column 18: Nested mappings are not allowed in compact mappings (BLOCK_AS_IMPLICIT_KEY)\n',
    );
    expect(run.status).toBe(1);
  });

  test('each problem is one line prefixed with the file; runs.main is looked up next to that file', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'action-metadata-'));
    try {
      const file = path.join(folder, 'action.yml');
      writeFileSync(
        file,
        readFileSync(path.join(ROOT, 'action.yml'), 'utf8').replace('using: node24', 'using: node20'),
      );
      const run = cli(file);
      const shown = path.relative(ROOT, file);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`${shown}: ${USING('node20')}\n${shown}: ${NOT_A_FILE('runs.main', 'dist/index.js')}\n`);
      expect(run.status).toBe(1);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('a file that is not there: one line, exit 1', () => {
    const run = cli('no-such-action.yml');
    expect(run.stderr).toMatch(
      /^no-such-action\.yml: ENOENT: no such file or directory, open '.*no-such-action\.yml'\n$/,
    );
    expect(run.status).toBe(1);
  });
});

test("anchors, which a YAML parser takes and the runner's reader refuses", () => {
  expect(checkYamlText('a: &x 1\nb: *x\n')).toEqual([
    `line 1: anchor &x; the runner's YAML reader refuses anchors and aliases ("Anchors are not currently supported": YamlObjectReader)`,
  ]);
  expect(checkYamlText("a: '&x 1'\nb: '*x'\n")).toEqual([]);
});

test('the branding lists are the Marketplace ones (SchemaStore github-action.json)', () => {
  expect(BRANDING_ICONS).toHaveLength(257);
  expect(new Set(BRANDING_ICONS).size).toBe(BRANDING_ICONS.length);
  expect(BRANDING_ICONS).toEqual(expect.arrayContaining(['terminal', 'box', 'package', 'zoom-out', 'activity']));
  expect(BRANDING_COLORS).toEqual([
    'white',
    'black',
    'yellow',
    'blue',
    'green',
    'orange',
    'red',
    'purple',
    'gray-dark',
  ]);
});

describe('one change to the real action.yml', () => {
  test.each<[string, (doc: Mapping) => void, string[]]>([
    // top level
    [
      'unknown top-level key',
      set('version', '1'),
      [
        'version: unknown top-level key; allowed: name, author, description, inputs, outputs, runs, branding (SchemaStore github-action.json; the runner ignores other keys)',
      ],
    ],
    [
      'missing description',
      remove('description'),
      ['description: missing; name, description, runs are required (SchemaStore github-action.json required)'],
    ],
    [
      'missing name',
      remove('name'),
      ['name: missing; name, description, runs are required (SchemaStore github-action.json required)'],
    ],
    [
      'missing runs',
      remove('runs'),
      [
        `runs: missing; name, description, runs are required (SchemaStore github-action.json required; the runner: "Top level 'runs:' section is required")`,
      ],
    ],
    ['author is optional', remove('author'), []],
    [
      'name is a mapping',
      set('name', { text: 'Docker Exec' }),
      [
        'name: is a mapping; it must be a string (SchemaStore github-action.json; actions/runner action_yaml.json action-root)',
      ],
    ],
    ['an expression in the name', set('name', 'Exec ${{ github.ref }}'), [NOT_EXPRESSION('name')]],
    [
      'an expression in an input description',
      set('inputs.shell.description', 'Like ${{ runner.os }}'),
      [NOT_EXPRESSION('inputs.shell.description')],
    ],
    [
      'two top-level keys equal but for case',
      set('Name', 'Other'),
      [
        'Name: unknown top-level key; allowed: name, author, description, inputs, outputs, runs, branding (SchemaStore github-action.json; the runner ignores other keys)',
        `(top level): the keys 'name' and 'Name' differ only in case; the runner compares keys case-insensitively and refuses the second ("'Name' is already defined": TemplateReader)`,
      ],
    ],
    // inputs
    [
      'unknown input key',
      set('inputs.shell.type', 'string'),
      [
        'inputs.shell.type: unknown input key; allowed: description, required, default, deprecationMessage (SchemaStore github-action.json inputs; the runner reads only default and deprecationMessage)',
      ],
    ],
    [
      'required: "yes"',
      set('inputs.shell.required', 'yes'),
      [
        'inputs.shell.required: is a string "yes"; it must be the boolean true or false (SchemaStore github-action.json inputs; the runner never enforces it)',
      ],
    ],
    [
      "required: 'true' (a string)",
      set('inputs.shell.required', 'true'),
      [
        'inputs.shell.required: is a string "true"; it must be the boolean true or false (SchemaStore github-action.json inputs; the runner never enforces it)',
      ],
    ],
    ['required: true', set('inputs.shell.required', true), []],
    ['required left out', remove('inputs.shell.required'), []],
    ['a deprecationMessage', set('inputs.shell.deprecationMessage', 'Use run instead.'), []],
    [
      'a deprecationMessage that is not a string',
      set('inputs.shell.deprecationMessage', 3),
      [
        'inputs.shell.deprecationMessage: is a number; it must be a string (SchemaStore github-action.json inputs; actions/runner ConvertInputs AssertString)',
      ],
    ],
    [
      'an input without a description',
      remove('inputs.shell.description'),
      [
        'inputs.shell.description: missing; every input has a description (SchemaStore github-action.json inputs required)',
      ],
    ],
    [
      'an unquoted number as a default',
      set('inputs.retries.default', 0),
      [
        'inputs.retries.default: is a number; it must be a string, quoted if it looks like a number or boolean (SchemaStore github-action.json inputs; action_yaml.json input-default-context is a string)',
      ],
    ],
    [
      'an input id with a space',
      set('inputs.no way', { description: 'x' }),
      [
        'inputs.no way: the id must start with a letter or _ and hold only letters, digits, - and _ (SchemaStore github-action.json inputs)',
      ],
    ],
    [
      'two inputs equal but for case',
      set('inputs.Shell', { description: 'x' }),
      [
        `inputs: the keys 'shell' and 'Shell' differ only in case; the runner compares keys case-insensitively and refuses the second ("'Shell' is already defined": TemplateReader)`,
      ],
    ],
    [
      'an input that is not a mapping',
      set('inputs.shell', 'sh'),
      [
        'inputs.shell: is a string; an input is a mapping of description, required, default, deprecationMessage (actions/runner ActionManifestManager ConvertInputs: "input metadata" mapping)',
      ],
    ],
    [
      'inputs: (empty)',
      set('inputs', null),
      ['inputs: is null; it must be a mapping of input ids to their metadata (actions/runner action_yaml.json inputs)'],
    ],
    // input defaults: contexts and functions (action_yaml.json input-default-context)
    ['default uses secrets', set('inputs.job.default', '${{ secrets.GITHUB_TOKEN }}'), [context('secrets')]],
    ['default uses env', set('inputs.job.default', '${{ env.HOME }}'), [context('env')]],
    ['default uses steps', set('inputs.job.default', '${{ steps.a.outputs.b }}'), [context('steps')]],
    ['default uses inputs', set('inputs.job.default', '${{ inputs.shell }}'), [context('inputs')]],
    ['default uses vars', set('inputs.job.default', '${{ vars.X }}'), [context('vars')]],
    ['default uses needs inside a function', set('inputs.job.default', '${{ toJSON(needs) }}'), [context('needs')]],
    [
      'default uses two contexts in two expressions',
      set('inputs.job.default', '${{ env.A }}-${{ secrets.B }}'),
      [context('env'), context('secrets')],
    ],
    ['default calls always()', set('inputs.job.default', '${{ always() }}'), [fn('always')]],
    ['default calls success()', set('inputs.job.default', '${{ success() && job.status }}'), [fn('success')]],
    ['default uses job', set('inputs.job.default', '${{ job.status }}'), []],
    ['default uses github', set('inputs.job.default', '${{ github.token }}'), []],
    [
      'default uses runner, strategy and matrix',
      set('inputs.job.default', "${{ runner.os }}-${{ strategy['job-index'] }}-${{ matrix.node }}"),
      [],
    ],
    ['default calls hashFiles', set('inputs.job.default', "${{ hashFiles('**/package-lock.json', 'x') }}"), []],
    [
      'default calls built-in functions in any case',
      set('inputs.job.default', "${{ format('{0}', toJSON(job)) || FromJson('[]')[0] }}"),
      [],
    ],
    [
      'context names in strings and property names are not contexts',
      set('inputs.job.default', "${{ github.event.secrets || 'env.x}}' }}"),
      [],
    ],
    ['a default without an expression', set('inputs.job.default', 'secrets.env'), []],
    [
      'hashFiles() without arguments',
      set('inputs.job.default', '${{ hashFiles() }}'),
      ['inputs.job.default: hashFiles() is given 0 argument(s); it takes 1 to 255'],
    ],
    [
      'toJSON with two arguments',
      set('inputs.job.default', '${{ toJSON(job, 1) }}'),
      ['inputs.job.default: toJson() is given 2 argument(s); it takes 1'],
    ],
    [
      'an expression that is not closed',
      set('inputs.job.default', '${{ toJSON(job) }'),
      [
        `inputs.job.default: '\${{' is not closed by '}}'; the runner refuses the file ("The expression is not closed")`,
      ],
    ],
    [
      'an empty expression',
      set('inputs.job.default', '${{ }}'),
      ['inputs.job.default: the expression `${{ }}` cannot be read (it is empty); the runner refuses the file'],
    ],
    [
      'an expression with a stray parenthesis',
      set('inputs.job.default', '${{ toJSON(job)) }}'),
      [
        "inputs.job.default: the expression `${{ toJSON(job)) }}` cannot be read (unexpected ')'); the runner refuses the file",
      ],
    ],
    // outputs
    [
      'an output with a value (composite only)',
      set('outputs.stdout.value', '${{ steps.x.outputs.y }}'),
      [
        NOT_EXPRESSION('outputs.stdout.value'),
        'outputs.stdout.value: only composite actions map outputs to a value; a node action sets its outputs from its code and has only description (SchemaStore github-action.json outputs; the runner reads value for composite actions only)',
      ],
    ],
    [
      'unknown output key',
      set('outputs.stdout.type', 'string'),
      [
        "outputs.stdout.type: unknown output key; a node action's output has only description (SchemaStore github-action.json outputs; the runner refuses keys other than description and value: action_yaml.json output-definition)",
      ],
    ],
    [
      'an output without a description',
      remove('outputs.stdout.description'),
      [
        'outputs.stdout.description: missing; every output has a description (SchemaStore github-action.json outputs required)',
      ],
    ],
    ['outputs left out', remove('outputs'), []],
    // runs (action_yaml.json node-runs, ConvertRuns, NodeScriptActionHandler)
    ['runs.using: node20', set('runs.using', 'node20'), [USING('node20')]],
    ['runs.using: Node24 (the runner would take it; we do not)', set('runs.using', 'Node24'), [USING('Node24')]],
    ['runs.using: composite', set('runs.using', 'composite'), [USING('composite')]],
    [
      'runs.using missing',
      remove('runs.using'),
      [`runs.using: missing; it must be node24 (the runner: "Missing 'using' value")`],
    ],
    [
      'runs.main: a file that is not there',
      set('runs.main', 'dist/main.js'),
      [NOT_A_FILE('runs.main', 'dist/main.js')],
    ],
    ['runs.main: a folder', set('runs.main', 'dist'), [NOT_A_FILE('runs.main', 'dist')]],
    [
      'runs.main: absolute',
      set('runs.main', path.join(ROOT, 'dist/index.js')),
      [
        `runs.main: '${path.join(ROOT, 'dist/index.js')}' is absolute; it must be relative to the action folder, which the runner joins it to (NodeScriptActionHandler: Path.Combine(ActionDirectory, ...))`,
      ],
    ],
    [
      'runs.main missing',
      remove('runs.main'),
      [
        'runs.main: missing; a node action names its entry file, relative to the action folder (the runner: "there is not an entry JavaScript file provided"; SchemaStore runs-javascript required)',
      ],
    ],
    [
      'runs.image (a container action key)',
      set('runs.image', 'Dockerfile'),
      [
        'runs.image: not a key of a node action; allowed: using, main, pre, pre-if, post, post-if (actions/runner action_yaml.json node-runs; SchemaStore runs-javascript)',
      ],
    ],
    [
      'runs.post and post-if on an existing file',
      both(set('runs.post', 'dist/index.js'), set('runs.post-if', 'always()')),
      [],
    ],
    ['runs.pre on a file that is not there', set('runs.pre', 'dist/pre.js'), [NOT_A_FILE('runs.pre', 'dist/pre.js')]],
    [
      'runs.pre-if empty',
      both(set('runs.pre', 'dist/index.js'), set('runs.pre-if', '')),
      [
        "runs.pre-if: is empty; it must be a non-empty condition such as always() or runner.os == 'Linux', without ${{ }} (actions/runner action_yaml.json node-runs: non-empty-string)",
      ],
    ],
    [
      'runs.post-if with ${{ }}',
      both(set('runs.post', 'dist/index.js'), set('runs.post-if', '${{ always() }}')),
      [NOT_EXPRESSION('runs.post-if')],
    ],
    // branding (SchemaStore github-action.json)
    [
      'unknown branding icon',
      set('branding.icon', 'docker'),
      [
        'branding.icon: "docker" is not a Marketplace icon; use one of the Feather icons listed in SchemaStore github-action.json branding.icon (e.g. terminal, box, package)',
      ],
    ],
    [
      'unknown branding color',
      set('branding.color', 'pink'),
      [
        'branding.color: "pink" is not a Marketplace color; allowed: white, black, yellow, blue, green, orange, red, purple, gray-dark (SchemaStore github-action.json branding.color)',
      ],
    ],
    [
      'another icon and color from the lists',
      both(set('branding.icon', 'box'), set('branding.color', 'gray-dark')),
      [],
    ],
    [
      'branding without icon',
      remove('branding.icon'),
      [
        "branding.icon: missing; this project sets both icon and color (one of SchemaStore github-action.json's 257 Feather icons)",
      ],
    ],
    [
      'branding without color',
      remove('branding.color'),
      [
        'branding.color: missing; this project sets both icon and color (white, black, yellow, blue, green, orange, red, purple, gray-dark)',
      ],
    ],
    [
      'unknown branding key',
      set('branding.label', 'exec'),
      ['branding.label: unknown branding key; allowed: icon, color (SchemaStore github-action.json branding)'],
    ],
    [
      'no branding',
      remove('branding'),
      [
        'branding: missing; this project lists the action on the Marketplace with an icon and a color (SchemaStore github-action.json branding)',
      ],
    ],
  ])('%s', (_name, change, problems) => {
    const doc = structuredClone(real);
    change(doc);
    expect(checkActionMetadata(doc, { root: ROOT })).toEqual(problems);
  });

  test('a document that is not a mapping', () => {
    expect(checkActionMetadata(['name: x'], { root: ROOT })).toEqual([
      '(top level): is a sequence; an action.yml is a mapping with name, description, runs (actions/runner action_yaml.json action-root)',
    ]);
  });
});
