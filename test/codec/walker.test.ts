/**
 * The walker read path against the cursor it is built from: on valid and mutated streams, in
 * both byte orders, at every buffer alignment, for the kernel codec and codecs with compiled or
 * user-declared records, a walker calls its visitor with exactly the events and records (every
 * property, by the cursor's naming rule) a cursor walk reads, in the same order, and throws the
 * same `FanotifyDecodeError` after the same calls. Also: partial visitors, skipped events, the
 * refusals, the fallback where code cannot be compiled, and one walker per visitor.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createCodec,
  encodeEvents,
  eventWalker,
  FAN_CREATE,
  FAN_MODIFY,
  FanotifyDecodeError,
  type AnyRecordSchema,
  type EventVisitor,
  type FanotifyCodec,
} from '../../src/index.js';
import { fanotifyCodec } from '../../src/codec/codec.js';
import { cursorNames } from '../../src/codec/cursor-source.js';
import { infoRecord, kernelRecords, s16, s64, s8, struct, u16, u32, u64, u8, unknownRecordStruct } from '../../src/entries/schema.js';
import { fanotify_event_metadata } from '../../spec/structs/event-metadata.js';
import type { StructSchema } from '../../src/schema/struct.js';
import {
  arbAnyEvent,
  arbEncodedStream,
  arbErrorRecord,
  arbFidRecord,
  arbMntRecord,
  arbNameRecord,
  arbPidfdRecord,
  arbRangeRecord,
  arbUnknownRecord,
} from '../helpers/arbitraries.js';
import { embed } from '../helpers/bytes.js';
import type { KernelRecordInput } from '../helpers/expected-value.js';
import { arbMutated } from '../helpers/mutations.js';
import { rfcCodec } from '../helpers/rfc-fan-error-records.js';
import { summarize, type ErrorSummary } from '../helpers/transcript.js';

type Obj = Record<string, unknown>;
type Call = readonly unknown[];

/** Every property of `struct`'s fields on `o` (the cursor's naming rule, getters included). */
function propsOf(o: Obj, struct: StructSchema): Obj {
  const out: Obj = {};
  for (const f of struct.layout.fields) for (const n of cursorNames(f)) out[n] = o[n];
  return out;
}

/** What a call saw of the event: its position and every metadata property. */
function eventCall(kind: string, e: Obj): Call {
  return [kind, e['index'], e['byteOffset'], e['byteLength'], propsOf(e, fanotify_event_metadata)];
}

/** Builds the calls a visitor of every method records, and the error the walk ended with. */
function recorder<R extends AnyRecordSchema>(codec: FanotifyCodec<R>): { calls: Call[]; visitor: EventVisitor<R> } {
  const calls: Call[] = [];
  const visitor: Obj = {
    event: (e: Obj) => void calls.push(eventCall('event', e)),
    eventEnd: (e: Obj) => void calls.push(eventCall('end', e)),
  };
  const structs: [string, StructSchema][] = [...codec.records.map((r) => [r.type, r.struct] as [string, StructSchema]), ['unknown', unknownRecordStruct]];
  for (const [type, s] of structs) visitor[type] = (r: Obj, e: Obj) => void calls.push([type, r['type'], r['byteOffset'], r['byteLength'], e['index'], propsOf(r, s)]);
  return { calls, visitor: visitor as EventVisitor<R> };
}

interface Run {
  readonly calls: Call[];
  readonly error: ErrorSummary | undefined;
  readonly count?: number;
}

function caught(e: unknown): ErrorSummary {
  if (!(e instanceof FanotifyDecodeError)) throw e;
  return summarize(e);
}

/** The calls a walker makes on `bytes`. */
function walkerRun<R extends AnyRecordSchema>(codec: FanotifyCodec<R>, bytes: Uint8Array, byteOrder: 'little' | 'big' = 'little'): Run {
  const { calls, visitor } = recorder(codec);
  try {
    const count = codec.walker(visitor, { byteOrder }).walk(bytes);
    return { calls, error: undefined, count };
  } catch (e) {
    return { calls, error: caught(e) };
  }
}

/** The same calls, made from a cursor walk (the reference). */
function cursorRun<R extends AnyRecordSchema>(codec: FanotifyCodec<R>, bytes: Uint8Array, byteOrder: 'little' | 'big' = 'little'): Run {
  const { calls, visitor } = recorder(codec);
  const v = visitor as Record<string, (a: unknown, b?: unknown) => void>;
  const c = codec.cursor(bytes, { byteOrder });
  let count = 0;
  try {
    for (; c.nextEvent(); count++) {
      v['event']!(c);
      for (let r = c.nextRecord(); r !== null; r = c.nextRecord()) v[r.type]!(r, c);
      v['eventEnd']!(c);
    }
    return { calls, error: undefined, count };
  } catch (e) {
    return { calls, error: caught(e) };
  }
}

const arbValidOrMutated = fc.oneof(
  arbEncodedStream.map((s) => s.bytes),
  arbEncodedStream.chain(({ bytes }) => arbMutated(bytes)).map((m) => m.bytes),
);

// Runs of events that each hold one record of one type, or none (what a group mostly emits, and
// what a walker hands to a lane), with other events between the runs.
const arbNoRecords = fc.constant([] as KernelRecordInput[]);
const arbOneRecordRun = fc
  .tuple(
    fc.constantFrom(arbNoRecords, ...[arbPidfdRecord, arbRangeRecord, arbMntRecord, arbErrorRecord, arbFidRecord('fid'), arbNameRecord('dfid_name'), arbUnknownRecord].map((r) => r.map((x) => [x]))),
    fc.integer({ min: 1, max: 12 }),
  )
  .chain(([info, n]) => fc.array(fc.record({ mask: fc.constant(FAN_MODIFY), fd: fc.integer({ min: -1, max: 99 }), pid: fc.nat(1 << 22), info }), { minLength: n, maxLength: n }));
const arbLaneStream = fc
  .array(fc.oneof(arbOneRecordRun, fc.array(arbAnyEvent, { maxLength: 2 })), { minLength: 1, maxLength: 5 })
  .map((runs) => encodeEvents(runs.flat() as never))
  .chain((bytes) => fc.oneof(fc.constant(bytes), arbMutated(bytes).map((m) => m.bytes)));

const header = kernelRecords[0].struct.fields;
// A 64-bit field and a narrower one of the same name in two records: the record object keeps a
// stored number for that name (storedNumbers), every other 64-bit number is a getter.
const sharedNameCodec = createCodec({
  records: [
    ...kernelRecords,
    infoRecord(struct('wide_x', { info_type: header.info_type, pad: header.pad, len: header.len, hole: u32(), x: u64() }), { type: 'wide', infoType: 240 }),
    infoRecord(struct('narrow_x', { info_type: header.info_type, pad: header.pad, len: header.len, x: u32() }), { type: 'narrow', infoType: 241 }),
    infoRecord(struct('probe_packed', { info_type: header.info_type, pad: header.pad, len: header.len, k: u8(), i: u16(), c: u32(), h: s16(), e: s64(), j: s8() }, { packed: true }), { type: 'packed', infoType: 242 }),
  ],
});

describe('walker', () => {
  it('calls the visitor with what a cursor reads, on valid and mutated streams (property)', () => {
    fc.assert(
      fc.property(arbValidOrMutated, (bytes) => {
        expect(walkerRun(fanotifyCodec, bytes)).toEqual(cursorRun(fanotifyCodec, bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('reads runs of events with one record of the same type (its lanes) as a cursor does, on valid and mutated streams (property)', () => {
    fc.assert(
      fc.property(arbLaneStream, (bytes) => {
        expect(walkerRun(fanotifyCodec, bytes)).toEqual(cursorRun(fanotifyCodec, bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('reads big-endian streams and unaligned buffers alike (the cursor walk there) (property)', () => {
    fc.assert(
      fc.property(arbEncodedStream, fc.integer({ min: 1, max: 3 }), ({ events }, shift) => {
        const big = encodeEvents(events, { byteOrder: 'big' });
        expect(walkerRun(fanotifyCodec, big, 'big')).toEqual(cursorRun(fanotifyCodec, big, 'big'));
        const little = encodeEvents(events);
        const aligned = walkerRun(fanotifyCodec, little);
        expect(aligned.error).toBeUndefined();
        expect(walkerRun(fanotifyCodec, embed(little, { before: shift, after: 3 }))).toEqual(aligned);
      }),
      { numRuns: 200 },
    );
  });

  it('walks codecs compiled at run time and user-declared records as their cursors read them (property)', () => {
    const reversed = createCodec({ records: [...kernelRecords].reverse() });
    fc.assert(
      fc.property(arbValidOrMutated, (bytes) => {
        expect(walkerRun(reversed, bytes)).toEqual(cursorRun(fanotifyCodec, bytes));
        expect(walkerRun(rfcCodec, bytes)).toEqual(cursorRun(rfcCodec, bytes));
      }),
      { numRuns: 150 },
    );
  });

  it('reads 64-bit numbers exactly, where another record gives the name to a narrower field too', () => {
    const events = [
      { mask: FAN_CREATE | (1n << 40n), fd: -1, pid: 1, info: [{ type: 'wide', hole: 0, x: 2n ** 52n + 5n }, { type: 'narrow', x: 0xffff_fffe }, { type: 'mnt', mnt_id: 2n ** 33n + 1n }] },
      { mask: FAN_MODIFY, fd: 3, pid: 2, info: [{ type: 'packed', k: 1, i: 2, c: 2 ** 32 - 1, h: -3, e: -(2n ** 40n), j: -1 }, { type: 'range', range_pad: 0, offset: 2n ** 45n, count: 7n }] },
    ] as never;
    for (const byteOrder of ['little', 'big'] as const) {
      const bytes = sharedNameCodec.encodeEvents(events, { byteOrder });
      const run = walkerRun(sharedNameCodec, bytes, byteOrder);
      expect(run).toEqual(cursorRun(sharedNameCodec, bytes, byteOrder));
      const props = run.calls.filter((c) => c[0] !== 'event' && c[0] !== 'end').map((c) => c[5] as Obj);
      expect(props.map((p) => p['x'] ?? p['mnt_id'] ?? p['e'] ?? p['offset'])).toEqual([2 ** 52 + 5, 0xffff_fffe, 2 ** 33 + 1, -(2 ** 40), 2 ** 45]);
      expect(run.calls[0]![4]).toMatchObject({ mask: 2 ** 40 + Number(FAN_CREATE), mask_hi: 2 ** 8 });
    }
  });

  it('goes on past an unknown record of odd length, where records and events stop being 4-aligned', () => {
    const odd = { type: 'unknown' as const, info_type: 200, pad: 0, data: Uint8Array.of(7, 8, 9) };
    const bytes = encodeEvents([
      { mask: FAN_CREATE, fd: -1, pid: 1, info: [{ type: 'pidfd', pidfd: 9 }, odd, { type: 'pidfd', pidfd: 5 }] },
      { mask: FAN_CREATE, fd: 4, pid: 2, info: [{ type: 'mnt', mnt_id: 2n ** 35n }] },
    ]);
    const run = walkerRun(fanotifyCodec, bytes);
    expect(run.error).toBeUndefined();
    expect(run).toEqual(cursorRun(fanotifyCodec, bytes));
    expect(run.calls.map((c) => c[0])).toEqual(['event', 'pidfd', 'unknown', 'pidfd', 'end', 'event', 'mnt', 'end']);
  });

  it('calls only the methods a visitor has, and checks the records of an event it declines', () => {
    const good = encodeEvents([
      { mask: FAN_CREATE, fd: -1, pid: 1, info: [{ type: 'pidfd', pidfd: 3 }, { type: 'mnt', mnt_id: 8n }] },
      { mask: FAN_MODIFY, fd: -1, pid: 2, info: [{ type: 'pidfd', pidfd: 4 }] },
    ]);
    const seen: unknown[] = [];
    const walker = eventWalker({ event: (e) => e.hasMask(FAN_MODIFY), pidfd: (r, e) => void seen.push([e.pid, r.pidfd]) });
    expect(walker.walk(good)).toBe(2);
    expect(seen).toEqual([[2, 4]]);
    // A malformed record in the declined event is still found, with the validator's error.
    const bad = good.slice();
    bad[24 + 8 + 4] = 1; // the mnt record's implicit hole
    let expected: ErrorSummary | undefined;
    try {
      fanotifyCodec.validateEvents(bad);
    } catch (e) {
      expected = caught(e);
    }
    expect(expected).toBeDefined();
    expect(() => walker.walk(bad)).toThrow(FanotifyDecodeError);
    try {
      walker.walk(bad);
    } catch (e) {
      expect(caught(e)).toEqual(expected);
    }
  });

  it('one walker over several buffers in turn (the reads of one group) calls what a cursor per buffer reads (property)', () => {
    const arbSplit = arbOneRecordRun.chain((run) => fc.tuple(fc.constant(run), fc.array(arbOneRecordRun, { maxLength: 3 })));
    fc.assert(
      fc.property(arbSplit, ([first, rest]) => {
        const { calls, visitor } = recorder(fanotifyCodec);
        const walker = fanotifyCodec.walker(visitor);
        for (const events of [first, ...rest]) {
          const bytes = encodeEvents(events as never);
          calls.length = 0;
          const count = walker.walk(bytes);
          expect({ calls: [...calls], error: undefined, count }).toEqual(cursorRun(fanotifyCodec, bytes));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('checks the records of the events it declines inside a run of one record type (a lane), too', () => {
    const events = Array.from({ length: 10 }, (_, i) => ({ mask: FAN_MODIFY, fd: -1, pid: i, info: [{ type: 'pidfd' as const, pidfd: 100 + i }] }));
    const good = encodeEvents(events);
    const seen: number[] = [];
    const walker = eventWalker({ event: (e) => e.pid % 3 !== 0, pidfd: (r) => void seen.push(r.pidfd) });
    expect(walker.walk(good)).toBe(10);
    expect(seen).toEqual([101, 102, 104, 105, 107, 108]);
    // The last event (pid 9, declined) gets a pidfd record 4 bytes longer than a pidfd record is:
    // the lane still takes it (one record of its type), and rejects it at its len.
    const withPad = new Uint8Array(good.length + 4);
    withPad.set(good);
    const dv = new DataView(withPad.buffer);
    dv.setUint32(9 * 32, 36, true); // event_len
    dv.setUint16(9 * 32 + 24 + 2, 12, true); // the record's len
    withPad[9 * 32 + 32] = 1;
    let expected: ErrorSummary | undefined;
    try {
      fanotifyCodec.validateEvents(withPad);
    } catch (e) {
      expected = caught(e);
    }
    expect(expected).toMatchObject({ offset: 9 * 32 + 24 + 2, path: expect.stringMatching(/^event\[9\]/) });
    seen.length = 0;
    let got: ErrorSummary | undefined;
    try {
      walker.walk(withPad);
    } catch (e) {
      got = caught(e);
    }
    expect(got).toEqual(expected);
    expect(seen).toEqual([101, 102, 104, 105, 107, 108]);
  });

  it('takes byteOrder, baseOffset and firstIndex, and refuses other options', () => {
    const bytes = encodeEvents([{ mask: FAN_CREATE, fd: -1, pid: 1, info: [{ type: 'pidfd', pidfd: 3 }] }], { byteOrder: 'big' });
    const indexes: number[] = [];
    eventWalker({ event: (e) => void indexes.push(e.index) }, { byteOrder: 'big', firstIndex: 7 }).walk(bytes);
    expect(indexes).toEqual([7]);
    const cut = bytes.subarray(0, bytes.length - 1);
    let want: ErrorSummary | undefined;
    try {
      fanotifyCodec.validateEvents(cut, { byteOrder: 'big', baseOffset: 1000 });
    } catch (e) {
      want = caught(e);
    }
    expect(want?.offset).toBeGreaterThanOrEqual(1000);
    expect(() => eventWalker({}, { byteOrder: 'big', baseOffset: 1000 }).walk(cut)).toThrow(FanotifyDecodeError);
    try {
      eventWalker({}, { byteOrder: 'big', baseOffset: 1000 }).walk(cut);
    } catch (e) {
      expect(caught(e)).toEqual(want);
    }
    expect(() => eventWalker({}, { byteorder: 'big' } as never)).toThrow(expect.objectContaining({ code: 'ARGUMENT_UNKNOWN_OPTION', message: expect.stringMatching(/did you mean byteOrder/) }));
  });

  it('refuses a visitor it would silently ignore: unknown method names, non-functions, non-objects', () => {
    expect(() => eventWalker({ dfidname() {} } as never)).toThrow(expect.objectContaining({ code: 'ARGUMENT_BAD_VISITOR', message: expect.stringMatching(/did you mean dfid_name/) }));
    expect(() => eventWalker({ pidfd: 3 } as never)).toThrow(expect.objectContaining({ code: 'ARGUMENT_BAD_VISITOR', message: expect.stringMatching(/visitor.pidfd must be a function/) }));
    expect(() => eventWalker(null as never)).toThrow(expect.objectContaining({ code: 'ARGUMENT_BAD_VISITOR' }));
    // A class instance may carry state and helpers of its own.
    class Counter {
      n = 0;
      private add(k: number): void {
        this.n += k;
      }
      pidfd(): void {
        this.add(1);
      }
    }
    const counter = new Counter();
    eventWalker(counter).walk(encodeEvents([{ mask: FAN_CREATE, fd: -1, pid: 1, info: [{ type: 'pidfd', pidfd: 3 }, { type: 'pidfd', pidfd: 4 }] }]));
    expect(counter.n).toBe(2);
    const clash = createCodec({ records: [infoRecord(struct('ev', { info_type: header.info_type, pad: header.pad, len: header.len }), { type: 'event', infoType: 250 })] });
    expect(() => clash.walker({})).toThrow(expect.objectContaining({ code: 'ARGUMENT_BAD_VISITOR', message: expect.stringMatching(/record type 'event'/) }));
  });

  it('is not re-entered from its own visitor, and walks again after a throw', () => {
    const bytes = encodeEvents([{ mask: FAN_CREATE, fd: -1, pid: 1, info: [] }]);
    let inner: unknown;
    const walker = eventWalker({
      event() {
        try {
          walker.walk(bytes);
        } catch (e) {
          inner = e;
        }
        throw new Error('visitor failed');
      },
    });
    expect(() => walker.walk(bytes)).toThrow('visitor failed');
    expect(inner).toMatchObject({ code: 'ARGUMENT_BAD_VISITOR' });
    const ok = eventWalker({});
    expect(ok.walk(bytes)).toBe(1);
    expect(ok.walk(bytes)).toBe(1);
  });

  it('gives each visitor its own walker: several walkers of one codec, interleaved, each see their own calls', () => {
    const bytes = encodeEvents([{ mask: FAN_CREATE, fd: -1, pid: 5, info: [{ type: 'pidfd', pidfd: 3 }, { type: 'mnt', mnt_id: 9n }] }]);
    const a: number[] = [];
    const b: number[] = [];
    const wa = eventWalker({ pidfd: (r) => void a.push(r.pidfd) });
    const wb = eventWalker({ mnt: (r) => void b.push(r.mnt_id), event: (e) => void b.push(e.pid) });
    for (let i = 0; i < 3; i++) {
      wa.walk(bytes);
      wb.walk(bytes);
    }
    expect(a).toEqual([3, 3, 3]);
    expect(b).toEqual([5, 9, 5, 9, 5, 9]);
  });

  it('where run-time compilation is forbidden, the kernel codec still walks (through its cursor); a user codec refuses', () => {
    const original = globalThis.Function;
    globalThis.Function = function () {
      throw new EvalError('code generation from strings disallowed');
    } as unknown as FunctionConstructor;
    try {
      const bytes = encodeEvents([{ mask: FAN_CREATE, fd: -1, pid: 3, info: [{ type: 'pidfd', pidfd: 5 }, { type: 'mnt', mnt_id: 4n }] }]);
      expect(walkerRun(fanotifyCodec, bytes)).toEqual(cursorRun(fanotifyCodec, bytes));
      const user = createCodec({ records: [...kernelRecords].reverse() });
      expect(() => user.walker({})).toThrow(expect.objectContaining({ code: 'ARGUMENT_NO_CURSOR', message: expect.stringMatching(/^walker\(\)/) }));
    } finally {
      globalThis.Function = original;
    }
  });
});
