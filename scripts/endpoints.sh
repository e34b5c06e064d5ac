#!/usr/bin/env bash
# Remote-engine endpoints for the tests, all on loopback or unix sockets:
#   podman  Podman's Docker-compatible API    unix:///run/dea-podman/podman.sock
#   tls     stunnel4 with client certificates  tcp://127.0.0.1:PORT -> /var/run/docker.sock
#   ssh     sshd + ssh-agent                   ssh://root@127.0.0.1:PORT (stream-local forwarding to the
#                                              engine socket), and :PORT2 refusing it (docker system dial-stdio)
#
#   scripts/endpoints.sh up     start what is not running (idempotent), check each endpoint
#                               with the docker CLI, write .cache/endpoints/endpoints.json
#   scripts/endpoints.sh down   stop only the processes that `up` started
#
# State lives in .cache/endpoints/: PID files of what we started, logs, tls/ and ssh/.
# Nothing here touches ~/.ssh or ~/.docker. The docker CLI reaches the ssh endpoint through
# an `ssh` wrapper (ssh/bin/ssh, recorded as ssh.pathPrefix) that runs the system ssh with
# our own ssh_config: our known_hosts file (the host key of this sshd, written at key
# creation, so StrictHostKeyChecking stays on), our agent and key.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=processes.sh
. "$root/scripts/processes.sh"
state="$root/.cache/endpoints"
tls="$state/tls"
sshd_dir="$state/ssh"
podman_dir=/run/dea-podman
podman_sock="$podman_dir/podman.sock"
engine_sock=/var/run/docker.sock
mkdir -p "$state"

say() { echo "endpoints.sh: $*" >&2; }
die() { say "$*"; exit 1; }

# --- helpers -----------------------------------------------------------------------------

install_if_missing() {
  local missing=() cmd pkg
  for pair in podman:podman stunnel4:stunnel4 /usr/sbin/sshd:openssh-server ssh:openssh-client \
              ssh-agent:openssh-client openssl:openssl docker:docker.io ss:iproute2 flock:util-linux; do
    cmd=${pair%%:*}; pkg=${pair#*:}
    command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    die "missing ${missing[*]} and I cannot install them (need root and apt-get)"
  fi
  say "installing ${missing[*]}"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# alive PIDFILE TEXT: the recorded process runs and its command line contains TEXT.
alive() { ours "$1" "$2" >/dev/null; }

# stop PIDFILE TEXT NAME: stops the recorded process if it is still ours.
stop() {
  local pid
  [ -f "$1" ] || return 0
  pid=$(ours "$1" "$2") || { rm -f "$1"; return 0; }
  rm -f "$1"
  stop_pid "$pid" "$3" 5
}

port_free() { ! ss -Htln "sport = :$1" | grep -q .; }

# pick_port FILE: the port recorded in FILE if it is free, else a new free loopback port.
pick_port() {
  local p
  if [ -s "$1" ] && port_free "$(cat "$1")"; then cat "$1"; return; fi
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 40000))
    if port_free "$p"; then echo "$p" >"$1"; echo "$p"; return; fi
  done
  die "no free port found"
}

wait_for() { # wait_for SECONDS PIDFILE COMMAND...: until COMMAND succeeds or the process dies
  local seconds=$1 pidfile=$2; shift 2
  for _ in $(seq 1 $((seconds * 5))); do
    "$@" >/dev/null 2>&1 && return 0
    [ -n "$pidfile" ] && ! running "$(cat "$pidfile" 2>/dev/null)" && return 1
    sleep 0.2
  done
  return 1
}

# start_daemon NAME SECONDS FAILURE CHECK... -- COMMAND...: runs COMMAND in a session of its
# own (log $state/NAME.log, PID $state/NAME.pid) and waits until CHECK succeeds; if it does
# not, shows the log's end and dies with FAILURE.
start_daemon() {
  local name=$1 seconds=$2 failure=$3 check=()
  shift 3
  while [ "$1" != -- ]; do check+=("$1"); shift; done
  shift
  setsid "$@" >"$state/$name.log" 2>&1 </dev/null 9>&- &
  echo $! >"$state/$name.pid"
  if ! wait_for "$seconds" "$state/$name.pid" "${check[@]}"; then
    tail -n 20 "$state/$name.log" >&2
    die "$failure"
  fi
}

# --- podman ------------------------------------------------------------------------------

podman_answers() { timeout 10 docker -H "unix://$podman_sock" version >/dev/null 2>&1; }

podman_up() {
  local image recipe loaded
  if ! podman_answers; then
    [ "$(id -u)" = 0 ] || die "podman: the API service needs root here ($podman_sock)"
    stop "$state/podman.pid" "podman system service" "podman service"
    mkdir -p "$podman_dir"
    rm -f "$podman_sock"
    start_daemon podman 30 "podman: the API service at $podman_sock did not answer" \
      podman_answers -- podman system service --time=0 "unix://$podman_sock"
  fi
  # The test image, as docker has it; reloaded only when its recipe changed.
  image=$(bash "$root/scripts/test-image.sh")
  recipe=$(docker image inspect -f '{{index .Config.Labels "recipe"}}' "$image")
  loaded=$(podman image inspect -f '{{index .Config.Labels "recipe"}}' "$image" 2>/dev/null || true)
  if [ "$loaded" != "$recipe" ]; then
    docker save "$image" | podman load -q >/dev/null || die "podman: could not load $image"
    loaded=$(podman image inspect -f '{{index .Config.Labels "recipe"}}' "$image" 2>/dev/null || true)
    [ "$loaded" = "$recipe" ] || die "podman: $image loaded but not found under that name"
  fi
  echo "podman  unix://$podman_sock (image $image)"
}

# --- tls (stunnel) -----------------------------------------------------------------------

tls_certs() {
  local client="$tls/client" days=3650
  mkdir -p "$client"
  # Regenerate everything when a file is missing or a certificate expires within a day.
  if [ -s "$tls/ca.pem" ] && [ -s "$tls/server-cert.pem" ] && [ -s "$client/cert.pem" ] \
     && [ -s "$tls/wrong-ca.pem" ] && [ -s "$tls/untrusted-cert.pem" ] \
     && openssl x509 -checkend 86400 -noout -in "$tls/server-cert.pem" >/dev/null \
     && openssl x509 -checkend 86400 -noout -in "$client/cert.pem" >/dev/null; then
    return 0
  fi
  local tmp
  tmp=$(mktemp -d)
  (
    cd "$tmp"
    umask 077
    key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
    ca() { # ca NAME SUBJECT
      key "$1-key.pem"
      openssl req -x509 -new -key "$1-key.pem" -days "$days" -subj "/CN=$2" -out "$1.pem" \
        -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
    }
    leaf() { # leaf NAME CA SUBJECT EXTFILE-CONTENT
      key "$1-key.pem"
      openssl req -new -key "$1-key.pem" -subj "/CN=$3" -out "$1.csr"
      printf '%s\n' "$4" >"$1.ext"
      openssl x509 -req -in "$1.csr" -CA "$2.pem" -CAkey "$2-key.pem" -CAcreateserial \
        -days "$days" -extfile "$1.ext" -out "$1-cert.pem" 2>/dev/null
    }
    ca ca "docker-exec-action test CA"
    ca wrong-ca "docker-exec-action unrelated CA"
    leaf server ca localhost "basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=IP:127.0.0.1,DNS:localhost"
    leaf client ca "docker-exec-action client" "basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth"
    # A client certificate the endpoint must refuse (signed by the unrelated CA).
    leaf untrusted wrong-ca "docker-exec-action untrusted client" "basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth"
  ) || { rm -rf "$tmp"; die "tls: openssl failed to make the certificates"; }
  cp "$tmp/ca.pem" "$tmp/ca-key.pem" "$tmp/wrong-ca.pem" "$tmp/server-cert.pem" \
     "$tmp/server-key.pem" "$tmp/untrusted-cert.pem" "$tmp/untrusted-key.pem" "$tls/"
  # DOCKER_CERT_PATH layout: ca.pem, cert.pem, key.pem.
  cp "$tmp/ca.pem" "$client/ca.pem"
  cp "$tmp/client-cert.pem" "$client/cert.pem"
  cp "$tmp/client-key.pem" "$client/key.pem"
  chmod 600 "$tls"/*-key.pem "$client/key.pem"
  rm -rf "$tmp"
  # New certificates: a running stunnel still has the old ones.
  stop "$state/stunnel.pid" "stunnel4 $tls/stunnel.conf" stunnel
}

tls_answers() {
  timeout 10 docker --tlsverify --tlscacert "$tls/client/ca.pem" --tlscert "$tls/client/cert.pem" \
    --tlskey "$tls/client/key.pem" -H "tcp://127.0.0.1:$1" version >/dev/null 2>&1
}

tls_up() {
  local port
  tls_certs
  if alive "$state/stunnel.pid" "stunnel4 $tls/stunnel.conf" && [ -s "$tls/port" ] \
     && tls_answers "$(cat "$tls/port")"; then
    port=$(cat "$tls/port")
  else
    stop "$state/stunnel.pid" "stunnel4 $tls/stunnel.conf" stunnel
    port=$(pick_port "$tls/port")
    cat >"$tls/stunnel.conf" <<EOF
; Written by scripts/endpoints.sh: TLS with client certificates in front of the engine.
foreground = yes
pid = $tls/stunnel-own.pid
debug = notice
syslog = no

[docker]
accept = 127.0.0.1:$port
connect = $engine_sock
cert = $tls/server-cert.pem
key = $tls/server-key.pem
CAfile = $tls/ca.pem
verifyChain = yes
requireCert = yes
sslVersionMin = TLSv1.2
EOF
    start_daemon stunnel 15 "tls: docker --tlsverify -H tcp://127.0.0.1:$port version failed" \
      tls_answers "$port" -- stunnel4 "$tls/stunnel.conf"
  fi
  echo "tls     tcp://127.0.0.1:$port (certs in $tls/client)"
}

# --- ssh ---------------------------------------------------------------------------------

# sshd_config PORT PORT2: our sshd's configuration (PORT2 refuses stream-local forwarding).
sshd_config() {
  cat <<EOF
# Written by scripts/endpoints.sh: root login with our key only, on loopback.
ListenAddress 127.0.0.1:$1
ListenAddress 127.0.0.1:$2
HostKey $sshd_dir/ssh_host_ed25519_key
PidFile $sshd_dir/sshd-own.pid
AuthorizedKeysFile $sshd_dir/authorized_keys
PermitRootLogin prohibit-password
AllowUsers root
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
# Stream-local channels (-L to a socket) are allowed as on a stock server. OpenSSH grants
# them only with local TCP forwarding allowed too (session.c, do_authenticated: "XXX -
# streamlocal?"); nothing here opens a TCP channel.
AllowTcpForwarding local
AllowAgentForwarding no
AllowStreamLocalForwarding yes
X11Forwarding no
PermitTunnel no
PermitUserEnvironment no
PrintMotd no
# The engine side of ssh:// over dial-stdio: point it at the local engine.
SetEnv DOCKER_HOST=unix://$engine_sock
Match LocalPort $2
  AllowStreamLocalForwarding no
EOF
}

ssh_answers() {
  SSH_AUTH_SOCK="$sshd_dir/agent.sock" PATH="$sshd_dir/bin:$PATH" \
    timeout 20 docker -H "ssh://root@127.0.0.1:$1" version >/dev/null 2>&1
}

agent_has_key() {
  local fp
  fp=$(ssh-keygen -lf "$sshd_dir/id_ed25519.pub" | awk '{print $2}')
  SSH_AUTH_SOCK="$sshd_dir/agent.sock" ssh-add -l 2>/dev/null | grep -qF "$fp"
}

ssh_up() {
  local port port2 real_ssh
  [ "$(id -u)" = 0 ] || die "ssh: sshd needs root here"
  mkdir -p "$sshd_dir/bin"
  chmod 700 "$sshd_dir"
  [ -s "$sshd_dir/ssh_host_ed25519_key" ] \
    || ssh-keygen -q -t ed25519 -N '' -C dea-endpoints-host -f "$sshd_dir/ssh_host_ed25519_key"
  [ -s "$sshd_dir/id_ed25519" ] \
    || ssh-keygen -q -t ed25519 -N '' -C dea-endpoints-client -f "$sshd_dir/id_ed25519"
  cp "$sshd_dir/id_ed25519.pub" "$sshd_dir/authorized_keys"

  # The agent, with our key.
  if ! alive "$state/ssh-agent.pid" "ssh-agent -D -a $sshd_dir/agent.sock"; then
    stop "$state/ssh-agent.pid" "ssh-agent -D -a $sshd_dir/agent.sock" ssh-agent
    rm -f "$sshd_dir/agent.sock"
    start_daemon ssh-agent 10 "ssh: ssh-agent did not start" \
      test -S "$sshd_dir/agent.sock" -- ssh-agent -D -a "$sshd_dir/agent.sock"
  fi
  agent_has_key || SSH_AUTH_SOCK="$sshd_dir/agent.sock" ssh-add -q "$sshd_dir/id_ed25519" \
    || die "ssh: ssh-add failed"

  # Two ports on one sshd: the first as a stock server (stream-local forwarding allowed, the
  # action's direct route to the engine socket), the second refuses it (`Match LocalPort`),
  # so the action's fallback to `docker system dial-stdio` is tested too.
  if alive "$state/sshd.pid" "sshd -D -e -f $sshd_dir/sshd_config" && [ -s "$sshd_dir/port" ] \
     && [ -s "$sshd_dir/port-no-forwarding" ] && [ -x "$sshd_dir/bin/ssh" ] \
     && [ "$(sshd_config "$(cat "$sshd_dir/port")" "$(cat "$sshd_dir/port-no-forwarding")")" = "$(cat "$sshd_dir/sshd_config")" ] \
     && ssh_answers "$(cat "$sshd_dir/port")"; then
    port=$(cat "$sshd_dir/port")
    port2=$(cat "$sshd_dir/port-no-forwarding")
  else
    stop "$state/sshd.pid" "sshd -D -e -f $sshd_dir/sshd_config" sshd
    port=$(pick_port "$sshd_dir/port")
    port2=$(pick_port "$sshd_dir/port-no-forwarding")
    if [ "$port2" = "$port" ]; then rm -f "$sshd_dir/port-no-forwarding"; port2=$(pick_port "$sshd_dir/port-no-forwarding"); fi
    sshd_config "$port" "$port2" >"$sshd_dir/sshd_config"
    # Known hosts: our host key under the address and port clients use (no ~/.ssh).
    for p in "$port" "$port2"; do
      echo "[127.0.0.1]:$p $(cut -d' ' -f1,2 "$sshd_dir/ssh_host_ed25519_key.pub")"
    done >"$sshd_dir/known_hosts"
    cat >"$sshd_dir/ssh_config" <<EOF
# Written by scripts/endpoints.sh; used through bin/ssh (ssh -F this file).
Host *
  UserKnownHostsFile $sshd_dir/known_hosts
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking yes
  BatchMode yes
  IdentityAgent $sshd_dir/agent.sock
  IdentityFile $sshd_dir/id_ed25519
  IdentitiesOnly yes
  ForwardAgent no
EOF
    real_ssh=$(PATH=$(echo "$PATH" | tr ':' '\n' | grep -vxF "$sshd_dir/bin" | paste -sd:) command -v ssh)
    printf '#!/bin/sh\n# The system ssh with the endpoints'"'"' own config (known_hosts, agent, key).\nexec %s -F %s "$@"\n' \
      "$real_ssh" "$sshd_dir/ssh_config" >"$sshd_dir/bin/ssh"
    chmod 755 "$sshd_dir/bin/ssh"
    mkdir -p /run/sshd && chmod 755 /run/sshd   # privilege separation directory
    /usr/sbin/sshd -t -f "$sshd_dir/sshd_config" 2>"$state/sshd.log" \
      || die "ssh: sshd refuses its config: $(cat "$state/sshd.log")"
    start_daemon sshd 20 "ssh: DOCKER_HOST=ssh://root@127.0.0.1:$port docker version failed" \
      ssh_answers "$port" -- /usr/sbin/sshd -D -e -f "$sshd_dir/sshd_config"
  fi
  echo "ssh     ssh://root@127.0.0.1:$port, and :$port2 refusing stream-local forwarding (SSH_AUTH_SOCK=$sshd_dir/agent.sock, PATH=$sshd_dir/bin:\$PATH)"
}

# --- main --------------------------------------------------------------------------------

write_json() {
  local tls_port ssh_port ssh_port2 host_key
  tls_port=$(cat "$tls/port"); ssh_port=$(cat "$sshd_dir/port"); ssh_port2=$(cat "$sshd_dir/port-no-forwarding")
  host_key=$(cut -d' ' -f1,2 "$sshd_dir/ssh_host_ed25519_key.pub")
  cat >"$state/endpoints.json.tmp" <<EOF
{
  "podman": { "dockerHost": "unix://$podman_sock" },
  "tls": {
    "dockerHost": "tcp://127.0.0.1:$tls_port",
    "ca": "$tls/client/ca.pem",
    "cert": "$tls/client/cert.pem",
    "key": "$tls/client/key.pem",
    "wrongCa": "$tls/wrong-ca.pem",
    "untrustedCert": "$tls/untrusted-cert.pem",
    "untrustedKey": "$tls/untrusted-key.pem",
    "certDir": "$tls/client"
  },
  "ssh": {
    "dockerHost": "ssh://root@127.0.0.1:$ssh_port",
    "noForwardingDockerHost": "ssh://root@127.0.0.1:$ssh_port2",
    "sshAuthSock": "$sshd_dir/agent.sock",
    "knownHosts": "$sshd_dir/known_hosts",
    "hostKey": "$host_key",
    "identityFile": "$sshd_dir/id_ed25519",
    "sshConfig": "$sshd_dir/ssh_config",
    "pathPrefix": "$sshd_dir/bin"
  }
}
EOF
  mv "$state/endpoints.json.tmp" "$state/endpoints.json"
}

up() {
  install_if_missing
  timeout 10 docker -H "unix://$engine_sock" info >/dev/null 2>&1 \
    || die "the Docker engine at $engine_sock does not answer: run bash scripts/engine.sh up first"
  exec 9>"$state/lock"
  flock -w 120 9 || die "another endpoints.sh holds $state/lock"
  # Readers keep the previous file while we check; a failed `up` leaves none.
  trap 'rm -f "$state/endpoints.json"' EXIT
  podman_up
  tls_up
  ssh_up
  write_json
  trap - EXIT
}

down() {
  exec 9>"$state/lock"
  flock -w 120 9 || die "another endpoints.sh holds $state/lock"
  rm -f "$state/endpoints.json"
  stop "$state/sshd.pid" "sshd -D -e -f $sshd_dir/sshd_config" sshd
  stop "$state/ssh-agent.pid" "ssh-agent -D -a $sshd_dir/agent.sock" ssh-agent
  stop "$state/stunnel.pid" "stunnel4 $tls/stunnel.conf" stunnel
  stop "$state/podman.pid" "podman system service" "podman service"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
