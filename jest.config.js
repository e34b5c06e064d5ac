import { execFileSync } from 'node:child_process';

// ESM all the way: @actions/core 3 is ESM-only. Run through `npm run jest`, which starts node
// with --experimental-vm-modules (https://jestjs.io/docs/ecmascript-modules).
const transform = { '^.+\\.ts$': ['ts-jest', { useESM: true }] };
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform,
  testEnvironment: 'node',
};

// `disruptive` kills the engine (dockerd) under a running command: it is never part of a
// plain run, only when asked for by name (`--selectProjects disruptive --runInBand`, which
// scripts/test.sh does as a second, separate run).
function selectedProjects(argv) {
  const names = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--selectProjects=')) names.push(...arg.slice('--selectProjects='.length).split(','));
    else if (arg === '--selectProjects') while (argv[i + 1] && !argv[i + 1].startsWith('-')) names.push(argv[++i]);
  }
  return names;
}
const selected = selectedProjects(process.argv);
const disruptive = selected.includes('disruptive');

// One project per newer engine (scripts/engines.sh: Docker 26.1 and 28.5 beside the system's
// 20.10), named after the engine's version, e.g. `docker-28.5.2`: selected by name only, with
// DOCKER_HOST pointing at that engine (scripts/test.sh runs one jest per engine). It runs the
// integration suites that hold no engine-specific setup; the name is checked against the
// engine that DOCKER_HOST answers with, so a result is never filed under the wrong version.
const ENGINE_SUITES = ['core-exec', 'scripts-stdin', 'find-wait', 'log-guard', 'faults', 'compose-logs'];
function engineProject(name) {
  const host = process.env.DOCKER_HOST || 'unix:///var/run/docker.sock';
  const version = execFileSync('docker', ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8' }).trim();
  if (`docker-${version.split('+')[0]}` !== name) {
    throw new Error(`jest project ${name}: the engine at ${host} is Docker ${version}; set DOCKER_HOST to that engine`);
  }
  return {
    ...common,
    displayName: name,
    testMatch: ENGINE_SUITES.map((suite) => `<rootDir>/__tests__/integration/${suite}.test.ts`),
  };
}
const engineProjects = selected.filter((name) => /^docker-\d+\.\d+\.\d+$/.test(name)).map(engineProject);

export default {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/__tests__/unit/**/*.test.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/__tests__/integration/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/__tests__/e2e/**/*.test.ts'] },
    // The Kubernetes back end on a real single-node cluster (scripts/kube.sh up): run by
    // scripts/test.sh as its own jest, after the cluster is up.
    { ...common, displayName: 'kubernetes', testMatch: ['<rootDir>/__tests__/kubernetes/**/*.test.ts'] },
    ...(disruptive
      ? [{ ...common, displayName: 'disruptive', testMatch: ['<rootDir>/__tests__/disruptive/**/*.test.ts'] }]
      : []),
    ...engineProjects,
  ],
};
