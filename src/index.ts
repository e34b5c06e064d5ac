import { run } from './main.js';

// Deprecation warnings of dependencies that say nothing a workflow author can act on stay out
// of the log, each by its code: docker-modem calls url.parse() (DEP0169) and builds ssh: URLs
// Node warns about (DEP0170); on Kubernetes, tr46 (under the Kubernetes client's whatwg-url)
// requires Node's punycode module (DEP0040). Every other warning goes to Node's own
// listeners, printed as Node prints it.
const QUIET_DEPRECATIONS = new Set(['DEP0040', 'DEP0169', 'DEP0170']);
const nodeListeners = process.listeners('warning');
process.removeAllListeners('warning');
process.on('warning', (warning: Error & { code?: string }) => {
  if (warning.name === 'DeprecationWarning' && QUIET_DEPRECATIONS.has(warning.code ?? '')) return;
  for (const listener of nodeListeners) listener.call(process, warning);
});

void run();
