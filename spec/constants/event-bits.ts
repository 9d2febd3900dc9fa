/**
 * Event bits of `fanotify_mark()`'s mask and `fanotify_event_metadata.mask` (uapi
 * `include/uapi/linux/fanotify.h`). Values are `bigint`: the mask is a 64-bit field.
 */
import { constantGroup } from '../../src/schema/constants.js';

/** Event bits, with the release that introduced each. @public */
export const eventBits = constantGroup('event-bits', 'Bits of the 64-bit event mask (fanotify_mark mask, metadata.mask).', {
  FAN_ACCESS: { value: 0x0000_0001n, since: '2.6.37', doc: 'File was accessed (read).' },
  FAN_MODIFY: { value: 0x0000_0002n, since: '2.6.37', doc: 'File was modified (write).' },
  FAN_ATTRIB: { value: 0x0000_0004n, since: '5.1', doc: 'Metadata changed (fid groups only).' },
  FAN_CLOSE_WRITE: { value: 0x0000_0008n, since: '2.6.37', doc: 'A file opened for writing was closed.' },
  FAN_CLOSE_NOWRITE: { value: 0x0000_0010n, since: '2.6.37', doc: 'A file or directory not opened for writing was closed.' },
  FAN_OPEN: { value: 0x0000_0020n, since: '2.6.37', doc: 'File or directory was opened.' },
  FAN_MOVED_FROM: { value: 0x0000_0040n, since: '5.1', doc: 'An entry was moved out of a watched directory (fid groups only).' },
  FAN_MOVED_TO: { value: 0x0000_0080n, since: '5.1', doc: 'An entry was moved into a watched directory (fid groups only).' },
  FAN_CREATE: { value: 0x0000_0100n, since: '5.1', doc: 'An entry was created in a watched directory (fid groups only).' },
  FAN_DELETE: { value: 0x0000_0200n, since: '5.1', doc: 'An entry was deleted from a watched directory (fid groups only).' },
  FAN_DELETE_SELF: { value: 0x0000_0400n, since: '5.1', doc: 'A watched file or directory was deleted (fid groups only).' },
  FAN_MOVE_SELF: { value: 0x0000_0800n, since: '5.1', doc: 'A watched file or directory was moved (fid groups only).' },
  FAN_OPEN_EXEC: { value: 0x0000_1000n, since: '5.0', doc: 'File was opened for execution.' },
  FAN_Q_OVERFLOW: { value: 0x0000_4000n, since: '2.6.37', doc: 'The event queue overflowed (output only).' },
  FAN_FS_ERROR: { value: 0x0000_8000n, since: '5.16', backports: ['5.15.154', '5.10.220'], doc: 'Filesystem error (filesystem marks, fid groups; also 5.15.154, 5.10.220).' },
  FAN_OPEN_PERM: { value: 0x0001_0000n, since: '2.6.37', doc: 'Permission to open a file or directory.' },
  FAN_ACCESS_PERM: { value: 0x0002_0000n, since: '2.6.37', doc: 'Permission to read a file or directory.' },
  FAN_OPEN_EXEC_PERM: { value: 0x0004_0000n, since: '5.0', doc: 'Permission to open a file for execution.' },
  FAN_PRE_ACCESS: { value: 0x0010_0000n, since: '6.14', doc: 'Pre-content permission event before a file range is accessed (carries a RANGE record).' },
  FAN_MNT_ATTACH: { value: 0x0100_0000n, since: '6.15', doc: 'A mount was attached to a watched mount namespace (FAN_REPORT_MNT groups).' },
  FAN_MNT_DETACH: { value: 0x0200_0000n, since: '6.15', doc: 'A mount was detached from a watched mount namespace; a move reports ATTACH|DETACH.' },
  FAN_EVENT_ON_CHILD: { value: 0x0800_0000n, since: '2.6.37', doc: 'Mark flag: report events on the children of a marked directory (never in metadata.mask).' },
  FAN_RENAME: { value: 0x1000_0000n, since: '5.17', backports: ['5.15.154', '5.10.220'], doc: 'An entry was renamed (needs FAN_REPORT_NAME; also 5.15.154, 5.10.220).' },
  FAN_ONDIR: { value: 0x4000_0000n, since: '2.6.37', doc: 'Event concerns a directory (reported in metadata.mask only by fid groups).' },
  FAN_CLOSE: { value: 0x0000_0018n, since: '2.6.37', doc: 'FAN_CLOSE_WRITE | FAN_CLOSE_NOWRITE.', aggregate: true },
  FAN_MOVE: { value: 0x0000_00c0n, since: '5.1', doc: 'FAN_MOVED_FROM | FAN_MOVED_TO.', aggregate: true },
  FAN_ALL_EVENTS: { value: 0x0000_003bn, since: '2.6.37', doc: 'Deprecated uapi aggregate: ACCESS | MODIFY | CLOSE | OPEN.', aggregate: true },
  FAN_ALL_PERM_EVENTS: { value: 0x0003_0000n, since: '2.6.37', doc: 'Deprecated uapi aggregate: OPEN_PERM | ACCESS_PERM.', aggregate: true },
  FAN_ALL_OUTGOING_EVENTS: { value: 0x0003_403bn, since: '2.6.37', doc: 'Deprecated uapi aggregate: ALL_EVENTS | ALL_PERM_EVENTS | Q_OVERFLOW.', aggregate: true },
});
