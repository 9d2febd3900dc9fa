#!/usr/bin/env bash
# Installs the Debian packages the test suite needs, when they are missing:
#   xfsprogs, btrfs-progs  mkfs.xfs / mkfs.btrfs for the xfs and btrfs loop images
#   e2fsprogs              mkfs.ext4 / debugfs for ext4 images and FS_ERROR corruption
#   util-linux             losetup, unshare, setpriv, mount
#   gcc, make, g++         the conformance program, benchmark C loops, the addon fallback build
#   gcc-aarch64-linux-gnu  the cross-compiled linux-arm64 prebuild (native/cross.mjs, at prepack),
#   libc6-dev-arm64-cross  with its C library headers (only "recommended", so named here) and the
#                          arm64 runtime libraries that qemu-user runs the arm64 Node with
#   qemu-user-static       runs the registry's arm64 Node to load that prebuild (test/platforms)
# Runs apt-get only as root; otherwise it lists what is missing (the tests that need it fail loudly).
set -euo pipefail

declare -A needs=(
  [mkfs.xfs]=xfsprogs
  [mkfs.btrfs]=btrfs-progs
  [btrfs]=btrfs-progs
  [mkfs.ext4]=e2fsprogs
  [debugfs]=e2fsprogs
  [losetup]=mount
  [unshare]=util-linux
  [setpriv]=util-linux
  [gcc]=gcc
  [g++]=g++
  [make]=make
  [aarch64-linux-gnu-gcc]=gcc-aarch64-linux-gnu
  [qemu-aarch64-static]=qemu-user-static
)

# Packages that install no command, by a file they provide.
declare -A files=(
  [/usr/aarch64-linux-gnu/include/stdio.h]=libc6-dev-arm64-cross
)

missing=()
for tool in "${!needs[@]}"; do
  if ! PATH="$PATH:/usr/sbin:/sbin" command -v "$tool" >/dev/null 2>&1; then
    missing+=("${needs[$tool]}")
  fi
done
for file in "${!files[@]}"; do
  [ -e "$file" ] || missing+=("${files[$file]}")
done
[ ${#missing[@]} -eq 0 ] && exit 0

mapfile -t packages < <(printf '%s\n' "${missing[@]}" | sort -u)
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: installing ${packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends "${packages[@]}" >/dev/null 2>&1 ||
    { apt-get update >/dev/null && apt-get install -y --no-install-recommends "${packages[@]}" >/dev/null; }
else
  echo "system-deps: missing ${packages[*]} (run as root with apt-get to install; tests that need them will fail)" >&2
fi
