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
// `kubernetes-v5` runs the exec suite again through scripts/v5front.sh, which gives the test
// cluster the exec protocol of Kubernetes >= 1.30 (v5.channel.k8s.io): selected by name only,
// once the front is up (scripts/test.sh does).
const kubernetesV5 = selected.includes('kubernetes-v5');
if (kubernetesV5) process.env.DEA_KUBE_CLUSTER ||= new URL('.cache/kube/cluster-v5.json', import.meta.url).pathname;

// One project per newer engine of scripts/engines.sh, named after the engine's version:
// `docker-<version>` runs the integration suites that hold no engine-specific setup, and
// `docker-<version>-min-api-<floor>` (an engine that refuses requests below <floor>) runs the core
// suite and the proof that the floor is in force. Each is selected by name only, with DOCKER_HOST
// pointing at that engine and a docker CLI in PATH that speaks its API (scripts/test.sh runs one
// jest per engine). The name is checked against the engine that answers, so that a result is
// never filed under the wrong version.
const ENGINE_SUITES = ['core-exec', 'scripts-stdin', 'find-wait', 'log-guard', 'faults', 'compose-logs'];
const suitePaths = (suites) => suites.map((suite) => `<rootDir>/__tests__/integration/${suite}.test.ts`);
function engineProject(name) {
  const [, version, floor] = /^docker-(\d+\.\d+\.\d+)(?:-min-api-(\d+\.\d+))?$/.exec(name);
  const host = process.env.DOCKER_HOST || 'unix:///var/run/docker.sock';
  const format = '{{.Server.Version}} {{.Server.MinAPIVersion}}';
  const [answered, minApi] = execFileSync('docker', ['version', '--format', format], { encoding: 'utf8' })
    .trim()
    .split(' ');
  if (!answered.startsWith(version) || (floor && minApi !== floor)) {
    throw new Error(
      `jest project ${name}: the engine at ${host} is Docker ${answered} (minimum API ${minApi}); set DOCKER_HOST to that engine`,
    );
  }
  process.env.DEA_ENGINE_PROJECT = name;
  return {
    ...common,
    displayName: name,
    testMatch: floor
      ? [...suitePaths(['core-exec']), '<rootDir>/__tests__/engines/api-floor.test.ts']
      : suitePaths(ENGINE_SUITES),
  };
}
const engineProjects = selected
  .filter((name) => /^docker-\d+\.\d+\.\d+(-min-api-\d+\.\d+)?$/.test(name))
  .map(engineProject);

// `npm run test:engine` leaves out the suites whose needs are not met (scripts/test-needs.mjs),
// and says so before jest starts.
const leftOut = (process.env.DEA_SKIP_SUITES || '')
  .split(',')
  .filter(Boolean)
  .map((suite) => `/__tests__/${suite}\\.test\\.ts$`);

export default {
  // Tests start containers and processes: a time limit with room for a loaded machine (a global
  // option: jest takes no testTimeout per project).
  testTimeout: 30_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/__tests__/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/__tests__/integration/**/*.test.ts'],
      testPathIgnorePatterns: leftOut,
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/__tests__/e2e/**/*.test.ts'],
      testPathIgnorePatterns: leftOut,
    },
    // The Kubernetes back end on a real single-node cluster (scripts/kube.sh up): run by
    // scripts/test.sh as its own jest, after the cluster is up.
    { ...common, displayName: 'kubernetes', testMatch: ['<rootDir>/__tests__/kubernetes/**/*.test.ts'] },
    ...(kubernetesV5
      ? [{ ...common, displayName: 'kubernetes-v5', testMatch: ['<rootDir>/__tests__/kubernetes/exec.test.ts'] }]
      : []),
    ...(disruptive
      ? [{ ...common, displayName: 'disruptive', testMatch: ['<rootDir>/__tests__/disruptive/**/*.test.ts'] }]
      : []),
    ...engineProjects,
  ],
};
