/**
 * Inode eviction as `echo 3 > /proc/sys/vm/drop_caches` performs it after a `sync`: the page
 * cache is dropped (an inode with cached pages is not shrinkable, so `2` alone keeps files with
 * data — the model has no page cache and stands for `3`), unused dentries are pruned (`prune_dcache_sb`, children before the parents they pin) and inodes left
 * without references are evicted (`prune_icache_sb` → `evict` → `fsnotify_inode_delete`), which
 * destroys their marks without an event. Only FAN_MARK_EVICTABLE marks allow this: any other
 * inode mark holds an inode reference (FSNOTIFY_MARK_FLAG_NO_IREF is what evictable sets).
 *
 * @packageDocumentation
 */
import { detachMark } from './mark-syscall.js';
import type { Dentry, Inode, MountNamespace, SuperBlock } from './vfs.js';

/**
 * Filesystems whose dentries are the only copy of the tree, pinned for their whole life
 * (shmem_mknod's "Extra count - pin the dentry in core", mm/shmem.c; ramfs likewise): their inodes
 * are never evicted while linked.
 */
const DENTRIES_PINNED = new Set(['tmpfs', 'ramfs', 'rootfs', 'devtmpfs']);

/** Dentries a mount holds: every mount's root and the mountpoint it covers. */
function mountDentries(namespaces: Iterable<MountNamespace>): Set<Dentry> {
  const held = new Set<Dentry>();
  for (const ns of namespaces) {
    for (const m of ns.mounts) {
      held.add(m.root);
      if (m.mountpoint) held.add(m.mountpoint);
    }
  }
  return held;
}

/**
 * Walks a dentry tree, children first: collects inodes reached by an unused dentry into
 * `unused` and those reached by a busy one into `busy`; returns whether `d` itself is busy (a
 * busy child pins its parent through `d_parent`).
 */
function walk(d: Dentry, held: ReadonlySet<Dentry>, unused: Set<Inode>, busy: Set<Inode>): boolean {
  let inUse = d.pinned || held.has(d) || d.parent === null;
  for (const child of d.inode.children.values()) if (walk(child, held, unused, busy)) inUse = true;
  (inUse ? busy : unused).add(d.inode);
  return inUse;
}

/**
 * Evicts every inode of `filesystems` that nothing uses (open files, queued path events, mounts,
 * busy descendants, other links) and that no mark pins, destroying its evictable marks.
 *
 * @internal
 */
export function dropCaches(filesystems: Iterable<SuperBlock>, namespaces: Iterable<MountNamespace>): void {
  const held = mountDentries(namespaces);
  for (const sb of filesystems) {
    if (DENTRIES_PINNED.has(sb.type)) continue;
    const unused = new Set<Inode>();
    const busy = new Set<Inode>();
    walk(sb.root, held, unused, busy);
    for (const inode of unused) {
      const marks = inode.connector.marks;
      if (busy.has(inode) || marks.length === 0 || !marks.every((m) => m.evictable)) continue;
      for (const mark of [...marks]) detachMark(mark);
    }
  }
}
