/**
 * Simulated processes and threads: who performs operations (the event `pid`) and who reads
 * (whose fd table receives event fds and pidfds).
 *
 * @packageDocumentation
 */
import { FdTable } from './fd-table.js';
import type { MountNamespace } from './vfs.js';

/**
 * A thread group. `pid` is the tgid; `tids` lists its threads (the first is the leader, whose
 * tid equals the pid).
 *
 * @public
 */
export class Process {
  /** Thread ids, the leader first. */
  readonly tids: number[];
  /** False once the process has exited (a pidfd can no longer be created: -ESRCH). */
  alive = true;
  /** Mount namespace the process resolves paths in. */
  ns: MountNamespace;
  /** Has CAP_SYS_ADMIN in the initial user namespace (false: fanotify_init creates an FANOTIFY_UNPRIV group). */
  privileged: boolean;
  /** User id (fsuid): 0 passes the permission checks (CAP_DAC_OVERRIDE), others get the mode bits. */
  uid: number;
  /** Group id (fsgid). */
  gid: number;
  /** @internal Open file descriptors. */
  readonly fds: FdTable;

  /** @internal Use {@link KernelModel.addProcess}. */
  constructor(
    /** Process name used by scenarios and messages. */
    readonly name: string,
    /** Thread-group id. */
    readonly pid: number,
    ns: MountNamespace,
    options: { readonly tids?: readonly number[]; readonly fds?: Iterable<number>; readonly fdLimit?: number; readonly privileged?: boolean; readonly uid?: number; readonly gid?: number } = {},
  ) {
    this.ns = ns;
    this.tids = [pid, ...(options.tids ?? []).filter((t) => t !== pid)];
    this.fds = new FdTable(options.fds ?? [0, 1, 2], options.fdLimit ?? 1024);
    this.privileged = options.privileged ?? true;
    this.uid = options.uid ?? 0;
    this.gid = options.gid ?? 0;
  }
}

/** One thread of a process: the identity an operation runs as. @public */
export interface Task {
  /** The thread's process. */
  readonly process: Process;
  /** Thread id, one of `process.tids`. */
  readonly tid: number;
}
