/**
 * Type tests: encoder inputs make the computed fields optional (`event_len`, `len`,
 * `handle_bytes`, `info_type`, `pad`, the metadata defaults) and everything else required, and
 * refuse wrong inputs at compile time.
 */
import { describe, expectTypeOf, test } from 'vitest';
import { encodeEvents, type EventInput, type KernelRecordSchema, type RecordInputOf } from '../../src/index.js';
import type { OptionalKeys, RequiredKeys } from './helpers.js';

type Input = EventInput<KernelRecordSchema>;
type RecordIn<T extends RecordInputOf<KernelRecordSchema>['type']> = Extract<RecordInputOf<KernelRecordSchema>, { type: T }>;

describe('EventInput', () => {
  test('mask, fd and pid are required; lengths and defaults are optional', () => {
    expectTypeOf<RequiredKeys<Input>>().toEqualTypeOf<'mask' | 'fd' | 'pid'>();
    expectTypeOf<OptionalKeys<Input>>().toEqualTypeOf<'event_len' | 'vers' | 'reserved' | 'metadata_len' | 'info'>();
    expectTypeOf<Input['mask']>().toEqualTypeOf<bigint | number>();
  });

  test('record inputs: f_handle, fsid and handle_type are required; len, handle_bytes, info_type and pad are not', () => {
    expectTypeOf<RequiredKeys<RecordIn<'fid'>>>().toEqualTypeOf<'type' | 'fsid' | 'handle_type' | 'f_handle'>();
    expectTypeOf<OptionalKeys<RecordIn<'fid'>>>().toEqualTypeOf<'info_type' | 'pad' | 'len' | 'handle_bytes'>();
    expectTypeOf<RequiredKeys<RecordIn<'dfid_name'>>>().toEqualTypeOf<'type' | 'fsid' | 'handle_type' | 'f_handle' | 'name'>();
    expectTypeOf<RecordIn<'dfid_name'>['name']>().toEqualTypeOf<string | Uint8Array>();
    expectTypeOf<RequiredKeys<RecordIn<'pidfd'>>>().toEqualTypeOf<'type' | 'pidfd'>();
    expectTypeOf<RequiredKeys<RecordIn<'range'>>>().toEqualTypeOf<'type' | 'offset' | 'count'>();
    expectTypeOf<OptionalKeys<RecordIn<'range'>>>().toEqualTypeOf<'info_type' | 'pad' | 'len' | 'range_pad'>();
    expectTypeOf<RecordIn<'mnt'>['mnt_id']>().toEqualTypeOf<bigint | number>();
    // An unknown record must say which info_type it is.
    expectTypeOf<RequiredKeys<RecordIn<'unknown'>>>().toEqualTypeOf<'type' | 'info_type' | 'data'>();
  });

  test('a minimal input compiles', () => {
    encodeEvents([
      { mask: 0x100n, fd: -1, pid: 1, info: [{ type: 'dfid_name', fsid: [1, 2], handle_type: 1, f_handle: new Uint8Array(8), name: 'a' }] },
      { mask: 0x4000, fd: -1, pid: 0 },
      { mask: 1n, fd: -1, pid: 0, info: [{ type: 'mnt', mnt_id: 5 }, { type: 'unknown', info_type: 99, data: new Uint8Array(0) }] },
    ]);
  });

  test('wrong inputs do not compile', () => {
    // @ts-expect-error mask must be a bigint or number, not a string
    encodeEvents([{ mask: '0x100', fd: -1, pid: 1 }]);
    // @ts-expect-error mask is required
    encodeEvents([{ fd: -1, pid: 1 }]);
    // @ts-expect-error pid is required
    encodeEvents([{ mask: 1n, fd: -1 }]);
    // @ts-expect-error fsid is required in a fid record
    encodeEvents([{ mask: 1n, fd: -1, pid: 1, info: [{ type: 'fid', handle_type: 1, f_handle: new Uint8Array(8) }] }]);
    // @ts-expect-error f_handle is required in a fid record
    encodeEvents([{ mask: 1n, fd: -1, pid: 1, info: [{ type: 'fid', fsid: [1, 2], handle_type: 1 }] }]);
    // @ts-expect-error fsid has exactly two words
    encodeEvents([{ mask: 1n, fd: -1, pid: 1, info: [{ type: 'fid', fsid: [1, 2, 3], handle_type: 1, f_handle: new Uint8Array(8) }] }]);
    // @ts-expect-error no record type 'nope'
    encodeEvents([{ mask: 1n, fd: -1, pid: 1, info: [{ type: 'nope', pidfd: 3 }] }]);
    // @ts-expect-error a pidfd record has no name
    encodeEvents([{ mask: 1n, fd: -1, pid: 1, info: [{ type: 'pidfd', pidfd: 3, name: 'x' }] }]);
    // @ts-expect-error a 32-bit field takes a number, not a bigint
    encodeEvents([{ mask: 1n, fd: -1n, pid: 1 }]);
    // @ts-expect-error an unknown record needs its info_type
    encodeEvents([{ mask: 1n, fd: -1, pid: 1, info: [{ type: 'unknown', data: new Uint8Array(0) }] }]);
  });
});
