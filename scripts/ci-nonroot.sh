#!/usr/bin/env bash
# The steps of .github/workflows/ci.yml's matrix job, run here the way GitHub's runner runs them:
# as a user that is not root and is in the docker group, on a clone of this checkout's HEAD.
#   sudo bash scripts/ci-nonroot.sh      (called by .ci/run)
# The user `dea-ci` is created once; its clone is made afresh and removed at the end. It runs
# npm ci, the build and dist check, `npm test` with no engine reachable, and `npm run test:engine`
# against the system engine (scripts/engine.sh up must have started or found it).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
user=dea-ci
say() { echo "ci-nonroot.sh: $*" >&2; }
[ "$(id -u)" = 0 ] || { say "needs root (it creates the user $user)"; exit 1; }
getent group docker >/dev/null || { say "no docker group: install Docker first (scripts/engine.sh up)"; exit 1; }
id "$user" >/dev/null 2>&1 || useradd --create-home --shell /bin/bash "$user"
usermod -aG docker "$user"
home=$(getent passwd "$user" | cut -d: -f6)
clone="$home/clone"
cleanup() { rm -rf "$clone"; }
trap cleanup EXIT
rm -rf "$clone"
# A clone of HEAD, as actions/checkout makes one, owned by the user (the source may be readable
# by root alone).
git clone -q "$root" "$clone"
chown -R "$user:" "$clone"
# The PATH a login of that user gets (not root's, whose folders it cannot read).
as_user() { (cd "$clone" && runuser -u "$user" -- env -i HOME="$home" PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 CI=true "$@"); }
say "npm ci"
as_user npm ci --no-audit --no-fund >/dev/null
say "build and dist check"
as_user node scripts/build.mjs
if [ -n "$(as_user git status --porcelain -- dist)" ]; then
  say "dist/ differs from a fresh build"; exit 1
fi
say "npm test, with no engine reachable"
as_user env DOCKER_HOST=unix:///nonexistent/docker.sock npm test
say "npm run test:engine, against the system engine"
as_user npm run test:engine
