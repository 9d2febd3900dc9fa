/** What a permission-event listener writes back: `fanotify_response` and its optional info record. */
import { u16, u32, s32, u8 } from '../../src/schema/scalar.js';
import { struct } from '../../src/schema/struct.js';

/** `struct fanotify_response` (8 bytes). @public */
export const fanotify_response = struct(
  'fanotify_response',
  {
    fd: s32({ doc: 'metadata.fd of the permission event answered (FAN_NOFD for a FAN_INFO probe).' }),
    response: u32({ format: 'hex', doc: 'FAN_ALLOW or FAN_DENY, optionally | FAN_AUDIT | FAN_INFO | errno << FAN_ERRNO_SHIFT.' }),
  },
  { doc: 'Answer to a permission event, written to the fanotify fd.' },
);

/** `struct fanotify_response_info_header` (4 bytes). @public */
export const fanotify_response_info_header = struct('fanotify_response_info_header', {
  type: u8({ doc: 'FAN_RESPONSE_INFO_*.' }),
  pad: u8({ default: 0, doc: 'Must be 0.' }),
  len: u16({ doc: 'Length of the info record including this header.' }),
});

/** `struct fanotify_response_info_audit_rule` (16 bytes). @public */
export const fanotify_response_info_audit_rule = struct(
  'fanotify_response_info_audit_rule',
  {
    ...fanotify_response_info_header.fields,
    rule_number: u32({ doc: 'Number of the rule that decided.' }),
    subj_trust: u32({ doc: 'Trust of the subject (0 no, 1 yes, 2 unknown).' }),
    obj_trust: u32({ doc: 'Trust of the object (0 no, 1 yes, 2 unknown).' }),
  },
  { doc: 'Audit-rule info record appended to a response with FAN_INFO.' },
);
