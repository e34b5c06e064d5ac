// How the Actions runner presents a step to a JavaScript action, for the tests, the bench, the
// demo and the metadata check: action.yml read by a real YAML parser (the `yaml` package,
// strict: an error or a warning refuses the file, as the runner's parser refuses it), the
// INPUT_ variables it sets, and the GITHUB_OUTPUT file it reads.
// Plain JavaScript, so scripts can use it as it is; types in action-runner.d.mts.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Parses YAML text strictly: duplicate keys, errors and warnings all throw, with the file,
 * line and column of the first problem. Returns the plain JavaScript value.
 */
export function parseYamlStrict(text, file = '<yaml>') {
  const doc = parseDocument(text, { strict: true, uniqueKeys: true, prettyErrors: true });
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length) {
    const first = problems[0];
    const where = first.linePos?.[0]
      ? `line ${first.linePos[0].line}, column ${first.linePos[0].col}`
      : 'unknown place';
    const message = first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new Error(
      `${file}: not valid YAML at ${where}: ${message} (${first.code})${problems.length > 1 ? ` (+${problems.length - 1} more)` : ''}`,
    );
  }
  return doc.toJS();
}

/** The whole action.yml as the runner's parser reads it (plain objects). */
export function loadActionYml(file = path.join(ROOT, 'action.yml')) {
  return parseYamlStrict(readFileSync(file, 'utf8'), path.relative(process.cwd(), file) || file);
}

const text = (value) => (value === undefined || value === null ? undefined : String(value));

/** The inputs, outputs, `runs` and top-level scalar values of an action.yml. */
export function readActionYml(file = path.join(ROOT, 'action.yml')) {
  const doc = loadActionYml(file);
  const fields = (section) =>
    Object.entries(doc[section] ?? {}).map(([name, field]) => ({
      name,
      description: text(field?.description) ?? '',
      // The runner takes `required` as written; only the YAML boolean true means required.
      required: field?.required === true || field?.required === 'true',
      ...(field?.default !== undefined ? { default: text(field.default) } : {}),
    }));
  const top = {};
  for (const [key, value] of Object.entries(doc))
    if (typeof value !== 'object' || value === null) top[key] = text(value);
  return { inputs: fields('inputs'), outputs: fields('outputs'), runs: { ...(doc.runs ?? {}) }, top };
}

/**
 * The INPUT_ variables the runner sets: every declared input, upper-cased, spaces to _,
 * hyphens kept, the given value or else the default (actions/runner
 * src/Runner.Worker/Handlers/Handler.cs, AddInputsToEnvironment:
 * `INPUT_{key.Replace(' ', '_').ToUpperInvariant()}`). Defaults are expressions the runner
 * evaluates; the one ours uses, `${{ toJSON(job) }}`, becomes the given job context.
 */
export function inputEnvironment(declared, given, job) {
  const known = new Set(declared.map((input) => input.name));
  for (const name of Object.keys(given)) {
    if (!known.has(name)) throw new Error(`input '${name}' is not declared in action.yml`);
  }
  const env = {};
  for (const input of declared) {
    let value = given[input.name] ?? input.default ?? '';
    if (value === '${{ toJSON(job) }}') value = JSON.stringify(job ?? { status: 'success', services: {} }, null, 2);
    else if (value.includes('${{'))
      throw new Error(`input '${input.name}': the expression in ${JSON.stringify(value)} is not modelled here`);
    env[`INPUT_${input.name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  return env;
}

/**
 * What the runner gives a step besides its inputs: the workspace, empty GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY files in `scratch` (the runner's temporary folder), and the variables
 * that say it is Actions. PATH, HOME and DOCKER_HOST come from this process.
 */
export function stepEnvironment(workspace, scratch) {
  const outputFile = path.join(scratch, 'output');
  const summaryFile = path.join(scratch, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/root',
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: scratch,
    ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}),
  };
  return { outputFile, summaryFile, env };
}

/** Parses a GITHUB_OUTPUT file: `name=value` lines and `name<<DELIM` ... `DELIM` blocks. */
export function parseOutputFile(text) {
  const outputs = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const body = [];
      i++;
      while (i < lines.length && lines[i] !== heredoc[2]) body.push(lines[i++]);
      if (i >= lines.length) throw new Error(`GITHUB_OUTPUT: no closing ${heredoc[2]} for ${heredoc[1]}`);
      outputs[heredoc[1]] = body.join('\n');
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0) throw new Error(`GITHUB_OUTPUT: line without = or <<: ${line}`);
    outputs[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return outputs;
}
