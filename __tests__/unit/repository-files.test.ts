// Files around the code that users and tools rely on: the bundle ships no Windows binary, the
// Node version for tools is the one action.yml runs, and a local-action .env is never committed.
import { expect, test } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readActionYml } from '../../scripts/action-runner.mjs';
import { ROOT } from '../helpers/docker.js';

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

test('dist/ holds no Windows executable (the action runs on Linux runners only)', () => {
  const files = readdirSync(path.join(ROOT, 'dist'), { recursive: true }) as string[];
  expect(files).toContain(path.join('ssh2', 'index.cjs'));
  expect(files.filter((file) => /\.(exe|dll)$/i.test(file))).toEqual([]);
});

test('.node-version is the Node of runs.using', () => {
  expect(`node${read('.node-version').trim()}`).toBe(readActionYml().runs.using);
});

test('.gitignore keeps .env out, and .gitattributes marks dist/ as generated', () => {
  expect(read('.gitignore').split('\n')).toContain('.env');
  expect(read('.gitattributes')).toMatch(/^dist\/\*\* .*linguist-generated=true/m);
});
