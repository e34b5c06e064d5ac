# shellcheck shell=bash
# Process helpers shared by scripts/endpoints.sh and scripts/engines.sh (sourced; each defines
# say() for its own prefix). Nothing here starts anything.

# running PID: the process exists and is not a zombie (an init that does not reap leaves those).
running() {
  [ -n "$1" ] && kill -0 "$1" 2>/dev/null || return 1
  [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]
}

# ours PIDFILE TEXT: prints the recorded PID if that process runs and its command line contains
# TEXT (a fixed string; guards against a recycled PID).
ours() {
  local pid
  [ -s "$1" ] || return 1
  pid=$(cat "$1")
  running "$pid" || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$2" || return 1
  echo "$pid"
}

# stop_pid PID NAME SECONDS: TERM, then KILL after SECONDS.
stop_pid() {
  local pid=$1
  running "$pid" || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 $(($3 * 10))); do
    running "$pid" || { say "stopped $2 (pid $pid)"; return 0; }
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  say "killed $2 (pid $pid)"
}
