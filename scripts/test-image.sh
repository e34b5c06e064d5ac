#!/usr/bin/env bash
# Builds the test image offline (no registry is reachable): a busybox rootfs plus bash,
# imported with `docker import`. Prints the image name. Rebuilds only when this script changes.
#   scripts/test-image.sh            -> docker-exec-action-test:busybox
# DEA_TEST_CLI=podman makes it with the podman CLI (see __tests__/helpers/docker.ts).
set -euo pipefail
cli=${DEA_TEST_CLI:-docker}
image=docker-exec-action-test:busybox
recipe=$(sha256sum "$0" | cut -c1-12)
if [ "$("$cli" image inspect -f '{{index .Config.Labels "recipe"}}' "$image" 2>/dev/null || true)" = "$recipe" ]; then
  echo "$image"; exit 0
fi
# busybox from the machine, else Debian's or Ubuntu's busybox-static unpacked once into the user's
# cache: `apt-get download` needs no root (GitHub's runner images have no busybox).
busybox=$(command -v busybox || true)
if [ -z "$busybox" ]; then
  own="${XDG_CACHE_HOME:-$HOME/.cache}/docker-exec-action/busybox"
  if [ ! -x "$own/bin/busybox" ]; then
    mkdir -p "$own"
    (cd "$own" && apt-get download -qq busybox-static >/dev/null) || { echo "test-image.sh: no busybox, and apt-get download busybox-static failed" >&2; exit 1; }
    dpkg-deb -x "$own"/busybox-static_*.deb "$own/root"
    mkdir -p "$own/bin"
    # /bin/busybox in older packages, /usr/bin/busybox since the /usr merge.
    mv "$(find "$own/root" -type f -name busybox | head -n 1)" "$own/bin/busybox"
    rm -rf "$own/root" "$own"/*.deb
  fi
  busybox="$own/bin/busybox"
fi
rootfs=$(mktemp -d)
trap 'rm -rf "$rootfs" "$rootfs.tar"' EXIT
mkdir -p "$rootfs"/{bin,etc,tmp,root,home/app,data,var/run,proc,sys,dev}
chmod 1777 "$rootfs/tmp"
cp "$busybox" "$rootfs/bin/busybox"
for applet in $("$busybox" --list); do
  [ -e "$rootfs/bin/$applet" ] || ln -s busybox "$rootfs/bin/$applet"
done
# bash, with the libraries it links, for the `shell: bash` cases.
cp /bin/bash "$rootfs/bin/bash"
for lib in $(ldd /bin/bash | grep -o '/[^ ]*'); do
  mkdir -p "$rootfs$(dirname "$lib")"
  cp -L "$lib" "$rootfs$lib"
done
cat > "$rootfs/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
app:x:1000:1000:app:/home/app:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
PASSWD
cat > "$rootfs/etc/group" <<'GROUP'
root:x:0:
app:x:1000:
staff:x:50:app
nogroup:x:65534:
GROUP
# Owners are set in the archive, not on disk, so that a user who is not root can make it too:
# everything root's, /home/app app's.
tar -C "$rootfs" --numeric-owner --owner=0 --group=0 --exclude=./home/app -cf "$rootfs.tar" .
tar -C "$rootfs" --numeric-owner --owner=1000 --group=1000 -rf "$rootfs.tar" ./home/app
"$cli" import \
  -c 'CMD ["/bin/sleep","infinity"]' -c 'ENV PATH=/bin' -c "LABEL recipe=$recipe" \
  "$rootfs.tar" "$image" >/dev/null
echo "$image"
