// The benchmark: the committed bundle (`node dist/index.js` under Node 24, run the way the
// Actions runner runs it) against the docker CLI doing the same thing.
//
//   node scripts/bench.mjs [--pairs N] [--stdout-mib N] [--stdin-mib N] [--copy-files N] [--copy-mib N]
//                          [--remote-only | --no-remote] [--tiny] [--out FILE]
//
// Cases (each run as pairs alternating action and CLI: A B A B ..., after one unmeasured
// warm-up pair):
//   start-up  action `command: true`                      CLI `docker exec C true`
//   stdout    action prints N MiB, workflow-commands: true CLI `docker exec C sh -c ...`
//   stdin     action `stdin-file` of M MiB into `wc -c`    CLI `docker exec -i C wc -c < file`
//   copy-in   action `copy-in` (command `true`)            CLI `docker cp` into the container:
//             a folder of F small files, and one file of K MiB (each run to a new place)
//   copy-out  action `copy-out` (command `true`)           CLI `docker cp` out of it: the same
// and the remote start-up cases (`--remote-only` runs only these, `--no-remote` none),
// both sides against the same remote engine endpoint of scripts/endpoints.sh, through the same
// environment (DOCKER_HOST and what goes with it, as a workflow would set it):
//   start-up tls         action `command: true`  CLI `docker exec C true`  tcp:// + client certs
//   start-up ssh         the same                                           ssh://root@127.0.0.1
//   start-up tls +20ms   the same, through scripts/delay-proxy.mjs in front of the endpoint's
//   start-up ssh +20ms   port: 20 ms more each way, as a remote engine across a network would be
// The endpoints are brought up here when .cache/endpoints/endpoints.json is missing or stale
// (and then stopped at the end); the delay proxies run in this process.
// The start-up pairs also time what bounds that ratio: Node 24 starting an empty script, and
// scripts/bench-floor.cjs (Node 24 making only the exec's requests, raw HTTP); printed below
// the table, and in the JSON as the case's `bounds`.
// Both sides write into the same kind of reader as the runner's: a pipe read to the end in
// chunks, counting bytes and newlines. Results are checked, not only timed: a wrong byte count
// or a failed run exits non-zero. Goals that do not hold are only marked (exit 0).
//
// Wall time: measured here, from spawn until the child has exited and its pipes are drained.
// Peak RSS: GNU time's %M (ru_maxrss from wait4) of the process it starts, i.e. the action's
// node process (or the docker CLI), in KiB.
import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { inputEnvironment, parseOutputFile, readActionYml } from './action-runner.mjs';
import { startDelayProxy } from './delay-proxy.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MiB = 1024 * 1024;
const TIME = '/usr/bin/time';
const RUN_LIMIT_MS = 10 * 60_000;
// One line of the stdout case: 64 bytes with its newline, so N MiB is a whole number of lines.
const LINE = 'docker-exec-action bench: some line of text, 64 bytes a line ..\n';
if (Buffer.byteLength(LINE) !== 64) throw new Error('LINE must be 64 bytes');
const LINE_BYTES = Buffer.from(LINE);
const GOALS = {
  'start-up': 1.5,
  stdout: 1.0,
  stdin: 1.0,
  'copy-in files': 1.0,
  'copy-in big': 1.0,
  'copy-out files': 1.0,
  'copy-out big': 1.0,
  // Issue 7's remote goals. Over SSH the CLI starts an ssh client, and `docker system
  // dial-stdio` on the far side, per connection; the action speaks SSH itself.
  'start-up tls': 1.25,
  'start-up ssh': 0.5,
  'start-up tls +20ms': 0.75,
  'start-up ssh +20ms': 0.5,
};
// The added one-way latency of the +20ms cases.
const REMOTE_DELAY_MS = 20;
const RSS_GOAL_KIB = 100 * 1024;

// ---- options ---------------------------------------------------------------------------------

function parseArgs(argv) {
  const opts = {
    pairs: 9,
    stdoutMib: 256,
    stdinMib: 128,
    copyFiles: 10_000,
    copyMib: 256,
    tiny: false,
    local: true,
    remote: true,
    out: path.join(ROOT, 'bench-results/bench.json'),
  };
  const number = (name, value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`${name} needs a whole number of at least 1, got '${value ?? ''}'`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--tiny')
      Object.assign(opts, { tiny: true, pairs: 2, stdoutMib: 4, stdinMib: 4, copyFiles: 200, copyMib: 4 });
    else if (arg === '--pairs') opts.pairs = number(arg, argv[++i]);
    else if (arg === '--stdout-mib') opts.stdoutMib = number(arg, argv[++i]);
    else if (arg === '--stdin-mib') opts.stdinMib = number(arg, argv[++i]);
    else if (arg === '--copy-files') opts.copyFiles = number(arg, argv[++i]);
    else if (arg === '--copy-mib') opts.copyMib = number(arg, argv[++i]);
    else if (arg === '--remote-only') opts.local = false;
    else if (arg === '--no-remote') opts.remote = false;
    else if (arg === '--out') opts.out = path.resolve(argv[++i] ?? '');
    else if (arg === '--help' || arg === '-h') {
      console.log(
        'usage: node scripts/bench.mjs [--pairs N] [--stdout-mib N] [--stdin-mib N] [--copy-files N] [--copy-mib N] [--remote-only | --no-remote] [--tiny] [--out FILE]',
      );
      process.exit(0);
    } else throw new Error(`unknown option ${arg}`);
  }
  if (!opts.local && !opts.remote) throw new Error('--remote-only and --no-remote leave no case to run');
  return opts;
}

// ---- the reader ------------------------------------------------------------------------------

/**
 * Drains a pipe like the runner does (read to the end in chunks, count bytes and newlines), and
 * sorts complete lines into the bench's own text line and anything else (the action's lines).
 */
function pipeReader(stream) {
  const r = { bytes: 0, newlines: 0, textLines: 0, otherBytes: 0, other: [], done: undefined };
  let carry = null;
  const classify = (buf, start, end) => {
    // [start, end) is one line including its newline
    if (end - start === 64 && buf.compare(LINE_BYTES, 0, 64, start, end) === 0) r.textLines++;
    else {
      r.otherBytes += end - start;
      if (r.other.length < 200) r.other.push(buf.toString('utf8', start, Math.min(end, start + 300)));
    }
  };
  r.done = new Promise((resolve, reject) => {
    stream.on('data', (chunk) => {
      r.bytes += chunk.length;
      let start = 0;
      let nl = chunk.indexOf(10);
      if (carry && nl >= 0) {
        const line = Buffer.concat([carry, chunk.subarray(0, nl + 1)]);
        r.newlines++;
        classify(line, 0, line.length);
        carry = null;
        start = nl + 1;
        nl = chunk.indexOf(10, start);
      }
      while (nl >= 0) {
        r.newlines++;
        classify(chunk, start, nl + 1);
        start = nl + 1;
        nl = chunk.indexOf(10, start);
      }
      if (start < chunk.length) {
        const rest = chunk.subarray(start);
        carry = carry ? Buffer.concat([carry, rest]) : Buffer.from(rest);
        if (carry.length > MiB) {
          stream.destroy();
          reject(new Error('a line longer than 1 MiB in the output'));
        }
      }
    });
    stream.on('error', reject);
    stream.on('end', () => {
      if (carry) classify(carry, 0, carry.length);
      resolve(r);
    });
  });
  return r;
}

// ---- running one side ------------------------------------------------------------------------

let scratch;
let current;
/** Containers this bench started: { id, env } (env: the engine it runs on). */
const containers = [];
/** The delay proxies of the +20ms cases. */
const proxies = [];
/** Whether this bench ran `endpoints.sh up` (then it stops them at the end). */
let startedEndpoints = false;

/** Runs argv under GNU time; returns wall seconds (measured here), peak RSS KiB and the pipes. */
async function timed(argv, { env, cwd, stdinFile }) {
  const timeFile = path.join(scratch, `time-${randomBytes(4).toString('hex')}`);
  const stdinFd = stdinFile ? openSync(stdinFile, 'r') : undefined;
  const t0 = performance.now();
  const child = spawn(TIME, ['-f', '%e %M', '-o', timeFile, ...argv], {
    cwd,
    env,
    stdio: [stdinFd ?? 'ignore', 'pipe', 'pipe'],
  });
  current = child;
  if (stdinFd !== undefined) closeSync(stdinFd);
  const out = pipeReader(child.stdout);
  const err = pipeReader(child.stderr);
  const killer = setTimeout(() => child.kill('SIGKILL'), RUN_LIMIT_MS);
  const [code, signal] = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c, s) => resolve([c, s]));
  });
  await Promise.all([out.done, err.done]);
  const seconds = (performance.now() - t0) / 1000;
  clearTimeout(killer);
  current = undefined;
  const timeLines = existsSync(timeFile) ? readFileSync(timeFile, 'utf8').trim().split('\n') : [];
  rmSync(timeFile, { force: true });
  const m = /^([\d.]+) (\d+)$/.exec(timeLines.at(-1) ?? '');
  if (!m)
    throw new Error(
      `${argv.join(' ')}: no figures from ${TIME} (${timeLines.join(' / ') || 'nothing'}), exit ${code ?? signal}`,
    );
  return { code, signal, seconds, rssKiB: Number(m[2]), out, err };
}

function fail(message) {
  const e = new Error(message);
  e.checkFailed = true;
  throw e;
}

function describeFailure(who, run) {
  const text = [...run.out.other, ...run.err.other].join('').slice(-2000);
  return `${who} exited ${run.code ?? run.signal}:\n${text}`;
}

// ---- main ------------------------------------------------------------------------------------

function ensureGnuTime() {
  if (existsSync(TIME)) return;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root) throw new Error(`${TIME} is missing: install Debian's time package (apt-get install time)`);
  console.error(`bench: installing ${TIME} (Debian's time package)`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('apt-get', ['install', '-y', '-qq', 'time'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

// ---- remote endpoints ------------------------------------------------------------------------

const ENDPOINTS_FILE = path.join(ROOT, '.cache/endpoints/endpoints.json');
const ENDPOINTS_SH = path.join(ROOT, 'scripts/endpoints.sh');
// What scripts/endpoints.sh puts behind its TLS and SSH endpoints.
const SYSTEM_ENGINE = 'unix:///var/run/docker.sock';

const portOf = (address) => Number(/:(\d+)$/.exec(address)?.[1]);
const shellQuote = (text) => `'${text.replaceAll("'", `'\\''`)}'`;

/** Whether something on 127.0.0.1:port accepts a connection (and, given `banner`, greets with it). */
function answers(port, banner) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (ok) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), 5000);
    socket.once('error', () => done(false));
    if (banner) socket.once('data', (chunk) => done(chunk.toString('latin1').startsWith(banner)));
    else socket.once('connect', () => done(true));
  });
}

/** Why .cache/endpoints/endpoints.json cannot be used as it is, or undefined when it can. */
async function endpointsProblem() {
  if (!existsSync(ENDPOINTS_FILE)) return `${ENDPOINTS_FILE} is missing`;
  let e;
  try {
    e = JSON.parse(readFileSync(ENDPOINTS_FILE, 'utf8'));
  } catch (error) {
    return `cannot read ${ENDPOINTS_FILE}: ${error.message}`;
  }
  const fields = [
    'tls.dockerHost',
    'tls.certDir',
    'ssh.dockerHost',
    'ssh.sshAuthSock',
    'ssh.hostKey',
    'ssh.pathPrefix',
  ];
  const missing = fields.find((f) => typeof f.split('.').reduce((o, k) => o?.[k], e) !== 'string');
  if (missing) return `${ENDPOINTS_FILE} has no ${missing}`;
  const files = ['ca.pem', 'cert.pem', 'key.pem'].map((f) => path.join(e.tls.certDir, f));
  const gone = [...files, e.ssh.sshAuthSock, path.join(e.ssh.pathPrefix, 'ssh')].find((f) => !existsSync(f));
  if (gone) return `${gone} is missing`;
  if (!(await answers(portOf(e.tls.dockerHost)))) return `nothing answers at ${e.tls.dockerHost}`;
  if (!(await answers(portOf(e.ssh.dockerHost), 'SSH-'))) return `no SSH server answers at ${e.ssh.dockerHost}`;
  return undefined;
}

/** The endpoints, brought up first when their file is missing or names what no longer answers. */
async function ensureEndpoints() {
  const problem = await endpointsProblem();
  if (problem) {
    console.error(`bench: ${problem}: bash scripts/endpoints.sh up (stopped again at the end)`);
    // Set first: what a failing `up` leaves running is stopped too.
    startedEndpoints = true;
    execFileSync('bash', [ENDPOINTS_SH, 'up'], { stdio: ['ignore', 'ignore', 'inherit'] });
    const still = await endpointsProblem();
    if (still) throw new Error(`after endpoints.sh up: ${still}`);
  }
  return JSON.parse(readFileSync(ENDPOINTS_FILE, 'utf8'));
}

function cleanup() {
  if (current) current.kill('SIGKILL');
  // close() destroys the connections and stops listening at once; nothing to wait for here.
  for (const proxy of proxies.splice(0)) void proxy.close();
  for (const { id, env } of containers.splice(0)) {
    try {
      execFileSync('docker', ['rm', '-f', id], { stdio: 'ignore', env });
    } catch {
      // removal is best effort at the end
    }
  }
  if (startedEndpoints) {
    startedEndpoints = false;
    try {
      execFileSync('bash', [ENDPOINTS_SH, 'down'], { stdio: ['ignore', 'ignore', 'inherit'] });
    } catch {
      // best effort, as above
    }
  }
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  ensureGnuTime();
  const node24 = execFileSync('bash', [path.join(ROOT, 'scripts/node24.sh')], { encoding: 'utf8' }).trim();
  const image = execFileSync('bash', [path.join(ROOT, 'scripts/test-image.sh')], { encoding: 'utf8' }).trim();
  const actionNode = execFileSync(node24, ['--version'], { encoding: 'utf8' }).trim();
  const dv = JSON.parse(execFileSync('docker', ['version', '--format', '{{json .}}'], { encoding: 'utf8' }));
  const docker = { client: dv.Client?.Version, server: dv.Server?.Version, api: dv.Server?.ApiVersion };
  const declared = readActionYml(path.join(ROOT, 'action.yml')).inputs;
  const bundle = path.join(ROOT, 'dist/index.js');
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing`);

  scratch = mkdtempSync(path.join(tmpdir(), 'dea-bench-'));
  const workspace = path.join(scratch, 'workspace');
  mkdirSync(workspace);
  /** Starts a container of the test image on the engine that `env` names; returns its id. */
  const startContainer = (env, image) => {
    const name = `dea-bench-${randomBytes(4).toString('hex')}`;
    const id = execFileSync('docker', ['run', '-d', '--name', name, '--network', 'none', image], {
      encoding: 'utf8',
      env,
    }).trim();
    containers.push({ id, env });
    console.log(`bench: container ${name} (${image})`);
    return id;
  };

  const load0 = loadavg();
  console.log(`bench: Node ${process.version} (bench), ${actionNode} (action: ${node24})`);
  console.log(
    `bench: Docker client ${docker.client}, engine ${docker.server} (API ${docker.api}); ${cpus().length} CPUs, load ${load0.map((l) => l.toFixed(2)).join(' ')}`,
  );
  console.log(
    `bench: ${opts.pairs} pairs per case (+1 warm-up pair)${opts.local ? `, stdout ${opts.stdoutMib} MiB, stdin ${opts.stdinMib} MiB` : ''}${opts.remote ? '' : ', no remote cases'}${opts.local ? '' : ', remote cases only'}`,
  );

  // The local cases' container, on the engine of this environment (DOCKER_HOST or the default).
  const containerId = opts.local ? startContainer(process.env, image) : undefined;

  const baseEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/root',
    ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}),
    ...(process.env.DOCKER_CONFIG ? { DOCKER_CONFIG: process.env.DOCKER_CONFIG } : {}),
  };

  let runNo = 0;
  /** Runs the action; `extraEnv` (an engine's DOCKER_HOST and what goes with it) over the base. */
  const runAction = async (inputs, extraEnv = {}) => {
    const dir = path.join(scratch, `run-${++runNo}`);
    mkdirSync(dir);
    const outputFile = path.join(dir, 'output');
    const summaryFile = path.join(dir, 'summary');
    writeFileSync(outputFile, '');
    writeFileSync(summaryFile, '');
    const env = {
      ...baseEnv,
      ...extraEnv,
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      RUNNER_TEMP: dir,
      ...inputEnvironment(declared, { container: containerId, ...inputs }),
    };
    const run = await timed([node24, bundle], { env, cwd: workspace });
    run.outputs = parseOutputFile(readFileSync(outputFile, 'utf8'));
    rmSync(dir, { recursive: true, force: true });
    if (run.code !== 0) fail(describeFailure('the action', run));
    if (run.outputs['exit-code'] !== '0') fail(`the action's exit-code output is '${run.outputs['exit-code']}'`);
    return run;
  };
  const runCli = async (args, stdinFile, extraEnv = {}) => {
    const run = await timed(['docker', ...args], { env: { ...baseEnv, ...extraEnv }, cwd: workspace, stdinFile });
    if (run.code !== 0) fail(describeFailure(`docker ${args.join(' ')}`, run));
    return run;
  };

  const runNode = async (args) => {
    const run = await timed([node24, ...args], { env: baseEnv, cwd: workspace });
    if (run.code !== 0) fail(describeFailure(`node ${args.join(' ')}`, run));
    return run;
  };
  // The bound script speaks to a unix socket only.
  const boundsMeasurable = !process.env.DOCKER_HOST || process.env.DOCKER_HOST.startsWith('unix://');

  // ---- the local cases ----

  const localCases = () => {
    // The stdout case's command: the same argv on both sides.
    const stdoutBytes = opts.stdoutMib * MiB;
    const printer = ['sh', '-c', `yes '${LINE.slice(0, -1)}' | head -c ${stdoutBytes}`];
    const checkStdout = (who, run, allowOther) => {
      const container = run.out.textLines * 64;
      if (container !== stdoutBytes)
        fail(`${who}: the container's stdout came out as ${container} bytes of text lines, not ${stdoutBytes}`);
      if (run.out.bytes !== container + run.out.otherBytes) fail(`${who}: byte count ${run.out.bytes} does not add up`);
      // (the action's header echoes the command, text included, on its `Command:` line)
      const torn = run.out.other.find((l) => l.includes(LINE.slice(0, 30)) && !l.startsWith('Command:'));
      if (torn !== undefined) fail(`${who}: a torn text line in stdout: ${JSON.stringify(torn.slice(0, 120))}`);
      if (!allowOther && run.out.otherBytes)
        fail(`${who}: ${run.out.otherBytes} unexpected bytes: ${run.out.other.slice(0, 3).join('')}`);
      if (allowOther && run.out.otherBytes > 64 * 1024)
        fail(`${who}: ${run.out.otherBytes} bytes besides the container's output`);
      if (run.err.bytes) fail(`${who}: unexpected stderr: ${run.err.other.join('').slice(0, 500)}`);
    };

    const stdinBytes = opts.stdinMib * MiB;
    const stdinFile = path.join(workspace, 'stdin.bin');
    const block = Buffer.alloc(MiB);
    for (let i = 0; i < MiB; i += 64) LINE_BYTES.copy(block, i);
    const fd = openSync(stdinFile, 'w');
    for (let i = 0; i < opts.stdinMib; i++) writeFileSync(fd, block);
    closeSync(fd);
    const checkCount = (who, text) => {
      if (String(text ?? '').trim() !== String(stdinBytes))
        fail(`${who}: wc -c said '${String(text ?? '').trim()}', expected ${stdinBytes}`);
    };

    // The copy cases: a folder of small files and one big file, in the workspace and (copied in
    // once, untimed) in the container; each timed run copies to a new place, removed after it.
    const copyDir = path.join(workspace, 'files');
    mkdirSync(copyDir);
    for (let i = 0; i < opts.copyFiles; i++)
      writeFileSync(path.join(copyDir, `f${i}.txt`), `${LINE.repeat(1 + (i % 8))}`);
    const bigFd = openSync(path.join(workspace, 'big.bin'), 'w');
    for (let i = 0; i < opts.copyMib; i++) writeFileSync(bigFd, block);
    closeSync(bigFd);
    execFileSync('docker', ['cp', copyDir, `${containerId}:/tmp/files`]);
    execFileSync('docker', ['cp', path.join(workspace, 'big.bin'), `${containerId}:/tmp/big.bin`]);
    let copyNo = 0;
    const untimed = (argv) => execFileSync(argv[0], argv.slice(1), { stdio: 'ignore' });
    const copyCase = (name, direction, source) => ({
      name,
      action: async () => {
        const to = `copy-${++copyNo}`;
        const run = await runAction(
          direction === 'in'
            ? { command: 'true', 'copy-in': `${source}:/tmp/${to}` }
            : { command: 'true', 'copy-out': `/tmp/${source}:${to}` },
        );
        if (!run.outputs[direction === 'in' ? 'copied-in' : 'copied-out']) fail(`${name} (action): nothing copied`);
        untimed(
          direction === 'in'
            ? ['docker', 'exec', containerId, 'rm', '-rf', `/tmp/${to}`]
            : ['rm', '-rf', path.join(workspace, to)],
        );
        return run;
      },
      cli: async () => {
        const to = `copy-${++copyNo}`;
        const run =
          direction === 'in'
            ? await runCli(['cp', path.join(workspace, source), `${containerId}:/tmp/${to}`])
            : await runCli(['cp', `${containerId}:/tmp/${source}`, path.join(workspace, to)]);
        untimed(
          direction === 'in'
            ? ['docker', 'exec', containerId, 'rm', '-rf', `/tmp/${to}`]
            : ['rm', '-rf', path.join(workspace, to)],
        );
        return run;
      },
    });

    return [
      {
        name: 'start-up',
        action: async () => {
          const run = await runAction({ command: 'true' });
          if (!run.out.other.some((l) => l.startsWith('::group::')))
            fail('start-up: the action printed no header group');
          return run;
        },
        cli: () => runCli(['exec', containerId, 'true']),
        // What bounds the start-up ratio, measured in the same pairs: Node 24 starting an empty
        // script, and a Node 24 script that makes only the exec's requests (bench-floor.cjs).
        bounds: {
          'Node 24, empty script': () => runNode(['-e', '']),
          'Node 24, only the requests (scripts/bench-floor.cjs)': () =>
            runNode([path.join(ROOT, 'scripts/bench-floor.cjs'), containerId]),
        },
      },
      {
        name: 'stdout',
        action: async () => {
          const run = await runAction({ command: JSON.stringify(printer), 'workflow-commands': 'true' });
          checkStdout('stdout (action)', run, true);
          return run;
        },
        cli: async () => {
          const run = await runCli(['exec', containerId, ...printer]);
          checkStdout('stdout (CLI)', run, false);
          return run;
        },
      },
      {
        name: 'stdin',
        action: async () => {
          const run = await runAction({ command: 'wc -c', 'stdin-file': 'stdin.bin' });
          checkCount('stdin (action)', run.outputs.stdout);
          return run;
        },
        cli: async () => {
          const run = await runCli(['exec', '-i', containerId, 'wc', '-c'], stdinFile);
          checkCount('stdin (CLI)', run.out.other.join(''));
          return run;
        },
      },
      copyCase('copy-in files', 'in', 'files'),
      copyCase('copy-in big', 'in', 'big.bin'),
      copyCase('copy-out files', 'out', 'files'),
      copyCase('copy-out big', 'out', 'big.bin'),
    ];
  };

  // ---- the remote cases ----

  const remoteCases = async () => {
    const endpoints = await ensureEndpoints();
    // Both endpoints front the system engine: its container serves all four cases (the local
    // one when the local cases run there too).
    const systemEnv = { ...process.env, DOCKER_HOST: SYSTEM_ENGINE, DOCKER_CONTEXT: '' };
    const local = process.env.DOCKER_HOST || (process.env.DOCKER_CONTEXT ? 'context' : SYSTEM_ENGINE);
    const container =
      containerId && local === SYSTEM_ENGINE
        ? containerId
        : startContainer(
            systemEnv,
            execFileSync('bash', [path.join(ROOT, 'scripts/test-image.sh')], {
              encoding: 'utf8',
              env: systemEnv,
            }).trim(),
          );

    const tlsPort = portOf(endpoints.tls.dockerHost);
    const sshPort = portOf(endpoints.ssh.dockerHost);
    const delayed = async (port) => {
      const proxy = await startDelayProxy({ target: { host: '127.0.0.1', port }, delayMs: REMOTE_DELAY_MS });
      proxies.push(proxy);
      return proxy.port;
    };
    const tlsSlowPort = await delayed(tlsPort);
    const sshSlowPort = await delayed(sshPort);
    const viaPort = (address, port) => address.replace(/:\d+$/, `:${port}`);

    // SSH host keys: through the proxy, a client checks the key under [127.0.0.1]:<proxy port>,
    // which the endpoint's known_hosts does not list. One known_hosts of our own holds the key
    // under both ports: the action reads it as $HOME/.ssh/known_hosts, and the CLI's ssh through
    // an `ssh` wrapper that runs the endpoint's wrapper (its ssh_config: agent, key, strict
    // checking) with UserKnownHostsFile pointed at it (-o on the command line wins over -F).
    const home = path.join(scratch, 'home');
    mkdirSync(path.join(home, '.ssh'), { recursive: true, mode: 0o700 });
    const knownHosts = path.join(home, '.ssh/known_hosts');
    writeFileSync(
      knownHosts,
      [sshPort, sshSlowPort].map((p) => `[127.0.0.1]:${p} ${endpoints.ssh.hostKey}\n`).join(''),
    );
    const sshBin = path.join(scratch, 'ssh-bin');
    mkdirSync(sshBin);
    writeFileSync(
      path.join(sshBin, 'ssh'),
      `#!/bin/sh\n# The endpoints' ssh, checking host keys against the bench's known_hosts.\nexec ${shellQuote(path.join(endpoints.ssh.pathPrefix, 'ssh'))} -o ${shellQuote(`UserKnownHostsFile=${knownHosts}`)} "$@"\n`,
      { mode: 0o755 },
    );

    const tlsEnv = (address) => ({
      DOCKER_HOST: address,
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: endpoints.tls.certDir,
    });
    const sshEnv = (address) => ({
      DOCKER_HOST: address,
      SSH_AUTH_SOCK: endpoints.ssh.sshAuthSock,
      HOME: home,
      PATH: `${sshBin}${path.delimiter}${baseEnv.PATH}`,
    });
    const remoteCase = (name, address, env) => ({
      name,
      endpoint: address,
      action: async () => {
        const run = await runAction({ container, command: 'true' }, env);
        if (!run.out.other.some((l) => l.startsWith('::group::'))) fail(`${name}: the action printed no header group`);
        // The run went where this case says (the header's engine line), not to a default engine.
        const engine = run.out.other.find((l) => l.startsWith('Engine:'));
        if (!engine?.includes(`${address} (DOCKER_HOST)`))
          fail(`${name}: the action's engine line is ${JSON.stringify(engine?.trim())}, not ${address} (DOCKER_HOST)`);
        return run;
      },
      cli: () => runCli(['exec', container, 'true'], undefined, env),
    });
    console.log(
      `bench: remote: tls ${endpoints.tls.dockerHost}, ssh ${endpoints.ssh.dockerHost}; +${REMOTE_DELAY_MS}ms each way through delay proxies on ports ${tlsSlowPort} (tls) and ${sshSlowPort} (ssh)`,
    );
    const slowTls = viaPort(endpoints.tls.dockerHost, tlsSlowPort);
    const slowSsh = viaPort(endpoints.ssh.dockerHost, sshSlowPort);
    return [
      remoteCase('start-up tls', endpoints.tls.dockerHost, tlsEnv(endpoints.tls.dockerHost)),
      remoteCase('start-up ssh', endpoints.ssh.dockerHost, sshEnv(endpoints.ssh.dockerHost)),
      remoteCase(`start-up tls +${REMOTE_DELAY_MS}ms`, slowTls, tlsEnv(slowTls)),
      remoteCase(`start-up ssh +${REMOTE_DELAY_MS}ms`, slowSsh, sshEnv(slowSsh)),
    ];
  };

  const cases = [...(opts.local ? localCases() : []), ...(opts.remote ? await remoteCases() : [])];

  const results = [];
  for (const c of cases) {
    await c.action();
    await c.cli(); // warm-up pair, not counted
    const bounds = boundsMeasurable ? Object.entries(c.bounds ?? {}) : [];
    const pairs = [];
    for (let i = 0; i < opts.pairs; i++) {
      const a = await c.action();
      const b = await c.cli();
      const boundSeconds = {};
      for (const [name, run] of bounds) boundSeconds[name] = (await run()).seconds;
      pairs.push({
        actionSeconds: a.seconds,
        cliSeconds: b.seconds,
        ratio: a.seconds / b.seconds,
        actionRssKiB: a.rssKiB,
        cliRssKiB: b.rssKiB,
        ...(bounds.length ? { boundSeconds } : {}),
      });
      process.stderr.write(
        `bench: ${c.name} pair ${i + 1}/${opts.pairs}: action ${a.seconds.toFixed(3)} s, CLI ${b.seconds.toFixed(3)} s, ratio ${(a.seconds / b.seconds).toFixed(2)}, action RSS ${a.rssKiB} KiB\n`,
      );
    }
    const medianRatio = median(pairs.map((p) => p.ratio));
    const actionPeakRssKiB = Math.max(...pairs.map((p) => p.actionRssKiB));
    const ratioGoal = GOALS[c.name];
    results.push({
      case: c.name,
      ...(c.endpoint ? { endpoint: c.endpoint } : {}),
      pairs: pairs.length,
      medianRatio,
      actionMedianSeconds: median(pairs.map((p) => p.actionSeconds)),
      cliMedianSeconds: median(pairs.map((p) => p.cliSeconds)),
      actionPeakRssKiB,
      cliPeakRssKiB: Math.max(...pairs.map((p) => p.cliRssKiB)),
      ratioGoal,
      rssGoalKiB: RSS_GOAL_KIB,
      ratioGoalMet: medianRatio <= ratioGoal,
      rssGoalMet: actionPeakRssKiB <= RSS_GOAL_KIB,
      goalMet: medianRatio <= ratioGoal && actionPeakRssKiB <= RSS_GOAL_KIB,
      ...(bounds.length
        ? {
            bounds: bounds.map(([name]) => ({
              name,
              medianSeconds: median(pairs.map((p) => p.boundSeconds[name])),
              medianRatio: median(pairs.map((p) => p.boundSeconds[name] / p.cliSeconds)),
            })),
          }
        : {}),
      runs: pairs,
    });
  }
  const load1 = loadavg();

  // 1.5 as 1.5, 1 as 1.0, 1.25 as 1.25 (not rounded to one decimal).
  const goalText = (goal) => goal.toFixed(Math.max(1, String(goal).split('.')[1]?.length ?? 0));
  const rows = [
    [
      'case',
      'median ratio (action/CLI)',
      'goal',
      'action median s',
      'CLI median s',
      'action peak RSS',
      'CLI peak RSS',
      'goals hold',
    ],
    ...results.map((r) => [
      r.case,
      r.medianRatio.toFixed(2),
      `<= ${goalText(r.ratioGoal)}, RSS <= 100 MiB`,
      r.actionMedianSeconds.toFixed(3),
      r.cliMedianSeconds.toFixed(3),
      `${(r.actionPeakRssKiB / 1024).toFixed(1)} MiB`,
      `${(r.cliPeakRssKiB / 1024).toFixed(1)} MiB`,
      r.goalMet ? 'yes' : `NO (${[!r.ratioGoalMet && 'ratio', !r.rssGoalMet && 'RSS'].filter(Boolean).join(', ')})`,
    ]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const fmt = (row) => `| ${row.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  console.log('');
  console.log(fmt(rows[0]));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows.slice(1)) console.log(fmt(row));
  console.log('');
  for (const r of results) {
    for (const b of r.bounds ?? [])
      console.log(
        `bench: ${r.case} bound: ${b.name}: median ${b.medianSeconds.toFixed(3)} s, ratio to the CLI ${b.medianRatio.toFixed(2)}`,
      );
  }
  console.log(
    `bench: load average before ${load0.map((l) => l.toFixed(2)).join(' ')}, after ${load1.map((l) => l.toFixed(2)).join(' ')} (${cpus().length} CPUs; other work on the machine skews the ratios)`,
  );

  const report = {
    date: new Date().toISOString(),
    options: {
      pairs: opts.pairs,
      stdoutMib: opts.stdoutMib,
      stdinMib: opts.stdinMib,
      copyFiles: opts.copyFiles,
      copyMib: opts.copyMib,
      tiny: opts.tiny,
      local: opts.local,
      remote: opts.remote,
      ...(opts.remote ? { remoteDelayMs: REMOTE_DELAY_MS } : {}),
      warmupPairs: 1,
    },
    node: { bench: process.version, action: actionNode },
    docker,
    machine: { cpus: cpus().length, loadBefore: load0, loadAfter: load1 },
    measurement: {
      wall: 'seconds from spawn until the child exited and its stdout/stderr pipes were read to the end',
      rss: `${TIME} -f %M: ru_maxrss (KiB) of the process it runs (the action's node process, or the docker CLI)`,
    },
    cases: results,
  };
  mkdirSync(path.dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, `${JSON.stringify(report, null, 2)}\n`);
  const shown = path.relative(process.cwd(), opts.out);
  console.log(`bench: wrote ${shown.startsWith('..') || path.isAbsolute(shown) ? opts.out : shown}`);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    cleanup();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

main()
  .then(() => {
    cleanup();
  })
  .catch((error) => {
    cleanup();
    console.error(`bench: ${error.checkFailed ? 'check failed' : 'error'}: ${error.message}`);
    process.exitCode = 1;
  });
