/**
 * Zero-copy decoding: views read the caller's bytes in place (at any byteOffset, never outside
 * the view), byte fields are subarrays of the input, and `copy()`/`toObject()` detach from it.
 */
import { describe, expect, it } from 'vitest';
import { decodeEvents, encodeEvents, validateEvents } from '../../src/index.js';
import { concatBytes, embed } from '../helpers/bytes.js';
import { patched } from '../helpers/decode-assertions.js';
import { CAPTURE_A_CREATE_MODIFY, CAPTURE_B_RENAME_PIDFD, VECTOR_1_MKDIR, VECTOR_2_RENAME } from '../helpers/golden-captures.js';
import { decodeTranscript } from '../helpers/transcript.js';

const STREAM = concatBytes(CAPTURE_A_CREATE_MODIFY, CAPTURE_B_RENAME_PIDFD);
/** A complete, valid overflow event: if a decoder read past its view it would find this. */
const SENTINEL_EVENT = encodeEvents([{ mask: 0x4000n, fd: -1, pid: 0 }], { byteOrder: 'little' });

describe('views at a non-zero byteOffset', () => {
  it('decode exactly as a copy does, whatever surrounds them', () => {
    const expected = decodeTranscript(STREAM, { byteOrder: 'little' });
    expect(expected.events).toHaveLength(3);
    for (const before of [1, 3, 8, 61]) {
      for (const fill of [0x00, 0xff, 0x18]) {
        const view = embed(STREAM, { before, after: 29, fill });
        expect(view.byteOffset).toBe(before);
        expect(decodeTranscript(view, { byteOrder: 'little' })).toEqual(expected);
        expect(validateEvents(view, { byteOrder: 'little' })).toBe(3);
      }
    }
  });

  it('never read the valid event placed right after the view', () => {
    const backing = concatBytes(SENTINEL_EVENT, STREAM, SENTINEL_EVENT);
    const view = backing.subarray(SENTINEL_EVENT.length, SENTINEL_EVENT.length + STREAM.length);
    expect(decodeTranscript(view, { byteOrder: 'little' })).toEqual(decodeTranscript(STREAM.slice(), { byteOrder: 'little' }));
  });

  it('never find a NUL that lies just outside the view', () => {
    // DFID_NAME "subX" with no NUL, ending exactly at the end of the view; the next byte is 0.
    const event = patched(VECTOR_1_MKDIR.subarray(0, 60), (dv, u8) => {
      dv.setUint32(0, 60, true);
      u8[59] = 0x58;
    });
    const backing = concatBytes(event, new Uint8Array(8));
    const { error } = decodeTranscript(backing.subarray(0, 60), { byteOrder: 'little' });
    expect(error).toEqual({ code: 'DECODE_NAME_WITHOUT_NUL', offset: 56, path: 'event[0].info[0].name' });
  });

  it('never take event_len from beyond the view', () => {
    // 23 bytes in the view; the 24-byte event continues outside it.
    const backing = concatBytes(SENTINEL_EVENT, SENTINEL_EVENT);
    expect(decodeTranscript(backing.subarray(0, 23), { byteOrder: 'little' }).error).toEqual({ code: 'DECODE_TRUNCATED', offset: 0, path: 'event[0]' });
    expect(decodeTranscript(backing.subarray(24, 47), { byteOrder: 'little' }).error).toEqual({ code: 'DECODE_TRUNCATED', offset: 0, path: 'event[0]' });
  });

  it('accept an ArrayBuffer, a DataView and other ArrayBufferViews alike', () => {
    const expected = decodeTranscript(STREAM, { byteOrder: 'little' }).events;
    const view = embed(STREAM, { before: 12, after: 12 });
    const inputs = [STREAM.slice().buffer, new DataView(view.buffer, view.byteOffset, view.byteLength), new Uint32Array(STREAM.slice().buffer)];
    for (const input of inputs) {
      expect([...decodeEvents(input, { byteOrder: 'little' })].map((e) => e.toJSON())).toEqual(expected);
    }
  });
});

describe('byte fields share memory with the input', () => {
  const input = embed(STREAM, { before: 40, after: 8 });

  it('f_handle, name, data and bytes() are subarrays of the input at the right offset', () => {
    for (const ev of decodeEvents(input, { byteOrder: 'little' })) {
      expect(ev.bytes().buffer).toBe(input.buffer);
      expect(ev.bytes().byteOffset).toBe(input.byteOffset + ev.byteOffset);
      for (const r of ev.records()) {
        expect(r.bytes().buffer).toBe(input.buffer);
        if (r.type === 'fid' || r.type === 'dfid_name' || r.type === 'old_dfid_name' || r.type === 'new_dfid_name') {
          expect(r.f_handle.buffer).toBe(input.buffer);
          expect(r.f_handle.byteOffset).toBe(input.byteOffset + r.byteOffset + 20);
        }
        if (r.type === 'dfid_name' || r.type === 'old_dfid_name' || r.type === 'new_dfid_name') {
          expect(r.name.buffer).toBe(input.buffer);
          expect(r.name.byteOffset).toBe(input.byteOffset + r.byteOffset + 20 + r.handle_bytes);
        }
      }
    }
  });

  it('a change to the input shows through the view (nothing was copied)', () => {
    const bytes = STREAM.slice();
    const [ev] = [...decodeEvents(bytes, { byteOrder: 'little' })];
    const [dir] = [...ev!.records()];
    if (dir?.type !== 'dfid_name') throw new Error('narrowing');
    const name = dir.name;
    bytes[dir.byteOffset + 28] = 0x41; // first byte of "a.txt"
    expect(name[0]).toBe(0x41);
    expect(dir.name[0]).toBe(0x41);
  });
});

describe('copies detach from the input', () => {
  it('copy() survives overwriting the original buffer', () => {
    const bytes = STREAM.slice();
    const views = [...decodeEvents(bytes, { byteOrder: 'little' })];
    const before = views.map((v) => v.toJSON());
    const copies = views.map((v) => v.copy());
    bytes.fill(0xee);
    expect(copies.map((c) => c.toJSON())).toEqual(before);
    expect(copies.map((c) => c.index)).toEqual([0, 1, 2]);
    for (const c of copies) {
      expect(c.bytes().buffer).not.toBe(bytes.buffer);
      for (const r of c.records()) expect(r.bytes().buffer).not.toBe(bytes.buffer);
    }
  });

  it('copy() of a flyweight view keeps the event it was taken from', () => {
    const kept = [];
    for (const ev of decodeEvents(STREAM, { byteOrder: 'little', reuseViews: true })) kept.push(ev.copy());
    expect(kept.map((k) => k.event_len)).toEqual([60, 88, 124]);
  });

  it('toObject() owns its bytes', () => {
    const bytes = STREAM.slice();
    const objects = [...decodeEvents(bytes, { byteOrder: 'little' })].map((v) => v.toObject());
    const snapshot = structuredClone(objects);
    bytes.fill(0);
    expect(objects).toEqual(snapshot);
  });
});

describe('flyweight mode', () => {
  it('yields one recycled event view and one recycled view per record type', () => {
    const events = new Set<object>();
    const byType = new Map<string, Set<object>>();
    for (const ev of decodeEvents(STREAM, { byteOrder: 'little', reuseViews: true })) {
      events.add(ev);
      for (const r of ev.records()) {
        const set = byType.get(r.type) ?? new Set<object>();
        set.add(r);
        byType.set(r.type, set);
      }
    }
    expect(events.size).toBe(1);
    expect([...byType.values()].map((s) => s.size)).toEqual([...byType.keys()].map(() => 1));
  });

  it('gives the same values as fresh views', () => {
    const fresh = [...decodeEvents(STREAM, { byteOrder: 'little' })].map((e) => e.toJSON());
    const reused: unknown[] = [];
    for (const ev of decodeEvents(STREAM, { byteOrder: 'little', reuseViews: true })) reused.push(ev.toJSON());
    expect(reused).toEqual(fresh);
  });
});

describe('record views', () => {
  /** Every record view of STREAM with the fields it reads, fresh and flyweight. */
  function recordsOf(reuseViews: boolean): { type: string; view: Record<string, unknown> }[] {
    const out: { type: string; view: Record<string, unknown> }[] = [];
    for (const ev of decodeEvents(STREAM, { byteOrder: 'little', reuseViews })) for (const r of ev.records()) out.push({ type: r.type, view: r as unknown as Record<string, unknown> });
    return out;
  }

  it('share one class across record types, so a consumer switching on r.type reads one shape', () => {
    for (const reuseViews of [false, true]) {
      const records = recordsOf(reuseViews);
      expect(new Set(records.map((r) => r.type)).size).toBeGreaterThan(1);
      expect(new Set(records.map((r) => Object.getPrototypeOf(r.view))).size).toBe(1);
    }
  });

  it('read undefined for the fields of other record types', () => {
    const seen = new Set<string>();
    for (const ev of decodeEvents(STREAM, { byteOrder: 'little' })) {
      for (const r of ev.records()) {
        const view = r as unknown as Record<string, unknown>;
        const own = new Set(Object.keys(r.toObject()));
        for (const field of ['pidfd', 'name', 'fsid', 'f_handle', 'handle_bytes', 'error', 'offset', 'mnt_id', 'data']) {
          if (own.has(field)) expect(view[field], `${r.type}.${field}`).not.toBeUndefined();
          else expect(view[field], `${r.type}.${field}`).toBeUndefined();
        }
        seen.add(r.type);
      }
    }
    expect([...seen].sort()).toEqual(expect.arrayContaining(['dfid_name', 'pidfd']));
  });

  it('fresh views kept past many slot tables read what the flyweight read at the time', () => {
    // Fresh views keep the slot table their records were framed into; the framing writes the next
    // events after them and moves to a new table when one is full, also mid-event (the big event
    // needs more rows than a table holds). Rejected events (nonzero padding, skipped leniently)
    // leave rows that the next event overwrites.
    const one = [...decodeEvents(VECTOR_1_MKDIR, { byteOrder: 'little' })][0]!.toObject() as { info: unknown[] };
    const big = encodeEvents([{ mask: 0x40000100n, fd: -1, pid: 1, info: Array.from({ length: 2000 }, (_, i) => one.info[i % one.info.length]) }] as never, { byteOrder: 'little' });
    const rejected = patched(VECTOR_2_RENAME, (_dv, u8) => (u8[62] = 1));
    const parts = Array.from({ length: 4000 }, (_, i) => (i % 397 === 50 ? big : i % 7 === 3 ? rejected : i % 2 ? VECTOR_2_RENAME : VECTOR_1_MKDIR));
    const stream = concatBytes(...parts);
    const options = { byteOrder: 'little', lenient: true } as const;
    const expected: unknown[] = [];
    for (const ev of decodeEvents(stream, { ...options, reuseViews: true })) expected.push(ev.toJSON());
    const batch = decodeEvents(stream, options);
    const kept = [...batch];
    expect(batch.malformed.map((e) => e.code)).toEqual(parts.filter((p) => p === rejected).map(() => 'DECODE_NONZERO_PADDING'));
    expect(kept).toHaveLength(parts.length - batch.malformed.length);
    expect(kept.map((e) => e.toJSON())).toEqual(expected);
    expect(kept.map((e) => e.recordCount)).toEqual(parts.filter((p) => p !== rejected).map((p) => (p === big ? 2000 : p === VECTOR_1_MKDIR ? 2 : 3)));
  });
});
