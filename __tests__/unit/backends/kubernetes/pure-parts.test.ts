// The Kubernetes back end's pure parts (command-wrapper.ts, exec-status.ts, pod-layout.ts,
// service-account.ts, find.ts's pickContainer, api.ts's podView) and the engine choice
// (inputs.ts's chooseBackend).
import { describe, expect, test } from '@jest/globals';
import { podView, type PodView } from '../../../../src/backends/kubernetes/api.js';
import { pickContainer } from '../../../../src/backends/kubernetes/find.js';
import { kubeArgv } from '../../../../src/backends/kubernetes/command-wrapper.js';
import { exitFromStatus } from '../../../../src/backends/kubernetes/exec-status.js';
import { fitsHookName, hookBaseName } from '../../../../src/backends/kubernetes/pod-layout.js';
import { tokenSubject } from '../../../../src/backends/kubernetes/service-account.js';
import { chooseBackend } from '../../../../src/inputs/inputs.js';

describe('kubeArgv: env, workdir and a bounded stdin around the command', () => {
  test.each<[string, string[], Parameters<typeof kubeArgv>[1], string[]]>([
    ['nothing to add', ['true'], { env: [] }, ['true']],
    ['sets', ['printenv'], { env: ['A=1', 'B=x y'] }, ['env', 'A=1', 'B=x y', 'printenv']],
    [
      'a bare KEY removes it, before the sets',
      ['printenv'],
      { env: ['A=1', 'HOME'] },
      ['env', '-u', 'HOME', 'A=1', 'printenv'],
    ],
    [
      'workdir',
      ['pwd'],
      { env: [], workdir: '/tmp/a b' },
      ['sh', '-c', 'cd -- "$1" || exit 127; shift; exec "$@"', 'sh', '/tmp/a b', 'pwd'],
    ],
    [
      'stdin of 11 bytes',
      ['wc', '-c'],
      { env: [], stdinBytes: 11 },
      ['sh', '-c', 'n=$1; shift; head -c "$n" | "$@"', 'sh', '11', 'wc', '-c'],
    ],
    [
      'all three',
      ['cat'],
      { env: ['M=1'], workdir: '/w', stdinBytes: 0 },
      [
        'env',
        'M=1',
        'sh',
        '-c',
        'cd -- "$1" || exit 127; shift; n=$1; shift; head -c "$n" | "$@"',
        'sh',
        '/w',
        '0',
        'cat',
      ],
    ],
  ])('%s', (_name, cmd, options, argv) => {
    expect(kubeArgv(cmd, options)).toEqual(argv);
  });
});

describe('exitFromStatus: the status channel, never success without saying so', () => {
  const nonZero = (message: string | undefined) => ({
    status: 'Failure',
    reason: 'NonZeroExitCode',
    message: 'command terminated with non-zero exit code',
    details: { causes: [{ reason: 'ExitCode', message }] },
  });
  test.each<[string, object, { exitCode?: number; problem?: RegExp }]>([
    ['Success', { status: 'Success' }, { exitCode: 0 }],
    ['exit 3', nonZero('3'), { exitCode: 3 }],
    ['exit 255', nonZero('255'), { exitCode: 255 }],
    ['no code in the causes', nonZero(undefined), { problem: /gave no exit code.*exit status unknown/ }],
    ['a code that is no number', nonZero('x'), { problem: /gave no exit code/ }],
    [
      'the command could not start',
      { status: 'Failure', reason: 'InternalError', message: 'executable file not found in $PATH' },
      { problem: /^the command could not run: executable file not found in \$PATH: exit status unknown$/ },
    ],
    ['an empty status', {}, { problem: /could not run: \{\}/ }],
  ])('%s', (_name, status, expected) => {
    const got = exitFromStatus(status);
    expect(got.exitCode).toBe(expected.exitCode);
    if (expected.problem) expect(got.problem).toMatch(expected.problem);
    else expect(got.problem).toBeUndefined();
  });
});

describe("the container names runner-container-hooks gives a job's services", () => {
  test.each([
    ['postgres:16', 'postgres'],
    ['postgres', 'postgres'],
    ['ghcr.io/org/team/redis:7-alpine', 'redis'],
    ['localhost:5000/svc/db:1', 'db'],
    ['mysql@sha256:abc', 'mysql'],
    ['registry:5000/mysql:8@sha256:abc', 'mysql'],
  ])('%s -> %s', (image, name) => {
    expect(hookBaseName(image)).toBe(name);
  });

  test.each([
    ['postgres', 'postgres:16', true],
    ['postgres-0', 'postgres:16', true],
    ['postgres-12', 'postgres:16', true],
    ['postgres-x', 'postgres:16', false],
    ['pg', 'postgres:16', false],
    ['redis', 'postgres:16', false],
  ])('%s fits %s: %s', (name, image, fits) => {
    expect(fitsHookName(name, image)).toBe(fits);
  });
});

describe('tokenSubject: who a service-account token speaks for (for messages only)', () => {
  const jwt = (claims: object) =>
    `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;
  test.each<[string, string | undefined, string | undefined]>([
    ['a service account', jwt({ sub: 'system:serviceaccount:dea:runner' }), 'system:serviceaccount:dea:runner'],
    ['no sub', jwt({ iss: 'x' }), undefined],
    ['a static token', 'abcdef0123456789', undefined],
    ['not base64 JSON', 'a.!!!.c', undefined],
    ['none', undefined, undefined],
  ])('%s', (_name, token, subject) => {
    expect(tokenSubject(token)).toBe(subject);
  });
});

const arcPod: PodView = podView({
  metadata: { name: 'runner-x-workflow' },
  spec: {
    containers: [
      { name: 'job', image: 'ghcr.io/actions/actions-runner:latest' },
      { name: 'postgres', image: 'postgres:16', readinessProbe: {} },
      { name: 'redis', image: 'redis:7' },
    ],
  },
  status: {
    phase: 'Running',
    containerStatuses: [
      { name: 'job', ready: true, containerID: 'docker://aaa', state: { running: {} } },
      { name: 'postgres', ready: false, containerID: 'docker://bbb', state: { running: {} } },
      { name: 'redis', ready: false, state: { waiting: { reason: 'CrashLoopBackOff' } } },
    ],
  },
});
const services = (...keys: string[]) => ({ services: Object.fromEntries(keys.map((k) => [k, { id: '' }])) });

describe('pickContainer: a container of the pod, else a job service by position', () => {
  test('podView joins spec and status', () => {
    expect(arcPod.containers.map((c) => [c.name, c.running, c.ready, c.waiting, c.hasReadiness])).toEqual([
      ['job', true, true, undefined, false],
      ['postgres', true, false, undefined, true],
      ['redis', false, false, 'CrashLoopBackOff', false],
    ]);
  });

  test.each<[string, string, ReturnType<typeof services> | undefined, string, string]>([
    ['by its name', 'redis', undefined, 'redis', 'container of the pod'],
    ['the name wins over a service key', 'postgres', services('redis', 'postgres'), 'postgres', 'container of the pod'],
    ['service 1', 'db', services('db', 'cache'), 'postgres', 'job service db (service 1 of the job)'],
    ['service 2', 'cache', services('db', 'cache'), 'redis', 'job service cache (service 2 of the job)'],
  ])('%s', (_name, input, job, container, via) => {
    const found = pickContainer(arcPod, input, job, 'dea');
    expect([found.container.name, found.via]).toEqual([container, via]);
  });

  test.each<[string, string, ReturnType<typeof services> | undefined, string]>([
    [
      'unknown',
      'mysql',
      services('db'),
      "container 'mysql' not found in pod runner-x-workflow (namespace dea): it is not a container of the pod nor a job service (db). Containers: job (ghcr.io/actions/actions-runner:latest, running, ready), postgres (postgres:16, running), redis (redis:7, CrashLoopBackOff)",
    ],
    [
      'more services than containers',
      'c',
      services('a', 'b', 'c'),
      "container 'c' is service 3 of 3 of the job, but pod runner-x-workflow has 2 service container(s): job (ghcr.io/actions/actions-runner:latest, running, ready), postgres (postgres:16, running), redis (redis:7, CrashLoopBackOff). Name the container itself",
    ],
  ])('%s', (_name, input, job, message) => {
    expect(() => pickContainer(arcPod, input, job, 'dea')).toThrow(message);
  });

  test('a pod not laid out by the hooks: no guessing by position', () => {
    const pod = podView({
      metadata: { name: 'p' },
      spec: {
        containers: [
          { name: 'job', image: 'x' },
          { name: 'database', image: 'postgres:16' },
        ],
      },
    });
    expect(() => pickContainer(pod, 'db', services('db'), 'dea')).toThrow(
      /is not laid out as the runner's container hooks make a job's pod \(a container named from its image, as postgres for postgres:16; found database\)/,
    );
  });
});

describe('chooseBackend: the engine input', () => {
  test.each<[string | undefined, string | undefined, Record<string, string>, string]>([
    [undefined, undefined, {}, 'docker'],
    ['auto', undefined, {}, 'docker'],
    ['auto', undefined, { ACTIONS_RUNNER_CONTAINER_HOOKS: '/home/runner/k8s/index.js' }, 'kubernetes'],
    ['auto', 'runner-x-workflow', {}, 'kubernetes'],
    ['docker', 'p', { ACTIONS_RUNNER_CONTAINER_HOOKS: '/x' }, 'docker'],
    ['kubernetes', undefined, {}, 'kubernetes'],
  ])('engine %s, kube-pod %s, %j -> %s', (given, pod, env, backend) => {
    expect(chooseBackend(given, pod, env)).toBe(backend);
  });

  test('anything else is refused, naming the input', () => {
    expect(() => chooseBackend('k8s', undefined, {})).toThrow(
      "Input 'engine': 'k8s' is not an engine: use auto, docker or kubernetes",
    );
  });
});
