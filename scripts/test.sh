#!/usr/bin/env bash
# The full test tier: unit, integration (real engines) and end-to-end (the committed bundle
# under Node 24), on every engine we can start, and the Kubernetes back end on a real cluster.
# As root on a fresh Debian machine with Node: it installs what is missing, starts what it needs
# and stops what it started. The two tiers that need no root are `npm test` (unit) and
# `npm run test:engine` (the engine that answers). Extra arguments go to every jest run; with your
# own --selectProjects there is one run, of exactly what you selected.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[ -d node_modules ] || npm ci --no-audit --no-fund
export DEA_TEST_TIER=full
engine=$(bash scripts/engine.sh up)
endpoints=
newer=
podman5=
kube=
v5front=
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
  # Stop what this script started: the Kubernetes cluster, Podman 5, the newer Docker engines,
  # the loopback endpoints (Podman 4, TLS, SSH), then dockerd.
  if [ -n "$v5front" ]; then bash scripts/v5front.sh down || true; fi
  if [ "$kube" = started ]; then bash scripts/kube.sh down || true; fi
  if [ "$podman5" = started ]; then bash scripts/podman-sid.sh down || true; fi
  if [ "$newer" = started ]; then bash scripts/engines.sh down || true; fi
  if [ -n "$endpoints" ]; then bash scripts/endpoints.sh down || true; fi
  if [ "${engine:-}" = started ]; then bash scripts/engine.sh down || true; fi
}
trap cleanup EXIT
bash scripts/endpoints.sh up
endpoints=started
# One line per newer engine (scripts/engines.sh); an engine that cannot be had prints a SKIPPED
# line there and is left out here.
newer=started
engines=$(bash scripts/engines.sh up)
bash scripts/test-image.sh >/dev/null
# Podman 5 from a Debian sid root: engines.test.ts adds its rows when DEA_PODMAN5_HOST names it
# (and says SKIPPED when it cannot be had).
if podman=$(bash scripts/podman-sid.sh up); then
  podman5=started
  read -r _ DEA_PODMAN5_HOST _ <<<"$podman"
  export DEA_PODMAN5_HOST
fi
bash scripts/node24.sh >/dev/null
# The tests run dist/ as workflows do: make sure it is built from these sources.
node scripts/build.mjs
mkdir -p .cache
rm -f .cache/jest-*.json
jest() { node --experimental-vm-modules node_modules/jest/bin/jest.js --json "$@"; }
counts() { echo "$1: $(node scripts/jest-summary.mjs "$2")"; }
selected=
for arg in "$@"; do case "$arg" in --selectProjects|--selectProjects=*) selected=yes ;; esac; done
set +e
status=0
note() { [ "$status" -ne 0 ] || status=$1; }
if [ -n "$selected" ]; then
  jest --outputFile=.cache/jest-results.json "$@"
  note $?
else
  system=$(docker version --format '{{.Server.Version}}')
  jest --outputFile=.cache/jest-results.json "$@" --selectProjects unit integration e2e
  note $?
  # `disruptive` kills the engine under a running command: alone and in band.
  jest --outputFile=.cache/jest-disruptive.json --runInBand --passWithNoTests "$@" --selectProjects disruptive
  note $?
  lines=()
  [ -z "$engines" ] || mapfile -t lines <<<"$engines"
  for line in "${lines[@]}"; do
    read -r project host _ _ cli _ <<<"$line"
    PATH="$cli:$PATH" DOCKER_HOST=$host DEA_ENGINE_PROJECT=$project \
      jest --outputFile=".cache/jest-$project.json" "$@" --selectProjects "$project"
    note $?
  done
  # The Kubernetes back end on a real single-node cluster: built once per machine (cached in
  # /var/cache/docker-exec-action/kube), started here, stopped at the end with every change undone.
  kube=starting
  if kube=$(bash scripts/kube.sh up | tail -n 1); then
    jest --outputFile=.cache/jest-kubernetes.json "$@" --selectProjects kubernetes
    note $?
    # The exec suite again through the v5 front (Kubernetes >= 1.30's exec protocol), built once
    # per machine (cached in /var/cache/docker-exec-action/v5front); one SKIPPED line when it
    # cannot be had.
    if v5=$(bash scripts/v5front.sh up); then
      v5front=started
      DEA_KUBE_CLUSTER=${v5#KUBE_CLUSTER_V5=} \
        jest --outputFile=.cache/jest-kubernetes-v5.json "$@" --selectProjects kubernetes-v5
      note $?
    fi
  else
    # A failed `up` has undone what it started (its own trap).
    echo "test.sh: scripts/kube.sh up failed" >&2
    kube=failed
    note 1
  fi
  counts "docker-${system%%[+~-]*} (system), with the Podman, TLS and SSH endpoints" .cache/jest-results.json
  counts disruptive .cache/jest-disruptive.json
  for f in .cache/jest-docker-*.json .cache/jest-kubernetes.json .cache/jest-kubernetes-v5.json; do
    [ -f "$f" ] && counts "$(basename "$f" .json | sed 's/^jest-//')" "$f"
  done
fi
set -e
echo "all: $(node scripts/jest-summary.mjs .cache/jest-*.json)"
exit "$status"
