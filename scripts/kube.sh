#!/usr/bin/env bash
# A real single-node Kubernetes 1.20 cluster for the tests, offline and on loopback only
# (docs: /work/shared/reference/kubernetes.md). kube-apiserver and kubelet are built once per
# machine from Debian 12's `kubernetes` source package; etcd and kubectl come from Debian's
# etcd-server and kubernetes-client packages (downloaded and unpacked, not installed).
#
#   scripts/kube.sh build        build/unpack the binaries once; cached in
#                                /var/cache/docker-exec-action/kube/<version>-b<rev>/bin
#   scripts/kube.sh up           idempotent: start etcd, kube-apiserver (RBAC, token file,
#                                service-account keys), a dockerd of the kubelet's own and the
#                                kubelet; import the images, create namespace `dea`, its RBAC,
#                                a service-account token, kubeconfigs and .cache/kube/cluster.json
#                                (prints `started` or `reused`)
#   scripts/kube.sh down         stop only what `up` started and undo its side effects
#   scripts/kube.sh env          prints KUBE_CLUSTER=<cluster.json> when the cluster is up
#   scripts/kube.sh arc-pod NAME prints a pod manifest shaped like actions-runner-controller's
#                                Kubernetes mode (containers job, postgres, busybox)
#
# Listeners, all on 127.0.0.1: etcd 23790 (peer 23800), kube-apiserver 16443 (TLS), kubelet
# 20250 (healthz 20248). Everything else is on unix sockets. Pods use hostNetwork and local
# images only (imagePullPolicy: Never); nothing is ever pulled.
# State: .cache/kube/ (PIDs, logs, certificates, tokens, kubeconfigs, cluster.json, etcd data);
# runtime: /run/dea-kube/ (sockets, kubelet root, dockerd exec-root); the kubelet's dockerd
# keeps its images in /var/cache/docker-exec-action/kube/docker (kept by `down`, so a cold `up`
# does not import them again). One cluster per machine (fixed ports and /run/dea-kube).
# Users (static tokens in .cache/kube/pki/tokens.csv): admin (system:masters), runner-user
# (Role dea/runner, as the service account dea/runner), no-exec (pods get/list, no pods/exec).
# Worth knowing in tests: no controller-manager or scheduler runs (pods name `nodeName:
# localhost`; no token controller); a pod's IP and the node's InternalIP are the machine's
# address: never connect to them. A graceful pod delete takes ~10 s (the kubelet's status
# sync) before the object goes; `--grace-period=0 --force` removes it at once.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=processes.sh
. "$root/scripts/processes.sh"

# Debian 12's kubernetes source package (full source with vendor/), in whichever revision of
# Kubernetes 1.20 the mirror serves (a point release replaces the old one; the revision built is
# recorded in bin/versions). BUILD_REV: bump it when the build steps below change in a way that
# changes the binaries.
KUBE_SERIES=1.20
BUILD_REV=1
cache_root=/var/cache/docker-exec-action/kube
cache="$cache_root/$KUBE_SERIES-b$BUILD_REV"
bin="$cache/bin"
BINARIES=(kube-apiserver kubelet etcd kubectl)

state="$root/.cache/kube"
run=/run/dea-kube
data_root="$cache_root/docker"
pki="$state/pki"
logs="$state/logs"
sadir="$state/serviceaccount"
cluster_json="$state/cluster.json"
server=https://127.0.0.1:16443
docker_host="unix://$run/docker.sock"
namespace=dea
# The sysctls the kubelet sets (container manager) and its no-op network plugin sets
# (net.bridge.*, when br_netfilter is loaded): saved before it starts, restored by `down`.
SYSCTLS=(vm.overcommit_memory vm.panic_on_oom kernel.panic kernel.panic_on_oops
  kernel.keys.root_maxkeys kernel.keys.root_maxbytes
  net.bridge.bridge-nf-call-iptables net.bridge.bridge-nf-call-ip6tables)
# Folders the kubelet creates outside its root dir (hard-coded paths); removed by `down` when
# `up` found them missing.
KUBELET_DIRS=(/var/lib/kubelet /var/lib/kubelet/device-plugins /var/log/pods /var/log/containers)
IMG_PAUSE=local/pause:1
IMG_BUSYBOX=local/busybox:1
IMG_POSTGRES=local/postgres:15
IMG_JOB=local/job:1

say() { echo "kube.sh: $*" >&2; }
die() { say "$*"; exit 1; }

# --- build (once per machine) ----------------------------------------------------------------

built() {
  local b
  [ -f "$bin/.complete" ] || return 1
  for b in "${BINARIES[@]}"; do [ -x "$bin/$b" ] || return 1; done
}

build() {
  built && return 0
  [ "$(id -u)" = 0 ] || die "building needs root (it writes $cache_root)"
  mkdir -p "$cache_root"
  # Parallel callers: one builds, the others wait for it.
  exec 8>"$cache_root/build.lock"
  flock 8
  if built; then exec 8>&-; return 0; fi
  local work="$cache/work" t0=$SECONDS apt src f kube_deb
  apt="$work/apt"
  local A=(-o "Dir::Etc::sourcelist=$apt/sources.list" -o Dir::Etc::sourceparts=- \
    -o "Dir::State::lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o APT::Sandbox::User=root -qq)
  rm -rf "$bin" "$bin.part"
  # An interrupted build resumes from its downloads (and go's cache) once those are complete.
  if [ ! -f "$work/.fetched" ]; then
    rm -rf "$work"
    mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$work/debs" "$work/root" \
      "$work/src" "$work/home" "$work/gocache" "$work/tmp"
    cat >"$apt/sources.list" <<'EOF'
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm main
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm main
EOF
    say "build: apt-get update (separate apt state in $apt)"
    apt-get "${A[@]}" update >/dev/null || die "build: apt-get update failed"
    kube_deb=$(apt-cache "${A[@]}" showsrc kubernetes | awk '$1 == "Version:" {print $2}' | sort -V | tail -n 1)
    case "$kube_deb" in
      "$KUBE_SERIES".*) ;;
      *) die "build: bookworm's kubernetes source is '${kube_deb:-none}', not $KUBE_SERIES.x" ;;
    esac
    echo "$kube_deb" >"$work/kube-deb"
    say "build: downloading golang-1.19, etcd-server, kubernetes-client $kube_deb (unpacked, not installed)"
    local debs=(golang-1.19-go golang-1.19-src etcd-server "kubernetes-client=$kube_deb")
    # The make copies binaries with rsync: when the machine has none, an unpacked one (with
    # its libpopt) runs through a wrapper in $work/bin.
    command -v rsync >/dev/null 2>&1 || debs+=(rsync libpopt0)
    (cd "$work/debs" && apt-get "${A[@]}" download "${debs[@]}" >/dev/null) \
      || die "build: apt-get download ${debs[*]} failed"
    for f in "$work/debs"/*.deb; do dpkg-deb -x "$f" "$work/root"; done
    say "build: apt-get source kubernetes=$kube_deb (34 MB)"
    (cd "$work/src" && apt-get "${A[@]}" source "kubernetes=$kube_deb" >/dev/null 2>"$work/source.log") \
      || { cat "$work/source.log" >&2; die "build: apt-get source failed"; }
    touch "$work/.fetched"
  fi
  local goroot="$work/root/usr/lib/go-1.19"
  [ -x "$goroot/bin/go" ] || die "build: no go in $goroot"
  mkdir -p "$work/bin"
  if [ -x "$work/root/usr/bin/rsync" ]; then
    printf '#!/bin/sh\nLD_LIBRARY_PATH="%s" exec "%s" "$@"\n' \
      "$work/root/lib/x86_64-linux-gnu:$work/root/usr/lib/x86_64-linux-gnu" \
      "$work/root/usr/bin/rsync" >"$work/bin/rsync"
    chmod +x "$work/bin/rsync"
    "$work/bin/rsync" --version >/dev/null || die "build: the unpacked rsync does not run"
  fi
  src=$(find "$work/src" -mindepth 1 -maxdepth 1 -type d -name 'kubernetes-*' | head -n 1)
  if [ -z "$src" ] || [ ! -f "$src/Makefile" ]; then die "build: no unpacked source in $work/src"; fi
  say "build: make WHAT='cmd/kube-apiserver cmd/kubelet' (about 10 minutes on 2 cores; log: $cache/build.log)"
  # Without a git checkout the version comes from KUBE_GIT_*; the rest is the reference recipe.
  if ! (cd "$src" && env GOROOT="$goroot" PATH="$goroot/bin:$work/bin:$PATH" \
      GOCACHE="$work/gocache" GOPATH="$work/home/go" HOME="$work/home" TMPDIR="$work/tmp" \
      GOFLAGS=-mod=vendor GO111MODULE=on \
      KUBE_GIT_VERSION=v1.20.2 KUBE_GIT_TREE_STATE=clean KUBE_GIT_MAJOR=1 KUBE_GIT_MINOR=20 \
      make WHAT="cmd/kube-apiserver cmd/kubelet" KUBE_BUILD_PLATFORMS=linux/amd64 \
      >>"$cache/build.log" 2>&1 9>&-); then
    tail -n 30 "$cache/build.log" >&2
    die "build: make failed (log: $cache/build.log; downloads stay in $work for the next try)"
  fi
  mkdir -p "$bin.part"
  for f in kube-apiserver kubelet; do
    cp "$src/_output/bin/$f" "$bin.part/$f" 2>/dev/null \
      || cp "$src/_output/local/bin/linux/amd64/$f" "$bin.part/$f" \
      || die "build: make left no $f"
  done
  cp "$work/root/usr/bin/etcd" "$bin.part/etcd"
  cp "$work/root/usr/bin/kubectl" "$bin.part/kubectl"
  for f in "${BINARIES[@]}"; do
    "$bin.part/$f" --version >/dev/null 2>&1 || "$bin.part/$f" version --client >/dev/null 2>&1 \
      || die "build: $f does not run"
  done
  for f in "$work/debs"/*.deb; do echo "$(dpkg-deb -f "$f" Package) $(dpkg-deb -f "$f" Version)"; done \
    >"$bin.part/versions"
  echo "kubernetes(source) $(cat "$work/kube-deb")" >>"$bin.part/versions"
  touch "$bin.part/.complete"
  mv "$bin.part" "$bin"
  # Keep only the binaries (the source tree, go and its cache are about 3 GB).
  chmod -R u+w "$work" 2>/dev/null || true
  rm -rf "$work"
  say "build: done in $((SECONDS - t0)) s: $bin ($(du -sh "$bin" | cut -f1))"
  exec 8>&-
}

# --- helpers ---------------------------------------------------------------------------------

kc() { "$bin/kubectl" --kubeconfig "$state/admin.kubeconfig" "$@"; }
dk() { docker -H "$docker_host" "$@"; }

# start NAME PIDFILE [ENV=VALUE...] -- COMMAND...: a daemon in its own session, logging to
# .cache/kube/logs/NAME.log, holding none of our lock files.
start_daemon() {
  local name=$1 pidfile=$2 envs=()
  shift 2
  while [ "$1" != -- ]; do envs+=("$1"); shift; done
  shift
  env "${envs[@]}" setsid "$@" >>"$logs/$name.log" 2>&1 </dev/null 8>&- 9>&- &
  echo $! >"$pidfile"
}

# wait_for WHAT SECONDS PIDFILE LOG COMMAND...: until COMMAND succeeds; fails early when the
# process of PIDFILE is gone.
wait_for() {
  local what=$1 secs=$2 pidfile=$3 log=$4 i
  shift 4
  for ((i = 0; i < secs * 5; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    if ! running "$(cat "$pidfile" 2>/dev/null)"; then
      tail -n 25 "$log" >&2
      die "$what exited (log: $log)"
    fi
    sleep 0.2
  done
  tail -n 25 "$log" >&2
  die "$what not ready after ${secs}s (log: $log)"
}

# The text that identifies each of our processes in its command line (see `ours`).
id_etcd() { echo "--data-dir $state/etcd"; }
id_apiserver() { echo "--token-auth-file=$pki/tokens.csv"; }
id_containerd() { echo "$run/containerd.toml"; }
id_dockerd() { echo "$run/daemon.json"; }
id_kubelet() { echo "--root-dir=$run/kubelet"; }
COMPONENTS=(etcd apiserver containerd dockerd kubelet)

# (2>/dev/null: a process that ends while `ours` reads its /proc entry.)
alive() { ours "$state/$1.pid" "$("id_$1")" >/dev/null 2>&1; }

apiserver_ready() { [ "$(kc get --raw /readyz 2>/dev/null)" = ok ]; }
node_ready() {
  [ "$(kc get node localhost -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" = True ]
}
docker_answers() { timeout 10 docker -H "$docker_host" version >/dev/null 2>&1; }

healthy() {
  local c
  for c in "${COMPONENTS[@]}"; do alive "$c" || return 1; done
  [ -s "$state/admin.kubeconfig" ] && apiserver_ready && node_ready && docker_answers
}

# The machine's tools this needs (jq: the runc wrapper and the token request), installed
# when missing.
need_tools() {
  local missing=() pair
  for pair in jq:jq busybox:busybox-static dockerd:docker.io docker:docker.io containerd:containerd \
              runc:runc openssl:openssl; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and no apt-get to install them"
  say "installing ${missing[*]}"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# yaml_str TEXT: a double-quoted YAML scalar.
yaml_str() {
  local s=${1//\\/\\\\}
  s=${s//\"/\\\"}
  printf '"%s"' "$s"
}

# --- certificates, tokens, kubeconfigs ---------------------------------------------------------

make_pki() {
  [ -s "$pki/apiserver.crt" ] && [ -s "$pki/sa.pub" ] && [ -s "$pki/tokens.csv" ] && return 0
  say "making certificates, service-account keys and tokens in $pki"
  rm -rf "$pki"
  mkdir -p "$pki"
  chmod 700 "$pki"
  (
    cd "$pki"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 3650 \
      -subj "/CN=docker-exec-action kube CA" \
      -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
    openssl req -new -newkey rsa:2048 -nodes -keyout apiserver.key -out apiserver.csr \
      -subj /CN=kube-apiserver 2>/dev/null
    printf '%s\n' 'basicConstraints=CA:FALSE' 'keyUsage=critical,digitalSignature,keyEncipherment' \
      'extendedKeyUsage=serverAuth' \
      'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,IP:10.0.0.1' \
      >apiserver.ext
    openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -set_serial "0x$(openssl rand -hex 8)" \
      -days 3650 -extfile apiserver.ext -out apiserver.crt 2>/dev/null
    rm -f apiserver.csr apiserver.ext
    openssl genrsa -out sa.key 2048 2>/dev/null
    openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
    # token,user,uid,"groups"
    {
      echo "$(openssl rand -hex 24),admin,admin,\"system:masters\""
      echo "$(openssl rand -hex 24),system:node:localhost,kubelet,\"system:nodes,system:masters\""
      echo "$(openssl rand -hex 24),runner-user,runner-user"
      echo "$(openssl rand -hex 24),no-exec,no-exec"
    } >tokens.csv
    chmod 600 ./*.key tokens.csv
  )
  [ -s "$pki/apiserver.crt" ] || die "could not make the certificates"
}

token_of() { awk -F, -v u="$1" '$2 == u {print $1}' "$pki/tokens.csv"; }

# kubeconfig FILE USER [NAMESPACE]
write_kubeconfig() {
  local file=$1 user=$2 ns=${3:-default} token
  token=$(token_of "$user")
  [ -n "$token" ] || die "no token for $user in $pki/tokens.csv"
  cat >"$file.part" <<EOF
apiVersion: v1
kind: Config
clusters:
  - name: dea-kube
    cluster:
      server: $server
      certificate-authority: $(yaml_str "$pki/ca.crt")
users:
  - name: $user
    user:
      token: $token
contexts:
  - name: $user@dea-kube
    context:
      cluster: dea-kube
      user: $user
      namespace: $ns
current-context: $user@dea-kube
EOF
  chmod 600 "$file.part"
  mv "$file.part" "$file"
}

write_kubeconfigs() {
  write_kubeconfig "$state/admin.kubeconfig" admin
  write_kubeconfig "$state/kubelet.kubeconfig" system:node:localhost
  write_kubeconfig "$state/runner.kubeconfig" runner-user "$namespace"
  write_kubeconfig "$state/no-exec.kubeconfig" no-exec "$namespace"
}

# --- side effects of the kubelet: record before, undo in down -----------------------------------

sysctl_path() { local k=$1; echo "/proc/sys/${k//.//}"; }

save_host_state() {
  local k p d pid
  if [ ! -f "$state/saved-sysctls" ]; then
    for k in "${SYSCTLS[@]}"; do
      p=$(sysctl_path "$k")
      [ -r "$p" ] && echo "$k $(cat "$p")"
    done >"$state/saved-sysctls.part"
    mv "$state/saved-sysctls.part" "$state/saved-sysctls"
  fi
  for d in "${KUBELET_DIRS[@]}"; do
    [ -e "$d" ] || echo "$d"
  done >>"$state/created-dirs"
  sort -u -o "$state/created-dirs" "$state/created-dirs"
  # The kubelet gives every dockerd (and docker-containerd) on the machine oom_score_adj -999,
  # the system's too (this kernel refuses negative values, elsewhere it may not).
  if [ ! -f "$state/saved-oom" ]; then
    for pid in $(pgrep -x dockerd; pgrep -x containerd); do
      echo "$pid $(awk '{print $22}' "/proc/$pid/stat" 2>/dev/null) $(cat "/proc/$pid/oom_score_adj" 2>/dev/null)"
    done >"$state/saved-oom" || true
  fi
}

restore_host_state() {
  local k v p d pid start adj
  if [ -f "$state/saved-sysctls" ]; then
    while read -r k v; do
      p=$(sysctl_path "$k")
      [ -w "$p" ] || continue
      [ "$(cat "$p")" = "$v" ] && continue
      if echo "$v" >"$p" 2>/dev/null; then say "restored $k = $v"; else say "could not restore $k = $v"; fi
    done <"$state/saved-sysctls"
    rm -f "$state/saved-sysctls"
  fi
  if [ -f "$state/created-dirs" ]; then
    # Deepest first.
    sort -r "$state/created-dirs" | while IFS= read -r d; do
      case "$d" in /var/lib/kubelet* | /var/log/pods | /var/log/containers) ;; *) continue ;; esac
      [ -e "$d" ] || continue
      if ! awk -v p="$d" '$5 == p || index($5, p "/") == 1 {found = 1} END {exit !found}' /proc/self/mountinfo; then
        rm -rf --one-file-system "$d"
      else
        say "not removing $d: something is mounted there"
      fi
    done
    rm -f "$state/created-dirs"
  fi
  if [ -f "$state/saved-oom" ]; then
    while read -r pid start adj; do
      if [ -z "$adj" ] || ! running "$pid"; then continue; fi
      [ "$(awk '{print $22}' "/proc/$pid/stat" 2>/dev/null)" = "$start" ] || continue
      [ "$(cat "/proc/$pid/oom_score_adj")" = "$adj" ] && continue
      echo "$adj" >"/proc/$pid/oom_score_adj" 2>/dev/null && say "restored oom_score_adj $adj of pid $pid"
    done <"$state/saved-oom"
    rm -f "$state/saved-oom"
  fi
}

# unmount_under DIR: every mount at or below DIR, deepest first (a few passes: the kubelet's
# shared bind mounts can stack).
unmount_under() {
  local dir=$1 m pass
  for pass in 1 2 3 4 5; do
    m=$(awk -v p="$dir" '$5 == p || index($5, p "/") == 1 {print $5}' /proc/self/mountinfo | sort -r)
    [ -n "$m" ] || return 0
    while IFS= read -r m; do
      umount "$m" 2>/dev/null || { [ "$pass" -ge 3 ] && umount -l "$m" 2>/dev/null; } || true
    done <<<"$m"
  done
  m=$(awk -v p="$dir" '$5 == p || index($5, p "/") == 1 {print $5}' /proc/self/mountinfo)
  [ -z "$m" ] || say "could not unmount: $m"
}

# --- images (in the kubelet's dockerd, never pulled) ----------------------------------------------

# busybox_rootfs DIR: busybox-static with its applets, and users root and app (uid 1000).
busybox_rootfs() {
  local dir=$1 busybox applet
  busybox=$(command -v busybox) || die "no busybox (apt-get install busybox-static)"
  mkdir -p "$dir"/{bin,etc,tmp,root,home/app,var/run,proc,sys,dev}
  chmod 1777 "$dir/tmp"
  cp "$busybox" "$dir/bin/busybox"
  for applet in $("$busybox" --list); do
    [ -e "$dir/bin/$applet" ] || ln -s busybox "$dir/bin/$applet"
  done
  printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' 'app:x:1000:1000:app:/home/app:/bin/sh' \
    'nobody:x:65534:65534:nobody:/nonexistent:/bin/false' >"$dir/etc/passwd"
  printf '%s\n' 'root:x:0:' 'app:x:1000:' 'nogroup:x:65534:' >"$dir/etc/group"
  chown -R 1000:1000 "$dir/home/app"
}

image_recipe() { dk image inspect -f '{{index .Config.Labels "recipe"}}' "$1" 2>/dev/null || true; }

# import DIR IMAGE RECIPE CMD-JSON
import_rootfs() {
  tar -C "$1" -c . | dk import -c "CMD $4" -c 'ENV PATH=/bin' -c "LABEL recipe=$3" - "$2" >/dev/null
}

images() {
  local recipe node nodever tmp lib
  recipe=$(sha256sum "$0" | cut -c1-12)
  node=$(bash "$root/scripts/node24.sh") || die "no Node 24 binary (scripts/node24.sh)"
  nodever=$("$node" --version)
  tmp="$state/images.tmp"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  if [ "$(image_recipe "$IMG_BUSYBOX")" != "$recipe" ] || [ "$(image_recipe "$IMG_PAUSE")" != "$recipe" ] \
     || [ "$(image_recipe "$IMG_JOB")" != "$recipe-$nodever" ]; then
    say "importing $IMG_PAUSE, $IMG_BUSYBOX, $IMG_JOB"
    busybox_rootfs "$tmp/rootfs"
    # The sandbox's process: ends on SIGTERM at once (a bare `sleep` as PID 1 ignores it).
    import_rootfs "$tmp/rootfs" "$IMG_PAUSE" "$recipe" \
      '["/bin/sh","-c","trap \"exit 0\" TERM INT; while :; do sleep 3600 & wait $!; done"]'
    import_rootfs "$tmp/rootfs" "$IMG_BUSYBOX" "$recipe" '["/bin/sleep","infinity"]'
    # The job container runs the host's Node 24 binary (mounted read-only): its libraries and
    # dynamic loader, as ldd lists them.
    for lib in $(ldd "$node" | grep -o '/[^ ]*'); do
      mkdir -p "$tmp/rootfs$(dirname "$lib")"
      cp -L "$lib" "$tmp/rootfs$lib"
    done
    import_rootfs "$tmp/rootfs" "$IMG_JOB" "$recipe-$nodever" '["/bin/sleep","infinity"]'
  fi
  rm -rf "$tmp"
  # PostgreSQL: scripts/postgres-image.sh builds (once) and caches the rootfs tarball in
  # /var/cache/docker-exec-action and imports it, with its CMD, into the engine DOCKER_HOST
  # names: here the kubelet's dockerd, so the system engine is not needed.
  local pg
  pg=$(DOCKER_HOST=$docker_host bash "$root/scripts/postgres-image.sh") || die "scripts/postgres-image.sh failed"
  if [ "$(dk image inspect -f '{{.Id}}' "$pg")" != "$(dk image inspect -f '{{.Id}}' "$IMG_POSTGRES" 2>/dev/null || true)" ]; then
    dk tag "$pg" "$IMG_POSTGRES"
  fi
  echo "$node" >"$state/node-binary"
}

# --- cluster objects ----------------------------------------------------------------------------

rbac() {
  kc apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Namespace
metadata:
  name: $namespace
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: runner
  namespace: $namespace
---
# What actions/runner-container-hooks (k8s) needs in its namespace.
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: runner
  namespace: $namespace
rules:
  - apiGroups: [""]
    resources: [pods]
    verbs: [get, list, watch]
  - apiGroups: [""]
    resources: [pods/exec]
    verbs: [create, get]
  - apiGroups: [""]
    resources: [pods/log]
    verbs: [get]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: runner
  namespace: $namespace
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: runner
subjects:
  - kind: ServiceAccount
    name: runner
    namespace: $namespace
  - apiGroup: rbac.authorization.k8s.io
    kind: User
    name: runner-user
---
# Reads pods, may not exec: for the refusal tests.
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: no-exec
  namespace: $namespace
rules:
  - apiGroups: [""]
    resources: [pods]
    verbs: [get, list]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: no-exec
  namespace: $namespace
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: no-exec
subjects:
  - apiGroup: rbac.authorization.k8s.io
    kind: User
    name: no-exec
EOF
}

# The layout of /var/run/secrets/kubernetes.io/serviceaccount, with a token of dea/runner from
# the TokenRequest API (no token controller runs). A new token on every `up`.
service_account() {
  local out token
  out=$(echo '{"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","spec":{"audiences":["https://kubernetes.default.svc"],"expirationSeconds":31536000}}' \
    | kc create --raw "/api/v1/namespaces/$namespace/serviceaccounts/runner/token" -f -) \
    || die "the TokenRequest for $namespace/runner failed"
  token=$(jq -r '.status.token // empty' <<<"$out")
  [ -n "$token" ] || die "the TokenRequest answer has no token: $out"
  mkdir -p "$sadir"
  chmod 755 "$sadir"
  printf '%s' "$token" >"$sadir/token.part"
  printf '%s' "$namespace" >"$sadir/namespace.part"
  cp "$pki/ca.crt" "$sadir/ca.crt.part"
  chmod 644 "$sadir"/*.part
  for f in token namespace ca.crt; do mv "$sadir/$f.part" "$sadir/$f"; done
}

write_cluster_json() {
  jq -n --arg server "$server" --arg ca "$pki/ca.crt" --arg admin "$state/admin.kubeconfig" \
    --arg runner "$state/runner.kubeconfig" --arg noexec "$state/no-exec.kubeconfig" \
    --arg sa "$sadir" --arg ns "$namespace" --arg dh "$docker_host" --arg kubectl "$bin/kubectl" \
    --arg node "$(cat "$state/node-binary")" --arg pause "$IMG_PAUSE" --arg busybox "$IMG_BUSYBOX" \
    --arg postgres "$IMG_POSTGRES" --arg job "$IMG_JOB" --arg nodeName localhost \
    '{server: $server, caFile: $ca, adminKubeconfig: $admin, runnerKubeconfig: $runner,
      noExecKubeconfig: $noexec, serviceAccountDir: $sa, namespace: $ns, nodeName: $nodeName,
      dockerHost: $dh, kubectl: $kubectl,
      images: {pause: $pause, busybox: $busybox, postgres: $postgres, job: $job},
      nodeBinary: $node, nodeBinaryInJob: "/__e/node24/node"}' >"$cluster_json.part"
  mv "$cluster_json.part" "$cluster_json"
}

# --- up -----------------------------------------------------------------------------------------

start_etcd() {
  start_daemon etcd "$state/etcd.pid" ETCD_LOGGER=zap -- "$bin/etcd" --name default \
    --data-dir "$state/etcd" \
    --listen-client-urls http://127.0.0.1:23790 --advertise-client-urls http://127.0.0.1:23790 \
    --listen-peer-urls http://127.0.0.1:23800 --initial-advertise-peer-urls http://127.0.0.1:23800 \
    --initial-cluster default=http://127.0.0.1:23800 --initial-cluster-state new
}

start_apiserver() {
  start_daemon apiserver "$state/apiserver.pid" -- "$bin/kube-apiserver" \
    --etcd-servers=http://127.0.0.1:23790 --bind-address=127.0.0.1 --advertise-address=127.0.0.1 \
    --secure-port=16443 --insecure-port=0 \
    --tls-cert-file="$pki/apiserver.crt" --tls-private-key-file="$pki/apiserver.key" \
    --token-auth-file="$pki/tokens.csv" --authorization-mode=RBAC \
    --service-account-key-file="$pki/sa.pub" --service-account-signing-key-file="$pki/sa.key" \
    --service-account-issuer=https://kubernetes.default.svc --api-audiences=https://kubernetes.default.svc \
    --disable-admission-plugins=ServiceAccount --service-cluster-ip-range=10.0.0.0/24 \
    --kubelet-preferred-address-types=Hostname --profiling=false
}

start_engine() {
  local real_runc jq
  real_runc=$(command -v runc) || die "no runc (apt-get install runc)"
  jq=$(command -v jq)
  mkdir -p "$run"
  chmod 711 "$run"
  # The pod sandbox asks for oomScoreAdj -998, which this machine refuses (runc: "can't get
  # final child's PID from pipe"): a negative process.oomScoreAdj becomes 0, then the real runc.
  cat >"$run/runc-wrap" <<EOF
#!/bin/sh
# Written by scripts/kube.sh: runc for the kubelet's dockerd.
prev=
for a in "\$@"; do
  f=
  case "\$prev" in
    --bundle | -b) f="\$a/config.json" ;;
    --process | -p) f="\$a" ;;
  esac
  case "\$a" in --bundle=*) f="\${a#--bundle=}/config.json" ;; esac
  if [ -n "\$f" ] && [ -f "\$f" ] \\
    && "$jq" -e '((.process.oomScoreAdj // 0) < 0) or ((.oomScoreAdj // 0) < 0)' "\$f" >/dev/null 2>&1; then
    "$jq" -c 'if (.process.oomScoreAdj // 0) < 0 then .process.oomScoreAdj = 0 else . end
      | if (.oomScoreAdj // 0) < 0 then .oomScoreAdj = 0 else . end' "\$f" >"\$f.dea" && mv "\$f.dea" "\$f"
  fi
  prev=\$a
done
exec "$real_runc" "\$@"
EOF
  chmod 755 "$run/runc-wrap"
  cat >"$run/containerd.toml" <<EOF
# Written by scripts/kube.sh: the containerd of the kubelet's dockerd, on its unix socket only.
version = 2
root = "$run/containerd/root"
state = "$run/containerd/state"
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "$run/containerd.sock"
[debug]
  address = ""
[metrics]
  address = ""
EOF
  echo '{}' >"$run/daemon.json" # not the machine's /etc/docker/daemon.json
  start_daemon containerd "$state/containerd.pid" -- containerd --config "$run/containerd.toml"
  wait_for containerd 20 "$state/containerd.pid" "$logs/containerd.log" test -S "$run/containerd.sock"
  mkdir -p "$data_root"
  start_daemon dockerd "$state/dockerd.pid" -- dockerd --config-file "$run/daemon.json" \
    --containerd "$run/containerd.sock" --data-root "$data_root" --exec-root "$run/dexec" \
    --pidfile "$run/dockerd.pid" -H "$docker_host" --bridge=none --iptables=false --ip-masq=false \
    --ip-forward=false --add-runtime "wrapped=$run/runc-wrap" --default-runtime=wrapped
}

start_kubelet() {
  # No kernel modules and no iptables for the kubelet: its network plugin (none) would
  # `modprobe br-netfilter`. AWS_EC2_METADATA_DISABLED: the in-tree ECR credential provider
  # asks the EC2 metadata service (169.254.169.254) at start otherwise; the GCE one only looks
  # at /sys/class/dmi. CNI: none (pods use hostNetwork), and not the machine's /etc/cni/net.d.
  mkdir -p "$run/bin" "$run/volume-plugins"
  local t
  for t in modprobe iptables ip6tables iptables-save iptables-restore ip6tables-save ip6tables-restore; do
    printf '#!/bin/sh\necho "%s: disabled by scripts/kube.sh" >&2\nexit 1\n' "$t" >"$run/bin/$t"
    chmod 755 "$run/bin/$t"
  done
  start_daemon kubelet "$state/kubelet.pid" "PATH=$run/bin:$PATH" AWS_EC2_METADATA_DISABLED=true \
    -- "$bin/kubelet" \
    --kubeconfig="$state/kubelet.kubeconfig" --root-dir="$run/kubelet" --cert-dir="$run/kubelet/pki" \
    --docker-endpoint="$docker_host" --container-runtime=docker \
    --container-runtime-endpoint="unix://$run/dockershim.sock" \
    --experimental-dockershim-root-directory="$run/dockershim" --pod-infra-container-image="$IMG_PAUSE" \
    --hostname-override=localhost --address=127.0.0.1 --healthz-bind-address=127.0.0.1 \
    --fail-swap-on=false --cgroup-driver=cgroupfs --cgroups-per-qos=false --enforce-node-allocatable= \
    --anonymous-auth=true --authorization-mode=AlwaysAllow --authentication-token-webhook=false \
    --port=20250 --read-only-port=0 --healthz-port=20248 --make-iptables-util-chains=false \
    --volume-plugin-dir="$run/volume-plugins" --oom-score-adj=0 \
    --network-plugin= --cni-conf-dir="$run/cni/net.d" --cni-bin-dir="$run/cni/bin" \
    --image-gc-high-threshold=100 --image-gc-low-threshold=99 \
    --eviction-hard='memory.available<1Mi,nodefs.available<1%,imagefs.available<1%' \
    --node-status-update-frequency=4s
}

up() {
  [ "$(id -u)" = 0 ] || die "up needs root"
  build
  need_tools
  mkdir -p "$state" "$logs"
  trap 'up_failed' EXIT
  trap 'exit 130' INT TERM
  if healthy && [ -s "$cluster_json" ]; then
    images
    rbac
    service_account
    write_cluster_json
    trap - EXIT INT TERM
    echo reused
    return 0
  fi
  # Whatever is left of an earlier run goes first, then everything starts; on any failure
  # `down` undoes what was started.
  local t0=$SECONDS f o
  # One cluster per machine (fixed ports, /run/dea-kube): not over another checkout's.
  if o=$(other_owner); then die "the cluster of another checkout runs ($o): run its scripts/kube.sh down first"; fi
  down_all quiet
  mkdir -p "$run"
  echo "$state" >"$run/owner"
  for f in "$logs"/*.log; do [ -f "$f" ] && mv "$f" "$f.1"; done # the last run's logs: *.log.1
  make_pki
  write_kubeconfigs
  rm -rf "$state/etcd"
  start_etcd
  start_apiserver
  start_engine
  wait_for dockerd 60 "$state/dockerd.pid" "$logs/dockerd.log" docker_answers
  images
  wait_for kube-apiserver 90 "$state/apiserver.pid" "$logs/apiserver.log" apiserver_ready
  rbac
  save_host_state
  start_kubelet
  wait_for "kubelet (node localhost Ready)" 120 "$state/kubelet.pid" "$logs/kubelet.log" node_ready
  service_account
  write_cluster_json
  trap - EXIT INT TERM
  say "up in $((SECONDS - t0)) s: $cluster_json"
  echo started
}

up_failed() {
  local rc=$?
  trap - EXIT INT TERM
  [ "$rc" = 0 ] && return 0
  set +e
  say "up failed (exit $rc): undoing it"
  down_all
  exit "$rc"
}

# other_owner: prints the checkout that /run/dea-kube belongs to when it is another one (that
# still exists).
other_owner() {
  local o
  [ -s "$run/owner" ] || return 1
  o=$(cat "$run/owner")
  if [ "$o" = "$state" ] || [ ! -d "$o" ]; then return 1; fi
  echo "$o"
}

# --- down ---------------------------------------------------------------------------------------

# stop_component NAME SECONDS
stop_component() {
  local pid
  if pid=$(ours "$state/$1.pid" "$("id_$1")" 2>/dev/null); then stop_pid "$pid" "$1" "$2"; fi
  rm -f "$state/$1.pid"
}

down_all() {
  local quiet=${1:-} pid d i o
  # Pods first, while the kubelet can still stop their containers. Forced: a graceful delete
  # waits for the kubelet's status sync (up to 10 s more) before the object goes.
  if alive apiserver && alive kubelet && [ -s "$state/admin.kubeconfig" ]; then
    if [ -n "$(kc get pods -A -o name 2>/dev/null)" ]; then
      [ -n "$quiet" ] || say "deleting pods"
      kc delete pods --all -A --grace-period=0 --force >/dev/null 2>&1 || true
      for ((i = 0; i < 75; i++)); do
        [ -z "$(dk ps -q --filter label=io.kubernetes.pod.uid 2>/dev/null)" ] && break
        sleep 0.2
      done
    fi
  fi
  stop_component kubelet 10
  if alive dockerd && docker_answers; then
    # shellcheck disable=SC2046 # word splitting intended
    timeout 30 docker -H "$docker_host" rm -f $(dk ps -aq 2>/dev/null) >/dev/null 2>&1 || true
  fi
  stop_component apiserver 10
  stop_component etcd 10
  stop_component dockerd 20
  stop_component containerd 10
  # Shims of that containerd that outlived it.
  for pid in $(pgrep -f -- "-address $run/containerd.sock" || true); do
    stop_pid "$pid" containerd-shim 5
  done
  if o=$(other_owner); then
    say "$run belongs to the cluster of $o: leaving it"
  else
    unmount_under "$run"
    unmount_under "$data_root"
    [ -d "$run" ] && rm -rf --one-file-system "$run"
  fi
  restore_host_state
  rm -rf "$state/etcd" "$sadir" "$cluster_json" "$state/node-binary"
  for d in "${COMPONENTS[@]}"; do rm -f "$state/$d.pid"; done
  return 0
}

# --- arc-pod ------------------------------------------------------------------------------------

arc_pod() {
  local name=${1:-} node
  [ -n "$name" ] || die "usage: $0 arc-pod NAME"
  node=$(bash "$root/scripts/node24.sh") || die "no Node 24 binary (scripts/node24.sh)"
  cat <<EOF
# The pod actions-runner-controller's Kubernetes mode (runner-container-hooks, k8s) makes for
# a job: container \`job\` and one container per service, named from its image. Written by
# scripts/kube.sh arc-pod; the node \`localhost\` of scripts/kube.sh up.
apiVersion: v1
kind: Pod
metadata:
  name: $name
  namespace: $namespace
  labels:
    app.kubernetes.io/managed-by: docker-exec-action-tests
spec:
  nodeName: localhost
  hostNetwork: true
  serviceAccountName: runner
  automountServiceAccountToken: false
  terminationGracePeriodSeconds: 1
  restartPolicy: Never
  containers:
    - name: job
      image: $IMG_JOB
      imagePullPolicy: Never
      command: [sleep, infinity]
      env:
        - name: KUBERNETES_SERVICE_HOST
          value: "127.0.0.1"
        - name: KUBERNETES_SERVICE_PORT
          value: "16443"
      volumeMounts:
        - name: work
          mountPath: /__w/repo
          readOnly: true
        - name: externals
          mountPath: /__e/node24
          readOnly: true
        - name: serviceaccount
          mountPath: /var/run/secrets/kubernetes.io/serviceaccount
          readOnly: true
    - name: postgres
      image: $IMG_POSTGRES
      imagePullPolicy: Never
      readinessProbe:
        exec:
          command: [pg_isready, -h, /var/run/postgresql]
        periodSeconds: 1
        failureThreshold: 60
    - name: busybox
      image: $IMG_BUSYBOX
      imagePullPolicy: Never
      command: [sleep, infinity]
  volumes:
    - name: work
      hostPath:
        path: $(yaml_str "$root")
        type: Directory
    - name: externals
      hostPath:
        path: $(yaml_str "$(dirname "$node")")
        type: Directory
    - name: serviceaccount
      hostPath:
        path: $(yaml_str "$sadir")
        type: Directory
EOF
}

# --- main ---------------------------------------------------------------------------------------

lock() {
  mkdir -p "$root/.cache"
  exec 9>"$state.lock"
  flock -w 600 9 || die "another kube.sh holds $state.lock"
}

case "${1:-}" in
  build) build ;;
  up) lock; up ;;
  down) lock; down_all ;;
  env)
    if [ -s "$cluster_json" ] && alive apiserver && alive kubelet; then
      echo "KUBE_CLUSTER=$cluster_json"
    else
      say "the cluster is not up (scripts/kube.sh up)"
    fi
    ;;
  arc-pod) arc_pod "${2:-}" ;;
  *) echo "usage: $0 build|up|down|env|arc-pod NAME" >&2; exit 2 ;;
esac
