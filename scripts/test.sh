#!/usr/bin/env bash
# Runs every test: unit, integration (real engines) and end-to-end (the committed bundle
# under Node 24). Works on a fresh Debian machine with Node as root, or on any machine with
# a Docker engine: it installs what is missing, starts the engines it needs and stops them.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[ -d node_modules ] || npm ci --no-audit --no-fund
engine=$(bash scripts/engine.sh up)
trap 'if [ "${engine:-}" = started ]; then bash scripts/engine.sh down || true; fi' EXIT
bash scripts/test-image.sh >/dev/null
bash scripts/node24.sh >/dev/null
# The tests run dist/ as workflows do: make sure it is built from these sources.
node scripts/build.mjs
mkdir -p .cache
set +e
node --experimental-vm-modules node_modules/jest/bin/jest.js --json --outputFile=.cache/jest-results.json "$@"
status=$?
set -e
node -e '
  const r = require(process.argv[1]);
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
' "$root/.cache/jest-results.json" 2>/dev/null || true
exit $status
