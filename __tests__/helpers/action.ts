// Runs the committed bundle the way the Actions runner does: `node dist/index.js` under
// Node 24, inputs as INPUT_<NAME> (upper-cased, hyphens kept) with action.yml's defaults
// applied, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, and a working directory as workspace.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  inputEnvironment as runnerInputEnvironment,
  parseOutputFile,
  readActionYml,
  stepEnvironment,
} from '../../scripts/action-runner.mjs';
import { ROOT } from './docker.js';

let node24: string | undefined;
export function node24Path(): string {
  node24 ??= execFileSync('bash', [path.join(ROOT, 'scripts/node24.sh')], { encoding: 'utf8' }).trim();
  return node24;
}

export interface ActionRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  stdoutBytes: Buffer;
  outputs: Record<string, string>;
  summary: string;
  /** Everything in one place for assertions on messages. */
  log: string;
}

export interface RunOptions {
  /** Extra environment (DOCKER_HOST, RUNNER_DEBUG, values for bare env KEYs, ...). */
  env?: Record<string, string>;
  /** The job context the runner would pass for `${{ toJSON(job) }}`. */
  job?: unknown;
  /** Folder that holds action.yml and dist/ (default: the repository). */
  actionDir?: string;
  /** Workspace folder (default: a fresh temporary folder). */
  workspace?: string;
  /** Node binary (default: Node 24). */
  node?: string;
  /** Called with the child once it runs (to send signals). */
  onSpawn?: (child: ChildProcess) => void;
  /** Kill the action after this long (a hang is a failure of the test, not a pass). */
  killAfterMs?: number;
  /** Stream the action's stdout somewhere instead of keeping it (large outputs). */
  keepStdout?: boolean;
  /**
   * false: no GITHUB_OUTPUT and no GITHUB_STEP_SUMMARY, as on runners that predate those
   * files and under @github/local-action (outputs then come as `::set-output::` commands).
   */
  runnerFiles?: boolean;
}

/** The INPUT_ variables the runner would set: action.yml defaults, then the given inputs. */
export function inputEnvironment(
  inputs: Record<string, string>,
  job: unknown,
  actionDir = ROOT,
): Record<string, string> {
  return runnerInputEnvironment(readActionYml(path.join(actionDir, 'action.yml')).inputs, inputs, job);
}

/** The container's output as the job log shows it: between the guard's markers. */
export function guarded(stdout: string): string {
  const start = /::stop-commands::([0-9a-f]+)\n/.exec(stdout);
  if (!start) throw new Error(`no stop-commands marker in:\n${stdout}`);
  const end = stdout.indexOf(`::${start[1]}::\n`, start.index);
  if (end < 0) throw new Error('no resume marker');
  return stdout.slice(start.index + start[0].length, end);
}

export interface RunnerFiles {
  scratch: string;
  outputFile: string;
  summaryFile: string;
  env: Record<string, string>;
}

/**
 * What the runner gives a step: a temporary folder, empty GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY files, the workspace, and the INPUT_ variables.
 */
export function runnerEnvironment(
  inputs: Record<string, string>,
  workspace: string,
  options: { job?: unknown; actionDir?: string; scratch?: string } = {},
): RunnerFiles {
  const scratch = options.scratch ?? mkdtempSync(path.join(tmpdir(), 'dea-run-'));
  execFileSync('mkdir', ['-p', workspace]);
  const { outputFile, summaryFile, env: stepEnv } = stepEnvironment(workspace, scratch);
  const env = { ...stepEnv, ...inputEnvironment(inputs, options.job, options.actionDir ?? ROOT) };
  return { scratch, outputFile, summaryFile, env };
}

export async function runAction(inputs: Record<string, string>, options: RunOptions = {}): Promise<ActionRun> {
  const actionDir = options.actionDir ?? ROOT;
  const scratch = mkdtempSync(path.join(tmpdir(), 'dea-run-'));
  const workspace = options.workspace ?? path.join(scratch, 'workspace');
  const files = runnerEnvironment(inputs, workspace, { job: options.job, actionDir, scratch });
  const { outputFile, summaryFile } = files;
  const env: Record<string, string> = { ...files.env, ...options.env };
  if (options.runnerFiles === false) {
    delete env.GITHUB_OUTPUT;
    delete env.GITHUB_STEP_SUMMARY;
  }
  const child = spawn(options.node ?? node24Path(), [path.join(actionDir, 'dist/index.js')], {
    cwd: workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  options.onSpawn?.(child);
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const log: string[] = [];
  child.stdout.on('data', (b: Buffer) => {
    if (options.keepStdout !== false) out.push(b);
  });
  child.stderr.on('data', (b: Buffer) => err.push(b));
  const killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 60_000);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('close', (c, s) => resolve([c, s])),
  );
  clearTimeout(killer);
  const stdoutBytes = Buffer.concat(out);
  const stdout = stdoutBytes.toString('utf8');
  const stderr = Buffer.concat(err).toString('utf8');
  log.push(stdout, stderr);
  const outputs = parseOutputFile(readFileSync(outputFile, 'utf8'));
  const summary = readFileSync(summaryFile, 'utf8');
  rmSync(scratch, { recursive: true, force: true });
  return { code, signal, stdout, stderr, stdoutBytes, outputs, summary, log: log.join('\n') };
}

export interface Measured {
  code: number | null;
  ms: number;
  peakKiB: number;
  stderr: string;
  outputs: Record<string, string>;
}

/**
 * Runs the bundle as runAction does, but under /usr/bin/time for its peak RSS, with its
 * stdout handed to `onStdout` (nothing kept).
 */
export async function measuredRun(
  inputs: Record<string, string>,
  workspace: string,
  onStdout: (chunk: Buffer) => void,
): Promise<Measured> {
  const { scratch, outputFile, env } = runnerEnvironment(inputs, workspace);
  const started = Date.now();
  const child = spawn('/usr/bin/time', ['-f', 'peak-rss-kib=%M', node24Path(), path.join(ROOT, 'dist/index.js')], {
    cwd: workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const err: Buffer[] = [];
  child.stdout.on('data', onStdout);
  child.stderr.on('data', (b: Buffer) => err.push(b));
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  const ms = Date.now() - started;
  const stderr = Buffer.concat(err).toString();
  const peak = /peak-rss-kib=(\d+)\s*$/.exec(stderr);
  if (!peak) throw new Error(`no peak RSS in: ${stderr.slice(-2000)}`);
  const outputs = parseOutputFile(readFileSync(outputFile, 'utf8'));
  rmSync(scratch, { recursive: true, force: true });
  return { code, ms, peakKiB: Number(peak[1]), stderr, outputs };
}
