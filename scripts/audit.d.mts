// Types of scripts/audit.mjs.
export const FAILING_SEVERITIES: readonly string[];
export function judgeAudit(stdout: string): { verdict: 'ok' | 'findings' | 'unavailable'; lines: string[] };
