/**
 * Reference decoder: typed-binary 4.3.3 describes the structs it can express. It has no 64-bit
 * integers (u64 → two u32 halves) and no length taken from a sibling field, so fid records are
 * described per handle length (`u8Array(handle_bytes)` built for each record) — what it can do.
 * Its strings are UTF-8 with a fatal decoder, so only valid UTF-8 names are compared.
 *
 * typed-binary builds its DataView over the whole backing ArrayBuffer (codec-libraries.md §1.2),
 * so it is always handed exact-size copies, never subarrays.
 */
import fc from 'fast-check';
import bin from 'typed-binary';
import { expect, it } from 'vitest';
import { decodeEvents, nameToString } from '../../../src/index.js';
import { isUtf8 } from '../../../src/entries/golden.js';
import { arbEncodedStream } from '../../helpers/arbitraries.js';

const header = { info_type: bin.u8, pad: bin.u8, len: bin.u16 };
const Metadata = bin.object({ event_len: bin.u32, vers: bin.u8, reserved: bin.u8, metadata_len: bin.u16, mask_lo: bin.u32, mask_hi: bin.u32, fd: bin.i32, pid: bin.i32 });
const InfoHeader = bin.object(header);
const Pidfd = bin.object({ ...header, pidfd: bin.i32 });
const ErrorRecord = bin.object({ ...header, error: bin.i32, error_count: bin.u32 });
const Range = bin.object({ ...header, range_pad: bin.u32, offset_lo: bin.u32, offset_hi: bin.u32, count_lo: bin.u32, count_hi: bin.u32 });
const Mnt = bin.object({ ...header, hole: bin.u32, mnt_id_lo: bin.u32, mnt_id_hi: bin.u32 });
const FidFixed = bin.object({ ...header, fsid: bin.arrayOf(bin.i32, 2), handle_bytes: bin.u32, handle_type: bin.i32 });

/** A fid record schema for one handle length (typed-binary cannot take the length from handle_bytes). */
function fidSchema(handleBytes: number, named: boolean) {
  const base = { ...header, fsid: bin.arrayOf(bin.i32, 2), handle_bytes: bin.u32, handle_type: bin.i32, f_handle: bin.u8Array(handleBytes) };
  return named ? bin.object({ ...base, name: bin.string }) : bin.object(base);
}

/** A reader over an exact-size copy of `bytes`. */
function reader(bytes: Uint8Array): bin.BufferReader {
  return new bin.BufferReader(bytes.slice().buffer, { endianness: 'little' });
}

const lo = (v: bigint): number => Number(v & 0xffff_ffffn);
const hi = (v: bigint): number => Number(v >> 32n);

it('typed-binary decodes every expressible struct to the same values (property)', () => {
  fc.assert(
    fc.property(arbEncodedStream, ({ bytes }) => {
      for (const ev of decodeEvents(bytes, { byteOrder: 'little' })) {
        const { info, mask, ...fields } = ev.toObject();
        expect(Metadata.read(reader(ev.bytes().subarray(0, 24)))).toEqual({ ...fields, mask_lo: lo(mask), mask_hi: hi(mask) });
        let j = 0;
        for (const rec of ev.records()) {
          const own = rec.bytes();
          const obj = info[j++]!;
          expect(InfoHeader.read(reader(own))).toEqual({ info_type: obj.info_type, pad: obj.pad, len: obj.len });
          switch (obj.type) {
            case 'pidfd':
              expect(Pidfd.read(reader(own))).toEqual({ info_type: obj.info_type, pad: obj.pad, len: obj.len, pidfd: obj.pidfd });
              break;
            case 'error':
              expect(ErrorRecord.read(reader(own))).toEqual({ info_type: obj.info_type, pad: obj.pad, len: obj.len, error: obj.error, error_count: obj.error_count });
              break;
            case 'range':
              expect(Range.read(reader(own))).toEqual({
                info_type: obj.info_type,
                pad: obj.pad,
                len: obj.len,
                range_pad: obj.range_pad,
                offset_lo: lo(obj.offset),
                offset_hi: hi(obj.offset),
                count_lo: lo(obj.count),
                count_hi: hi(obj.count),
              });
              break;
            case 'mnt':
              expect(Mnt.read(reader(own))).toEqual({ info_type: obj.info_type, pad: obj.pad, len: obj.len, hole: 0, mnt_id_lo: lo(obj.mnt_id), mnt_id_hi: hi(obj.mnt_id) });
              break;
            case 'fid':
            case 'dfid': {
              const { type: _t, ...expected } = obj;
              expect(fidSchema(obj.handle_bytes, false).read(reader(own))).toEqual(expected);
              break;
            }
            case 'dfid_name':
            case 'old_dfid_name':
            case 'new_dfid_name': {
              const { type: _t, name, ...expected } = obj;
              if (isUtf8(name)) expect(fidSchema(obj.handle_bytes, true).read(reader(own))).toEqual({ ...expected, name: nameToString(name) });
              else expect(FidFixed.read(reader(own))).toEqual({ info_type: obj.info_type, pad: obj.pad, len: obj.len, fsid: obj.fsid, handle_bytes: obj.handle_bytes, handle_type: obj.handle_type });
              break;
            }
            case 'unknown':
              expect(bin.object({ ...header, data: bin.u8Array(obj.len - 4) }).read(reader(own))).toEqual({ info_type: obj.info_type, pad: obj.pad, len: obj.len, data: obj.data });
              break;
          }
        }
      }
    }),
  );
});

it('typed-binary writes the fixed-size records exactly as this codec does (property)', () => {
  fc.assert(
    fc.property(arbEncodedStream, ({ bytes }) => {
      for (const ev of decodeEvents(bytes, { byteOrder: 'little' })) {
        for (const rec of ev.records()) {
          const own = rec.bytes();
          const out = new ArrayBuffer(own.length);
          const writer = new bin.BufferWriter(out, { endianness: 'little' });
          const h = { info_type: rec.info_type, pad: rec.pad, len: rec.len };
          if (rec.type === 'pidfd') Pidfd.write(writer, { ...h, pidfd: rec.pidfd });
          else if (rec.type === 'error') ErrorRecord.write(writer, { ...h, error: rec.error, error_count: rec.error_count });
          else if (rec.type === 'mnt') Mnt.write(writer, { ...h, hole: 0, mnt_id_lo: lo(rec.mnt_id), mnt_id_hi: hi(rec.mnt_id) });
          else if (rec.type === 'range') {
            Range.write(writer, { ...h, range_pad: rec.range_pad, offset_lo: lo(rec.offset), offset_hi: hi(rec.offset), count_lo: lo(rec.count), count_hi: hi(rec.count) });
          } else continue;
          expect(new Uint8Array(out)).toEqual(own);
        }
      }
    }),
  );
});

it('typed-binary reads past a subarray (the bug this suite works around)', () => {
  // Documents why every reader above gets an exact-size copy: over a 2-byte subarray it reads a
  // u32 from the bytes that follow instead of failing.
  const backing = Uint8Array.of(0xaa, 0x01, 0x02, 0x03, 0x04);
  const view = backing.subarray(1, 3);
  // Its runtime takes views (and Node Buffers) although its types only admit ArrayBufferLike.
  const value = bin.u32.read(new bin.BufferReader(view as unknown as ArrayBuffer, { endianness: 'little' }));
  expect(value).toBe(0x04030201);
});
