/**
 * The simulated filesystem objects: superblocks (with fsid and handle format), inodes,
 * dentries, mounts (bind mounts included) and mount namespaces, and path resolution across
 * mount points.
 *
 * @packageDocumentation
 */
import { Errno } from '../kernel/errno.js';
import { generatedHandle, type FileHandleValue } from './file-handle.js';
import { Connector } from './mark.js';

/** Kind of inode. @public */
export type InodeKind = 'dir' | 'file' | 'symlink' | 'fifo';

/**
 * How a filesystem behaves towards fanotify.
 *
 * @public
 */
export interface SuperBlockOptions {
  /** Filesystem type name (`ext4`, `tmpfs`, `xfs`, `btrfs`...). */
  readonly type: string;
  /** `statfs().f_fsid` as two signed 32-bit words. */
  readonly fsid: readonly [number, number];
  /** `handle_type` of generated handles (default 1, FILEID_INO32_GEN). */
  readonly handleType?: number;
  /** Length of generated handles (default 8; tmpfs uses 12). */
  readonly handleBytes?: number;
  /** SB_I_ALLOW_HSM: pre-content events allowed (ext4, xfs, btrfs: yes; tmpfs: no). Default: by type. */
  readonly allowHsm?: boolean;
  /** The fs can encode file handles (default true). */
  readonly canEncodeFid?: boolean;
  /** The fs can decode file handles (needed for mount/sb marks of fid groups; default true). */
  readonly canDecodeFh?: boolean;
  /** Root directory inode number (default 2 like ext4; tmpfs uses 1). */
  readonly rootIno?: number;
  /** First inode number handed to new files (default 12). */
  readonly firstIno?: number;
}

let nextObjectId = 1;

/**
 * A mounted filesystem instance (`struct super_block`).
 *
 * @public
 */
export class SuperBlock {
  /** @internal Object id, unique across the model's objects. */
  readonly id = nextObjectId++;
  /** Filesystem type name (`ext4`, `tmpfs`, …). */
  readonly type: string;
  /** `statfs().f_fsid` as two signed 32-bit words. */
  readonly fsid: readonly [number, number];
  /** `handle_type` of generated handles. */
  readonly handleType: number;
  /** Length in bytes of generated handles. */
  readonly handleBytes: number;
  /** SB_I_ALLOW_HSM: pre-content events are allowed. */
  readonly allowHsm: boolean;
  /** The filesystem can encode file handles (fid groups can mark it). */
  readonly canEncodeFid: boolean;
  /** The filesystem can decode file handles (needed for mount/filesystem marks of fid groups). */
  readonly canDecodeFh: boolean;
  /** @internal Marks on the filesystem (FAN_MARK_FILESYSTEM). */
  readonly connector: Connector;
  /** @internal The root directory. */
  readonly root: Dentry;
  private nextIno: number;

  /** @internal Use {@link KernelModel.addFilesystem}. */
  constructor(
    /** Name used by scenarios. */
    readonly name: string,
    options: SuperBlockOptions,
  ) {
    this.type = options.type;
    this.fsid = [options.fsid[0] | 0, options.fsid[1] | 0];
    this.handleType = options.handleType ?? 1;
    this.handleBytes = options.handleBytes ?? (options.type === 'tmpfs' ? 12 : 8);
    this.allowHsm = options.allowHsm ?? ['ext4', 'xfs', 'btrfs', 'ext2', 'ext3'].includes(options.type);
    this.canEncodeFid = options.canEncodeFid ?? true;
    this.canDecodeFh = options.canDecodeFh ?? true;
    this.nextIno = options.firstIno ?? 12;
    this.connector = new Connector('sb', this);
    const root = new Inode(this, options.rootIno ?? (options.type === 'tmpfs' ? 1 : 2), 'dir');
    this.root = new Dentry('/', null, root);
  }

  /** @internal Allocates an inode number for a new object. */
  allocIno(): number {
    return this.nextIno++;
  }
}

/**
 * An inode. Its file handle is fixed for its lifetime (given, or generated from ino/generation).
 *
 * @public
 */
export class Inode {
  /** @internal Object id, unique across the model's objects. */
  readonly id = nextObjectId++;
  /** @internal Marks on this inode. */
  readonly connector: Connector;
  /** Link count (a directory counts `.` and its subdirectories' `..`). */
  nlink: number;
  /** File size in bytes (reads at or past it return 0 and report no FAN_ACCESS). */
  size = 0;
  /** @internal Open files with write access (`inode_is_open_for_write`). */
  writers = 0;
  /** @internal Running executables (`deny_write_access`): opening for write gives ETXTBSY. */
  executing = 0;
  /** Permission bits (`i_mode & 07777`; default 0o644 for files, 0o755 for directories, 0o777 for symlinks). */
  mode: number;
  /** Owner (`i_uid`). */
  uid = 0;
  /** Group (`i_gid`). */
  gid = 0;
  /** @internal Extended attributes by name (value sizes). */
  readonly xattrs = new Map<string, number>();
  /** @internal Open files that can read (a fifo's readers, for `fifo_open`). */
  readers = 0;
  /** @internal I_LINKABLE: an O_TMPFILE file opened without O_EXCL, which `linkat` may give a name. */
  linkable = false;
  /** @internal `fsnotify_inoderemove` happened (DELETE_SELF sent, marks dropped). */
  removed = false;
  /** Symlink target (`undefined` for other kinds). */
  target: string | undefined;
  /** @internal Entries of a directory. */
  readonly children = new Map<string, Dentry>();
  private handleValue: FileHandleValue | null | undefined;

  /** @internal Use {@link KernelModel.createObject} (or operations that create objects). */
  constructor(
    /** The filesystem the inode belongs to. */
    readonly sb: SuperBlock,
    /** Inode number. */
    readonly ino: number,
    /** What kind of object it is. */
    readonly kind: InodeKind,
    handle?: FileHandleValue | null,
    /** `i_generation`, which generated handles contain (default: derived from `ino`). */
    readonly generation = (Math.imul(ino, 0x9e3779b1) >>> 0) ^ 0x5a5a5a5a,
  ) {
    this.nlink = kind === 'dir' ? 2 : 1;
    this.mode = kind === 'dir' ? 0o755 : kind === 'symlink' ? 0o777 : 0o644;
    this.handleValue = handle;
    this.connector = new Connector('inode', sb);
  }

  /** Whether the inode is a directory. */
  get isDir(): boolean {
    return this.kind === 'dir';
  }

  /** The encoded handle (`exportfs_encode_fid`), or null when the fs cannot encode one. */
  get handle(): FileHandleValue | null {
    if (!this.sb.canEncodeFid) return null;
    if (this.handleValue === undefined) this.handleValue = generatedHandle(this.ino, this.generation, this.sb.handleType, this.sb.handleBytes);
    return this.handleValue;
  }

  /** Replaces the handle (the differential harness feeds the real one). */
  setHandle(handle: FileHandleValue): void {
    this.handleValue = handle;
  }
}

/**
 * A name in a directory. Unlinked dentries keep their name and parent (events on open, deleted
 * files still go to the old parent with the old name, as in the kernel).
 *
 * @internal
 */
export class Dentry {
  /** Object id, unique across the model's objects. */
  readonly id = nextObjectId++;
  /** False once unlinked/renamed over (`d_unhashed`). */
  hashed = true;
  /** DCACHE_FSNOTIFY_PARENT_WATCHED: set when the parent watches children, cleared lazily. */
  parentWatched = false;
  /** Open files and queued path events using this dentry. */
  refs = 0;
  /** Unlinked children still in use: each pins this dentry, as a dentry holds its parent. */
  readonly zombies = new Set<Dentry>();
  /** Freed (`dentry_kill`): its inode was released, DELETE_SELF sent if it had no links. */
  dead = false;

  constructor(
    /** The entry's name (`/` for a root). */
    public name: string,
    /** The directory holding the entry; null for a root. */
    public parent: Dentry | null,
    /** The object the name refers to. */
    public inode: Inode,
  ) {}

  /** Still referenced by something (open files, queued events, unlinked children in use). */
  get pinned(): boolean {
    return this.refs > 0 || this.zombies.size > 0;
  }

  /** IS_ROOT: the root of its filesystem (or a disconnected dentry). */
  get isRoot(): boolean {
    return this.parent === null;
  }
}

/**
 * A mount (`struct mount`): a filesystem subtree attached somewhere in a namespace.
 *
 * @internal
 */
export class Mount {
  /** Legacy mount id (mountinfo). */
  readonly id = nextObjectId++;
  /** Marks on this mount (FAN_MARK_MOUNT). */
  readonly connector: Connector;
  /** Mounts attached on dentries of this one, in attach order. */
  readonly children: Mount[] = [];
  /** The mount this one is attached on; null for a namespace root or a detached mount. */
  parent: Mount | null = null;
  /** The dentry of `parent` this mount covers; null when not attached. */
  mountpoint: Dentry | null = null;
  /** The namespace the mount belongs to; null once detached. */
  ns: MountNamespace | null = null;

  constructor(
    /** The mounted filesystem. */
    readonly sb: SuperBlock,
    /** The subtree root (a bind mount's source directory). */
    readonly root: Dentry,
    /** `statx(STATX_MNT_ID_UNIQUE)`. */
    readonly uniqueId: bigint,
    /** MNT_READONLY: opening for write gives EROFS. */
    public readOnly = false,
  ) {
    this.connector = new Connector('mount', sb);
  }
}

/**
 * A mount namespace with its mount tree.
 *
 * @public
 */
export class MountNamespace {
  /** @internal Object id, unique across the model's objects. */
  readonly id = nextObjectId++;
  /** @internal Marks on this namespace (FAN_MARK_MNTNS). */
  readonly connector = new Connector('mntns');
  /** @internal Every mount of the namespace. */
  readonly mounts = new Set<Mount>();

  /** @internal Use {@link KernelModel.cloneNamespace}. */
  constructor(
    /** Name used by scenarios and `KernelModel.namespace()` (`'init'` for the initial one). */
    readonly name: string,
    /** @internal The root mount. */
    public root: Mount,
  ) {
    root.ns = this;
    this.mounts.add(root);
  }
}

/** A (mount, dentry) pair: `struct path`. @internal */
export interface PathRef {
  /** The mount the path is reached through. */
  readonly mount: Mount;
  /** The entry within that mount. */
  readonly dentry: Dentry;
}

/** The top mount attached at (mount, dentry) in `ns`, if any. */
function mountedAt(ns: MountNamespace, mount: Mount, dentry: Dentry): Mount | undefined {
  let top: Mount | undefined;
  for (const child of mount.children) if (child.mountpoint === dentry && child.ns === ns) top = child;
  return top;
}

/** Follows mounts stacked on (mount, dentry). */
function crossMounts(ns: MountNamespace, at: PathRef): PathRef {
  let cur = at;
  for (let m = mountedAt(ns, cur.mount, cur.dentry); m; m = mountedAt(ns, cur.mount, cur.dentry)) cur = { mount: m, dentry: m.root };
  return cur;
}

/** `nd->last_type` (fs/namei.c): a name, `.`, `..`, or the root itself (`/`). @internal */
export type LastType = 'norm' | 'dot' | 'dotdot' | 'root';

/**
 * The parent directory and last component of a path, as `filename_parentat` (fs/namei.c) leaves
 * them for the directory-modifying calls: every component but the last is walked (symlinks
 * followed), the last is only named.
 *
 * @internal
 */
export interface ParentLookup {
  /** The directory holding the last component. */
  readonly parent: PathRef;
  /** The last component (`/` for the root). */
  readonly name: string;
  /** Its kind: unlink/rmdir/rename/create refuse `.`, `..` and `/` with their own errnos. */
  readonly type: LastType;
  /** The path ends in `/` (`last.name[last.len]` is non-zero): only directories may match. */
  readonly trailing: boolean;
}

/** Symlink budget of one path walk (`MAXSYMLINKS`, include/linux/namei.h). */
const MAXSYMLINKS = 40;

interface Walk {
  readonly ns: MountNamespace;
  hops: number;
}

const rootOf = (ns: MountNamespace): PathRef => crossMounts(ns, { mount: ns.root, dentry: ns.root.root });

function splitComponents(path: string): { readonly components: string[]; readonly trailing: boolean } {
  const components = path.split('/').filter((c) => c !== '');
  return { components, trailing: components.length > 0 && path.endsWith('/') };
}

/**
 * One step of `walk_component` from the directory `cur`: `.` and `..` (`handle_dots`), or a
 * child (`lookup_fast`), mounts crossed, a symlink followed (`step_into`/`pick_link`) when asked.
 * null: a negative dentry.
 */
function stepInto(w: Walk, cur: PathRef, name: string, follow: boolean): PathRef | null | number {
  // link_path_walk: may_lookup on a non-directory is ENOTDIR.
  if (!cur.dentry.inode.isDir) return -Errno.ENOTDIR;
  if (name === '.') return cur;
  if (name === '..') return parentOf(w.ns, cur);
  const child = cur.dentry.inode.children.get(name);
  if (!child) return null;
  const next = crossMounts(w.ns, { mount: cur.mount, dentry: child });
  if (next.dentry.inode.kind !== 'symlink' || !follow) return next;
  if (++w.hops > MAXSYMLINKS) return -Errno.ELOOP;
  const target = next.dentry.inode.target ?? '';
  // An empty symlink body resolves to nothing (get_link returns "" → ENOENT).
  if (target === '') return -Errno.ENOENT;
  return walkAll(w, target.startsWith('/') ? rootOf(w.ns) : cur, target);
}

/** Walks every component of `path` from `start` (absolute paths from the root), following all symlinks. */
function walkAll(w: Walk, start: PathRef, path: string): PathRef | number {
  const { components, trailing } = splitComponents(path);
  let cur = path.startsWith('/') ? rootOf(w.ns) : start;
  for (const name of components) {
    const next = stepInto(w, cur, name, true);
    if (next === null) return -Errno.ENOENT;
    if (typeof next === 'number') return next;
    cur = next;
  }
  return trailing && !cur.dentry.inode.isDir ? -Errno.ENOTDIR : cur;
}

/** `filename_parentat`: the parent of the last component, the component and its type. */
function parentAt(w: Walk, base: PathRef, path: string): ParentLookup | number {
  const { components, trailing } = splitComponents(path);
  const name = components.pop();
  const start = path.startsWith('/') ? rootOf(w.ns) : base;
  if (name === undefined) return { parent: start, name: '/', type: 'root', trailing: false };
  const parent = walkAll(w, start, components.join('/'));
  if (typeof parent === 'number') return parent;
  if (!parent.dentry.inode.isDir) return -Errno.ENOTDIR;
  return { parent, name, type: name === '.' ? 'dot' : name === '..' ? 'dotdot' : 'norm', trailing };
}

/**
 * `filename_parentat` (fs/namei.c) in `ns`.
 *
 * @returns The parent and last component, or a negative errno (ENOENT, ENOTDIR, ELOOP).
 * @internal
 */
export function lookupParent(ns: MountNamespace, path: string): ParentLookup | number {
  return parentAt({ ns, hops: 0 }, rootOf(ns), path);
}

/** {@link lookupParent} of a symlink body: relative bodies start at the link's directory `base`. @internal */
export function lookupParentFrom(ns: MountNamespace, base: PathRef, path: string): ParentLookup | number {
  return parentAt({ ns, hops: 0 }, base, path);
}

/**
 * The last component of `at`: `raw` is the dentry itself as `lookup_one_qstr_excl` gives it to
 * the directory calls (mounts on it not crossed); `nofollow`/`follow` are `step_into` (mounts
 * crossed, a symlink followed or not). null when the name does not exist.
 *
 * @internal
 */
export function lookupLast(ns: MountNamespace, at: ParentLookup, how: 'raw' | 'nofollow' | 'follow'): PathRef | null | number {
  if (at.type === 'root') return at.parent;
  if (at.type !== 'norm' || how !== 'raw') return stepInto({ ns, hops: 0 }, at.parent, at.name, how === 'follow');
  const child = at.parent.dentry.inode.children.get(at.name);
  return child ? { mount: at.parent.mount, dentry: child } : null;
}

/**
 * Resolves an absolute path in `ns` like `path_lookupat` (fs/namei.c): mounts are crossed, `..`
 * stays inside the namespace, symlinks are followed (the last one only with `follow`, or when the
 * path ends in `/`, which also makes `lookup_last` demand a directory).
 *
 * @returns The path, or a negative errno (ENOENT, ENOTDIR, ELOOP).
 * @internal
 */
export function resolvePath(ns: MountNamespace, path: string, options: { readonly follow?: boolean; readonly directory?: boolean } = {}): PathRef | number {
  if (!path.startsWith('/')) return -Errno.ENOENT;
  const w: Walk = { ns, hops: 0 };
  const at = parentAt(w, rootOf(ns), path);
  if (typeof at === 'number') return at;
  // lookup_last: a trailing slash sets LOOKUP_FOLLOW | LOOKUP_DIRECTORY.
  const result = at.type === 'root' ? at.parent : stepInto(w, at.parent, at.name, options.follow !== false || at.trailing);
  if (result === null) return -Errno.ENOENT;
  if (typeof result !== 'number' && (options.directory || at.trailing) && !result.dentry.inode.isDir) return -Errno.ENOTDIR;
  return result;
}

/** `..` of a path: up inside the mount, or to the mountpoint when at the mount's root. */
function parentOf(ns: MountNamespace, at: PathRef): PathRef {
  let cur = at;
  while (cur.dentry === cur.mount.root && cur.mount.parent && cur.mount.mountpoint) {
    cur = { mount: cur.mount.parent, dentry: cur.mount.mountpoint };
  }
  if (cur.dentry === cur.mount.root || !cur.dentry.parent) return cur;
  void ns;
  return { mount: cur.mount, dentry: cur.dentry.parent };
}
