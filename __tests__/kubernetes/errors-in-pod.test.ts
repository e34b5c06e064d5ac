// The Kubernetes back end through the bundle, against a real cluster (scripts/kube.sh up):
// every way of not getting to run is one line (no credentials, API unreachable, TLS that does
// not verify, RBAC refusals with what to grant, inputs pods/exec cannot honour), no credential
// is ever printed, and the action run inside the pod's `job` container as
// actions-runner-controller runs it, with the mounted service account.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import type { ActionRun } from '../helpers/action.js';
import {
  closedPort,
  cluster,
  createArcPod,
  deleteCreatedPods,
  kubeconfigCopy,
  kubeconfigToken,
  kubeInputs,
  removeScratch,
  runInJobContainer,
  runKube,
  scratch,
  serviceAccountKubeconfig,
  setOutputs,
  shownLog,
  theError,
  uniquePodName,
  waitReady,
} from '../helpers/kube.js';

jest.setTimeout(30_000);

const SERVICE = { id: '', network: '', ports: {} };

let pod: string;
const box = (inputs: Record<string, string>) => kubeInputs(pod, 'busybox', inputs);
/** Every credential the runs here could hold: none may appear in what a run shows. */
const tokens: string[] = [];
const removals: Array<() => Promise<void>> = [];

beforeAll(async () => {
  pod = await createArcPod(uniquePodName('err'));
  const c = cluster();
  tokens.push(
    kubeconfigToken(c.runnerKubeconfig),
    kubeconfigToken(c.noExecKubeconfig),
    readFileSync(`${c.serviceAccountDir}/token`, 'utf8').trim(),
  );
  await waitReady(pod);
}, 90_000);

afterAll(async () => {
  await Promise.all(removals.splice(0).map((remove) => remove()));
  await deleteCreatedPods();
  removeScratch();
});

/** No token in what the run shows (the ::add-mask:: commands, which the runner takes out, aside). */
function expectNoCredentials(run: { stdout: string; stderr: string; summary?: string }): void {
  const shown = `${shownLog(run)}\n${run.summary ?? ''}`;
  for (const token of tokens) expect(shown.includes(token)).toBe(false);
}

describe('credentials and the API server', () => {
  test('no KUBECONFIG, an empty HOME, not in a pod: no Kubernetes credentials', async () => {
    // Not in a pod: this machine has no service account token mounted.
    expect(existsSync('/var/run/secrets/kubernetes.io/serviceaccount/token')).toBe(false);
    const run = await runKube(box({ command: 'true' }), { kubeconfig: null, env: { HOME: scratch() } });
    expect(run.code).toBe(1);
    expect(theError(run.stdout)).toBe(
      "::error::no Kubernetes credentials: KUBECONFIG is not set and there is no service account token at /var/run/secrets/kubernetes.io/serviceaccount/token. Run the step in a pod with a service account (actions-runner-controller's Kubernetes mode), or set KUBECONFIG; or set engine: docker",
    );
  });

  test('the API server does not answer (a closed port): cannot reach it', async () => {
    const port = await closedPort();
    const kubeconfig = kubeconfigCopy(cluster().runnerKubeconfig, (text) =>
      text.replace(/server: .*/, `server: https://127.0.0.1:${port}`),
    );
    const run = await runKube(box({ command: 'true' }), { kubeconfig });
    expect(run.code).toBe(1);
    expect(theError(run.stdout)).toBe(
      `::error::cannot reach the Kubernetes API server at https://127.0.0.1:${port} (KUBECONFIG, context runner-user@dea-kube): ECONNREFUSED`,
    );
    expectNoCredentials(run);
  });

  test("a CA that did not sign the server's certificate: does not verify, nothing runs", async () => {
    const kubeconfig = kubeconfigCopy(cluster().runnerKubeconfig, (text) =>
      text.replace(/certificate-authority: .*/, 'certificate-authority: /etc/ssl/certs/ca-certificates.crt'),
    );
    const run = await runKube(box({ command: 'echo ran' }), { kubeconfig });
    expect(run.code).toBe(1);
    expect(theError(run.stdout)).toMatch(
      /^::error::refused the Kubernetes API server at https:\/\/127\.0\.0\.1:16443 \(KUBECONFIG, context runner-user@dea-kube\): its TLS certificate does not verify against the cluster's CA \([A-Z_]+\), so nothing was run$/,
    );
    expect(run.stdout).not.toContain('ran\n');
    expectNoCredentials(run);
  });

  test('a token the server does not know: 401, one line', async () => {
    const kubeconfig = kubeconfigCopy(cluster().runnerKubeconfig, (text) =>
      text.replace(/^(\s*)token:.*$/m, '$1token: not-a-known-token-0123456789'),
    );
    const run = await runKube(box({ command: 'true' }), { kubeconfig });
    expect(run.code).toBe(1);
    expect(theError(run.stdout)).toMatch(
      /^::error::the Kubernetes API server at https:\/\/127\.0\.0\.1:16443 did not accept the credentials of KUBECONFIG, context runner-user@dea-kube \(401 Unauthorized\)/,
    );
    expect(shownLog(run)).not.toContain('not-a-known-token-0123456789');
  });
});

describe('RBAC', () => {
  test('a user who may read pods but not exec: one line naming the account and what to grant, and the step ends', async () => {
    const started = Date.now();
    const run = await runKube(box({ command: 'true' }), {
      kubeconfig: cluster().noExecKubeconfig,
      killAfterMs: 6000,
    });
    const error = theError(run.stdout);
    expect(error).toMatch(
      /^::error::the Kubernetes API refused to create pods\/exec in namespace dea \(the kubeconfig context's\) for kubeconfig user no-exec: /,
    );
    expect(error).toContain('User "no-exec" cannot');
    expect(error).toMatch(
      /Grant it with a Role \(rules: resources \["pods\/exec"\], verbs \[[^\]]*"create"[^\]]*\]\) bound to that account$/,
    );
    expectNoCredentials(run);
    // The error is printed, then the step must end by itself, not run on until the runner's
    // timeout kills it (runKube kills it after 6 s: signal SIGKILL, code null).
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('an account granted what the refusal says to grant (as the README Role does) can then run the command', async () => {
    // Step 1: an account that may only read pods is refused; the refusal names the rule to add.
    const reader = await serviceAccountKubeconfig(uniquePodName('sa-r'), [{ resources: ['pods'], verbs: ['get'] }]);
    removals.push(reader.remove);
    const refused = await runKube(box({ command: 'true' }), { kubeconfig: reader.kubeconfig, killAfterMs: 4000 });
    const advice = /Grant it with a Role \(rules: resources \["pods\/exec"\], verbs (\[[^\]]*\])\)/.exec(
      theError(refused.stdout),
    );
    expect(advice).not.toBeNull();
    const verbs = JSON.parse(advice![1]) as string[];
    // Step 2: an account with exactly that rule added must get through.
    const granted = await serviceAccountKubeconfig(uniquePodName('sa-g'), [
      { resources: ['pods'], verbs: ['get'] },
      { resources: ['pods/exec'], verbs },
    ]);
    removals.push(granted.remove);
    const run = await runKube(box({ command: 'echo granted' }), { kubeconfig: granted.kubeconfig, killAfterMs: 6000 });
    expect(
      shownLog(run)
        .split('\n')
        .filter((l) => l.startsWith('::error')),
    ).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.outputs.stdout).toBe('granted');
  });
});

describe('inputs pods/exec cannot honour: refused before anything runs, one line naming the input', () => {
  test.each([
    [
      { user: 'nobody' },
      "::error::Input 'user': has no meaning on Kubernetes (engine: kubernetes): pods/exec runs the command as the container's own user, and has no way to choose another. Remove it, or run the command through su or runuser in the container",
    ],
    [
      { privileged: 'true' },
      "::error::Input 'privileged': has no meaning on Kubernetes (engine: kubernetes): pods/exec has no privileged mode; the container's securityContext decides. Remove it",
    ],
    [
      { 'docker-host': 'unix:///var/run/docker.sock' },
      "::error::Input 'docker-host': names a Docker engine, but the command runs on Kubernetes (engine: kubernetes): remove it, or set engine: docker",
    ],
    [
      { detach: 'true' },
      "::error::Input 'detach': is not supported on Kubernetes (engine: kubernetes): pods/exec ends the command when its connection closes. Remove it",
    ],
  ])('%o', async (extra, expected) => {
    // An unreachable server: were anything sent, the error would be another.
    const kubeconfig = kubeconfigCopy(cluster().runnerKubeconfig, (text) =>
      text.replace(/server: .*/, 'server: https://127.0.0.1:1'),
    );
    const run = await runKube(box({ command: 'echo ran', ...extra }), { kubeconfig });
    expect(run.code).toBe(1);
    expect(theError(run.stdout)).toBe(expected);
    expect(run.stdout).not.toMatch(/^Engine:/m);
  });
});

describe('credentials are never printed', () => {
  const cases: Array<[string, () => Promise<ActionRun>]> = [
    ['a successful run', () => runKube(box({ command: 'echo fine' }))],
    ['a failing command', () => runKube(box({ command: `sh -c 'echo bad >&2; exit 3'` }))],
    [
      'a pod not found, with RUNNER_DEBUG (stack traces)',
      () => runKube(kubeInputs('dea-t-nope', 'busybox', { command: 'true' }), { env: { RUNNER_DEBUG: '1' } }),
    ],
    [
      'a timed-out command with RUNNER_DEBUG',
      () => runKube(box({ command: 'sleep 30', timeout: '1s' }), { env: { RUNNER_DEBUG: '1' } }),
    ],
  ];
  test.each(cases)('%s', async (_name, start) => {
    const run = await start();
    expectNoCredentials(run);
    // The bearer token is registered as a secret before any request.
    expect(run.stdout).toContain(`::add-mask::${tokens[0]}`);
  });
});

describe('inside the pod, as actions-runner-controller runs the action', () => {
  test("in the job container, no KUBECONFIG: the pod's service account, pg_isready in the postgres container", async () => {
    const run = await runInJobContainer(pod, {
      container: 'postgres',
      command: 'pg_isready -h /var/run/postgresql',
      engine: 'kubernetes',
      'kube-pod': pod,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      "Engine:    Kubernetes https://127.0.0.1:16443 (the pod's service account (/var/run/secrets/kubernetes.io/serviceaccount/token)), namespace dea (the service account's)",
    );
    expect(run.stdout).toContain(
      `Container: postgres in pod ${pod} (local/postgres:15, running, ready; found as container of the pod)`,
    );
    expect(run.stdout).toContain('/var/run/postgresql:5432 - accepting connections');
    expect(setOutputs(run.stdout)['exit-code']).toBe('0');
    expectNoCredentials(run);
  });

  test('engine: auto with ACTIONS_RUNNER_CONTAINER_HOOKS, and the job service key db', async () => {
    const run = await runInJobContainer(
      pod,
      { container: 'db', command: 'pg_isready -h /var/run/postgresql', 'kube-pod': pod },
      {
        env: { ACTIONS_RUNNER_CONTAINER_HOOKS: '/x' },
        job: { status: 'success', services: { db: SERVICE, cache: SERVICE } },
      },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Engine: {4}Kubernetes https:\/\/127\.0\.0\.1:16443 \(the pod's service account/m);
    expect(run.stdout).toContain('found as job service db (service 1 of the job)');
    expect(run.stdout).toContain('accepting connections');
    expectNoCredentials(run);
  });

  test('in the job container, a failing command fails the step with its exit code', async () => {
    const run = await runInJobContainer(pod, {
      container: 'busybox',
      command: `sh -c 'echo inside >&2; exit 7'`,
      engine: 'kubernetes',
      'kube-pod': pod,
    });
    expect(run.code).toBe(1);
    expect(setOutputs(run.stdout)['exit-code']).toBe('7');
    expect(theError(run.stdout)).toBe(
      '::error title=busybox%3A exit code 7::command exited with code 7%0A%0ALast lines of stderr:%0Ainside',
    );
  });
});
