// The layout's rules (CONTRIBUTING.md, Architecture), checked on the sources' own import statements:
// each folder imports only the folders before it, the two back ends never each other, the
// step reaches a back end only through its entry module, no module imports itself back
// through others, dockerode is imported by one module only, and so is the Kubernetes client.
import { describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/docker.js';

const SRC = path.join(ROOT, 'src');
/**
 * Lowest first; each may import the ones before it, and itself. The back ends share a rank:
 * both stand on the shared code, neither imports the other.
 */
const LAYERS = ['(base)', 'inputs', 'report', 'shared', 'backends/docker', 'backends/kubernetes', 'step', '(entry)'];
const RANK: Record<string, number> = Object.fromEntries(LAYERS.map((layer, i) => [layer, i]));
RANK['backends/kubernetes'] = RANK['backends/docker'];
const BASE = ['errors.ts', 'random.ts'];
/** What the step may import of a back end: how to build it, and what it lacks. */
const BACKEND_ENTRIES = [
  'backends/docker/backend.ts',
  'backends/kubernetes/backend.ts',
  'backends/kubernetes/lacks.ts',
];

function layerOf(file: string): string {
  const [first, ...rest] = file.split('/');
  if (first === 'backends' && rest.length > 1) return `${first}/${rest[0]}`;
  if (rest.length) return first;
  return BASE.includes(first) ? '(base)' : '(entry)';
}

/** Whether `from` may import `to`: a lower layer, or its own. */
function mayImport(from: string, to: string): boolean {
  const [a, b] = [layerOf(from), layerOf(to)];
  return a === b || RANK[b] < RANK[a];
}

const files = (readdirSync(SRC, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
  .sort();
const IMPORT = /^(?:import|export)\s[^;]*?from\s+'([^']+)'|\bimport\('([^']+)'\)/gm;

function importsOf(file: string): { local: string[]; packages: string[] } {
  const text = readFileSync(path.join(SRC, file), 'utf8');
  const specs = [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2]);
  const local = specs
    .filter((s) => s.startsWith('.'))
    .map((s) => path.normalize(path.join(path.dirname(file), s)).replace(/\.js$/, '.ts'));
  return { local, packages: specs.filter((s) => !s.startsWith('.') && !s.startsWith('node:')) };
}

const graph = new Map(files.map((f) => [f, importsOf(f)]));

test('the sources are found, in their folders', () => {
  expect(files).toEqual(
    expect.arrayContaining([
      'main.ts',
      'step/run.ts',
      'shared/backend.ts',
      'backends/docker/engine/engine.ts',
      'backends/kubernetes/api.ts',
      'inputs/inputs.ts',
      'report/guard.ts',
    ]),
  );
  expect(new Set(files.map(layerOf))).toEqual(new Set(LAYERS));
});

describe.each(files)('%s', (file) => {
  test('imports only its own folder and the folders before it', () => {
    const wrong = graph.get(file)?.local.filter((target) => !mayImport(file, target)) ?? [];
    expect(wrong).toEqual([]);
  });

  test('reaches a back end, from above it, only through its entry modules', () => {
    const wrong =
      graph
        .get(file)
        ?.local.filter(
          (target) =>
            layerOf(target).startsWith('backends/') &&
            layerOf(target) !== layerOf(file) &&
            !BACKEND_ENTRIES.includes(target),
        ) ?? [];
    expect(wrong).toEqual([]);
  });

  test('imports only files that exist', () => {
    for (const target of graph.get(file)?.local ?? []) expect(files).toContain(target);
  });

  test('imports dockerode and docker-modem only if it is the engine module', () => {
    const engineParts = graph.get(file)?.packages.filter((p) => /^(dockerode|docker-modem)(\/|$)/.test(p)) ?? [];
    if (file !== 'backends/docker/engine/engine.ts') expect(engineParts).toEqual([]);
    else expect(engineParts.length).toBeGreaterThan(0);
  });

  test('imports the Kubernetes client and ws only if it is the Kubernetes API module', () => {
    const kubeParts = graph.get(file)?.packages.filter((p) => /^(@kubernetes\/client-node|ws)(\/|$)/.test(p)) ?? [];
    if (file !== 'backends/kubernetes/api.ts') expect(kubeParts).toEqual([]);
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
  ['backends/docker/exec.ts', 'backends/docker/engine/engine.ts', true],
  ['backends/docker/engine/engine.ts', 'shared/output.ts', true],
  ['shared/output.ts', 'backends/docker/engine/frames.ts', false],
  ['backends/kubernetes/exec.ts', 'backends/docker/exec.ts', false],
  ['backends/docker/find.ts', 'backends/kubernetes/find.ts', false],
  ['step/run.ts', 'backends/kubernetes/backend.ts', true],
  ['backends/kubernetes/backend.ts', 'step/attempts.ts', false],
  ['report/result.ts', 'step/attempts.ts', false],
  ['inputs/inputs.ts', 'errors.ts', true],
  ['errors.ts', 'inputs/inputs.ts', false],
])('the rule itself: %s may import %s: %s', (from, to, allowed) => {
  expect(mayImport(from, to)).toBe(allowed);
});
