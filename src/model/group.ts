/**
 * A fanotify group (`struct fsnotify_group` + `fanotify_group_private_data`): its flags, queue,
 * pending permission events and marks.
 *
 * @packageDocumentation
 */
import { ModelEvent } from './event.js';
import { FANOTIFY_FID_BITS, FS, INIT } from '../kernel/bits.js';
import type { Mark } from './mark.js';
import type { Process, Task } from './process.js';
import type { PathRef } from './vfs.js';
import { NotificationQueue } from './queue.js';

export type { GroupPriority } from '../kernel/rules/init.js';
import type { GroupPriority } from '../kernel/rules/init.js';

let nextGroupId = 1;

/**
 * One fanotify group.
 *
 * @internal
 */
export class ModelGroup {
  /** Creation order: ties between groups of equal priority are broken by it (the kernel uses pointers). */
  readonly id = nextGroupId++;
  /** The notification queue (events not read yet). */
  readonly queue: NotificationQueue;
  /** Permission events read but not answered yet (`access_list`), in read order. */
  readonly accessList: ModelEvent[] = [];
  /** All marks of the group. */
  readonly marks = new Set<Mark>();
  /** Group fd closed: no more events, pending permission events allowed. */
  closed = false;
  /** FAN_RESTARTABLE_EVENTS: a queue fd is open. */
  queueOpen = false;
  /**
   * Drops the reference a queued event holds on its path (`path_put` when the event is
   * destroyed); the last reference of an unlinked file is when DELETE_SELF fires.
   */
  releasePath: (task: Task, path: PathRef) => void = (_task, path) => {
    path.dentry.refs--;
  };

  constructor(
    /** fanotify_init flags plus internal flags (FANOTIFY_UNPRIV). */
    readonly flags: number,
    /** event_f_flags (with O_LARGEFILE forced on 64-bit). */
    readonly fFlags: number,
    /** Delivery order: higher priorities get events first. */
    readonly priority: GroupPriority,
    /** Queue limit, after which the overflow event is queued. */
    maxEvents: number,
    /** The process whose fd table receives event fds and pidfds. */
    readonly reader: Process,
  ) {
    const overflow = new ModelEvent('overflow', FS.Q_OVERFLOW);
    this.queue = new NotificationQueue(maxEvents, overflow);
  }

  /** `FAN_GROUP_FLAG(group, flag)`. */
  has(flag: number): boolean {
    return (this.flags & flag) !== 0;
  }

  /** The fid-reporting bits (`FANOTIFY_FID_BITS`). */
  get fidMode(): number {
    return this.flags & FANOTIFY_FID_BITS;
  }

  /** FAN_RESTARTABLE_EVENTS (experimental). */
  get restartable(): boolean {
    return this.has(INIT.RESTARTABLE_EVENTS);
  }
}
