/**
 * A group's notification queue: insertion with overflow (fs/notify/notification.c) and merging
 * into still-queued events (`fanotify_merge`, fanotify.c).
 *
 * @packageDocumentation
 */
import type { ModelEvent } from './event.js';
import { FANOTIFY_HTABLE_MASK, FANOTIFY_MAX_MERGE_EVENTS, FS } from '../kernel/bits.js';

/** Result of {@link NotificationQueue.insert}: 0 queued, 1 merged, 2 dropped (overflow or shutdown). @internal */
export type InsertResult = 0 | 1 | 2;

/**
 * FIFO of events with the merge hash table.
 *
 * @internal
 */
export class NotificationQueue {
  private items: ModelEvent[] = [];
  private head = 0;
  /** Merge buckets, newest event first (`hlist_add_head`). */
  private readonly buckets = new Map<number, ModelEvent[]>();
  /** Set by fanotify_release: nothing is queued any more. */
  shutdown = false;

  constructor(
    /** `group->max_events`: the sysctl at init time, or 2^32-1 with FAN_UNLIMITED_QUEUE. */
    readonly maxEvents: number,
    /** The group's single overflow event. */
    readonly overflow: ModelEvent,
  ) {}

  /** `q_len`: queued events, the overflow event included. */
  get length(): number {
    return this.items.length - this.head;
  }

  /** The queued events, oldest first. */
  list(): readonly ModelEvent[] {
    return this.items.slice(this.head);
  }

  /** True while the overflow event is queued (`!list_empty(&overflow_event->list)`). */
  overflowQueued = false;

  /**
   * `fsnotify_insert_event` with `fanotify_merge`: the overflow check comes before merging, the
   * overflow event is queued at most once and counts in the queue length.
   */
  insert(event: ModelEvent): InsertResult {
    if (this.shutdown) return 2;
    if (event === this.overflow || this.length >= this.maxEvents) {
      if (!this.overflowQueued) this.append(this.overflow);
      return 2;
    }
    if (this.length > 0 && this.merge(event)) return 1;
    this.append(event);
    if (event.isHashed) this.bucketOf(event).unshift(event);
    return 0;
  }

  /** `fsnotify_restart_event`: back to the head, no merge, no overflow check (restartable groups). */
  restart(event: ModelEvent): InsertResult {
    if (this.shutdown) return 2;
    if (this.head > 0) this.items[--this.head] = event;
    else this.items.unshift(event);
    return 0;
  }

  /** The first queued event. */
  peek(): ModelEvent | undefined {
    return this.items[this.head];
  }

  /** Dequeues the first event and removes it from the merge hash. */
  removeFirst(): ModelEvent | undefined {
    const event = this.items[this.head];
    if (!event) return undefined;
    this.head++;
    if (event === this.overflow) this.overflowQueued = false;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    this.unhash(event);
    return event;
  }

  /** Removes a queued event wherever it is (a canceled permission event). */
  remove(event: ModelEvent): void {
    const at = this.items.indexOf(event, this.head);
    if (at >= 0) this.items.splice(at, 1);
    if (event === this.overflow) this.overflowQueued = false;
    this.unhash(event);
  }

  private append(event: ModelEvent): void {
    this.items.push(event);
    if (event === this.overflow) this.overflowQueued = true;
  }

  private bucketOf(event: ModelEvent): ModelEvent[] {
    const key = event.hash & FANOTIFY_HTABLE_MASK;
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = []));
    return bucket;
  }

  private unhash(event: ModelEvent): void {
    if (!event.isHashed) return;
    const bucket = this.bucketOf(event);
    const at = bucket.indexOf(event);
    if (at >= 0) bucket.splice(at, 1);
  }

  /** `fanotify_merge`: newest first within the bucket, at most 128 candidates. */
  private merge(event: ModelEvent): boolean {
    if (event.isPerm) return false;
    const bucket = this.bucketOf(event);
    const limit = Math.min(bucket.length, FANOTIFY_MAX_MERGE_EVENTS);
    for (let i = 0; i < limit; i++) {
      const old = bucket[i]!;
      if (!shouldMerge(old, event)) continue;
      old.mask |= event.mask;
      if (old.mask & FS.ERROR) old.errorCount++;
      return true;
    }
    return false;
  }
}

/** `fanotify_should_merge`. */
function shouldMerge(old: ModelEvent, event: ModelEvent): boolean {
  if (old.hash !== event.hash || old.type !== event.type || old.pid !== event.pid) return false;
  // Dirent events on subdirs must stay apart from those on non-dirs (mkdir+unlink vs rmdir+create).
  if ((old.mask & FS.ISDIR) !== (event.mask & FS.ISDIR)) return false;
  // FAN_RENAME carries its own record types.
  if ((old.mask & FS.RENAME) !== (event.mask & FS.RENAME)) return false;
  if (old.type === 'mnt') return false;
  const key = old.mergeKey();
  return key !== null && key === event.mergeKey();
}
