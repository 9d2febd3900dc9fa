/** Values written back in `fanotify_response` and its info records. */
import { constantGroup } from '../../src/schema/constants.js';

/** Permission-response values and response info types, with the release that introduced each. @public */
export const responseValues = constantGroup('responses', 'fanotify_response.response bits, errno encoding and response info types.', {
  FAN_ALLOW: { value: 0x01, since: '2.6.37', doc: 'Allow the access.' },
  FAN_DENY: { value: 0x02, since: '2.6.37', doc: 'Deny the access (the accessor sees EPERM unless an errno is encoded).' },
  FAN_AUDIT: { value: 0x10, since: '4.15', doc: 'Also create an audit record (needs FAN_ENABLE_AUDIT).' },
  FAN_INFO: { value: 0x20, since: '6.3', doc: 'A response info record follows the response.' },
  FAN_ERRNO_BITS: { value: 8, since: '6.14', doc: 'Width of the errno field of FAN_DENY_ERRNO.' },
  FAN_ERRNO_SHIFT: { value: 24, since: '6.14', doc: 'Position of the errno field (32 - FAN_ERRNO_BITS).' },
  FAN_ERRNO_MASK: { value: 0xff, since: '6.14', doc: 'Mask of the errno field before shifting.' },
  FAN_RESPONSE_INFO_NONE: { value: 0, since: '6.3', doc: 'Response info type: none.' },
  FAN_RESPONSE_INFO_AUDIT_RULE: { value: 1, since: '6.3', doc: 'Response info type: audit rule record.' },
});
