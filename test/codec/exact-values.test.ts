/**
 * 64-bit fields are exact: values above 2^53 survive decode and encode as `bigint`, the JSON form
 * prints them as decimal strings (the mask as 0x hex), and `eventFromJSON` inverts `toJSON`
 * exactly for every record type.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEventObjects, decodeEvents, encodeEvents, FanotifyEncodeError } from '../../src/index.js';
import { fanotifyCodec } from '../../src/codec/codec.js';
import { arbEvents } from '../helpers/arbitraries.js';
import type { KernelEventInput } from '../helpers/expected-value.js';

const ABOVE_2_53 = [2n ** 53n + 1n, 2n ** 63n + 12345n, 2n ** 64n - 1n, 0x8000_0000_0000_0001n];

function roundTrip(event: KernelEventInput) {
  const bytes = encodeEvents([event], { byteOrder: 'little' });
  const [value] = decodeEventObjects(bytes, { byteOrder: 'little' });
  const [view] = [...decodeEvents(bytes, { byteOrder: 'little' })];
  return { bytes, value: value!, view: view!, json: JSON.parse(JSON.stringify(view)) as Record<string, unknown> };
}

describe('values above 2^53', () => {
  it.each(ABOVE_2_53)('mask %s round-trips and prints as 0x hex', (mask) => {
    const { value, view, json, bytes } = roundTrip({ mask, fd: -1, pid: 1 });
    expect(value.mask).toBe(mask);
    expect(view.mask).toBe(mask);
    expect(new DataView(bytes.buffer).getBigUint64(8, true)).toBe(mask);
    expect(json['mask']).toBe('0x' + mask.toString(16));
  });

  it.each(ABOVE_2_53)('mnt_id %s round-trips and prints as a decimal string', (mnt_id) => {
    const { value, view, json } = roundTrip({ mask: 0x0100_0000n, fd: -1, pid: 1, info: [{ type: 'mnt', mnt_id }] });
    expect(value.info[0]).toMatchObject({ type: 'mnt', mnt_id });
    const [record] = [...view.records()];
    expect(record?.type === 'mnt' && record.mnt_id).toBe(mnt_id);
    expect((json['info'] as Record<string, unknown>[])[0]!['mnt_id']).toBe(mnt_id.toString());
  });

  it.each(ABOVE_2_53)('range offset/count %s round-trip and print as decimal strings', (n) => {
    const { value, json } = roundTrip({ mask: 0x0010_0000n, fd: 5, pid: 1, info: [{ type: 'range', offset: n, count: n - 1n }] });
    expect(value.info[0]).toMatchObject({ type: 'range', offset: n, count: n - 1n });
    expect((json['info'] as Record<string, unknown>[])[0]).toMatchObject({ offset: n.toString(), count: (n - 1n).toString() });
  });

  it('64-bit inputs may be numbers when they are safe integers, and are refused when they are not', () => {
    const { value } = roundTrip({ mask: 0x20, fd: -1, pid: 1, info: [{ type: 'mnt', mnt_id: 2 ** 53 - 1 }] });
    expect(value.mask).toBe(0x20n);
    expect(value.info[0]).toMatchObject({ mnt_id: 2n ** 53n - 1n });
    expect(() => encodeEvents([{ mask: 2 ** 53, fd: -1, pid: 1 }])).toThrow(FanotifyEncodeError);
    expect(() => encodeEvents([{ mask: 2n ** 64n, fd: -1, pid: 1 }])).toThrow(FanotifyEncodeError);
    expect(() => encodeEvents([{ mask: -1n, fd: -1, pid: 1 }])).toThrow(FanotifyEncodeError);
  });

  it('32-bit fields keep their sign and range', () => {
    const { value, json } = roundTrip({ mask: 1n, fd: -2147483648, pid: 2147483647, info: [{ type: 'error', error: -5, error_count: 0xffff_ffff }] });
    expect([value.fd, value.pid]).toEqual([-2147483648, 2147483647]);
    expect(value.info[0]).toMatchObject({ error: -5, error_count: 0xffff_ffff });
    expect(json).toMatchObject({ fd: -2147483648, pid: 2147483647 });
    expect(() => encodeEvents([{ mask: 1n, fd: 2147483648, pid: 1 }])).toThrow(FanotifyEncodeError);
    expect(() => encodeEvents([{ mask: 1n, fd: 1.5, pid: 1 }])).toThrow(FanotifyEncodeError);
  });
});

describe('eventFromJSON inverts toJSON', () => {
  it('for every record type and combination (property)', () => {
    fc.assert(
      fc.property(arbEvents, (events) => {
        const bytes = encodeEvents(events, { byteOrder: 'little' });
        const views = [...decodeEvents(bytes, { byteOrder: 'little' })];
        const fromJson = views.map((v, i) => fanotifyCodec.eventFromJSON(JSON.parse(JSON.stringify(v.toJSON())), i));
        // Exactly the plain object, and exactly the bytes.
        expect(fromJson).toEqual(views.map((v) => v.toObject()));
        expect(encodeEvents(fromJson, { byteOrder: 'little' })).toEqual(bytes);
      }),
    );
  });

  it('accepts 64-bit values as decimal strings, 0x strings or safe numbers', () => {
    const input = fanotifyCodec.eventFromJSON({ mask: 32, fd: -1, pid: 1, info: [{ info_type: 7, mnt_id: '18446744073709551615' }, { info_type: 6, offset: '0x10', count: 7 }] });
    expect(input.mask).toBe(32n);
    expect(input.info).toEqual([
      { type: 'mnt', info_type: 7, mnt_id: 2n ** 64n - 1n },
      { type: 'range', info_type: 6, offset: 16n, count: 7n },
    ]);
  });

  it('refuses JSON it cannot represent exactly, with a typed error and path', () => {
    const bad: [unknown, string][] = [
      [{ mask: '0x1', fd: -1, pid: 1, info: [{ info_type: 7, mnt_id: 2 ** 60 }] }, 'event[0].info[0].mnt_id'],
      [{ mask: '1.5', fd: -1, pid: 1 }, 'event[0].mask'],
      [{ mask: 1, fd: -1, pid: 1, info: [{ info_type: 1, fsid: [1, 2], handle_type: 1, f_handle: 'zz' }] }, 'event[0].info[0].f_handle'],
      [{ mask: 1, fd: -1, pid: 1, info: [{ info_type: 2, fsid: [1, 2], handle_type: 1, f_handle: '', name: 'x', name_hex: '7' }] }, 'event[0].info[0].name_hex'],
      [{ mask: 1, fd: -1, pid: 1, info: [{ info_type: 'fid' }] }, 'event[0].info[0].info_type'],
      [{ mask: 1, fd: -1, pid: 1, info: {} }, 'event[0].info'],
      [[], 'event[0]'],
    ];
    for (const [json, path] of bad) {
      let error: unknown;
      try {
        fanotifyCodec.eventFromJSON(json);
      } catch (e) {
        error = e;
      }
      expect(error, JSON.stringify(json)).toBeInstanceOf(FanotifyEncodeError);
      expect((error as FanotifyEncodeError).path).toBe(path);
    }
  });
});

/** `v` with its eight bytes reversed: the value the same bytes hold in the other byte order. */
const byteSwapped = (v: bigint): bigint => {
  let out = 0n;
  for (let i = 0; i < 8; i++) out = (out << 8n) | ((v >> BigInt(8 * i)) & 0xffn);
  return out;
};

describe('plain objects reuse a 64-bit field\'s last bigint (reusedBigint)', () => {
  // Values drawn from a few, so that repeats (the reused case) and near-misses (one word
  // equal, the other not) both come up often.
  const WORDS = [0n, 1n, 0x20n, 0x4000_0020n, 0xffff_ffffn];
  const arbU64 = fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...WORDS)).map(([hi, lo]) => (hi << 32n) | lo);
  const arbRun = fc.array(fc.record({ mask: arbU64, mnt_id: arbU64, offset: arbU64, count: arbU64, big: fc.boolean() }), { minLength: 1, maxLength: 12 });

  it('every object holds its own bytes\' value, whatever the events before it held, in either byte order', () => {
    fc.assert(
      fc.property(arbRun, (run) => {
        for (const e of run) {
          const byteOrder = e.big ? 'big' : 'little';
          const input = { mask: e.mask, fd: -1, pid: 1, info: [{ type: 'mnt' as const, mnt_id: e.mnt_id }] };
          const range = { mask: e.mask, fd: 3, pid: 1, info: [{ type: 'range' as const, offset: e.offset, count: e.count }] };
          const [a, b] = decodeEventObjects(encodeEvents([input, range], { byteOrder }), { byteOrder });
          expect(a!.mask).toBe(e.mask);
          expect(a!.info[0]).toMatchObject({ mnt_id: e.mnt_id });
          expect(b!.info[0]).toMatchObject({ offset: e.offset, count: e.count });
        }
      }),
    );
  });

  it('the same bytes read in the other byte order are another value', () => {
    const mask = 0x0000_0001_4000_0020n;
    const little = encodeEvents([{ mask, fd: -1, pid: 1 }], { byteOrder: 'little' });
    expect(decodeEventObjects(little, { byteOrder: 'little' })[0]!.mask).toBe(mask);
    // The bytes of `mask` in little-endian order, now read as big-endian.
    const big = encodeEvents([{ mask: byteSwapped(mask), fd: -1, pid: 1 }], { byteOrder: 'big' });
    expect(big.subarray(8, 16)).toEqual(little.subarray(8, 16));
    expect(decodeEventObjects(big, { byteOrder: 'big' })[0]!.mask).toBe(byteSwapped(mask));
  });
});
