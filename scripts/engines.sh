#!/usr/bin/env bash
# Newer Docker engines beside the system one (Debian 12's Docker 20.10), for the full test tier:
#   docker-trixie  Debian 13's docker.io (26.1 today), with trixie's containerd
#   docker-sid     Debian sid's docker.io (28.5 today), with sid's containerd
#   docker-29      dockerd 29 (what ubuntu-latest ships): built from ../shared/engines' source
#                  tarballs where that folder exists, else download.docker.com's static tarball,
#                  checked against DEA_DOCKER29_TGZ_SHA256 (no checksum is published beside it)
#   docker-29-min-api  the same dockerd with DOCKER_MIN_API_VERSION=1.44 in its environment: it
#                  refuses requests below API 1.44, as Docker 29.0-29.2 do by default
# Debian's suites move: whatever version they serve is taken, and the tests' expectations follow
# the API version or a behaviour probed at start, never a version string. An engine that cannot
# be had (a mirror without the package, a failed build) is skipped with one line on stderr,
#   SKIPPED <engine>: <why>
# and the others still start. Downloads and builds are cached in
# /var/cache/docker-exec-action/engines/<engine> (once per machine, never in the clone); runc
# 1.5 from the Docker 29 build is used by every engine when it exists (Docker 29 needs runc >=
# 1.2; Debian 12's 1.1.5 fails with: namespace {"time" ""} does not exist), else Debian 12's.
#
#   scripts/engines.sh up     fetch what is not cached, start each engine (its own containerd and
#                             dockerd, on unix sockets only, under /run/dea-engines/<engine>/),
#                             import the test image; prints one line per engine:
#                               <project> <DOCKER_HOST> <server version> <API version> <docker CLI dir> started|reused
#                             <project> is docker-<version>, or docker-<version>-min-api-<floor>;
#                             <docker CLI dir> holds a docker CLI that speaks that engine's API
#   scripts/engines.sh down   stop what `up` started (dockerd, containerd, left-over shims), undo
#                             its mounts and remove /run/dea-engines
#
# Each engine: dockerd --bridge=none --iptables=false --ip-masq=false, its own data-root,
# exec-root, pidfile and config file, no TCP listener; containerd with its own root, state and
# socket, CRI off (it would open a TCP streaming port). Logs stay beside the engine's cache.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=processes.sh
. "$root/scripts/processes.sh"
cache=/var/cache/docker-exec-action/engines
run=/run/dea-engines
shared_engines=$(cd "$root/.." && pwd)/shared/engines
MIN_API=1.44
# name  how (apt suite | docker29)  extra dockerd environment
ENGINES=(
  "docker-29 docker29 -"
  "docker-29-min-api docker29 DOCKER_MIN_API_VERSION=$MIN_API"
  "docker-trixie trixie -"
  "docker-sid sid -"
)

say() { echo "engines.sh: $*" >&2; }
die() { say "$*"; exit 1; }

# --- fetch (once per machine) ----------------------------------------------------------------

# fetch_apt NAME SUITE: $cache/NAME/root holds SUITE's docker.io and containerd, unpacked.
fetch_apt() {
  local name=$1 suite=$2 dir="$cache/$1" apt version f opts pkgs cli
  [ -x "$dir/root/usr/sbin/dockerd" ] && [ -x "$dir/root/usr/bin/containerd" ] && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    die "$name: not cached in $dir, and downloading it needs root and apt-get"
  fi
  say "$name: downloading docker.io and containerd from Debian $suite (once; cached in $dir)"
  rm -rf "$dir"
  apt="$dir/apt"
  mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/debs"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $suite main" \
    >"$apt/sources.list"
  opts=(-o "Dir::Etc::sourcelist=$apt/sources.list" -o Dir::Etc::sourceparts=- \
    -o "Dir::State::lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o APT::Sandbox::User=root -qq)
  # sid's Release file on a mirror can be past its Valid-Until; only that suite is let off.
  [ "$suite" = sid ] && opts+=(-o Acquire::Check-Valid-Until=false)
  apt-get "${opts[@]}" update >/dev/null || die "$name: apt-get update for $suite failed"
  version=$(apt-cache "${opts[@]}" policy docker.io | awk '$1 == "Candidate:" {print $2}')
  if [ -z "$version" ] || [ "$version" = "(none)" ]; then die "$name: Debian $suite has no docker.io"; fi
  pkgs=("docker.io=$version" containerd)
  # Newer suites may ship the CLI as a package of its own; the tests need the engine's own CLI.
  cli=$(apt-cache "${opts[@]}" policy docker-cli 2>/dev/null | awk '$1 == "Candidate:" {print $2}')
  [ -z "$cli" ] || [ "$cli" = "(none)" ] || pkgs+=(docker-cli)
  (cd "$apt/debs" && apt-get "${opts[@]}" download "${pkgs[@]}" >/dev/null) \
    || die "$name: apt-get download failed"
  mkdir -p "$dir/root.part"
  for f in "$apt/debs"/*.deb; do dpkg-deb -x "$f" "$dir/root.part"; done
  # Their runc needs a newer glibc than Debian 12's: make sure none comes first in PATH.
  rm -f "$dir/root.part/usr/bin/runc" "$dir/root.part/usr/sbin/runc"
  "$dir/root.part/usr/sbin/dockerd" --version >/dev/null || die "$name: the unpacked dockerd does not run here"
  "$dir/root.part/usr/bin/containerd" --version >/dev/null || die "$name: the unpacked containerd does not run here"
  mv "$dir/root.part" "$dir/root"
  rm -rf "$apt"
}

# fetch_docker29: $cache/docker-29/bin holds dockerd 29, containerd, runc >= 1.2.
fetch_docker29() {
  local dir="$cache/docker-29" tgz sum
  [ -x "$dir/bin/dockerd" ] && [ -x "$dir/bin/runc" ] && [ -x "$dir/bin/containerd" ] && return 0
  [ "$(id -u)" = 0 ] || die "docker-29: not cached in $dir, and building or downloading it needs root"
  rm -rf "$dir.part"
  mkdir -p "$dir.part"
  if [ -x "$shared_engines/build-docker29.sh" ]; then
    say "docker-29: building dockerd and runc from $shared_engines (about 10 minutes on 2 cores, once; log: $dir.log)"
    WORK="$cache/docker-29.work" bash "$shared_engines/build-docker29.sh" "$dir.part" >"$dir.log" 2>&1 9>&- \
      || { tail -n 20 "$dir.log" >&2; die "docker-29: the build failed (log: $dir.log)"; }
    rm -rf "$cache/docker-29.work"
  else
    [ -n "${DEA_DOCKER29_TGZ_SHA256:-}" ] || die "docker-29: $shared_engines is absent, and download.docker.com's static tarball needs a checksum: set DEA_DOCKER29_TGZ_SHA256 to the sha256 of docker-${DEA_DOCKER29_VERSION:-29.4.2}.tgz that you trust"
    tgz="$dir.part/docker.tgz"
    curl -fsSL --max-time 300 -o "$tgz" \
      "https://download.docker.com/linux/static/stable/x86_64/docker-${DEA_DOCKER29_VERSION:-29.4.2}.tgz" \
      || die "docker-29: download from download.docker.com failed"
    sum=$(sha256sum "$tgz" | cut -d' ' -f1)
    [ "$sum" = "$DEA_DOCKER29_TGZ_SHA256" ] || die "docker-29: the tarball's sha256 is $sum, not DEA_DOCKER29_TGZ_SHA256"
    tar -xzf "$tgz" -C "$dir.part" && mv "$dir.part/docker" "$dir.part/bin" && rm -f "$tgz"
  fi
  "$dir.part/bin/dockerd" --version >/dev/null || die "docker-29: the dockerd it made does not run here"
  mv "$dir.part" "$dir"
}

# --- start ------------------------------------------------------------------------------------

# engine_bin NAME: the PATH entries with that engine's dockerd and containerd.
engine_bin() {
  case "$1" in
    docker-29*) echo "$cache/docker-29/bin" ;;
    *) echo "$cache/$1/root/usr/bin:$cache/$1/root/usr/sbin" ;;
  esac
}

# cli_dir: a folder with a docker CLI that speaks API 1.44 and later (Debian 12's 20.10 stops
# at 1.41): sid's, else trixie's, else the machine's.
cli_dir() {
  local name
  for name in docker-sid docker-trixie; do
    if [ -x "$cache/$name/root/usr/bin/docker" ]; then echo "$cache/$name/root/usr/bin"; return 0; fi
  done
  dirname "$(command -v docker)"
}

# start NAME ENV: prints the engine's line.
start() {
  local name=$1 env=$2 state="$run/$1" host status=reused path version api project cli
  host="unix://$state/docker.sock"
  cli=$(cli_dir)
  path="$(engine_bin "$name"):$PATH"
  # runc >= 1.2 from the Docker 29 build, wherever it exists (see the top): alone in a folder of
  # its own, so that no other engine picks up that build's dockerd or containerd.
  if [ -x "$cache/docker-29/bin/runc" ]; then
    mkdir -p "$cache/docker-29/runc"
    ln -sf ../bin/runc "$cache/docker-29/runc/runc"
    path="$cache/docker-29/runc:$path"
  fi
  answers() { timeout 10 "$cli/docker" -H "$host" version >/dev/null 2>&1; }
  if ! { ours "$state/dockerd.pid" "$state/daemon.json" >/dev/null && answers; }; then
    status=started
    stop_engine "$name"
    PATH=$path command -v runc >/dev/null || die "$name: no runc on this machine (apt-get install runc)"
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
    PATH=$path setsid containerd --config "$state/containerd.toml" \
      >"$state.containerd.log" 2>&1 </dev/null 9>&- &
    echo $! >"$state/containerd.pid"
    for _ in $(seq 1 100); do
      [ -S "$state/containerd.sock" ] && break
      running "$(cat "$state/containerd.pid")" || break
      sleep 0.1
    done
    if [ ! -S "$state/containerd.sock" ]; then
      tail -n 20 "$state.containerd.log" >&2
      die "$name: containerd did not start"
    fi
    local extra=()
    [ "$env" = - ] || extra=("$env")
    env PATH="$path" "${extra[@]}" setsid dockerd --config-file "$state/daemon.json" \
      --containerd "$state/containerd.sock" --data-root "$state/data" --exec-root "$state/exec" \
      --pidfile "$state/docker.pid" -H "$host" --bridge=none --iptables=false --ip-masq=false \
      >"$state.dockerd.log" 2>&1 </dev/null 9>&- &
    echo $! >"$state/dockerd.pid"
    local ok=
    for _ in $(seq 1 150); do
      if answers; then ok=yes; break; fi
      running "$(cat "$state/dockerd.pid")" || break
      sleep 0.2
    done
    if [ -z "$ok" ]; then
      tail -n 20 "$state.dockerd.log" >&2
      die "$name: dockerd did not answer at $host"
    fi
  fi
  read -r version api < <("$cli/docker" -H "$host" version --format '{{.Server.Version}} {{.Server.APIVersion}}')
  project="docker-${version%%[+~-]*}"
  [ "$env" = - ] || project="$project-min-api-$MIN_API"
  DOCKER_HOST=$host PATH="$cli:$PATH" bash "$root/scripts/test-image.sh" >/dev/null \
    || die "$name: could not import the test image"
  echo "$project $host $version $api $cli $status"
}

# --- stop -------------------------------------------------------------------------------------

stop_engine() {
  local name=$1 state="$run/$1" pid host mounts m ids
  host="unix://$state/docker.sock"
  if pid=$(ours "$state/dockerd.pid" "$state/daemon.json"); then
    # Networks are bridges in the kernel: remove them while dockerd can, or they outlive it.
    mapfile -t ids < <(timeout 10 docker -H "$host" ps -aq 2>/dev/null || true)
    [ ${#ids[@]} -eq 0 ] || timeout 20 docker -H "$host" rm -f "${ids[@]}" >/dev/null 2>&1 || true
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
  local line name how env
  mkdir -p "$cache" "$run"
  exec 9>"$cache.lock"
  flock -w 900 9 || die "another engines.sh holds $cache.lock"
  [ "$(id -u)" = 0 ] || die "starting engines needs root"
  command -v docker >/dev/null 2>&1 || die "no docker CLI: run scripts/engine.sh up first"
  for line in "${ENGINES[@]}"; do
    read -r name how env <<<"$line"
    # Each engine in a subshell of its own: one that cannot be had is skipped, not fatal.
    if ! (
      case "$how" in
        docker29) fetch_docker29 ;;
        *) fetch_apt "$name" "$how" ;;
      esac
      start "$name" "$env"
    ) 2>"$run/$name.err"; then
      cat "$run/$name.err" >&2
      echo "SKIPPED $name: $(grep -v '^engines.sh: stopped\|^engines.sh: killed' "$run/$name.err" | tail -n 1)" >&2
      stop_engine "$name"
    else
      grep -v '^engines.sh: stopped\|^engines.sh: killed' "$run/$name.err" >&2 || true
    fi
    rm -f "$run/$name.err"
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
