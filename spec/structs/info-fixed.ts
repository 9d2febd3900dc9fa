/** The fixed-size info records: pidfd, error, range and mnt. */
import { s32, u32, u64 } from '../../src/schema/scalar.js';
import { struct } from '../../src/schema/struct.js';
import { fanotify_event_info_header } from './info-header.js';

/** `struct fanotify_event_info_pidfd` (8 bytes). @public */
export const fanotify_event_info_pidfd = struct(
  'fanotify_event_info_pidfd',
  { ...fanotify_event_info_header.fields, pidfd: s32({ doc: 'pidfd now owned by the reader, FAN_NOPIDFD, FAN_EPIDFD, or -errno with FAN_REPORT_FD_ERROR.' }) },
  { doc: 'PIDFD record of FAN_REPORT_PIDFD groups.' },
);

/** `struct fanotify_event_info_error` (12 bytes). @public */
export const fanotify_event_info_error = struct(
  'fanotify_event_info_error',
  {
    ...fanotify_event_info_header.fields,
    error: s32({ doc: 'Positive errno of the first error (e.g. 117 EUCLEAN, 108 ESHUTDOWN).' }),
    error_count: u32({ doc: 'Number of errors merged into this event.' }),
  },
  { doc: 'ERROR record of FAN_FS_ERROR events.' },
);

/** `struct fanotify_event_info_range` (24 bytes). @public */
export const fanotify_event_info_range = struct(
  'fanotify_event_info_range',
  {
    ...fanotify_event_info_header.fields,
    // The struct's own `pad` member, renamed because the flattened header already has `pad`.
    range_pad: u32({ default: 0, doc: 'The struct member `pad` (written as 0).' }),
    offset: u64({ doc: 'Start of the accessed range in bytes.' }),
    count: u64({ doc: 'Length of the accessed range in bytes.' }),
  },
  { doc: 'RANGE record of FAN_PRE_ACCESS events.' },
);

/** `struct fanotify_event_info_mnt` (16 bytes on LP64: 4 bytes of implicit padding before mnt_id). @public */
export const fanotify_event_info_mnt = struct(
  'fanotify_event_info_mnt',
  { ...fanotify_event_info_header.fields, mnt_id: u64({ doc: 'Unique mount id, as statx(STATX_MNT_ID_UNIQUE).' }) },
  { doc: 'MNT record of FAN_REPORT_MNT groups.' },
);
