#!/usr/bin/env bash
# Shows the action working: starts a throwaway container (no network) and runs the committed
# bundle in it the way a workflow step runs it: the step below, in YAML, gives its inputs
# under `with:`, action.yml supplies the defaults (both read by scripts/run-step.mjs with a
# strict YAML parser), and Node 24 runs dist/index.js with the runner's INPUT_ variables and
# GITHUB_OUTPUT file. Prints the outputs and removes the container. Needs only Node and a
# Docker engine (on Debian as root it installs and starts one, and stops it again).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[ -d node_modules/yaml ] || npm ci --no-audit --no-fund
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
cat > "$scratch/step.yml" <<YAML
name: Run a script in the container
uses: ./
with:
  container: $name
  env-file: demo.env
  workdir: /tmp
  run: |
    echo "\$GREETING, running as \$(id -un) in \$(pwd)"
    cat <<SQL
    select 1; -- a heredoc survives: lines are never joined
    SQL
    echo "a warning on stderr" >&2
YAML
echo "--- the step (as a workflow would give it):"
cat "$scratch/step.yml"
echo "--- running: node dist/index.js (container: $name)"
node scripts/run-step.mjs "$scratch/step.yml" --node "$node" --workspace "$scratch"
