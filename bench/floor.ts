/**
 * The consumer floor, a diagnostic rather than a decoder: the bench's consumer (every field fed
 * to the checksum) over a loop that reads each field at its offset and checks nothing — no
 * bounds, no vers, no padding, no NUL beyond finding the name's end. It reads through typed
 * arrays in host byte order (an Int32Array and a Uint16Array over the batch), not DataView
 * getters: on V8 11.3 that made the same loop 1.6–1.8× faster on the small-record shapes, so a
 * DataView floor was no floor (bench/RESULTS.md, "The consumer floor"). No decoder that feeds
 * the same checksum should beat this by more than noise; a shape where floor/hand is under a
 * target ratio is one no decoder can meet. It trusts its input: run it only on the bench's
 * well-formed streams, which are in host byte order with every event and record 4-aligned.
 */
import type { Checksum } from './checksum.js';

/** The 32-bit word at byte `at` (4-aligned). */
const word = (i32: Int32Array, at: number): number => i32[at >> 2]!;

function fidFields(i32: Int32Array, u8: Uint8Array, r: number, named: boolean, ck: Checksum): void {
  const handleBytes = word(i32, r + 12) >>> 0;
  const h = r + 20;
  ck.n((word(i32, r + 4) + word(i32, r + 8) + handleBytes + word(i32, r + 16)) | 0);
  ck.span(u8, h, handleBytes);
  if (!named) return;
  const c = h + handleBytes;
  let z = c;
  while (u8[z] !== 0) z++;
  ck.span(u8, c, z - c);
}

function recordFields(i32: Int32Array, u8: Uint8Array, type: number, r: number, len: number, ck: Checksum): void {
  switch (type) {
    case 1:
    case 3:
      return fidFields(i32, u8, r, false, ck);
    case 2:
    case 10:
    case 12:
      return fidFields(i32, u8, r, true, ck);
    case 4:
      return ck.n(word(i32, r + 4));
    case 5:
      ck.n(word(i32, r + 4));
      return ck.n(word(i32, r + 8) >>> 0);
    case 6:
      ck.n(word(i32, r + 4) >>> 0);
      ck.u64Words(word(i32, r + 8) >>> 0, word(i32, r + 12) >>> 0);
      return ck.u64Words(word(i32, r + 16) >>> 0, word(i32, r + 20) >>> 0);
    case 7:
      return ck.u64Words(word(i32, r + 8) >>> 0, word(i32, r + 12) >>> 0);
    default:
      return ck.span(u8, r + 4, len - 4);
  }
}

/** Feeds every field of a well-formed, host-order, 4-aligned stream to `ck`, checking nothing. */
export function decodeFloor(u8: Uint8Array, ck: Checksum): void {
  if ((u8.byteOffset & 3) !== 0) throw new Error('bench floor: the batch must start 4-aligned');
  const i32 = new Int32Array(u8.buffer, u8.byteOffset, u8.length >> 2);
  const u16 = new Uint16Array(u8.buffer, u8.byteOffset, u8.length >> 1);
  const end = u8.length;
  for (let pos = 0; pos < end; ) {
    const eventLen = word(i32, pos) >>> 0;
    ck.event(eventLen, u8[pos + 4]!, u8[pos + 5]!, u16[(pos + 6) >> 1]!, word(i32, pos + 16), word(i32, pos + 20));
    ck.u64Words(word(i32, pos + 8) >>> 0, word(i32, pos + 12) >>> 0);
    const eventEnd = pos + eventLen;
    for (let r = pos + 24; r < eventEnd; ) {
      const len = u16[(r + 2) >> 1]!;
      const type = u8[r]!;
      ck.header(type, u8[r + 1]!, len);
      recordFields(i32, u8, type, r, len, ck);
      r += len;
    }
    pos = eventEnd;
  }
}
