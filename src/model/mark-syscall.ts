/**
 * `fanotify_mark()` (`do_fanotify_mark`, `fanotify_add_mark`, `fanotify_remove_mark` of
 * fanotify_user.c): the kernel-rules layer validates for the model's release; this module
 * applies the resulting mark changes.
 *
 * @packageDocumentation
 */
import { Errno } from '../kernel/errno.js';
import { FanotifyModelError } from './errors.js';
import type { ModelGroup } from './group.js';
import { FANOTIFY_EVENT_FLAGS, FANOTIFY_MARK_CMD_BITS, FANOTIFY_MARK_IGNORE_BITS, FS, INIT, MARK } from '../kernel/bits.js';
import {
  checkIgnoreTarget,
  checkMarkArguments,
  checkMarkObject,
  checkMarkUpdate,
  FSID_MISMATCH,
  markObjectType,
  NO_MARK_TO_REMOVE,
  TOO_MANY_MARKS,
  type MarkObjectFacts,
} from '../kernel/rules/mark.js';
import type { KernelRelease } from '../kernel/release.js';
import { Mark, type Connector, type MarkObjectType } from './mark.js';
import type { Dentry, Inode, MountNamespace, PathRef } from './vfs.js';

/** What the mark call's pathname refers to: a path, an nsfs mount-namespace file, or a lookup error. @public */
export type MarkTarget = { readonly path: PathRef } | { readonly mntns: MountNamespace };

/** Everything `do_fanotify_mark` needs from the simulated kernel. @internal */
export interface MarkContext {
  /** The group behind the fd, `-EBADF` (no such fd) or `-EINVAL` (not a fanotify fd). */
  readonly group: ModelGroup | number;
  /** The release whose rules apply. */
  readonly release: KernelRelease;
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
  const group = ctx.group;
  const facts = typeof group === 'number' ? -group : { flags: group.flags, priority: group.priority, restartable: ctx.restartableEvents && group.restartable };
  const refused = checkMarkArguments(flags, maskIn, { release: ctx.release, privileged: ctx.privileged, group: facts });
  if (refused) return -refused.errno;
  if (typeof group === 'number' || typeof facts === 'number') throw new FanotifyModelError('INTERNAL', 'fanotify_mark: a bad group fd passed the rules');
  let mask = Number(maskIn);
  let umask = 0;
  const ignore = flags & FANOTIFY_MARK_IGNORE_BITS;
  // Event flags have no effect with the legacy ignored mask.
  if (ignore === MARK.IGNORED_MASK) {
    mask &= ~FANOTIFY_EVENT_FLAGS;
    umask = FANOTIFY_EVENT_FLAGS;
  }
  const objType = markObjectType(flags);
  const cmd = flags & FANOTIFY_MARK_CMD_BITS;
  if (cmd === MARK.FLUSH) {
    for (const mark of connectorsOfType(group, objType)) detachMark(mark);
    return 0;
  }
  const target = ctx.resolve();
  if (typeof target === 'number') return target;
  const path = 'path' in target ? target.path : null;
  const objectRefused = checkMarkObject(flags, mask, facts, path ? objectFacts(path) : null, ctx.release);
  if (objectRefused) return -objectRefused.errno;
  const object = markObject(objType, target);
  if (typeof object === 'number') return object;
  const inode = object.inode;
  if (cmd === MARK.ADD && ignore && !(flags & MARK.IGNORED_SURV_MODIFY)) {
    // FAN_MARK_IGNORE needs SURV_MODIFY on sb/mount/dir marks.
    const ignoreRefused = ignore === MARK.IGNORE ? checkIgnoreTarget(!inode || inode.isDir, inode !== null) : null;
    if (ignoreRefused) return -ignoreRefused.errno;
    // An ignore mask on a file open for write would be cleared at once: silently not added.
    if (inode && ctx.isOpenForWrite(inode)) return 0;
  }
  if (!inode || !inode.isDir) {
    mask &= ~FS.EVENT_ON_CHILD;
    umask = FS.EVENT_ON_CHILD;
    // DIR_FID groups want parent/name info for non-directories.
    if (group.fidMode & INIT.REPORT_DIR_FID && flags & MARK.ADD && !ignore) mask |= FS.EVENT_ON_CHILD;
  }
  if (cmd === MARK.REMOVE) return removeMark(group, object, mask, flags, umask);
  const sb = path?.dentry.inode.sb;
  const fsid = group.fidMode && sb ? sb.fsid : null;
  return addMark(ctx, group, object, mask, flags, fsid, fsid !== null && fsid[0] === 0 && fsid[1] === 0);
}

/** What the checks after the lookup need to know of the object. */
function objectFacts(path: PathRef): MarkObjectFacts {
  const inode = path.dentry.inode;
  const sb = inode.sb;
  return {
    isDir: inode.isDir,
    isRegular: inode.kind === 'file',
    allowHsm: path.mount.sb.allowHsm,
    zeroFsid: sb.fsid[0] === 0 && sb.fsid[1] === 0,
    canEncodeFid: sb.canEncodeFid,
    canDecodeFh: sb.canDecodeFh,
  };
}

/** The kernel object of a mark type (`fanotify_find_path` result → connector). */
function markObject(type: MarkObjectType, target: MarkTarget): MarkObject | number {
  if (type === 'mntns') {
    // The pathname must be an nsfs mount-namespace file.
    if (!('mntns' in target)) return -Errno.EINVAL;
    return { type, connector: target.mntns.connector, inode: null };
  }
  if (!('path' in target)) return -Errno.EINVAL;
  const path = target.path;
  if (type === 'inode') return { type, connector: path.dentry.inode.connector, inode: path.dentry.inode };
  if (type === 'mount') return { type, connector: path.mount.connector, inode: null };
  return { type, connector: path.mount.sb.connector, inode: null };
}

/** `fanotify_add_mark`. */
function addMark(ctx: MarkContext, group: ModelGroup, object: MarkObject, mask: number, flags: number, fsid: readonly [number, number] | null, weakFsid: boolean): number {
  let mark = object.connector.find(group);
  if (!mark) {
    if (!group.has(INIT.UNLIMITED_MARKS) && ctx.marksLeft <= 0) return -TOO_MANY_MARKS.errno;
    const created = new Mark(group, object.connector);
    created.evictable = (flags & MARK.EVICTABLE) !== 0;
    if (fsid) {
      created.fsid = fsid;
      created.weakFsid = weakFsid;
      // Weak and strong fsids cannot be mixed; weak ones must all be the same filesystem.
      const other = [...group.marks].find((m) => m.fsid !== null);
      if (other && (other.weakFsid !== weakFsid || (weakFsid && (other.fsid![0] !== fsid[0] || other.fsid![1] !== fsid[1])))) return -FSID_MISMATCH.errno;
    }
    object.connector.marks.push(created);
    group.marks.add(created);
    mark = created;
  }
  const ignore = flags & FANOTIFY_MARK_IGNORE_BITS;
  const updateRefused = checkMarkUpdate(flags, mask, mark);
  if (updateRefused) return -updateRefused.errno;

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
  if (!mark) return -NO_MARK_TO_REMOVE.errno;
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
