import { run } from './main.js';

// docker-modem calls url.parse() (DEP0169) and builds ssh: URLs Node warns about (DEP0170);
// those two warnings say nothing a workflow author can act on, so they stay out of the log.
// Every other warning goes to Node's own listeners, printed as Node prints it.
const QUIET_DEPRECATIONS = new Set(['DEP0169', 'DEP0170']);
const nodeListeners = process.listeners('warning');
process.removeAllListeners('warning');
process.on('warning', (warning: Error & { code?: string }) => {
  if (warning.name === 'DeprecationWarning' && QUIET_DEPRECATIONS.has(warning.code ?? '')) return;
  for (const listener of nodeListeners) listener.call(process, warning);
});

void run();
