export const id = 795;
export const ids = [795];
export const modules = {

/***/ 795:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runOnKubernetes: () => (/* binding */ runOnKubernetes)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(3838);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./src/exec/attempts.ts
var attempts = __webpack_require__(7623);
// EXTERNAL MODULE: ./src/exec/command.ts + 1 modules
var exec_command = __webpack_require__(3147);
// EXTERNAL MODULE: ./src/inputs/duration.ts
var duration = __webpack_require__(1601);
// EXTERNAL MODULE: ./src/report/guard.ts
var report_guard = __webpack_require__(311);
// EXTERNAL MODULE: ./src/report/header.ts
var header = __webpack_require__(2289);
// EXTERNAL MODULE: ./src/report/result.ts
var report_result = __webpack_require__(5781);
// EXTERNAL MODULE: ./src/report/summary.ts
var summary = __webpack_require__(7994);
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
;// CONCATENATED MODULE: ./src/kube/words.ts
// Pure parts of the Kubernetes back end: what pods/exec is asked to run, what its status
// channel says, and the names actions/runner-container-hooks gives a job's containers.
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

;// CONCATENATED MODULE: ./src/kube/api.ts
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
        const { status, body } = await new Promise((resolve, reject) => {
            const request = external_node_https_default().request(url, { ...options, method: 'GET' }, (response) => {
                const chunks = [];
                response.on('data', (chunk) => chunks.push(chunk));
                response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
                response.on('error', reject);
            });
            request.on('error', (error) => reject(this.unreachable(error)));
            request.end();
        });
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
        const protocols = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
        return new Promise((resolve, reject) => {
            const socket = new wrapper/* default */.Ay(url, protocols, { ...options, perMessageDeflate: false });
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
        });
    }
    unreachable(error) {
        const code = error.code ?? '';
        if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS_CERT_ALTNAME/.test(code))
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

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: ./src/random.ts
var random = __webpack_require__(436);
// EXTERNAL MODULE: ./src/engine/frames.ts
var engine_frames = __webpack_require__(5286);
// EXTERNAL MODULE: ./src/exec/stop.ts
var stop = __webpack_require__(601);
;// CONCATENATED MODULE: ./src/kube/exec.ts
// Running the command through pods/exec (the WebSocket channel protocol, v4 or v5): stdout
// and stderr apart and byte-exact, the exit code from the status channel (none there: the
// exit status is unknown, never success), the standard input fed with backpressure and ended
// (see words.ts), the output paused while the job log is full.








const CHANNEL = { stdin: 0, stdout: 1, stderr: 2, status: 3, close: 255 };
const STDIN_CHUNK = 256 * 1024;
/** Input queued in the socket beyond this waits: memory stays flat however large the file. */
const STDIN_QUEUE = 4 * 1024 * 1024;
function inputSize(input) {
    return input.kind === 'text'
        ? Buffer.byteLength(input.text)
        : input.kind === 'file'
            ? input.size
            : input.bytes.length;
}
async function sendInput(socket, input) {
    const send = (payload) => new Promise((resolve, reject) => socket.send(Buffer.concat([Buffer.from([CHANNEL.stdin]), payload]), (error) => error ? reject(error) : resolve()));
    const drained = async () => {
        while (socket.bufferedAmount > STDIN_QUEUE && socket.readyState === socket.OPEN)
            await new Promise((resolve) => setTimeout(resolve, 5));
    };
    if (input.kind === 'file') {
        const file = await (0,promises_.open)(input.path, 'r');
        try {
            const buffer = Buffer.alloc(STDIN_CHUNK);
            for (;;) {
                const { bytesRead } = await file.read(buffer, 0, STDIN_CHUNK, null);
                if (bytesRead === 0 || socket.readyState !== socket.OPEN)
                    break;
                await send(buffer.subarray(0, bytesRead));
                await drained();
            }
        }
        finally {
            await file.close();
        }
    }
    else {
        const bytes = input.kind === 'text' ? Buffer.from(input.text, 'utf8') : input.bytes;
        for (let at = 0; at < bytes.length && socket.readyState === socket.OPEN; at += STDIN_CHUNK) {
            await send(bytes.subarray(at, at + STDIN_CHUNK));
            await drained();
        }
    }
    // v5 can end the input alone; on v4 the command's `head -c` ends it (words.ts).
    if (socket.protocol === 'v5.channel.k8s.io' && socket.readyState === socket.OPEN)
        socket.send(Buffer.from([CHANNEL.close, CHANNEL.stdin]));
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
    options.onOpen?.();
    const { targets } = options;
    const stream = { stdoutBytes: 0, stderrBytes: 0 };
    let status;
    let inputError;
    if (options.input)
        void sendInput(socket, options.input).catch((error) => {
            inputError = `sending standard input failed: ${error.message}`;
            socket.terminate();
        });
    let paused = 0;
    const resume = () => {
        if (--paused === 0)
            socket.resume();
    };
    await new Promise((resolve) => {
        socket.on('message', (data, isBinary) => {
            const frame = isBinary ? data : Buffer.from(data);
            if (frame.length === 0)
                return;
            const payload = frame.subarray(1);
            const channel = frame[0];
            if (channel === CHANNEL.stdout || channel === CHANNEL.stderr) {
                if (payload.length === 0)
                    return;
                const target = channel === CHANNEL.stdout ? targets.stdout : targets.stderr;
                if (channel === CHANNEL.stdout)
                    stream.stdoutBytes += payload.length;
                else
                    stream.stderrBytes += payload.length;
                // The job log's pipe is full: read no more from the server until it drains.
                if (!target.write(payload)) {
                    if (paused++ === 0)
                        socket.pause();
                    target.once('drain', resume);
                }
                targets.observe?.(channel === CHANNEL.stdout ? engine_frames/* STDOUT */.UU : engine_frames/* STDERR */.xS, payload);
            }
            else if (channel === CHANNEL.status) {
                try {
                    status = JSON.parse(payload.toString('utf8'));
                }
                catch {
                    stream.broken = `the status Kubernetes sent is not JSON (${payload.toString('utf8').slice(0, 100)})`;
                }
            }
        });
        socket.once('close', (code, reason) => {
            if (!status && !stream.broken)
                stream.broken = `the connection to the Kubernetes API closed before the command's exit status came (WebSocket close ${code}${reason.length ? ` ${reason.toString()}` : ''})`;
            resolve();
        });
        socket.on('error', (error) => {
            stream.broken ??= `the connection to the Kubernetes API failed: ${error.message}`;
        });
    });
    if (inputError)
        stream.broken ??= inputError;
    const targetsOnce = [targets.stdout, targets.stderr].filter((t, i, all) => all.indexOf(t) === i);
    await Promise.all(targetsOnce.map(report_guard/* flushed */.a6));
    return { status, stream };
}
/** Collects a small output (helpers: stopping, placing files). */
function collector() {
    const chunks = [];
    const sink = new external_node_stream_.Writable({
        write(chunk, _encoding, done) {
            chunks.push(chunk);
            done();
        },
    });
    return { targets: { stdout: sink, stderr: sink }, text: () => Buffer.concat(chunks).toString('utf8') };
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
    create(_spec, marker) {
        const id = `${this.pod}/${this.container}/${(0,random/* randomHex */.n)(6)}`;
        this.commands.set(id, { marker, ended: false });
        return Promise.resolve(id);
    }
    async attach(id, spec, targets, whileStarting) {
        const entry = this.commands.get(id);
        if (!entry)
            throw new errors/* ActionError */.lZ(`no command ${id} was prepared`);
        const input = spec.stdin;
        const argv = kubeArgv(spec.cmd, {
            env: (0,stop/* withMarker */.Pe)(spec, entry.marker).env,
            workdir: spec.workdir,
            stdinBytes: input ? inputSize(input) : undefined,
        });
        try {
            const { status, stream } = await execOnce(this.api, this.pod, this.container, argv, {
                tty: spec.tty,
                input,
                targets,
                onOpen: whileStarting ? () => setImmediate(whileStarting) : undefined,
            });
            if (stream.broken)
                return { execId: id, problem: `${stream.broken}: exit status unknown`, stream };
            const { exitCode, problem } = exitFromStatus(status ?? {});
            return { execId: id, exitCode, problem, stream };
        }
        finally {
            entry.ended = true;
        }
    }
    /** Runs a helper command as it is (no marker), and collects its small output. */
    async runQuiet(cmd, input) {
        const { targets, text } = collector();
        const argv = input ? kubeArgv(cmd, { env: [], stdinBytes: input.length }) : cmd;
        const { status } = await execOnce(this.api, this.pod, this.container, argv, {
            tty: false,
            input: input ? { kind: 'bytes', bytes: input } : undefined,
            targets,
        });
        return { exitCode: status ? exitFromStatus(status).exitCode : undefined, output: text() };
    }
    stop(id, marker) {
        return (0,stop/* stopByMarker */.yB)((cmd) => this.runQuiet(cmd), marker, () => Promise.resolve(this.commands.get(id)?.ended ?? true));
    }
    /** Writes a file in the container (the script of `run`), through the command's stdin. */
    async placeFile(path, content) {
        const { exitCode, output } = await this.runQuiet(['sh', '-c', 'cat > "$1"', 'sh', path], content);
        if (exitCode !== 0)
            throw new errors/* ActionError */.lZ(`could not place the script in the container's /tmp: ${output.trim() || `exit code ${exitCode ?? 'unknown'}`}`);
    }
}

// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./src/kube/find.ts
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
    let pod = await api.readPod(podName);
    const found = pickContainer(pod, inputs.container, inputs.job, api.namespace);
    const name = found.container.name;
    let current = found.container;
    if (isReady(current, inputs.wait))
        return found;
    if (inputs.wait === 'none')
        throw new errors/* ActionError */.lZ(hopeless(current, pod) ?? `container ${name} of pod ${pod.name} is not running (${describe(current)})`);
    core/* info */.pq(`Waiting for ${name} to be ${inputs.wait === 'healthy' ? 'ready' : 'running'}…`);
    const started = Date.now();
    for (;;) {
        const why = hopeless(current, pod);
        if (why)
            throw new errors/* ActionError */.lZ(why);
        if (signal.aborted)
            throw new errors/* ActionError */.lZ(`cancelled while waiting for container ${name}`);
        if (Date.now() - started >= inputs.waitTimeoutMs)
            throw new errors/* ActionError */.lZ(`container ${name} of pod ${pod.name} was not ${inputs.wait === 'healthy' && current.running ? 'ready' : 'running'} after ${(0,duration/* formatDuration */.a)(inputs.waitTimeoutMs)} (${describe(current)})`);
        await (0,external_node_timers_promises_.setTimeout)(500, undefined, { signal }).catch(() => undefined);
        pod = await api.readPod(podName);
        current = pod.containers.find((c) => c.name === name) ?? current;
        if (isReady(current, inputs.wait)) {
            core/* info */.pq(`Container ready after ${(0,duration/* formatDuration */.a)(Date.now() - started)}`);
            return { container: current, via: found.via };
        }
    }
}

;// CONCATENATED MODULE: ./src/kube/step.ts
// The step on the Kubernetes back end (engine: kubernetes): the same parts as main.ts's Docker
// run (find and wait, the header, the command with retries, timeout and cancellation through
// attempts.ts, the report), with the pod's container in place of a Docker container. This
// module, @kubernetes/client-node and ws are a chunk of the bundle of their own, loaded only
// by steps that run on Kubernetes: the Docker path's start-up does not carry them.












/** The report's view of the pod's container, in the shape the Docker path reports. */
function reportedContainer(container, pod) {
    return {
        Id: runtimeId(container) ?? `${pod}/${container.name}`,
        Name: container.name,
        State: { Status: 'running', Running: true, Paused: false, Restarting: false, ExitCode: 0 },
        Config: { Image: container.image },
    };
}
/** The container runtime's ID without its scheme (docker://abc... -> abc...). */
function runtimeId(container) {
    return container.containerId?.replace(/^[a-z]+:\/\//, '');
}
async function runOnKubernetes({ inputs, control, guard, started, endHeader }) {
    const api = KubeApi.connect(inputs.kube.namespace);
    // The hook's job pod is the host name of its containers (no host network there).
    const pod = inputs.kube.pod ?? (0,external_node_os_.hostname)();
    const { container, via } = await findReadyInPod(api, pod, inputs, control.waitAbort.signal);
    const plan = (0,exec_command/* commandPlan */.By)(inputs);
    const spec = (0,exec_command/* execSpec */.z_)(inputs, plan);
    const command = (0,header/* describeCommand */.vL)(inputs, plan);
    const state = container.ready ? 'running, ready' : 'running';
    for (const line of [
        `Engine:    Kubernetes ${api.server} (${api.credentialsFrom}), namespace ${api.namespace} (${api.namespaceFrom})`,
        `Container: ${container.name} in pod ${pod} (${container.image}, ${state}; found as ${via})`,
        ...(0,header/* runLines */.rB)(inputs, command, "the container's", "the container's"),
    ])
        core/* info */.pq((0,report_guard/* inert */.tJ)(line));
    endHeader();
    const details = reportedContainer(container, pod);
    control.containerIdOutput = details.Id;
    const runner = new KubeRunner(api, pod, container.name);
    control.runner = runner;
    if (plan.file)
        await runner.placeFile(plan.file.path, plan.file.content);
    let result;
    try {
        result = await (0,attempts/* runAttempts */.i)({ runner, spec, inputs, control, guard });
    }
    finally {
        if (plan.file)
            await runner.runQuiet(['rm', '-f', plan.file.path]).catch(() => undefined);
    }
    const { text } = (0,report_result/* reportResult */["if"])(result, details, inputs.failOnError);
    if (inputs.summary)
        await (0,summary/* writeSummary */.Sy)((0,summary/* runFacts */.pI)(container.name, command, result, text, Date.now() - started, undefined), duration/* formatDuration */.a);
}


/***/ })

};
