// The Kubernetes back end through the bundle, against a real cluster (scripts/kube.sh up):
// finding the container in a pod laid out as actions-runner-controller's Kubernetes mode lays
// out a job (by name, by the job's service key, by position), errors naming what is there,
// waiting (healthy on a readiness probe, never ready, cannot start, ended), and engine: auto.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import {
  cluster,
  createArcPod,
  createBusyboxPod,
  deleteCreatedPods,
  kubectl,
  kubeInputs,
  removeScratch,
  runKube,
  theError,
  uniquePodName,
  waitReady,
  waitRunning,
} from '../helpers/kube.js';

jest.setTimeout(30_000);

let pod: string;
/** A pod whose one container runs but never gets ready (its readiness probe is `false`). */
let neverReady: string;

const SERVICE = { id: '', network: '', ports: {} };
/** The job context the runner passes in ARC's Kubernetes mode: services with empty id and network. */
const job = { status: 'success', services: { db: SERVICE, cache: SERVICE } };

beforeAll(async () => {
  pod = await createArcPod(uniquePodName('find'));
  neverReady = await createBusyboxPod(uniquePodName('never'), {
    name: 'never',
    readinessProbe: { exec: { command: ['false'] }, periodSeconds: 1 },
  });
  await Promise.all([waitReady(pod), waitRunning(neverReady)]);
}, 90_000);

afterAll(async () => {
  await deleteCreatedPods();
  removeScratch();
});

/** How the errors list the ARC pod's containers. */
const LISTING =
  'job (local/job:1, running, ready), postgres (local/postgres:15, running, ready), busybox (local/busybox:1, running, ready)';

describe('finding the container in the pod', () => {
  test.each([
    ['busybox', 'busybox', 'local/busybox:1'],
    ['postgres', 'postgres', 'local/postgres:15'],
    ['job', 'job', 'local/job:1'],
  ])('container %s by its exact name', async (name, found, image) => {
    const run = await runKube(kubeInputs(pod, name, { command: 'true' }), { job });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `Container: ${found} in pod ${pod} (${image}, running, ready; found as container of the pod)`,
    );
    expect(run.outputs['exec-id']).toMatch(new RegExp(`^${pod}/${found}/`));
  });

  test.each([
    [
      'db',
      1,
      'postgres',
      'local/postgres:15',
      'pg_isready -h /var/run/postgresql',
      '/var/run/postgresql:5432 - accepting connections',
    ],
    ['cache', 2, 'busybox', 'local/busybox:1', 'cat /proc/1/cmdline', 'sleep\0infinity\0'],
  ])('job service %s is service container %i (%s)', async (key, position, container, image, command, stdout) => {
    const run = await runKube(kubeInputs(pod, key, { command }), { job });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `Container: ${container} in pod ${pod} (${image}, running, ready; found as job service ${key} (service ${position} of the job))`,
    );
    expect(run.outputs.stdout).toBe(stdout);
  });

  test('an unknown name: one line listing the pod containers and the job services', async () => {
    const run = await runKube(kubeInputs(pod, 'redis', { command: 'true' }), { job });
    expect(run.code).toBe(1);
    expect(theError(run.stdout)).toBe(
      `::error::container 'redis' not found in pod ${pod} (namespace dea): it is not a container of the pod nor a job service (db, cache). Containers: ${LISTING}`,
    );
  });

  test('a job with more services than the pod has service containers: no guess', async () => {
    const three = { status: 'success', services: { db: SERVICE, cache: SERVICE, mq: SERVICE } };
    const run = await runKube(kubeInputs(pod, 'mq', { command: 'true' }), { job: three });
    expect(run.code).toBe(1);
    expect(theError(run.stdout)).toBe(
      `::error::container 'mq' is service 3 of 3 of the job, but pod ${pod} has 2 service container(s): ${LISTING}. Name the container itself`,
    );
  });

  test('a pod that does not exist', async () => {
    const run = await runKube(kubeInputs('dea-t-no-such-pod', 'busybox', { command: 'true' }));
    expect(run.code).toBe(1);
    expect(theError(run.stdout)).toBe(
      "::error::pod dea-t-no-such-pod not found in namespace dea (the kubeconfig context's): set kube-pod to the pod of the job (default: this machine's host name), and kube-namespace if it is elsewhere",
    );
  });

  test('kube-namespace elsewhere (default), with a kubeconfig that may look there: not found there', async () => {
    const run = await runKube(kubeInputs(pod, 'busybox', { command: 'true', 'kube-namespace': 'default' }), {
      kubeconfig: cluster().adminKubeconfig,
    });
    expect(run.code).toBe(1);
    expect(theError(run.stdout)).toMatch(
      new RegExp(`^::error::pod ${pod} not found in namespace default \\(kube-namespace input\\): set kube-pod`),
    );
  });

  test('kube-namespace elsewhere (default), with the runner user that may not look there: refused, naming the grant', async () => {
    const run = await runKube(kubeInputs(pod, 'busybox', { command: 'true', 'kube-namespace': 'default' }));
    expect(run.code).toBe(1);
    const error = theError(run.stdout);
    expect(error).toMatch(
      /^::error::the Kubernetes API refused to get pods in namespace default \(kube-namespace input\) for kubeconfig user runner-user: /,
    );
    expect(error).toContain('Grant it with a Role (rules: resources ["pods"], verbs ["get"]) bound to that account');
  });
});

describe('waiting for the container', () => {
  test('wait: healthy on a pod just created: waits for the readiness probe of postgres, then runs', async () => {
    const fresh = await createArcPod(uniquePodName('fresh'));
    const run = await runKube(
      kubeInputs(fresh, 'postgres', { command: 'pg_isready -h /var/run/postgresql', wait: 'healthy' }),
      { job },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Waiting for postgres to be ready…');
    expect(run.stdout).toMatch(/Container ready after \d/);
    expect(run.outputs.stdout).toBe('/var/run/postgresql:5432 - accepting connections');
    await kubectl(['delete', 'pod', fresh, '--grace-period=0', '--force', '--wait=false'], { allowFailure: true });
  });

  test('wait: healthy, wait-timeout: 2s, on a container that never gets ready', async () => {
    const started = Date.now();
    const run = await runKube(
      kubeInputs(neverReady, 'never', { command: 'echo ran', wait: 'healthy', 'wait-timeout': '2s' }),
    );
    expect(Date.now() - started).toBeLessThan(6000);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Waiting for never to be ready…');
    expect(theError(run.stdout)).toBe(
      `::error::container never of pod ${neverReady} was not ready after 2s (never (local/busybox:1, running))`,
    );
    expect(run.stdout).not.toContain('ran\n');
  });

  test.each(['running', 'none'])('wait: %s runs in a container that is running but not ready', async (wait) => {
    const run = await runKube(kubeInputs(neverReady, 'never', { command: 'echo ran', wait }));
    expect(run.code).toBe(0);
    expect(run.outputs.stdout).toBe('ran');
    expect(run.stdout).toContain(
      `Container: never in pod ${neverReady} (local/busybox:1, running; found as container of the pod)`,
    );
  });

  test('a container that has ended, and one that cannot start: the step fails at once, not after wait-timeout', async () => {
    const odd = uniquePodName('odd');
    await createBusyboxPod(odd, { name: 'ended', command: ['sh', '-c', 'exit 3'] });
    const deadline = Date.now() + 30_000;
    while (
      !(await kubectl(['get', 'pod', odd, '-o', 'jsonpath={.status.containerStatuses[0].state.terminated.exitCode}']))
        .stdout
    ) {
      if (Date.now() > deadline) throw new Error(`container ended of ${odd} did not end`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const started = Date.now();
    const ended = await runKube(kubeInputs(odd, 'ended', { command: 'true', 'wait-timeout': '20s' }));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(theError(ended.stdout)).toBe(
      `::error::container ended of pod ${odd} is not running: it has terminated with code 3 (Error)`,
    );

    const noImage = uniquePodName('noimg');
    await createBusyboxPod(noImage, { name: 'missing', image: 'local/no-such-image:1' });
    const began = Date.now();
    const missing = await runKube(kubeInputs(noImage, 'missing', { command: 'true', 'wait-timeout': '20s' }));
    expect(Date.now() - began).toBeLessThan(15_000);
    expect(theError(missing.stdout)).toMatch(
      new RegExp(`^::error::container missing of pod ${noImage} cannot start: ErrImageNeverPull$`),
    );
  });
});

describe('engine: auto', () => {
  test('ACTIONS_RUNNER_CONTAINER_HOOKS set: Kubernetes', async () => {
    const run = await runKube(
      { engine: 'auto', 'kube-pod': pod, container: 'busybox', command: 'echo k8s' },
      {
        env: { ACTIONS_RUNNER_CONTAINER_HOOKS: '/home/runner/k8s/index.js' },
      },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('::group::exec in busybox (Kubernetes)');
    expect(run.stdout).toMatch(/^Engine: {4}Kubernetes https:\/\/127\.0\.0\.1:16443 /m);
    expect(run.outputs.stdout).toBe('k8s');
  });

  test('kube-pod given, no container hooks: Kubernetes', async () => {
    const run = await runKube({ engine: 'auto', 'kube-pod': pod, container: 'busybox', command: 'echo k8s' });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Engine: {4}Kubernetes https:\/\/127\.0\.0\.1:16443 /m);
  });

  test('neither: Docker (a missing engine socket is a Docker error, not a Kubernetes one)', async () => {
    const run = await runKube(
      { engine: 'auto', container: 'busybox', command: 'true' },
      { env: { DOCKER_HOST: 'unix:///tmp/dea-no-such-engine.sock' } },
    );
    expect(run.code).toBe(1);
    expect(theError(run.stdout)).toMatch(
      /^::error::cannot reach the Docker engine at unix:\/\/\/tmp\/dea-no-such-engine\.sock/,
    );
    expect(run.stdout).not.toMatch(/Kubernetes/);
  });

  test('engine: bogus is refused naming the input', async () => {
    const run = await runKube({ engine: 'k8s', 'kube-pod': pod, container: 'busybox', command: 'true' });
    expect(run.code).toBe(1);
    expect(theError(run.stdout)).toBe(
      "::error::Input 'engine': 'k8s' is not an engine: use auto, docker or kubernetes",
    );
  });
});
