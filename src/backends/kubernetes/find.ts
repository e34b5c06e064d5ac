// Finding the container in the job's pod, as actions-runner-controller's Kubernetes mode lays
// it out (actions/runner-container-hooks, packages/k8s): one pod per job, the job container
// named `job`, and each service of the job another container of the pod, named from its
// image. The runner's `job.services.<key>` has an empty id there, and the runner maps the
// hook's containers to the workflow's services by position: so does this.
import { setTimeout as sleep } from 'node:timers/promises';
import { ActionError } from '../../errors.js';
import type { Inputs, WaitFor } from '../../inputs/inputs.js';
import { LOOK_EVERY_MS, waitUntilReady } from '../../shared/wait.js';
import type { KubeApi, PodContainer, PodView } from './api.js';
import { fitsHookName, hookBaseName } from './pod-layout.js';

/** The hook's name for the job container: it is no service. */
const JOB_CONTAINER = 'job';

/** Waiting reasons that never end without help: the step fails at once. */
const HOPELESS_WAITING = /BackOff|ErrImage|InvalidImageName|CreateContainerConfigError|CreateContainerError/;

export interface FoundInPod {
  container: PodContainer;
  via: string;
}

function describe(c: PodContainer): string {
  const state = c.running ? (c.ready ? 'running, ready' : 'running') : (c.terminated ?? c.waiting ?? 'not running');
  return `${c.name} (${c.image}, ${state})`;
}

/** The container the inputs name, in a pod read once. */
export function pickContainer(pod: PodView, name: string, job: Inputs['job'], namespace: string): FoundInPod {
  const exact = pod.containers.find((c) => c.name === name);
  if (exact) return { container: exact, via: 'container of the pod' };
  const keys = Object.keys(job?.services ?? {});
  const index = keys.indexOf(name);
  const listing = pod.containers.map(describe).join(', ');
  if (index >= 0) {
    const services = pod.containers.filter((c) => c.name !== JOB_CONTAINER);
    const unlike = services.filter((c) => !fitsHookName(c.name, c.image));
    if (unlike.length)
      throw new ActionError(
        `container '${name}' is a job service, but pod ${pod.name} is not laid out as the runner's container hooks make a job's pod (a container named from its image, as ${unlike
          .map((c) => `${hookBaseName(c.image)} for ${c.image}`)
          .join(
            ', ',
          )}; found ${unlike.map((c) => c.name).join(', ')}), so which container is service ${name} is not known: name the container itself. Containers: ${listing}`,
      );
    if (services.length !== keys.length)
      throw new ActionError(
        `container '${name}' is service ${index + 1} of ${keys.length} of the job, but pod ${pod.name} has ${services.length} service container(s): ${listing}. Name the container itself`,
      );
    return { container: services[index], via: `job service ${name} (service ${index + 1} of the job)` };
  }
  throw new ActionError(
    `container '${name}' not found in pod ${pod.name} (namespace ${namespace}): it is not a container of the pod${keys.length ? ` nor a job service (${keys.join(', ')})` : ''}. Containers: ${listing}`,
  );
}

function isReady(c: PodContainer, wait: WaitFor): boolean {
  if (!c.running) return false;
  // healthy: its readiness probe passes; without one, running is enough (as on Docker).
  return wait !== 'healthy' || !c.hasReadiness || c.ready;
}

function hopeless(c: PodContainer, pod: PodView): string | undefined {
  if (c.terminated) return `container ${c.name} of pod ${pod.name} is not running: it has ${c.terminated}`;
  if (c.waiting && HOPELESS_WAITING.test(c.waiting))
    return `container ${c.name} of pod ${pod.name} cannot start: ${c.waiting}`;
  if (pod.phase === 'Succeeded' || pod.phase === 'Failed') return `pod ${pod.name} has ended (${pod.phase})`;
  return undefined;
}

/** Finds the container and waits until it can run the command (running, or ready). */
export async function findReadyInPod(
  api: KubeApi,
  podName: string,
  inputs: Pick<Inputs, 'container' | 'job' | 'wait' | 'waitTimeoutMs'>,
  signal: AbortSignal,
): Promise<FoundInPod> {
  const pod = await api.readPod(podName);
  const found = pickContainer(pod, inputs.container, inputs.job, api.namespace);
  const name = found.container.name;
  if (isReady(found.container, inputs.wait)) return found;
  if (inputs.wait === 'none')
    throw new ActionError(
      hopeless(found.container, pod) ??
        `container ${name} of pod ${pod.name} is not running (${describe(found.container)})`,
    );
  type Seen = { pod: PodView; container: PodContainer };
  let last = found.container;
  const ready = await waitUntilReady<Seen>(
    {
      name,
      goal: inputs.wait === 'healthy' ? 'ready' : 'running',
      look: async () => {
        const now = await api.readPod(podName);
        last = now.containers.find((c) => c.name === name) ?? last;
        return { pod: now, container: last };
      },
      ready: (seen) => isReady(seen.container, inputs.wait),
      hopeless: (seen) => hopeless(seen.container, seen.pod),
      notReady: (seen, waited) =>
        `container ${name} of pod ${seen.pod.name} was not ${inputs.wait === 'healthy' && seen.container.running ? 'ready' : 'running'} after ${waited} (${describe(seen.container)})`,
      pause: (ms, abort) => sleep(ms, undefined, { signal: abort }).catch(() => undefined),
    },
    { pod, container: found.container },
    inputs.waitTimeoutMs,
    signal,
    LOOK_EVERY_MS.kubernetes,
  );
  return { container: ready.container, via: found.via };
}
