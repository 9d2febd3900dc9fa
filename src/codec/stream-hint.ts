/**
 * What to tell someone whose bytes fail at the event header: random bytes, a file that is not
 * a capture of fanotify read()s, or a capture from a machine of the other byte order all fail
 * there first, and "event_len 2037539181 runs past the end" alone does not say which.
 *
 * @packageDocumentation
 */
import type { ByteOrder } from './byte-order.js';
import { FAN_EVENT_METADATA_LEN as METADATA_LEN, FANOTIFY_METADATA_VERSION as VERSION } from '../generated/constants.js';

/**
 * A hint for an event header at `offset` that failed to frame or validate (at least 8 bytes
 * must be there; `first` when it is the stream's first event), or `''` when the header looks like fanotify's and the problem is elsewhere.
 * Built only on failure, so the decoding loop pays nothing for it.
 *
 * @internal
 */
export function headerHint(dv: DataView, u8: Uint8Array, offset: number, le: boolean, first: boolean, maxEventLength = Infinity): string {
  if (u8.length - offset < 8) return '';
  const other: ByteOrder = le ? 'big' : 'little';
  const vers = u8[offset + 4];
  const lenHere = dv.getUint16(offset + 6, le);
  const lenThere = dv.getUint16(offset + 6, !le);
  const eventLenThere = dv.getUint32(offset, !le);
  if (vers === VERSION && lenHere !== METADATA_LEN && lenThere === METADATA_LEN && eventLenThere >= METADATA_LEN && eventLenThere <= maxEventLength) {
    return ` (the bytes read as ${other}-endian fanotify events: decode with byteOrder '${other}', CLI --endian ${other})`;
  }
  if (vers !== VERSION || lenHere !== METADATA_LEN) {
    const what = first ? 'the input does not start with a fanotify event header' : 'no fanotify event header here';
    return ` (${what}: vers ${vers ?? '?'} and metadata_len ${lenHere}, expected ${VERSION} and ${METADATA_LEN}; is this a capture of fanotify read()s?)`;
  }
  return '';
}
