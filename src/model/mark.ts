/**
 * fanotify marks and the per-object connectors that hold them, with the mask helpers of
 * include/linux/fsnotify_backend.h (ignore-mask semantics, applicability to dirs and children).
 *
 * @packageDocumentation
 */
import { ALL_FSNOTIFY_EVENTS, FS, FS_EVENTS_POSS_ON_CHILD } from '../kernel/bits.js';

/** Kind of object a mark is attached to (`fsnotify_obj_type`). @internal */
export type { MarkObjectType } from '../kernel/rules/mark.js';
import type { MarkObjectType } from '../kernel/rules/mark.js';

/**
 * Iterator slots of `fsnotify()` (`fsnotify_iter_type`), in the kernel's order; the order
 * matters for the fsid lookup (`fanotify_get_fsid`) and FAN_RENAME record selection.
 *
 * @internal
 */
export const ITER = { INODE: 0, VFSMOUNT: 1, SB: 2, PARENT: 3, INODE2: 4, MNTNS: 5 } as const;

/** Minimal view of a group as the mark code needs it. @internal */
export interface MarkOwner {
  /** The group's creation-order id. */
  readonly id: number;
}

/**
 * One group's mark on one object.
 *
 * @internal
 */
export class Mark {
  /** Events and flags to report. */
  mask = 0;
  /** Events and flags to ignore (both ignore APIs store here). */
  ignoreMask = 0;
  /** FSNOTIFY_MARK_FLAG_IGNORED_SURV_MODIFY. */
  ignoredSurvModify = false;
  /** FSNOTIFY_MARK_FLAG_HAS_IGNORE_FLAGS (the mark used FAN_MARK_IGNORE). */
  hasIgnoreFlags = false;
  /** FSNOTIFY_MARK_FLAG_NO_IREF (FAN_MARK_EVICTABLE). */
  evictable = false;
  /** fsid cached at mark creation (fid groups). */
  fsid: readonly [number, number] | null = null;
  /** The cached fsid is "weak": zero (e.g. fuse), allowed for inode marks only. */
  weakFsid = false;

  constructor(
    /** The group owning the mark. */
    readonly group: MarkOwner,
    /** The marked object's mark list. */
    readonly connector: Connector,
  ) {}

  /** `fsnotify_ignored_events`: the legacy view, event bits only. */
  ignoredEvents(): number {
    return this.ignoreMask & ALL_FSNOTIFY_EVENTS;
  }

  /** `fsnotify_ignore_mask`: the ignore mask including the (possibly implied) event flags. */
  canonicalIgnoreMask(): number {
    let ignore = this.ignoreMask;
    if (this.hasIgnoreFlags) return ignore;
    // Legacy ignored mask: always ignore on dirs, on children iff the mark watches children.
    ignore |= FS.ISDIR;
    ignore &= ~FS.EVENT_ON_CHILD;
    ignore |= this.mask & FS.EVENT_ON_CHILD;
    return ignore;
  }

  /** `fsnotify_effective_ignore_mask`. */
  effectiveIgnoreMask(isDir: boolean, iterType: number): number {
    let ignore = this.ignoredEvents();
    if (!ignore) return 0;
    if (!isDir && iterType !== ITER.PARENT) return ignore;
    ignore = this.canonicalIgnoreMask();
    if (!maskApplicable(ignore, isDir, iterType)) return 0;
    return ignore & ALL_FSNOTIFY_EVENTS;
  }

  /** `fsnotify_calc_mask`: this mark's contribution to its object's interest mask. */
  calcMask(): number {
    let mask = this.mask;
    if (!this.ignoredEvents()) return mask;
    if (!this.ignoredSurvModify) mask |= FS.MODIFY;
    return mask | this.ignoreMask;
  }
}

/** `fsnotify_mask_applicable`. @internal */
export function maskApplicable(mask: number, isDir: boolean, iterType: number): boolean {
  if (isDir && !(mask & FS.ISDIR)) return false;
  if (iterType === ITER.PARENT && !(mask & FS.EVENT_ON_CHILD)) return false;
  return true;
}

/**
 * The marks of one object, and the cached interest mask (`*fsnotify_conn_mask_p`) that the
 * kernel recomputes only at mark changes (a FAN_MODIFY clearing an ignore mask does not).
 *
 * @internal
 */
export class Connector {
  /** The object's marks, in creation order. */
  readonly marks: Mark[] = [];
  /** Cached OR of `calcMask()` over the marks. */
  mask = 0;

  constructor(
    /** Kind of the marked object. */
    readonly type: MarkObjectType,
    /** Filesystem of the marked object (none for mount namespaces). */
    readonly sb: object | null = null,
  ) {}

  /** The mark of `group`, if any. */
  find(group: MarkOwner): Mark | undefined {
    return this.marks.find((m) => m.group === group);
  }

  /** `__fsnotify_recalc_mask`. Returns true when the object started watching children. */
  recalc(): boolean {
    const before = this.watchesChildren();
    let mask = 0;
    for (const mark of this.marks) mask |= mark.calcMask();
    this.mask = mask;
    return !before && this.watchesChildren() !== 0;
  }

  /** `fsnotify_inode_watches_children` on the cached mask. */
  watchesChildren(): number {
    if (!(this.mask & FS.EVENT_ON_CHILD)) return 0;
    return this.mask & FS_EVENTS_POSS_ON_CHILD;
  }
}

/** `fsnotify_parent_needed_mask`. @internal */
export function parentNeededMask(mask: number): number {
  if (!(mask & FS.EVENT_ON_CHILD)) return 0;
  return mask & FS_EVENTS_POSS_ON_CHILD;
}
