/**
 * `fanotify_mark()` (`do_fanotify_mark`, `fanotify_add_mark`, `fanotify_remove_mark` of
 * fanotify_user.c, 6.18): validation in the kernel's order and the resulting mark changes.
 *
 * @packageDocumentation
 */
import { Errno } from '../kernel/errno.js';
import type { ModelGroup } from './group.js';
import {
  FANOTIFY_DIRONLY_EVENT_BITS,
  FANOTIFY_EVENT_FLAGS,
  FANOTIFY_EVENTS,
  FANOTIFY_FD_EVENTS,
  FANOTIFY_MARK_CMD_BITS,
  FANOTIFY_MARK_FLAGS,
  FANOTIFY_MARK_IGNORE_BITS,
  FANOTIFY_MARK_TYPE_BITS,
  FANOTIFY_MOUNT_EVENTS,
  FANOTIFY_PERM_EVENTS,
  FANOTIFY_PRE_CONTENT_EVENTS,
  FS,
  INIT,
  MARK,
} from '../kernel/bits.js';
import { Mark, type Connector, type MarkObjectType } from './mark.js';
import type { Dentry, Inode, MountNamespace, PathRef } from './vfs.js';

/** What the mark call's pathname refers to: a path, an nsfs mount-namespace file, or a lookup error. @public */
export type MarkTarget = { readonly path: PathRef } | { readonly mntns: MountNamespace };

/** Everything `do_fanotify_mark` needs from the simulated kernel. @internal */
export interface MarkContext {
  /** The group behind the fd, `-EBADF` (no such fd) or `-EINVAL` (not a fanotify fd). */
  readonly group: ModelGroup | number;
  /** The caller is capable in the group's (and the object's) user namespace. */
  readonly privileged: boolean;
  /** Restartable groups accept only permission events (experimental). */
  readonly restartableEvents: boolean;
  /** Path lookup (`fanotify_find_path`), run at the kernel's point in the sequence. */
  resolve(): MarkTarget | number;
  /** Marks the user may still add (`max_user_marks`); 0 → ENOSPC. */
  readonly marksLeft: number;
  /** The inode is open for write by someone (`inode_is_open_for_write`). */
  isOpenForWrite(inode: Inode): boolean;
  /** Called after a change of an inode connector's mask that started watching children. */
  childrenWatchStarted(inode: Inode): void;
}

/** The kernel object behind a target for a mark type, and its connector. */
interface MarkObject {
  readonly type: MarkObjectType;
  readonly connector: Connector;
  readonly inode: Inode | null;
}

function connectorsOfType(group: ModelGroup, type: MarkObjectType): Mark[] {
  return [...group.marks].filter((m) => m.connector.type === type);
}

/** Detaches a mark from its object and the group (`fsnotify_detach_mark` + recalc). @internal */
export function detachMark(mark: Mark): void {
  const list = mark.connector.marks;
  const at = list.indexOf(mark);
  if (at >= 0) list.splice(at, 1);
  (mark.group as ModelGroup).marks.delete(mark);
  mark.connector.recalc();
}

/**
 * `fanotify_mark(fd, flags, mask, dirfd, pathname)`.
 *
 * @returns 0 or a negative errno.
 * @internal
 */
export function doFanotifyMark(ctx: MarkContext, flags: number, maskIn: bigint): number {
  if (maskIn >> 32n !== 0n || maskIn < 0n) return -Errno.EINVAL;
  let mask = Number(maskIn);
  if (flags & ~FANOTIFY_MARK_FLAGS) return -Errno.EINVAL;
  const markType = flags & FANOTIFY_MARK_TYPE_BITS;
  const objType: MarkObjectType = markType === 0 ? 'inode' : markType === MARK.MOUNT ? 'mount' : markType === MARK.FILESYSTEM ? 'sb' : 'mntns';
  const cmd = flags & FANOTIFY_MARK_CMD_BITS;
  switch (cmd) {
    case MARK.ADD:
    case MARK.REMOVE:
      if (!mask) return -Errno.EINVAL;
      break;
    case MARK.FLUSH:
      if (flags & ~(FANOTIFY_MARK_TYPE_BITS | MARK.FLUSH)) return -Errno.EINVAL;
      break;
    default:
      return -Errno.EINVAL;
  }
  if (mask & ~(FANOTIFY_EVENTS | FANOTIFY_EVENT_FLAGS | FANOTIFY_PERM_EVENTS)) return -Errno.EINVAL;
  const ignore = flags & FANOTIFY_MARK_IGNORE_BITS;
  if (ignore === (MARK.IGNORE | MARK.IGNORED_MASK)) return -Errno.EINVAL;
  let umask = 0;
  // Event flags have no effect with the legacy ignored mask.
  if (ignore === MARK.IGNORED_MASK) {
    mask &= ~FANOTIFY_EVENT_FLAGS;
    umask = FANOTIFY_EVENT_FLAGS;
  }
  if (typeof ctx.group === 'number') return ctx.group;
  const group = ctx.group;
  if (group.has(INIT.REPORT_MNT)) {
    if (mask & ~FANOTIFY_MOUNT_EVENTS) return -Errno.EINVAL;
    if (markType !== MARK.MNTNS) return -Errno.EINVAL;
  } else {
    if (mask & FANOTIFY_MOUNT_EVENTS) return -Errno.EINVAL;
    if (markType === MARK.MNTNS) return -Errno.EINVAL;
  }
  if (markType !== 0 && !ctx.privileged) return -Errno.EPERM;
  if (mask & FANOTIFY_PERM_EVENTS && group.priority === 0) return -Errno.EINVAL;
  if (mask & FANOTIFY_PRE_CONTENT_EVENTS && group.priority === 1) return -Errno.EINVAL;
  if (ctx.restartableEvents && group.restartable && !(mask & FANOTIFY_PERM_EVENTS)) return -Errno.EINVAL;
  if (mask & FS.ERROR && markType !== MARK.FILESYSTEM) return -Errno.EINVAL;
  if (flags & MARK.EVICTABLE && markType !== 0) return -Errno.EINVAL;
  const fidMode = group.fidMode;
  // Events without a path need fids, and cannot be filtered by mount.
  if (mask & ~(FANOTIFY_FD_EVENTS | FANOTIFY_MOUNT_EVENTS | FANOTIFY_EVENT_FLAGS) && (!fidMode || markType === MARK.MOUNT)) return -Errno.EINVAL;
  if (mask & FS.RENAME && !(fidMode & INIT.REPORT_NAME)) return -Errno.EINVAL;
  if (mask & FANOTIFY_PRE_CONTENT_EVENTS && mask & FS.ISDIR) return -Errno.EINVAL;

  if (cmd === MARK.FLUSH) {
    for (const mark of connectorsOfType(group, objType)) detachMark(mark);
    return 0;
  }

  const target = ctx.resolve();
  if (typeof target === 'number') return target;
  const path = 'path' in target ? target.path : null;
  if (path && flags & MARK.ONLYDIR && !path.dentry.inode.isDir) return -Errno.ENOTDIR;

  if (cmd === MARK.ADD) {
    const supported = eventsSupported(group, path, mask, flags);
    if (supported) return supported;
  }

  let fsid: readonly [number, number] | null = null;
  let weakFsid = false;
  if (fidMode) {
    if (!path) return -Errno.EINVAL;
    const sb = path.dentry.inode.sb;
    if (sb.fsid[0] === 0 && sb.fsid[1] === 0) {
      // Zero fsid (e.g. fuse): allowed as a "weak" fsid for inode marks only.
      if (markType !== 0) return -Errno.ENODEV;
      weakFsid = true;
    }
    if (!sb.canEncodeFid) return -Errno.EOPNOTSUPP;
    if (markType !== 0 && !sb.canDecodeFh) return -Errno.EOPNOTSUPP;
    fsid = sb.fsid;
  }

  let object: MarkObject;
  if (objType === 'inode') {
    if (!path) return -Errno.EINVAL;
    object = { type: 'inode', connector: path.dentry.inode.connector, inode: path.dentry.inode };
  } else if (objType === 'mount') {
    if (!path) return -Errno.EINVAL;
    object = { type: 'mount', connector: path.mount.connector, inode: null };
  } else if (objType === 'sb') {
    if (!path) return -Errno.EINVAL;
    object = { type: 'sb', connector: path.mount.sb.connector, inode: null };
  } else {
    // The pathname must be an nsfs mount-namespace file.
    if (!('mntns' in target)) return -Errno.EINVAL;
    object = { type: 'mntns', connector: target.mntns.connector, inode: null };
  }

  const inode = object.inode;
  if (cmd === MARK.ADD && ignore && !(flags & MARK.IGNORED_SURV_MODIFY)) {
    // FAN_MARK_IGNORE needs SURV_MODIFY on sb/mount/dir marks.
    if (ignore === MARK.IGNORE && (!inode || inode.isDir)) return inode ? -Errno.EISDIR : -Errno.EINVAL;
    // An ignore mask on a file open for write would be cleared at once: silently not added.
    if (inode && ctx.isOpenForWrite(inode)) return 0;
  }
  if (!inode || !inode.isDir) {
    mask &= ~FS.EVENT_ON_CHILD;
    umask = FS.EVENT_ON_CHILD;
    // DIR_FID groups want parent/name info for non-directories.
    if (fidMode & INIT.REPORT_DIR_FID && flags & MARK.ADD && !ignore) mask |= FS.EVENT_ON_CHILD;
  }

  if (cmd === MARK.REMOVE) return removeMark(group, object, mask, flags, umask);
  return addMark(ctx, group, object, mask, flags, fsid, weakFsid);
}

/** `fanotify_events_supported`. */
function eventsSupported(group: ModelGroup, path: PathRef | null, mask: number, flags: number): number {
  if (!path) return 0;
  const markType = flags & FANOTIFY_MARK_TYPE_BITS;
  const inode = path.dentry.inode;
  const isDir = inode.isDir;
  const strictDirEvents = group.has(INIT.REPORT_TARGET_FID) || (mask & FS.RENAME) !== 0 || (flags & MARK.IGNORE) !== 0;
  if (mask & FANOTIFY_PRE_CONTENT_EVENTS) {
    // Filesystems opt into pre-content events (SB_I_ALLOW_HSM).
    if (!path.mount.sb.allowHsm) return -Errno.EOPNOTSUPP;
    if (!isDir && inode.kind !== 'file') return -Errno.EINVAL;
  }
  if (strictDirEvents && markType === 0 && !isDir && mask & FANOTIFY_DIRONLY_EVENT_BITS) return -Errno.ENOTDIR;
  return 0;
}

/** `fanotify_add_mark`. */
function addMark(ctx: MarkContext, group: ModelGroup, object: MarkObject, mask: number, flags: number, fsid: readonly [number, number] | null, weakFsid: boolean): number {
  let mark = object.connector.find(group);
  if (!mark) {
    if (!group.has(INIT.UNLIMITED_MARKS) && ctx.marksLeft <= 0) return -Errno.ENOSPC;
    const created = new Mark(group, object.connector);
    created.evictable = (flags & MARK.EVICTABLE) !== 0;
    if (fsid) {
      created.fsid = fsid;
      created.weakFsid = weakFsid;
      // Weak and strong fsids cannot be mixed; weak ones must all be the same filesystem.
      const other = [...group.marks].find((m) => m.fsid !== null);
      if (other && (other.weakFsid !== weakFsid || (weakFsid && (other.fsid![0] !== fsid[0] || other.fsid![1] !== fsid[1])))) return -Errno.EXDEV;
    }
    object.connector.marks.push(created);
    group.marks.add(created);
    mark = created;
  }
  const ignore = flags & FANOTIFY_MARK_IGNORE_BITS;
  // fanotify_may_update_existing_mark
  if (flags & MARK.EVICTABLE && !mark.evictable) return -Errno.EEXIST;
  if (flags & MARK.IGNORED_MASK && mark.hasIgnoreFlags) return -Errno.EEXIST;
  if (flags & MARK.IGNORE && !(flags & MARK.IGNORED_SURV_MODIFY) && mark.ignoredSurvModify) return -Errno.EEXIST;
  if ((mask | mark.mask) & FANOTIFY_PRE_CONTENT_EVENTS && (mask | mark.mask) & FS.ISDIR) return -Errno.EEXIST;

  let recalc: boolean;
  if (!ignore) {
    const old = mark.mask;
    mark.mask = (mark.mask | mask) >>> 0;
    recalc = old !== mark.mask;
  } else {
    mark.ignoreMask = (mark.ignoreMask | mask) >>> 0;
    recalc = true;
  }
  // fanotify_mark_update_flags
  if (ignore === MARK.IGNORE) mark.hasIgnoreFlags = true;
  if (ignore && flags & MARK.IGNORED_SURV_MODIFY && !mark.ignoredSurvModify) {
    mark.ignoredSurvModify = true;
    if (!(mark.mask & FS.MODIFY)) recalc = true;
  }
  if (object.type === 'inode' && mark.evictable && !(flags & MARK.EVICTABLE)) {
    mark.evictable = false;
    recalc = true;
  }
  if (recalc && object.connector.recalc() && object.inode) ctx.childrenWatchStarted(object.inode);
  return 0;
}

/** `fanotify_remove_mark`. */
function removeMark(group: ModelGroup, object: MarkObject, maskIn: number, flags: number, umask: number): number {
  const mark = object.connector.find(group);
  if (!mark) return -Errno.ENOENT;
  const mask = maskIn & ~umask;
  const oldCalc = mark.calcMask();
  if (!(flags & FANOTIFY_MARK_IGNORE_BITS)) mark.mask = (mark.mask & ~mask) >>> 0;
  else mark.ignoreMask = (mark.ignoreMask & ~mask) >>> 0;
  const removed = oldCalc & ~mark.calcMask();
  // The mark stays while anything but the implied bits remains (e.g. mask == FAN_ONDIR).
  const destroy = !((mark.mask | mark.ignoreMask) & ~umask);
  if (removed & object.connector.mask) object.connector.recalc();
  if (destroy) detachMark(mark);
  return 0;
}

/** Dentries of `dir` whose PARENT_WATCHED flag must be set now that `dir` watches children. @internal */
export function setChildrenParentWatched(dir: Inode, children: Iterable<Dentry>): void {
  if (!dir.connector.watchesChildren()) return;
  for (const child of children) child.parentWatched = true;
}
