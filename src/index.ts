import { run } from './main.js';

// docker-modem calls url.parse() and builds ssh: URLs Node warns about (DEP0169, DEP0170);
// those warnings say nothing a workflow author can act on, so they stay out of the log.
process.noDeprecation = true;

void run();
