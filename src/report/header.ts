// The collapsed header group: which engine, which container (and how it was found), as whom,
// where, what command and which variables (names only), before the command runs.
import { displayName } from '../container/find.js';
import type { ContainerDetails, Engine } from '../engine/engine.js';
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

export function headerLines(
  engine: Engine,
  container: ContainerDetails,
  via: string,
  inputs: Inputs,
  command: string,
): string[] {
  const { State, Config } = container;
  return [
    `Engine:    ${engine.target.address} (${engine.target.source}), ${engine.description ?? 'version not reported'}`,
    `Container: ${displayName(container)} ${container.Id.slice(0, 12)} (${Config.Image}, ${State.Status}${State.Health ? `, ${State.Health.Status}` : ''}; found as ${via})`,
    ...runLines(inputs, command, Config.User, Config.WorkingDir),
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
