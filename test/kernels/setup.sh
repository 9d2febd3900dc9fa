#!/usr/bin/env bash
# Set-up for the real-kernel matrix (test/kernels): installs what booting Debian's own kernels
# under QEMU needs, and prepares one cache directory per kernel release line.
#
#   bash test/kernels/setup.sh [6.1 6.12 ...]      (default: 6.1 6.12)
#
# For each line it picks the newest `linux-image-<line>.*-amd64-unsigned` package apt knows of
# (names are looked up at run time: Debian retires old ABI numbers), downloads it with
# `apt-get download`, extracts vmlinuz and lib/modules with `dpkg-deb -x`, runs depmod and
# records which modules the guest must insmod (9p, loop, xfs, btrfs and their dependencies).
# A prepared kernel lives in $FANOTIFY_KERNEL_CACHE (default ~/.cache/fanotify-codec/kernels)
# under the package's name and version; it is built in a private directory and renamed into
# place, so two copies of the suite running at once never see (or corrupt) a half-made one.
# The last lines of stdout are `kernel <release> <dir>`, one per line asked for.
# Anything missing is an error (exit 1), never a skip.
set -euo pipefail

die() { echo "test/kernels/setup.sh: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "must run as root (installs packages; the guest mounts filesystems)"

LINES=("$@")
[ ${#LINES[@]} -gt 0 ] || LINES=(6.1 6.12)
CACHE=${FANOTIFY_KERNEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/fanotify-codec/kernels}
mkdir -p "$CACHE"

export DEBIAN_FRONTEND=noninteractive
APT=(apt-get -o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)
updated=0
apt_update() { if [ $updated = 0 ]; then "${APT[@]}" update -qq >&2 || die "apt-get update failed"; updated=1; fi; }

# Host tools: QEMU, a static busybox for the initramfs, cpio, kmod (depmod/modprobe), xz/zstd
# (module decompression), and what the guest runs from the shared host root (mkfs tools,
# util-linux's mount/losetup/nsenter/unshare, debugfs).
need=()
for pair in qemu-system-x86_64:qemu-system-x86 busybox:busybox-static cpio:cpio depmod:kmod xz:xz-utils zstd:zstd \
  mkfs.ext4:e2fsprogs debugfs:e2fsprogs mkfs.xfs:xfsprogs mkfs.btrfs:btrfs-progs nsenter:util-linux losetup:mount; do
  cmd=${pair%%:*} pkg=${pair#*:}
  command -v "$cmd" >/dev/null 2>&1 || PATH=$PATH:/usr/sbin:/sbin command -v "$cmd" >/dev/null 2>&1 || need+=("$pkg")
done
# busybox must be the static one: it runs in the initramfs before the host root is mounted.
if command -v busybox >/dev/null 2>&1 && ! file -L "$(command -v busybox)" 2>/dev/null | grep -q 'statically linked' && [ ! -x /bin/busybox ]; then need+=(busybox-static); fi
dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'install ok installed' || need+=(busybox-static)
if [ ${#need[@]} -gt 0 ]; then
  mapfile -t need < <(printf '%s\n' "${need[@]}" | sort -u)
  echo "setup: installing ${need[*]}" >&2
  "${APT[@]}" install -y -qq --no-install-recommends "${need[@]}" >&2 || { apt_update; "${APT[@]}" install -y -qq --no-install-recommends "${need[@]}" >&2; } ||
    die "apt-get install ${need[*]} failed"
fi
for cmd in qemu-system-x86_64 cpio depmod modprobe xz zstd; do PATH=$PATH:/usr/sbin:/sbin command -v "$cmd" >/dev/null || die "$cmd is still missing after apt-get install"; done
[ -x /bin/busybox ] || die "/bin/busybox (busybox-static) is missing"

# The newest package of a release line: linux-image-6.1.0-57-amd64-unsigned,
# linux-image-6.12.118+deb12-amd64-unsigned ...
newest_package() {
  local line=$1 re
  re="^linux-image-${line//./\\.}[.-][0-9][^ ]*-amd64-unsigned$"
  apt-cache pkgnames linux-image- 2>/dev/null | grep -E "$re" | grep -v -E -- '-(rt|cloud)-amd64' | sort -V | tail -1
}

# Modules the guest insmods, in this order (their dependencies come first).
GUEST_MODULES=(virtio_pci 9pnet_virtio 9p loop ext4 xfs btrfs)

prepare() {
  local line=$1 pkg version key dir tmp rel
  pkg=$(newest_package "$line")
  if [ -z "$pkg" ]; then apt_update; pkg=$(newest_package "$line"); fi
  [ -n "$pkg" ] || die "no linux-image-$line.*-amd64-unsigned package in apt's lists (apt-cache pkgnames linux-image-)"
  version=$(apt-cache policy "$pkg" | awk '/Candidate:/ {print $2}')
  [ -n "$version" ] && [ "$version" != "(none)" ] || die "$pkg has no installable version"
  # The key names the module set too: a change of GUEST_MODULES prepares a new entry.
  key="${pkg}_${version//:/%3a}_$(echo "${GUEST_MODULES[*]}" | md5sum | cut -c1-8)"
  dir="$CACHE/$key"
  if [ -f "$dir/ready" ]; then echo "$dir"; return; fi
  echo "setup: preparing $pkg $version in $dir" >&2
  tmp=$(mktemp -d "$CACHE/.tmp-$key.XXXXXX")
  # prepare runs in $(...): a subshell of its own, so EXIT is its end, also on die.
  # shellcheck disable=SC2064
  trap "rm -rf '$tmp'" EXIT
  ( cd "$tmp" && "${APT[@]}" -o APT::Sandbox::User=root download -qq "$pkg=$version" >&2 ) || { apt_update; ( cd "$tmp" && "${APT[@]}" -o APT::Sandbox::User=root download -qq "$pkg=$version" >&2 ); } ||
    die "apt-get download $pkg=$version failed"
  dpkg-deb -x "$tmp"/*.deb "$tmp/root" || die "dpkg-deb -x of $pkg failed"
  rm -f "$tmp"/*.deb
  rel=$(ls "$tmp/root/lib/modules" 2>/dev/null | head -1)
  [ -n "$rel" ] || die "$pkg has no lib/modules/<release>"
  [ -f "$tmp/root/boot/vmlinuz-$rel" ] || die "$pkg has no boot/vmlinuz-$rel"
  mkdir -p "$tmp/kernel/modules"
  mv "$tmp/root/boot/vmlinuz-$rel" "$tmp/kernel/vmlinuz"
  mv "$tmp/root/lib" "$tmp/kernel/lib"
  rm -rf "$tmp/root"
  depmod -b "$tmp/kernel" "$rel" || die "depmod for $rel failed"
  # The insmod order, decompressed: busybox's insmod in the initramfs takes plain .ko files.
  local order=() m
  for mod in "${GUEST_MODULES[@]}"; do
    modprobe -d "$tmp/kernel" -S "$rel" --show-depends "$mod" >>"$tmp/deps" || die "module $mod is missing from $pkg"
  done
  while read -r kind path _; do
    [ "$kind" = insmod ] || continue
    m=$(basename "$path")
    m=${m%.xz}; m=${m%.zst}; m=${m%.gz}
    case " ${order[*]} " in *" $m "*) continue ;; esac
    case "$path" in
      *.xz) xz -dc "$path" >"$tmp/kernel/modules/$m" ;;
      *.zst) zstd -qdc "$path" >"$tmp/kernel/modules/$m" ;;
      *.gz) gzip -dc "$path" >"$tmp/kernel/modules/$m" ;;
      *) cp "$path" "$tmp/kernel/modules/$m" ;;
    esac
    order+=("$m")
  done <"$tmp/deps"
  printf '%s\n' "${order[@]}" >"$tmp/kernel/modules/order"
  # Only the modules the guest loads are kept (a few MB instead of the whole tree).
  rm -rf "$tmp/kernel/lib" "$tmp/deps"
  echo "$rel" >"$tmp/kernel/release"
  echo "$pkg $version" >"$tmp/kernel/package"
  touch "$tmp/kernel/ready"
  # Atomic publication: whoever renames first wins; a loser's copy is simply dropped.
  if ! mv -T "$tmp/kernel" "$dir" 2>/dev/null; then [ -f "$dir/ready" ] || die "could not publish $dir"; fi
  echo "$dir"
}

out=()
for line in "${LINES[@]}"; do
  d=$(prepare "$line")
  out+=("kernel $(cat "$d/release") $d")
done
printf '%s\n' "${out[@]}"
