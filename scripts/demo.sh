#!/usr/bin/env bash
# Shows the action working: starts a throwaway container (no network), runs the committed
# bundle in it the way a workflow does (Node 24, INPUT_* variables, GITHUB_OUTPUT), prints
# the outputs, and removes the container. Needs only Node and a Docker engine (on Debian as
# root it installs and starts one, and stops it again).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
engine=$(bash scripts/engine.sh up)
name="docker-exec-action-demo-$$"
scratch=$(mktemp -d)
cleanup() {
  docker rm -f "$name" >/dev/null 2>&1 || true
  rm -rf "$scratch"
  if [ "${engine:-}" = started ]; then bash scripts/engine.sh down || true; fi
}
trap cleanup EXIT
image=$(bash scripts/test-image.sh)
node=$(bash scripts/node24.sh)
docker run -d --name "$name" --network none "$image" >/dev/null
printf 'GREETING=hello from an env-file\n# comments are skipped\n' > "$scratch/demo.env"
: > "$scratch/output"; : > "$scratch/summary"
echo "--- running: node dist/index.js (container: $name)"
set +e
env -i PATH="$PATH" HOME="${HOME:-/root}" GITHUB_ACTIONS=true \
  GITHUB_WORKSPACE="$scratch" GITHUB_OUTPUT="$scratch/output" GITHUB_STEP_SUMMARY="$scratch/summary" \
  INPUT_CONTAINER="$name" \
  INPUT_RUN='echo "$GREETING, running as $(id -un) in $(pwd)"
cat <<SQL
select 1; -- a heredoc survives: lines are never joined
SQL
echo "a warning on stderr" >&2' \
  INPUT_SHELL=sh INPUT_WAIT=running INPUT_WAIT-TIMEOUT=60s INPUT_RETRIES=0 INPUT_RETRY-DELAY=2s \
  INPUT_ENV-FILE=demo.env INPUT_WORKDIR=/tmp INPUT_SUMMARY=true INPUT_FAIL-ON-ERROR=true \
  "$node" dist/index.js
status=$?
set -e
echo "--- exit status of the action: $status"
echo "--- GITHUB_OUTPUT:"
cat "$scratch/output"
exit $status
