// What each engine-tier suite needs beyond the engine that answers. `bash scripts/test.sh`
// (DEA_TEST_TIER=full, as root) provides all of it, so there nothing is skipped and a missing
// need fails the suite. `npm run test:engine` (DEA_TEST_TIER=engine) runs as any user against
// the engine that answers: a suite whose need is not met is left out, with one line saying what
// it needs and how to get it.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function endpointsUp() {
  const file = path.join(ROOT, '.cache/endpoints/endpoints.json');
  if (!existsSync(file)) return false;
  try {
    const { podman } = JSON.parse(readFileSync(file, 'utf8'));
    return existsSync(new URL(podman.dockerHost).pathname);
  } catch {
    return false;
  }
}

function postgresImage() {
  try {
    execFileSync('bash', [path.join(ROOT, 'scripts/postgres-image.sh')], { stdio: 'ignore', timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

/** @type {{ suites: string[], what: string, how: string, met: () => boolean }[]} */
export const NEEDS = [
  {
    suites: ['integration/engines', 'integration/round-trips', 'integration/bench', 'integration/connections'],
    what: 'the Podman, TLS and SSH endpoints on loopback',
    how: 'sudo bash scripts/endpoints.sh up',
    met: endpointsUp,
  },
  {
    suites: ['e2e/postgres'],
    what: 'the PostgreSQL test image, built once from Debian packages',
    how: 'sudo bash scripts/postgres-image.sh',
    met: postgresImage,
  },
];

/** The tier of this run; a plain `npm run jest` counts as full, so that nothing is left out quietly. */
export function tier(env = process.env) {
  return env.DEA_TEST_TIER === 'engine' ? 'engine' : 'full';
}

/**
 * The suites to leave out in this tier, each with its line (printed by the caller):
 * `SKIPPED integration/engines: needs ...; get it with `...`, or run bash scripts/test.sh`.
 */
export function unmetSuites(env = process.env) {
  if (tier(env) !== 'engine') return [];
  return NEEDS.filter((need) => !need.met()).flatMap((need) =>
    need.suites.map((suite) => ({
      suite,
      line: `SKIPPED ${suite}: needs ${need.what}; get it with \`${need.how}\`, or run everything with \`sudo bash scripts/test.sh\``,
    })),
  );
}
