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

/** What the wrapper needs to know beyond the command itself. */
export interface KubeCommandOptions {
  /** Docker-style Env entries: KEY=VALUE sets, a bare KEY removes. */
  env: string[];
  workdir?: string;
  /** The exact size of the standard input when the server cannot close it (no v5): head -c. */
  stdinBytes?: number;
}

/** The argv sent to pods/exec for `cmd`. */
export function kubeArgv(cmd: string[], options: KubeCommandOptions): string[] {
  const removals = options.env.filter((entry) => !entry.includes('=')).flatMap((key) => ['-u', key]);
  const sets = options.env.filter((entry) => entry.includes('='));
  const steps: string[] = [];
  const args: string[] = [];
  if (options.workdir !== undefined) {
    steps.push('cd -- "$1" || exit 127; shift;');
    args.push(options.workdir);
  }
  if (options.stdinBytes !== undefined) {
    steps.push('n=$1; shift; head -c "$n" | "$@"');
    args.push(String(options.stdinBytes));
  } else if (steps.length) {
    steps.push('exec "$@"');
  }
  const inner = steps.length ? ['sh', '-c', steps.join(' '), 'sh', ...args, ...cmd] : cmd;
  // `--` would end env's options, but busybox's env takes it as the command's name.
  return removals.length || sets.length ? ['env', ...removals, ...sets, ...inner] : inner;
}
