/**
 * Event dispatch: `fsnotify_parent` / `__fsnotify_parent` / `fsnotify` / `send_to_group`
 * (fs/notify/fsnotify.c) and fanotify's `fanotify_handle_event`,
 * `fanotify_group_event_mask` and `fanotify_alloc_event` (fs/notify/fanotify/fanotify.c).
 *
 * Dispatch is a generator: a permission event suspends the accessing task (it yields a
 * {@link PermWait}) until the listener answers, exactly where the kernel would sleep.
 *
 * @packageDocumentation
 */
import { Errno } from '../kernel/errno.js';
import { FanotifyModelError } from './errors.js';
import { computeHash, ModelEvent } from './event.js';
import type { FileHandleValue } from './file-handle.js';
import type { ModelGroup } from './group.js';
import {
  ALL_FSNOTIFY_DIRENT_EVENTS,
  ALL_FSNOTIFY_EVENTS,
  ALL_FSNOTIFY_PERM_EVENTS,
  FANOTIFY_EVENT_FLAGS,
  FANOTIFY_OUTGOING_EVENTS,
  FS,
  INIT,
  RESP,
} from '../kernel/bits.js';
import { ITER, parentNeededMask, type Connector, type Mark } from './mark.js';
import type { Task } from './process.js';
import type { Dentry, Inode, MountNamespace, PathRef, SuperBlock } from './vfs.js';

/** What an event is about (`enum fsnotify_data_type` and its payloads). @public */
export type NotifyData =
  | { readonly kind: 'path'; readonly path: PathRef }
  | { readonly kind: 'range'; readonly path: PathRef; readonly range: { readonly offset: bigint; readonly count: bigint } }
  | { readonly kind: 'inode'; readonly inode: Inode }
  | { readonly kind: 'dentry'; readonly dentry: Dentry }
  | { readonly kind: 'mnt'; readonly ns: MountNamespace; readonly mntId: bigint }
  | { readonly kind: 'error'; readonly sb: SuperBlock; readonly inode: Inode | null; readonly error: number };

/** A task suspended on a permission event. @public */
export interface PermWait {
  readonly event: ModelEvent;
  readonly group: ModelGroup;
}

/** Generator type of everything that may wait for a permission response. @public */
export type Blocking<T> = Generator<PermWait, T, void>;

function dataPath(data: NotifyData): PathRef | null {
  return data.kind === 'path' || data.kind === 'range' ? data.path : null;
}

function dataInode(data: NotifyData): Inode | null {
  switch (data.kind) {
    case 'inode':
      return data.inode;
    case 'dentry':
      return data.dentry.inode;
    case 'path':
    case 'range':
      return data.path.dentry.inode;
    case 'error':
      return data.inode;
    default:
      return null;
  }
}

function dataDentry(data: NotifyData): Dentry | null {
  if (data.kind === 'dentry') return data.dentry;
  const path = dataPath(data);
  return path ? path.dentry : null;
}

function dataSb(data: NotifyData): SuperBlock | null {
  switch (data.kind) {
    case 'inode':
      return data.inode.sb;
    case 'dentry':
      return data.dentry.inode.sb;
    case 'path':
    case 'range':
      return data.path.dentry.inode.sb;
    case 'error':
      return data.sb;
    default:
      return null;
  }
}

/** `fsnotify_object_watched`. */
function objectWatched(inode: Inode, mntMask: number, mask: number): number {
  return mask & (inode.connector.mask | mntMask | inode.sb.connector.mask) & ALL_FSNOTIFY_EVENTS;
}

/** `fsnotify_event_needs_parent`. */
function eventNeedsParent(inode: Inode, mntMask: number, mask: number): boolean {
  if (mask & FS.ISDIR) return false;
  const marks = parentNeededMask(inode.connector.mask) | parentNeededMask(inode.sb.connector.mask) | parentNeededMask(mntMask);
  return (mask & marks) !== 0;
}

/**
 * `fsnotify_parent`: notify the object and, when the parent watches children or a mark wants
 * parent/name info, with the parent and the child's name.
 *
 * @internal
 */
export function* notifyParent(task: Task, dentry: Dentry, maskIn: number, data: NotifyData): Blocking<number> {
  const inode = dentry.inode;
  let mask = maskIn;
  if (inode.isDir) {
    mask |= FS.ISDIR;
    // sb/mount marks are not interested in the name of a directory.
    if (!dentry.parentWatched) return yield* fsnotify(task, mask, data, null, null, inode);
  }
  if (dentry.isRoot) return yield* fsnotify(task, mask, data, null, null, inode);

  const path = dataPath(data);
  const mntMask = path ? path.mount.connector.mask : 0;
  const parentWatched = dentry.parentWatched;
  if (!parentWatched && !objectWatched(inode, mntMask, mask)) return 0;
  const parentNeeded = eventNeedsParent(inode, mntMask, mask);
  if (!parentWatched && !parentNeeded) return yield* fsnotify(task, mask, data, null, null, inode);

  const parent = dentry.parent!;
  const pInode = parent.inode;
  const pMask = pInode.connector.watchesChildren();
  if (parentWatched && !pMask) dentry.parentWatched = false;
  // Parent interest in ACCESS/MODIFY does not apply to special files (side channel).
  const special = inode.kind === 'fifo';
  const parentInterested = (mask & pMask & ALL_FSNOTIFY_EVENTS) !== 0 && !(data.kind === 'path' && special && mask & (FS.ACCESS | FS.MODIFY));
  let name: string | null = null;
  if (parentNeeded || parentInterested) {
    name = dentry.name;
    if (parentInterested) mask |= FS.EVENT_ON_CHILD;
  }
  return yield* fsnotify(task, mask, data, pInode, name, inode);
}

/** `fsnotify_name`: a dirent event reported to `dir` only. @internal */
export function* notifyName(task: Task, mask: number, data: NotifyData, dir: Inode, name: string): Blocking<number> {
  return yield* fsnotify(task, mask, data, dir, name, null);
}

/** `fsnotify_inode`: an event on the inode itself, without parent. @internal */
export function* notifyInode(task: Task, inode: Inode, maskIn: number): Blocking<number> {
  const mask = inode.isDir ? maskIn | FS.ISDIR : maskIn;
  return yield* fsnotify(task, mask, { kind: 'inode', inode }, null, null, inode);
}

interface IterSlot {
  readonly type: number;
  readonly connector: Connector;
}

/**
 * `fsnotify()`: collects the marks of every object involved, then hands the event to each
 * group in priority order; a non-zero result of a permission event stops the walk.
 *
 * @internal
 */
export function* fsnotify(task: Task, mask: number, data: NotifyData, dir: Inode | null, name: string | null, inodeIn: Inode | null): Blocking<number> {
  const path = dataPath(data);
  const sb = dataSb(data);
  let inode = inodeIn;
  let inode2: Inode | null = null;
  let inode2Type: number = ITER.INODE2;
  if (!inode) {
    // Dirent event: reported on TYPE_INODE to dir; for FS_RENAME inode2 is the new dir.
    inode = dir;
    if (mask & FS.RENAME) {
      const moved = dataDentry(data)!;
      inode2 = moved.parent!.inode;
      inode2Type = ITER.INODE2;
    }
  } else if (mask & FS.EVENT_ON_CHILD) {
    inode2 = dir;
    inode2Type = ITER.PARENT;
  }

  const slots: IterSlot[] = [];
  if (inode) slots.push({ type: ITER.INODE, connector: inode.connector });
  if (path) slots.push({ type: ITER.VFSMOUNT, connector: path.mount.connector });
  if (sb) slots.push({ type: ITER.SB, connector: sb.connector });
  if (inode2) slots.push({ type: inode2Type, connector: inode2.connector });
  if (data.kind === 'mnt') slots.push({ type: ITER.MNTNS, connector: data.ns.connector });
  slots.sort((a, b) => a.type - b.type);

  let marksMask = 0;
  for (const slot of slots) marksMask |= slot.connector.mask;
  if (!(mask & ALL_FSNOTIFY_EVENTS & marksMask)) return 0;

  const groups = new Set<ModelGroup>();
  for (const slot of slots) for (const mark of slot.connector.marks) groups.add(mark.group as ModelGroup);
  const ordered = [...groups].sort((a, b) => b.priority - a.priority || a.id - b.id);
  for (const group of ordered) {
    const report: { type: number; mark: Mark }[] = [];
    for (const slot of slots) {
      const mark = slot.connector.find(group);
      if (!mark) continue;
      // A parent mark only counts when *this* mark watches children.
      if (slot.type === ITER.PARENT && !(mark.mask & FS.EVENT_ON_CHILD) && !(mark.canonicalIgnoreMask() & FS.EVENT_ON_CHILD)) continue;
      report.push({ type: slot.type, mark });
    }
    const ret = yield* sendToGroup(task, group, report, mask, data, dir, name);
    if (ret && mask & ALL_FSNOTIFY_PERM_EVENTS) return ret;
  }
  return 0;
}

/** `send_to_group`. */
function* sendToGroup(task: Task, group: ModelGroup, report: { type: number; mark: Mark }[], mask: number, data: NotifyData, dir: Inode | null, name: string | null): Blocking<number> {
  if (report.length === 0) return 0;
  // A modify clears ignore masks that do not survive it.
  if (mask & FS.MODIFY) for (const { mark } of report) if (!mark.ignoredSurvModify) mark.ignoreMask = 0;
  const isDir = (mask & FS.ISDIR) !== 0;
  let marksMask = 0;
  let ignore = 0;
  for (const { type, mark } of report) {
    marksMask |= mark.mask;
    ignore |= mark.effectiveIgnoreMask(isDir, type);
  }
  if (!(mask & ALL_FSNOTIFY_EVENTS & marksMask & ~ignore)) return 0;
  return yield* handleEvent(task, group, report, mask, data, dir, name);
}

/** `fanotify_group_event_mask`: which bits this group reports, and which mark types matched. */
function groupEventMask(group: ModelGroup, report: { type: number; mark: Mark }[], eventMask: number, data: NotifyData, dir: Inode | null): { mask: number; matchMask: number } {
  const none = { mask: 0, matchMask: 0 };
  const fidMode = group.fidMode;
  const ondir = (eventMask & FS.ISDIR) !== 0;
  if (group.has(INIT.REPORT_MNT)) {
    if (data.kind !== 'mnt') return none;
  } else if (!fidMode) {
    const path = dataPath(data);
    if (!path) return none;
    // Path events only for regular files and directories.
    const kind = path.dentry.inode.kind;
    if (kind !== 'file' && kind !== 'dir') return none;
  } else if (!(fidMode & INIT.REPORT_FID)) {
    // A DIR_FID group needs a directory to report.
    if (!dir && !ondir) return none;
  }
  let marksMask = 0;
  let ignore = 0;
  let matchMask = 0;
  for (const { type, mark } of report) {
    ignore |= mark.effectiveIgnoreMask(ondir, type);
    if (ondir && !(mark.mask & FS.ISDIR)) continue;
    if (type === ITER.PARENT && !(mark.mask & FS.EVENT_ON_CHILD)) continue;
    marksMask |= mark.mask;
    matchMask |= 1 << type;
  }
  const test = eventMask & marksMask & ~ignore;
  let userMask = FANOTIFY_OUTGOING_EVENTS | FANOTIFY_EVENT_FLAGS;
  if (fidMode) {
    // No event made of flags only.
    if (!(test & ~FANOTIFY_EVENT_FLAGS)) return none;
  } else {
    userMask &= ~FANOTIFY_EVENT_FLAGS;
  }
  return { mask: (test & userMask) >>> 0, matchMask };
}

/** `fanotify_encode_fh_len` + `fanotify_encode_fh`: the inode's handle, or null. */
function encodeFh(inode: Inode | null): FileHandleValue | null {
  if (!inode) return null;
  const handle = inode.handle;
  return handle && handle.bytes.length > 0 ? handle : null;
}

/** `fanotify_get_fsid`: the fsid cached in the first reported mark that has one. */
function fsidOf(report: { type: number; mark: Mark }[]): readonly [number, number] {
  for (const { mark } of report) if (mark.fsid) return mark.fsid;
  return [0, 0];
}

const utf8 = new TextEncoder();

/** `fanotify_alloc_event`. */
function allocEvent(task: Task, group: ModelGroup, mask: number, data: NotifyData, dir: Inode | null, fileNameIn: string | null, fsid: readonly [number, number], matchMask: number): ModelEvent {
  const fidMode = group.fidMode;
  const ondir = (mask & FS.ISDIR) !== 0;
  const dataIno = dataInode(data);
  let id: Inode | null = mask & ALL_FSNOTIFY_DIRENT_EVENTS && !(fidMode & INIT.REPORT_TARGET_FID) ? dir : dataIno;
  let dirid: Inode | null = mask & ALL_FSNOTIFY_DIRENT_EVENTS ? dir : dataIno && dataIno.isDir ? dataIno : dir;
  let fileName = fileNameIn;
  let child: Inode | null = null;
  let moved: Dentry | null = null;
  let nameEvent = false;

  if (fidMode & INIT.REPORT_DIR_FID && dirid) {
    // Report the child fid too for some events and groups.
    const reportChild = mask & ALL_FSNOTIFY_DIRENT_EVENTS ? (fidMode & INIT.REPORT_TARGET_FID) !== 0 : (fidMode & INIT.REPORT_FID) !== 0 && !ondir;
    if (reportChild && id !== dirid) child = id;
    id = dirid;
    if (!(fidMode & INIT.REPORT_NAME)) {
      nameEvent = child !== null;
      fileName = null;
    } else if (mask & ALL_FSNOTIFY_DIRENT_EVENTS || !ondir) {
      nameEvent = true;
    }
    if (mask & FS.RENAME) {
      // Old dir+name if an sb mark or the old dir's mark matched; new one for sb or new dir's mark.
      const sbMatched = (matchMask & (1 << ITER.SB)) !== 0;
      const reportOld = sbMatched || (matchMask & (1 << ITER.INODE)) !== 0;
      const reportNew = sbMatched || (matchMask & (1 << ITER.INODE2)) !== 0;
      if (!reportOld) {
        dirid = null;
        fileName = null;
      }
      if (reportNew) moved = dataDentry(data);
    }
  }

  const pid = group.has(INIT.REPORT_TID) ? task.tid : task.process.pid;
  let event: ModelEvent;
  if (mask & ALL_FSNOTIFY_PERM_EVENTS) {
    event = new ModelEvent('path_perm', mask);
    event.path = dataPath(data);
    event.range = data.kind === 'range' ? data.range : null;
    // The event pins its path (path_get) until it is destroyed.
    if (event.path) event.path.dentry.refs++;
  } else if (mask & FS.ERROR) {
    event = new ModelEvent('fs_error', mask);
    const report = data.kind === 'error' ? data : null;
    event.error = report?.error ?? 0;
    event.errorCount = 1;
    event.fsid = fsid;
    event.objectFh = encodeFh(report?.inode ?? null);
  } else if (nameEvent && (fileName !== null || moved !== null || child !== null)) {
    event = new ModelEvent('fid_name', mask);
    event.fsid = fsid;
    event.dirFh = encodeFh(dirid);
    event.dir2Fh = moved ? encodeFh(moved.parent!.inode) : null;
    event.fileFh = encodeFh(child);
    event.name = fileName ? utf8.encode(fileName) : null;
    event.name2 = moved ? utf8.encode(moved.name) : null;
    if (event.name && event.name.length === 0) event.name = null;
  } else if (fidMode) {
    event = new ModelEvent('fid', mask);
    event.fsid = fsid;
    event.objectFh = encodeFh(id);
  } else if (dataPath(data)) {
    event = new ModelEvent('path', mask);
    event.path = dataPath(data);
    event.path!.dentry.refs++;
  } else if (data.kind === 'mnt') {
    event = new ModelEvent('mnt', mask);
    event.mntId = data.mntId;
  } else {
    throw new FanotifyModelError('INTERNAL', 'fanotify_alloc_event: no event type applies');
  }
  event.pid = pid;
  event.process = task.process;
  computeHash(event);
  return event;
}

/** `fanotify_handle_event`. */
function* handleEvent(task: Task, group: ModelGroup, report: { type: number; mark: Mark }[], eventMask: number, data: NotifyData, dir: Inode | null, name: string | null): Blocking<number> {
  const { mask, matchMask } = groupEventMask(group, report, eventMask, data, dir);
  if (!mask) return 0;
  const fsid = group.fidMode ? fsidOf(report) : ([0, 0] as const);
  const event = allocEvent(task, group, mask, data, dir, name, fsid, matchMask);
  const ret = group.queue.insert(event);
  // Merged, overflowed or shutting down: nothing to wait for (a dropped permission event allows).
  if (ret !== 0) {
    if (event.path) group.releasePath(task, event.path);
    return 0;
  }
  if (!event.isPerm) return 0;
  event.waiter = task;
  yield { event, group };
  // fanotify_get_response destroys the event once the answer is consumed.
  if (event.path) group.releasePath(task, event.path);
  return responseResult(event.response);
}

/** `fanotify_get_response`: what the accessor's system call sees. @internal */
export function responseResult(response: number): number {
  switch (response & (RESP.ALLOW | RESP.DENY)) {
    case RESP.ALLOW:
      return 0;
    case RESP.DENY: {
      const errno = (response >>> 24) & 0xff;
      return errno ? -errno : -Errno.EPERM;
    }
    default:
      return -Errno.EPERM;
  }
}
