/** Flags of `fanotify_mark(fd, flags, mask, dirfd, path)`. */
import { constantGroup } from '../../src/schema/constants.js';

/** fanotify_mark() flags, with the release that introduced each. @public */
export const markFlags = constantGroup('mark-flags', 'Flags of fanotify_mark(): command, object type and modifiers.', {
  FAN_MARK_ADD: { value: 0x0000_0001, since: '2.6.37', doc: 'Add events to a mark.' },
  FAN_MARK_REMOVE: { value: 0x0000_0002, since: '2.6.37', doc: 'Remove events from a mark.' },
  FAN_MARK_DONT_FOLLOW: { value: 0x0000_0004, since: '2.6.37', doc: 'Mark a symbolic link itself, not its target.' },
  FAN_MARK_ONLYDIR: { value: 0x0000_0008, since: '2.6.37', doc: 'Fail with ENOTDIR unless the path is a directory.' },
  FAN_MARK_MOUNT: { value: 0x0000_0010, since: '2.6.37', doc: 'Mark the mount containing the path.' },
  FAN_MARK_IGNORED_MASK: { value: 0x0000_0020, since: '2.6.37', doc: 'The mask is an ignore mask (legacy form).' },
  FAN_MARK_IGNORED_SURV_MODIFY: { value: 0x0000_0040, since: '2.6.37', doc: 'The ignore mask survives modify events.' },
  FAN_MARK_FLUSH: { value: 0x0000_0080, since: '2.6.37', doc: 'Remove all marks of the given type.' },
  FAN_MARK_FILESYSTEM: { value: 0x0000_0100, since: '4.20', doc: 'Mark the filesystem containing the path.' },
  FAN_MARK_EVICTABLE: { value: 0x0000_0200, since: '5.19', backports: ['5.15.154', '5.10.220'], doc: 'The inode mark does not pin the inode in cache (also 5.15.154, 5.10.220).' },
  FAN_MARK_IGNORE: { value: 0x0000_0400, since: '6.0', backports: ['5.15.154', '5.10.220'], doc: 'The mask is an ignore mask that honours FAN_ONDIR/FAN_EVENT_ON_CHILD (also 5.15.154, 5.10.220).' },
  FAN_MARK_INODE: { value: 0x0000_0000, since: '2.6.37', doc: 'Mark the inode itself (the default object type).' },
  FAN_MARK_MNTNS: { value: 0x0000_0110, since: '6.15', doc: 'Mark a mount namespace (path is an nsfs mnt namespace file; FAN_REPORT_MNT groups).' },
  FAN_MARK_IGNORE_SURV: { value: 0x0000_0440, since: '6.0', doc: 'FAN_MARK_IGNORE | FAN_MARK_IGNORED_SURV_MODIFY.', aggregate: true },
  FAN_ALL_MARK_FLAGS: { value: 0x0000_00ff, since: '2.6.37', doc: 'Deprecated uapi aggregate (does not include newer flags).', aggregate: true },
});
