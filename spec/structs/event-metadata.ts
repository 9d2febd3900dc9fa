/** `struct fanotify_event_metadata`: the fixed 24-byte head of every event. */
import { s32, u16, u32, u64, u8 } from '../../src/schema/scalar.js';
import { struct } from '../../src/schema/struct.js';

/** `struct fanotify_event_metadata` (24 bytes, alignment 8). @public */
export const fanotify_event_metadata = struct(
  'fanotify_event_metadata',
  {
    event_len: u32({ doc: 'Length of the whole event including its info records; the offset of the next event.' }),
    vers: u8({ default: 3, doc: 'FANOTIFY_METADATA_VERSION (3).' }),
    reserved: u8({ default: 0, doc: 'Written as 0 by the kernel.' }),
    metadata_len: u16({ default: 24, doc: 'FAN_EVENT_METADATA_LEN (24): where the info records start.' }),
    mask: u64({ format: 'hex', doc: 'Event bits (__aligned_u64).' }),
    fd: s32({ doc: 'Open fd of the object, FAN_NOFD, or -errno with FAN_REPORT_FD_ERROR.' }),
    pid: s32({ doc: 'Thread-group id (or thread id with FAN_REPORT_TID) of the process that caused the event; 0 when hidden.' }),
  },
  { doc: 'Head of every event in the byte stream read from a fanotify fd.' },
);
