// The container's own log, shown when the step fails: the cause of a failed command is often
// there rather than in the command's output (a Postgres that refused the connection, ran out
// of shared memory, rejected a password). Shown behind the same guard as the command's
// output, since the service wrote it; a log that cannot be read is said in one line, and never
// fails anything of its own. The back end reads it (Docker: backends/docker/log.ts).
import * as core from '@actions/core';
import { inert, type OutputGuard } from './guard.js';

export type ServiceLog = { lines: string[] } | { unavailable: string };

/** Prints the log of `name` in a collapsed group, behind the guard. */
export async function showServiceLog(name: string, log: ServiceLog, guard: OutputGuard): Promise<void> {
  if ('unavailable' in log) {
    core.info(inert(log.unavailable));
    return;
  }
  if (!log.lines.length) {
    core.info(inert(`The log of ${name} is empty`));
    return;
  }
  core.startGroup(`Last ${log.lines.length} lines of the log of ${name}`);
  guard.open();
  process.stdout.write(log.lines.map((line) => `${line}\n`).join(''));
  guard.saw(Buffer.from('\n'));
  await guard.close();
  core.endGroup();
}
