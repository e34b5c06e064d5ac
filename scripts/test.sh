#!/usr/bin/env bash
# Runs every test: unit, integration (real engines) and end-to-end (the committed bundle
# under Node 24). Works on a fresh Debian machine with Node as root, or on any machine with
# a Docker engine: it installs what is missing, starts the engines it needs and stops them.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[ -d node_modules ] || npm ci --no-audit --no-fund
engine=$(bash scripts/engine.sh up)
endpoints=
cleanup() {
  # Stop what this script started: the loopback engines (Podman, TLS, SSH), then dockerd.
  if [ -n "$endpoints" ]; then bash scripts/endpoints.sh down || true; fi
  if [ "${engine:-}" = started ]; then bash scripts/engine.sh down || true; fi
}
trap cleanup EXIT
# The engines matrix (issue 6) needs Podman's API and TLS and SSH endpoints on loopback.
bash scripts/endpoints.sh up
endpoints=started
bash scripts/test-image.sh >/dev/null
bash scripts/node24.sh >/dev/null
# The tests run dist/ as workflows do: make sure it is built from these sources.
node scripts/build.mjs
mkdir -p .cache
rm -f .cache/jest-results.json .cache/jest-disruptive.json
jest() { node --experimental-vm-modules node_modules/jest/bin/jest.js --json "$@"; }
# Two runs: unit, integration and e2e side by side; then, alone and in band, `disruptive`
# (it kills the engine under a running command). Extra arguments go to both; with your own
# --selectProjects there is one run, of exactly what you selected.
selected=
for arg in "$@"; do case "$arg" in --selectProjects|--selectProjects=*) selected=yes ;; esac; done
set +e
if [ -n "$selected" ]; then
  jest --outputFile=.cache/jest-results.json "$@"
  status=$?
else
  jest --outputFile=.cache/jest-results.json "$@" --selectProjects unit integration e2e
  status=$?
  jest --outputFile=.cache/jest-disruptive.json --runInBand --passWithNoTests "$@" --selectProjects disruptive
  disruptive_status=$?
  [ "$status" -ne 0 ] || status=$disruptive_status
fi
set -e
node -e '
  const fs = require("fs");
  const runs = process.argv.slice(1).filter((f) => fs.existsSync(f)).map((f) => JSON.parse(fs.readFileSync(f, "utf8")));
  const sum = (k) => runs.reduce((n, r) => n + r[k], 0);
  console.log(`tests: ${sum("numPassedTests")} passed, ${sum("numFailedTests")} failed, ${sum("numPendingTests")} skipped`);
' "$root/.cache/jest-results.json" "$root/.cache/jest-disruptive.json" 2>/dev/null || true
exit $status
