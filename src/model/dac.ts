/**
 * Discretionary access control as `generic_permission` (fs/namei.c) decides it for the model's
 * processes: uid 0 holds CAP_DAC_OVERRIDE (everything but executing a file without any execute
 * bit, which the exec path checks itself); any other uid gets the owner's, the group's or the
 * others' permission bits, in that order (`acl_permission_check`), and no capability.
 *
 * @packageDocumentation
 */
import type { Inode } from './vfs.js';
import type { Task } from './process.js';

/** MAY_EXEC, MAY_WRITE, MAY_READ (include/linux/fs.h), the rwx bits of a mode class. @internal */
export const MAY = { EXEC: 1, WRITE: 2, READ: 4 } as const;

/** `generic_permission(inode, mask)`: whether `task` may access `inode` for `mask` (MAY_* bits). @internal */
export function mayAccess(task: Task, inode: Inode, mask: number): boolean {
  const { uid, gid } = task.process;
  if (uid === 0) return true;
  const mode = inode.mode;
  const granted = inode.uid === uid ? mode >> 6 : inode.gid === gid ? mode >> 3 : mode;
  return (mask & ~granted & 7) === 0;
}
