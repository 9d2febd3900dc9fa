/**
 * A queued fanotify event as the kernel keeps it between generation and read()
 * (`struct fanotify_event` and its subtypes), with its merge key.
 *
 * @packageDocumentation
 */
import { handleKey, type FileHandleValue } from './file-handle.js';
import { FS, FANOTIFY_PERM_EVENTS, FANOTIFY_PRE_CONTENT_EVENTS } from '../kernel/bits.js';
import type { Process, Task } from './process.js';
import type { PathRef } from './vfs.js';
import { toHex } from '../text/hex.js';

/** `enum fanotify_event_type`. @internal */
export type ModelEventType = 'fid' | 'fid_name' | 'path' | 'path_perm' | 'overflow' | 'fs_error' | 'mnt';

/** Permission event states (`FAN_EVENT_INIT`...). @internal */
export type PermState = 'init' | 'reported' | 'answered' | 'canceled';

/**
 * A queued event. Which fields are set depends on `type`, as in the kernel's event structs.
 *
 * @internal
 */
export class ModelEvent {
  /** Event bits (incl. FAN_ONDIR / FAN_EVENT_ON_CHILD), OR-ed on merge. */
  mask: number;
  /** Merge hash (model-defined; equal keys always hash equally). */
  hash = 0;
  /** `pid_vnr(event->pid)` (tgid, or tid with FAN_REPORT_TID); 0 for none. */
  pid = 0;
  /** The process behind `pid`, for pidfds. */
  process: Process | null = null;
  /** PATH / PATH_PERM: the object opened at read time. */
  path: PathRef | null = null;
  /** FID / FID_NAME / FS_ERROR: fsid of the marks. */
  fsid: readonly [number, number] = [0, 0];
  /** FID / FS_ERROR: the object's handle (null: no handle, reported with length 0). */
  objectFh: FileHandleValue | null = null;
  /** FID_NAME: the directory's handle. */
  dirFh: FileHandleValue | null = null;
  /** FID_NAME of FAN_RENAME: the second (new) directory's handle. */
  dir2Fh: FileHandleValue | null = null;
  /** FID_NAME: the child's handle (FAN_REPORT_TARGET_FID). */
  fileFh: FileHandleValue | null = null;
  /** FID_NAME: the entry name (the old name of FAN_RENAME). */
  name: Uint8Array | null = null;
  /** FID_NAME of FAN_RENAME: the new name. */
  name2: Uint8Array | null = null;
  /** FS_ERROR: the first error. */
  error = 0;
  /** FS_ERROR: how many errors were merged into the event. */
  errorCount = 0;
  /** MNT: unique mount id. */
  mntId = 0n;
  /** PRE_ACCESS: the page-aligned range, or null when no range is known. */
  range: { readonly offset: bigint; readonly count: bigint } | null = null;
  /** Permission events: where the event is in its life. */
  state: PermState = 'init';
  /** Permission events: the listener's response (FAN_ALLOW/FAN_DENY and flags). */
  response = 0;
  /** Permission events: the fd reported to the reader (-1 before the read). */
  fd = -1;
  /** Permission events: the task blocked on the answer. */
  waiter: Task | null = null;

  constructor(
    /** Which kernel event struct this models. */
    readonly type: ModelEventType,
    mask: number,
  ) {
    this.mask = mask;
  }

  /** `fanotify_is_perm_event`. */
  get isPerm(): boolean {
    return (this.mask & FANOTIFY_PERM_EVENTS) !== 0;
  }

  /** `fanotify_is_hashed_event`: everything but permission and overflow events. */
  get isHashed(): boolean {
    return !(this.isPerm || this.mask & FS.Q_OVERFLOW);
  }

  /** `fanotify_event_has_access_range`. */
  get hasRange(): boolean {
    return (this.mask & FANOTIFY_PRE_CONTENT_EVENTS) !== 0 && this.range !== null;
  }

  /** `fanotify_event_object_fh_len`. */
  objectFhLen(): number {
    if (this.type === 'fid_name') return this.fileFh?.bytes.length ?? 0;
    if (this.type === 'fid' || this.type === 'fs_error') return this.objectFh?.bytes.length ?? 0;
    return 0;
  }

  /** `fanotify_event_has_object_fh`: error events always report one, even empty. */
  hasObjectFh(): boolean {
    if (this.type === 'fs_error') return true;
    return this.objectFhLen() > 0;
  }

  /** `fanotify_event_has_dir_fh`. */
  hasDirFh(): boolean {
    return this.type === 'fid_name' && (this.dirFh?.bytes.length ?? 0) > 0;
  }

  /** `fanotify_event_has_dir2_fh`. */
  hasDir2Fh(): boolean {
    return this.type === 'fid_name' && (this.dir2Fh?.bytes.length ?? 0) > 0;
  }

  /**
   * The type-specific merge key (`fanotify_*_equal`), or null when the event never merges
   * (FID without object fh, FID_NAME without dir fh, MNT, permission, overflow).
   */
  mergeKey(): string | null {
    const fsid = `${this.fsid[0]},${this.fsid[1]}`;
    switch (this.type) {
      case 'path':
        return this.path ? `p:${this.path.mount.id}:${this.path.dentry.id}` : null;
      case 'fid':
        return this.objectFhLen() ? `f:${fsid}:${handleKey(this.objectFh)}` : null;
      case 'fid_name':
        if (!this.hasDirFh()) return null;
        return `n:${fsid}:${handleKey(this.dirFh)}:${handleKey(this.dir2Fh)}:${handleKey(this.fileFh)}:${hexOf(this.name)}:${hexOf(this.name2)}`;
      case 'fs_error':
        return `e:${fsid}`;
      default:
        return null;
    }
  }
}

function hexOf(bytes: Uint8Array | null): string {
  return bytes ? toHex(bytes) : '-';
}

/** 32-bit FNV-1a of a string, used as the model's merge hash. @internal */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Sets the merge hash the way `fanotify_alloc_event` composes it: the type-specific key, then
 * pid and FAN_ONDIR mixed in. The kernel hashes pointers, so real buckets are unknowable; the
 * model keeps the one observable property, that equal keys land in the same bucket.
 *
 * @internal
 */
export function computeHash(event: ModelEvent): void {
  const key = event.type === 'fs_error' ? `e:${event.fsid[0]},${event.fsid[1]}` : (event.mergeKey() ?? `u:${event.type}`);
  event.hash = fnv1a(`${key}|${event.pid}|${event.mask & FS.ISDIR ? 1 : 0}`) & 0x1fffffff;
}
