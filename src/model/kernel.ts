/**
 * The simulated kernel: filesystems, mount namespaces, processes, fanotify groups, and the
 * system calls that connect them. Tasks that hit a permission event stay suspended until a
 * listener answers (or the group goes away), as on a real kernel.
 *
 * @packageDocumentation
 */
import { hostByteOrder, type ByteOrder } from '../codec/byte-order.js';
import { encodedLength, encodeEvents } from '../codec/default-codec.js';
import type { EventInput } from '../codec/types.js';
import { copyEventToUser, eventLength, type ReaderFds } from './copy-event.js';
import { Errno } from '../kernel/errno.js';
import { FanotifyModelError } from './errors.js';
import type { ModelEvent } from './event.js';
import type { FileHandleValue } from './file-handle.js';
import { dropCaches } from './evict.js';
import { NR_OPEN } from './fd-table.js';
import { OpenFile } from './file.js';
import type { Blocking, PermWait } from './fsnotify.js';
import { ModelGroup } from './group.js';
import { checkInit, isRefusal, fionreadBytes } from '../kernel/index.js';
import { DEFAULT_KERNEL_RELEASE, modelledRelease, type KernelRelease } from '../kernel/release.js';
import { FANOTIFY_DEFAULT_MAX_EVENTS, INIT, O, RESP } from '../kernel/bits.js';
import { detachMark, doFanotifyMark, setChildrenParentWatched, type MarkTarget } from './mark-syscall.js';
import { finishPermissionEvent, processResponse } from './permission.js';
import { Process, type Task } from './process.js';
import * as attr from './vfs-attr-ops.js';
import * as ops from './vfs-ops.js';
import { Dentry, Inode, Mount, MountNamespace, resolvePath, SuperBlock, type InodeKind, type PathRef, type SuperBlockOptions } from './vfs.js';

/**
 * Options of a {@link KernelModel}.
 *
 * @public
 */
export interface KernelModelOptions {
  /**
   * The kernel release to behave as (default `'6.18'`): `'6.1'`, `'6.12.57'`, or what `uname -r`
   * prints (`'6.1.0-50-amd64'`). A release without a patch level has every stable backport of its
   * series. Flags, events and responses that release lacks are refused as it refuses them.
   */
  readonly kernel?: string;
  /** Byte order of the bytes read() returns (default: the host's, like the real kernel). */
  readonly byteOrder?: ByteOrder;
  /** `/proc/sys/fs/fanotify/max_queued_events` (default 16384). */
  readonly maxQueuedEvents?: number;
  /** `/proc/sys/fs/fanotify/max_user_groups` (default 128). */
  readonly maxUserGroups?: number;
  /** `/proc/sys/fs/fanotify/max_user_marks` (default 8192 × 128). */
  readonly maxUserMarks?: number;
  /** CONFIG_AUDITSYSCALL (default true: FAN_ENABLE_AUDIT is accepted). */
  readonly auditSyscall?: boolean;
  /** The root filesystem of the initial mount namespace (default: a tmpfs-like "rootfs"). */
  readonly rootFs?: SuperBlockOptions;
  /** First unique mount id handed out (default 0x80000001, like Linux's `mnt_id_unique`). */
  readonly firstMountId?: bigint;
  /** Not-yet-mainline kernel features. */
  readonly experimental?: {
    /** FAN_RESTARTABLE_EVENTS + FAN_IOC_OPEN_QUEUE_FD (linux-fsdevel/vfs); without it the flag is EINVAL as in 6.18. */
    readonly restartableEvents?: boolean;
  };
}

/** What an operation returned: done, or suspended on a permission event. @public */
export type OperationOutcome = { readonly status: 'done'; readonly id: number; readonly result: number } | { readonly status: 'blocked'; readonly id: number };

/** An operation that finished after being suspended. @public */
export interface CompletedOperation {
  /** The id {@link KernelModel.run} returned with `status: 'blocked'`. */
  readonly id: number;
  /** The task that ran it. */
  readonly task: Task;
  /** The operation's `op` (`'open'`, `'read'`, …). */
  readonly name: string;
  /** Its result: fd, byte count or 0, or a negative errno. */
  readonly result: number;
}

/** Result of a read() of a fanotify fd. @public */
export interface ReadOutcome {
  /** Bytes returned, or a negative errno. */
  readonly result: number;
  /** The bytes (empty on error). */
  readonly bytes: Uint8Array;
  /** The events in them, as encoder input. */
  readonly events: readonly EventInput[];
}

interface RunningOperation {
  readonly id: number;
  readonly task: Task;
  readonly name: string;
  readonly gen: Blocking<number>;
  wait: PermWait | null;
}

/**
 * The kernel model.
 *
 * @example
 * ```ts
 * const k = new KernelModel();
 * const fs = k.addFilesystem('ext4', { type: 'ext4', fsid: [1, 2] }, '/mnt');
 * const p = k.addProcess('app', 1234);
 * const fd = k.fanotifyInit(k.task(p), FAN_CLASS_NOTIF | FAN_REPORT_DFID_NAME | FAN_NONBLOCK, 0);
 * k.fanotifyMark(k.task(p), fd, FAN_MARK_ADD, FAN_CREATE | FAN_ONDIR, { path: '/mnt' });
 * k.run(k.task(p), { op: 'mkdir', path: '/mnt/sub' });
 * const { bytes } = k.read(k.task(p), fd, 4096);
 * ```
 * @public
 */
export class KernelModel {
  /** Byte order of the bytes read() returns. */
  readonly byteOrder: ByteOrder;
  /** The kernel release the model behaves as. */
  readonly release: KernelRelease;
  /** @internal The initial mount namespace (`'init'`). */
  readonly initNs: MountNamespace;
  /** @internal Filesystems by name. */
  readonly filesystems = new Map<string, SuperBlock>();
  /** @internal Mount namespaces by name. */
  readonly namespaces = new Map<string, MountNamespace>();
  /** @internal Processes by name. */
  readonly processes = new Map<string, Process>();
  /** @internal Groups whose fd is open. */
  readonly groups = new Set<ModelGroup>();
  /** Operations that finished after being suspended, in completion order (drained by the caller). */
  readonly completed: CompletedOperation[] = [];
  private readonly options: KernelModelOptions;
  private nextMountId: bigint;
  private nextOperationId = 1;
  private readonly running = new Map<number, RunningOperation>();
  private readonly answered: ModelEvent[] = [];
  private readonly host: ops.VfsHost;

  /** A kernel with only the root filesystem mounted in the initial namespace, and no processes. */
  constructor(options: KernelModelOptions = {}) {
    this.options = options;
    const release = modelledRelease(options.kernel ?? DEFAULT_KERNEL_RELEASE);
    if (typeof release === 'string') throw new FanotifyModelError('BAD_ARGUMENT', `kernel: ${release}`);
    this.release = release;
    this.byteOrder = options.byteOrder ?? hostByteOrder;
    this.nextMountId = options.firstMountId ?? 0x80000001n;
    const rootFs = new SuperBlock('rootfs', options.rootFs ?? { type: 'rootfs', fsid: [0, 0], allowHsm: false });
    this.filesystems.set('rootfs', rootFs);
    const rootMount = new Mount(rootFs, rootFs.root, this.newMountUniqueId());
    this.initNs = new MountNamespace('init', rootMount);
    this.namespaces.set('init', this.initNs);
    this.host = this.makeHost();
  }

  // ---------------------------------------------------------------- setup

  /**
   * Adds a filesystem; with `mountAt` it is mounted there in the initial namespace (missing
   * directories on the way are created silently).
   */
  addFilesystem(name: string, options: SuperBlockOptions, mountAt?: string, mountOptions: { readonly readOnly?: boolean; readonly mountId?: bigint } = {}): SuperBlock {
    if (this.filesystems.has(name)) throw new FanotifyModelError('BAD_ARGUMENT', `filesystem '${name}' exists`);
    const sb = new SuperBlock(name, options);
    this.filesystems.set(name, sb);
    if (mountAt !== undefined) {
      const at = this.ensureDir(this.initNs, mountAt);
      ops.attachMount(this.initNs, new Mount(sb, sb.root, mountOptions.mountId ?? this.newMountUniqueId(), mountOptions.readOnly ?? false), at);
    }
    return sb;
  }

  /** Adds a process (privileged unless told otherwise) in the initial or a named namespace. */
  addProcess(
    name: string,
    pid: number,
    options: { readonly tids?: readonly number[]; readonly fds?: Iterable<number>; readonly fdLimit?: number; readonly privileged?: boolean; readonly uid?: number; readonly gid?: number; readonly ns?: string } = {},
  ): Process {
    if (this.processes.has(name)) throw new FanotifyModelError('BAD_ARGUMENT', `process '${name}' exists`);
    for (const p of this.processes.values()) if (p.pid === pid) throw new FanotifyModelError('BAD_ARGUMENT', `pid ${pid} is used by '${p.name}'`);
    const proc = new Process(name, pid, this.namespace(options.ns ?? 'init'), options);
    this.processes.set(name, proc);
    return proc;
  }

  /** A process by name. */
  process(name: string): Process {
    const p = this.processes.get(name);
    if (!p) throw new FanotifyModelError('NO_SUCH_OBJECT', `no process '${name}'`);
    return p;
  }

  /** A thread of `process` (its leader by default). */
  task(process: Process | string, tid?: number): Task {
    const p = typeof process === 'string' ? this.process(process) : process;
    const t = tid ?? p.pid;
    if (!p.tids.includes(t)) throw new FanotifyModelError('NO_SUCH_OBJECT', `process '${p.name}' has no thread ${t}`);
    return { process: p, tid: t };
  }

  /** A mount namespace by name. */
  namespace(name: string): MountNamespace {
    const ns = this.namespaces.get(name);
    if (!ns) throw new FanotifyModelError('NO_SUCH_OBJECT', `no mount namespace '${name}'`);
    return ns;
  }

  /** `unshare -m`: a copy of `from`'s mount tree (new mount ids, no marks), no events. */
  cloneNamespace(name: string, from: string = 'init'): MountNamespace {
    if (this.namespaces.has(name)) throw new FanotifyModelError('BAD_ARGUMENT', `mount namespace '${name}' exists`);
    const src = this.namespace(from);
    const copies = new Map<Mount, Mount>();
    const copy = (m: Mount): Mount => {
      const c = new Mount(m.sb, m.root, this.newMountUniqueId(), m.readOnly);
      copies.set(m, c);
      return c;
    };
    const root = copy(src.root);
    const ns = new MountNamespace(name, root);
    const walk = (m: Mount): void => {
      for (const child of m.children) {
        if (child.ns !== src) continue;
        const c = copy(child);
        ops.attachMount(ns, c, { mount: copies.get(m)!, dentry: child.mountpoint! });
        walk(child);
      }
    };
    walk(src.root);
    this.namespaces.set(name, ns);
    return ns;
  }

  /** Moves a process to another mount namespace (`setns`). */
  setNamespace(process: Process, ns: string): void {
    process.ns = this.namespace(ns);
  }

  /**
   * Creates an object without generating events (the tree that exists before the scenario).
   * Missing parent directories are created too.
   */
  createObject(path: string, kind: InodeKind, options: { readonly handle?: FileHandleValue; readonly size?: number; readonly target?: string; readonly mode?: number; readonly ns?: string } = {}): Inode {
    const ns = this.namespace(options.ns ?? 'init');
    const parts = path.split('/').filter((c) => c !== '');
    const name = parts.pop();
    if (name === undefined) throw new FanotifyModelError('BAD_ARGUMENT', `cannot create '${path}'`);
    const parent = this.ensureDir(ns, '/' + parts.join('/'));
    if (parent.dentry.inode.children.has(name)) throw new FanotifyModelError('BAD_ARGUMENT', `'${path}' exists`);
    const inode = this.host.newInode(parent, kind, options.handle);
    inode.size = options.size ?? 0;
    if (options.mode !== undefined) inode.mode = options.mode & 0o7777;
    if (kind === 'symlink') inode.target = options.target ?? '';
    if (kind === 'dir') parent.dentry.inode.nlink++;
    this.host.linkDentry(parent.dentry, name, inode);
    return inode;
  }

  /** @internal Resolves a path in a namespace (throws when it does not exist). */
  lookup(path: string, options: { readonly ns?: string; readonly follow?: boolean } = {}): PathRef {
    const r = resolvePath(this.namespace(options.ns ?? 'init'), path, { follow: options.follow ?? true });
    if (typeof r === 'number') throw new FanotifyModelError('NO_SUCH_OBJECT', `'${path}': ${-r === Errno.ENOENT ? 'ENOENT' : `errno ${-r}`}`);
    return r;
  }

  /** Replaces the reader's fd table by the given open fds (to mirror a real process). */
  setOpenFds(process: Process, fds: Iterable<number>): void {
    process.fds.resetTo(fds);
  }

  /**
   * `sync; echo 3 > /proc/sys/vm/drop_caches`: every unused inode is evicted and its
   * FAN_MARK_EVICTABLE marks are destroyed (no event); inodes that are open, hold a mount, have a
   * busy descendant or carry any other mark stay, and so do all inodes of tmpfs (its dentries are
   * pinned).
   */
  dropCaches(): void {
    dropCaches(this.filesystems.values(), this.namespaces.values());
  }

  /**
   * setrlimit(RLIMIT_NOFILE) of `process` (the soft limit): fds already open above it stay open,
   * new ones (files, group fds, event fds and pidfds a read installs) are refused with EMFILE.
   */
  setFdLimit(process: Process, limit: number): void {
    if (!Number.isSafeInteger(limit) || limit < 0 || limit > NR_OPEN) throw new FanotifyModelError('BAD_ARGUMENT', `RLIMIT_NOFILE ${limit} is outside [0, ${NR_OPEN}]`);
    process.fds.limit = limit;
  }

  private ensureDir(ns: MountNamespace, path: string): PathRef {
    let cur = resolvePath(ns, '/');
    if (typeof cur === 'number') throw new FanotifyModelError('INTERNAL', 'no root');
    let walked = '';
    for (const part of path.split('/').filter((c) => c !== '')) {
      walked += '/' + part;
      const next = resolvePath(ns, walked);
      if (typeof next !== 'number') {
        if (!next.dentry.inode.isDir) throw new FanotifyModelError('BAD_ARGUMENT', `'${walked}' is not a directory`);
        cur = next;
        continue;
      }
      const inode = this.host.newInode(cur, 'dir');
      cur.dentry.inode.nlink++;
      const dentry = this.host.linkDentry(cur.dentry, part, inode);
      cur = { mount: cur.mount, dentry };
    }
    return cur;
  }

  // ---------------------------------------------------------------- fanotify system calls

  /** fanotify_init(2): the new fd, or a negative errno. */
  fanotifyInit(task: Task, flags: number, eventFFlags: number): number {
    const caller = task.process;
    const decision = checkInit(flags, eventFFlags, {
      release: this.release,
      privileged: caller.privileged,
      auditSyscall: this.options.auditSyscall ?? true,
      capAuditWrite: caller.privileged,
      restartableEvents: this.options.experimental?.restartableEvents ?? false,
      userGroups: [...this.groups].filter((g) => !g.closed).length,
      maxUserGroups: this.options.maxUserGroups ?? 128,
    });
    if (isRefusal(decision)) return -decision.errno;
    const maxEvents = decision.flags & INIT.UNLIMITED_QUEUE ? 0xffffffff : (this.options.maxQueuedEvents ?? FANOTIFY_DEFAULT_MAX_EVENTS);
    const group = new ModelGroup(decision.flags, decision.fFlags, decision.priority, maxEvents, caller);
    group.releasePath = (t, path) => {
      path.dentry.refs--;
      this.drive(ops.maybeRemoveInode(this.host, t, path.dentry));
    };
    const fd = caller.fds.allocate({ kind: 'fanotify', group });
    if (fd < 0) return fd;
    this.groups.add(group);
    return fd;
  }

  /**
   * fanotify_mark(2). `target` is the pathname (resolved in the caller's namespace), an open
   * file of the caller (`dirfd` with a NULL pathname) or, for FAN_MARK_MNTNS, a namespace name
   * standing for its nsfs file.
   */
  fanotifyMark(task: Task, fd: number, flags: number, mask: bigint, target: { readonly path: string } | { readonly fd: number } | { readonly mntns: string } | null): number {
    const object = task.process.fds.get(fd);
    const group = !object ? -Errno.EBADF : object.kind === 'fanotify' ? (object.group as ModelGroup) : -Errno.EINVAL;
    const marksInUse = [...this.groups].reduce((n, g) => n + (g.has(INIT.UNLIMITED_MARKS) ? 0 : g.marks.size), 0);
    return doFanotifyMark(
      {
        group,
        release: this.release,
        privileged: task.process.privileged,
        restartableEvents: this.options.experimental?.restartableEvents ?? false,
        marksLeft: (this.options.maxUserMarks ?? 8192 * 128) - marksInUse,
        isOpenForWrite: (inode) => inode.writers > 0,
        childrenWatchStarted: (inode) => setChildrenParentWatched(inode, inode.children.values()),
        resolve: (): MarkTarget | number => {
          if (target === null) return -Errno.EFAULT;
          if ('mntns' in target) return { mntns: this.namespace(target.mntns) };
          if ('fd' in target) {
            const f = task.process.fds.get(target.fd);
            if (!f) return -Errno.EBADF;
            if (f.kind !== 'file') return -Errno.EINVAL;
            return { path: (f.file as OpenFile).path };
          }
          const r = resolvePath(task.process.ns, target.path, { follow: !(flags & 4), directory: (flags & 8) !== 0 });
          return typeof r === 'number' ? r : { path: r };
        },
      },
      flags,
      mask,
    );
  }

  /** read(2) of a fanotify fd with a buffer of `count` bytes. */
  read(task: Task, fd: number, count: number): ReadOutcome {
    const fail = (errno: number): ReadOutcome => ({ result: -errno, bytes: new Uint8Array(0), events: [] });
    const object = task.process.fds.get(fd);
    if (!object) return fail(Errno.EBADF);
    if (object.kind !== 'fanotify' && object.kind !== 'fanotify-queue') throw new FanotifyModelError('BAD_ARGUMENT', `fd ${fd} is not a fanotify fd (use run() for file reads)`);
    const group = object.group as ModelGroup;
    // A restartable group's control fd has no read operation.
    if (object.kind === 'fanotify' && group.restartable) return fail(Errno.EINVAL);
    const events: EventInput[] = [];
    let remaining = count;
    let error = 0;
    for (;;) {
      const event = group.queue.peek();
      if (!event) {
        if (events.length === 0) {
          if (!group.has(INIT.NONBLOCK)) throw new FanotifyModelError('WOULD_BLOCK', `read() of fd ${fd} would block forever: the queue is empty and the group is blocking`);
          error = Errno.EAGAIN;
        }
        break;
      }
      const len = eventLength(group, event);
      if (len > remaining) {
        error = Errno.EINVAL;
        break;
      }
      group.queue.removeFirst();
      if (event.isPerm) event.state = 'reported';
      const copied = copyEventToUser(group, event, task.process, this.readerFds(task, group), this.release);
      if (event.isPerm) {
        if (!copied.ok || copied.fd < 0) {
          // A permission event the listener cannot answer is denied.
          finishPermissionEvent(event, RESP.DENY, (e) => this.answered.push(e));
        } else {
          event.fd = copied.fd;
          group.accessList.push(event);
        }
      }
      // Non-permission events are destroyed once copied (or failed).
      if (!event.isPerm && event.path) group.releasePath(task, event.path);
      if (!copied.ok) {
        error = copied.errno;
        break;
      }
      const encoded = encodedLength([copied.input]);
      if (encoded !== len) throw new FanotifyModelError('INTERNAL', `event_len ${len} disagrees with the encoder's ${encoded}`);
      events.push(copied.input);
      remaining -= len;
    }
    this.resumeAnswered();
    if (events.length === 0) return fail(error);
    const bytes = encodeEvents(events, { byteOrder: this.byteOrder });
    return { result: bytes.length, bytes, events };
  }

  /** write(2) of a permission response. */
  write(task: Task, fd: number, bytes: Uint8Array): number {
    const object = task.process.fds.get(fd);
    if (!object) return -Errno.EBADF;
    if (object.kind !== 'fanotify' && object.kind !== 'fanotify-queue') throw new FanotifyModelError('BAD_ARGUMENT', `fd ${fd} is not a fanotify fd`);
    const group = object.group as ModelGroup;
    // The control fd of a restartable group is opened O_RDONLY.
    if (object.kind === 'fanotify' && group.restartable) return -Errno.EBADF;
    const ret = processResponse(group, bytes, this.byteOrder, this.release, (e) => this.answered.push(e));
    this.resumeAnswered();
    return ret;
  }

  /** ioctl(FIONREAD): 24 bytes per queued event before 7.3, their `event_len` sum from 7.3. */
  fionread(task: Task, fd: number): number {
    const object = task.process.fds.get(fd);
    if (!object) return -Errno.EBADF;
    if (object.kind !== 'fanotify' && object.kind !== 'fanotify-queue') return -Errno.ENOTTY;
    const group = object.group as ModelGroup;
    if (object.kind === 'fanotify' && group.restartable) return -Errno.ENOTTY;
    return fionreadBytes(this.release, group.queue.list().map((event) => eventLength(group, event)));
  }

  /** ioctl(FAN_IOC_OPEN_QUEUE_FD) on a restartable group's control fd (experimental). */
  openQueueFd(task: Task, fd: number): number {
    const object = task.process.fds.get(fd);
    if (!object) return -Errno.EBADF;
    if (object.kind !== 'fanotify') return -Errno.ENOTTY;
    const group = object.group as ModelGroup;
    if (!group.restartable) return -Errno.ENOTTY;
    if (group.queueOpen) return -Errno.EBUSY;
    const qfd = task.process.fds.allocate({ kind: 'fanotify-queue', group });
    if (qfd >= 0) group.queueOpen = true;
    return qfd;
  }

  /** close(2) of any fd (files too): may generate events but never blocks. */
  close(task: Task, fd: number): number {
    const outcome = this.run(task, { op: 'close', fd });
    if (outcome.status !== 'done') throw new FanotifyModelError('INTERNAL', 'close() blocked');
    return outcome.result;
  }

  /** Permission events read but not answered, per group fd of `task`'s process. */
  pendingPermissionFds(task: Task, fd: number): number[] {
    const object = task.process.fds.get(fd);
    if (!object || (object.kind !== 'fanotify' && object.kind !== 'fanotify-queue')) return [];
    return (object.group as ModelGroup).accessList.map((e) => e.fd);
  }

  private readerFds(task: Task, group: ModelGroup): ReaderFds {
    const table = task.process.fds;
    const pending = new Map<number, OpenFile | { pid: number }>();
    return {
      openEventFile: (path) => {
        const fd = table.reserve();
        if (fd < 0) return fd;
        const acc = group.fFlags & O.ACCMODE;
        const writable = acc !== O.RDONLY;
        const inode = path.dentry.inode;
        const fail = writable && path.mount.readOnly ? Errno.EROFS : writable && inode.executing > 0 ? Errno.ETXTBSY : 0;
        if (fail) {
          table.unreserve(fd);
          return -fail;
        }
        pending.set(fd, new OpenFile(path, group.fFlags, acc !== O.WRONLY, writable, 'none'));
        return fd;
      },
      reservePidfd: (process) => {
        const fd = table.reserve();
        if (fd >= 0) pending.set(fd, { pid: process.pid });
        return fd;
      },
      install: (fds) => {
        for (const fd of fds) {
          const object = pending.get(fd);
          if (object instanceof OpenFile) {
            if (object.writable) object.inode.writers++;
            object.path.dentry.refs++;
            table.install(fd, { kind: 'file', file: object });
          } else if (object) {
            table.install(fd, { kind: 'pidfd', pid: object.pid });
          }
        }
      },
      release: (fds) => {
        for (const fd of fds) table.unreserve(fd);
      },
    };
  }

  // ---------------------------------------------------------------- operations

  /**
   * Runs a filesystem operation as `task`. It completes at once, or stays suspended on a
   * permission event; suspended operations finish later and are listed in {@link KernelModel.completed}.
   */
  run(task: Task, operation: Operation): OperationOutcome {
    for (const r of this.running.values()) {
      if (r.task.tid === task.tid && r.task.process === task.process) {
        throw new FanotifyModelError('PROCESS_BLOCKED', `thread ${task.tid} of '${task.process.name}' is still waiting in '${r.name}'`);
      }
    }
    if (!task.process.alive) throw new FanotifyModelError('BAD_ARGUMENT', `process '${task.process.name}' has exited`);
    const id = this.nextOperationId++;
    const op: RunningOperation = { id, task, name: operation.op, gen: this.operationGenerator(task, operation), wait: null };
    const result = this.step(op);
    this.resumeAnswered();
    if (result === undefined) {
      this.running.set(id, op);
      return { status: 'blocked', id };
    }
    return { status: 'done', id, result };
  }

  /** Operations currently suspended. */
  blocked(): { readonly id: number; readonly task: Task; readonly name: string }[] {
    return [...this.running.values()].map(({ id, task, name }) => ({ id, task, name }));
  }

  /** Runs a generator that cannot block (no permission event can come out of it). */
  private drive<T>(gen: Blocking<T>): T {
    const next = gen.next();
    if (!next.done) throw new FanotifyModelError('INTERNAL', 'a non-blocking hook waited for a permission event');
    return next.value;
  }

  private step(op: RunningOperation): number | undefined {
    for (;;) {
      const next = op.gen.next();
      if (next.done) return next.value;
      op.wait = next.value;
      if (next.value.event.state !== 'answered') return undefined;
    }
  }

  /** Resumes suspended operations whose permission events were answered, in answer order. */
  private resumeAnswered(): void {
    while (this.answered.length > 0) {
      const event = this.answered.shift()!;
      for (const op of this.running.values()) {
        if (op.wait?.event !== event) continue;
        const result = this.step(op);
        if (result !== undefined) {
          this.running.delete(op.id);
          this.completed.push({ id: op.id, task: op.task, name: op.name, result });
        }
        break;
      }
    }
  }

  private operationGenerator(task: Task, o: Operation): Blocking<number> {
    const h = this.host;
    switch (o.op) {
      case 'open':
        return ops.openOp(h, task, { path: o.path, flags: o.flags ?? O.RDONLY, ...(o.handle ? { handle: o.handle } : {}) });
      case 'close':
        return h.closeFd(task, o.fd);
      case 'read':
        return ops.readOp(h, task, o.fd, o.count, o.offset);
      case 'write':
        return ops.writeOp(h, task, o.fd, o.count, o.offset);
      case 'mmap':
        return 'path' in o ? ops.mmapPathOp(h, task, o.path, o.offset, o.length) : ops.mmapOp(h, task, o.fd, o.offset, o.length);
      case 'truncate':
        return ops.truncateOp(h, task, o.path, o.length);
      case 'ftruncate':
        return ops.ftruncateOp(h, task, o.fd, o.length);
      case 'mkdir':
        return ops.createOp(h, task, o.path, 'dir', o.handle);
      case 'mknod':
        return ops.createOp(h, task, o.path, o.kind ?? 'file', o.handle);
      case 'symlink':
        return ops.createOp(h, task, o.path, 'symlink', o.handle, o.target);
      case 'link':
        return ops.linkOp(h, task, o.target, o.path);
      case 'unlink':
        return ops.unlinkOp(h, task, o.path);
      case 'rmdir':
        return ops.rmdirOp(h, task, o.path);
      case 'rename':
        return ops.renameOp(h, task, o.from, o.to, o.flags ?? 0);
      case 'chmod':
        return attr.chmodOp(h, task, o.path, o.mode);
      case 'chown':
        return attr.chownOp(h, task, o.path, o.uid ?? -1, o.gid ?? -1, !o.nofollow);
      case 'utimes':
        return attr.utimesOp(h, task, o.path, o.atime ?? true, o.mtime ?? true);
      case 'setxattr':
        return attr.setxattrOp(h, task, o.path, o.name, o.size ?? 4, o.flags);
      case 'removexattr':
        return attr.removexattrOp(h, task, o.path, o.name);
      case 'chattr':
        return this.chattr(task, o.path);
      case 'tmpfile':
        return this.tmpfileLinkClose(task, o);
      case 'readdir':
        return ops.readdirOp(h, task, o.path);
      case 'exec':
        return ops.execOp(h, task, o.path, o.runs ?? false);
      case 'fs_error': {
        const sb = this.filesystems.get(o.fs);
        if (!sb) throw new FanotifyModelError('NO_SUCH_OBJECT', `no filesystem '${o.fs}'`);
        const inode = o.path === undefined ? null : this.lookup(o.path, { ns: task.process.ns.name }).dentry.inode;
        return ops.fsErrorOp(task, inode, sb, o.errno);
      }
      case 'mount': {
        if (o.fs !== undefined) {
          const sb = this.filesystems.get(o.fs);
          if (!sb) throw new FanotifyModelError('NO_SUCH_OBJECT', `no filesystem '${o.fs}'`);
          return ops.mountOp(h, task, { sb }, o.target, o.readOnly ?? false, o.mountId);
        }
        if (o.bind === undefined) throw new FanotifyModelError('BAD_ARGUMENT', 'mount needs fs or bind');
        return ops.mountOp(h, task, { bind: o.bind }, o.target, o.readOnly ?? false, o.mountId);
      }
      case 'umount':
        return ops.umountOp(h, task, o.target);
      case 'move_mount':
        return ops.moveMountOp(h, task, o.from, o.to);
      case 'touch':
        return this.openWriteClose(task, o.path, O.WRONLY | O.CREAT, 0, o.handle);
      case 'write_file':
        return this.openWriteClose(task, o.path, O.WRONLY | O.CREAT | O.TRUNC, o.count, o.handle);
      case 'exit':
        return this.exitProcess(task);
      default: {
        const never: never = o;
        throw new FanotifyModelError('BAD_ARGUMENT', `unknown operation ${JSON.stringify(never)}`);
      }
    }
  }

  /** `touch` and Node's `writeFileSync`: open, write unless empty, close. */
  private *openWriteClose(task: Task, path: string, flags: number, count: number, handle: FileHandleValue | undefined): Blocking<number> {
    const fd = yield* ops.openOp(this.host, task, { path, flags, ...(handle ? { handle } : {}) });
    if (fd < 0) return fd;
    const written = count > 0 ? yield* ops.writeOp(this.host, task, fd, count) : 0;
    yield* this.host.closeFd(task, fd);
    return written < 0 ? written : 0;
  }

  /** chattr(1): open O_RDONLY, FS_IOC_SETFLAGS, close; the ioctl's result. */
  private *chattr(task: Task, path: string): Blocking<number> {
    const fd = yield* ops.openOp(this.host, task, { path, flags: O.RDONLY });
    if (fd < 0) return fd;
    const file = this.host.fileOf(task, fd) as OpenFile;
    const ret = yield* attr.fileattrSet(task, this.release, file.path);
    yield* this.host.closeFd(task, fd);
    return ret;
  }

  /** open(O_TMPFILE), write, linkat(/proc/self/fd/N, AT_SYMLINK_FOLLOW), close: linkat's result (or open's error). */
  private *tmpfileLinkClose(task: Task, o: Extract<Operation, { op: 'tmpfile' }>): Blocking<number> {
    const flags = O.TMPFILE | O.DIRECTORY | O.RDWR | (o.excl ? O.EXCL : 0);
    const fd = yield* ops.openOp(this.host, task, { path: o.path, flags, ...(o.handle ? { handle: o.handle } : {}) });
    if (fd < 0) return fd;
    const written = o.count ? yield* ops.writeOp(this.host, task, fd, o.count) : 0;
    const file = this.host.fileOf(task, fd) as OpenFile;
    const linked = written >= 0 && o.link !== undefined ? yield* ops.linkPath(this.host, task, file.path, o.link) : 0;
    yield* this.host.closeFd(task, fd);
    return written < 0 ? written : linked;
  }

  private *exitProcess(task: Task): Blocking<number> {
    for (const fd of task.process.fds.openFds()) {
      const object = task.process.fds.get(fd);
      if (object && object.kind !== 'external') yield* this.host.closeFd(task, fd);
    }
    task.process.alive = false;
    return 0;
  }

  private *closeFdGen(task: Task, fd: number): Blocking<number> {
    const object = task.process.fds.remove(fd);
    if (!object) return -Errno.EBADF;
    switch (object.kind) {
      case 'file':
        return yield* ops.releaseFile(this.host, task, object.file as OpenFile);
      case 'fanotify':
        this.releaseGroup(object.group as ModelGroup, task);
        return 0;
      case 'fanotify-queue':
        this.releaseQueue(object.group as ModelGroup);
        return 0;
      default:
        return 0;
    }
  }

  /** `fanotify_release`: stop queueing, allow every pending permission event, drop the marks. */
  private releaseGroup(group: ModelGroup, closer: Task): void {
    group.queue.shutdown = true;
    group.closed = true;
    const answer = (e: ModelEvent): void => {
      this.answered.push(e);
    };
    while (group.accessList.length > 0) finishPermissionEvent(group.accessList.shift()!, RESP.ALLOW, answer);
    for (let e = group.queue.removeFirst(); e; e = group.queue.removeFirst()) {
      if (e.isPerm) finishPermissionEvent(e, RESP.ALLOW, answer);
      else if (e.path) group.releasePath(closer, e.path);
    }
    for (const mark of [...group.marks]) detachMark(mark);
    this.groups.delete(group);
  }

  /** Queue fd released: read-but-unanswered permission events go back to the head of the queue. */
  private releaseQueue(group: ModelGroup): void {
    while (group.accessList.length > 0) {
      const event = group.accessList.shift()!;
      if (group.queue.restart(event) !== 0) finishPermissionEvent(event, RESP.ALLOW, (e) => this.answered.push(e));
    }
    group.queueOpen = false;
  }

  private newMountUniqueId(): bigint {
    return this.nextMountId++;
  }

  private makeHost(): ops.VfsHost {
    return {
      release: this.release,
      resolve: (ns, path, options) => resolvePath(ns, path, options),
      newInode: (parent: PathRef, kind, handle) => {
        const sb = parent.dentry.inode.sb;
        return new Inode(sb, sb.allocIno(), kind, handle);
      },
      linkDentry: (parent, name, inode) => {
        const dentry = new Dentry(name, parent, inode);
        parent.inode.children.set(name, dentry);
        dentry.parentWatched = parent.inode.connector.watchesChildren() !== 0;
        return dentry;
      },
      moveDentry: (dentry, newParent, newName) => {
        dentry.parent!.inode.children.delete(dentry.name);
        dentry.parent = newParent;
        dentry.name = newName;
        newParent.inode.children.set(newName, dentry);
        dentry.parentWatched = newParent.inode.connector.watchesChildren() !== 0;
      },
      exchangeDentries: (a, b) => {
        const [pa, na, pb, nb] = [a.parent!, a.name, b.parent!, b.name];
        [a.parent, a.name, b.parent, b.name] = [pb, nb, pa, na];
        pa.inode.children.set(na, b);
        pb.inode.children.set(nb, a);
        a.parentWatched = pb.inode.connector.watchesChildren() !== 0;
        b.parentWatched = pa.inode.connector.watchesChildren() !== 0;
      },
      fileOf: (task, fd) => {
        const object = task.process.fds.get(fd);
        if (!object) return -Errno.EBADF;
        if (object.kind !== 'file') return -Errno.EINVAL;
        return object.file as OpenFile;
      },
      installFile: (task, file) => {
        const fd = task.process.fds.allocate({ kind: 'file', file });
        if (fd < 0) throw new FanotifyModelError('BAD_ARGUMENT', `process '${task.process.name}' is out of fds`);
        return fd;
      },
      isMountpoint: (dentry) => {
        for (const ns of this.namespaces.values()) for (const m of ns.mounts) if (m.mountpoint === dentry) return true;
        return false;
      },
      hasPriorityWatchers: (inode, priority) => {
        for (const g of this.groups) {
          if (g.priority < priority) continue;
          for (const mark of g.marks) if (mark.connector.sb === inode.sb) return true;
        }
        return false;
      },
      dropInodeMarks: (inode) => {
        for (const mark of [...inode.connector.marks]) detachMark(mark);
      },
      dropMountMarks: (mount) => {
        for (const mark of [...mount.connector.marks]) detachMark(mark);
      },
      newMountUniqueId: () => this.newMountUniqueId(),
      closeFd: (task, fd) => this.closeFdGen(task, fd),
    };
  }
}

/**
 * A filesystem operation (see the per-op fields). Paths are absolute in the task's mount
 * namespace; fds are the task's own.
 *
 * @public
 */
export type Operation =
  | { readonly op: 'open'; readonly path: string; readonly flags?: number; readonly handle?: FileHandleValue }
  | { readonly op: 'close'; readonly fd: number }
  | { readonly op: 'read'; readonly fd: number; readonly count: number; readonly offset?: number }
  | { readonly op: 'write'; readonly fd: number; readonly count: number; readonly offset?: number }
  | { readonly op: 'mmap'; readonly fd: number; readonly offset: number; readonly length: number }
  /** open(`path`, O_RDONLY), mmap(PROT_READ) of the range, munmap, close: the result is mmap's. */
  | { readonly op: 'mmap'; readonly path: string; readonly offset: number; readonly length: number }
  | { readonly op: 'truncate'; readonly path: string; readonly length: number }
  | { readonly op: 'ftruncate'; readonly fd: number; readonly length: number }
  | { readonly op: 'mkdir'; readonly path: string; readonly handle?: FileHandleValue }
  | { readonly op: 'mknod'; readonly path: string; readonly kind?: 'file' | 'fifo'; readonly handle?: FileHandleValue }
  | { readonly op: 'symlink'; readonly path: string; readonly target: string; readonly handle?: FileHandleValue }
  | { readonly op: 'link'; readonly path: string; readonly target: string }
  | { readonly op: 'unlink'; readonly path: string }
  | { readonly op: 'rmdir'; readonly path: string }
  | { readonly op: 'rename'; readonly from: string; readonly to: string; readonly flags?: number }
  | { readonly op: 'chmod'; readonly path: string; readonly mode?: number }
  | { readonly op: 'chown'; readonly path: string; readonly uid?: number; readonly gid?: number; readonly nofollow?: boolean }
  | { readonly op: 'utimes'; readonly path: string; readonly atime?: boolean; readonly mtime?: boolean }
  | { readonly op: 'setxattr'; readonly path: string; readonly name: string; readonly size?: number; readonly flags?: 'create' | 'replace' }
  | { readonly op: 'removexattr'; readonly path: string; readonly name: string }
  | { readonly op: 'chattr'; readonly path: string }
  | { readonly op: 'tmpfile'; readonly path: string; readonly link?: string; readonly count?: number; readonly excl?: boolean; readonly handle?: FileHandleValue }
  | { readonly op: 'readdir'; readonly path: string }
  | { readonly op: 'exec'; readonly path: string; readonly runs?: boolean }
  | { readonly op: 'fs_error'; readonly fs: string; readonly errno: number; readonly path?: string }
  | { readonly op: 'mount'; readonly target: string; readonly fs?: string; readonly bind?: string; readonly readOnly?: boolean; readonly mountId?: bigint }
  | { readonly op: 'umount'; readonly target: string }
  | { readonly op: 'move_mount'; readonly from: string; readonly to: string }
  | { readonly op: 'touch'; readonly path: string; readonly handle?: FileHandleValue }
  | { readonly op: 'write_file'; readonly path: string; readonly count: number; readonly handle?: FileHandleValue }
  | { readonly op: 'exit' };
