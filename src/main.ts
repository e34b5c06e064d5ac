// The action's run (src/step/run.ts), under the name the Actions toolkit's local runner and
// the bundle's entry look for.
export { run } from './step/run.js';
