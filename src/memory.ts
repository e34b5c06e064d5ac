// Flat memory while bytes stream through the Docker engine's sockets (an exec's output, files
// copied in and out).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Every read from the engine's socket arrives in a fresh Buffer whose bytes live outside V8's
 * heap; they are freed only when a collection finds the Buffer dead. Left to itself V8 lets
 * tens of MiB of dead chunks pile up before its external-memory trigger starts a full
 * collection, which puts the action's peak RSS past 100 MiB on a large copy. A
 * young-generation collection (a scavenge) after every COLLECT_EVERY bytes frees them while
 * they are young, at no more time in GC than the full collections it replaces. Reading those
 * sockets into reused buffers instead would need a request path of the action's own in place
 * of docker-modem's (which reads each response into fresh chunks).
 */
const COLLECT_EVERY = 2 * 1024 * 1024;

let youngCollection: (() => void) | null | undefined;

/** V8's gc(), obtained at run time, asked for a scavenge; null where V8 does not allow it. */
function collector(): (() => void) | null {
  if (youngCollection === undefined) {
    try {
      // --expose-gc gives gc() to contexts created while it is set: one, here, then unset.
      setFlagsFromString('--expose-gc');
      const gc = runInNewContext('gc') as (options: { type: 'minor' | 'major' }) => void;
      youngCollection = () => gc({ type: 'minor' });
    } catch {
      youngCollection = null;
    } finally {
      setFlagsFromString('--no-expose-gc');
    }
  }
  return youngCollection;
}

/**
 * A counter of the bytes that passed: after every COLLECT_EVERY of them, V8 is asked for a
 * scavenge (where it allows one).
 */
export function youngCollectionEvery(bytes = COLLECT_EVERY): (passed: number) => void {
  let since = 0;
  return (passed) => {
    since += passed;
    if (since < bytes) return;
    since = 0;
    collector()?.();
  };
}
