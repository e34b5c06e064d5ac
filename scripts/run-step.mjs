// Runs the committed bundle as the Actions runner runs one step of a workflow that says
// `uses: <this action>`: the step is YAML (its `with:` block gives the inputs, as a workflow
// does), action.yml's inputs and defaults are read by the same strict parser the tests use
// (action-runner.mjs), and `node <runs.main>` runs under the given Node with INPUT_ variables,
// GITHUB_WORKSPACE, and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files. Afterwards it prints the
// step's outputs and exits with the action's status.
//   node scripts/run-step.mjs STEP.yml [--node PATH] [--workspace DIR]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  inputEnvironment,
  parseOutputFile,
  parseYamlStrict,
  readActionYml,
  ROOT,
  stepEnvironment,
} from './action-runner.mjs';

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
}

function fail(message) {
  console.error(`run-step: ${message}`);
  process.exit(2);
}

const stepFile = process.argv[2];
if (!stepFile || stepFile.startsWith('--'))
  fail('usage: node scripts/run-step.mjs STEP.yml [--node PATH] [--workspace DIR]');
let step;
try {
  step = parseYamlStrict(readFileSync(stepFile, 'utf8'), stepFile);
} catch (error) {
  fail(error.message);
}
if (!step || typeof step !== 'object' || !step.with || typeof step.with !== 'object')
  fail(`${stepFile}: a step with a with: block is needed`);
// The runner hands every input over as a string (a YAML true becomes "true").
const given = Object.fromEntries(Object.entries(step.with).map(([name, value]) => [name, String(value)]));

const meta = readActionYml(path.join(ROOT, 'action.yml'));
if (meta.runs.using !== 'node24') fail(`action.yml runs.using is ${meta.runs.using}, not node24`);
const workspace = path.resolve(option('--workspace', process.cwd()));
const scratch = mkdtempSync(path.join(tmpdir(), 'run-step-'));
const { outputFile, env: stepEnv } = stepEnvironment(workspace, scratch);
let inputs;
try {
  inputs = inputEnvironment(meta.inputs, given, { status: 'success', services: {} });
} catch (error) {
  fail(error.message);
}
const result = spawnSync(option('--node', process.execPath), [path.join(ROOT, String(meta.runs.main))], {
  cwd: workspace,
  stdio: 'inherit',
  env: {
    ...stepEnv,
    ...(step.env ?? {}),
    ...inputs,
  },
});
const outputs = parseOutputFile(readFileSync(outputFile, 'utf8'));
console.log(`--- exit status of the action: ${result.status ?? result.signal}`);
console.log('--- step outputs (steps.<id>.outputs):');
for (const [name, value] of Object.entries(outputs)) console.log(`${name}: ${JSON.stringify(value)}`);
rmSync(scratch, { recursive: true, force: true });
process.exit(result.status ?? 1);
