// What pods/exec's status channel (channel 3) says of the command's end.

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
