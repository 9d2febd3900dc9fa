/**
 * Type tests of the cursor read path: `switch (r.type)` narrows the cursor's record object to
 * exactly that record's fields as numbers and offsets (by the naming rule of `CursorFields`),
 * the byte-field and 64-bit accessors take only that record's field names, and user-declared
 * records get the same treatment.
 */
import { describe, expectTypeOf, test } from 'vitest';
import type { CursorRecordMembers, CursorRecordOf, EventCursor, KernelRecordSchema } from '../../src/index.js';
import { createCodec, eventCursor } from '../../src/index.js';
import { kernelRecords, type rangeRecord, type RecordValue } from '../../src/entries/schema.js';
import { fsdataRecord, locationRecord } from '../helpers/rfc-fan-error-records.js';
import type { Flat } from './helpers.js';

type AnyRecord = CursorRecordOf<KernelRecordSchema>;
/** The fields of the cursor record of type `T` (without the members every record has). */
type Fields<T extends AnyRecord['type']> = Flat<Omit<Extract<AnyRecord, { type: T }>, keyof CursorRecordMembers<never, never, unknown>>>;
type Header = { readonly info_type: number; readonly pad: number; readonly len: number };
type Fid = Header & { readonly fsid_0: number; readonly fsid_1: number; readonly handle_bytes: number; readonly handle_type: number; readonly f_handle_start: number; readonly f_handle_length: number };

describe('cursor records', () => {
  test('the record types of the kernel codec', () => {
    expectTypeOf<AnyRecord['type']>().toEqualTypeOf<'fid' | 'dfid_name' | 'dfid' | 'pidfd' | 'error' | 'range' | 'mnt' | 'old_dfid_name' | 'new_dfid_name' | 'unknown'>();
  });

  test('each type has exactly its fields, as numbers and offsets', () => {
    expectTypeOf<Fields<'pidfd'>>().toEqualTypeOf<Flat<Header & { readonly type: 'pidfd'; readonly pidfd: number }>>();
    expectTypeOf<Fields<'fid'>>().toEqualTypeOf<Flat<Fid & { readonly type: 'fid' }>>();
    expectTypeOf<Fields<'dfid_name'>>().toEqualTypeOf<Flat<Fid & { readonly type: 'dfid_name'; readonly name_start: number; readonly name_length: number }>>();
    type Wide<K extends string> = { readonly [P in K | `${K}_lo` | `${K}_hi`]: number };
    expectTypeOf<Fields<'range'>>().toEqualTypeOf<Flat<Header & { readonly type: 'range'; readonly range_pad: number } & Wide<'offset'> & Wide<'count'>>>();
    expectTypeOf<Fields<'mnt'>>().toEqualTypeOf<Flat<Header & { readonly type: 'mnt' } & Wide<'mnt_id'>>>();
    expectTypeOf<Fields<'unknown'>>().toEqualTypeOf<Flat<Header & { readonly type: 'unknown'; readonly data_start: number; readonly data_length: number }>>();
  });

  test('switch (r.type) narrows, and the accessors take only that record’s fields', () => {
    const c = eventCursor(new Uint8Array(0));
    expectTypeOf(c).toEqualTypeOf<EventCursor<KernelRecordSchema>>();
    expectTypeOf(c.mask).toEqualTypeOf<number>();
    expectTypeOf(c.mask_hi).toEqualTypeOf<number>();
    expectTypeOf(c.bigint('mask')).toEqualTypeOf<bigint>();
    while (c.nextEvent()) {
      for (let r = c.nextRecord(); r !== null; r = c.nextRecord()) {
        switch (r.type) {
          case 'dfid_name':
            expectTypeOf(r.name_length).toEqualTypeOf<number>();
            expectTypeOf(r.bytes).parameter(0).toEqualTypeOf<'f_handle' | 'name'>();
            // @ts-expect-error a pidfd record's field is not on a dfid_name record
            void r.pidfd;
            break;
          case 'range':
            expectTypeOf(r.bigint).parameter(0).toEqualTypeOf<'offset' | 'count'>();
            expectTypeOf(r.toObject()).toEqualTypeOf<RecordValue<typeof rangeRecord>>();
            // @ts-expect-error a range record has no byte fields
            r.bytes('name');
            break;
          case 'unknown':
            expectTypeOf(r.data_start).toEqualTypeOf<number>();
            break;
        }
      }
    }
  });

  test('user-declared records narrow the same way', () => {
    const codec = createCodec({ records: [...kernelRecords, locationRecord, fsdataRecord] });
    const c = codec.cursor(new Uint8Array(0));
    for (let r = c.nextRecord(); r !== null; r = c.nextRecord()) {
      if (r.type === 'location') {
        expectTypeOf(r.line).toEqualTypeOf<number>();
        expectTypeOf(r.function_start).toEqualTypeOf<number>();
        expectTypeOf(r.text).parameter(0).toEqualTypeOf<'function'>();
      }
    }
  });
});
