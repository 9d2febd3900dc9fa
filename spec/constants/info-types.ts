/** Values of `fanotify_event_info_header.info_type`. */
import { constantGroup } from '../../src/schema/constants.js';

/** Info record types, with the release that introduced each. @public */
export const infoTypes = constantGroup('info-types', 'Values of fanotify_event_info_header.info_type.', {
  FAN_EVENT_INFO_TYPE_FID: { value: 1, since: '5.1', doc: 'File handle of the object.' },
  FAN_EVENT_INFO_TYPE_DFID_NAME: { value: 2, since: '5.9', doc: 'File handle of a directory and an entry name.' },
  FAN_EVENT_INFO_TYPE_DFID: { value: 3, since: '5.9', doc: 'File handle of a directory.' },
  FAN_EVENT_INFO_TYPE_PIDFD: { value: 4, since: '5.15', doc: 'pidfd of the process that caused the event.' },
  FAN_EVENT_INFO_TYPE_ERROR: { value: 5, since: '5.16', doc: 'Error number and count of a FAN_FS_ERROR event.' },
  FAN_EVENT_INFO_TYPE_RANGE: { value: 6, since: '6.14', doc: 'File range of a FAN_PRE_ACCESS event.' },
  FAN_EVENT_INFO_TYPE_MNT: { value: 7, since: '6.15', doc: 'Unique mount id of a mount event.' },
  FAN_EVENT_INFO_TYPE_OLD_DFID_NAME: { value: 10, since: '5.17', doc: 'Old directory and name of a FAN_RENAME event.' },
  FAN_EVENT_INFO_TYPE_NEW_DFID_NAME: { value: 12, since: '5.17', doc: 'New directory and name of a FAN_RENAME event.' },
});
