// The one interface between the step (src/step/) and a back end (src/backends/docker/, the
// Docker Engine API; src/backends/kubernetes/, pods/exec). The step reads the inputs, asks the
// back end for the container, ready, and then runs everything through these calls; it never
// sees an engine, a pod or a Docker type.
import type { CopyIn, CopyOut } from '../inputs/copy.js';
import type { StdinSource } from '../inputs/inputs.js';
import type { ServiceLog } from '../report/service-log.js';
import type { TargetFacts } from '../report/header.js';
import type { StreamEnd, StreamTargets } from './output.js';

export type { StreamEnd, StreamTargets } from './output.js';
export type { TargetFacts } from '../report/header.js';

/** What the command is, as any back end runs it. */
export interface ExecSpec {
  cmd: string[];
  env: string[];
  user?: string;
  workdir?: string;
  privileged: boolean;
  tty: boolean;
  stdin?: StdinSource;
}

export interface ExecOutcome {
  execId: string;
  /** The exit code the back end reported; absent when it is not known. */
  exitCode?: number;
  /** Set when the run cannot be trusted: why (one line). */
  problem?: string;
  stream: StreamEnd;
}

/** What a small helper command (cleanup, stopping) printed, and how it ended. */
export interface HelperOutput {
  exitCode?: number;
  output: string;
}

/** The command's runs: what attempts (src/step/attempts.ts) drives, on any back end. */
export interface CommandRunner {
  /**
   * Makes the command ready to start, with a new marker in its environment (shared/marker.ts):
   * its ID and that marker.
   */
  create(spec: ExecSpec): Promise<{ id: string; marker: string }>;
  /** Runs it attached until its output has ended and its exit status is known (or known to be unknown). */
  attach(id: string, spec: ExecSpec, targets: StreamTargets): Promise<ExecOutcome>;
  /** Stops the command's processes (TERM, then KILL): a short description for the log. */
  stop(id: string, marker: string): Promise<string>;
}

/** The container found, ready: what it is, and what can be done in it. */
export interface Target {
  /** What the header, the outputs and the report say about it. */
  facts: TargetFacts;
  runner: CommandRunner;
  /** Runs a helper command as root where the back end can choose (no marker, output collected). */
  runQuiet(cmd: string[]): Promise<HelperOutput>;
  /** Writes a file (the script of `run`); throws an ActionError naming the file's folder. */
  placeFile(path: string, content: Buffer): Promise<void>;
  /** Removes it again; a failure to remove it fails nothing. */
  removeFile(path: string): Promise<void>;
  /** Starts the command without waiting for it: its ID. Absent where the back end cannot. */
  detach?(spec: ExecSpec): Promise<string>;
  /** Copies files in before the command: how many bytes. Absent where the back end cannot. */
  copyIn?(entries: CopyIn[], user: string | undefined): Promise<number>;
  /** Copies files out after the command; a failure is returned, not thrown. */
  copyOut?(entries: CopyOut[], workspace: string): Promise<{ bytes: number } | { failure: string }>;
}

/**
 * What a back end cannot do, each with the reason given to the user (the rest of the line:
 * step/capabilities.ts names the input). Known before the back end is loaded.
 */
export type Capability = 'user' | 'privileged' | 'detach' | 'copy' | 'docker-engine';
export type Lacks = Partial<Record<Capability, string>>;

export interface Backend {
  /** Finds the container the inputs name and waits until it can run the command. */
  findReady(spec: ExecSpec, signal: AbortSignal): Promise<Target>;
  /**
   * The end of the container's own log, once the container was found (before it is ready too);
   * undefined before that. Absent where the back end cannot read one.
   */
  recentLog?(lines: number): Promise<{ name: string; log: ServiceLog } | undefined>;
  /** The run is over: close the connection (an SSH connection would keep the process alive). */
  close(): void;
}
