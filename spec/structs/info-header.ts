/** `struct fanotify_event_info_header`: the 4-byte head of every info record. */
import { u16, u8 } from '../../src/schema/scalar.js';
import { struct } from '../../src/schema/struct.js';

/** `struct fanotify_event_info_header` (4 bytes). @public */
export const fanotify_event_info_header = struct(
  'fanotify_event_info_header',
  {
    info_type: u8({ doc: 'FAN_EVENT_INFO_TYPE_*.' }),
    pad: u8({ default: 0, doc: 'Written as 0 by the kernel.' }),
    len: u16({ doc: 'Length of the whole record including this header and its padding.' }),
  },
  { doc: 'Head of every info record that follows the event metadata.' },
);
