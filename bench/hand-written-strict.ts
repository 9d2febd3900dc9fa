/**
 * The real JavaScript limit: a hand-written loop that allocates nothing and checks everything the
 * package checks — framing, vers and metadata_len, every record's fixed size, handle_bytes and the
 * name's NUL inside the record, non-empty names, `len` = content rounded up to 4, zero padding
 * (explicit and mnt's implicit hole). u64 fields are read as two u32 words, byte fields are fed to
 * the checksum as offsets. It is what a tool builder would write with no library and no
 * compromise on validation.
 */
import type { Checksum } from './checksum.js';

const LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function fail(what: string, at: number): never {
  throw new RangeError(`malformed fanotify stream: ${what} at byte ${at}`);
}

/** Content end `c` of a record at `r` with `len` bytes: checks the rounding and the zero padding. */
function checkPadding(u8: Uint8Array, r: number, c: number, end: number): void {
  if (end - r !== ((c - r + 3) & -4)) fail('len is not the content rounded up to 4', r);
  for (let i = c; i < end; i++) if (u8[i] !== 0) fail('nonzero padding', i);
}

function fidRecord(dv: DataView, u8: Uint8Array, r: number, end: number, named: boolean, ck: Checksum): void {
  if (end - r < 20) fail('short fid record', r);
  const handleBytes = dv.getUint32(r + 12, LE);
  const h = r + 20;
  if (handleBytes > end - h) fail('handle_bytes past record', r);
  ck.n((dv.getInt32(r + 4, LE) + dv.getInt32(r + 8, LE) + handleBytes + dv.getInt32(r + 16, LE)) | 0);
  ck.span(u8, h, handleBytes);
  let c = h + handleBytes;
  if (named) {
    let z = c;
    while (z < end && u8[z] !== 0) z++;
    if (z >= end || z === c) fail('name without NUL or empty', c);
    ck.span(u8, c, z - c);
    c = z + 1;
  }
  checkPadding(u8, r, c, end);
}

function fixedRecord(dv: DataView, u8: Uint8Array, type: number, r: number, end: number, ck: Checksum): void {
  switch (type) {
    case 4: // PIDFD
      if (end - r < 8) fail('short pidfd record', r);
      ck.n(dv.getInt32(r + 4, LE));
      return checkPadding(u8, r, r + 8, end);
    case 5: // ERROR
      if (end - r < 12) fail('short error record', r);
      ck.n(dv.getInt32(r + 4, LE));
      ck.n(dv.getUint32(r + 8, LE));
      return checkPadding(u8, r, r + 12, end);
    case 6: // RANGE
      if (end - r < 24) fail('short range record', r);
      ck.n(dv.getUint32(r + 4, LE));
      ck.u64Words(dv.getUint32(r + 8, LE), dv.getUint32(r + 12, LE));
      ck.u64Words(dv.getUint32(r + 16, LE), dv.getUint32(r + 20, LE));
      return checkPadding(u8, r, r + 24, end);
    case 7: // MNT (4 bytes of implicit padding before mnt_id)
      if (end - r < 16) fail('short mnt record', r);
      if (dv.getUint32(r + 4, LE) !== 0) fail('nonzero implicit padding', r + 4);
      ck.u64Words(dv.getUint32(r + 8, LE), dv.getUint32(r + 12, LE));
      return checkPadding(u8, r, r + 16, end);
    default:
      ck.span(u8, r + 4, end - r - 4);
  }
}

export function decodeHandWrittenStrict(u8: Uint8Array, ck: Checksum): void {
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
    ck.u64Words(dv.getUint32(pos + 8, LE), dv.getUint32(pos + 12, LE));
    const eventEnd = pos + eventLen;
    let r = pos + 24;
    while (r < eventEnd) {
      if (eventEnd - r < 4) fail('truncated record header', r);
      const type = u8[r]!;
      const len = dv.getUint16(r + 2, LE);
      if (len < 4 || len > eventEnd - r) fail('bad record len', r);
      ck.header(type, u8[r + 1]!, len);
      if (type === 1 || type === 3) fidRecord(dv, u8, r, r + len, false, ck);
      else if (type === 2 || type === 10 || type === 12) fidRecord(dv, u8, r, r + len, true, ck);
      else fixedRecord(dv, u8, type, r, r + len, ck);
      r += len;
    }
    pos = eventEnd;
  }
}
