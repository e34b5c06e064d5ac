#!/usr/bin/env bash
# v5front: the exec protocol of Kubernetes >= 1.30 (v5.channel.k8s.io, served by the API
# server's own StreamTranslatorHandler) in front of the 1.20 test cluster of scripts/kube.sh.
# The front's source and build script are in ../shared/kubernetes/v5front/ beside the clone
# (main.go, build.sh; DEA_V5FRONT_SRC overrides the folder); the binary is built once per machine
# from Debian sid's golang-k8s-apiserver-dev in a sid root (about 3 min for the root, 2.5 min
# for the build on 2 cores) and cached in /var/cache/docker-exec-action/v5front/.
#
#   scripts/v5front.sh build   build once (locked: parallel callers wait for one build)
#   scripts/v5front.sh up      build if needed, then start the front on 127.0.0.1:16444 in front
#                              of the running cluster (scripts/kube.sh up first); writes
#                              .cache/kube/cluster-v5.json (the cluster's, the step's
#                              kubeconfigs pointing at the front) and prints
#                              `KUBE_CLUSTER_V5=<that file>`
#   scripts/v5front.sh down    stop the front that `up` started
# On any failure of build or up: one line `SKIPPED v5front: <why>` on stderr, exit 3 (the caller
# runs the Kubernetes tests directly only).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=processes.sh
. "$root/scripts/processes.sh"
src=${DEA_V5FRONT_SRC:-$(cd "$root/.." && pwd)/shared/kubernetes/v5front}
# BUILD_REV: bump when the build changes in a way that changes the binary.
BUILD_REV=1
cache=/var/cache/docker-exec-action/v5front
binary="$cache/b$BUILD_REV/v5front"
state="$root/.cache/kube"
pidfile="$state/v5front.pid"
log="$state/logs/v5front.log"
listen=127.0.0.1:16444
kubelet=https://127.0.0.1:20250

say() { echo "v5front.sh: $*" >&2; }
skip() { echo "SKIPPED v5front: $*" >&2; exit 3; }

build() {
  [ -x "$binary" ] && return 0
  [ "$(id -u)" = 0 ] || skip "building needs root (a sid root with mmdebstrap, chroot)"
  if [ ! -f "$src/build.sh" ] || [ ! -f "$src/main.go" ]; then skip "no front source in $src (build.sh, main.go)"; fi
  mkdir -p "$cache"
  exec 8>"$cache/build.lock"
  flock 8
  if [ -x "$binary" ]; then exec 8>&-; return 0; fi
  if ! command -v mmdebstrap >/dev/null 2>&1; then
    say "installing mmdebstrap from Debian"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mmdebstrap; } >/dev/null 2>&1 \
      || skip "mmdebstrap is missing and apt-get could not install it"
  fi
  local t0=$SECONDS work="$cache/work"
  mkdir -p "$work" "$(dirname "$binary")"
  say "building v5front from Debian sid's golang-k8s-apiserver-dev (once per machine; log: $cache/build.log)"
  # The sid root stays in $work until the binary is made (an interrupted build reuses it).
  if ! ROOT="$work/root" bash "$src/build.sh" "$binary.part" >"$cache/build.log" 2>&1 8>&-; then
    tail -n 15 "$cache/build.log" >&2
    rm -f "$binary.part"
    skip "build.sh failed (log: $cache/build.log)"
  fi
  chroot "$work/root" dpkg-query -W golang-go golang-k8s-apiserver-dev >"$cache/b$BUILD_REV/versions" 2>/dev/null || true
  mv "$binary.part" "$binary"
  rm -rf --one-file-system "$work"
  say "build: done in $((SECONDS - t0)) s: $binary"
  exec 8>&-
}

answers() { curl -sk --max-time 5 -o /dev/null "https://$listen/" 2>/dev/null; }

up() {
  build
  [ -s "$state/cluster.json" ] || skip "the cluster is not up (scripts/kube.sh up first)"
  local pki server
  pki=$(dirname "$(node -p 'require(process.argv[1]).caFile' "$state/cluster.json")")
  server=$(node -p 'require(process.argv[1]).server' "$state/cluster.json")
  [ -s "$pki/apiserver.crt" ] || skip "no API server certificate in $pki"
  mkdir -p "$state/logs"
  if ! ours "$pidfile" "$binary" >/dev/null 2>&1; then
    # The API server's own serving certificate (it names 127.0.0.1) serves the front too.
    setsid "$binary" "$listen" "$server" "$kubelet" "$pki/ca.crt" \
      "$pki/apiserver.crt" "$pki/apiserver.key" >>"$log" 2>&1 </dev/null 8>&- 9>&- &
    echo $! >"$pidfile"
  fi
  local i
  for ((i = 0; i < 100; i++)); do
    answers && break
    running "$(cat "$pidfile")" || { tail -n 5 "$log" >&2; skip "the front exited (log: $log)"; }
    sleep 0.1
  done
  answers || skip "the front does not answer on $listen (log: $log)"
  # shellcheck disable=SC2016 # the quoted text is JavaScript, not shell
  # The cluster's description with the front as the server of the step's kubeconfigs (the
  # runner's and the one without pods/exec); the tests' own kubectl stays on the API server.
  node -e '
    const fs = require("fs");
    const [from, to, server, dir] = process.argv.slice(1);
    const cluster = JSON.parse(fs.readFileSync(from, "utf8"));
    for (const key of ["runnerKubeconfig", "noExecKubeconfig"]) {
      const v5 = `${dir}/${require("path").basename(cluster[key], ".kubeconfig")}-v5.kubeconfig`;
      const text = fs.readFileSync(cluster[key], "utf8").replace(/^(\s*server:).*$/m, `$1 ${server}`);
      fs.writeFileSync(v5, text, { mode: 0o600 });
      cluster[key] = v5;
    }
    cluster.server = server;
    fs.writeFileSync(to, JSON.stringify(cluster, null, 2) + "\n");
  ' "$state/cluster.json" "$state/cluster-v5.json" "https://$listen" "$state"
  echo "KUBE_CLUSTER_V5=$state/cluster-v5.json"
}

down() {
  local pid
  if pid=$(ours "$pidfile" "$binary" 2>/dev/null); then stop_pid "$pid" v5front 5; fi
  rm -f "$pidfile" "$state/cluster-v5.json" "$state"/*-v5.kubeconfig
}

case "${1:-}" in
  build) build ;;
  up) up ;;
  down) down ;;
  *) echo "usage: $0 build|up|down" >&2; exit 2 ;;
esac
