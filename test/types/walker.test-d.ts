/**
 * Type tests of the walker: each visitor method gets the cursor record of its own type (so a
 * `dfid_name` method sees `name_start`, a `mnt` method does not), the event is the cursor's
 * event without its moves, unknown method names and wrong signatures are compile errors, and
 * user-declared records get methods of their own.
 */
import { describe, expectTypeOf, test } from 'vitest';
import type { CursorRecord, EventVisitor, EventWalker, KernelRecordSchema, UnknownCursorRecord, WalkEvent } from '../../src/index.js';
import { createCodec, eventWalker } from '../../src/index.js';
import { kernelRecords, type dfidNameRecord, type mntRecord } from '../../src/entries/schema.js';
import { locationRecord } from '../helpers/rfc-fan-error-records.js';

describe('walker visitors', () => {
  test('each method receives its own record type and the event', () => {
    const w = eventWalker({
      dfid_name(r, e) {
        expectTypeOf(r).toEqualTypeOf<CursorRecord<typeof dfidNameRecord>>();
        expectTypeOf(r.name_start).toEqualTypeOf<number>();
        expectTypeOf(e).toEqualTypeOf<WalkEvent<KernelRecordSchema>>();
        expectTypeOf(e.pid).toEqualTypeOf<number>();
        expectTypeOf(e.hasMask).toBeFunction();
      },
      mnt(r) {
        expectTypeOf(r).toEqualTypeOf<CursorRecord<typeof mntRecord>>();
        expectTypeOf(r.mnt_id).toEqualTypeOf<number>();
        // @ts-expect-error: a mnt record has no name
        void r.name_start;
      },
      unknown(r) {
        expectTypeOf(r).toEqualTypeOf<UnknownCursorRecord>();
      },
      event(e) {
        // @ts-expect-error: the walker owns the moves
        e.nextEvent();
        return e.hasMask(1);
      },
    });
    expectTypeOf(w).toEqualTypeOf<EventWalker>();
    expectTypeOf(w.walk).returns.toEqualTypeOf<number>();
  });

  test('unknown method names and wrong signatures do not compile', () => {
    // @ts-expect-error: no record type is called dfidname
    eventWalker({ dfidname() {} });
    // @ts-expect-error: event returns a boolean or nothing
    eventWalker({ event: () => 3 });
  });

  test('user-declared records get methods of their own', () => {
    const codec = createCodec({ records: [...kernelRecords, locationRecord] });
    type V = EventVisitor<(typeof codec.records)[number]>;
    expectTypeOf<keyof V>().toEqualTypeOf<'event' | 'eventEnd' | 'unknown' | (typeof codec.records)[number]['type']>();
    codec.walker({
      [locationRecord.type](r: CursorRecord<typeof locationRecord>) {
        expectTypeOf(r.type).toEqualTypeOf<typeof locationRecord.type>();
      },
    });
  });
});
