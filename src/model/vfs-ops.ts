/**
 * The filesystem operations and the fsnotify hooks they call, in the kernel's order
 * (include/linux/fsnotify.h hooks as called from fs/namei.c, fs/open.c, fs/read_write.c,
 * mm/mmap.c, fs/namespace.c). Each operation is a generator so that a permission event can
 * suspend it where the kernel would sleep.
 *
 * @packageDocumentation
 */
import { Errno } from '../kernel/errno.js';
import type { FileHandleValue } from './file-handle.js';
import { OpenFile, type FileNotifyMode } from './file.js';
import { fsnotify, notifyInode, notifyName, notifyParent, type Blocking } from './fsnotify.js';
import { ALL_FSNOTIFY_EVENTS, ALL_FSNOTIFY_PERM_EVENTS, FS, FSNOTIFY_PRE_CONTENT_EVENTS, O, PAGE_SIZE } from '../kernel/bits.js';
import type { Task } from './process.js';
import { Mount, splitParent, type Dentry, type Inode, type InodeKind, type MountNamespace, type PathRef } from './vfs.js';

/** What the operations need from the simulated kernel. @internal */
export interface VfsHost {
  resolve(ns: MountNamespace, path: string, options?: { readonly follow?: boolean; readonly directory?: boolean }): PathRef | number;
  newInode(parent: PathRef, kind: InodeKind, handle?: FileHandleValue): Inode;
  linkDentry(parent: Dentry, name: string, inode: Inode): Dentry;
  moveDentry(dentry: Dentry, newParent: Dentry, newName: string): void;
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

/** open(2)/openat(2)/creat(2). @internal */
export function* openOp(host: VfsHost, task: Task, req: OpenRequest, exec = false): Blocking<number> {
  const ns = task.process.ns;
  const acc = req.flags & O.ACCMODE;
  if (acc === O.ACCMODE) return -Errno.EINVAL;
  const readable = acc !== O.WRONLY;
  const writable = acc !== O.RDONLY;
  let created = false;
  let target = host.resolve(ns, req.path, { follow: !(req.flags & O.NOFOLLOW) });
  if (typeof target === 'number') {
    if (target !== -Errno.ENOENT || !(req.flags & O.CREAT)) return target;
    const { dir, name } = splitParent(req.path);
    const parent = host.resolve(ns, dir);
    if (typeof parent === 'number') return parent;
    if (!parent.dentry.inode.isDir) return -Errno.ENOTDIR;
    if (parent.mount.readOnly) return -Errno.EROFS;
    const inode = host.newInode(parent, 'file', req.handle);
    const dentry = host.linkDentry(parent.dentry, name, inode);
    created = true;
    yield* notifyName(task, FS.CREATE, { kind: 'dentry', dentry }, parent.dentry.inode, name);
    target = { mount: parent.mount, dentry };
  } else if (req.flags & O.CREAT && req.flags & O.EXCL) {
    return -Errno.EEXIST;
  }
  const inode = target.dentry.inode;
  if (inode.kind === 'symlink') return -Errno.ELOOP;
  if (req.flags & O.DIRECTORY && !inode.isDir) return -Errno.ENOTDIR;
  if (inode.isDir && (writable || req.flags & O.CREAT)) return -Errno.EISDIR;
  if (writable && target.mount.readOnly) return -Errno.EROFS;
  if (writable && inode.executing > 0) return -Errno.ETXTBSY;
  const file = new OpenFile(target, req.flags, readable, writable, 'noperm', exec);
  const perm = yield* openPermAndSetMode(host, task, file);
  if (perm) return perm;
  if (writable) inode.writers++;
  target.dentry.refs++;
  const fd = host.installFile(task, file);
  // vfs_open → fsnotify_open, before O_TRUNC is handled.
  yield* notifyFile(task, file, FS.OPEN | (exec ? FS.OPEN_EXEC : 0));
  if (req.flags & O.TRUNC && !created && inode.kind === 'file') {
    const ret = yield* doTruncate(host, task, target, 0);
    if (ret) {
      yield* host.closeFd(task, fd);
      return ret;
    }
  }
  return fd;
}

/** Releases an open file (the last fput): FAN_CLOSE_*, then maybe DELETE_SELF. @internal */
export function* releaseFile(host: VfsHost, task: Task, file: OpenFile): Blocking<number> {
  if (--file.refs > 0) return 0;
  yield* notifyFile(task, file, file.writable ? FS.CLOSE_WRITE : FS.CLOSE_NOWRITE);
  const inode = file.inode;
  if (file.writable) inode.writers--;
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
  const n = Math.max(0, Math.min(count, file.inode.size - pos));
  if (offset === undefined) file.pos += n;
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

/** Looks up the parent directory of a new entry. */
function newEntryParent(host: VfsHost, task: Task, path: string): { parent: PathRef; name: string } | number {
  const { dir, name } = splitParent(path);
  if (!name) return -Errno.EEXIST;
  const parent = host.resolve(task.process.ns, dir);
  if (typeof parent === 'number') return parent;
  if (!parent.dentry.inode.isDir) return -Errno.ENOTDIR;
  if (parent.dentry.inode.children.has(name)) return -Errno.EEXIST;
  if (parent.mount.readOnly) return -Errno.EROFS;
  return { parent, name };
}

/** mkdir(2), mknod(2) of a regular file, symlink(2). @internal */
export function* createOp(host: VfsHost, task: Task, path: string, kind: InodeKind, handle?: FileHandleValue, target?: string): Blocking<number> {
  const at = newEntryParent(host, task, path);
  if (typeof at === 'number') return at;
  const inode = host.newInode(at.parent, kind, handle);
  if (kind === 'symlink') inode.target = target ?? '';
  const dentry = host.linkDentry(at.parent.dentry, at.name, inode);
  if (kind === 'dir') at.parent.dentry.inode.nlink++;
  yield* notifyName(task, FS.CREATE | (kind === 'dir' ? FS.ISDIR : 0), { kind: 'dentry', dentry }, at.parent.dentry.inode, at.name);
  return 0;
}

/** link(2). @internal */
export function* linkOp(host: VfsHost, task: Task, existing: string, path: string): Blocking<number> {
  const old = host.resolve(task.process.ns, existing, { follow: false });
  if (typeof old === 'number') return old;
  if (old.dentry.inode.isDir) return -Errno.EPERM;
  const at = newEntryParent(host, task, path);
  if (typeof at === 'number') return at;
  if (at.parent.mount !== old.mount) return -Errno.EXDEV;
  const inode = old.dentry.inode;
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

/** unlink(2). @internal */
export function* unlinkOp(host: VfsHost, task: Task, path: string): Blocking<number> {
  const target = host.resolve(task.process.ns, path, { follow: false });
  if (typeof target === 'number') return target;
  const { dentry } = target;
  if (dentry.inode.isDir) return -Errno.EISDIR;
  if (!dentry.parent) return -Errno.EBUSY;
  if (target.mount.readOnly) return -Errno.EROFS;
  if (host.isMountpoint(dentry)) return -Errno.EBUSY;
  dentry.inode.nlink--;
  // vfs_unlink: fsnotify_link_count(target), then d_delete_notify.
  yield* notifyInode(task, dentry.inode, FS.ATTRIB);
  yield* deleteEntry(host, task, dentry);
  return 0;
}

/** rmdir(2). @internal */
export function* rmdirOp(host: VfsHost, task: Task, path: string): Blocking<number> {
  const target = host.resolve(task.process.ns, path, { follow: false });
  if (typeof target === 'number') return target;
  const { dentry } = target;
  if (!dentry.inode.isDir) return -Errno.ENOTDIR;
  if (!dentry.parent || dentry === target.mount.root) return -Errno.EBUSY;
  if (dentry.inode.children.size > 0) return -Errno.ENOTEMPTY;
  if (target.mount.readOnly) return -Errno.EROFS;
  if (host.isMountpoint(dentry)) return -Errno.EBUSY;
  dentry.inode.nlink = 0;
  dentry.parent.inode.nlink--;
  yield* deleteEntry(host, task, dentry);
  return 0;
}

function isAncestor(ancestor: Dentry, dentry: Dentry): boolean {
  for (let d: Dentry | null = dentry; d; d = d.parent) if (d === ancestor) return true;
  return false;
}

/** rename(2) (no flags). @internal */
export function* renameOp(host: VfsHost, task: Task, from: string, to: string): Blocking<number> {
  const ns = task.process.ns;
  const source = host.resolve(ns, from, { follow: false });
  if (typeof source === 'number') return source;
  const { dir, name: newName } = splitParent(to);
  const newParent = host.resolve(ns, dir);
  if (typeof newParent === 'number') return newParent;
  if (!newParent.dentry.inode.isDir) return -Errno.ENOTDIR;
  if (newParent.mount !== source.mount) return -Errno.EXDEV;
  const moved = source.dentry;
  if (!moved.parent || moved === source.mount.root) return -Errno.EBUSY;
  const oldParent = moved.parent;
  const isDir = moved.inode.isDir;
  const existing = newParent.dentry.inode.children.get(newName) ?? null;
  if (existing && existing.inode === moved.inode) return 0;
  if (existing) {
    if (isDir && !existing.inode.isDir) return -Errno.ENOTDIR;
    if (!isDir && existing.inode.isDir) return -Errno.EISDIR;
    if (existing.inode.isDir && existing.inode.children.size > 0) return -Errno.ENOTEMPTY;
    if (host.isMountpoint(existing)) return -Errno.EBUSY;
  }
  if (isDir && isAncestor(moved, newParent.dentry)) return -Errno.EINVAL;
  if (source.mount.readOnly) return -Errno.EROFS;
  const oldName = moved.name;
  if (existing) {
    newParent.dentry.inode.children.delete(newName);
    unhash(existing);
    if (existing.inode.isDir) {
      existing.inode.nlink = 0;
      newParent.dentry.inode.nlink--;
    } else {
      existing.inode.nlink--;
    }
  }
  host.moveDentry(moved, newParent.dentry, newName);
  if (isDir && oldParent !== newParent.dentry) {
    oldParent.inode.nlink--;
    newParent.dentry.inode.nlink++;
  }
  const isdir = isDir ? FS.ISDIR : 0;
  // fsnotify_move: RENAME (old+new parent), MOVED_FROM, MOVED_TO, target link count, MOVE_SELF.
  yield* notifyName(task, FS.RENAME | isdir, { kind: 'dentry', dentry: moved }, oldParent.inode, oldName);
  yield* notifyName(task, FS.MOVED_FROM | isdir, { kind: 'inode', inode: moved.inode }, oldParent.inode, oldName);
  yield* notifyName(task, FS.MOVED_TO | isdir, { kind: 'inode', inode: moved.inode }, newParent.dentry.inode, newName);
  if (existing) yield* notifyInode(task, existing.inode, FS.ATTRIB);
  yield* notifyInode(task, moved.inode, FS.MOVE_SELF);
  // The replaced dentry's final dput.
  if (existing) yield* maybeRemoveInode(host, task, existing);
  return 0;
}

/** chmod(2): notify_change(ATTR_MODE) → FAN_ATTRIB. @internal */
export function* chmodOp(host: VfsHost, task: Task, path: string): Blocking<number> {
  const target = host.resolve(task.process.ns, path);
  if (typeof target === 'number') return target;
  if (target.mount.readOnly) return -Errno.EROFS;
  yield* notifyParent(task, target.dentry, FS.ATTRIB, { kind: 'dentry', dentry: target.dentry });
  return 0;
}

/**
 * execve(2) of a file, simplified: the exec open (OPEN_EXEC_PERM, OPEN_PERM, OPEN|OPEN_EXEC),
 * one 256-byte header read (`prepare_binprm`), then either ENOEXEC (the file is closed) or a
 * running image that keeps the file open until the process exits. Real ELF loading reads more.
 *
 * @internal
 */
export function* execOp(host: VfsHost, task: Task, path: string, runs: boolean): Blocking<number> {
  const target = host.resolve(task.process.ns, path);
  if (typeof target === 'number') return target;
  if (target.dentry.inode.kind !== 'file') return -Errno.EACCES;
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
  const ret = yield* areaPerm(task, file, true, 0, 256);
  if (ret) {
    yield* host.closeFd(task, fd);
    return ret;
  }
  if (file.inode.size > 0) yield* notifyFile(task, file, FS.ACCESS);
  if (!runs) {
    yield* host.closeFd(task, fd);
    return -Errno.ENOEXEC;
  }
  return 0;
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
