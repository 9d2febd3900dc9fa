/**
 * User-declared records: the 2021 FAN_ERROR RFC's location, error and fsdata records replace the
 * mainline types 4–6 in a codec built with `createCodec`, encode and decode with typed access, and
 * are validated like kernel records (unpadded `len`, NUL-terminated function name).
 */
import { describe, expect, it } from 'vitest';
import { compileStruct, array, struct, u64, u8 } from '../../../src/entries/schema.js';
import { createCodec, FanotifyDecodeError, validateEvents } from '../../../src/index.js';
import { concatBytes, hexBytes } from '../../helpers/bytes.js';
import { patched } from '../../helpers/decode-assertions.js';
import { locationRecord, RFC_FAN_ERROR, rfcCodec, rfcErrorRecord } from '../../helpers/rfc-fan-error-records.js';
import { decodeTranscript } from '../../helpers/transcript.js';

/** `struct ext4_error_inode_report` from the RFC's sample, carried in the fsdata blob. */
const ext4ErrorInodeReport = compileStruct(struct('ext4_error_inode_report', { inode: u64(), block: u64(), desc: array(u8(), 40) }));

const desc = new Uint8Array(40);
desc.set(new TextEncoder().encode('bad extent'));
const report = new Uint8Array(56);
ext4ErrorInodeReport.write({ inode: 12n, block: 2n ** 40n + 7n, desc: [...desc] }, new DataView(report.buffer), report, 0, true, 'report');

const fsid = 0x83_4f_e4_ed_e3_9e_93_0dn;
const EVENT = {
  mask: RFC_FAN_ERROR,
  fd: -1,
  pid: 42,
  info: [
    { type: 'error' as const, version: 1, error: 117, fsid },
    { type: 'location' as const, line: 1234, function: 'ext4_lookup' },
    { type: 'location' as const, line: 7, function: 'f' },
    { type: 'fsdata' as const, data: report },
  ],
};

describe('encoding', () => {
  const bytes = rfcCodec.encodeEvents([EVENT], { byteOrder: 'little' });

  it('writes the RFC layout: error with its hole, unpadded location and fsdata records', () => {
    const error = hexBytes('05 00 18 00 01 00 00 00 75 00 00 00 00 00 00 00 0d 93 9e e3 ed e4 4f 83');
    const location1 = concatBytes(hexBytes('04 00 14 00 d2 04 00 00'), new TextEncoder().encode('ext4_lookup'), Uint8Array.of(0));
    const location2 = hexBytes('04 00 0a 00 07 00 00 00 66 00'); // len 10: no padding after "f\0"
    const fsdata = concatBytes(hexBytes('06 00 3c 00'), report);
    expect(bytes.subarray(24)).toEqual(concatBytes(error, location1, location2, fsdata));
    expect(bytes.length).toBe(24 + 24 + 20 + 10 + 60);
    expect(new DataView(bytes.buffer).getUint32(0, true)).toBe(bytes.length);
  });

  it('decodes with typed access to the declared fields', () => {
    const seen: string[] = [];
    for (const ev of rfcCodec.decodeEvents(bytes, { byteOrder: 'little' })) {
      expect(ev.mask).toBe(RFC_FAN_ERROR);
      for (const r of ev.records()) {
        switch (r.type) {
          case 'location':
            seen.push(`location ${r.line} ${new TextDecoder().decode(r.function)} @${r.byteOffset} len ${r.len}`);
            break;
          case 'error':
            seen.push(`error v${r.version} ${r.error} fsid ${r.fsid.toString(16)}`);
            break;
          case 'fsdata': {
            const view = new ext4ErrorInodeReport.View();
            const dv = new DataView(r.data.buffer, r.data.byteOffset, r.data.byteLength);
            expect(ext4ErrorInodeReport.bind(view, dv, r.data, 0, r.data.length, true)).toBeUndefined();
            const value = ext4ErrorInodeReport.toObject(view);
            seen.push(`fsdata inode ${value.inode} block ${value.block} ${new TextDecoder().decode(Uint8Array.from(value.desc)).replace(/\0+$/, '')}`);
            break;
          }
          default:
            seen.push(`other ${r.type}`);
        }
      }
    }
    expect(seen).toEqual([
      `error v1 117 fsid ${fsid.toString(16)}`,
      'location 1234 ext4_lookup @48 len 20',
      'location 7 f @68 len 10',
      `fsdata inode 12 block ${2n ** 40n + 7n} bad extent`,
    ]);
  });

  it('views read each field as toObject does, and undefined on record types without it', () => {
    const fields = ['version', 'error', 'fsid', 'line', 'function', 'data'];
    for (const reuseViews of [false, true]) {
      for (const ev of rfcCodec.decodeEvents(bytes, { byteOrder: 'little', reuseViews })) {
        for (const r of ev.records()) {
          const view = r as unknown as Record<string, unknown>;
          const object = r.toObject() as Record<string, unknown>;
          for (const field of fields) expect(view[field], `${r.type}.${field} (reuseViews ${reuseViews})`).toEqual(object[field]);
        }
      }
    }
  });

  it('views of a codec whose u64 fsid has one shape read it directly, and undefined elsewhere', () => {
    // Without the fid family, `fsid` is only the error record's u64: the view reads it through a
    // per-view DataView source (see `Direct` in cursor-source.ts), `undefined` on location records.
    const codec = createCodec({ records: [locationRecord, rfcErrorRecord] });
    const small = codec.encodeEvents([{ mask: RFC_FAN_ERROR, fd: -1, pid: 1, info: [{ type: 'error', version: 1, error: 117, fsid }, { type: 'location', line: 1234, function: 'ext4_lookup' }] }], { byteOrder: 'little' });
    for (const reuseViews of [false, true]) {
      const seen: unknown[] = [];
      for (const ev of codec.decodeEvents(small, { byteOrder: 'little', reuseViews })) {
        for (const r of ev.records()) {
          const view = r as unknown as Record<string, unknown>;
          seen.push([r.type, view['fsid'], view['function'] === undefined ? undefined : new TextDecoder().decode(view['function'] as Uint8Array)]);
        }
      }
      expect(seen).toEqual([
        ['error', fsid, undefined],
        ['location', undefined, 'ext4_lookup'],
      ]);
    }
  });

  it('round-trips through objects and JSON', () => {
    const objects = rfcCodec.decodeEventObjects(bytes, { byteOrder: 'little' });
    expect(rfcCodec.encodeEvents(objects, { byteOrder: 'little' })).toEqual(bytes);
    const [view] = [...rfcCodec.decodeEvents(bytes, { byteOrder: 'little' })];
    const json = JSON.parse(JSON.stringify(view)) as { info: Record<string, unknown>[] };
    expect(json.info.map((r) => r['info_type_name'])).toEqual(['FAN_EVENT_INFO_TYPE_ERROR', 'FAN_EVENT_INFO_TYPE_LOCATION', 'FAN_EVENT_INFO_TYPE_LOCATION', 'FAN_EVENT_INFO_TYPE_FSDATA']);
    expect(json.info[1]).toMatchObject({ line: 1234, function: 'ext4_lookup' });
    expect(json.info[0]).toMatchObject({ fsid: fsid.toString() });
    expect(rfcCodec.encodeEvents([rfcCodec.eventFromJSON(json)], { byteOrder: 'little' })).toEqual(bytes);
  });
});

describe('validation', () => {
  const bytes = rfcCodec.encodeEvents([EVENT], { byteOrder: 'little' });

  it('a function name without NUL is NAME_WITHOUT_NUL at the function', () => {
    // "f\0" of the second location record (at 68) becomes "fX".
    const bad = patched(bytes, (_, u8) => (u8[68 + 9] = 0x58));
    expect(() => rfcCodec.validateEvents(bad, { byteOrder: 'little' })).toThrow(FanotifyDecodeError);
    expect(decodeTranscript(bad, { byteOrder: 'little' }, rfcCodec).error).toEqual({ code: 'DECODE_NAME_WITHOUT_NUL', offset: 68 + 8, path: 'event[0].info[2].function' });
  });

  it('a location len past the NUL is RECORD_LEN_MISMATCH (no padding with align 1)', () => {
    const longer = rfcCodec.encodeEvents([{ mask: RFC_FAN_ERROR, fd: -1, pid: 1, info: [{ type: 'location', line: 1, function: 'ab' }] }], { byteOrder: 'little' });
    const bad = patched(concatBytes(longer, Uint8Array.of(0)), (dv) => {
      dv.setUint32(0, longer.length + 1, true);
      dv.setUint16(26, 12, true);
    });
    expect(decodeTranscript(bad, { byteOrder: 'little' }, rfcCodec).error).toEqual({ code: 'DECODE_RECORD_LEN_MISMATCH', offset: 26, path: 'event[0].info[0].len' });
  });

  it('a dirty hole in the RFC error record is NONZERO_PADDING', () => {
    const bad = patched(bytes, (_, u8) => (u8[24 + 13] = 1));
    expect(decodeTranscript(bad, { byteOrder: 'little' }, rfcCodec).error).toEqual({ code: 'DECODE_NONZERO_PADDING', offset: 37, path: 'event[0].info[0].padding' });
  });

  it('the encoder refuses a function name with a NUL in it', () => {
    expect(() => rfcCodec.encodeEvents([{ mask: 1n, fd: -1, pid: 1, info: [{ type: 'location', line: 1, function: 'a\0b' }] }])).toThrow(/function/);
  });
});

describe('the same bytes under the two schemas', () => {
  it('mainline PIDFD bytes are a location record without room for its name in the RFC codec', () => {
    const pidfdEvent = hexBytes('20 00 00 00 03 00 18 00 00 40 00 00 00 00 00 00 ff ff ff ff 00 00 00 00 04 00 08 00 05 00 00 00');
    expect(validateEvents(pidfdEvent, { byteOrder: 'little' })).toBe(1);
    expect(decodeTranscript(pidfdEvent, { byteOrder: 'little' }, rfcCodec).error).toEqual({ code: 'DECODE_NAME_WITHOUT_NUL', offset: 32, path: 'event[0].info[0].function' });
  });

  it('types the RFC codec does not declare (mainline PIDFD is declared away, MNT never was) decode as unknown', () => {
    const mnt = hexBytes('28 00 00 00 03 00 18 00 00 00 00 01 00 00 00 00 ff ff ff ff 01 00 00 00 07 00 10 00 00 00 00 00 6a 00 00 80 00 00 00 00');
    const [ev] = rfcCodec.decodeEventObjects(mnt, { byteOrder: 'little' });
    expect(ev!.info).toEqual([{ type: 'unknown', info_type: 7, pad: 0, len: 16, data: hexBytes('00 00 00 00 6a 00 00 80 00 00 00 00') }]);
  });
});
