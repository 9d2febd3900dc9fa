/**
 * Reference decoder: restructure 3.0.2 describes every struct it can express (it has no 64-bit
 * integers, so u64 fields are two u32 halves) and walks valid little-endian streams on its own,
 * framing events and records by their lengths. Its values must agree with this codec's, and its
 * encodings of the fixed-size records must equal this codec's bytes.
 */
import fc from 'fast-check';
import * as r from 'restructure';
import { expect, it } from 'vitest';
import { decodeEvents, nameToString } from '../../../src/index.js';
import { arbEncodedStream } from '../../helpers/arbitraries.js';

const header = { info_type: r.uint8, pad: r.uint8, len: r.uint16le };
const fidFields = { ...header, fsid: new r.Array(r.int32le, 2), handle_bytes: r.uint32le, handle_type: r.int32le, f_handle: new r.Buffer('handle_bytes') };

const Metadata = new r.Struct({ event_len: r.uint32le, vers: r.uint8, reserved: r.uint8, metadata_len: r.uint16le, mask_lo: r.uint32le, mask_hi: r.uint32le, fd: r.int32le, pid: r.int32le });
const InfoHeader = new r.Struct(header);
const RECORD_STRUCTS: Record<number, r.Struct> = {
  1: new r.Struct(fidFields),
  2: new r.Struct({ ...fidFields, name: new r.String(null, 'utf8') }),
  3: new r.Struct(fidFields),
  4: new r.Struct({ ...header, pidfd: r.int32le }),
  5: new r.Struct({ ...header, error: r.int32le, error_count: r.uint32le }),
  6: new r.Struct({ ...header, range_pad: r.uint32le, offset_lo: r.uint32le, offset_hi: r.uint32le, count_lo: r.uint32le, count_hi: r.uint32le }),
  7: new r.Struct({ ...header, hole: new r.Reserved(r.uint32le), mnt_id_lo: r.uint32le, mnt_id_hi: r.uint32le }),
  10: new r.Struct({ ...fidFields, name: new r.String(null, 'utf8') }),
  12: new r.Struct({ ...fidFields, name: new r.String(null, 'utf8') }),
};
// Length from a function of the parent: the rest of the record after the header.
const UnknownRecord = new r.Struct({ ...header, data: new r.Buffer((parent) => (parent['len'] as number) - 4) });

const lo = (v: bigint): number => Number(v & 0xffff_ffffn);
const hi = (v: bigint): number => Number(v >> 32n);

/** The restructure-shaped value of one of this codec's records. */
function expectedFromCodec(record: Record<string, unknown>): Record<string, unknown> {
  const { type: _type, ...fields } = record;
  switch (record['type']) {
    case 'range': {
      const { offset, count, ...rest } = fields as { offset: bigint; count: bigint };
      return { ...rest, offset_lo: lo(offset), offset_hi: hi(offset), count_lo: lo(count), count_hi: hi(count) };
    }
    case 'mnt': {
      const { mnt_id, ...rest } = fields as { mnt_id: bigint };
      return { ...rest, hole: undefined, mnt_id_lo: lo(mnt_id), mnt_id_hi: hi(mnt_id) };
    }
    case 'dfid_name':
    case 'old_dfid_name':
    case 'new_dfid_name':
      return { ...fields, name: nameToString(fields['name'] as Uint8Array) };
    default:
      return fields;
  }
}

function plain(value: Record<string, unknown>): Record<string, unknown> {
  // restructure results carry non-enumerable bookkeeping; compare the enumerable fields only.
  return Object.fromEntries(Object.entries(value));
}

it('restructure walks every stream to the same events and records (property)', () => {
  fc.assert(
    fc.property(arbEncodedStream, ({ bytes }) => {
      const views = [...decodeEvents(bytes, { byteOrder: 'little' })].map((v) => v.toObject());
      let pos = 0;
      for (const ev of views) {
        const meta = Metadata.fromBuffer(bytes.subarray(pos, pos + 24));
        const { mask, info, ...fields } = ev;
        expect(plain(meta)).toEqual({ ...fields, mask_lo: lo(mask), mask_hi: hi(mask) });
        const end = pos + (meta['event_len'] as number);
        let rpos = pos + 24;
        for (const record of info) {
          const hdr = InfoHeader.fromBuffer(bytes.subarray(rpos, rpos + 4));
          const len = hdr['len'] as number;
          const Struct = RECORD_STRUCTS[hdr['info_type'] as number] ?? UnknownRecord;
          const decoded = plain(Struct.fromBuffer(bytes.subarray(rpos, rpos + len)));
          expect(decoded).toEqual(expectedFromCodec(record as Record<string, unknown>));
          rpos += len;
        }
        expect(rpos).toBe(end);
        pos = end;
      }
      expect(pos).toBe(bytes.length);
    }),
  );
});

it('restructure encodes the fixed-size records and fid records to this codec’s bytes (property)', () => {
  fc.assert(
    fc.property(arbEncodedStream, ({ bytes }) => {
      for (const ev of decodeEvents(bytes, { byteOrder: 'little' })) {
        expect(Metadata.toBuffer(plain(Metadata.fromBuffer(ev.bytes().subarray(0, 24))))).toEqual(ev.bytes().subarray(0, 24));
        for (const rec of ev.records()) {
          const own = rec.bytes();
          // Names are skipped: restructure writes strings, not bytes, so non-UTF-8 names cannot be expressed.
          if (rec.type === 'dfid_name' || rec.type === 'old_dfid_name' || rec.type === 'new_dfid_name') continue;
          const Struct = RECORD_STRUCTS[rec.info_type] ?? UnknownRecord;
          const value = expectedFromCodec(rec.toObject() as unknown as Record<string, unknown>);
          const encoded = Struct.toBuffer(value);
          // fid records carry zero padding after the handle that the struct does not describe.
          expect(encoded).toEqual(own.subarray(0, encoded.length));
          expect([...own.subarray(encoded.length)].every((b) => b === 0)).toBe(true);
        }
      }
    }),
  );
});
