// Turns the step's inputs into one typed, validated object. Every problem is an InputError
// naming the input, what is wrong and what to do; nothing else reads INPUT_* variables.
import * as core from '@actions/core';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseCommand } from './command-words.js';
import { parseCopyIn, parseCopyOut, type CopyIn, type CopyOut } from './copy.js';
import { parseDuration } from './duration.js';
import { parseEnvFile, parseEnvInput, type LookupEnv } from './env-file.js';
import { readFileSync } from 'node:fs';
import { ActionError, InputError } from '../errors.js';

/** The Docker engine the inputs name (docker-host, tls-*): backends/docker/engine/address.ts. */
export interface AddressInputs {
  dockerHost?: string;
  tlsCa?: string;
  tlsCert?: string;
  tlsKey?: string;
}

export type WaitFor = 'none' | 'running' | 'healthy';

export type StdinSource = { kind: 'text'; text: string } | { kind: 'file'; path: string; size: number };

export interface Inputs {
  container: string;
  /** Exactly one of command (words) and script (the run input) is set. */
  command?: string[];
  script?: string;
  shell: string;
  /** Engine Env entries: env-file entries in file order, then the env input. */
  env: string[];
  /** Values to mask in the log (secret-looking names, TLS material). */
  secrets: string[];
  user?: string;
  workdir?: string;
  privileged: boolean;
  stdin?: StdinSource;
  tty: boolean;
  detach: boolean;
  failOnError: boolean;
  job?: JobContext;
  wait: WaitFor;
  waitTimeoutMs: number;
  retries: number;
  retryDelayMs: number;
  timeoutMs?: number;
  workflowCommands: boolean;
  summary: boolean;
  engine: AddressInputs;
  /** Which back end runs the command: the Docker Engine API, or Kubernetes' pods/exec. */
  backend: Backend;
  /** Where, on Kubernetes: the pod and its namespace (defaults are found at run time). */
  kube: { namespace?: string; pod?: string };
  workspace: string;
  /** For a container named by its Compose service. */
  compose: { project?: { name: string; from: string }; index: number };
  /** Lines of the container's own log to show when the step fails (0: none). */
  logsOnFailure: number;
  /** Copied into the container before the command, and out of it after. */
  copyIn: CopyIn[];
  copyOut: CopyOut[];
}

export type Backend = 'docker' | 'kubernetes';

/**
 * The `engine` input: `auto` means Kubernetes when the runner runs its jobs through container
 * hooks (actions-runner-controller's Kubernetes mode sets ACTIONS_RUNNER_CONTAINER_HOOKS) or
 * when a pod was named (kube-pod), else Docker.
 */
export function chooseBackend(given: string | undefined, kubePod: string | undefined, env: Env): Backend {
  const choice = given ?? 'auto';
  if (choice === 'docker' || choice === 'kubernetes') return choice;
  if (choice !== 'auto') throw new InputError('engine', `'${choice}' is not an engine: use auto, docker or kubernetes`);
  return env.ACTIONS_RUNNER_CONTAINER_HOOKS || kubePod ? 'kubernetes' : 'docker';
}

export interface JobContext {
  services: Record<string, { id?: string; network?: string }>;
  network?: string;
}

/** Names whose values are treated as secrets (masked if the container prints them). */
export const SECRET_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL|API_KEY|PRIVATE_KEY/i;

type Env = Record<string, string | undefined>;

function raw(name: string): string {
  return core.getInput(name, { trimWhitespace: false });
}

function text(name: string): string | undefined {
  const value = core.getInput(name);
  return value === '' ? undefined : value;
}

function boolean(name: string, fallback: boolean): boolean {
  const value = core.getInput(name);
  if (value === '') return fallback;
  if (/^(true|True|TRUE)$/.test(value)) return true;
  if (/^(false|False|FALSE)$/.test(value)) return false;
  throw new InputError(name, `'${value}' is not a boolean: use true or false`);
}

function count(name: string, fallback: number): number {
  const value = core.getInput(name);
  if (value === '') return fallback;
  if (!/^\d{1,4}$/.test(value)) throw new InputError(name, `'${value}' is not a whole number from 0 to 9999`);
  return Number(value);
}

function oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const value = core.getInput(name) || fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InputError(name, `'${value}' is not one of ${allowed.join(', ')}`);
  }
  return value as T;
}

function workspacePath(name: string, value: string, workspace: string): string {
  const file = path.resolve(workspace, value);
  if (!existsSync(file)) throw new InputError(name, `file ${value} does not exist (looked for ${file})`);
  if (!statSync(file).isFile()) throw new InputError(name, `${value} is not a file (${file})`);
  return file;
}

function parseJob(value: string | undefined): JobContext | undefined {
  if (!value) return undefined;
  // The runner evaluates the default `${{ toJSON(job) }}`; tools that run an action outside
  // it (@github/local-action reads action.yml's defaults as written) pass the expression
  // itself. That is no job context, not a mistake of the workflow's: service keys are then
  // not known, and every other way of naming the container still works.
  if (/^\s*\$\{\{[^]*\}\}\s*$/.test(value)) {
    core.debug(
      `Input 'job' is the unevaluated expression ${value.trim()}: no job context (not run by the Actions runner)`,
    );
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw new InputError(
      'job',
      `is not JSON (${(error as Error).message}): leave this input as is, it defaults to \${{ toJSON(job) }}`,
    );
  }
  if (!parsed || typeof parsed !== 'object') {
    throw new InputError('job', 'is not a JSON object: leave this input as is, it defaults to ${{ toJSON(job) }}');
  }
  const job = parsed as { services?: unknown; container?: { network?: unknown } };
  const services: JobContext['services'] = {};
  if (job.services && typeof job.services === 'object') {
    for (const [key, service] of Object.entries(job.services as Record<string, unknown>)) {
      if (service && typeof service === 'object') {
        const s = service as { id?: unknown; network?: unknown };
        services[key] = {
          id: typeof s.id === 'string' ? s.id : undefined,
          network: typeof s.network === 'string' ? s.network : undefined,
        };
      }
    }
  }
  const network = typeof job.container?.network === 'string' ? job.container.network : undefined;
  return { services, network };
}

function readEnvironment(workspace: string, env: Env): { entries: string[]; secrets: string[] } {
  const lookup: LookupEnv = (key) => env[key];
  const entries: string[] = [];
  for (const line of raw('env-file').split(/\r?\n/)) {
    const file = line.trim();
    if (!file) continue;
    const full = workspacePath('env-file', file, workspace);
    try {
      entries.push(...parseEnvFile(readFileSync(full), file, lookup));
    } catch (error) {
      if (error instanceof ActionError && !(error instanceof InputError))
        throw new InputError('env-file', error.message);
      throw error;
    }
  }
  try {
    entries.push(...parseEnvInput(raw('env'), lookup));
  } catch (error) {
    if (error instanceof ActionError && !(error instanceof InputError)) throw new InputError('env', error.message);
    throw error;
  }
  const secrets = entries
    .map((entry) => {
      const eq = entry.indexOf('=');
      return eq > 0 && SECRET_NAME.test(entry.slice(0, eq)) ? entry.slice(eq + 1) : '';
    })
    // A blank value masks nothing (the runner warns about an empty add-mask).
    .filter((value) => value.trim().length > 0);
  return { entries, secrets };
}

export function readInputs(env: Env = process.env): Inputs {
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const container = text('container');
  if (!container) throw new InputError('container', 'is required: give a service key, container name or ID');

  const commandText = raw('command');
  const script = raw('run');
  const hasCommand = commandText.trim() !== '';
  const hasScript = script.trim() !== '';
  if (hasCommand && hasScript) throw new InputError('run', 'command and run were both given: give exactly one');
  if (!hasCommand && !hasScript)
    throw new InputError('command', 'no command given: set command (one command line) or run (a script)');
  let command: string[] | undefined;
  if (hasCommand) {
    try {
      command = parseCommand(commandText);
    } catch (error) {
      if (error instanceof ActionError) throw new InputError('command', error.message);
      throw error;
    }
  }

  const stdinText = raw('stdin');
  const stdinFile = text('stdin-file');
  if (stdinText && stdinFile)
    throw new InputError('stdin-file', 'stdin and stdin-file were both given: give at most one');
  let stdin: StdinSource | undefined;
  if (stdinFile) {
    const file = workspacePath('stdin-file', stdinFile, workspace);
    stdin = { kind: 'file', path: file, size: statSync(file).size };
  } else if (stdinText) {
    stdin = { kind: 'text', text: stdinText };
  }

  const { entries, secrets } = readEnvironment(workspace, env);
  const engine: AddressInputs = {
    dockerHost: text('docker-host'),
    tlsCa: text('tls-ca'),
    tlsCert: text('tls-cert'),
    tlsKey: text('tls-key'),
  };
  for (const pem of [engine.tlsCa, engine.tlsCert, engine.tlsKey]) if (pem) secrets.push(pem);

  const tty = boolean('tty', false);
  const detach = boolean('detach', false);
  if (detach && stdin) throw new InputError('detach', 'a detached command cannot be given stdin or stdin-file');
  // With a TTY the engine closes the output when the input ends (moby's attach code), so
  // everything the command prints would be lost; docker exec -t refuses piped input too.
  if (tty && stdin)
    throw new InputError(
      'tty',
      'a TTY cannot be combined with stdin or stdin-file: the engine ends the output when the input ends, so the output would be lost',
    );
  const timeout = text('timeout');
  const copyOut = parseCopyOut(raw('copy-out'), workspace);
  if (detach && copyOut.length) {
    throw new InputError(
      'copy-out',
      'cannot be used with detach: a detached command has not ended when the step ends, so there is nothing to copy yet',
    );
  }

  const kubePod = text('kube-pod');
  const backend = chooseBackend(text('engine'), kubePod, env);
  const inputs: Inputs = {
    container,
    command,
    script: hasScript ? script : undefined,
    shell: text('shell') ?? 'sh',
    env: entries,
    secrets,
    user: text('user'),
    workdir: text('workdir'),
    privileged: boolean('privileged', false),
    stdin,
    tty,
    detach,
    failOnError: boolean('fail-on-error', true),
    job: parseJob(text('job')),
    wait: oneOf('wait', ['none', 'running', 'healthy'] as const, 'running'),
    waitTimeoutMs: parseDuration(text('wait-timeout') ?? '60s', 'wait-timeout'),
    retries: count('retries', 0),
    retryDelayMs: parseDuration(text('retry-delay') ?? '2s', 'retry-delay'),
    timeoutMs: timeout ? parseDuration(timeout, 'timeout') : undefined,
    workflowCommands: boolean('workflow-commands', false),
    summary: boolean('summary', true),
    engine,
    backend,
    kube: { namespace: text('kube-namespace'), pod: kubePod },
    workspace,
    compose: composeInputs(env),
    logsOnFailure: count('logs-on-failure', 50),
    copyIn: parseCopyIn(raw('copy-in'), workspace),
    copyOut,
  };
  return inputs;
}

/** compose-project (else COMPOSE_PROJECT_NAME, as `docker compose` reads it) and compose-index. */
function composeInputs(env: Env): Inputs['compose'] {
  const given = text('compose-project');
  const project = given
    ? { name: given, from: 'the compose-project input' }
    : env.COMPOSE_PROJECT_NAME
      ? { name: env.COMPOSE_PROJECT_NAME, from: 'COMPOSE_PROJECT_NAME' }
      : undefined;
  const index = count('compose-index', 1);
  if (index < 1) throw new InputError('compose-index', 'replicas are numbered from 1: give 1 or more');
  return { project, index };
}
