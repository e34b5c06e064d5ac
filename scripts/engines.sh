#!/usr/bin/env bash
# Newer Docker engines beside the system one (Debian 12's Docker 20.10), for the tests:
#   docker-26.1  Debian 13 (trixie): docker.io 26.1.x (API 1.45) with trixie's containerd
#   docker-28.5  Debian sid:         docker.io 28.5.x (API 1.51) with sid's containerd
# Neither is installed: their packages are downloaded once with a separate apt state (the
# machine's own sources stay untouched), unpacked into .cache/engines/<name>/root, and run from
# there on Debian 12's libraries and Debian 12's runc (trixie's and sid's runc need a newer glibc).
#
#   scripts/engines.sh up     download what is not cached, start each engine (its own containerd
#                             and dockerd, on unix sockets only, under /run/dea-engines/<name>/),
#                             import the test image; prints one line per engine:
#                               docker-<version> DOCKER_HOST <server version> <API version> started|reused
#   scripts/engines.sh down   stop what `up` started (dockerd, containerd, left-over shims), undo
#                             its mounts and remove /run/dea-engines
#
# Each engine: dockerd --bridge=none --iptables=false --ip-masq=false, its own data-root,
# exec-root, pidfile and config file, no TCP listener; containerd with its own root, state and
# socket, CRI off (it would open a TCP streaming port). Logs stay in .cache/engines/<name>/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=processes.sh
. "$root/scripts/processes.sh"
cache="$root/.cache/engines"
run=/run/dea-engines
# name suite expected-version-prefix expected-API
ENGINES=(
  "docker-26.1 trixie 26.1. 1.45"
  "docker-28.5 sid 28.5. 1.51"
)

say() { echo "engines.sh: $*" >&2; }
die() { say "$*"; exit 1; }

# --- download (once per machine) -------------------------------------------------------------

# fetch NAME SUITE PREFIX: .cache/engines/NAME/root holds SUITE's docker.io (version PREFIX*)
# and containerd, unpacked; skipped when the cache already has them.
fetch() {
  local name=$1 suite=$2 prefix=$3 dir="$cache/$1" apt version f
  if [ -x "$dir/root/usr/sbin/dockerd" ] && [ -x "$dir/root/usr/bin/containerd" ] \
     && grep -q "^docker.io $prefix" "$dir/versions" 2>/dev/null; then
    return 0
  fi
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
    || die "$name: not cached in $dir, and downloading it needs root and apt-get"
  say "$name: downloading docker.io and containerd from Debian $suite (once; cached in $dir)"
  rm -rf "$dir"
  apt="$dir/apt"
  mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/debs"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $suite main" \
    >"$apt/sources.list"
  local opts=(-o "Dir::Etc::sourcelist=$apt/sources.list" -o Dir::Etc::sourceparts=- \
    -o "Dir::State::lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o APT::Sandbox::User=root -qq)
  apt-get "${opts[@]}" update >/dev/null || die "$name: apt-get update for $suite failed"
  version=$(apt-cache "${opts[@]}" policy docker.io | awk '$1 == "Candidate:" {print $2}')
  case "$version" in
    "$prefix"*) ;;
    *) die "$name: Debian $suite now has docker.io '${version:-none}', not $prefix*: update ENGINES in $0" ;;
  esac
  (cd "$apt/debs" && apt-get "${opts[@]}" download "docker.io=$version" containerd >/dev/null) \
    || die "$name: apt-get download failed"
  mkdir -p "$dir/root.part"
  for f in "$apt/debs"/*.deb; do dpkg-deb -x "$f" "$dir/root.part"; done
  # Debian 12's runc is used (the newer ones need glibc 2.38); none of these packages has one,
  # but make sure no runc from them comes first in PATH.
  rm -f "$dir/root.part/usr/bin/runc" "$dir/root.part/usr/sbin/runc"
  for f in "$apt/debs"/*.deb; do
    echo "$(dpkg-deb -f "$f" Package) $(dpkg-deb -f "$f" Version)"
  done >"$dir/versions.part"
  "$dir/root.part/usr/sbin/dockerd" --version >/dev/null || die "$name: the unpacked dockerd does not run here"
  "$dir/root.part/usr/bin/containerd" --version >/dev/null || die "$name: the unpacked containerd does not run here"
  mv "$dir/root.part" "$dir/root"
  mv "$dir/versions.part" "$dir/versions"
  rm -rf "$apt"
}

# --- start ------------------------------------------------------------------------------------

# start NAME PREFIX API: prints the engine's line.
start() {
  local name=$1 prefix=$2 api=$3 dir="$cache/$1" state="$run/$1" host status=reused bin version
  host="unix://$state/docker.sock"
  bin="$dir/root/usr/bin:$dir/root/usr/sbin"
  answers() { timeout 10 docker -H "$host" version >/dev/null 2>&1; }
  if ! { ours "$state/dockerd.pid" "$state/daemon.json" >/dev/null && answers; }; then
    status=started
    stop_engine "$name"
    [ -x "$(command -v runc)" ] || die "$name: no runc on this machine (apt-get install runc)"
    mkdir -p "$state"
    chmod 711 "$run" "$state"
    cat >"$state/containerd.toml" <<EOF
# Written by scripts/engines.sh: this engine's own containerd, on its unix socket only.
version = 2
root = "$state/containerd/root"
state = "$state/containerd/state"
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "$state/containerd.sock"
[debug]
  address = ""
[metrics]
  address = ""
EOF
    echo '{}' >"$state/daemon.json" # not the machine's /etc/docker/daemon.json
    PATH="$bin:$PATH" setsid containerd --config "$state/containerd.toml" \
      >"$dir/containerd.log" 2>&1 </dev/null 9>&- &
    echo $! >"$state/containerd.pid"
    for _ in $(seq 1 100); do
      [ -S "$state/containerd.sock" ] && break
      running "$(cat "$state/containerd.pid")" || break
      sleep 0.1
    done
    if [ ! -S "$state/containerd.sock" ]; then
      tail -n 20 "$dir/containerd.log" >&2
      die "$name: containerd did not start"
    fi
    PATH="$bin:$PATH" setsid dockerd --config-file "$state/daemon.json" --containerd "$state/containerd.sock" \
      --data-root "$state/data" --exec-root "$state/exec" --pidfile "$state/docker.pid" -H "$host" \
      --bridge=none --iptables=false --ip-masq=false >"$dir/dockerd.log" 2>&1 </dev/null 9>&- &
    echo $! >"$state/dockerd.pid"
    local ok=
    for _ in $(seq 1 150); do
      if answers; then ok=yes; break; fi
      running "$(cat "$state/dockerd.pid")" || break
      sleep 0.2
    done
    if [ -z "$ok" ]; then
      tail -n 20 "$dir/dockerd.log" >&2
      die "$name: dockerd did not answer at $host"
    fi
  fi
  version=$(docker -H "$host" version --format '{{.Server.Version}} {{.Server.APIVersion}}')
  case "$version" in
    "$prefix"*" $api") ;;
    *) die "$name: the engine at $host is Docker $version, not $prefix* (API $api)" ;;
  esac
  DOCKER_HOST=$host bash "$root/scripts/test-image.sh" >/dev/null || die "$name: could not import the test image"
  echo "docker-${version%%[+ ]*} $host $version $status"
}

# --- stop -------------------------------------------------------------------------------------

stop_engine() {
  local name=$1 state="$run/$1" pid host mounts m
  host="unix://$state/docker.sock"
  if pid=$(ours "$state/dockerd.pid" "$state/daemon.json"); then
    # Networks are bridges in the kernel: remove them while dockerd can, or they outlive it.
    timeout 20 docker -H "$host" rm -f $(timeout 10 docker -H "$host" ps -aq 2>/dev/null) >/dev/null 2>&1 || true
    timeout 20 docker -H "$host" network prune -f >/dev/null 2>&1 || true
    stop_pid "$pid" "$name dockerd" 20
  fi
  if pid=$(ours "$state/containerd.pid" "$state/containerd.toml"); then
    stop_pid "$pid" "$name containerd" 10
  fi
  # Shims of this containerd that outlived it.
  for pid in $(pgrep -f -- "-address $state/containerd.sock" || true); do
    stop_pid "$pid" "$name containerd-shim" 5
  done
  [ -d "$state" ] || return 0
  # Mounts under the state folder (deepest first), then the folder itself.
  mounts=$(awk -v p="$state/" 'index($5, p) == 1 {print $5}' /proc/self/mountinfo | sort -r)
  for m in $mounts; do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || say "could not unmount $m"; done
  rm -rf --one-file-system "$state"
}

up() {
  local line name suite prefix api
  mkdir -p "$cache" "$run"
  exec 9>"$cache.lock"
  flock -w 300 9 || die "another engines.sh holds $cache.lock"
  [ "$(id -u)" = 0 ] || die "starting engines needs root"
  command -v docker >/dev/null 2>&1 || die "no docker CLI: run scripts/engine.sh up first"
  for line in "${ENGINES[@]}"; do
    read -r name suite prefix api <<<"$line"
    fetch "$name" "$suite" "$prefix"
    start "$name" "$prefix" "$api"
  done
}

down() {
  local line name
  mkdir -p "$cache"
  exec 9>"$cache.lock"
  flock -w 300 9 || die "another engines.sh holds $cache.lock"
  for line in "${ENGINES[@]}"; do
    read -r name _ <<<"$line"
    stop_engine "$name"
  done
  rmdir "$run" 2>/dev/null || true
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
