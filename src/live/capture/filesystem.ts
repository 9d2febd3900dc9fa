/**
 * The filesystem type of a path, for capture sidecars: from /proc/self/mountinfo (the mount id
 * comes from `name_to_handle_at`), else from the `statfs` magic number.
 *
 * @packageDocumentation
 */
import { readFileSync, statfsSync } from 'node:fs';
import type { NativeBinding } from '../native/binding.js';

/** statfs magic numbers of filesystems fanotify users meet (linux/magic.h). */
const MAGIC_NAMES: Readonly<Record<number, string>> = {
  0xef53: 'ext4',
  0x01021994: 'tmpfs',
  0x58465342: 'xfs',
  0x9123683e: 'btrfs',
  0x794c7630: 'overlay',
  0x6e736673: 'nsfs',
  0x9fa0: 'proc',
  0x62656572: 'sysfs',
  0x65735546: 'fuse',
  0x6969: 'nfs',
  0x2fc12fc1: 'zfs',
  0xf2f52010: 'f2fs',
  0x4d44: 'vfat',
  0x5346544e: 'ntfs',
};

/** Type (`'ext4'`) and statfs magic (`'0xef53'`) of the filesystem holding `path`. @internal */
export function filesystemOf(binding: NativeBinding, path: string): { type: string | null; magic: string | null } {
  let magic: number | undefined;
  try {
    magic = statfsSync(path).type >>> 0;
  } catch {
    magic = undefined;
  }
  return { type: mountinfoType(binding, path) ?? (magic === undefined ? null : (MAGIC_NAMES[magic] ?? null)), magic: magic === undefined ? null : '0x' + magic.toString(16) };
}

function mountinfoType(binding: NativeBinding, path: string): string | undefined {
  const handle = binding.nameToHandleAt(binding.constants.AT_FDCWD, path, binding.constants.AT_HANDLE_FID);
  if (typeof handle === 'number' || typeof handle.mountId !== 'number') return undefined;
  try {
    for (const line of readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) {
      const fields = line.split(' ');
      if (Number(fields[0]) !== handle.mountId) continue;
      const separator = fields.indexOf('-');
      return separator >= 0 ? fields[separator + 1] : undefined;
    }
  } catch {
    return undefined;
  }
  return undefined;
}
