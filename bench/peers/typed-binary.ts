/**
 * Peer: typed-binary 4.3.3 describing the same structs, as far as it can. What it cannot express,
 * and the bench therefore does by hand around it:
 * - u64 (it has no 64-bit integers): mask, offset, count and mnt_id are two u32 words each;
 * - a length taken from another field: f_handle (handle_bytes long) and the records of an event
 *   (event_len - 24 bytes) — the handle is sliced, and the record loop framed, by bench code;
 * - bytes up to a NUL: its `string` is UTF-8 with a fatal decoder (names are bytes, often not
 *   UTF-8), so the name is found with indexOf and handed out as a view by bench code;
 * - padding to `len`: the reader is moved to the record's end by bench code.
 * It does express the metadata and the record header + union (genericEnum: u8 tag first).
 * Its encoder therefore covers only the shapes without fid records.
 */
import bin from 'typed-binary';
import type { EventValue, KernelRecordSchema } from '../../src/index.js';
import type { Checksum } from '../checksum.js';

/** What the output says about this peer. */
export const TYPED_BINARY_LIMITS =
  'typed-binary: no u64 (two u32 words); no length from another field (f_handle, and the records of an event, are framed by bench code); no bytes-to-NUL (its string is fatal UTF-8: names found by bench code); no padding (bench code seeks to len); so its encoder covers only shapes without fid records';

const OPTIONS = { endianness: 'little' } as const;

const Metadata = bin.object({
  event_len: bin.u32,
  vers: bin.u8,
  reserved: bin.u8,
  metadata_len: bin.u16,
  mask_lo: bin.u32,
  mask_hi: bin.u32,
  fd: bin.i32,
  pid: bin.i32,
});

const FidFixed = bin.object({ fsid: bin.arrayOf(bin.i32, 2), handle_bytes: bin.u32, handle_type: bin.i32 });

const Record = bin.genericEnum(
  { pad: bin.u8, len: bin.u16 },
  {
    1: FidFixed,
    2: FidFixed,
    3: FidFixed,
    4: bin.object({ pidfd: bin.i32 }),
    5: bin.object({ error: bin.i32, error_count: bin.u32 }),
    6: bin.object({ range_pad: bin.u32, offset_lo: bin.u32, offset_hi: bin.u32, count_lo: bin.u32, count_hi: bin.u32 }),
    // The 4 bytes of implicit padding before mnt_id, spelled out (no alignment support).
    7: bin.object({ mnt_hole: bin.u32, mnt_id_lo: bin.u32, mnt_id_hi: bin.u32 }),
    10: FidFixed,
    12: FidFixed,
  },
);

type TbMetadata = bin.Parsed<typeof Metadata>;
type TbRecord = bin.Parsed<typeof Record>;

export function decodeTypedBinary(u8: Uint8Array, ck: Checksum): void {
  // BufferReader positions are offsets into the whole ArrayBuffer (it adds byteOffset itself).
  const reader = new bin.BufferReader(u8.buffer, { ...OPTIONS, byteOffset: u8.byteOffset });
  const base = u8.byteOffset;
  const end = u8.length;
  let pos = 0;
  while (pos < end) {
    const ev = Metadata.read(reader);
    if (ev.event_len < 24 || ev.event_len > end - pos) throw new RangeError(`bad event_len at ${pos}`);
    ck.event(ev.event_len, ev.vers, ev.reserved, ev.metadata_len, ev.fd, ev.pid);
    ck.u64Words(ev.mask_lo, ev.mask_hi);
    const eventEnd = pos + ev.event_len;
    // Bench code: typed-binary has no array framed by a byte length.
    for (let r = pos + 24; r < eventEnd; ) {
      const rec = Record.read(reader);
      ck.header(rec.type, rec.pad, rec.len);
      switch (rec.type) {
        case 1:
        case 2:
        case 3:
        case 10:
        case 12: {
          // Bench code: f_handle is handle_bytes long, the name runs to a NUL.
          const handleStart = reader.currentByteOffset - base;
          const handleEnd = handleStart + rec.handle_bytes;
          if (handleEnd > r + rec.len) throw new RangeError(`handle_bytes past record at ${r}`);
          ck.fid(rec.fsid[0]!, rec.fsid[1]!, rec.handle_bytes, rec.handle_type, u8.subarray(handleStart, handleEnd));
          if (rec.type !== 1 && rec.type !== 3) {
            const nul = u8.indexOf(0, handleEnd);
            if (nul < 0 || nul >= r + rec.len) throw new RangeError(`name without NUL at ${handleEnd}`);
            ck.bytes(u8.subarray(handleEnd, nul));
          }
          break;
        }
        case 4:
          ck.n(rec.pidfd);
          break;
        case 5:
          ck.n(rec.error);
          ck.n(rec.error_count);
          break;
        case 6:
          ck.n(rec.range_pad);
          ck.u64Words(rec.offset_lo, rec.offset_hi);
          ck.u64Words(rec.count_lo, rec.count_hi);
          break;
        case 7:
          ck.u64Words(rec.mnt_id_lo, rec.mnt_id_hi);
          break;
      }
      // Bench code: skip the padding up to len.
      r += rec.len;
      reader.seekTo(base + r);
    }
    pos = eventEnd;
  }
}

/** typed-binary's input for an event without fid records; undefined when the shape has one. */
export function toTypedBinaryEvent(ev: EventValue<KernelRecordSchema>): { meta: TbMetadata; info: TbRecord[] } | undefined {
  const lo = (v: bigint): number => Number(v & 0xffffffffn);
  const hi = (v: bigint): number => Number(v >> 32n);
  const info: TbRecord[] = [];
  for (const rec of ev.info) {
    const h = { pad: rec.pad, len: rec.len };
    switch (rec.type) {
      case 'pidfd':
        info.push({ type: 4, ...h, pidfd: rec.pidfd });
        break;
      case 'error':
        info.push({ type: 5, ...h, error: rec.error, error_count: rec.error_count });
        break;
      case 'range':
        info.push({ type: 6, ...h, range_pad: rec.range_pad, offset_lo: lo(rec.offset), offset_hi: hi(rec.offset), count_lo: lo(rec.count), count_hi: hi(rec.count) });
        break;
      case 'mnt':
        info.push({ type: 7, ...h, mnt_hole: 0, mnt_id_lo: lo(rec.mnt_id), mnt_id_hi: hi(rec.mnt_id) });
        break;
      default:
        return undefined;
    }
  }
  const meta = { event_len: ev.event_len, vers: ev.vers, reserved: ev.reserved, metadata_len: ev.metadata_len, mask_lo: lo(ev.mask), mask_hi: hi(ev.mask), fd: ev.fd, pid: ev.pid };
  return { meta, info };
}

/** Encodes a stream: measure every event, then write them into one buffer. */
export function encodeTypedBinary(events: readonly { meta: TbMetadata; info: TbRecord[] }[]): Uint8Array {
  let total = 0;
  for (const ev of events) {
    total += Metadata.measure(ev.meta).size;
    for (const rec of ev.info) total += Record.measure(rec).size;
  }
  const out = new Uint8Array(total);
  const writer = new bin.BufferWriter(out.buffer, OPTIONS);
  for (const ev of events) {
    Metadata.write(writer, ev.meta);
    for (const rec of ev.info) Record.write(writer, rec);
  }
  return out;
}
