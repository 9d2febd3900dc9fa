/**
 * A process's file descriptor table: the kernel hands out the lowest free number
 * (`get_unused_fd_flags`), which is what makes event fds and pidfds predictable.
 *
 * @packageDocumentation
 */
import { Errno } from '../kernel/errno.js';

/**
 * The highest RLIMIT_NOFILE setrlimit(2) accepts: `fs.nr_open`, whose default is `NR_OPEN`
 * (1024 * 1024, include/linux/fs.h); above it setrlimit fails with EPERM.
 *
 * @internal
 */
export const NR_OPEN = 1024 * 1024;

/** Whatever an fd refers to; `external` stands for fds the simulation did not open itself. @internal */
export type FdObject =
  | { readonly kind: 'external' }
  | { readonly kind: 'file'; readonly file: unknown }
  | { readonly kind: 'fanotify'; readonly group: unknown }
  | { readonly kind: 'fanotify-queue'; readonly group: unknown }
  | { readonly kind: 'pidfd'; readonly pid: number };

/**
 * The fd table of one simulated process.
 *
 * @internal
 */
export class FdTable {
  private readonly entries = new Map<number, FdObject>();
  /** Fds reserved by an in-progress allocation but not installed yet (`put_unused_fd` frees them). */
  private readonly reserved = new Set<number>();

  /**
   * @param used - Fds already open when the simulation starts (e.g. `[0, 1, 2]`).
   * @param limit - RLIMIT_NOFILE: allocations at or above it fail with EMFILE.
   */
  constructor(
    used: Iterable<number> = [0, 1, 2],
    /** RLIMIT_NOFILE (its soft limit: `alloc_fd` refuses fds at or above it); setrlimit(2) changes it. */
    public limit = 1024,
  ) {
    for (const fd of used) this.entries.set(fd, { kind: 'external' });
  }

  /** Reserves the lowest free fd, or returns `-EMFILE`. */
  reserve(): number {
    for (let fd = 0; fd < this.limit; fd++) {
      if (!this.entries.has(fd) && !this.reserved.has(fd)) {
        this.reserved.add(fd);
        return fd;
      }
    }
    return -Errno.EMFILE;
  }

  /** Gives back a reserved fd that will not be installed. */
  unreserve(fd: number): void {
    this.reserved.delete(fd);
  }

  /** Installs `object` at a reserved fd. */
  install(fd: number, object: FdObject): void {
    this.reserved.delete(fd);
    this.entries.set(fd, object);
  }

  /** Reserves and installs in one step; returns the fd or `-EMFILE`. */
  allocate(object: FdObject): number {
    const fd = this.reserve();
    if (fd >= 0) this.install(fd, object);
    return fd;
  }

  /** The object at `fd`, if open. */
  get(fd: number): FdObject | undefined {
    return this.entries.get(fd);
  }

  /** Removes `fd`; returns what it referred to (undefined if it was not open). */
  remove(fd: number): FdObject | undefined {
    const object = this.entries.get(fd);
    this.entries.delete(fd);
    return object;
  }

  /** The open fds in ascending order. */
  openFds(): number[] {
    return [...this.entries.keys()].sort((a, b) => a - b);
  }

  /**
   * Replaces the table's contents by `used` external fds (what the reader's real table holds),
   * keeping the model's own objects at fds that remain listed.
   */
  resetTo(used: Iterable<number>): void {
    const keep = new Set(used);
    for (const fd of [...this.entries.keys()]) if (!keep.has(fd)) this.entries.delete(fd);
    for (const fd of keep) if (!this.entries.has(fd)) this.entries.set(fd, { kind: 'external' });
  }
}
