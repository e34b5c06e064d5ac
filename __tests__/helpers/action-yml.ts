// Reads the inputs and outputs of action.yml. The file is ours and kept to a simple shape
// (two-space indents, one-line values), so a small reader is enough and the tests need no
// YAML dependency.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './docker.js';

export interface ActionField {
  name: string;
  description: string;
  required: boolean;
  default?: string;
}

export interface ActionMetadata {
  inputs: ActionField[];
  outputs: ActionField[];
  runs: Record<string, string>;
  top: Record<string, string>;
}

function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && ((v.startsWith("'") && v.endsWith("'")) || (v.startsWith('"') && v.endsWith('"')))) {
    return v.slice(1, -1);
  }
  return v;
}

export function readActionYml(file = path.join(ROOT, 'action.yml')): ActionMetadata {
  const meta: ActionMetadata = { inputs: [], outputs: [], runs: {}, top: {} };
  let section = '';
  let field: ActionField | undefined;
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
