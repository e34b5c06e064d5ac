// The two tiers a contributor runs without root:
//   node scripts/run-tests.mjs unit     (npm test)            unit tests: no engine, no root
//   node scripts/run-tests.mjs engine   (npm run test:engine) integration and end-to-end tests
//     against the engine that answers (DOCKER_HOST, the Docker context, or the default socket),
//     as any user who can reach it; dist/ is rebuilt first, since the tests run the bundle.
// The full tier, as root, is `bash scripts/test.sh`. Extra arguments go to jest.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { summary } from './jest-summary.mjs';
import { unmetSuites } from './test-needs.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [tier, ...jestArgs] = process.argv.slice(2);
const PROJECTS = { unit: ['unit'], engine: ['integration', 'e2e'] };
if (!PROJECTS[tier]) {
  console.error('usage: node scripts/run-tests.mjs unit|engine [jest arguments]');
  process.exit(2);
}

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.error) throw result.error;
  return result.status ?? 1;
}
function must(command, args, what) {
  if (run(command, args) !== 0) {
    console.error(`run-tests: ${what} failed`);
    process.exit(1);
  }
}

const env = { ...process.env, DEA_TEST_TIER: tier };
if (tier === 'engine') {
  const probe = spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], {
    encoding: 'utf8',
    timeout: 15_000,
  });
  if (probe.status !== 0) {
    console.error(
      `run-tests: no Docker engine answers (${(probe.stderr || probe.error?.message || '').trim().split('\n')[0]}); ` +
        'start one, set DOCKER_HOST, or run the unit tests alone with npm test',
    );
    process.exit(1);
  }
  console.log(
    `run-tests: engine at ${process.env.DOCKER_HOST || 'the default socket or context'}: ${probe.stdout.trim()}`,
  );
  must('node', ['scripts/build.mjs'], 'building dist/');
  must('bash', ['scripts/test-image.sh'], 'the test image');
  const skipped = unmetSuites(env);
  for (const { line } of skipped) console.log(line);
  env.DEA_SKIP_SUITES = skipped.map((s) => s.suite).join(',');
}

const results = path.join(root, '.cache', `jest-${tier}.json`);
mkdirSync(path.dirname(results), { recursive: true });
rmSync(results, { force: true });
const status = run(
  process.execPath,
  [
    '--experimental-vm-modules',
    'node_modules/jest/bin/jest.js',
    '--json',
    `--outputFile=${results}`,
    '--selectProjects',
    ...PROJECTS[tier],
    ...jestArgs,
  ],
  env,
);
console.log(summary([results]));
process.exit(status);
