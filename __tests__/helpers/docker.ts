// Test-side access to the engines through their CLIs (docker, podman), and plain HTTP for what
// the CLI does not show (an exec's record): never through the action's own code, so that a
// bug in the action cannot hide itself in the tests.
import { getExecOutput } from '@actions/exec';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * docker: the docker CLI. podman: the machine's Podman (4.3). podman5: the Podman 5 of a Debian
 * sid root (scripts/podman-sid.sh), its own CLI run inside the service's namespaces on the same
 * storage.
 */
export type Cli = 'docker' | 'podman' | 'podman5';

/** The program and leading arguments that run a CLI. */
function command(tool: Cli): [string, string[]] {
  if (tool === 'podman5') return ['bash', [path.join(ROOT, 'scripts/podman-sid.sh'), 'podman']];
  return [tool, []];
}

/**
 * The CLI that makes fixtures on the engine under test: docker, or podman where the docker CLI
 * cannot talk to the engine (Docker 29's CLI refuses Podman 5.7's API 1.41 on ubuntu-latest).
 */
export const FIXTURE_CLI: Cli = process.env.DEA_TEST_CLI === 'podman' ? 'podman' : 'docker';

/** Runs the docker (or podman) CLI; fails the test on a non-zero exit unless allowFailure. */
export async function cli(
  args: string[],
  options: { cli?: Cli; input?: Buffer; allowFailure?: boolean; env?: Record<string, string> } = {},
): Promise<CliResult> {
  const tool = options.cli ?? FIXTURE_CLI;
  const [program, leading] = command(tool);
  const result = await getExecOutput(program, [...leading, ...args], {
    silent: true,
    ignoreReturnCode: true,
    input: options.input,
    env: options.env ? { ...(process.env as Record<string, string>), ...options.env } : undefined,
  });
  if (result.exitCode !== 0 && !options.allowFailure) {
    throw new Error(`${tool} ${args.join(' ')} exited ${result.exitCode}: ${result.stderr.trim()}`);
  }
  return { code: result.exitCode, stdout: result.stdout, stderr: result.stderr };
}

let testImage: string | undefined;
/** The offline-built busybox (+bash) image; built on first use by scripts/test-image.sh. */
export function testImageName(): string {
  testImage ??= execFileSync('bash', [path.join(ROOT, 'scripts/test-image.sh')], { encoding: 'utf8' }).trim();
  return testImage;
}

export interface TestContainer {
  id: string;
  name: string;
  cli: Cli;
  /** Runs a command in the container through the CLI (to check what the action did). */
  exec(command: string[], options?: { allowFailure?: boolean }): Promise<CliResult>;
  remove(): Promise<void>;
}

const started: TestContainer[] = [];

export function uniqueName(prefix = 'dea-test'): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/**
 * Starts a container from the test image with no network (the machines' network rules),
 * running `sleep infinity` unless a command is given.
 */
export async function startContainer(
  options: { name?: string; args?: string[]; command?: string[]; cli?: Cli; image?: string } = {},
): Promise<TestContainer> {
  const tool = options.cli ?? FIXTURE_CLI;
  const name = options.name ?? uniqueName();
  const extra = tool !== 'docker' ? ['--ulimit', 'nofile=1024:1024', '--ulimit', 'nproc=1024:1024'] : [];
  const hasNetwork = (options.args ?? []).some((a) => a.startsWith('--network'));
  const { stdout } = await cli(
    [
      'run',
      '-d',
      '--name',
      name,
      ...(hasNetwork ? [] : ['--network', 'none']),
      ...extra,
      ...(options.args ?? []),
      options.image ?? testImageName(),
      ...(options.command ?? []),
    ],
    { cli: tool },
  );
  const id = stdout.trim();
  const container: TestContainer = {
    id,
    name,
    cli: tool,
    exec: (command, execOptions = {}) => cli(['exec', id, ...command], { cli: tool, ...execOptions }),
    remove: async () => {
      await cli(['rm', '-f', id], { cli: tool, allowFailure: true });
    },
  };
  started.push(container);
  return container;
}

/** Removes every container this test file started (call from afterAll). */
export async function removeStartedContainers(): Promise<void> {
  await Promise.all(started.splice(0).map((c) => c.remove()));
}

/** Lists the processes in a container whose command line matches (for "nothing left running"). */
export async function processesMatching(container: TestContainer, pattern: RegExp): Promise<string[]> {
  const { stdout } = await container.exec(['ps', '-o', 'pid,args']);
  return stdout
    .split('\n')
    .slice(1)
    .filter((line) => pattern.test(line) && !/ps -o pid,args/.test(line));
}

/**
 * The unix socket of the engine under test: DOCKER_HOST's when it is unix://, else the default
 * one. The test-side reads below go straight to it, past any proxy in front of it.
 */
export function engineSocketPath(): string {
  const host = process.env.DOCKER_HOST;
  if (!host) return '/var/run/docker.sock';
  if (!host.startsWith('unix://')) {
    throw new Error(`DOCKER_HOST=${host}: these tests read the engine over its unix socket; point DOCKER_HOST at one`);
  }
  return host.slice('unix://'.length);
}

/** GET from the engine under test over its socket (past any proxy): the parsed JSON answer. */
export function engineGet<T>(pathname: string): Promise<T> {
  return new Promise((resolve, reject) => {
    http
      .get({ socketPath: engineSocketPath(), path: pathname }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => {
          if (res.statusCode !== 200) reject(new Error(`GET ${pathname}: HTTP ${res.statusCode}`));
          else resolve(JSON.parse(Buffer.concat(parts).toString('utf8')) as T);
        });
      })
      .on('error', reject);
  });
}

/** ExecInspect straight from the engine under test (past any proxy). */
export function engineExecInspect(id: string): Promise<{ Running: boolean; ExitCode: number | null }> {
  return engineGet(`/exec/${id}/json`);
}

export interface EngineVersion {
  /** As the engine reports it, e.g. 20.10.24+dfsg1 or 28.5.2. */
  version: string;
  major: number;
  minor: number;
  /** True for this version or a later one. */
  atLeast(major: number, minor: number): boolean;
}

let engineVersionRead: Promise<EngineVersion> | undefined;
/**
 * The engine under test's version, read once (docker version through the CLI), for the few
 * expectations where engines legitimately differ (each says what every tested engine does).
 */
export function engineVersion(): Promise<EngineVersion> {
  engineVersionRead ??= cli(['version', '--format', '{{.Server.Version}}']).then(({ stdout }) => {
    const version = stdout.trim();
    const parts = /^(\d+)\.(\d+)\./.exec(version);
    if (!parts) throw new Error(`cannot read the engine's version from '${version}'`);
    const [major, minor] = [Number(parts[1]), Number(parts[2])];
    return {
      version,
      major,
      minor,
      atLeast: (m, n) => major > m || (major === m && minor >= n),
    };
  });
  return engineVersionRead;
}

/**
 * How the engine under test reports an exec whose command runc cannot start (no such
 * executable, no such working folder): the exit code it records and the line it prints as the
 * command's output. Docker 20.10 and 26.1 record 126 and end the line with ": unknown";
 * Docker 28.5 records 127 (a shell's code for "not found") and prints no suffix. Each writes
 * the line with CRLF (`output`).
 */
export async function execStartFailure(reason: string): Promise<{ exitCode: string; line: string; output: string }> {
  const newer = (await engineVersion()).atLeast(28, 0);
  const line = `OCI runtime exec failed: exec failed: unable to start container process: ${reason}${newer ? '' : ': unknown'}`;
  return { exitCode: newer ? '127' : '126', line, output: `${line}\r\n` };
}

export async function engineExitCode(id: string, timeoutMs = 10_000): Promise<number | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const info = await engineExecInspect(id);
    if (!info.Running || Date.now() > deadline) return info.Running ? null : info.ExitCode;
    await new Promise((r) => setTimeout(r, 100));
  }
}
