/**
 * Operations that change an inode's attributes rather than its data or names — chmod, chown,
 * utimensat (fs/open.c, fs/utimes.c → `notify_change` in fs/attr.c → `fsnotify_change`),
 * setxattr/removexattr (fs/xattr.c → `fsnotify_xattr`) and chattr (FS_IOC_SETFLAGS,
 * fs/file_attr.c) — and the events they send.
 *
 * @packageDocumentation
 */
import { kernelHas } from '../kernel/behaviours.js';
import { FS } from '../kernel/bits.js';
import { Errno } from '../kernel/errno.js';
import { notifyParent, type Blocking } from './fsnotify.js';
import type { Task } from './process.js';
import type { VfsHost } from './vfs-ops.js';
import type { PathRef } from './vfs.js';

/** `user_path_at` then `mnt_want_write`: the object, or ENOENT/ENOTDIR/ELOOP, or EROFS. */
function writableTarget(host: VfsHost, task: Task, path: string, follow = true): PathRef | number {
  const target = host.resolve(task.process.ns, path, { follow });
  if (typeof target === 'number') return target;
  return target.mount.readOnly ? -Errno.EROFS : target;
}

/** `fsnotify_change`/`fsnotify_xattr`: `mask` on the dentry (no fd-mode event: dentry data). */
function* notifyChange(task: Task, target: PathRef, mask: number): Blocking<number> {
  if (mask) yield* notifyParent(task, target.dentry, mask, { kind: 'dentry', dentry: target.dentry });
  return 0;
}

/** chmod(2) (`chmod_common`): ATTR_MODE → FAN_ATTRIB. @internal */
export function* chmodOp(host: VfsHost, task: Task, path: string, mode = 0o640): Blocking<number> {
  const target = writableTarget(host, task, path);
  if (typeof target === 'number') return target;
  target.dentry.inode.mode = mode & 0o7777;
  return yield* notifyChange(task, target, FS.ATTRIB);
}

/**
 * chown(2)/lchown(2) (`chown_common`): ATTR_UID / ATTR_GID → FAN_ATTRIB; -1 for both leaves only
 * ATTR_CTIME, for which `fsnotify_change` sends nothing. @internal
 */
export function* chownOp(host: VfsHost, task: Task, path: string, uid: number, gid: number, follow: boolean): Blocking<number> {
  const target = writableTarget(host, task, path, follow);
  if (typeof target === 'number') return target;
  const inode = target.dentry.inode;
  if (uid !== -1) inode.uid = uid;
  if (gid !== -1) inode.gid = gid;
  return yield* notifyChange(task, target, uid !== -1 || gid !== -1 ? FS.ATTRIB : 0);
}

/**
 * utimensat(2) (`vfs_utimes`): both times → FAN_ATTRIB, the access time alone → FAN_ACCESS, the
 * modification time alone → FAN_MODIFY (`fsnotify_change`). Both UTIME_OMIT returns 0 before the
 * path is even looked up ("Nothing to do, we must not even check the path"). @internal
 */
export function* utimesOp(host: VfsHost, task: Task, path: string, atime: boolean, mtime: boolean): Blocking<number> {
  if (!atime && !mtime) return 0;
  const target = writableTarget(host, task, path);
  if (typeof target === 'number') return target;
  return yield* notifyChange(task, target, atime && mtime ? FS.ATTRIB : atime ? FS.ACCESS : FS.MODIFY);
}

/** xattr namespaces a filesystem handles (`xattr_resolve_name`); others are EOPNOTSUPP. */
const XATTR_PREFIXES = ['user.', 'trusted.', 'security.', 'system.'];

/** `xattr_permission` for the names the model knows: user.* only on regular files and directories. */
function xattrCheck(target: PathRef, name: string): number {
  if (!XATTR_PREFIXES.some((p) => name.startsWith(p) && name.length > p.length)) return -Errno.EOPNOTSUPP;
  const kind = target.dentry.inode.kind;
  if (name.startsWith('user.') && kind !== 'file' && kind !== 'dir') return -Errno.EPERM;
  return 0;
}

/** setxattr(2) (`path_setxattr` → `vfs_setxattr`): XATTR_CREATE on an existing name EEXIST, XATTR_REPLACE on a missing one ENODATA; FAN_ATTRIB. @internal */
export function* setxattrOp(host: VfsHost, task: Task, path: string, name: string, size: number, flags?: 'create' | 'replace'): Blocking<number> {
  const target = writableTarget(host, task, path);
  if (typeof target === 'number') return target;
  const bad = xattrCheck(target, name);
  if (bad) return bad;
  const xattrs = target.dentry.inode.xattrs;
  if (flags === 'create' && xattrs.has(name)) return -Errno.EEXIST;
  if (flags === 'replace' && !xattrs.has(name)) return -Errno.ENODATA;
  xattrs.set(name, size);
  return yield* notifyChange(task, target, FS.ATTRIB);
}

/** removexattr(2) (`path_removexattr` → `vfs_removexattr`): ENODATA for a missing name; FAN_ATTRIB. @internal */
export function* removexattrOp(host: VfsHost, task: Task, path: string, name: string): Blocking<number> {
  const target = writableTarget(host, task, path);
  if (typeof target === 'number') return target;
  const bad = xattrCheck(target, name);
  if (bad) return bad;
  if (!target.dentry.inode.xattrs.delete(name)) return -Errno.ENODATA;
  return yield* notifyChange(task, target, FS.ATTRIB);
}

/**
 * FS_IOC_SETFLAGS on an open file (`ioctl_setflags` → `vfs_fileattr_set`): EROFS on a read-only
 * mount (`mnt_want_write_file`); FAN_ATTRIB from 6.19 (`chattr-attrib`), nothing before. @internal
 */
export function* fileattrSet(task: Task, release: VfsHost['release'], target: PathRef): Blocking<number> {
  if (target.mount.readOnly) return -Errno.EROFS;
  return yield* notifyChange(task, target, kernelHas(release, 'chattr-attrib') ? FS.ATTRIB : 0);
}
