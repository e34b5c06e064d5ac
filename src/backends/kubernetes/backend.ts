// The Kubernetes back end (engine: kubernetes): the job pod's containers through pods/exec,
// as actions-runner-controller's Kubernetes mode runs a job. This module, the Kubernetes
// client and ws are a chunk of the bundle of their own, loaded only by steps that run on
// Kubernetes. What pods/exec cannot do is in lacks.ts, refused before this is loaded.
import { hostname } from 'node:os';
import type { Inputs } from '../../inputs/inputs.js';
import type { Backend, ExecSpec, Target } from '../../shared/backend.js';
import { KubeApi, type PodContainer } from './api.js';
import { KubeRunner } from './exec.js';
import { findReadyInPod } from './find.js';

/** The container runtime's ID without its scheme (docker://abc... becomes abc...). */
function runtimeId(container: PodContainer): string | undefined {
  return container.containerId?.replace(/^[a-z]+:\/\//, '');
}

export class KubernetesBackend implements Backend {
  private readonly api: KubeApi;

  constructor(private readonly inputs: Inputs) {
    this.api = KubeApi.connect(inputs.kube.namespace);
  }

  async findReady(_spec: ExecSpec, signal: AbortSignal): Promise<Target> {
    const { api, inputs } = this;
    // The hook's job pod is the host name of its containers (no host network there).
    const pod = inputs.kube.pod ?? hostname();
    // A request of the look-up waits no longer than wait-timeout allows (shared/bounds.ts).
    api.lookupDeadline = Date.now() + inputs.waitTimeoutMs;
    const { container, via } = await findReadyInPod(api, pod, inputs, signal).finally(
      () => (api.lookupDeadline = undefined),
    );
    const state = container.ready ? 'running, ready' : 'running';
    const runner = new KubeRunner(api, pod, container.name);
    return {
      facts: {
        id: runtimeId(container) ?? `${pod}/${container.name}`,
        name: container.name,
        engine: `Kubernetes ${api.server} (${api.credentialsFrom}), namespace ${api.namespace} (${api.namespaceFrom})`,
        container: `${container.name} in pod ${pod} (${container.image}, ${state}; found as ${via})`,
        // pods/exec cannot say which user or folder the image sets.
        imageUser: "the container's",
        imageWorkdir: "the container's",
      },
      runner,
      runQuiet: (cmd) => runner.runQuiet(cmd),
      placeFile: (path, content) => runner.placeFile(path, content),
      removeFile: (path) =>
        runner.runQuiet(['rm', '-f', path]).then(
          () => undefined,
          () => undefined,
        ),
    };
  }

  /** Each request is a connection of its own: nothing stays open. */
  close(): void {}
}
