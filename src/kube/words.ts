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

/** The status pods/exec sends on its channel 3 (a metav1.Status). */
export interface ExecStatus {
  status?: string;
  message?: string;
  reason?: string;
  details?: { causes?: Array<{ reason?: string; message?: string }> };
}

/**
 * The exit code a status gives, or why it gives none. Kubernetes reports a non-zero exit as
 * Failure/NonZeroExitCode with the code in an ExitCode cause (kubelet's exec stream); any
 * other failure (the command could not start, the container went away) has no exit code.
 */
export function exitFromStatus(status: ExecStatus): { exitCode?: number; problem?: string } {
  if (status.status === 'Success') return { exitCode: 0 };
  if (status.status === 'Failure' && status.reason === 'NonZeroExitCode') {
    const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
    const code = cause?.message !== undefined && /^\d+$/.test(cause.message) ? Number(cause.message) : undefined;
    if (code !== undefined) return { exitCode: code };
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
export function hookBaseName(image: string): string {
  const withoutDigest = image.split('@')[0];
  const last = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  return colon < 0 ? last : last.slice(0, colon);
}

/** Whether a container's name is the one the hook gives its image (`-N` for duplicates). */
export function fitsHookName(name: string, image: string): boolean {
  const base = hookBaseName(image);
  return name === base || (name.startsWith(`${base}-`) && /^\d+$/.test(name.slice(base.length + 1)));
}

/** The user name in a service-account token (`system:serviceaccount:NS:NAME`), for messages. */
export function tokenSubject(token: string | undefined): string | undefined {
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown };
    return typeof claims.sub === 'string' ? claims.sub : undefined;
  } catch {
    return undefined;
  }
}
