#!/usr/bin/env bash
# Builds the PostgreSQL test image offline (no registry is reachable) from Debian's own
# packages: mmdebstrap makes a bookworm rootfs with postgresql through this machine's apt
# sources, and `docker import` turns it into an image. Prints the image name.
#   scripts/postgres-image.sh        -> docker-exec-action-test:postgres
# Rebuilds only when this script changes (label `recipe`). The rootfs tarball is kept in
# /var/cache/docker-exec-action/ so that a lost image is re-imported without mmdebstrap.
# The server listens on its unix socket only (/var/run/postgresql), never on TCP; check it
# with `pg_isready -h /var/run/postgresql` and talk to it with `docker exec -u postgres C psql`.
set -euo pipefail
image=docker-exec-action-test:postgres
recipe=$(sha256sum "$0" | cut -c1-12)
cache=/var/cache/docker-exec-action
tarball="$cache/postgres-$recipe.tar"
partial="$cache/postgres-$recipe.part.tar"

if [ "$(docker image inspect -f '{{index .Config.Labels "recipe"}}' "$image" 2>/dev/null || true)" = "$recipe" ]; then
  echo "$image"; exit 0
fi

if [ "$(id -u)" != 0 ]; then
  echo "postgres-image.sh: needs root (mmdebstrap, $cache)" >&2
  exit 1
fi
mkdir -p "$cache"
# Parallel test workers may ask for the image at the same time: one builds, the others wait.
exec 9>"$cache/postgres.lock"
flock 9
if [ "$(docker image inspect -f '{{index .Config.Labels "recipe"}}' "$image" 2>/dev/null || true)" = "$recipe" ]; then
  echo "$image"; exit 0
fi

# The machine's own apt sources: every enabled Debian entry for a bookworm suite, as one-line
# entries (deb822 *.sources and one-line *.list). mmdebstrap's default mirror is only used
# when the machine has none.
host_sources() {
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    awk '$1 == "deb" {
           i = 2; if ($2 ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
           if ($(i+1) ~ /^bookworm/) print "deb " $i " " $(i+1) " main"
         }' "$f"
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk 'function flush() {
           if (types ~ /(^| )deb( |$)/ && enabled != "no" && uris != "")
             for (u = 1; u <= nu; u++) for (s = 1; s <= ns; s++)
               if (S[s] ~ /^bookworm/) print "deb " U[u] " " S[s] " main"
           types = ""; uris = ""; enabled = ""; nu = 0; ns = 0
         }
         /^[ \t]*#/ { next }
         /^[ \t]*$/ { flush(); next }
         { key = tolower($1); sub(/:$/, "", key)
           if (key == "types") { types = $0; sub(/^[^:]*:[ \t]*/, "", types) }
           else if (key == "uris") { uris = $0; for (k = 2; k <= NF; k++) U[++nu] = $k }
           else if (key == "suites") { for (k = 2; k <= NF; k++) S[++ns] = $k }
           else if (key == "enabled") { enabled = tolower($2) } }
         END { flush() }' "$f"
  done
}

if [ ! -s "$tarball" ]; then
  if ! command -v mmdebstrap >/dev/null 2>&1; then
    echo "postgres-image.sh: installing mmdebstrap" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mmdebstrap >/dev/null
  fi
  mirrors=$(host_sources | awk '!seen[$0]++')
  mirror_args=()
  if [ -n "$mirrors" ]; then
    while IFS= read -r line; do mirror_args+=("$line"); done <<<"$mirrors"
  fi
  echo "postgres-image.sh: building the rootfs with mmdebstrap (about a minute) from:" >&2
  printf '  %s\n' "${mirror_args[@]:-http://deb.debian.org/debian (default)}" >&2
  rm -rf "$cache"/postgres-*.tar "$cache"/postgres-*.part.tar
  # </dev/null: without a mirror argument mmdebstrap would read sources from stdin.
  if ! mmdebstrap --quiet --format=tar --variant=apt --include=postgresql,ca-certificates \
      bookworm "$partial" "${mirror_args[@]}" </dev/null; then
    rm -f "$partial"
    echo "postgres-image.sh: mmdebstrap failed" >&2
    exit 1
  fi
  # The Debian package creates the cluster 15/main at install time; the CMD below needs it.
  for f in ./var/lib/postgresql/15/main/PG_VERSION ./etc/postgresql/15/main/postgresql.conf \
           ./usr/lib/postgresql/15/bin/postgres; do
    if ! tar -tf "$partial" "$f" >/dev/null 2>&1; then
      rm -f "$partial"
      echo "postgres-image.sh: the rootfs has no $f (no 15/main cluster?)" >&2
      exit 1
    fi
  done
  mv "$partial" "$tarball"
fi

# setpriv (util-linux) execs postgres directly as PID 1, so `docker stop` reaches it;
# --init-groups keeps the ssl-cert group that reads the snakeoil key of Debian's config.
# (docker 20.10's import takes no STOPSIGNAL: `docker stop` sends SIGTERM, a smart shutdown.)
cmd='["/bin/sh","-c","mkdir -p /var/run/postgresql && chown postgres:postgres /var/run/postgresql && exec setpriv --reuid=postgres --regid=postgres --init-groups /usr/lib/postgresql/15/bin/postgres -D /var/lib/postgresql/15/main -c config_file=/etc/postgresql/15/main/postgresql.conf -c listen_addresses="]'
docker import \
  -c 'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  -c "CMD $cmd" \
  -c "LABEL recipe=$recipe" \
  "$tarball" "$image" >/dev/null
echo "$image"
