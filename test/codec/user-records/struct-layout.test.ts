/**
 * The schema language lays structs out as a C compiler does: the packed event metadata of the
 * 2009 fanotify design proposal, the same struct unpacked, and natural-alignment holes (which are
 * zero-checked on decode and zeroed on encode). `compileStruct` decodes and encodes them, typed.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { compileStruct, s32, struct, u32, u64, u8, type StructViewBase } from '../../../src/entries/schema.js';

/** The 2009 proposal's `struct fanotify_event_metadata` (`__attribute__((packed))`). */
const metadata2009 = struct(
  'fanotify_event_metadata_2009',
  { event_len: u32(), fd: s32(), mask: u32(), f_flags: u32(), pid: u32(), tgid: u32(), cookie: u64() },
  { packed: true },
);
const compiled2009 = compileStruct(metadata2009);

const offsets = (s: { layout: { fields: readonly { name: string; offset: number | undefined }[] } }) => Object.fromEntries(s.layout.fields.map((f) => [f.name, f.offset]));

describe('the 2009 packed metadata', () => {
  it('has offsets 0,4,…,24 and sizeof 32', () => {
    expect(offsets(metadata2009)).toEqual({ event_len: 0, fd: 4, mask: 8, f_flags: 12, pid: 16, tgid: 20, cookie: 24 });
    expect(metadata2009.layout.sizeof).toBe(32);
    expect(metadata2009.layout.align).toBe(1);
    expect(metadata2009.layout.holes).toEqual([]);
  });

  it('is the same layout unpacked (cookie is already 8-aligned at 24), with alignment 8', () => {
    const unpacked = struct('fanotify_event_metadata_2009_unpacked', metadata2009.fields);
    expect(offsets(unpacked)).toEqual(offsets(metadata2009));
    expect(unpacked.layout.sizeof).toBe(32);
    expect(unpacked.layout.align).toBe(8);
  });

  it('decodes and encodes with compileStruct, typed', () => {
    const value = { event_len: 32, fd: -1, mask: 0x20, f_flags: 0x8000, pid: 1234, tgid: 1230, cookie: 2n ** 63n + 5n };
    const bytes = new Uint8Array(32);
    const end = compiled2009.write(value, new DataView(bytes.buffer), bytes, 0, true, 'event');
    expect(end).toBe(32);
    expect(Array.from(bytes.subarray(0, 8))).toEqual([32, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]);
    expect(new DataView(bytes.buffer).getBigUint64(24, true)).toBe(value.cookie);
    const view = new compiled2009.View();
    expect(compiled2009.bind(view, new DataView(bytes.buffer), bytes, 0, 32, true)).toBeUndefined();
    const decoded = compiled2009.toObject(view);
    expect(decoded).toEqual(value);
    expectTypeOf(decoded.cookie).toEqualTypeOf<bigint>();
    expectTypeOf(decoded.mask).toEqualTypeOf<number>();
    expectTypeOf(decoded.fd).toEqualTypeOf<number>();
  });

  it('frames a stream of several structs by event_len', () => {
    // Events carry trailing payload (a longer event_len), as the proposal allowed.
    const events = [
      { event_len: 32, fd: 3, mask: 0x1, f_flags: 0, pid: 10, tgid: 10, cookie: 0n },
      { event_len: 40, fd: 4, mask: 0x2, f_flags: 2, pid: 11, tgid: 10, cookie: 7n },
      { event_len: 32, fd: -1, mask: 0x4000, f_flags: 0, pid: 0, tgid: 0, cookie: 2n ** 64n - 1n },
    ];
    const bytes = new Uint8Array(events.reduce((n, e) => n + e.event_len, 0));
    const dv = new DataView(bytes.buffer);
    let pos = 0;
    for (const e of events) {
      compiled2009.write(e, dv, bytes, pos, true, 'event');
      bytes.fill(0xab, pos + 32, pos + e.event_len);
      pos += e.event_len;
    }
    expect([...frames2009(bytes)]).toEqual(events);
    expect(() => [...frames2009(bytes.subarray(0, 70))]).toThrow(/frame at 32: bad event_len 40/);
    expect(() => [...frames2009(bytes.subarray(0, 80))]).toThrow(/frame at 72: TRUNCATED/);
  });
});

/** Iterates the frames of a 2009-style stream with compileStruct's bind, one view re-pointed per frame. */
function* frames2009(bytes: Uint8Array): Generator<ReturnType<typeof compiled2009.toObject>> {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const view: StructViewBase = new compiled2009.View();
  for (let pos = 0; pos < bytes.length; ) {
    const issue = compiled2009.bind(view, dv, bytes, pos, bytes.length, true);
    if (issue) throw new Error(`frame at ${pos}: ${issue.code} ${issue.detail}`);
    const eventLen = (view as unknown as { event_len: number }).event_len;
    if (eventLen < metadata2009.layout.sizeof || pos + eventLen > bytes.length) throw new Error(`frame at ${pos}: bad event_len ${eventLen}`);
    compiled2009.bind(view, dv, bytes, pos, pos + eventLen, true);
    yield compiled2009.toObject(view);
    pos += eventLen;
  }
}

describe('natural alignment holes', () => {
  const flagged = struct('flagged_value', { flag: u8(), value: u64() });
  const compiled = compileStruct(flagged);

  it('a u8 before a u64 leaves a 7-byte hole, sizeof 16', () => {
    expect(offsets(flagged)).toEqual({ flag: 0, value: 8 });
    expect(flagged.layout.holes).toEqual([[1, 8]]);
    expect(flagged.layout.sizeof).toBe(16);
    const packed = struct('flagged_value_packed', flagged.fields, { packed: true });
    expect(offsets(packed)).toEqual({ flag: 0, value: 1 });
    expect(packed.layout.sizeof).toBe(9);
  });

  it('a trailing u8 after a u64 is padded to the struct alignment, and that tail is a hole too', () => {
    const tail = struct('value_flag', { value: u64(), flag: u8() });
    expect(tail.layout.sizeof).toBe(16);
    expect(tail.layout.holes).toEqual([[9, 16]]);
  });

  it('the encoder zeroes the hole, the decoder checks it', () => {
    const bytes = new Uint8Array(16).fill(0xee);
    const dv = new DataView(bytes.buffer);
    expect(compiled.write({ flag: 1, value: 0x0102030405060708n }, dv, bytes, 0, true, 'x')).toBe(16);
    expect(Array.from(bytes)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 8, 7, 6, 5, 4, 3, 2, 1]);
    const view = new compiled.View();
    expect(compiled.bind(view, dv, bytes, 0, 16, true)).toBeUndefined();
    expect(compiled.toObject(view)).toEqual({ flag: 1, value: 0x0102030405060708n });
    bytes[5] = 0x10;
    expect(compiled.bind(view, dv, bytes, 0, 16, true)).toMatchObject({ code: 'NONZERO_PADDING', field: 'padding', offset: 5 });
  });

  it('a frame shorter than the fixed part is TRUNCATED at the first field that does not fit', () => {
    const bytes = new Uint8Array(12);
    const view = new compiled.View();
    expect(compiled.bind(view, new DataView(bytes.buffer), bytes, 0, 12, true)).toMatchObject({ code: 'TRUNCATED', field: 'value', offset: 12 });
  });
});
