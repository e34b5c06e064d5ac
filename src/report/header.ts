// The collapsed header group: which engine, which container (and how it was found), as whom,
// where, what command and which variables (names only), before the command runs.
import { displayCommand } from '../inputs/command-words.js';
import { envNames } from '../inputs/env-file.js';
import type { Inputs } from '../inputs/inputs.js';
import type { ScriptPlan } from '../inputs/script.js';

/** The command as the header and the summary show it; a script as its size only. */
export function describeCommand(inputs: Pick<Inputs, 'script'>, plan: ScriptPlan): string {
  if (!inputs.script) return displayCommand(plan.cmd);
  const lines = inputs.script.replace(/\n$/, '').split('\n').length;
  const shell = displayCommand(plan.file ? plan.cmd : plan.cmd.slice(0, -1));
  return `${shell} <script: ${lines} line(s), ${Buffer.byteLength(inputs.script)} bytes>`;
}

/** What the back end says of the container found, in the words the header and the report use. */
export interface TargetFacts {
  /** The container-id output: the engine's container ID (the runtime's, on Kubernetes). */
  id: string;
  /** Its name, for the annotation's title and the summary. */
  name: string;
  /** The header's Engine line: where the command runs. */
  engine: string;
  /** The header's Container line: which one, its image and state, how it was found. */
  container: string;
  /** The user and working directory the image gives, when the back end knows them. */
  imageUser?: string;
  imageWorkdir?: string;
}

export function headerLines(target: TargetFacts, inputs: Inputs, command: string): string[] {
  return [
    `Engine:    ${target.engine}`,
    `Container: ${target.container}`,
    ...runLines(inputs, command, target.imageUser, target.imageWorkdir),
  ];
}

/** The header's lines about the command itself, on any back end. */
export function runLines(inputs: Inputs, command: string, imageUser?: string, imageWorkdir?: string): string[] {
  const names = envNames(inputs.env);
  return [
    `User:      ${inputs.user ?? (imageUser || "the container's (root)")}`,
    `Workdir:   ${inputs.workdir ?? (imageWorkdir || "the container's (/)")}`,
    `Command:   ${command}`,
    `Env:       ${names.length ? names.join(', ') : '(none added)'}`,
    ...(inputs.stdin
      ? [
          `Stdin:     ${inputs.stdin.kind === 'file' ? `${inputs.stdin.path} (${inputs.stdin.size} bytes)` : `text (${Buffer.byteLength(inputs.stdin.text)} bytes)`}`,
        ]
      : []),
    ...(inputs.tty ? ['TTY:       yes (stderr merged into stdout)'] : []),
  ];
}
