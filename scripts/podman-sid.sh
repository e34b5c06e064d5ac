#!/usr/bin/env bash
# Podman 5 (what GitHub's runner images have) from a Debian sid root, beside the machine's own
# Podman 4.3, for the full test tier:
#
#   scripts/podman-sid.sh up       build the root once (cached), start its API service if it
#                                  does not answer, import the test image; prints one line:
#                                    podman-<version> unix:///run/dea-podman-sid/podman.sock <version> <API> started|reused
#                                  On any failure: one line `SKIPPED podman-sid: <why>` on stderr,
#                                  exit 3 (the caller skips the Podman 5 rows instead of stopping).
#   scripts/podman-sid.sh down     stop everything `up` started (the namespace's processes with it),
#                                  undo the mounts, remove /run/dea-podman-sid
#   scripts/podman-sid.sh podman ARGS...
#                                  the root's own podman CLI inside the service's namespaces, on
#                                  the same storage (what the tests use to make containers and to
#                                  see what `podman exec` itself does)
#
# The root: mmdebstrap --variant=apt of sid with podman, runc (>= 1.2), conmon, catatonit,
# netavark, aardvark-dns, mount (umount for pivot_root); whatever versions sid serves. Cached in
# /var/cache/docker-exec-action/podman-sid/ (images and containers live in its /var/lib/containers).
#
# The service runs in a mount and PID namespace of its own (unshare), pivot_root'ed into the
# root: /proc of that PID namespace (containers never see the host's processes), /sys and /dev
# from the host, tmpfs /run and /tmp, cgroupfs, events in a file, runtime runc. PID 1 there is
# catatonit; killing it ends every process of the namespace, containers' included.
#
# Health checks: Podman runs them from systemd timers, and without systemd as init it runs none
# (https://github.com/containers/podman/issues/19326, https://github.com/containers/podman/pull/16749).
# A small loop in the namespace runs `podman healthcheck run` for each running container that
# has a health check, at the container's own interval.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=processes.sh
. "$root/scripts/processes.sh"
cache=/var/cache/docker-exec-action/podman-sid
sysroot="$cache/root"
run=/run/dea-podman-sid
sock="$run/podman.sock"
host="unix://$sock"
mirror=http://deb.debian.org/debian
PACKAGES=podman,runc,conmon,catatonit,netavark,aardvark-dns,ca-certificates,mount

say() { echo "podman-sid.sh: $*" >&2; }
# skip WHY: the caller's one loud line, exit 3.
skip() { echo "SKIPPED podman-sid: $*" >&2; exit 3; }

need_root() { [ "$(id -u)" = 0 ] || skip "needs root (mount and PID namespaces, the root's storage)"; }

# --- the root (once per machine) ---------------------------------------------------------------

build() {
  local part="$cache/root.part"
  if [ -x "$sysroot/usr/bin/podman" ] && [ -x "$sysroot/usr/bin/umount" ] && [ -s "$cache/versions" ]; then return 0; fi
  if ! command -v mmdebstrap >/dev/null 2>&1; then
    say "installing mmdebstrap from Debian"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mmdebstrap; } >/dev/null 2>&1 \
      || skip "mmdebstrap is missing and apt-get could not install it"
  fi
  say "building a Debian sid root with Podman (once per machine; cached in $sysroot)"
  mkdir -p "$cache"
  rm -rf "$part"
  # sid's Release on a mirror can be past its Valid-Until: accepted for this root only.
  if ! mmdebstrap --quiet --variant=apt --aptopt='Acquire::Check-Valid-Until "false"' \
       --include="$PACKAGES" sid "$part" "$mirror" >"$cache/build.log" 2>&1; then
    tail -n 15 "$cache/build.log" >&2
    rm -rf "$part"
    skip "mmdebstrap of sid with $PACKAGES failed (log: $cache/build.log)"
  fi
  chroot "$part" dpkg-query -W podman runc conmon catatonit netavark crun 2>/dev/null >"$cache/versions.part" || true
  mkdir -p "$part/etc/containers"
  # cgroupfs: no systemd here. Events in a file: no journald. runc: the root's own (>= 1.2).
  cat >"$part/etc/containers/containers.conf" <<'EOF'
# Written by scripts/podman-sid.sh: no systemd and no journald in this root.
[containers]
log_driver = "k8s-file"

[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
runtime = "runc"
EOF
  rm -rf "$sysroot"
  mv "$part" "$sysroot"
  mv "$cache/versions.part" "$cache/versions"
}


# --- inside the namespaces ----------------------------------------------------------------------

# The scripts the namespace runs, written on each start into $run (seen inside at the same path).
write_inside() {
  # PID 1 of the new mount and PID namespaces (the host's sh): mounts, pivot_root into the
  # root, then catatonit as init (it reaps conmon and the other orphans).
  cat >"$run/inside.sh" <<'EOF'
# Written by scripts/podman-sid.sh; run by unshare as PID 1 of a new mount and PID namespace.
set -eu
R=$1
mount --bind "$R" "$R"                                 # runc pivots into containers: / must be a mount
mount -t proc -o nosuid,nodev,noexec proc "$R/proc"    # this PID namespace's processes only
mount --rbind /sys "$R/sys"                            # with the host's cgroup hierarchies
mount --rbind /dev "$R/dev"
mount -t tmpfs -o mode=755,nosuid,nodev tmpfs "$R/run"
mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$R/tmp"
mkdir -p "$R/run/dea-podman-sid" "$R/.host"
mount --bind /run/dea-podman-sid "$R/run/dea-podman-sid"   # the socket, as the host sees it
cd "$R"
pivot_root . .host
umount -l /.host
rmdir /.host
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
exec catatonit -- /bin/sh /run/dea-podman-sid/service.sh
EOF
  cat >"$run/service.sh" <<'EOF'
# Written by scripts/podman-sid.sh; inside the root, under catatonit.
/bin/bash /run/dea-podman-sid/healthchecks.sh >>/run/dea-podman-sid/healthchecks.log 2>&1 &
exec podman system service --time=0 unix:///run/dea-podman-sid/podman.sock
EOF
  # Podman runs health checks from systemd timers and none without systemd as init
  # (https://github.com/containers/podman/issues/19326). This stands in for the timers: each
  # container that starts with a health check gets `podman healthcheck run` at its interval
  # while it runs. A start shows as a new conmon.pid in the container's run folder (tmpfs):
  # seen with shell built-ins only, four times a second (`podman events` stalled here).
  cat >"$run/healthchecks.sh" <<'EOF'
# Written by scripts/podman-sid.sh.
set -u
seen=/run/dea-podman-sid/health
containers=/run/containers/storage/overlay-containers
mkdir -p "$seen"
watch() { # watch ID: the health checks of one container while it runs
  local id=$1 ms seconds
  ms=$(podman container inspect --format '{{if .Config.Healthcheck}}{{.Config.Healthcheck.Interval.Milliseconds}}{{end}}' "$id" 2>/dev/null) || return 0
  [ -n "$ms" ] && [ "$ms" -gt 0 ] || return 0
  seconds=$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))
  echo "$(date -Is) $id: every ${seconds}s"
  while sleep "$seconds"; do
    podman healthcheck run "$id" >/dev/null 2>&1
    [ $? -le 1 ] && continue   # 0 healthy, 1 unhealthy: recorded in the container's state
    [ "$(podman container inspect --format '{{.State.Running}}' "$id" 2>/dev/null)" = true ] || break
  done
  echo "$(date -Is) $id: not running any more"
}
while sleep 0.25; do
  for pidfile in "$containers"/*/userdata/conmon.pid; do
    [ -e "$pidfile" ] || continue
    id=${pidfile#"$containers"/}
    id=${id%%/*}
    [ "$pidfile" -nt "$seen/$id" ] || continue
    : >"$seen/$id"
    watch "$id" &
  done
  # Containers removed: forget them.
  for known in "$seen"/*; do
    [ -e "$known" ] && [ ! -e "$containers/${known##*/}" ] && rm -f "$known"
  done
done
EOF
}

# --- start and stop -------------------------------------------------------------------------------

# The host PID of the namespace's PID 1 (catatonit), when `up` started it and it runs.
ns_init() { ours "$run/init.pid" "catatonit -- /bin/sh /run/dea-podman-sid/service.sh"; }

# inside COMMAND...: runs COMMAND in the service's namespaces and root.
inside() {
  local init
  init=$(ns_init) || { say "the Podman 5 service is not running: run bash scripts/podman-sid.sh up"; return 125; }
  nsenter -t "$init" -m -p -r -w env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root PODMAN_IGNORE_CGROUPSV1_WARNING=1 "$@"
}

answers() { [ -S "$sock" ] && curl -sf --max-time 10 --unix-socket "$sock" http://podman/_ping >/dev/null 2>&1; }

# version_of: "<version> <API>" from the service's Docker-compatible /version.
version_of() {
  local json
  json=$(curl -sf --max-time 10 --unix-socket "$sock" http://podman/version) || return 1
  echo "$(grep -o '"Version":"[^"]*"' <<<"$json" | head -1 | cut -d'"' -f4) $(grep -o '"ApiVersion":"[^"]*"' <<<"$json" | cut -d'"' -f4)"
}

start() {
  mkdir -p "$run"
  rm -f "$sock"
  write_inside
  PODMAN_IGNORE_CGROUPSV1_WARNING=1 setsid unshare --mount --pid --fork --propagation private \
    -- /bin/sh "$run/inside.sh" "$sysroot" >"$run/service.log" 2>&1 </dev/null 9>&- &
  echo $! >"$run/unshare.pid"
  local child=
  for _ in $(seq 1 150); do
    # The namespace's init, recorded by its host PID: it is what runs everything there.
    [ -n "$child" ] || child=$(awk '{print $1}' "/proc/$(cat "$run/unshare.pid")/task/$(cat "$run/unshare.pid")/children" 2>/dev/null || true)
    [ -n "$child" ] && [ ! -s "$run/init.pid" ] && echo "$child" >"$run/init.pid"
    [ -n "$child" ] && answers && return 0
    running "$(cat "$run/unshare.pid")" || break
    sleep 0.2
  done
  tail -n 15 "$run/service.log" >&2
  stop_all
  skip "podman system service did not answer on $sock (log above)"
}

# The test image, as the system Docker engine has it (docker save | podman load); loaded again
# only when its recipe changed.
load_image() {
  local image recipe loaded
  if ! command -v docker >/dev/null 2>&1 || ! timeout 10 docker info >/dev/null 2>&1; then
    skip "the system Docker engine does not answer (the test image comes from it): run bash scripts/engine.sh up"
  fi
  image=$(bash "$root/scripts/test-image.sh") || skip "scripts/test-image.sh failed"
  recipe=$(docker image inspect -f '{{index .Config.Labels "recipe"}}' "$image")
  loaded=$(inside podman image inspect -f '{{index .Config.Labels "recipe"}}' "$image" 2>/dev/null || true)
  [ "$loaded" = "$recipe" ] && return 0
  docker save "$image" | inside podman load -q >/dev/null || skip "podman load of $image failed"
  loaded=$(inside podman image inspect -f '{{index .Config.Labels "recipe"}}' "$image" 2>/dev/null || true)
  [ "$loaded" = "$recipe" ] || skip "$image loaded but not found under that name"
}

# stop_all: the containers first (Podman then removes their cgroups), then the namespace's
# init, which takes every process of the namespace with it; the mounts go with the namespace.
stop_all() {
  local init unshare
  if init=$(ns_init); then
    timeout 60 nsenter -t "$init" -m -p -r -w env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
      PODMAN_IGNORE_CGROUPSV1_WARNING=1 podman stop --all --time 0 >/dev/null 2>&1 \
      || say "podman stop --all did not finish; stopping the namespace anyway"
    stop_pid "$init" "the namespace's init" 10
  fi
  if unshare=$(ours "$run/unshare.pid" unshare); then stop_pid "$unshare" unshare 5; fi
  rm -f "$run/unshare.pid" "$run/init.pid"
}

lock() {
  exec 9>/run/lock/dea-podman-sid.lock
  flock -w 300 9 || skip "another podman-sid.sh holds /run/lock/dea-podman-sid.lock"
}

up() {
  local how=reused version tool
  need_root
  # Whatever fails on the way is a skip, with its reason: the caller goes on without Podman 5.
  set -E
  trap 'skip "$BASH_COMMAND failed (line $LINENO of $0)"' ERR
  for tool in unshare nsenter setsid curl flock; do
    command -v "$tool" >/dev/null 2>&1 || skip "$tool is missing"
  done
  lock
  build
  if ! ns_init >/dev/null || ! answers; then
    stop_all
    start
    how=started
  fi
  load_image
  version=$(version_of) || skip "$sock answers, but not to GET /version"
  echo "podman-${version%% *} $host $version $how"
}

down() {
  need_root
  lock
  stop_all
  rm -rf "$run"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  podman) shift; need_root; inside podman "$@" ;;
  *) echo "usage: $0 up|down|podman ARGS..." >&2; exit 2 ;;
esac
