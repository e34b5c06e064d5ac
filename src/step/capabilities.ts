// Inputs that need something a back end may lack, refused before anything runs: one line
// naming the input, decided here for every back end.
import { InputError } from '../errors.js';
import type { Inputs } from '../inputs/inputs.js';
import type { Capability, Lacks } from '../shared/backend.js';

/** Each input that needs a capability, and whether the workflow gave it; in the order they are checked. */
const NEEDS: ReadonlyArray<{ input: string; needs: Capability; given: (inputs: Inputs) => boolean }> = [
  { input: 'user', needs: 'user', given: (i) => i.user !== undefined },
  { input: 'privileged', needs: 'privileged', given: (i) => i.privileged },
  { input: 'detach', needs: 'detach', given: (i) => i.detach },
  { input: 'copy-in', needs: 'copy', given: (i) => i.copyIn.length > 0 },
  { input: 'copy-out', needs: 'copy', given: (i) => i.copyOut.length > 0 },
  { input: 'docker-host', needs: 'docker-engine', given: (i) => !!i.engine.dockerHost },
  { input: 'tls-ca', needs: 'docker-engine', given: (i) => !!i.engine.tlsCa },
  { input: 'tls-cert', needs: 'docker-engine', given: (i) => !!i.engine.tlsCert },
  { input: 'tls-key', needs: 'docker-engine', given: (i) => !!i.engine.tlsKey },
];

/** Throws an InputError for the first input given that needs what the back end lacks. */
export function refuseWhatIsLacking(inputs: Inputs, lacks: Lacks): void {
  for (const { input, needs, given } of NEEDS) {
    const why = lacks[needs];
    if (why && given(inputs)) throw new InputError(input, why);
  }
}
