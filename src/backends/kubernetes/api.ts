// The connection to the Kubernetes API: the one module that imports @kubernetes/client-node,
// for its KubeConfig (kubeconfig files with their contexts and auth plugins, and the pod's
// service account in-cluster). Requests are made here with Node's https and `ws`, so that
// every answer, a refusal's body included, is read as the server sent it.
import * as core from '@actions/core';
import { KubeConfig } from '@kubernetes/client-node/dist/config.js';
import { existsSync, readFileSync } from 'node:fs';
import https from 'node:https';
import type { ClientRequest, IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import { ActionError } from '../../errors.js';
import { noAnswerLine, requestBound, RequestTimer } from '../../shared/bounds.js';
import { TLS_UNVERIFIED } from '../../shared/tls.js';
import { PROTOCOLS } from './channels.js';
import { tokenSubject } from './service-account.js';

/** Where the service account of a pod is mounted (in-cluster credentials). */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

type Env = Record<string, string | undefined>;

/** A container of a pod, as the step needs it (spec and status together). */
export interface PodContainer {
  name: string;
  image: string;
  /** docker://..., containerd://...: the runtime's ID, when the container was created. */
  containerId?: string;
  running: boolean;
  ready: boolean;
  /** Set when it has ended: "terminated with code 1 (Error)". */
  terminated?: string;
  /** Set while it waits to start: the reason (ContainerCreating, CrashLoopBackOff, ...). */
  waiting?: string;
  /** Whether the pod spec gives it a readiness probe. */
  hasReadiness: boolean;
}

export interface PodView {
  name: string;
  phase: string;
  containers: PodContainer[];
}

interface RawPod {
  metadata?: { name?: string };
  spec?: { containers?: Array<{ name: string; image?: string; readinessProbe?: unknown }> };
  status?: {
    phase?: string;
    containerStatuses?: Array<{
      name: string;
      ready?: boolean;
      containerID?: string;
      state?: {
        running?: unknown;
        terminated?: { exitCode?: number; reason?: string };
        waiting?: { reason?: string; message?: string };
      };
    }>;
  };
}

export function podView(raw: RawPod): PodView {
  const statuses = new Map((raw.status?.containerStatuses ?? []).map((s) => [s.name, s]));
  return {
    name: raw.metadata?.name ?? '',
    phase: raw.status?.phase ?? 'Unknown',
    containers: (raw.spec?.containers ?? []).map((c) => {
      const s = statuses.get(c.name);
      const t = s?.state?.terminated;
      return {
        name: c.name,
        image: c.image ?? '',
        containerId: s?.containerID || undefined,
        running: !!s?.state?.running,
        ready: !!s?.ready,
        terminated: t ? `terminated with code ${t.exitCode ?? '?'}${t.reason ? ` (${t.reason})` : ''}` : undefined,
        waiting: s?.state?.waiting ? (s.state.waiting.reason ?? 'waiting') : s ? undefined : 'not started',
        hasReadiness: !!c.readinessProbe,
      };
    }),
  };
}

export class KubeApi {
  private constructor(
    private readonly config: KubeConfig,
    readonly server: string,
    /** Where the credentials came from, for the header and for errors. */
    readonly credentialsFrom: string,
    readonly namespace: string,
    readonly namespaceFrom: string,
    /** Who the API sees: the service account or the kubeconfig user. */
    readonly identity: string,
  ) {}

  /**
   * Credentials: KUBECONFIG (its current context) when set, else the pod's service account.
   * The namespace: kube-namespace, else the service account's, else the context's, else default.
   */
  static connect(namespaceInput: string | undefined, env: Env = process.env): KubeApi {
    const config = new KubeConfig();
    let from: string;
    const tokenFile = `${SERVICE_ACCOUNT_DIR}/token`;
    try {
      if (env.KUBECONFIG) {
        config.loadFromDefault();
        from = `KUBECONFIG, context ${config.getCurrentContext() || '(none)'}`;
      } else if (existsSync(tokenFile)) {
        if (!env.KUBERNETES_SERVICE_HOST || !env.KUBERNETES_SERVICE_PORT)
          throw new ActionError(
            `there is a service account token at ${tokenFile}, but KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set, so the API server is unknown`,
          );
        config.loadFromCluster();
        from = `the pod's service account (${tokenFile})`;
      } else {
        throw new ActionError(
          `no Kubernetes credentials: KUBECONFIG is not set and there is no service account token at ${tokenFile}. Run the step in a pod with a service account (actions-runner-controller's Kubernetes mode), or set KUBECONFIG; or set engine: docker`,
        );
      }
    } catch (error) {
      if (error instanceof ActionError) throw error;
      throw new ActionError(
        `cannot read the Kubernetes credentials (${env.KUBECONFIG ? `KUBECONFIG=${env.KUBECONFIG}` : tokenFile}): ${(error as Error).message}`,
      );
    }
    const cluster = config.getCurrentCluster();
    if (!cluster?.server)
      throw new ActionError(`no Kubernetes API server: the current context of ${from} names no cluster with a server`);
    if (cluster.skipTLSVerify)
      core.warning(
        `The Kubernetes API server at ${cluster.server} is not verified: the kubeconfig says insecure-skip-tls-verify. Anyone on the way can read and change what this step sends, credentials included.`,
      );
    const serviceAccountNamespace = readIfExists(`${SERVICE_ACCOUNT_DIR}/namespace`);
    const contextNamespace = config.getContextObject(config.getCurrentContext())?.namespace;
    const [namespace, namespaceFrom] = namespaceInput
      ? [namespaceInput, 'kube-namespace input']
      : serviceAccountNamespace
        ? [serviceAccountNamespace, "the service account's"]
        : contextNamespace
          ? [contextNamespace, "the kubeconfig context's"]
          : ['default', 'default'];
    const user = config.getCurrentUser();
    const token = user?.token ?? (env.KUBECONFIG ? undefined : readIfExists(tokenFile));
    const identity = tokenSubject(token) ?? `kubeconfig user ${user?.name ?? '(none)'}`;
    return new KubeApi(config, cluster.server, from, namespace, namespaceFrom, identity);
  }

  private options?: Promise<https.RequestOptions>;

  /**
   * Set while the container is looked up (Date.now() based): requests then wait no longer than
   * what is left of wait-timeout (shared/bounds.ts).
   */
  lookupDeadline?: number;

  /** A timer for one request (its bound), and the line to fail with when it fires. */
  private bounded(doing: string): { timer: RequestTimer; line: () => ActionError } {
    const lookup = this.lookupDeadline !== undefined;
    const timer = new RequestTimer(requestBound(this.lookupDeadline));
    const line = () =>
      new ActionError(
        noAnswerLine(`the Kubernetes API server at ${this.server} (${this.credentialsFrom})`, doing, timer.ms, lookup),
      );
    return { timer, line };
  }

  /** TLS material, the bearer token (masked in the log), from the kubeconfig: once per run. */
  private requestOptions(): Promise<https.RequestOptions> {
    this.options ??= this.readOptions();
    return this.options;
  }

  private async readOptions(): Promise<https.RequestOptions> {
    const options: https.RequestOptions & { headers: Record<string, string> } = { headers: {} };
    await this.config.applyToHTTPSOptions(options as never);
    const bearer = options.headers.Authorization ?? options.headers.authorization;
    if (bearer) core.setSecret(bearer.replace(/^Bearer\s+/i, ''));
    // applyToHTTPSOptions puts an agent in: one connection per request is what is wanted here.
    delete (options as { agent?: unknown }).agent;
    return options;
  }

  /** GET a JSON resource; errors become one line naming the verb, resource and namespace. */
  async getJson(path: string, what: { verb: string; resource: string; name: string }): Promise<unknown> {
    const options = await this.requestOptions();
    const url = new URL(path, this.server);
    const { timer, line } = this.bounded(`${what.verb} ${what.resource} ${what.name}`);
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = https.request(url, { ...options, method: 'GET', signal: timer.signal }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', (error) => reject(timer.fired ? line() : error));
      });
      request.on('error', (error) => reject(timer.fired ? line() : this.unreachable(error)));
      request.end();
    }).finally(() => timer.clear());
    if (status === 200) return JSON.parse(body) as unknown;
    throw this.refusal(status, body, what);
  }

  async readPod(pod: string): Promise<PodView> {
    const raw = await this.getJson(
      `/api/v1/namespaces/${encodeURIComponent(this.namespace)}/pods/${encodeURIComponent(pod)}`,
      {
        verb: 'get',
        resource: 'pods',
        name: pod,
      },
    );
    return podView(raw as RawPod);
  }

  /**
   * Opens pods/exec: resolves with the socket once the server accepted it (with the protocol
   * it chose), rejects with one line when it refused (the body of its answer read).
   */
  async openExec(pod: string, query: URLSearchParams): Promise<WebSocket> {
    const options = await this.requestOptions();
    const url = new URL(
      `/api/v1/namespaces/${encodeURIComponent(this.namespace)}/pods/${encodeURIComponent(pod)}/exec?${query.toString()}`,
      this.server,
    );
    url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
    // The server's answer to the upgrade is bounded; the stream after it is kept alive by the
    // heartbeat (exec.ts), not bounded: a command may print nothing for hours.
    const { timer, line } = this.bounded(`create pods/exec ${pod}`);
    return new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(url, PROTOCOLS, { ...options, perMessageDeflate: false });
      timer.signal.addEventListener('abort', () => {
        reject(line());
        socket.terminate();
      });
      socket.once('open', () => resolve(socket));
      socket.once('unexpected-response', (request: ClientRequest, response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        const connection = response.socket;
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          // ws leaves a refused upgrade's request to whoever listens for this event: left
          // open, its kept-alive connection held the process after the error (destroying a
          // completed request leaves its socket open: websockets/ws#1869).
          request.destroy();
          connection.destroy();
          // The exec's WebSocket is an HTTP GET: the server checks `get` on pods/exec (1.20),
          // newer ones `create`: the advice grants both, as actions-runner-controller's role does.
          reject(
            this.refusal(response.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'), {
              verb: 'create',
              resource: 'pods/exec',
              name: pod,
              grant: ['create', 'get'],
            }),
          );
        });
        response.on('error', (error) => reject(this.unreachable(error)));
      });
      socket.once('error', (error) => reject(this.unreachable(error)));
    }).finally(() => timer.clear());
  }

  private unreachable(error: Error): ActionError {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (TLS_UNVERIFIED.test(code))
      return new ActionError(
        `refused the Kubernetes API server at ${this.server} (${this.credentialsFrom}): its TLS certificate does not verify against the cluster's CA (${code}), so nothing was run`,
      );
    return new ActionError(
      `cannot reach the Kubernetes API server at ${this.server} (${this.credentialsFrom}): ${code || error.message}`,
    );
  }

  /** One line for an HTTP refusal: RBAC's answer names what to grant. */
  private refusal(
    status: number,
    body: string,
    what: { verb: string; resource: string; name: string; grant?: string[] },
  ): ActionError {
    let message = body.trim().slice(0, 300);
    try {
      message = (JSON.parse(body) as { message?: string }).message ?? message;
    } catch {
      // not JSON: the text as it came
    }
    const where = `in namespace ${this.namespace} (${this.namespaceFrom})`;
    if (status === 403)
      return new ActionError(
        `the Kubernetes API refused to ${what.verb} ${what.resource} ${where} for ${this.identity}: ${message}. Grant it with a Role (rules: resources ["${what.resource}"], verbs [${(what.grant ?? [what.verb]).map((v) => `"${v}"`).join(', ')}]) bound to that account`,
      );
    if (status === 401)
      return new ActionError(
        `the Kubernetes API server at ${this.server} did not accept the credentials of ${this.credentialsFrom} (401 Unauthorized): ${message}`,
      );
    if (status === 404 && what.resource === 'pods')
      return new ActionError(
        `pod ${what.name} not found ${where}: set kube-pod to the pod of the job (default: this machine's host name), and kube-namespace if it is elsewhere`,
      );
    return new ActionError(
      `the Kubernetes API answered ${status} to ${what.verb} ${what.resource} ${what.name} ${where}: ${message}`,
    );
  }
}

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}
