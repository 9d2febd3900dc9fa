/**
 * The info record types Linux emits (through 6.18), each bound to its `info_type`.
 * Record order on the wire is the kernel's business; decoders dispatch on `info_type`.
 */
import { rest } from '../src/schema/fields.js';
import { infoRecord } from '../src/schema/record.js';
import { struct } from '../src/schema/struct.js';
import { infoTypes } from './constants/info-types.js';
import { fanotify_event_info_error, fanotify_event_info_mnt, fanotify_event_info_pidfd, fanotify_event_info_range } from './structs/info-fixed.js';
import { fidNameRecordStruct, fidRecordStruct } from './structs/info-fid.js';
import { fanotify_event_info_header } from './structs/info-header.js';

const t = infoTypes.entries;

/** FAN_EVENT_INFO_TYPE_FID: the object's file handle. @public */
export const fidRecord = infoRecord(fidRecordStruct, { type: 'fid', infoType: t.FAN_EVENT_INFO_TYPE_FID.value, since: t.FAN_EVENT_INFO_TYPE_FID.since, doc: t.FAN_EVENT_INFO_TYPE_FID.doc });
/** FAN_EVENT_INFO_TYPE_DFID_NAME: a directory's handle and an entry name. @public */
export const dfidNameRecord = infoRecord(fidNameRecordStruct, { type: 'dfid_name', infoType: t.FAN_EVENT_INFO_TYPE_DFID_NAME.value, since: t.FAN_EVENT_INFO_TYPE_DFID_NAME.since, doc: t.FAN_EVENT_INFO_TYPE_DFID_NAME.doc });
/** FAN_EVENT_INFO_TYPE_DFID: a directory's handle. @public */
export const dfidRecord = infoRecord(fidRecordStruct, { type: 'dfid', infoType: t.FAN_EVENT_INFO_TYPE_DFID.value, since: t.FAN_EVENT_INFO_TYPE_DFID.since, doc: t.FAN_EVENT_INFO_TYPE_DFID.doc });
/** FAN_EVENT_INFO_TYPE_PIDFD: a pidfd of the process behind the event. @public */
export const pidfdRecord = infoRecord(fanotify_event_info_pidfd, { type: 'pidfd', infoType: t.FAN_EVENT_INFO_TYPE_PIDFD.value, since: t.FAN_EVENT_INFO_TYPE_PIDFD.since, doc: t.FAN_EVENT_INFO_TYPE_PIDFD.doc });
/** FAN_EVENT_INFO_TYPE_ERROR: errno and count of a FAN_FS_ERROR event. @public */
export const errorRecord = infoRecord(fanotify_event_info_error, { type: 'error', infoType: t.FAN_EVENT_INFO_TYPE_ERROR.value, since: t.FAN_EVENT_INFO_TYPE_ERROR.since, doc: t.FAN_EVENT_INFO_TYPE_ERROR.doc });
/** FAN_EVENT_INFO_TYPE_RANGE: the range of a FAN_PRE_ACCESS event. @public */
export const rangeRecord = infoRecord(fanotify_event_info_range, { type: 'range', infoType: t.FAN_EVENT_INFO_TYPE_RANGE.value, since: t.FAN_EVENT_INFO_TYPE_RANGE.since, doc: t.FAN_EVENT_INFO_TYPE_RANGE.doc });
/** FAN_EVENT_INFO_TYPE_MNT: the mount of a mount event. @public */
export const mntRecord = infoRecord(fanotify_event_info_mnt, { type: 'mnt', infoType: t.FAN_EVENT_INFO_TYPE_MNT.value, since: t.FAN_EVENT_INFO_TYPE_MNT.since, doc: t.FAN_EVENT_INFO_TYPE_MNT.doc });
/** FAN_EVENT_INFO_TYPE_OLD_DFID_NAME: the old side of a FAN_RENAME. @public */
export const oldDfidNameRecord = infoRecord(fidNameRecordStruct, { type: 'old_dfid_name', infoType: t.FAN_EVENT_INFO_TYPE_OLD_DFID_NAME.value, since: t.FAN_EVENT_INFO_TYPE_OLD_DFID_NAME.since, doc: t.FAN_EVENT_INFO_TYPE_OLD_DFID_NAME.doc });
/** FAN_EVENT_INFO_TYPE_NEW_DFID_NAME: the new side of a FAN_RENAME. @public */
export const newDfidNameRecord = infoRecord(fidNameRecordStruct, { type: 'new_dfid_name', infoType: t.FAN_EVENT_INFO_TYPE_NEW_DFID_NAME.value, since: t.FAN_EVENT_INFO_TYPE_NEW_DFID_NAME.since, doc: t.FAN_EVENT_INFO_TYPE_NEW_DFID_NAME.doc });

/** Every record type Linux emits, in info_type order. @public */
export const kernelRecords = [fidRecord, dfidNameRecord, dfidRecord, pidfdRecord, errorRecord, rangeRecord, mntRecord, oldDfidNameRecord, newDfidNameRecord] as const;

/** The union of the kernel's record schemas. @public */
export type KernelRecordSchema = (typeof kernelRecords)[number];

/**
 * Layout of a record whose `info_type` the codec does not know: the header and every remaining
 * byte, kept verbatim so it re-encodes exactly.
 *
 * @public
 */
export const unknownRecordStruct = struct(
  'fanotify_event_info_unknown',
  { ...fanotify_event_info_header.fields, data: rest({ doc: 'Bytes after the header, verbatim.' }) },
  { doc: 'An info record of a type this codec does not know (from a newer kernel).' },
);
