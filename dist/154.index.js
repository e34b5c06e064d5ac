export const id = 154;
export const ids = [154];
export const modules = {

/***/ 2154:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  KubernetesBackend: () => (/* binding */ KubernetesBackend)
});

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(3838);
// EXTERNAL MODULE: ./node_modules/@kubernetes/client-node/dist/config.js + 12 modules
var dist_config = __webpack_require__(466);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
var external_node_https_default = /*#__PURE__*/__webpack_require__.n(external_node_https_);
// EXTERNAL MODULE: ./node_modules/ws/wrapper.mjs
var wrapper = __webpack_require__(2977);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/shared/bounds.ts
var bounds = __webpack_require__(7968);
// EXTERNAL MODULE: ./src/shared/tls.ts
var tls = __webpack_require__(296);
// EXTERNAL MODULE: ./src/shared/output.ts
var output = __webpack_require__(6972);
;// CONCATENATED MODULE: ./src/backends/kubernetes/channels.ts
// pods/exec's channel protocol (v4.channel.k8s.io and v5.channel.k8s.io): each WebSocket
// message is one byte naming its channel, then the payload. Stdout and stderr apart and
// byte-exact; the command's end as a metav1.Status on channel 3; v5 can close one channel
// (a message on channel 255 naming it), which ends the command's standard input alone.

const CHANNEL = { stdin: 0, stdout: 1, stderr: 2, status: 3, close: 255 };
/** The protocols asked for, best first. */
const PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
/** Whether the protocol the server chose can end the standard input alone. */
function canCloseStdin(protocol) {
    return protocol === 'v5.channel.k8s.io';
}
/** The message that ends the standard input (v5). */
function closeStdinMessage() {
    return Buffer.from([CHANNEL.close, CHANNEL.stdin]);
}
/** Room before a stdin payload for its channel byte: the payload is read in behind it, never copied. */
const STDIN_HEADROOM = 1;
/** Turns a chunk read in behind STDIN_HEADROOM into a stdin message (in place). */
function asStdinMessage(chunk) {
    chunk[0] = CHANNEL.stdin;
    return chunk;
}
/** What one message from the server says; an output payload is a view into `message`. */
function readMessage(message) {
    if (message.length === 0)
        return { kind: 'nothing' };
    const channel = message[0];
    const payload = message.subarray(1);
    if (channel === CHANNEL.stdout || channel === CHANNEL.stderr) {
        if (payload.length === 0)
            return { kind: 'nothing' };
        return { kind: 'output', stream: channel === CHANNEL.stdout ? output/* STDOUT */.UU : output/* STDERR */.xS, payload };
    }
    if (channel === CHANNEL.status) {
        const text = payload.toString('utf8');
        try {
            return { kind: 'status', status: JSON.parse(text) };
        }
        catch {
            return { kind: 'broken', problem: `the status Kubernetes sent is not JSON (${text.slice(0, 100)})` };
        }
    }
    return { kind: 'nothing' };
}

;// CONCATENATED MODULE: ./src/backends/kubernetes/service-account.ts
// Who a bearer token is, for messages that say which account lacks a permission.
/** The user name in a service-account token (`system:serviceaccount:NS:NAME`), for messages. */
function tokenSubject(token) {
    const payload = token?.split('.')[1];
    if (!payload)
        return undefined;
    try {
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
        return typeof claims.sub === 'string' ? claims.sub : undefined;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/backends/kubernetes/api.ts
// The connection to the Kubernetes API: the one module that imports @kubernetes/client-node,
// for its KubeConfig (kubeconfig files with their contexts and auth plugins, and the pod's
// service account in-cluster). Requests are made here with Node's https and `ws`, so that
// every answer, a refusal's body included, is read as the server sent it.










/** Where the service account of a pod is mounted (in-cluster credentials). */
const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';
function podView(raw) {
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
class KubeApi {
    config;
    server;
    credentialsFrom;
    namespace;
    namespaceFrom;
    identity;
    constructor(config, server, 
    /** Where the credentials came from, for the header and for errors. */
    credentialsFrom, namespace, namespaceFrom, 
    /** Who the API sees: the service account or the kubeconfig user. */
    identity) {
        this.config = config;
        this.server = server;
        this.credentialsFrom = credentialsFrom;
        this.namespace = namespace;
        this.namespaceFrom = namespaceFrom;
        this.identity = identity;
    }
    /**
     * Credentials: KUBECONFIG (its current context) when set, else the pod's service account.
     * The namespace: kube-namespace, else the service account's, else the context's, else default.
     */
    static connect(namespaceInput, env = process.env) {
        const config = new dist_config/* KubeConfig */.yp();
        let from;
        const tokenFile = `${SERVICE_ACCOUNT_DIR}/token`;
        try {
            if (env.KUBECONFIG) {
                config.loadFromDefault();
                from = `KUBECONFIG, context ${config.getCurrentContext() || '(none)'}`;
            }
            else if ((0,external_node_fs_.existsSync)(tokenFile)) {
                if (!env.KUBERNETES_SERVICE_HOST || !env.KUBERNETES_SERVICE_PORT)
                    throw new errors/* ActionError */.lZ(`there is a service account token at ${tokenFile}, but KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set, so the API server is unknown`);
                config.loadFromCluster();
                from = `the pod's service account (${tokenFile})`;
            }
            else {
                throw new errors/* ActionError */.lZ(`no Kubernetes credentials: KUBECONFIG is not set and there is no service account token at ${tokenFile}. Run the step in a pod with a service account (actions-runner-controller's Kubernetes mode), or set KUBECONFIG; or set engine: docker`);
            }
        }
        catch (error) {
            if (error instanceof errors/* ActionError */.lZ)
                throw error;
            throw new errors/* ActionError */.lZ(`cannot read the Kubernetes credentials (${env.KUBECONFIG ? `KUBECONFIG=${env.KUBECONFIG}` : tokenFile}): ${error.message}`);
        }
        const cluster = config.getCurrentCluster();
        if (!cluster?.server)
            throw new errors/* ActionError */.lZ(`no Kubernetes API server: the current context of ${from} names no cluster with a server`);
        if (cluster.skipTLSVerify)
            core/* warning */.$e(`The Kubernetes API server at ${cluster.server} is not verified: the kubeconfig says insecure-skip-tls-verify. Anyone on the way can read and change what this step sends, credentials included.`);
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
    options;
    /**
     * Set while the container is looked up (Date.now() based): requests then wait no longer than
     * what is left of wait-timeout (shared/bounds.ts).
     */
    lookupDeadline;
    /** A timer for one request (its bound), and the line to fail with when it fires. */
    bounded(doing) {
        const lookup = this.lookupDeadline !== undefined;
        const timer = new bounds/* RequestTimer */.R1((0,bounds/* requestBound */.Wz)(this.lookupDeadline));
        const line = () => new errors/* ActionError */.lZ((0,bounds/* noAnswerLine */.Mg)(`the Kubernetes API server at ${this.server} (${this.credentialsFrom})`, doing, timer.ms, lookup));
        return { timer, line };
    }
    /** TLS material, the bearer token (masked in the log), from the kubeconfig: once per run. */
    requestOptions() {
        this.options ??= this.readOptions();
        return this.options;
    }
    async readOptions() {
        const options = { headers: {} };
        await this.config.applyToHTTPSOptions(options);
        const bearer = options.headers.Authorization ?? options.headers.authorization;
        if (bearer)
            core/* setSecret */.Pq(bearer.replace(/^Bearer\s+/i, ''));
        // applyToHTTPSOptions puts an agent in: one connection per request is what is wanted here.
        delete options.agent;
        return options;
    }
    /** GET a JSON resource; errors become one line naming the verb, resource and namespace. */
    async getJson(path, what) {
        const options = await this.requestOptions();
        const url = new URL(path, this.server);
        const { timer, line } = this.bounded(`${what.verb} ${what.resource} ${what.name}`);
        const { status, body } = await new Promise((resolve, reject) => {
            const request = external_node_https_default().request(url, { ...options, method: 'GET', signal: timer.signal }, (response) => {
                const chunks = [];
                response.on('data', (chunk) => chunks.push(chunk));
                response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
                response.on('error', (error) => reject(timer.fired ? line() : error));
            });
            request.on('error', (error) => reject(timer.fired ? line() : this.unreachable(error)));
            request.end();
        }).finally(() => timer.clear());
        if (status === 200)
            return JSON.parse(body);
        throw this.refusal(status, body, what);
    }
    async readPod(pod) {
        const raw = await this.getJson(`/api/v1/namespaces/${encodeURIComponent(this.namespace)}/pods/${encodeURIComponent(pod)}`, {
            verb: 'get',
            resource: 'pods',
            name: pod,
        });
        return podView(raw);
    }
    /**
     * Opens pods/exec: resolves with the socket once the server accepted it (with the protocol
     * it chose), rejects with one line when it refused (the body of its answer read).
     */
    async openExec(pod, query) {
        const options = await this.requestOptions();
        const url = new URL(`/api/v1/namespaces/${encodeURIComponent(this.namespace)}/pods/${encodeURIComponent(pod)}/exec?${query.toString()}`, this.server);
        url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
        // The server's answer to the upgrade is bounded; the stream after it is kept alive by the
        // heartbeat (exec.ts), not bounded: a command may print nothing for hours.
        const { timer, line } = this.bounded(`create pods/exec ${pod}`);
        return new Promise((resolve, reject) => {
            const socket = new wrapper/* default */.Ay(url, PROTOCOLS, { ...options, perMessageDeflate: false });
            timer.signal.addEventListener('abort', () => {
                reject(line());
                socket.terminate();
            });
            socket.once('open', () => resolve(socket));
            socket.once('unexpected-response', (request, response) => {
                const chunks = [];
                const connection = response.socket;
                response.on('data', (chunk) => chunks.push(chunk));
                response.on('end', () => {
                    // ws leaves a refused upgrade's request to whoever listens for this event: left
                    // open, its kept-alive connection held the process after the error (destroying a
                    // completed request leaves its socket open: websockets/ws#1869).
                    request.destroy();
                    connection.destroy();
                    // The exec's WebSocket is an HTTP GET: the server checks `get` on pods/exec (1.20),
                    // newer ones `create`: the advice grants both, as actions-runner-controller's role does.
                    reject(this.refusal(response.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'), {
                        verb: 'create',
                        resource: 'pods/exec',
                        name: pod,
                        grant: ['create', 'get'],
                    }));
                });
                response.on('error', (error) => reject(this.unreachable(error)));
            });
            socket.once('error', (error) => reject(this.unreachable(error)));
        }).finally(() => timer.clear());
    }
    unreachable(error) {
        const code = error.code ?? '';
        if (tls/* TLS_UNVERIFIED */.m.test(code))
            return new errors/* ActionError */.lZ(`refused the Kubernetes API server at ${this.server} (${this.credentialsFrom}): its TLS certificate does not verify against the cluster's CA (${code}), so nothing was run`);
        return new errors/* ActionError */.lZ(`cannot reach the Kubernetes API server at ${this.server} (${this.credentialsFrom}): ${code || error.message}`);
    }
    /** One line for an HTTP refusal: RBAC's answer names what to grant. */
    refusal(status, body, what) {
        let message = body.trim().slice(0, 300);
        try {
            message = JSON.parse(body).message ?? message;
        }
        catch {
            // not JSON: the text as it came
        }
        const where = `in namespace ${this.namespace} (${this.namespaceFrom})`;
        if (status === 403)
            return new errors/* ActionError */.lZ(`the Kubernetes API refused to ${what.verb} ${what.resource} ${where} for ${this.identity}: ${message}. Grant it with a Role (rules: resources ["${what.resource}"], verbs [${(what.grant ?? [what.verb]).map((v) => `"${v}"`).join(', ')}]) bound to that account`);
        if (status === 401)
            return new errors/* ActionError */.lZ(`the Kubernetes API server at ${this.server} did not accept the credentials of ${this.credentialsFrom} (401 Unauthorized): ${message}`);
        if (status === 404 && what.resource === 'pods')
            return new errors/* ActionError */.lZ(`pod ${what.name} not found ${where}: set kube-pod to the pod of the job (default: this machine's host name), and kube-namespace if it is elsewhere`);
        return new errors/* ActionError */.lZ(`the Kubernetes API answered ${status} to ${what.verb} ${what.resource} ${what.name} ${where}: ${message}`);
    }
}
function readIfExists(file) {
    try {
        return (0,external_node_fs_.readFileSync)(file, 'utf8').trim() || undefined;
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: ./src/random.ts
var random = __webpack_require__(436);
// EXTERNAL MODULE: ./src/inputs/duration.ts
var duration = __webpack_require__(1601);
// EXTERNAL MODULE: ./src/shared/marker.ts
var shared_marker = __webpack_require__(4907);
// EXTERNAL MODULE: ./src/shared/stdin.ts
var stdin = __webpack_require__(5211);
;// CONCATENATED MODULE: ./src/backends/kubernetes/command-wrapper.ts
// What pods/exec is asked to run: the command wrapped so that it gets its environment,
// working directory and standard input as Docker's exec gives them.
//
// pods/exec has no environment, working directory or user fields, and before Kubernetes 1.30
// (the v5.channel.k8s.io protocol) no way to end the command's standard input short of
// closing the whole connection, which ends the command too. So the command is wrapped:
//   env [-u KEY]... [KEY=VALUE]... sh -c 'cd -- "$1" || exit 127; shift; ...' sh DIR CMD...
// `env` applies Docker's rules (a bare KEY removes the variable), `cd` enters `workdir`
// (127 when it cannot, as Docker 28 reports a missing working directory), and, on servers
// without v5, `head -c N | CMD` hands the command exactly the N bytes of its input and then
// end-of-file. The container needs `env` (and `sh` and `head` for those two), as nearly every
// image has; without them the command cannot start, and the engine's message says which.
/** The argv sent to pods/exec for `cmd`. */
function kubeArgv(cmd, options) {
    const removals = options.env.filter((entry) => !entry.includes('=')).flatMap((key) => ['-u', key]);
    const sets = options.env.filter((entry) => entry.includes('='));
    const steps = [];
    const args = [];
    if (options.workdir !== undefined) {
        steps.push('cd -- "$1" || exit 127; shift;');
        args.push(options.workdir);
    }
    if (options.stdinBytes !== undefined) {
        steps.push('n=$1; shift; head -c "$n" | "$@"');
        args.push(String(options.stdinBytes));
    }
    else if (steps.length) {
        steps.push('exec "$@"');
    }
    const inner = steps.length ? ['sh', '-c', steps.join(' '), 'sh', ...args, ...cmd] : cmd;
    // `--` would end env's options, but busybox's env takes it as the command's name.
    return removals.length || sets.length ? ['env', ...removals, ...sets, ...inner] : inner;
}

;// CONCATENATED MODULE: ./src/backends/kubernetes/exec-status.ts
// What pods/exec's status channel (channel 3) says of the command's end.
/**
 * The exit code a status gives, or why it gives none. Kubernetes reports a non-zero exit as
 * Failure/NonZeroExitCode with the code in an ExitCode cause (kubelet's exec stream); any
 * other failure (the command could not start, the container went away) has no exit code.
 */
function exitFromStatus(status) {
    if (status.status === 'Success')
        return { exitCode: 0 };
    if (status.status === 'Failure' && status.reason === 'NonZeroExitCode') {
        const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
        const code = cause?.message !== undefined && /^\d+$/.test(cause.message) ? Number(cause.message) : undefined;
        if (code !== undefined)
            return { exitCode: code };
        return {
            problem: `Kubernetes said the command failed but gave no exit code (${status.message ?? 'no message'}): exit status unknown`,
        };
    }
    return {
        problem: `the command could not run: ${status.message ?? status.reason ?? JSON.stringify(status)}: exit status unknown`,
    };
}

;// CONCATENATED MODULE: ./src/backends/kubernetes/exec.ts
// Running the command through pods/exec (channels.ts): the exit code from the status channel
// (none there: the exit status is unknown, never success), the standard input fed with
// backpressure and ended (see command-wrapper.ts), the output paused while the job log is full.










const STDIN_CHUNK = 256 * 1024;
function inputSize(input) {
    return input.kind === 'text'
        ? Buffer.byteLength(input.text)
        : input.kind === 'file'
            ? input.size
            : input.bytes.length;
}
/** The stdin channel as the standard input's sink; ended by a close message where the protocol has one. */
function channelSink(socket) {
    return {
        headroom: STDIN_HEADROOM,
        write: (chunk) => new Promise((resolve) => socket.send(asStdinMessage(chunk), (error) => resolve(error))),
        get open() {
            return socket.readyState === socket.OPEN;
        },
        // On v4 the command's `head -c` ends it (command-wrapper.ts).
        end: () => {
            if (canCloseStdin(socket.protocol))
                socket.send(closeStdinMessage());
        },
    };
}
/**
 * Pings the server every PING_EVERY_MS, so that a proxy that cuts idle connections never sees
 * a quiet command's connection idle (the heartbeat of runner-container-hooks:
 * actions/runner-container-hooks#333), and ends the connection with `silent()` when neither a
 * pong nor any other message came for PONG_WAIT_MS. While reading is paused (the job log is
 * full) pongs wait unread, so that time does not count. Returns the stop function.
 */
function heartbeat(socket, silent) {
    let heard = Date.now();
    const alive = () => (heard = Date.now());
    socket.on('pong', alive);
    socket.on('message', alive);
    const timer = setInterval(() => {
        if (socket.readyState !== socket.OPEN)
            return;
        if (socket.isPaused)
            alive();
        else if (Date.now() - heard >= bounds/* PONG_WAIT_MS */.OP) {
            silent(`no answer to WebSocket pings for ${(0,duration/* formatDuration */.a)(Date.now() - heard)}`);
            socket.terminate();
            return;
        }
        socket.ping();
    }, bounds/* PING_EVERY_MS */.gq);
    return () => clearInterval(timer);
}
/** One pods/exec call: the command's output to the targets, until the server closes. */
async function execOnce(api, pod, container, argv, options) {
    const query = new URLSearchParams({
        container,
        stdout: 'true',
        stderr: String(!options.tty),
        tty: String(options.tty),
    });
    // A TTY without stdin gets no output from the kubelet (1.20: empty frames, then Success),
    // which is why kubectl never asks for one; nothing is sent on it unless there is input.
    if (options.input || options.tty)
        query.set('stdin', 'true');
    for (const word of argv)
        query.append('command', word);
    const socket = await api.openExec(pod, query);
    const sink = new output/* OutputSink */.rI(options.targets, socket);
    const stopHeartbeat = heartbeat(socket, (why) => {
        sink.end.broken ??= `the connection to the Kubernetes API server at ${api.server} went silent (${why})`;
    });
    let status;
    let inputError;
    if (options.input)
        void (0,stdin/* feedStdin */.J)(options.input, channelSink(socket), STDIN_CHUNK).then(() => undefined, (error) => {
            inputError = `sending standard input failed: ${error.message}`;
            socket.terminate();
        });
    await new Promise((resolve) => {
        socket.on('message', (data, isBinary) => {
            const message = readMessage(isBinary ? data : Buffer.from(data));
            if (message.kind === 'output') {
                sink.deliver(message.stream, message.payload);
                // The job log's pipe is full: read no more from the server until it drains.
                sink.throttle();
            }
            else if (message.kind === 'status')
                status = message.status;
            else if (message.kind === 'broken')
                sink.end.broken = message.problem;
        });
        socket.once('close', (code, reason) => {
            stopHeartbeat();
            if (!status && !sink.end.broken)
                sink.end.broken = `the connection to the Kubernetes API closed before the command's exit status came (WebSocket close ${code}${reason.length ? ` ${reason.toString()}` : ''})`;
            resolve();
        });
        socket.on('error', (error) => {
            sink.end.broken ??= `the connection to the Kubernetes API failed: ${error.message}`;
        });
    });
    if (inputError)
        sink.end.broken ??= inputError;
    return { status, stream: await sink.flushed() };
}
class KubeRunner {
    api;
    pod;
    container;
    /** The marker of each command prepared, and whether its run has ended (for stop). */
    commands = new Map();
    constructor(api, pod, container) {
        this.api = api;
        this.pod = pod;
        this.container = container;
    }
    /** pods/exec has nothing to create ahead: the command travels with the attach. */
    create() {
        const id = `${this.pod}/${this.container}/${(0,random/* randomHex */.n)(6)}`;
        const marker = (0,shared_marker/* newMarker */.XS)();
        this.commands.set(id, { marker, ended: false });
        return Promise.resolve({ id, marker });
    }
    async attach(id, spec, targets) {
        const entry = this.commands.get(id);
        if (!entry)
            throw new errors/* ActionError */.lZ(`no command ${id} was prepared`);
        const input = spec.stdin;
        const argv = kubeArgv(spec.cmd, {
            env: (0,shared_marker/* withMarker */.Pe)(spec, entry.marker).env,
            workdir: spec.workdir,
            stdinBytes: input ? inputSize(input) : undefined,
        });
        try {
            const { status, stream } = await execOnce(this.api, this.pod, this.container, argv, {
                tty: spec.tty,
                input,
                targets,
            });
            if (stream.broken)
                return { execId: id, problem: explainUnknown(stream), stream };
            const { exitCode, problem } = exitFromStatus(status ?? {});
            return { execId: id, exitCode, problem, stream };
        }
        finally {
            entry.ended = true;
        }
    }
    /** Runs a helper command as it is (no marker), and collects its small output. */
    async runQuiet(cmd, input) {
        const { targets, text } = (0,output/* quietTargets */.b)();
        const argv = input ? kubeArgv(cmd, { env: [], stdinBytes: input.length }) : cmd;
        const { status } = await execOnce(this.api, this.pod, this.container, argv, {
            tty: false,
            input: input ? { kind: 'bytes', bytes: input } : undefined,
            targets,
        });
        return { exitCode: status ? exitFromStatus(status).exitCode : undefined, output: text() };
    }
    stop(id, marker) {
        return (0,shared_marker/* stopByMarker */.yB)((cmd) => this.runQuiet(cmd), marker, () => Promise.resolve(this.commands.get(id)?.ended ?? true));
    }
    /** Writes a file in the container (the script of `run`), through the command's stdin. */
    async placeFile(path, content) {
        const { exitCode, output } = await this.runQuiet(['sh', '-c', 'cat > "$1"', 'sh', path], content);
        if (exitCode !== 0)
            throw new errors/* ActionError */.lZ(`could not place the script in the container's /tmp: ${output.trim() || `exit code ${exitCode ?? 'unknown'}`}`);
    }
}
/**
 * An unknown status on pods/exec: the connection or the status channel said why, and there
 * is nothing more to ask (the kubelet keeps no record of an exec).
 */
function explainUnknown(stream) {
    return `${stream.broken}: exit status unknown`;
}

// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
// EXTERNAL MODULE: ./src/shared/wait.ts
var wait = __webpack_require__(2640);
;// CONCATENATED MODULE: ./src/backends/kubernetes/pod-layout.ts
// The names actions/runner-container-hooks (packages/k8s) gives the containers of a job's pod.
/**
 * The name runner-container-hooks gives a service's container: the image's last path part
 * without tag or digest (`ghcr.io/org/postgres:16` -> `postgres`).
 */
function hookBaseName(image) {
    const withoutDigest = image.split('@')[0];
    const last = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
    const colon = last.indexOf(':');
    return colon < 0 ? last : last.slice(0, colon);
}
/** Whether a container's name is the one the hook gives its image (`-N` for duplicates). */
function fitsHookName(name, image) {
    const base = hookBaseName(image);
    return name === base || (name.startsWith(`${base}-`) && /^\d+$/.test(name.slice(base.length + 1)));
}

;// CONCATENATED MODULE: ./src/backends/kubernetes/find.ts
// Finding the container in the job's pod, as actions-runner-controller's Kubernetes mode lays
// it out (actions/runner-container-hooks, packages/k8s): one pod per job, the job container
// named `job`, and each service of the job another container of the pod, named from its
// image. The runner's `job.services.<key>` has an empty id there, and the runner maps the
// hook's containers to the workflow's services by position: so does this.




/** The hook's name for the job container: it is no service. */
const JOB_CONTAINER = 'job';
/** Waiting reasons that never end without help: the step fails at once. */
const HOPELESS_WAITING = /BackOff|ErrImage|InvalidImageName|CreateContainerConfigError|CreateContainerError/;
function describe(c) {
    const state = c.running ? (c.ready ? 'running, ready' : 'running') : (c.terminated ?? c.waiting ?? 'not running');
    return `${c.name} (${c.image}, ${state})`;
}
/** The container the inputs name, in a pod read once. */
function pickContainer(pod, name, job, namespace) {
    const exact = pod.containers.find((c) => c.name === name);
    if (exact)
        return { container: exact, via: 'container of the pod' };
    const keys = Object.keys(job?.services ?? {});
    const index = keys.indexOf(name);
    const listing = pod.containers.map(describe).join(', ');
    if (index >= 0) {
        const services = pod.containers.filter((c) => c.name !== JOB_CONTAINER);
        const unlike = services.filter((c) => !fitsHookName(c.name, c.image));
        if (unlike.length)
            throw new errors/* ActionError */.lZ(`container '${name}' is a job service, but pod ${pod.name} is not laid out as the runner's container hooks make a job's pod (a container named from its image, as ${unlike
                .map((c) => `${hookBaseName(c.image)} for ${c.image}`)
                .join(', ')}; found ${unlike.map((c) => c.name).join(', ')}), so which container is service ${name} is not known: name the container itself. Containers: ${listing}`);
        if (services.length !== keys.length)
            throw new errors/* ActionError */.lZ(`container '${name}' is service ${index + 1} of ${keys.length} of the job, but pod ${pod.name} has ${services.length} service container(s): ${listing}. Name the container itself`);
        return { container: services[index], via: `job service ${name} (service ${index + 1} of the job)` };
    }
    throw new errors/* ActionError */.lZ(`container '${name}' not found in pod ${pod.name} (namespace ${namespace}): it is not a container of the pod${keys.length ? ` nor a job service (${keys.join(', ')})` : ''}. Containers: ${listing}`);
}
function isReady(c, wait) {
    if (!c.running)
        return false;
    // healthy: its readiness probe passes; without one, running is enough (as on Docker).
    return wait !== 'healthy' || !c.hasReadiness || c.ready;
}
function hopeless(c, pod) {
    if (c.terminated)
        return `container ${c.name} of pod ${pod.name} is not running: it has ${c.terminated}`;
    if (c.waiting && HOPELESS_WAITING.test(c.waiting))
        return `container ${c.name} of pod ${pod.name} cannot start: ${c.waiting}`;
    if (pod.phase === 'Succeeded' || pod.phase === 'Failed')
        return `pod ${pod.name} has ended (${pod.phase})`;
    return undefined;
}
/** Finds the container and waits until it can run the command (running, or ready). */
async function findReadyInPod(api, podName, inputs, signal) {
    const pod = await api.readPod(podName);
    const found = pickContainer(pod, inputs.container, inputs.job, api.namespace);
    const name = found.container.name;
    if (isReady(found.container, inputs.wait))
        return found;
    if (inputs.wait === 'none')
        throw new errors/* ActionError */.lZ(hopeless(found.container, pod) ??
            `container ${name} of pod ${pod.name} is not running (${describe(found.container)})`);
    let last = found.container;
    const ready = await (0,wait/* waitUntilReady */.b)({
        name,
        goal: inputs.wait === 'healthy' ? 'ready' : 'running',
        look: async () => {
            const now = await api.readPod(podName);
            last = now.containers.find((c) => c.name === name) ?? last;
            return { pod: now, container: last };
        },
        ready: (seen) => isReady(seen.container, inputs.wait),
        hopeless: (seen) => hopeless(seen.container, seen.pod),
        notReady: (seen, waited) => `container ${name} of pod ${seen.pod.name} was not ${inputs.wait === 'healthy' && seen.container.running ? 'ready' : 'running'} after ${waited} (${describe(seen.container)})`,
        pause: (ms, abort) => (0,promises_.setTimeout)(ms, undefined, { signal: abort }).catch(() => undefined),
    }, { pod, container: found.container }, inputs.waitTimeoutMs, signal, wait/* LOOK_EVERY_MS */.R.kubernetes);
    return { container: ready.container, via: found.via };
}

;// CONCATENATED MODULE: ./src/backends/kubernetes/backend.ts
// The Kubernetes back end (engine: kubernetes): the job pod's containers through pods/exec,
// as actions-runner-controller's Kubernetes mode runs a job. This module, the Kubernetes
// client and ws are a chunk of the bundle of their own, loaded only by steps that run on
// Kubernetes. What pods/exec cannot do is in lacks.ts, refused before this is loaded.




/** The container runtime's ID without its scheme (docker://abc... becomes abc...). */
function runtimeId(container) {
    return container.containerId?.replace(/^[a-z]+:\/\//, '');
}
class KubernetesBackend {
    inputs;
    api;
    constructor(inputs) {
        this.inputs = inputs;
        this.api = KubeApi.connect(inputs.kube.namespace);
    }
    async findReady(_spec, signal) {
        const { api, inputs } = this;
        // The hook's job pod is the host name of its containers (no host network there).
        const pod = inputs.kube.pod ?? (0,external_node_os_.hostname)();
        // A request of the look-up waits no longer than wait-timeout allows (shared/bounds.ts).
        api.lookupDeadline = Date.now() + inputs.waitTimeoutMs;
        const { container, via } = await findReadyInPod(api, pod, inputs, signal).finally(() => (api.lookupDeadline = undefined));
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
            removeFile: (path) => runner.runQuiet(['rm', '-f', path]).then(() => undefined, () => undefined),
        };
    }
    /** Each request is a connection of its own: nothing stays open. */
    close() { }
}


/***/ })

};
