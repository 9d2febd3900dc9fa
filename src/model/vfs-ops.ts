/**
 * The filesystem operations and the fsnotify hooks they call, in the kernel's order
 * (include/linux/fsnotify.h hooks as called from fs/namei.c, fs/open.c, fs/read_write.c,
 * mm/mmap.c, fs/namespace.c). Each operation is a generator so that a permission event can
 * suspend it where the kernel would sleep.
 *
 * @packageDocumentation
 */
import { kernelHas } from '../kernel/behaviours.js';
import { Errno } from '../kernel/errno.js';
import type { KernelRelease } from '../kernel/release.js';
import type { FileHandleValue } from './file-handle.js';
import { MAY, mayAccess } from './dac.js';
import { OpenFile, type FileNotifyMode } from './file.js';
import { fsnotify, notifyInode, notifyName, notifyParent, type Blocking } from './fsnotify.js';
import { ALL_FSNOTIFY_EVENTS, ALL_FSNOTIFY_PERM_EVENTS, FS, FSNOTIFY_PRE_CONTENT_EVENTS, O, PAGE_SIZE, RENAME } from '../kernel/bits.js';
import type { Task } from './process.js';
import { lookupLast, lookupParent, lookupParentFrom, Mount, type Dentry, type Inode, type InodeKind, type MountNamespace, type ParentLookup, type PathRef } from './vfs.js';

/** What the operations need from the simulated kernel. @internal */
export interface VfsHost {
  /** The release the model behaves as (for {@link kernelHas}). */
  readonly release: KernelRelease;
  resolve(ns: MountNamespace, path: string, options?: { readonly follow?: boolean; readonly directory?: boolean }): PathRef | number;
  newInode(parent: PathRef, kind: InodeKind, handle?: FileHandleValue): Inode;
  linkDentry(parent: Dentry, name: string, inode: Inode): Dentry;
  moveDentry(dentry: Dentry, newParent: Dentry, newName: string): void;
  /** `d_exchange`: the two dentries swap parents and names. */
  exchangeDentries(a: Dentry, b: Dentry): void;
  fileOf(task: Task, fd: number): OpenFile | number;
  installFile(task: Task, file: OpenFile): number;
  isMountpoint(dentry: Dentry): boolean;
  /** Any mark of a group with at least this priority on an object of the inode's filesystem. */
  hasPriorityWatchers(inode: Inode, priority: number): boolean;
  dropInodeMarks(inode: Inode): void;
  dropMountMarks(mount: Mount): void;
  newMountUniqueId(): bigint;
  closeFd(task: Task, fd: number): Blocking<number>;
}

/** open(2) flags plus an optional handle for a created file. @internal */
export interface OpenRequest {
  readonly path: string;
  readonly flags: number;
  readonly handle?: FileHandleValue;
}

const pageDown = (v: bigint): bigint => (v / BigInt(PAGE_SIZE)) * BigInt(PAGE_SIZE);
const pageUp = (v: bigint): bigint => ((v + BigInt(PAGE_SIZE) - 1n) / BigInt(PAGE_SIZE)) * BigInt(PAGE_SIZE);

/** `fsnotify_pre_content`: page-aligned range when the position is known. */
function* preContent(task: Task, path: PathRef, pos: number | null, count: number): Blocking<number> {
  if (pos === null) return yield* notifyParent(task, path.dentry, FS.PRE_ACCESS, { kind: 'path', path });
  const offset = pageDown(BigInt(pos));
  const range = { offset, count: pageUp(BigInt(pos) + BigInt(count)) - offset };
  return yield* notifyParent(task, path.dentry, FS.PRE_ACCESS, { kind: 'range', path, range });
}

/** `fsnotify_file_area_perm` (via rw_verify_area): pre-content, then FAN_ACCESS_PERM for reads. */
function* areaPerm(task: Task, file: OpenFile, read: boolean, pos: number | null, count: number): Blocking<number> {
  if (file.notifyMode === 'hsm' || file.notifyMode === 'all') {
    const ret = yield* preContent(task, file.path, pos, count);
    if (ret) return ret;
  }
  if (!read || file.notifyMode !== 'all') return 0;
  return yield* notifyParent(task, file.path.dentry, FS.ACCESS_PERM, { kind: 'path', path: file.path });
}

/** `fsnotify_file`: no events for fanotify's own fds. */
function* notifyFile(task: Task, file: OpenFile, mask: number): Blocking<number> {
  if (file.notifyMode === 'none') return 0;
  return yield* notifyParent(task, file.path.dentry, mask, { kind: 'path', path: file.path });
}

/** `fsnotify_open_perm_and_set_mode`: decides the file's mode, then sends open permission events. */
function* openPermAndSetMode(host: VfsHost, task: Task, file: OpenFile): Blocking<number> {
  const { dentry, mount } = file.path;
  const inode = dentry.inode;
  if (!host.hasPriorityWatchers(inode, 1)) {
    file.notifyMode = 'noperm';
    return 0;
  }
  let pMask = ALL_FSNOTIFY_PERM_EVENTS & (inode.connector.mask | mount.connector.mask | inode.sb.connector.mask) & ALL_FSNOTIFY_EVENTS;
  if (dentry.parentWatched && dentry.parent) pMask |= dentry.parent.inode.connector.watchesChildren();
  let mode: FileNotifyMode;
  if (pMask & FS.ACCESS_PERM) mode = 'all';
  else if (inode.kind === 'file' && pMask & FSNOTIFY_PRE_CONTENT_EVENTS) mode = 'hsm';
  else mode = 'noperm';
  file.notifyMode = mode;
  // Open permission events depend on the object masks, regardless of the mode.
  if (file.exec && pMask & FS.OPEN_EXEC_PERM) {
    const ret = yield* notifyParent(task, dentry, FS.OPEN_EXEC_PERM, { kind: 'path', path: file.path });
    if (ret) return ret;
  }
  if (pMask & FS.OPEN_PERM) return yield* notifyParent(task, dentry, FS.OPEN_PERM, { kind: 'path', path: file.path });
  return 0;
}

/**
 * The final `dput` of an unlinked dentry: once nothing pins it, it is freed; an inode without
 * links is removed (`fsnotify_inoderemove`: DELETE_SELF, marks dropped), and the parent it
 * pinned may go in turn.
 *
 * @internal
 */
export function* maybeRemoveInode(host: VfsHost, task: Task, dentry: Dentry): Blocking<void> {
  if (dentry.hashed || dentry.pinned || dentry.dead) return;
  dentry.dead = true;
  const inode = dentry.inode;
  if (inode.nlink === 0 && !inode.removed) {
    inode.removed = true;
    yield* notifyInode(task, inode, FS.DELETE_SELF);
    host.dropInodeMarks(inode);
  }
  const parent = dentry.parent;
  if (parent && parent.zombies.delete(dentry)) yield* maybeRemoveInode(host, task, parent);
}

/** Unhashes a dentry; while in use it pins its parent (`d_delete` of a busy dentry). */
function unhash(dentry: Dentry): void {
  dentry.hashed = false;
  if (dentry.pinned && dentry.parent) dentry.parent.zombies.add(dentry);
}

/** The truncate part shared by truncate(2), ftruncate(2) and O_TRUNC (`do_truncate`). */
function* doTruncate(host: VfsHost, task: Task, path: PathRef, length: number): Blocking<number> {
  const inode = path.dentry.inode;
  // fsnotify_truncate_perm: depends on the filesystem's pre-content watchers, not the file mode.
  if (inode.sb.allowHsm && host.hasPriorityWatchers(inode, 2)) {
    const ret = yield* preContent(task, path, length, 0);
    if (ret) return ret;
  }
  inode.size = length;
  // notify_change → fsnotify_change: FAN_MODIFY with dentry data (no fd-mode event).
  yield* notifyParent(task, path.dentry, FS.MODIFY, { kind: 'dentry', dentry: path.dentry });
  return 0;
}

/** O_TMPFILE: `__O_TMPFILE` plus O_DIRECTORY. */
const O_TMPFILE = O.TMPFILE | O.DIRECTORY;

/**
 * `build_open_flags` (fs/open.c): combinations refused before any lookup, and the flags the
 * walk then uses (O_CREAT|O_EXCL implies O_NOFOLLOW).
 */
function buildOpenFlags(release: KernelRelease, flags: number): number {
  if ((flags & O.ACCMODE) === O.ACCMODE) return -Errno.EINVAL;
  // 6.4: "open: return EINVAL for O_DIRECTORY | O_CREAT" (also guards O_TMPFILE below).
  if (kernelHas(release, 'open-creat-directory') && (flags & (O.DIRECTORY | O.CREAT)) === (O.DIRECTORY | O.CREAT)) return -Errno.EINVAL;
  if (flags & O.TMPFILE) {
    if ((flags & (O_TMPFILE | O.CREAT)) !== O_TMPFILE) return -Errno.EINVAL;
    if ((flags & O.ACCMODE) === O.RDONLY) return -Errno.EINVAL;
  }
  return flags & O.CREAT && flags & O.EXCL ? flags | O.NOFOLLOW : flags;
}

/** What `open_last_lookups` found: the object, whether this open created it, whether it must be a directory. */
interface OpenTarget {
  readonly target: PathRef;
  readonly created: boolean;
  readonly directory: boolean;
}

/** `lookup_open` of a missing name with O_CREAT: EROFS on a read-only mount, else the new file and FAN_CREATE. */
function* createForOpen(host: VfsHost, task: Task, at: ParentLookup, handle: FileHandleValue | undefined): Blocking<PathRef | number> {
  if (at.parent.mount.readOnly) return -Errno.EROFS;
  // may_o_create: write and search permission on the directory.
  if (!mayAccess(task, at.parent.dentry.inode, MAY.WRITE | MAY.EXEC)) return -Errno.EACCES;
  const inode = host.newInode(at.parent, 'file', handle);
  const dentry = host.linkDentry(at.parent.dentry, at.name, inode);
  yield* notifyName(task, FS.CREATE, { kind: 'dentry', dentry }, at.parent.dentry.inode, at.name);
  return { mount: at.parent.mount, dentry };
}

/**
 * `path_openat`'s loop over `open_last_lookups` (fs/namei.c): the last component is looked up
 * (`.`/`..` by `handle_dots`), created when missing with O_CREAT, and a symlink is followed —
 * its body's last component goes through the same rules, so O_CREAT through a dangling
 * symlink creates the link's target.
 */
function* openLastLookups(host: VfsHost, task: Task, path: string, flags: number, handle: FileHandleValue | undefined): Blocking<OpenTarget | number> {
  const ns = task.process.ns;
  let at = lookupParent(ns, path);
  let directory = (flags & O.DIRECTORY) !== 0;
  for (let hops = 0; ; hops++) {
    if (typeof at === 'number') return at;
    if (at.type !== 'norm') {
      const r = lookupLast(ns, at, 'follow');
      return typeof r === 'number' || r === null ? (r ?? -Errno.ENOENT) : { target: r, created: false, directory };
    }
    let follow = !(flags & O.NOFOLLOW);
    if (flags & O.CREAT) {
      // O_CREAT and a trailing slash: "foo/" can only name a directory, which open cannot create.
      if (at.trailing) return -Errno.EISDIR;
    } else if (at.trailing) {
      directory = true;
      follow = true;
    }
    const found = lookupLast(ns, at, 'nofollow');
    if (typeof found === 'number') return found;
    if (found === null) {
      if (!(flags & O.CREAT)) return -Errno.ENOENT;
      const created = yield* createForOpen(host, task, at, handle);
      return typeof created === 'number' ? created : { target: created, created: true, directory };
    }
    if (found.dentry.inode.kind !== 'symlink' || !follow) return { target: found, created: false, directory };
    // step_into → pick_link: MAXSYMLINKS links per walk.
    if (hops >= 40) return -Errno.ELOOP;
    const body = found.dentry.inode.target ?? '';
    if (body === '') return -Errno.ENOENT;
    at = lookupParentFrom(ns, at.parent, body);
  }
}

/**
 * `do_open` (fs/namei.c) and `may_open`: the checks between the lookup and `vfs_open`, in the
 * kernel's order. O_TRUNC asks for write access (`build_open_flags` adds MAY_WRITE) and, on a
 * regular file, `mnt_want_write` — EROFS on a read-only mount before any event.
 */
function doOpenChecks(task: Task, t: OpenTarget, flags: number): number {
  const inode = t.target.dentry.inode;
  if (flags & O.CREAT) {
    if (flags & O.EXCL && !t.created) return -Errno.EEXIST;
    if (inode.isDir) return -Errno.EISDIR;
  }
  if (t.directory && !inode.isDir) return -Errno.ENOTDIR;
  if (t.created) return 0;
  const writable = (flags & O.ACCMODE) !== O.RDONLY;
  if (inode.kind === 'file' && flags & O.TRUNC && t.target.mount.readOnly) return -Errno.EROFS;
  // may_open: symlinks ELOOP, directories refuse MAY_WRITE (O_TRUNC included).
  if (inode.kind === 'symlink') return -Errno.ELOOP;
  if (inode.isDir && (writable || flags & O.TRUNC)) return -Errno.EISDIR;
  // may_open → inode_permission: the access mode's bits (O_TRUNC asks for write).
  const want = ((flags & O.ACCMODE) !== O.WRONLY ? MAY.READ : 0) | (writable || flags & O.TRUNC ? MAY.WRITE : 0);
  if (!mayAccess(task, inode, want)) return -Errno.EACCES;
  // do_dentry_open → file_get_write_access: get_write_access (ETXTBSY), then the mount (EROFS).
  if (writable && inode.kind !== 'fifo' && inode.executing > 0) return -Errno.ETXTBSY;
  if (writable && inode.kind !== 'fifo' && t.target.mount.readOnly) return -Errno.EROFS;
  return 0;
}

/** open(2)/openat(2)/creat(2): `build_open_flags`, `path_openat`, `do_open`, `vfs_open`. @internal */
export function* openOp(host: VfsHost, task: Task, req: OpenRequest, exec = false): Blocking<number> {
  const flags = buildOpenFlags(host.release, req.flags);
  if (flags < 0) return flags;
  if (flags & O.TMPFILE) return yield* tmpfileOp(host, task, req.path, flags, req.handle);
  const found = yield* openLastLookups(host, task, req.path, flags, req.handle);
  if (typeof found === 'number') return found;
  const bad = doOpenChecks(task, found, flags);
  if (bad) return bad;
  return yield* openFound(host, task, found.target, flags, exec, found.created && !!(flags & O.TRUNC));
}

/** `vfs_open` of a looked-up object: open permission events, the fd, FAN_OPEN, then `handle_truncate`. */
function* openFound(host: VfsHost, task: Task, target: PathRef, flags: number, exec: boolean, createdTrunc: boolean): Blocking<number> {
  const acc = flags & O.ACCMODE;
  const readable = acc !== O.WRONLY;
  const writable = acc !== O.RDONLY;
  const inode = target.dentry.inode;
  const file = new OpenFile(target, flags, readable, writable, 'noperm', exec);
  const perm = yield* openPermAndSetMode(host, task, file);
  if (perm) return perm;
  // fifo_open (fs/pipe.c), the fifo's f_op->open: a non-blocking writer needs a reader.
  if (inode.kind === 'fifo' && acc === O.WRONLY && flags & O.NONBLOCK && inode.readers === 0) return -Errno.ENXIO;
  if (writable) inode.writers++;
  if (readable) inode.readers++;
  target.dentry.refs++;
  const fd = host.installFile(task, file);
  // vfs_open → fsnotify_open, before O_TRUNC is handled.
  yield* notifyFile(task, file, FS.OPEN | (exec ? FS.OPEN_EXEC : 0));
  if (flags & O.TRUNC && !createdTrunc && inode.kind === 'file') {
    const ret = yield* doTruncate(host, task, target, 0);
    if (ret) {
      yield* host.closeFd(task, fd);
      return ret;
    }
  }
  return fd;
}

/**
 * open(O_TMPFILE) (`do_tmpfile`, `vfs_tmpfile` in fs/namei.c): an unnamed file in a directory —
 * no FAN_CREATE, FAN_OPEN from `vfs_tmpfile`. Its dentry is unhashed (named `#ino` by
 * `d_tmpfile`) and its inode has no link until `linkat` gives it one; without O_EXCL it may get one.
 */
function* tmpfileOp(host: VfsHost, task: Task, path: string, flags: number, handle: FileHandleValue | undefined): Blocking<number> {
  const dir = host.resolve(task.process.ns, path, { follow: !(flags & O.NOFOLLOW), directory: true });
  if (typeof dir === 'number') return dir;
  if (dir.mount.readOnly) return -Errno.EROFS;
  const inode = host.newInode(dir, 'file', handle);
  inode.nlink = 0;
  inode.linkable = !(flags & O.EXCL);
  const dentry = host.linkDentry(dir.dentry, `#${inode.ino}`, inode);
  dir.dentry.inode.children.delete(dentry.name);
  dentry.hashed = false;
  const fd = yield* openFound(host, task, { mount: dir.mount, dentry }, flags & ~O.TRUNC, false, true);
  // The open file's dentry holds its parent, as an unlinked dentry in use does.
  if (dentry.pinned) dir.dentry.zombies.add(dentry);
  return fd;
}

/** Releases an open file (the last fput): FAN_CLOSE_*, then maybe DELETE_SELF. @internal */
export function* releaseFile(host: VfsHost, task: Task, file: OpenFile): Blocking<number> {
  if (--file.refs > 0) return 0;
  yield* notifyFile(task, file, file.writable ? FS.CLOSE_WRITE : FS.CLOSE_NOWRITE);
  const inode = file.inode;
  if (file.writable) inode.writers--;
  if (file.readable) inode.readers--;
  if (file.deniesWrite) inode.executing--;
  file.path.dentry.refs--;
  yield* maybeRemoveInode(host, task, file.path.dentry);
  return 0;
}

/** read(2) / pread(2). @internal */
export function* readOp(host: VfsHost, task: Task, fd: number, count: number, offset?: number): Blocking<number> {
  const file = host.fileOf(task, fd);
  if (typeof file === 'number') return file;
  if (!file.readable) return -Errno.EBADF;
  const pos = offset ?? file.pos;
  const ret = yield* areaPerm(task, file, true, pos, count);
  if (ret) return ret;
  if (file.inode.isDir) return -Errno.EISDIR;
  if (file.inode.kind === 'fifo') return yield* readFifo(task, file, count);
  const n = Math.max(0, Math.min(count, file.inode.size - pos));
  if (offset === undefined) file.pos += n;
  if (n > 0) yield* notifyFile(task, file, FS.ACCESS);
  return n;
}

/** pipe_read (fs/pipe.c): takes buffered bytes; an empty pipe is EAGAIN for O_NONBLOCK (the model never sleeps on one). */
function* readFifo(task: Task, file: OpenFile, count: number): Blocking<number> {
  const n = Math.min(count, file.inode.size);
  if (n === 0 && count > 0) return file.inode.writers > 0 || file.flags & O.NONBLOCK ? -Errno.EAGAIN : 0;
  file.inode.size -= n;
  if (n > 0) yield* notifyFile(task, file, FS.ACCESS);
  return n;
}

/** write(2) / pwrite(2). @internal */
export function* writeOp(host: VfsHost, task: Task, fd: number, count: number, offset?: number): Blocking<number> {
  const file = host.fileOf(task, fd);
  if (typeof file === 'number') return file;
  if (!file.writable) return -Errno.EBADF;
  // rw_verify_area sees the file position, even with O_APPEND.
  const ret = yield* areaPerm(task, file, false, offset ?? file.pos, count);
  if (ret) return ret;
  // A fifo's `size` is the bytes in its pipe buffer (pipe_write appends).
  if (file.inode.kind === 'fifo') {
    file.inode.size += count;
    if (count > 0) yield* notifyFile(task, file, FS.MODIFY);
    return count;
  }
  const start = offset ?? (file.flags & O.APPEND ? file.inode.size : file.pos);
  file.inode.size = Math.max(file.inode.size, start + count);
  if (offset === undefined) file.pos = start + count;
  if (count > 0) yield* notifyFile(task, file, FS.MODIFY);
  return count;
}

/** mmap(2) of a file range: only a pre-content event. @internal */
export function* mmapOp(host: VfsHost, task: Task, fd: number, offset: number, length: number): Blocking<number> {
  const file = host.fileOf(task, fd);
  if (typeof file === 'number') return file;
  if (!file.readable) return -Errno.EACCES;
  if (file.notifyMode === 'hsm' || file.notifyMode === 'all') {
    const ret = yield* preContent(task, file.path, offset, length);
    if (ret) return ret;
  }
  return 0;
}

/**
 * A program mapping part of a file: open(`path`, O_RDONLY), mmap(2) of the range (its
 * pre-content event, `fsnotify_mmap_perm` in `vm_mmap_pgoff`), munmap (no event), close. The
 * result is mmap's (0 or -errno), or the open's error.
 *
 * @internal
 */
export function* mmapPathOp(host: VfsHost, task: Task, path: string, offset: number, length: number): Blocking<number> {
  const fd = yield* openOp(host, task, { path, flags: O.RDONLY });
  if (fd < 0) return fd;
  const ret = yield* mmapOp(host, task, fd, offset, length);
  yield* host.closeFd(task, fd);
  return ret;
}

/** truncate(2). @internal */
export function* truncateOp(host: VfsHost, task: Task, path: string, length: number): Blocking<number> {
  const target = host.resolve(task.process.ns, path);
  if (typeof target === 'number') return target;
  const inode = target.dentry.inode;
  if (inode.isDir) return -Errno.EISDIR;
  if (target.mount.readOnly) return -Errno.EROFS;
  if (inode.executing > 0) return -Errno.ETXTBSY;
  return yield* doTruncate(host, task, target, length);
}

/** ftruncate(2). @internal */
export function* ftruncateOp(host: VfsHost, task: Task, fd: number, length: number): Blocking<number> {
  const file = host.fileOf(task, fd);
  if (typeof file === 'number') return file;
  if (!file.writable) return -Errno.EINVAL;
  return yield* doTruncate(host, task, file.path, length);
}

/**
 * `filename_create` (fs/namei.c): the parent of a new entry. `.`/`..` and existing names are
 * EEXIST; a trailing slash on a missing name that is not a directory to be is ENOENT; a read-only
 * mount (`mnt_want_write`, checked first but reported last) EROFS.
 */
function newEntryParent(task: Task, path: string, isDir: boolean): { parent: PathRef; name: string } | number {
  const at = lookupParent(task.process.ns, path);
  if (typeof at === 'number') return at;
  if (at.type !== 'norm') return -Errno.EEXIST;
  if (at.parent.dentry.inode.children.has(at.name)) return -Errno.EEXIST;
  if (at.trailing && !isDir) return -Errno.ENOENT;
  if (at.parent.mount.readOnly) return -Errno.EROFS;
  return { parent: at.parent, name: at.name };
}

/** mkdir(2), mknod(2) of a regular file or a fifo, symlink(2). @internal */
export function* createOp(host: VfsHost, task: Task, path: string, kind: InodeKind, handle?: FileHandleValue, target?: string): Blocking<number> {
  const at = newEntryParent(task, path, kind === 'dir');
  if (typeof at === 'number') return at;
  const inode = host.newInode(at.parent, kind, handle);
  if (kind === 'symlink') inode.target = target ?? '';
  const dentry = host.linkDentry(at.parent.dentry, at.name, inode);
  if (kind === 'dir') at.parent.dentry.inode.nlink++;
  yield* notifyName(task, FS.CREATE | (kind === 'dir' ? FS.ISDIR : 0), { kind: 'dentry', dentry }, at.parent.dentry.inode, at.name);
  return 0;
}

/**
 * link(2)/linkat(2) (`do_linkat`): the old path (followed only with AT_SYMLINK_FOLLOW), the new
 * entry (`filename_create`), EXDEV across mounts, then `vfs_link`. @internal
 */
export function* linkOp(host: VfsHost, task: Task, existing: string, path: string, follow = false): Blocking<number> {
  const old = host.resolve(task.process.ns, existing, { follow });
  if (typeof old === 'number') return old;
  return yield* linkPath(host, task, old, path);
}

/**
 * `do_linkat` from a resolved old path (an open O_TMPFILE file through /proc/self/fd), then
 * `vfs_link`: EPERM for directories, ENOENT for an inode without links unless it is a linkable
 * O_TMPFILE file (I_LINKABLE, cleared by the link). @internal
 */
export function* linkPath(host: VfsHost, task: Task, old: PathRef, path: string): Blocking<number> {
  const at = newEntryParent(task, path, false);
  if (typeof at === 'number') return at;
  if (at.parent.mount !== old.mount) return -Errno.EXDEV;
  const inode = old.dentry.inode;
  if (inode.isDir) return -Errno.EPERM;
  if (inode.nlink === 0 && !inode.linkable) return -Errno.ENOENT;
  inode.linkable = false;
  inode.nlink++;
  host.linkDentry(at.parent.dentry, at.name, inode);
  // fsnotify_link: link count change, then the new name.
  yield* notifyInode(task, inode, FS.ATTRIB);
  yield* notifyName(task, FS.CREATE, { kind: 'inode', inode }, at.parent.dentry.inode, at.name);
  return 0;
}

/** Removes a name: `d_delete_notify` (DELETE_SELF first when this was the last user), then FAN_DELETE. */
function* deleteEntry(host: VfsHost, task: Task, dentry: Dentry): Blocking<void> {
  const parent = dentry.parent!;
  const inode = dentry.inode;
  parent.inode.children.delete(dentry.name);
  unhash(dentry);
  yield* maybeRemoveInode(host, task, dentry);
  yield* notifyName(task, FS.DELETE | (inode.isDir ? FS.ISDIR : 0), { kind: 'inode', inode }, parent.inode, dentry.name);
}

/**
 * The victim of unlink/rmdir (`do_unlinkat`/`do_rmdir` after their last-component checks):
 * `mnt_want_write` (EROFS, even for a missing name), then the raw dentry (ENOENT).
 */
function victimOf(at: ParentLookup): PathRef | number {
  if (at.parent.mount.readOnly) return -Errno.EROFS;
  const child = at.parent.dentry.inode.children.get(at.name);
  return child ? { mount: at.parent.mount, dentry: child } : -Errno.ENOENT;
}

/** unlink(2) (`do_unlinkat`, `vfs_unlink`). @internal */
export function* unlinkOp(host: VfsHost, task: Task, path: string): Blocking<number> {
  const at = lookupParent(task.process.ns, path);
  if (typeof at === 'number') return at;
  // A last component `.`, `..` or `/`: EISDIR.
  if (at.type !== 'norm') return -Errno.EISDIR;
  const target = victimOf(at);
  if (typeof target === 'number') return target;
  const { dentry } = target;
  // `slashes:` a name with a trailing slash is EISDIR for a directory, else ENOTDIR.
  if (at.trailing) return dentry.inode.isDir ? -Errno.EISDIR : -Errno.ENOTDIR;
  // may_delete (write and search permission on the directory first), then is_local_mountpoint.
  if (!mayAccess(task, at.parent.dentry.inode, MAY.WRITE | MAY.EXEC)) return -Errno.EACCES;
  if (dentry.inode.isDir) return -Errno.EISDIR;
  if (host.isMountpoint(dentry)) return -Errno.EBUSY;
  dentry.inode.nlink--;
  // vfs_unlink: fsnotify_link_count(target), then d_delete_notify.
  yield* notifyInode(task, dentry.inode, FS.ATTRIB);
  yield* deleteEntry(host, task, dentry);
  return 0;
}

/** rmdir(2) (`do_rmdir`, `vfs_rmdir`). @internal */
export function* rmdirOp(host: VfsHost, task: Task, path: string): Blocking<number> {
  const at = lookupParent(task.process.ns, path);
  if (typeof at === 'number') return at;
  if (at.type === 'dotdot') return -Errno.ENOTEMPTY;
  if (at.type === 'dot') return -Errno.EINVAL;
  if (at.type === 'root') return -Errno.EBUSY;
  const target = victimOf(at);
  if (typeof target === 'number') return target;
  const { dentry } = target;
  // may_delete(isdir): not a directory, or a filesystem root.
  if (!dentry.inode.isDir) return -Errno.ENOTDIR;
  if (!dentry.parent) return -Errno.EBUSY;
  if (host.isMountpoint(dentry)) return -Errno.EBUSY;
  if (dentry.inode.children.size > 0) return -Errno.ENOTEMPTY;
  dentry.inode.nlink = 0;
  dentry.parent.inode.nlink--;
  yield* deleteEntry(host, task, dentry);
  return 0;
}

function isAncestor(ancestor: Dentry, dentry: Dentry): boolean {
  for (let d: Dentry | null = dentry; d; d = d.parent) if (d === ancestor) return true;
  return false;
}


/** The two ends of a rename after `do_renameat2`'s lookups. */
interface RenameEnds {
  readonly old: ParentLookup;
  readonly new: ParentLookup;
  readonly moved: Dentry;
  readonly existing: Dentry | null;
}

/**
 * `do_renameat2` (fs/namei.c) up to `vfs_rename`: flag checks, both parents, EXDEV, `.`/`..` as a
 * last component (EBUSY; EEXIST as the target with NOREPLACE), `mnt_want_write`, the lookups,
 * NOREPLACE/EXCHANGE target checks, trailing slashes on non-directories, and the ancestor traps.
 */
function renameEnds(ns: MountNamespace, from: string, to: string, flags: number): RenameEnds | number {
  if (flags & ~(RENAME.NOREPLACE | RENAME.EXCHANGE | RENAME.WHITEOUT)) return -Errno.EINVAL;
  if (flags & (RENAME.NOREPLACE | RENAME.WHITEOUT) && flags & RENAME.EXCHANGE) return -Errno.EINVAL;
  const oldAt = lookupParent(ns, from);
  if (typeof oldAt === 'number') return oldAt;
  const newAt = lookupParent(ns, to);
  if (typeof newAt === 'number') return newAt;
  if (oldAt.parent.mount !== newAt.parent.mount) return -Errno.EXDEV;
  if (oldAt.type !== 'norm') return -Errno.EBUSY;
  if (newAt.type !== 'norm') return flags & RENAME.NOREPLACE ? -Errno.EEXIST : -Errno.EBUSY;
  if (oldAt.parent.mount.readOnly) return -Errno.EROFS;
  const moved = oldAt.parent.dentry.inode.children.get(oldAt.name);
  if (!moved) return -Errno.ENOENT;
  const existing = newAt.parent.dentry.inode.children.get(newAt.name) ?? null;
  if (flags & RENAME.NOREPLACE && existing) return -Errno.EEXIST;
  if (flags & RENAME.EXCHANGE) {
    if (!existing) return -Errno.ENOENT;
    if (!existing.inode.isDir && newAt.trailing) return -Errno.ENOTDIR;
  }
  if (!moved.inode.isDir && (oldAt.trailing || (!(flags & RENAME.EXCHANGE) && newAt.trailing))) return -Errno.ENOTDIR;
  // lock_rename's trap: the source may not be an ancestor of the target's directory, nor the target of the source's.
  if (isAncestor(moved, newAt.parent.dentry)) return -Errno.EINVAL;
  if (existing && isAncestor(existing, oldAt.parent.dentry)) return flags & RENAME.EXCHANGE ? -Errno.EINVAL : -Errno.ENOTEMPTY;
  return { old: oldAt, new: newAt, moved, existing };
}

/** `vfs_rename`'s checks (`may_delete` of both ends, mountpoints, a non-empty target directory). */
function vfsRenameChecks(host: VfsHost, e: RenameEnds, exchange: boolean): number {
  const { moved, existing } = e;
  if (!moved.parent) return -Errno.EBUSY;
  if (existing && !exchange) {
    if (moved.inode.isDir && !existing.inode.isDir) return -Errno.ENOTDIR;
    if (!moved.inode.isDir && existing.inode.isDir) return -Errno.EISDIR;
  }
  if (host.isMountpoint(moved) || (existing && host.isMountpoint(existing))) return -Errno.EBUSY;
  if (existing && !exchange && existing.inode.isDir && existing.inode.children.size > 0) return -nonEmptyTargetErrno(existing.inode);
  return 0;
}

/**
 * The errno of a rename onto a non-empty directory, which each filesystem's `->rename` decides:
 * xfs says EEXIST (`xfs_rename`, fs/xfs/xfs_inode.c: "!xfs_dir_isempty(target_ip) … error =
 * -EEXIST"), ext4, btrfs and tmpfs (`simple_rename`'s `simple_empty`) say ENOTEMPTY.
 */
function nonEmptyTargetErrno(target: Inode): number {
  return target.sb.type === 'xfs' ? Errno.EEXIST : Errno.ENOTEMPTY;
}

/** `fsnotify_move`: RENAME (old+new parent), MOVED_FROM, MOVED_TO, the replaced target's link count, MOVE_SELF. */
function* notifyMove(task: Task, moved: Dentry, oldDir: Inode, oldName: string, replaced: Inode | null): Blocking<void> {
  const isdir = moved.inode.isDir ? FS.ISDIR : 0;
  yield* notifyName(task, FS.RENAME | isdir, { kind: 'dentry', dentry: moved }, oldDir, oldName);
  yield* notifyName(task, FS.MOVED_FROM | isdir, { kind: 'inode', inode: moved.inode }, oldDir, oldName);
  yield* notifyName(task, FS.MOVED_TO | isdir, { kind: 'inode', inode: moved.inode }, moved.parent!.inode, moved.name);
  if (replaced) yield* notifyInode(task, replaced, FS.ATTRIB);
  yield* notifyInode(task, moved.inode, FS.MOVE_SELF);
}

/** Drops the replaced target's name (its inode loses a link; a directory all of them). */
function dropTarget(parent: Dentry, existing: Dentry): void {
  parent.inode.children.delete(existing.name);
  unhash(existing);
  if (existing.inode.isDir) {
    existing.inode.nlink = 0;
    parent.inode.nlink--;
  } else {
    existing.inode.nlink--;
  }
}

/** A directory moving between parents moves its `..` link. */
function moveDotDot(dir: Inode, from: Dentry, to: Dentry): void {
  if (!dir.isDir || from === to) return;
  from.inode.nlink--;
  to.inode.nlink++;
}

/** rename(2) and renameat2(2) with RENAME_NOREPLACE / RENAME_EXCHANGE. @internal */
export function* renameOp(host: VfsHost, task: Task, from: string, to: string, flags = 0): Blocking<number> {
  const e = renameEnds(task.process.ns, from, to, flags);
  if (typeof e === 'number') return e;
  const { moved, existing } = e;
  const exchange = (flags & RENAME.EXCHANGE) !== 0;
  // vfs_rename: the same inode at both ends is a successful no-op.
  if (existing && existing.inode === moved.inode) return 0;
  const bad = vfsRenameChecks(host, e, exchange);
  if (bad) return bad;
  const oldParent = moved.parent!;
  const newParent = e.new.parent.dentry;
  const oldName = moved.name;
  if (exchange && existing) {
    host.exchangeDentries(moved, existing);
    moveDotDot(moved.inode, oldParent, newParent);
    moveDotDot(existing.inode, newParent, oldParent);
    // vfs_rename calls fsnotify_move once per side, the second with the first's new name.
    yield* notifyMove(task, moved, oldParent.inode, oldName, null);
    yield* notifyMove(task, existing, newParent.inode, moved.name, null);
    return 0;
  }
  if (existing) dropTarget(newParent, existing);
  host.moveDentry(moved, newParent, e.new.name);
  moveDotDot(moved.inode, oldParent, newParent);
  yield* notifyMove(task, moved, oldParent.inode, oldName, existing?.inode ?? null);
  // The replaced dentry's final dput.
  if (existing) yield* maybeRemoveInode(host, task, existing);
  return 0;
}

/** O_NONBLOCK | O_DIRECTORY | O_LARGEFILE | O_CLOEXEC: glibc's opendir(3). */
const OPENDIR_FLAGS = O.RDONLY | O.NONBLOCK | O.DIRECTORY | O.LARGEFILE | O.CLOEXEC;

/**
 * readdir(3) of a whole directory: opendir, getdents64 until it returns 0 (two `iterate_dir`
 * calls for the small directories scenarios have: each sends FAN_ACCESS_PERM then FAN_ACCESS,
 * fs/readdir.c), closedir. Returns the number of entries besides `.` and `..`. @internal
 */
export function* readdirOp(host: VfsHost, task: Task, path: string): Blocking<number> {
  const fd = yield* openOp(host, task, { path, flags: OPENDIR_FLAGS });
  if (fd < 0) return fd;
  const file = host.fileOf(task, fd) as OpenFile;
  for (let call = 0; call < 2; call++) {
    const ret = yield* areaPerm(task, file, true, null, 0);
    if (ret) {
      yield* host.closeFd(task, fd);
      return ret;
    }
    yield* notifyFile(task, file, FS.ACCESS);
  }
  const entries = file.inode.children.size;
  yield* host.closeFd(task, fd);
  return entries;
}

/** BINPRM_BUF_SIZE: what `prepare_binprm` reads of the file (include/uapi/linux/binfmts.h). */
const BINPRM_BUF_SIZE = 256;
/**
 * The program headers `load_elf_phdrs` reads of an image that runs: those of a static ELF64
 * executable as `gcc -static` links it on x86-64 (e_phoff 64, the header's size; 10 headers of
 * 56 bytes). Only a pre-content watcher would see the range.
 */
const ELF_PHDRS = { offset: 64, count: 10 * 56 } as const;

/** `kernel_read` (fs/read_write.c): the read's permission hooks, then FAN_ACCESS if it read anything. */
function* kernelRead(task: Task, file: OpenFile, pos: number, count: number): Blocking<number> {
  const ret = yield* areaPerm(task, file, true, pos, count);
  if (ret) return ret;
  if (pos < file.inode.size) yield* notifyFile(task, file, FS.ACCESS);
  return 0;
}

/**
 * execve(2) of a file: the exec open (OPEN_EXEC_PERM, OPEN_PERM, OPEN|OPEN_EXEC), then the
 * reads of fs/exec.c and fs/binfmt_elf.c, each with its ACCESS_PERM / ACCESS: `prepare_binprm`'s
 * 256-byte header read; with no handler for the file, ENOEXEC (the file is closed); for an image
 * that runs (a static ELF: `runs`), `load_elf_phdrs`'s read of the program headers (denied:
 * ENOEXEC), and the file stays open (mapped) until the process exits. Mapping the segments has only pre-content hooks.
 *
 * @internal
 */
export function* execOp(host: VfsHost, task: Task, path: string, runs: boolean): Blocking<number> {
  const target = host.resolve(task.process.ns, path);
  if (typeof target === 'number') return target;
  // may_open with MAY_EXEC (fs/namei.c): directories and other non-regular files are EACCES, and
  // generic_permission (fs/namei.c) wants an execute bit even for a capable caller — all before
  // the open's events.
  const inode = target.dentry.inode;
  if (inode.kind !== 'file' || !(inode.mode & 0o111)) return -Errno.EACCES;
  const fd = yield* openOp(host, task, { path, flags: O.RDONLY }, true);
  if (fd < 0) return fd;
  const file = host.fileOf(task, fd) as OpenFile;
  // exe_file_deny_write_access, after the open events; files watched for pre-content events may
  // be executed while open for write (an HSM must be able to fill them).
  if (file.notifyMode !== 'hsm' && file.notifyMode !== 'all') {
    if (file.inode.writers > 0) {
      yield* host.closeFd(task, fd);
      return -Errno.ETXTBSY;
    }
    file.deniesWrite = true;
    file.inode.executing++;
  }
  let ret = yield* kernelRead(task, file, 0, BINPRM_BUF_SIZE);
  if (!ret && !runs) ret = -Errno.ENOEXEC;
  // load_elf_phdrs returns NULL for any failed read and load_elf_binary then returns the -ENOEXEC
  // it started with: a denied program-header read is ENOEXEC, not the response's errno (6.18,
  // CONFIG_MODULES=n; with module autoloading search_binary_handler retries the loader once).
  if (!ret && (yield* kernelRead(task, file, ELF_PHDRS.offset, ELF_PHDRS.count))) ret = -Errno.ENOEXEC;
  if (ret) yield* host.closeFd(task, fd);
  return ret;
}

/** A filesystem error (`fsnotify_sb_error`), e.g. from ext4_error or a forced shutdown. @internal */
export function* fsErrorOp(task: Task, inode: Inode | null, sb: Inode['sb'], error: number): Blocking<number> {
  yield* fsnotify(task, FS.ERROR, { kind: 'error', sb, inode, error }, null, null, null);
  return 0;
}

/** `fsnotify_mnt`: only mount-namespace marks see mount events. */
function* notifyMount(task: Task, mask: number, ns: MountNamespace, mount: Mount): Blocking<void> {
  if (ns.connector.marks.length === 0) return;
  yield* fsnotify(task, mask, { kind: 'mnt', ns, mntId: mount.uniqueId }, null, null, null);
}

/** Attaches `mount` at `at` in `ns` (no events). @internal */
export function attachMount(ns: MountNamespace, mount: Mount, at: PathRef): void {
  mount.parent = at.mount;
  mount.mountpoint = at.dentry;
  mount.ns = ns;
  at.mount.children.push(mount);
  ns.mounts.add(mount);
}

function detachMount(mount: Mount): void {
  const parent = mount.parent;
  if (parent) parent.children.splice(parent.children.indexOf(mount), 1);
  mount.ns?.mounts.delete(mount);
  mount.parent = null;
  mount.mountpoint = null;
  mount.ns = null;
}

/** mount(2) of a filesystem or a bind mount of `source`: FAN_MNT_ATTACH. @internal */
export function* mountOp(host: VfsHost, task: Task, source: { readonly sb: Inode['sb'] } | { readonly bind: string }, target: string, readOnly: boolean, mountId?: bigint): Blocking<number> {
  const ns = task.process.ns;
  const at = host.resolve(ns, target);
  if (typeof at === 'number') return at;
  let root: Dentry;
  let sb: Inode['sb'];
  if ('bind' in source) {
    const from = host.resolve(ns, source.bind);
    if (typeof from === 'number') return from;
    root = from.dentry;
    sb = from.dentry.inode.sb;
  } else {
    sb = source.sb;
    root = sb.root;
  }
  if (root.inode.isDir !== at.dentry.inode.isDir) return at.dentry.inode.isDir ? -Errno.ENOTDIR : -Errno.EISDIR;
  const mount = new Mount(sb, root, mountId ?? host.newMountUniqueId(), readOnly);
  attachMount(ns, mount, at);
  yield* notifyMount(task, FS.MNT_ATTACH, ns, mount);
  return 0;
}

/** The mount whose root `path` names, or -EINVAL. */
function mountRootAt(host: VfsHost, task: Task, path: string): Mount | number {
  const ns = task.process.ns;
  const at = host.resolve(ns, path);
  if (typeof at === 'number') return at;
  if (at.dentry !== at.mount.root || at.mount === ns.root) return -Errno.EINVAL;
  return at.mount;
}

/** umount(2): FAN_MNT_DETACH. @internal */
export function* umountOp(host: VfsHost, task: Task, path: string): Blocking<number> {
  const mount = mountRootAt(host, task, path);
  if (typeof mount === 'number') return mount;
  if (mount.children.length > 0) return -Errno.EBUSY;
  const ns = mount.ns!;
  detachMount(mount);
  yield* notifyMount(task, FS.MNT_DETACH, ns, mount);
  host.dropMountMarks(mount);
  return 0;
}

/** mount --move: one event with FAN_MNT_ATTACH|FAN_MNT_DETACH. @internal */
export function* moveMountOp(host: VfsHost, task: Task, from: string, to: string): Blocking<number> {
  const mount = mountRootAt(host, task, from);
  if (typeof mount === 'number') return mount;
  const ns = task.process.ns;
  const at = host.resolve(ns, to);
  if (typeof at === 'number') return at;
  for (let m: Mount | null = at.mount; m; m = m.parent) if (m === mount) return -Errno.ELOOP;
  detachMount(mount);
  attachMount(ns, mount, at);
  yield* notifyMount(task, FS.MNT_ATTACH | FS.MNT_DETACH, ns, mount);
  return 0;
}
