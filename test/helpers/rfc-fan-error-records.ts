/**
 * The info records of the 2021 FAN_ERROR RFC (Collabora, linux-fsdevel; samples/fanotify/fs-monitor.c
 * of that series), declared with the schema language as a user of the package would:
 *
 * ```c
 * #define FAN_EVENT_INFO_TYPE_LOCATION 4
 * #define FAN_EVENT_INFO_TYPE_ERROR    5
 * #define FAN_EVENT_INFO_TYPE_FSDATA   6
 * struct fanotify_event_info_error    { struct fanotify_event_info_header hdr; int version; int error; long long unsigned fsid; };
 * struct fanotify_event_info_location { struct fanotify_event_info_header hdr; int line; char function[0]; };
 * struct fanotify_event_info_fsdata   { struct fanotify_event_info_header hdr; char data[0]; };
 * ```
 *
 * The RFC's records were not padded: `len` of a location record is 8 + strlen(function) + 1 and
 * of an fsdata record 4 + the blob size, hence `align: 1`.
 */
import { createCodec } from '../../src/index.js';
import {
  cstring,
  dfidNameRecord,
  dfidRecord,
  fanotify_event_info_header,
  fidRecord,
  infoRecord,
  rest,
  s32,
  struct,
  u64,
} from '../../src/entries/schema.js';

/** `struct fanotify_event_info_location` (type 4 in the RFC). */
export const locationRecord = infoRecord(
  struct('fanotify_event_info_location', { ...fanotify_event_info_header.fields, line: s32(), function: cstring() }),
  { type: 'location', infoType: 4, align: 1 },
);

/** `struct fanotify_event_info_fsdata` (type 6 in the RFC): a filesystem-specific blob. */
export const fsdataRecord = infoRecord(struct('fanotify_event_info_fsdata', { ...fanotify_event_info_header.fields, data: rest() }), {
  type: 'fsdata',
  infoType: 6,
  align: 1,
});

/** The RFC's `struct fanotify_event_info_error` (type 5): 4 bytes of implicit padding before the 8-aligned fsid. */
export const rfcErrorRecord = infoRecord(
  struct('fanotify_event_info_error_rfc', { ...fanotify_event_info_header.fields, version: s32(), error: s32(), fsid: u64() }),
  { type: 'error', infoType: 5 },
);

/** A codec as the RFC would have it: the fid family, then its own types 4, 5 and 6. */
export const rfcCodec = createCodec({ records: [fidRecord, dfidNameRecord, dfidRecord, locationRecord, rfcErrorRecord, fsdataRecord] });

/** The RFC's `FAN_ERROR` event bit (the bit mainline later gave to FAN_PRE_ACCESS). */
export const RFC_FAN_ERROR = 0x0010_0000n;
