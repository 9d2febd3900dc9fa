/** Flags of `fanotify_init(flags, event_f_flags)`'s first argument. */
import { constantGroup } from '../../src/schema/constants.js';

/** fanotify_init() flags, with the release that introduced each. @public */
export const initFlags = constantGroup('init-flags', 'Flags of fanotify_init(): notification class, queue/mark limits and report modes.', {
  FAN_CLOEXEC: { value: 0x0000_0001, since: '2.6.37', doc: 'Set close-on-exec on the group fd.' },
  FAN_NONBLOCK: { value: 0x0000_0002, since: '2.6.37', doc: 'Make the group fd non-blocking.' },
  FAN_CLASS_NOTIF: { value: 0x0000_0000, since: '2.6.37', doc: 'Notification class: events only, no permission decisions.' },
  FAN_CLASS_CONTENT: { value: 0x0000_0004, since: '2.6.37', doc: 'Content class: permission events after content is final.' },
  FAN_CLASS_PRE_CONTENT: { value: 0x0000_0008, since: '2.6.37', doc: 'Pre-content class: permission events before content is final (FAN_PRE_ACCESS since 6.14).' },
  FAN_UNLIMITED_QUEUE: { value: 0x0000_0010, since: '2.6.37', doc: 'No limit on queued events (privileged).' },
  FAN_UNLIMITED_MARKS: { value: 0x0000_0020, since: '2.6.37', doc: 'No limit on marks (privileged).' },
  FAN_ENABLE_AUDIT: { value: 0x0000_0040, since: '4.15', doc: 'Allow FAN_AUDIT in permission responses (needs CAP_AUDIT_WRITE).' },
  FAN_REPORT_PIDFD: { value: 0x0000_0080, since: '5.15', backports: ['5.10.220'], doc: 'Add a PIDFD record to every event (privileged; also 5.10.220).' },
  FAN_REPORT_TID: { value: 0x0000_0100, since: '4.20', doc: 'metadata.pid is the thread id, not the thread-group id (privileged).' },
  FAN_REPORT_FID: { value: 0x0000_0200, since: '5.1', doc: 'Report the object by file handle (FID record).' },
  FAN_REPORT_DIR_FID: { value: 0x0000_0400, since: '5.9', doc: 'Report the parent directory by file handle (DFID record).' },
  FAN_REPORT_NAME: { value: 0x0000_0800, since: '5.9', doc: 'Report the entry name with the directory (DFID_NAME record; needs DIR_FID).' },
  FAN_REPORT_TARGET_FID: { value: 0x0000_1000, since: '5.17', backports: ['5.15.154', '5.10.220'], doc: 'Report the child of dirent events by handle (needs FID and NAME; also 5.15.154, 5.10.220).' },
  FAN_REPORT_FD_ERROR: { value: 0x0000_2000, since: '6.13', backports: ['6.12.4', '6.6.66'], doc: 'Report -errno in metadata.fd/pidfd instead of failing the read (privileged; also 6.12.4, 6.6.66).' },
  FAN_REPORT_MNT: { value: 0x0000_4000, since: '6.15', doc: 'Report mount events with an MNT record (FAN_MARK_MNTNS marks).' },
  FAN_REPORT_DFID_NAME: { value: 0x0000_0c00, since: '5.9', doc: 'FAN_REPORT_DIR_FID | FAN_REPORT_NAME.', aggregate: true },
  FAN_REPORT_DFID_NAME_TARGET: { value: 0x0000_1e00, since: '5.17', doc: 'FAN_REPORT_DFID_NAME | FAN_REPORT_FID | FAN_REPORT_TARGET_FID.', aggregate: true },
  FAN_ALL_CLASS_BITS: { value: 0x0000_000c, since: '2.6.37', doc: 'Deprecated uapi aggregate of the class bits.', aggregate: true },
  FAN_ALL_INIT_FLAGS: { value: 0x0000_003f, since: '2.6.37', doc: 'Deprecated uapi aggregate (does not include newer flags).', aggregate: true },
});
