/**
 * Type tests: `switch (record.type)` narrows a record view to exactly that record's fields, and
 * decoded plain values carry the schema's types (bigint for 64-bit fields, bytes as Uint8Array).
 */
import { describe, expectTypeOf, test } from 'vitest';
import type { EventValue, EventView, KernelRecordSchema, RecordValueOf, RecordViewOf } from '../../src/index.js';
import type { RecordViewMembers } from '../../src/entries/schema.js';
import type { Flat } from './helpers.js';

type AnyView = RecordViewOf<KernelRecordSchema>;
/** The fields of the record view of type `T` (without the members every view has). */
type ViewFields<T extends AnyView['type']> = Flat<Omit<Extract<AnyView, { type: T }>, keyof RecordViewMembers<unknown>>>;

const header = { info_type: 0 as number, pad: 0 as number, len: 0 as number };
type Header = { readonly [K in keyof typeof header]: number };

describe('record views', () => {
  test('the record types of the kernel codec', () => {
    expectTypeOf<AnyView['type']>().toEqualTypeOf<'fid' | 'dfid_name' | 'dfid' | 'pidfd' | 'error' | 'range' | 'mnt' | 'old_dfid_name' | 'new_dfid_name' | 'unknown'>();
  });

  test('each type has exactly its fields', () => {
    type Fid = Header & { readonly fsid: readonly [number, number]; readonly handle_bytes: number; readonly handle_type: number; readonly f_handle: Uint8Array };
    expectTypeOf<ViewFields<'pidfd'>>().toEqualTypeOf<Flat<Header & { readonly type: 'pidfd'; readonly pidfd: number }>>();
    expectTypeOf<ViewFields<'error'>>().toEqualTypeOf<Flat<Header & { readonly type: 'error'; readonly error: number; readonly error_count: number }>>();
    expectTypeOf<ViewFields<'range'>>().toEqualTypeOf<Flat<Header & { readonly type: 'range'; readonly range_pad: number; readonly offset: bigint; readonly count: bigint }>>();
    expectTypeOf<ViewFields<'mnt'>>().toEqualTypeOf<Flat<Header & { readonly type: 'mnt'; readonly mnt_id: bigint }>>();
    expectTypeOf<ViewFields<'fid'>>().toEqualTypeOf<Flat<Fid & { readonly type: 'fid' }>>();
    expectTypeOf<ViewFields<'dfid'>>().toEqualTypeOf<Flat<Fid & { readonly type: 'dfid' }>>();
    expectTypeOf<ViewFields<'dfid_name'>>().toEqualTypeOf<Flat<Fid & { readonly type: 'dfid_name'; readonly name: Uint8Array }>>();
    expectTypeOf<ViewFields<'old_dfid_name'>>().toEqualTypeOf<Flat<Fid & { readonly type: 'old_dfid_name'; readonly name: Uint8Array }>>();
    expectTypeOf<ViewFields<'new_dfid_name'>>().toEqualTypeOf<Flat<Fid & { readonly type: 'new_dfid_name'; readonly name: Uint8Array }>>();
    expectTypeOf<ViewFields<'unknown'>>().toEqualTypeOf<Flat<Header & { readonly type: 'unknown'; readonly data: Uint8Array }>>();
  });

  test('switch (r.type) narrows', () => {
    const ev = {} as EventView;
    for (const r of ev.records()) {
      switch (r.type) {
        case 'pidfd':
          expectTypeOf(r.pidfd).toEqualTypeOf<number>();
          expectTypeOf(r).not.toHaveProperty('f_handle');
          // @ts-expect-error a pidfd record has no handle
          void r.f_handle;
          break;
        case 'mnt':
          expectTypeOf(r.mnt_id).toEqualTypeOf<bigint>();
          // @ts-expect-error an mnt record has no pidfd
          void r.pidfd;
          break;
        case 'range':
          expectTypeOf(r.offset).toEqualTypeOf<bigint>();
          expectTypeOf(r.count).toEqualTypeOf<bigint>();
          break;
        case 'dfid_name':
        case 'old_dfid_name':
        case 'new_dfid_name':
          expectTypeOf(r.name).toEqualTypeOf<Uint8Array>();
          expectTypeOf(r.f_handle).toEqualTypeOf<Uint8Array>();
          break;
        case 'fid':
        case 'dfid':
          expectTypeOf(r.fsid).toEqualTypeOf<readonly [number, number]>();
          // @ts-expect-error FID and DFID records have no name
          void r.name;
          break;
        case 'error':
          expectTypeOf(r.error_count).toEqualTypeOf<number>();
          break;
        case 'unknown':
          expectTypeOf(r.data).toEqualTypeOf<Uint8Array>();
          expectTypeOf(r.info_type).toEqualTypeOf<number>();
          break;
        default:
          // Every type is handled above.
          expectTypeOf(r).toEqualTypeOf<never>();
      }
    }
  });

  test('fields are read-only', () => {
    const ev = {} as EventView;
    // @ts-expect-error views are read-only
    ev.pid = 1;
    for (const r of ev.records()) {
      if (r.type === 'pidfd') {
        // @ts-expect-error views are read-only
        r.pidfd = 3;
      }
    }
  });

  test('every view has the record members', () => {
    expectTypeOf<AnyView['byteOffset']>().toEqualTypeOf<number>();
    expectTypeOf<AnyView['bytes']>().returns.toEqualTypeOf<Uint8Array>();
    expectTypeOf<Extract<AnyView, { type: 'mnt' }>['toObject']>().returns.toEqualTypeOf<Extract<RecordValueOf<KernelRecordSchema>, { type: 'mnt' }>>();
  });
});

describe('event views and values', () => {
  test('EventView has the metadata fields with their C types', () => {
    expectTypeOf<EventView['event_len']>().toEqualTypeOf<number>();
    expectTypeOf<EventView['vers']>().toEqualTypeOf<number>();
    expectTypeOf<EventView['metadata_len']>().toEqualTypeOf<number>();
    expectTypeOf<EventView['mask']>().toEqualTypeOf<bigint>();
    expectTypeOf<EventView['fd']>().toEqualTypeOf<number>();
    expectTypeOf<EventView['pid']>().toEqualTypeOf<number>();
    expectTypeOf<EventView['maskNames']>().toEqualTypeOf<string[]>();
    expectTypeOf<EventView['copy']>().returns.toEqualTypeOf<EventView>();
  });

  test('EventValue is the plain metadata plus owned records', () => {
    type Value = EventValue<KernelRecordSchema>;
    expectTypeOf<Omit<Value, 'info'>>().toEqualTypeOf<{ event_len: number; vers: number; reserved: number; metadata_len: number; mask: bigint; fd: number; pid: number }>();
    expectTypeOf<Value['info']>().toEqualTypeOf<RecordValueOf<KernelRecordSchema>[]>();
    expectTypeOf<Extract<Value['info'][number], { type: 'dfid_name' }>>().toEqualTypeOf<{
      type: 'dfid_name';
      info_type: number;
      pad: number;
      len: number;
      fsid: readonly [number, number];
      handle_bytes: number;
      handle_type: number;
      f_handle: Uint8Array;
      name: Uint8Array;
    }>();
    expectTypeOf<Extract<Value['info'][number], { type: 'range' }>['offset']>().toEqualTypeOf<bigint>();
  });
});
