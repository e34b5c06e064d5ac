// The layout's rules (CONTRIBUTING.md, Architecture), checked on the sources' own import statements:
// each folder imports only the folders before it, no module imports itself back through
// others, dockerode is imported by one module only, and so is the Kubernetes client.
import { describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/docker.js';

const SRC = path.join(ROOT, 'src');
/** In the order a run goes through them; each may import the ones before it, and itself. */
const LAYERS = ['(shared)', 'engine', 'inputs', 'container', 'report', 'exec', 'kube', '(entry)'];
const SHARED = ['errors.ts', 'memory.ts', 'random.ts'];

function layerOf(file: string): string {
  const [first, ...rest] = file.split('/');
  if (rest.length) return first;
  return SHARED.includes(first) ? '(shared)' : '(entry)';
}

const files = (readdirSync(SRC, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
  .sort();
const IMPORT = /^(?:import|export)\s[^;]*?from\s+'([^']+)'/gm;

function importsOf(file: string): { local: string[]; packages: string[] } {
  const text = readFileSync(path.join(SRC, file), 'utf8');
  const specs = [...text.matchAll(IMPORT)].map((m) => m[1]);
  const local = specs
    .filter((s) => s.startsWith('.'))
    .map((s) => path.normalize(path.join(path.dirname(file), s)).replace(/\.js$/, '.ts'));
  return { local, packages: specs.filter((s) => !s.startsWith('.') && !s.startsWith('node:')) };
}

const graph = new Map(files.map((f) => [f, importsOf(f)]));

test('the sources are found, in the five folders', () => {
  expect(files).toEqual(
    expect.arrayContaining([
      'main.ts',
      'engine/engine.ts',
      'inputs/inputs.ts',
      'container/find.ts',
      'exec/run.ts',
      'report/guard.ts',
    ]),
  );
  expect(new Set(files.map(layerOf))).toEqual(new Set(LAYERS));
});

describe.each(files)('%s', (file) => {
  test('imports only its own folder and the folders before it', () => {
    const mine = LAYERS.indexOf(layerOf(file));
    const wrong = graph.get(file)?.local.filter((target) => LAYERS.indexOf(layerOf(target)) > mine) ?? [];
    expect(wrong).toEqual([]);
  });

  test('imports only files that exist', () => {
    for (const target of graph.get(file)?.local ?? []) expect(files).toContain(target);
  });

  test('imports dockerode and docker-modem only if it is the engine module', () => {
    const engineParts = graph.get(file)?.packages.filter((p) => /^(dockerode|docker-modem)(\/|$)/.test(p)) ?? [];
    if (file !== 'engine/engine.ts') expect(engineParts).toEqual([]);
    else expect(engineParts.length).toBeGreaterThan(0);
  });

  test('imports the Kubernetes client and ws only if it is the Kubernetes API module', () => {
    const kubeParts = graph.get(file)?.packages.filter((p) => /^(@kubernetes\/client-node|ws)(\/|$)/.test(p)) ?? [];
    if (file !== 'kube/api.ts') expect(kubeParts).toEqual([]);
    else expect(kubeParts.length).toBe(2);
  });
});

test('no circular imports', () => {
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (file: string, trail: string[]): void => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') {
      cycles.push([...trail.slice(trail.indexOf(file)), file].join(' -> '));
      return;
    }
    state.set(file, 'open');
    for (const target of graph.get(file)?.local ?? []) visit(target, [...trail, file]);
    state.set(file, 'done');
  };
  for (const file of files) visit(file, []);
  expect(cycles).toEqual([]);
});

test.each([
  ['exec/run.ts', 'engine/engine.ts', true],
  ['engine/engine.ts', 'exec/run.ts', false],
  ['report/header.ts', 'container/find.ts', true],
  ['report/result.ts', 'exec/attempts.ts', false],
  ['inputs/inputs.ts', 'errors.ts', true],
  ['errors.ts', 'inputs/inputs.ts', false],
])('the rule itself: %s may import %s: %s', (from, to, allowed) => {
  expect(LAYERS.indexOf(layerOf(to)) <= LAYERS.indexOf(layerOf(from))).toBe(allowed);
});
