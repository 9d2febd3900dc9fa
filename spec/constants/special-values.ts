/** Special field values and format constants of the uapi header. */
import { constantGroup } from '../../src/schema/constants.js';

/** Special values of fd/pidfd fields and format constants. @public */
export const specialValues = constantGroup('special-values', 'Special fd/pidfd values and wire-format constants.', {
  FANOTIFY_METADATA_VERSION: { value: 3, since: '2.6.37', doc: 'The only metadata.vers value current kernels write.' },
  FAN_EVENT_METADATA_LEN: { value: 24, since: '2.6.37', doc: 'sizeof(struct fanotify_event_metadata): metadata.metadata_len.' },
  FAN_NOFD: { value: -1, since: '2.6.37', doc: 'metadata.fd when the event carries no fd (fid groups, overflow).' },
  FAN_NOPIDFD: { value: -1, since: '5.15', doc: 'pidfd when the process no longer exists.' },
  FAN_EPIDFD: { value: -2, since: '5.15', doc: 'pidfd when creating the pidfd failed.' },
});
