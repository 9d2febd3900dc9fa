/**
 * The consumer floor, a diagnostic rather than a decoder: the bench's consumer (every field fed
 * to the checksum) over a loop that reads each field at its offset and checks nothing — no
 * bounds, no vers, no padding, no NUL beyond finding the name's end. No decoder that feeds the
 * same checksum can be faster than this by more than noise, so on a shape where the floor
 * itself is under a target ratio, that target cannot be met by any decoder (issue 10's
 * per-shape cursor target on the small-record shapes). It trusts its input: run it only on the
 * bench's well-formed streams.
 */
import type { Checksum } from './checksum.js';

const LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function fidFields(dv: DataView, u8: Uint8Array, r: number, named: boolean, ck: Checksum): void {
  const handleBytes = dv.getUint32(r + 12, LE);
  const h = r + 20;
  ck.n((dv.getInt32(r + 4, LE) + dv.getInt32(r + 8, LE) + handleBytes + dv.getInt32(r + 16, LE)) | 0);
  ck.span(u8, h, handleBytes);
  if (!named) return;
  const c = h + handleBytes;
  let z = c;
  while (u8[z] !== 0) z++;
  ck.span(u8, c, z - c);
}

function recordFields(dv: DataView, u8: Uint8Array, type: number, r: number, len: number, ck: Checksum): void {
  switch (type) {
    case 1:
    case 3:
      return fidFields(dv, u8, r, false, ck);
    case 2:
    case 10:
    case 12:
      return fidFields(dv, u8, r, true, ck);
    case 4:
      return ck.n(dv.getInt32(r + 4, LE));
    case 5:
      ck.n(dv.getInt32(r + 4, LE));
      return ck.n(dv.getUint32(r + 8, LE));
    case 6:
      ck.n(dv.getUint32(r + 4, LE));
      ck.u64Words(dv.getUint32(r + 8, LE), dv.getUint32(r + 12, LE));
      return ck.u64Words(dv.getUint32(r + 16, LE), dv.getUint32(r + 20, LE));
    case 7:
      return ck.u64Words(dv.getUint32(r + 8, LE), dv.getUint32(r + 12, LE));
    default:
      return ck.span(u8, r + 4, len - 4);
  }
}

/** Feeds every field of a well-formed stream to `ck`, checking nothing. */
export function decodeFloor(u8: Uint8Array, ck: Checksum): void {
  const dv = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  const end = u8.length;
  for (let pos = 0; pos < end; ) {
    const eventLen = dv.getUint32(pos, LE);
    ck.event(eventLen, u8[pos + 4]!, u8[pos + 5]!, dv.getUint16(pos + 6, LE), dv.getInt32(pos + 16, LE), dv.getInt32(pos + 20, LE));
    ck.u64Words(dv.getUint32(pos + 8, LE), dv.getUint32(pos + 12, LE));
    const eventEnd = pos + eventLen;
    for (let r = pos + 24; r < eventEnd; ) {
      const len = dv.getUint16(r + 2, LE);
      const type = u8[r]!;
      ck.header(type, u8[r + 1]!, len);
      recordFields(dv, u8, type, r, len, ck);
      r += len;
    }
    pos = eventEnd;
  }
}
