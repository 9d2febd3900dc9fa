/**
 * The cursor read path against the views: on arbitrary and mutated streams, a cursor walk reads
 * the same values (every field, by the cursor's naming rule) and throws the same
 * `FanotifyDecodeError` at the same event; the cursor compiled at run time for a codec reads
 * exactly what the build-time generated kernel cursor reads; records left unread are still
 * checked; user-declared records read through their own compiled cursor.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createCodec,
  decodeEventObjects,
  decodeEvents,
  encodeEvents,
  eventCursor,
  FAN_CLOSE,
  FAN_CREATE,
  FAN_ONDIR,
  FanotifyDecodeError,
  type AnyRecordSchema,
  type EventCursor,
  type FanotifyCodec,
} from '../../src/index.js';
import { fanotifyCodec } from '../../src/codec/codec.js';
import { infoRecord, kernelRecords, s16, s32, s64, s8, struct, u16, u32, u64, u8, unknownRecordStruct } from '../../src/entries/schema.js';
import type { StructSchema } from '../../src/schema/struct.js';
import { arbEncodedStream } from '../helpers/arbitraries.js';
import { embed } from '../helpers/bytes.js';
import { arbMutated } from '../helpers/mutations.js';
import { RFC_FAN_ERROR, rfcCodec } from '../helpers/rfc-fan-error-records.js';
import { summarize, type ErrorSummary } from '../helpers/transcript.js';

type Values = Record<string, unknown>;

/** A record's fields as the cursor holds them, converted back to the view's value types by the naming rule. */
function cursorValues(r: Values & { bytes(f: string): Uint8Array; bigint(f: string): bigint }, struct: StructSchema): Values {
  const out: Values = { type: r['type'] };
  for (const f of struct.layout.fields) {
    const field = f.field;
    if (field.kind === 'scalar') {
      const wide = field.scalar === 'u64' || field.scalar === 's64';
      if (wide) {
        // The number is the value where it is exact, and the words are its two halves.
        const big = r.bigint(f.name);
        if (big <= BigInt(Number.MAX_SAFE_INTEGER) && big >= -BigInt(Number.MAX_SAFE_INTEGER)) expect(r[f.name]).toBe(Number(big));
        out[f.name] = big;
      } else out[f.name] = r[f.name];
    } else if (field.kind === 'array') out[f.name] = Array.from({ length: field.count }, (_, i) => r[`${f.name}_${i}`]);
    else out[f.name] = r.bytes(f.name);
  }
  return out;
}

interface Walk {
  readonly events: Values[];
  readonly error: ErrorSummary | undefined;
}

/** Every event and record through a cursor, as plain values (records of unknown types by the unknown layout). */
function cursorWalk<R extends AnyRecordSchema>(codec: FanotifyCodec<R>, bytes: Uint8Array, byteOrder: 'little' | 'big' = 'little'): Walk {
  const structs = new Map<string, StructSchema>([...codec.records.map((r) => [r.type, r.struct] as const), ['unknown', unknownRecordStruct]]);
  const events: Values[] = [];
  const c = codec.cursor(bytes, { byteOrder });
  try {
    while (c.nextEvent()) {
      const info: Values[] = [];
      for (let r = c.nextRecord(); r !== null; r = c.nextRecord()) info.push(cursorValues(r as unknown as Parameters<typeof cursorValues>[0], structs.get(r.type)!));
      expect((c as unknown as Values)['mask']).toBe(Number(c.bigint('mask')));
      events.push({ event_len: c.event_len, vers: c.vers, reserved: c.reserved, metadata_len: c.metadata_len, mask: c.bigint('mask'), fd: c.fd, pid: c.pid, info });
    }
    return { events, error: undefined };
  } catch (e) {
    if (!(e instanceof FanotifyDecodeError)) throw e;
    return { events, error: summarize(e) };
  }
}

/** The same walk through fresh views. */
function viewWalk<R extends AnyRecordSchema>(codec: FanotifyCodec<R>, bytes: Uint8Array, byteOrder: 'little' | 'big' = 'little'): Walk {
  const events: Values[] = [];
  try {
    for (const ev of codec.decodeEvents(bytes, { byteOrder })) {
      const info: Values[] = [];
      for (const r of ev.records()) {
        const { info_type: _t, ...rest } = r.toObject() as Values;
        info.push({ type: r.type, info_type: _t, ...rest });
      }
      events.push({ event_len: ev.event_len, vers: ev.vers, reserved: ev.reserved, metadata_len: ev.metadata_len, mask: ev.mask, fd: ev.fd, pid: ev.pid, info });
    }
    return { events, error: undefined };
  } catch (e) {
    if (!(e instanceof FanotifyDecodeError)) throw e;
    return { events, error: summarize(e) };
  }
}

/** Events up to the failing one agree; the views hand out no event the cursor rejected. */
function expectSameWalk(cursor: Walk, views: Walk): void {
  expect(cursor.error).toEqual(views.error);
  // The cursor hands out an event before checking all of its records, so a failing event may
  // be one event further along in the cursor's list: compare the events both completed.
  expect(cursor.events.slice(0, views.events.length)).toEqual(views.events);
  expect(cursor.events.length - views.events.length).toBeLessThanOrEqual(views.error ? 1 : 0);
}

// Records with every scalar kind: one naturally aligned (16-bit halves of a word, a 64-bit
// value after a hole), one packed with each field off its natural alignment (word reads fall
// back to view reads there, see cursor-reads.ts).
const header = kernelRecords[0].struct.fields;
const probeCodec = createCodec({
  records: [
    infoRecord(struct('probe_aligned', { info_type: header.info_type, pad: header.pad, len: header.len, h: s16(), i: u16(), j: s8(), k: u8(), l: s16(), m: s64() }), { type: 'aligned', infoType: 240 }),
    infoRecord(struct('probe_packed', { info_type: header.info_type, pad: header.pad, len: header.len, k: u8(), i: u16(), c: u32(), h: s16(), e: u64(), j: s8(), g: s32() }, { packed: true }), { type: 'packed', infoType: 241 }),
  ],
});

/** Bytes of a valid stream, or of a mutated one. */
const arbValidOrMutated = fc.oneof(
  arbEncodedStream.map((s) => s.bytes),
  arbEncodedStream.chain(({ bytes }) => arbMutated(bytes)).map((m) => m.bytes),
);

// A codec with the kernel's records in another order: not the kernel set, so its cursor is
// compiled at run time from the generator that wrote the kernel cursor.
const compiledKernel = createCodec({ records: [...kernelRecords].reverse() });

/** Runs `f` where `new Function` throws, as a Content-Security-Policy without unsafe-eval makes it. */
function withoutCodeGeneration<T>(f: () => T): T {
  const original = globalThis.Function;
  globalThis.Function = function () {
    throw new EvalError('code generation from strings disallowed');
  } as unknown as FunctionConstructor;
  try {
    return f();
  } finally {
    globalThis.Function = original;
  }
}

describe('cursor', () => {
  it('reads what the views read, on valid streams in both byte orders (property)', () => {
    fc.assert(
      fc.property(arbEncodedStream, fc.constantFrom('little' as const, 'big' as const), ({ events }, order) => {
        const bytes = encodeEvents(events, { byteOrder: order });
        const walk = cursorWalk(fanotifyCodec, bytes, order);
        expect(walk.error).toBeUndefined();
        expectSameWalk(walk, viewWalk(fanotifyCodec, bytes, order));
      }),
    );
  });

  it('throws the validator’s error on mutated streams, after the same events (property)', () => {
    fc.assert(
      fc.property(
        arbEncodedStream.chain(({ bytes }) => arbMutated(bytes)),
        ({ bytes }) => {
          expectSameWalk(cursorWalk(fanotifyCodec, bytes), viewWalk(fanotifyCodec, bytes));
        },
      ),
    );
  });

  it('compiled at run time, reads exactly what the generated kernel cursor reads (property)', () => {
    fc.assert(
      fc.property(
        arbValidOrMutated,
        (bytes) => {
          expect(cursorWalk(compiledKernel, bytes)).toEqual(cursorWalk(fanotifyCodec, bytes));
          expect(objectsOrError(compiledKernel, bytes)).toEqual(objectsOrError(fanotifyCodec, bytes));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('checks records nobody read before moving to the next event', () => {
    const good = encodeEvents([{ mask: FAN_CREATE, fd: -1, pid: 1, info: [{ type: 'pidfd', pidfd: 3 }, { type: 'pidfd', pidfd: 4 }] }]);
    const bad = good.slice();
    // The second record's len says 12 where its content is 8: a RECORD_PAST_EVENT nobody reads.
    new DataView(bad.buffer).setUint16(24 + 8 + 2, 12, true);
    const c = eventCursor(bad);
    expect(c.nextEvent()).toBe(true);
    let error: unknown;
    try {
      c.nextEvent();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FanotifyDecodeError);
    let expected: unknown;
    try {
      validateAll(bad);
    } catch (e) {
      expected = e;
    }
    expect(summarize(error as FanotifyDecodeError)).toEqual(summarize(expected as FanotifyDecodeError));
    // The walk is over after an error.
    expect(c.nextEvent()).toBe(false);
  });

  it('tests mask bits without a bigint, and gives the exact mask on request', () => {
    const bytes = encodeEvents([{ mask: FAN_CREATE | FAN_ONDIR | (1n << 40n), fd: -1, pid: 1 }]);
    const c = eventCursor(bytes);
    expect(c.nextEvent()).toBe(true);
    expect(c.hasMask(FAN_CREATE)).toBe(true);
    expect(c.hasMask(FAN_CREATE | FAN_ONDIR)).toBe(true);
    expect(c.hasMask(FAN_CLOSE)).toBe(false);
    expect(c.hasAnyMask(FAN_CLOSE | FAN_CREATE)).toBe(true);
    expect(c.hasMask(2 ** 40)).toBe(true);
    expect(c.hasMask(2 ** 41)).toBe(false);
    expect(c.mask_hi).toBe(1 << 8);
    expect(c.bigint('mask')).toBe(FAN_CREATE | FAN_ONDIR | (1n << 40n));
    expect(c.maskNames()).toContain('FAN_CREATE');
  });

  it('hands out byte fields as offsets, and views, strings and owned objects on request', () => {
    const handle = Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8);
    const bytes = encodeEvents([{ mask: FAN_CREATE, fd: -1, pid: 9, info: [{ type: 'dfid_name', fsid: [5, -6], handle_type: 1, f_handle: handle, name: 'hello' }] }]);
    const c = eventCursor(bytes);
    expect(c.nextEvent()).toBe(true);
    const r = c.nextRecord();
    if (r === null || r.type !== 'dfid_name') throw new Error('expected a dfid_name record');
    expect([r.fsid_0, r.fsid_1, r.handle_bytes, r.handle_type]).toEqual([5, -6, 8, 1]);
    expect(c.buffer.subarray(r.f_handle_start, r.f_handle_start + r.f_handle_length)).toEqual(handle);
    expect(r.bytes('f_handle').buffer).toBe(bytes.buffer);
    expect(r.text('name')).toBe('hello');
    const owned = r.toObject();
    expect(owned).toEqual(decodeEventObjects(bytes)[0]!.info[0]);
    expect(owned.f_handle.buffer).not.toBe(bytes.buffer);
    expect(c.nextRecord()).toBeNull();
    expect(c.nextEvent()).toBe(false);
  });

  it('builds plain objects with owned byte fields of every size, for events of zero to five records', () => {
    const rec = (n: number) => ({ type: 'dfid_name' as const, fsid: [1, 2] as [number, number], handle_type: 1, f_handle: Uint8Array.from({ length: n }, (_, i) => i + 1), name: 'n'.repeat(n) });
    const events = [0, 1, 2, 3, 5].map((k, e) => ({ mask: FAN_CREATE, fd: -1, pid: e, info: Array.from({ length: k }, (_, i) => rec([8, 47, 48, 49, 120][i]!)) }));
    const bytes = encodeEvents(events);
    const objects = decodeEventObjects(bytes);
    expect(objects).toEqual([...decodeEvents(bytes)].map((ev) => ev.toObject()));
    expect(objects.map((o) => o.info.length)).toEqual([0, 1, 2, 3, 5]);
    const lengths = objects[4]!.info.map((r) => (r.type === 'dfid_name' ? [r.f_handle.length, r.name.length] : []));
    expect(lengths).toEqual([[8, 8], [47, 47], [48, 48], [49, 49], [120, 120]]);
    const before = structuredClone(objects);
    bytes.fill(0xee);
    expect(objects).toEqual(before);
  });

  it('is reset onto the next buffer without a new cursor, and keeps counting from firstIndex', () => {
    const one = encodeEvents([{ mask: FAN_CREATE, fd: -1, pid: 1 }]);
    const two = encodeEvents([{ mask: FAN_CREATE, fd: -1, pid: 2 }, { mask: FAN_CREATE, fd: -1, pid: 3 }]);
    const c: EventCursor<(typeof kernelRecords)[number]> = eventCursor(one, { firstIndex: 10 });
    const pids: number[] = [];
    while (c.nextEvent()) pids.push(c.pid * 100 + c.index);
    c.reset(two);
    while (c.nextEvent()) pids.push(c.pid * 100 + c.index);
    expect(pids).toEqual([110, 210, 311]);
  });

  // Word reads (cursor-reads.ts) serve little-endian streams whose events and records start
  // 4-aligned; anything else takes the view reads. Both must read and reject exactly alike.
  it('reads and rejects the same at every byteOffset, word reads or view reads (property)', () => {
    fc.assert(
      fc.property(
        arbValidOrMutated,
        fc.integer({ min: 1, max: 3 }),
        (bytes, shift) => {
          const aligned = cursorWalk(fanotifyCodec, embed(bytes, { before: 0, after: 0 }));
          expect(cursorWalk(fanotifyCodec, embed(bytes, { before: shift, after: 3 }))).toEqual(aligned);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads every scalar kind at aligned and packed (misaligned) offsets as the views do (property)', () => {
    const value = { h: fc.integer({ min: -32768, max: 32767 }), i: fc.integer({ min: 0, max: 65535 }), j: fc.integer({ min: -128, max: 127 }), k: fc.integer({ min: 0, max: 255 }) };
    const arbRecords = fc.tuple(
      fc.record({ type: fc.constant('aligned' as const), ...value, l: fc.integer({ min: -32768, max: 32767 }), m: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }) }),
      fc.record({ type: fc.constant('packed' as const), ...value, c: fc.integer({ min: 0, max: 2 ** 32 - 1 }), e: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), g: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }) }),
    );
    fc.assert(
      fc.property(arbRecords, fc.constantFrom('little' as const, 'big' as const), (info, order) => {
        const bytes = probeCodec.encodeEvents([{ mask: FAN_CREATE, fd: -1, pid: 7, info } as never], { byteOrder: order });
        const walk = cursorWalk(probeCodec, bytes, order);
        expect(walk.error).toBeUndefined();
        expectSameWalk(walk, viewWalk(probeCodec, bytes, order));
      }),
      { numRuns: 200 },
    );
  });

  it('reads on past an unknown record of odd length, where events and records stop being 4-aligned', () => {
    const odd = { type: 'unknown' as const, info_type: 200, pad: 0, data: Uint8Array.of(7, 8, 9) };
    const events = [
      { mask: FAN_CREATE, fd: -1, pid: 1, info: [odd, { type: 'pidfd' as const, pidfd: 5 }] },
      { mask: FAN_CREATE | (1n << 33n), fd: 4, pid: 2, info: [{ type: 'range' as const, range_pad: 0, offset: 2n ** 40n + 3n, count: 9n }, { type: 'mnt' as const, mnt_id: 2n ** 35n }] },
    ];
    const bytes = encodeEvents(events);
    // The unknown record is 4 + 3 bytes: the pidfd record after it starts at 24 + 7.
    expect(new DataView(bytes.buffer).getUint16(24 + 2, true)).toBe(7);
    const walk = cursorWalk(fanotifyCodec, bytes);
    expect(walk.error).toBeUndefined();
    expectSameWalk(walk, viewWalk(fanotifyCodec, bytes));
    expect(walk.events.map((e) => e['pid'])).toEqual([1, 2]);
    expect((walk.events[1]!['info'] as Values[]).map((r) => r['type'])).toEqual(['range', 'mnt']);
  });

  it('reset onto a shorter view of the same buffer reads nothing past its end', () => {
    const bytes = encodeEvents([
      { mask: FAN_CREATE, fd: -1, pid: 1, info: [{ type: 'pidfd', pidfd: 3 }] },
      { mask: FAN_CREATE, fd: -1, pid: 2, info: [{ type: 'pidfd', pidfd: 4 }] },
    ]);
    const c = eventCursor(bytes);
    while (c.nextEvent()) while (c.nextRecord() !== null);
    // The second event cut off inside its pidfd record: the end is the view's, not the buffer's,
    // so its event_len runs past the end (the words of the whole buffer are still at hand).
    const cut = bytes.subarray(0, bytes.length - 2);
    c.reset(cut);
    const fresh = cursorWalk(fanotifyCodec, cut.slice());
    expect(fresh.error).toBeDefined();
    let error: unknown;
    const pids: number[] = [];
    try {
      while (c.nextEvent()) {
        pids.push(c.pid);
        while (c.nextRecord() !== null);
      }
    } catch (e) {
      error = e;
    }
    expect(summarize(error as FanotifyDecodeError)).toEqual(fresh.error);
    expect(pids).toEqual([1]);
  });

  it('reset onto shorter and longer views of one buffer, in either byte order, walks as a fresh cursor does', () => {
    for (const byteOrder of ['little', 'big'] as const) {
      const events = [1, 2, 3].map((pid) => ({ mask: FAN_CREATE, fd: -1, pid, info: [{ type: 'dfid_name' as const, fsid: [1, 2] as [number, number], handle_type: 1, f_handle: Uint8Array.of(9, 8, 7, 6), name: `n${pid}` }] }));
      const bytes = encodeEvents(events, { byteOrder });
      // Made on the shortest view, so the longer ones need views of their own.
      const c = eventCursor(bytes.subarray(0, 40), { byteOrder });
      for (const end of [bytes.length - 5, bytes.length, 40, bytes.length - 1, bytes.length]) {
        const view = bytes.subarray(0, end);
        c.reset(view);
        const got: Values[] = [];
        let error: unknown;
        try {
          while (c.nextEvent()) for (let r = c.nextRecord(); r !== null; r = c.nextRecord()) got.push({ pid: c.pid, name: r.type === 'dfid_name' ? r.text('name') : '' });
        } catch (e) {
          error = e;
        }
        const fresh = cursorWalk(fanotifyCodec, view.slice(), byteOrder);
        expect(error === undefined ? undefined : summarize(error as FanotifyDecodeError)).toEqual(fresh.error);
        expect(got.map((g) => g['pid'])).toEqual(fresh.events.map((e) => e['pid']));
      }
    }
  });

  it('accepts and rejects what the validator does, records without a tail among them (property)', () => {
    // A codec made where run-time compilation is forbidden frames every event with the validator
    // itself: the reference for the generated checks, which a codec's views frame with. A
    // record without a tail (pidfd, error, range, mnt; both probe records) is checked by one
    // exact length test and its padding bytes (cursor-source.ts' checkBody).
    const records: readonly (readonly AnyRecordSchema[])[] = [[...kernelRecords].reverse(), probeCodec.records];
    const [kernel, probe] = withoutCodeGeneration(() =>
      records.map((r) => {
        const codec: FanotifyCodec<AnyRecordSchema> = createCodec({ records: r });
        // A codec chooses its framing on first use: use it here, where it can only be the validator.
        expect([...codec.decodeEvents(new Uint8Array(0))]).toEqual([]);
        expect(() => codec.cursor(new Uint8Array(0))).toThrow(expect.objectContaining({ code: 'ARGUMENT_NO_CURSOR' }));
        return codec;
      }),
    ) as [FanotifyCodec<AnyRecordSchema>, FanotifyCodec<AnyRecordSchema>];
    // A pidfd record 4 bytes longer than its size, the 4 bytes zero; the packed probe record
    // (26 bytes of content, 28 with padding) with its last padding byte set.
    const long = encodeEvents([{ mask: FAN_CREATE, fd: -1, pid: 3, info: [{ type: 'pidfd', pidfd: 5 }] }]);
    const longer = new Uint8Array(long.length + 4);
    longer.set(long);
    new DataView(longer.buffer).setUint32(0, longer.length, true);
    new DataView(longer.buffer).setUint16(24 + 2, 12, true);
    const packed = probeCodec.encodeEvents([{ mask: FAN_CREATE, fd: -1, pid: 3, info: [{ type: 'packed', k: 1, i: 2, c: 3, h: 4, e: 5n, j: 6, g: 7 }] } as never]);
    expect(new DataView(packed.buffer).getUint16(24 + 2, true)).toBe(28);
    packed[24 + 27] = 1;
    const cases: [FanotifyCodec<AnyRecordSchema>, FanotifyCodec<AnyRecordSchema>, Uint8Array][] = [
      [fanotifyCodec as unknown as FanotifyCodec<AnyRecordSchema>, kernel, longer],
      [probeCodec as unknown as FanotifyCodec<AnyRecordSchema>, probe, packed],
    ];
    for (const [generated, reference, bytes] of cases) {
      const walk = viewWalk(generated, bytes);
      expect(walk.error).toMatchObject({ code: expect.stringMatching(/^DECODE_/) });
      expect(walk).toEqual(viewWalk(reference, bytes));
    }
    const arbProbe = fc
      .array(fc.record({ type: fc.constantFrom('aligned' as const, 'packed' as const), k: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 3 })
      .map((info) => probeCodec.encodeEvents([{ mask: FAN_CREATE, fd: -1, pid: 7, info: info.map((r) => ({ h: 0, i: 0, j: 0, ...(r.type === 'aligned' ? { l: 0, m: 0n } : { c: 0, e: 0n, g: 0 }), ...r })) } as never]));
    fc.assert(
      fc.property(arbEncodedStream.chain(({ bytes }) => arbMutated(bytes)), ({ bytes }) => {
        expect(viewWalk(fanotifyCodec, bytes)).toEqual(viewWalk(kernel, bytes));
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(arbProbe.chain((bytes) => arbMutated(bytes)), ({ bytes }) => {
        expect(viewWalk(probeCodec, bytes)).toEqual(viewWalk(probe, bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('where run-time compilation is forbidden, a user codec still decodes and validates; only cursor() refuses', () => {
    withoutCodeGeneration(() => {
      const codec = createCodec({ records: [...kernelRecords].reverse() });
      const bytes = encodeEvents([{ mask: FAN_CREATE, fd: -1, pid: 3, info: [{ type: 'pidfd', pidfd: 5 }] }]);
      expect(codec.validateEvents(bytes)).toBe(1);
      expect(codec.decodeEventObjects(bytes)).toEqual(decodeEventObjects(bytes));
      // The views fall back to the validator's framing and a record view class built from closures.
      for (const reuseViews of [false, true]) {
        const records = [...codec.decodeEvents(bytes, { reuseViews })].flatMap((ev) => [...ev.records()].map((r) => ({ r: r as unknown as Record<string, unknown>, json: r.toJSON() })));
        expect(records.map(({ r }) => [r['type'], r['pidfd'], r['len'], r['fsid']])).toEqual([['pidfd', 5, 8, undefined]]);
        expect(records[0]!.json).toEqual({ info_type: 4, info_type_name: 'FAN_EVENT_INFO_TYPE_PIDFD', pad: 0, len: 8, pidfd: 5 });
      }
      expect(() => codec.cursor(bytes)).toThrow(expect.objectContaining({ code: 'ARGUMENT_NO_CURSOR', message: expect.stringMatching(/no cursor/) }));
    });
  });

  it('refuses options it does not know', () => {
    expect(() => eventCursor(new Uint8Array(0), { byteorder: 'big' } as never)).toThrow(expect.objectContaining({ code: 'ARGUMENT_UNKNOWN_OPTION', message: expect.stringMatching(/cursor: unknown option 'byteorder' \(did you mean byteOrder\?\)/) }));
  });

  it('reports errors at baseOffset like validateEvents', () => {
    const bytes = encodeEvents([{ mask: FAN_CREATE, fd: -1, pid: 1 }]);
    bytes[4] = 2;
    const c = eventCursor(bytes, { baseOffset: 1000, firstIndex: 5 });
    expect(() => c.nextEvent()).toThrow(FanotifyDecodeError);
    try {
      eventCursor(bytes, { baseOffset: 1000, firstIndex: 5 }).nextEvent();
    } catch (e) {
      expect(summarize(e as FanotifyDecodeError)).toEqual({ code: 'DECODE_BAD_VERSION', offset: 1004, path: 'event[5].vers' });
    }
  });

  it('reads user-declared records through the codec’s compiled cursor, with the same values as the views', () => {
    const bytes = rfcCodec.encodeEvents([
      {
        mask: RFC_FAN_ERROR,
        fd: -1,
        pid: 4,
        info: [
          { type: 'location', line: 1234, function: 'ext4_lookup' },
          { type: 'error', version: 1, error: 117, fsid: 0x1_0000_0005n },
          { type: 'fsdata', data: Uint8Array.of(9, 8, 7) },
        ],
      } as never,
    ]);
    const walk = cursorWalk(rfcCodec, bytes);
    expect(walk.error).toBeUndefined();
    expectSameWalk(walk, viewWalk(rfcCodec, bytes));
    expect((walk.events[0]!['info'] as Values[]).map((r) => r['type'])).toEqual(['location', 'error', 'fsdata']);
  });
});

function objectsOrError<R extends AnyRecordSchema>(codec: FanotifyCodec<R>, bytes: Uint8Array): unknown {
  try {
    return codec.decodeEventObjects(bytes, { byteOrder: 'little' });
  } catch (e) {
    if (!(e instanceof FanotifyDecodeError)) throw e;
    return summarize(e);
  }
}

function validateAll(bytes: Uint8Array): void {
  for (const _ of decodeEvents(bytes)) void _;
}

