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
newer=
kube=
cleanup() {
  # Stop what this script started: the Kubernetes cluster, the newer Docker engines, the
  # loopback engines (Podman, TLS, SSH), then dockerd.
  if [ "$kube" = started ]; then bash scripts/kube.sh down || true; fi
  if [ -n "$newer" ] && [ "$newer" != reused ]; then bash scripts/engines.sh down || true; fi
  if [ -n "$endpoints" ]; then bash scripts/endpoints.sh down || true; fi
  if [ "${engine:-}" = started ]; then bash scripts/engine.sh down || true; fi
}
trap cleanup EXIT
# The engines matrix (issue 6) needs Podman's API and TLS and SSH endpoints on loopback.
bash scripts/endpoints.sh up
endpoints=started
# Docker 26.1 and 28.5 beside the system's 20.10 (downloaded once, cached in .cache/engines):
# one line per engine, "docker-<version> DOCKER_HOST version API started|reused".
newer=starting
engines=$(bash scripts/engines.sh up)
if grep -q ' started$' <<<"$engines"; then newer=started; else newer=reused; fi
bash scripts/test-image.sh >/dev/null
bash scripts/node24.sh >/dev/null
# The tests run dist/ as workflows do: make sure it is built from these sources.
node scripts/build.mjs
mkdir -p .cache
rm -f .cache/jest-*.json
jest() { node --experimental-vm-modules node_modules/jest/bin/jest.js --json "$@"; }
# Runs: unit, integration and e2e side by side; then, alone and in band, `disruptive` (it
# kills the engine under a running command); then the engine-independent integration suites
# once per newer engine, as the jest project named after it (e.g. docker-28.5.2) with
# DOCKER_HOST pointing at it. Extra arguments go to every run; with your own --selectProjects
# there is one run, of exactly what you selected (an engine's project needs its DOCKER_HOST).
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
  mapfile -t lines <<<"$engines"
  for line in "${lines[@]}"; do
    read -r name host _ <<<"$line"
    DOCKER_HOST=$host jest --outputFile=".cache/jest-$name.json" --passWithNoTests "$@" --selectProjects "$name"
    engine_status=$?
    [ "$status" -ne 0 ] || status=$engine_status
  done
  # The Kubernetes back end (issue 18) on a real single-node cluster: built once per machine
  # (~8 min, cached in /var/cache/docker-exec-action/kube), started here (~10 s), stopped at
  # the end with every change it made undone.
  kube=starting
  if kube=$(bash scripts/kube.sh up | tail -n 1); then
    jest --outputFile=.cache/jest-kubernetes.json "$@" --selectProjects kubernetes
    kube_status=$?
  else
    # A failed `up` has undone what it started (its own trap).
    echo "test.sh: scripts/kube.sh up failed" >&2
    kube=failed
    kube_status=1
  fi
  [ "$status" -ne 0 ] || status=$kube_status
fi
set -e
node -e '
  const fs = require("fs");
  const runs = process.argv.slice(1).filter((f) => fs.existsSync(f)).map((f) => JSON.parse(fs.readFileSync(f, "utf8")));
  const sum = (k) => runs.reduce((n, r) => n + r[k], 0);
  console.log(`tests: ${sum("numPassedTests")} passed, ${sum("numFailedTests")} failed, ${sum("numPendingTests")} skipped`);
' "$root"/.cache/jest-*.json 2>/dev/null || true
exit $status
