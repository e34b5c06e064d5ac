// How the Actions runner presents a step to a JavaScript action, for the tests and the bench:
// action.yml read (ours keeps a simple shape: two-space indents, one-line values, so no YAML
// dependency is needed), the INPUT_ variables it sets, and the GITHUB_OUTPUT file it reads.
// Plain JavaScript, so scripts/bench.mjs can use it as it is; types in action-runner.d.mts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function unquote(value) {
  const v = value.trim();
  if (v.length >= 2 && ((v.startsWith("'") && v.endsWith("'")) || (v.startsWith('"') && v.endsWith('"')))) return v.slice(1, -1);
  return v;
}

/** The inputs, outputs, `runs` and top-level values of an action.yml. */
export function readActionYml(file = path.join(ROOT, 'action.yml')) {
  const meta = { inputs: [], outputs: [], runs: {}, top: {} };
  let section = '';
  let field;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const top = /^(\S[^:]*):\s*(.*)$/.exec(line);
    if (top) {
      section = top[1];
      if (top[2]) meta.top[section] = unquote(top[2]);
      continue;
    }
    const second = /^ {2}(\S[^:]*):\s*(.*)$/.exec(line);
    if (second) {
      if (section === 'inputs' || section === 'outputs') {
        field = { name: second[1], description: '', required: false };
        meta[section].push(field);
      } else if (section === 'runs') {
        meta.runs[second[1]] = unquote(second[2]);
      }
      continue;
    }
    const third = /^ {4}(\S[^:]*):\s*(.*)$/.exec(line);
    if (third && field) {
      const value = unquote(third[2]);
      if (third[1] === 'description') field.description = value;
      else if (third[1] === 'required') field.required = value === 'true';
      else if (third[1] === 'default') field.default = value;
    }
  }
  return meta;
}

/**
 * The INPUT_ variables the runner sets: every declared input, upper-cased, spaces to _,
 * hyphens kept, the given value or else the default. `${{ toJSON(job) }}` becomes `job`.
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
    env[`INPUT_${input.name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  return env;
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
