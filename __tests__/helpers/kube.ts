// Test-side access to the Kubernetes cluster of scripts/kube.sh (a real single-node 1.20 on
// 127.0.0.1): its cluster.json, kubectl with the admin kubeconfig, pods shaped like
// actions-runner-controller's Kubernetes mode, kubeconfig copies, and runs of the bundle on the
// Kubernetes back end, from outside the pod (runAction) and from inside it (kubectl exec into
// the `job` container, as ARC runs a JavaScript action). Never through the action's own code,
// so that a bug in the action cannot hide itself in the tests.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from '@jest/globals';
import { inputEnvironment, node24Path, runAction, type ActionRun, type RunOptions } from './action.js';
import { ROOT } from './docker.js';

export interface Cluster {
  server: string;
  caFile: string;
  adminKubeconfig: string;
  runnerKubeconfig: string;
  noExecKubeconfig: string;
  serviceAccountDir: string;
  namespace: string;
  kubectl: string;
  images: { busybox: string; postgres: string; job: string };
  nodeBinary: string;
  nodeBinaryInJob: string;
}

/**
 * The cluster's description: scripts/kube.sh's, or with DEA_KUBE_CLUSTER another one of the same
 * shape (scripts/v5front.sh's, the step's kubeconfigs pointing at the v5 front).
 */
const CLUSTER_JSON = process.env.DEA_KUBE_CLUSTER || path.join(ROOT, '.cache/kube/cluster.json');

let read: Cluster | undefined;
/** cluster.json of scripts/kube.sh up (fails with what to do when the cluster is not up). */
export function cluster(): Cluster {
  if (!read) {
    if (!existsSync(CLUSTER_JSON))
      throw new Error(`no ${CLUSTER_JSON}: start the cluster first with \`bash scripts/kube.sh up\``);
    read = JSON.parse(readFileSync(CLUSTER_JSON, 'utf8')) as Cluster;
  }
  return read;
}

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program, its output collected; `input` goes to its stdin. */
export function runProgram(
  file: string,
  args: string[],
  options: { input?: string | Buffer; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const killer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/** kubectl with the admin kubeconfig, in the test namespace; fails on a non-zero exit unless allowFailure. */
export async function kubectl(
  args: string[],
  options: { input?: string; allowFailure?: boolean; timeoutMs?: number } = {},
): Promise<Ran> {
  const c = cluster();
  const result = await runProgram(c.kubectl, ['--kubeconfig', c.adminKubeconfig, '-n', c.namespace, ...args], options);
  if (result.code !== 0 && !options.allowFailure)
    throw new Error(`kubectl ${args.join(' ')} exited ${result.code}: ${result.stderr.trim()}`);
  return result;
}

/** A pod name no other test uses: dea-t-<prefix>-<hex>. */
export function uniquePodName(prefix: string): string {
  return `dea-t-${prefix}-${randomBytes(3).toString('hex')}`;
}

const created: string[] = [];

/** Creates a pod shaped like ARC's job pod (scripts/kube.sh arc-pod): containers job, postgres, busybox. */
export async function createArcPod(name: string): Promise<string> {
  const manifest = await runProgram('bash', [path.join(ROOT, 'scripts/kube.sh'), 'arc-pod', name]);
  if (manifest.code !== 0) throw new Error(`kube.sh arc-pod ${name} failed: ${manifest.stderr}`);
  created.push(name);
  await kubectl(['apply', '-f', '-'], { input: manifest.stdout });
  return name;
}

/** Creates a pod of one busybox container on the cluster's node (hostNetwork, local image). */
export async function createBusyboxPod(name: string, container: Record<string, unknown>): Promise<string> {
  const c = cluster();
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: c.namespace, labels: { 'app.kubernetes.io/managed-by': 'docker-exec-action-tests' } },
    spec: {
      nodeName: 'localhost',
      hostNetwork: true,
      automountServiceAccountToken: false,
      terminationGracePeriodSeconds: 1,
      restartPolicy: 'Never',
      containers: [{ image: c.images.busybox, imagePullPolicy: 'Never', command: ['sleep', 'infinity'], ...container }],
    },
  };
  created.push(name);
  await kubectl(['apply', '-f', '-'], { input: JSON.stringify(pod) });
  return name;
}

export async function waitReady(name: string, timeoutS = 60): Promise<void> {
  await kubectl(['wait', '--for=condition=Ready', `pod/${name}`, `--timeout=${timeoutS}s`], {
    timeoutMs: (timeoutS + 10) * 1000,
  });
}

export async function waitRunning(name: string, timeoutS = 60): Promise<void> {
  const deadline = Date.now() + timeoutS * 1000;
  for (;;) {
    const { stdout } = await kubectl(['get', 'pod', name, '-o', 'jsonpath={.status.phase}']);
    if (stdout === 'Running') return;
    if (Date.now() > deadline) throw new Error(`pod ${name} is ${stdout}, not Running, after ${timeoutS}s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Deletes the pods this test file created, at once (call from afterAll). */
export async function deleteCreatedPods(): Promise<void> {
  const names = created.splice(0);
  if (names.length)
    await kubectl(['delete', 'pod', ...names, '--grace-period=0', '--force', '--ignore-not-found', '--wait=false'], {
      allowFailure: true,
    });
}

/** Runs a command in a container of a pod through kubectl (to check what the action did). */
export function kubeExec(pod: string, container: string, command: string[]): Promise<Ran> {
  return kubectl(['exec', pod, '-c', container, '--', ...command], { allowFailure: true });
}

/** Live processes (zombies left out) in a container whose command line matches. */
export async function liveProcesses(pod: string, container: string, pattern: RegExp): Promise<string[]> {
  const { stdout, code, stderr } = await kubeExec(pod, container, ['ps', '-o', 'pid,stat,args']);
  if (code !== 0) throw new Error(`ps in ${pod}/${container} exited ${code}: ${stderr}`);
  return stdout
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() && !/^\s*\d+\s+Z/.test(line) && !/ps -o pid,stat,args/.test(line))
    .filter((line) => pattern.test(line));
}

const scratchDirs: string[] = [];

/** A fresh temporary folder, removed by removeScratch. */
export function scratch(prefix = 'dea-kube-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  scratchDirs.push(dir);
  return dir;
}

export function removeScratch(): void {
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A copy of a kubeconfig in a scratch folder, edited (e.g. another server or CA). */
export function kubeconfigCopy(from: string, edit: (text: string) => string): string {
  const file = path.join(scratch(), 'kubeconfig');
  writeFileSync(file, edit(readFileSync(from, 'utf8')), { mode: 0o600 });
  return file;
}

/** The bearer token of a kubeconfig (the static token users of scripts/kube.sh). */
export function kubeconfigToken(file: string): string {
  const token = /^\s*token:\s*"?([^"\s]+)"?\s*$/m.exec(readFileSync(file, 'utf8'))?.[1];
  if (!token) throw new Error(`no token in ${file}`);
  return token;
}

/** A local port nothing listens on (bound, then closed). */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A service account of its own in the test namespace, bound to a Role with these rules, and a
 * kubeconfig with a token for it (TokenRequest: no token controller runs). `remove` deletes it all.
 */
export async function serviceAccountKubeconfig(
  name: string,
  rules: Array<{ resources: string[]; verbs: string[] }>,
): Promise<{ kubeconfig: string; subject: string; remove: () => Promise<void> }> {
  const c = cluster();
  const meta = { name, namespace: c.namespace };
  const objects = {
    apiVersion: 'v1',
    kind: 'List',
    items: [
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: meta,
        rules: rules.map((r) => ({ apiGroups: [''], ...r })),
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: meta,
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
        subjects: [{ kind: 'ServiceAccount', name, namespace: c.namespace }],
      },
    ],
  };
  await kubectl(['apply', '-f', '-'], { input: JSON.stringify(objects) });
  const request = {
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'TokenRequest',
    spec: { audiences: ['https://kubernetes.default.svc'], expirationSeconds: 3600 },
  };
  const { stdout } = await kubectl(
    ['create', '--raw', `/api/v1/namespaces/${c.namespace}/serviceaccounts/${name}/token`, '-f', '-'],
    { input: JSON.stringify(request) },
  );
  const token = (JSON.parse(stdout) as { status: { token: string } }).status.token;
  const kubeconfig = kubeconfigCopy(c.runnerKubeconfig, (text) =>
    text.replace(/^(\s*)token:.*$/m, `$1token: ${token}`),
  );
  return {
    kubeconfig,
    subject: `system:serviceaccount:${c.namespace}:${name}`,
    remove: async () => {
      await kubectl(['delete', 'rolebinding,role,serviceaccount', name, '--ignore-not-found'], {
        allowFailure: true,
      });
    },
  };
}

/** The inputs of a step on the Kubernetes back end, for a container of a pod. */
export function kubeInputs(pod: string, container: string, inputs: Record<string, string>): Record<string, string> {
  return { engine: 'kubernetes', 'kube-pod': pod, container, ...inputs };
}

export interface KubeRunOptions extends RunOptions {
  /** KUBECONFIG for the step (default: the runner's kubeconfig; null: none). */
  kubeconfig?: string | null;
  /** Variables taken out of the step's environment (runAction always sets PATH and HOME). */
  without?: string[];
}

/** A `node` for runAction that starts Node 24 without these variables in its environment. */
function nodeWithout(names: string[]): string {
  const file = path.join(scratch('dea-node-'), 'node');
  const unset = names.map((n) => `-u ${n}`).join(' ');
  // bash, not sh: dash drops variables whose names are not shell names (INPUT_KUBE-POD).
  writeFileSync(file, `#!/bin/bash\nexec env ${unset} '${node24Path()}' "$@"\n`);
  chmodSync(file, 0o755);
  return file;
}

/** runAction with the step's KUBECONFIG (the runner user's unless told otherwise). */
export function runKube(inputs: Record<string, string>, options: KubeRunOptions = {}): Promise<ActionRun> {
  const { kubeconfig, without, ...rest } = options;
  const chosen = kubeconfig === undefined ? cluster().runnerKubeconfig : kubeconfig;
  const env = { ...(chosen ? { KUBECONFIG: chosen } : {}), ...rest.env };
  return runAction(inputs, {
    ...rest,
    env,
    node: without?.length ? nodeWithout(without) : rest.node,
    killAfterMs: rest.killAfterMs ?? 30_000,
  });
}

/**
 * Runs the bundle inside the pod's `job` container, as ARC runs a JavaScript action: through
 * `kubectl exec ... -- env INPUT_...=... /__e/node24/node /__w/repo/dist/index.js`, with the
 * INPUT_ variables the runner would set (action.yml defaults applied), no KUBECONFIG, and no
 * GITHUB_OUTPUT file (outputs then come as ::set-output commands on stdout).
 */
export async function runInJobContainer(
  pod: string,
  inputs: Record<string, string>,
  options: { env?: Record<string, string>; job?: unknown } = {},
): Promise<Ran> {
  const c = cluster();
  const variables = { GITHUB_ACTIONS: 'true', CI: 'true', ...inputEnvironment(inputs, options.job), ...options.env };
  return kubectl(
    [
      'exec',
      pod,
      '-c',
      'job',
      '--',
      'env',
      ...Object.entries(variables).map(([k, v]) => `${k}=${v}`),
      c.nodeBinaryInJob,
      '/__w/repo/dist/index.js',
    ],
    { allowFailure: true, timeoutMs: 30_000 },
  );
}

/** The one ::error:: line of a run's stdout (fails the test when there are more or none). */
export function theError(stdout: string): string {
  const errors = stdout.split('\n').filter((l) => l.startsWith('::error'));
  expect(errors).toHaveLength(1);
  return errors[0];
}

/** The run's log without the ::add-mask:: commands (the runner takes those out of the log). */
export function shownLog(run: { stdout: string; stderr: string }): string {
  return `${run.stdout}\n${run.stderr}`
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
}

/** Outputs printed as ::set-output commands (no GITHUB_OUTPUT file). */
export function setOutputs(stdout: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const m of stdout.matchAll(/^::set-output name=([^:]+)::(.*)$/gm)) outputs[m[1]] = m[2];
  return outputs;
}
