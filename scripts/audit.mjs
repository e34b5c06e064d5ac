// npm audit of the runtime dependencies (the ones bundled into dist/), failing on high or
// critical findings. Development dependencies never reach users and are not judged.
//
//   node scripts/audit.mjs                    the registry must answer (release workflow)
//   node scripts/audit.mjs --if-available     a registry that refuses the audit endpoint is one
//                                             loud warning line, not a failure (.ci/run: mirrors
//                                             and offline registries answer 405 or 404 there)
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FAILING_SEVERITIES = ['high', 'critical'];

/**
 * Judges `npm audit --omit=dev --json` output: `ok`, `findings` (with one line per vulnerable
 * package) or `unavailable` (the registry gave no report: its error, or output that is no report).
 */
export function judgeAudit(stdout) {
  let report;
  try {
    report = JSON.parse(stdout);
  } catch {
    return { verdict: 'unavailable', lines: [`npm audit printed no JSON report: ${stdout.trim().slice(0, 200)}`] };
  }
  if (!report || typeof report !== 'object' || report.error || !report.vulnerabilities)
    return {
      verdict: 'unavailable',
      lines: [
        `the registry gave no audit report: ${report?.message ?? report?.error?.summary ?? 'no vulnerabilities field'}`,
      ],
    };
  const failing = Object.values(report.vulnerabilities).filter((v) => FAILING_SEVERITIES.includes(v.severity));
  if (!failing.length) return { verdict: 'ok', lines: [] };
  return {
    verdict: 'findings',
    lines: failing.map((v) => {
      const advisories = (v.via ?? []).filter((via) => typeof via === 'object').map((via) => via.url ?? via.title);
      const through = (v.via ?? []).filter((via) => typeof via === 'string');
      return `${v.name} ${v.range ?? ''}: ${v.severity}${advisories.length ? ` (${advisories.join(', ')})` : ''}${through.length ? ` through ${through.join(', ')}` : ''}; fix available: ${v.fixAvailable ? 'yes' : 'no'}`;
    }),
  };
}

function main(argv) {
  const ifAvailable = argv.includes('--if-available');
  const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', timeout: 120_000 });
  const { verdict, lines } = judgeAudit(run.stdout ?? '');
  if (verdict === 'ok') {
    console.log('npm audit: no high or critical finding in the runtime dependencies');
    return 0;
  }
  if (verdict === 'findings') {
    for (const line of lines) console.error(`npm audit: ${line}`);
    console.error(
      `npm audit: ${lines.length} runtime dependency(ies) with high or critical findings: update them and rebuild dist/`,
    );
    return 1;
  }
  if (ifAvailable) {
    console.error(`WARNING: npm audit NOT RUN: ${lines[0]}; the release workflow runs it and fails without it`);
    return 0;
  }
  console.error(`npm audit: ${lines[0]}; a release needs the audit`);
  return 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  process.exitCode = main(process.argv.slice(2));
