#!/usr/bin/env bash
# Makes a Docker engine available for the tests, the demo and CI.
#   scripts/engine.sh up     use the engine that answers, or start one (root on Debian);
#                            prints `started` or `reused` on stdout
#   scripts/engine.sh down   stop the dockerd that `up` started (call it only after `started`)
# State lives in .cache/engine/: the PID of a dockerd we started, and its log.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
state="$root/.cache/engine"
mkdir -p "$state"

engine_answers() { timeout 10 docker info >/dev/null 2>&1; }

install_if_missing() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  command -v busybox >/dev/null 2>&1 || missing+=(busybox-static)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "engine.sh: no Docker engine answers and I cannot install one (need root and apt-get). Start Docker and try again." >&2
    exit 1
  fi
  echo "engine.sh: installing ${missing[*]}" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# The tests of containers started by Compose run Compose itself: Debian's
# docker-compose 1.29, or the docker CLI's compose plugin where a machine has that instead.
ensure_compose() {
  if command -v docker-compose >/dev/null 2>&1 || docker compose version >/dev/null 2>&1; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "engine.sh: installing docker-compose" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null
  else
    echo "engine.sh: no docker-compose and no docker compose plugin: the Compose tests will fail" >&2
  fi
}

up() {
  ensure_compose
  if engine_answers; then
    echo "engine.sh: using the engine at ${DOCKER_HOST:-unix:///var/run/docker.sock}" >&2
    echo reused
    return 0
  fi
  if [ -n "${DOCKER_HOST:-}" ]; then
    echo "engine.sh: DOCKER_HOST=$DOCKER_HOST does not answer; unset it to let me start a local engine" >&2
    exit 1
  fi
  install_if_missing
  # A docker0 left by an earlier dockerd makes a new one with --bridge=none refuse to start.
  ip link delete docker0 >/dev/null 2>&1 || true
  rm -f /var/run/docker.pid
  # After a dockerd crash its containerd dies too, but can linger as a zombie (a slow PID 1);
  # a new dockerd then waits for it ("containerd is still running") until it times out.
  # Give a dying containerd a moment, then forget its PID file once it is dead or a zombie.
  cpid=$(cat /var/run/docker/containerd/containerd.pid 2>/dev/null || true)
  if [ -n "$cpid" ]; then
    gone() { ! kill -0 "$cpid" 2>/dev/null || grep -q '^State:[[:space:]]*Z' "/proc/$cpid/status" 2>/dev/null; }
    for _ in $(seq 1 50); do gone && break; sleep 0.1; done
    if gone; then rm -f /var/run/docker/containerd/containerd.pid; fi
  fi
  setsid dockerd --bridge=none --iptables=false --ip-masq=false \
    --host unix:///var/run/docker.sock >"$state/dockerd.log" 2>&1 < /dev/null &
  echo $! > "$state/dockerd.pid"
  for _ in $(seq 1 150); do
    if engine_answers; then
      echo "engine.sh: started dockerd (pid $(cat "$state/dockerd.pid"))" >&2
      echo started
      return 0
    fi
    if ! kill -0 "$(cat "$state/dockerd.pid")" 2>/dev/null; then break; fi
    sleep 0.2
  done
  echo "engine.sh: dockerd did not become ready; its log:" >&2
  tail -n 20 "$state/dockerd.log" >&2
  exit 1
}

down() {
  [ -f "$state/dockerd.pid" ] || return 0
  local pid
  pid=$(cat "$state/dockerd.pid")
  rm -f "$state/dockerd.pid"
  kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid"
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || { echo "engine.sh: stopped dockerd" >&2; return 0; }
    sleep 0.2
  done
  kill -9 "$pid" 2>/dev/null || true
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
