/**
 * The JavaScript limit: a hand-written DataView loop over the fanotify stream. It is a correct
 * decoder, not a toy: it frames by event_len and len with bounds checks, checks vers and
 * metadata_len, checks handle_bytes and the name's NUL against the record, reads u64 fields
 * exactly (getBigUint64), and hands names and handles out as subarray views, as the package does.
 * It does not check the padding bytes and record alignment the package also validates.
 */
import type { Checksum } from './checksum.js';

const LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function fail(what: string, at: number): never {
  throw new RangeError(`malformed fanotify stream: ${what} at byte ${at}`);
}

export function decodeHandWritten(u8: Uint8Array, ck: Checksum): void {
  const dv = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  const end = u8.length;
  let pos = 0;
  while (pos < end) {
    if (end - pos < 24) fail('truncated metadata', pos);
    const eventLen = dv.getUint32(pos, LE);
    if (eventLen < 24 || eventLen > end - pos) fail('bad event_len', pos);
    const vers = u8[pos + 4]!;
    const metadataLen = dv.getUint16(pos + 6, LE);
    if (vers !== 3 || metadataLen !== 24) fail('bad vers/metadata_len', pos);
    ck.event(eventLen, vers, u8[pos + 5]!, metadataLen, dv.getInt32(pos + 16, LE), dv.getInt32(pos + 20, LE));
    ck.u64(dv.getBigUint64(pos + 8, LE));
    const eventEnd = pos + eventLen;
    let r = pos + 24;
    while (r < eventEnd) {
      if (eventEnd - r < 4) fail('truncated record header', r);
      const type = u8[r]!;
      const len = dv.getUint16(r + 2, LE);
      if (len < 4 || len > eventEnd - r) fail('bad record len', r);
      const recordEnd = r + len;
      ck.header(type, u8[r + 1]!, len);
      switch (type) {
        case 1: // FID
        case 3: // DFID
        case 2: // DFID_NAME
        case 10: // OLD_DFID_NAME
        case 12: {
          // NEW_DFID_NAME
          if (len < 20) fail('short fid record', r);
          const handleBytes = dv.getUint32(r + 12, LE);
          const handleStart = r + 20;
          if (handleBytes > recordEnd - handleStart) fail('handle_bytes past record', r);
          const handleEnd = handleStart + handleBytes;
          ck.fid(dv.getInt32(r + 4, LE), dv.getInt32(r + 8, LE), handleBytes, dv.getInt32(r + 16, LE), u8.subarray(handleStart, handleEnd));
          if (type === 2 || type === 10 || type === 12) {
            const nul = u8.indexOf(0, handleEnd);
            if (nul < 0 || nul >= recordEnd) fail('name without NUL', handleEnd);
            ck.bytes(u8.subarray(handleEnd, nul));
          }
          break;
        }
        case 4: // PIDFD
          if (len < 8) fail('short pidfd record', r);
          ck.n(dv.getInt32(r + 4, LE));
          break;
        case 5: // ERROR
          if (len < 12) fail('short error record', r);
          ck.n(dv.getInt32(r + 4, LE));
          ck.n(dv.getUint32(r + 8, LE));
          break;
        case 6: // RANGE
          if (len < 24) fail('short range record', r);
          ck.n(dv.getUint32(r + 4, LE));
          ck.u64(dv.getBigUint64(r + 8, LE));
          ck.u64(dv.getBigUint64(r + 16, LE));
          break;
        case 7: // MNT (4 bytes of implicit padding before mnt_id)
          if (len < 16) fail('short mnt record', r);
          ck.u64(dv.getBigUint64(r + 8, LE));
          break;
        default:
          ck.bytes(u8.subarray(r + 4, recordEnd));
      }
      r = recordEnd;
    }
    pos = eventEnd;
  }
}
