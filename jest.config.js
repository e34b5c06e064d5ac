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
const disruptive = selectedProjects(process.argv).includes('disruptive');

export default {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/__tests__/unit/**/*.test.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/__tests__/integration/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/__tests__/e2e/**/*.test.ts'] },
    ...(disruptive
      ? [{ ...common, displayName: 'disruptive', testMatch: ['<rootDir>/__tests__/disruptive/**/*.test.ts'] }]
      : []),
  ],
};
