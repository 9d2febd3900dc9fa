/**
 * Type tests: records declared with the schema language flow into `createCodec`'s decoder and
 * encoder types, and `compileStruct` types plain structs.
 */
import { describe, expectTypeOf, test } from 'vitest';
import {
  compileStruct,
  cstring,
  dfidNameRecord,
  dfidRecord,
  fanotify_event_info_header,
  fidRecord,
  infoRecord,
  s32,
  struct,
  u32,
  u64,
} from '../../src/entries/schema.js';
import { createCodec, type EventInput, type FanotifyCodec } from '../../src/index.js';
import { fsdataRecord, locationRecord, rfcCodec, rfcErrorRecord } from '../helpers/rfc-fan-error-records.js';

describe('createCodec', () => {
  test('the codec is typed by its records', () => {
    expectTypeOf(rfcCodec).toEqualTypeOf<
      FanotifyCodec<typeof fidRecord | typeof dfidNameRecord | typeof dfidRecord | typeof locationRecord | typeof rfcErrorRecord | typeof fsdataRecord>
    >();
    const ev = [...rfcCodec.decodeEvents(new Uint8Array(0))][0]!;
    for (const r of ev.records()) {
      expectTypeOf(r.type).toEqualTypeOf<'fid' | 'dfid_name' | 'dfid' | 'location' | 'error' | 'fsdata' | 'unknown'>();
      switch (r.type) {
        case 'location':
          expectTypeOf(r.line).toEqualTypeOf<number>();
          expectTypeOf(r.function).toEqualTypeOf<Uint8Array>();
          break;
        case 'error':
          // The RFC's error record, not the mainline one.
          expectTypeOf(r.fsid).toEqualTypeOf<bigint>();
          expectTypeOf(r.version).toEqualTypeOf<number>();
          // @ts-expect-error the RFC error record has no error_count
          void r.error_count;
          break;
        case 'fsdata':
          expectTypeOf(r.data).toEqualTypeOf<Uint8Array>();
          break;
        // @ts-expect-error this codec has no pidfd records
        case 'pidfd':
          break;
      }
    }
  });

  test('its encoder takes the declared records and refuses others', () => {
    type In = EventInput<(typeof rfcCodec.records)[number]>;
    expectTypeOf<Extract<NonNullable<In['info']>[number], { type: 'location' }>['function']>().toEqualTypeOf<string | Uint8Array>();
    rfcCodec.encodeEvents([{ mask: 1n, fd: -1, pid: 1, info: [{ type: 'location', line: 3, function: 'f' }, { type: 'fsdata', data: new Uint8Array(4) }] }]);
    // @ts-expect-error line is required
    rfcCodec.encodeEvents([{ mask: 1n, fd: -1, pid: 1, info: [{ type: 'location', function: 'f' }] }]);
    // @ts-expect-error the mainline pidfd record is not part of this codec
    rfcCodec.encodeEvents([{ mask: 1n, fd: -1, pid: 1, info: [{ type: 'pidfd', pidfd: 3 }] }]);
  });

  test('a record declared inline keeps its literal type and fields', () => {
    const blob = infoRecord(struct('fanotify_event_info_blob', { ...fanotify_event_info_header.fields, id: u32(), label: cstring() }), { type: 'blob', infoType: 200 });
    const codec = createCodec({ records: [blob] });
    const value = codec.decodeEventObjects(new Uint8Array(0))[0]!;
    const record = value.info[0]!;
    if (record.type === 'blob') {
      expectTypeOf(record.id).toEqualTypeOf<number>();
      expectTypeOf(record.label).toEqualTypeOf<Uint8Array>();
    } else expectTypeOf(record.type).toEqualTypeOf<'unknown'>();
  });
});

describe('compileStruct', () => {
  test('types toObject, write and fromJSON by the schema', () => {
    const compiled = compileStruct(struct('fanotify_event_metadata_2009', { event_len: u32(), fd: s32(), cookie: u64() }, { packed: true }));
    expectTypeOf(compiled.toObject).returns.toEqualTypeOf<{ event_len: number; fd: number; cookie: bigint }>();
    expectTypeOf(compiled.fromJSON).returns.toEqualTypeOf<{ event_len: number; fd: number; cookie: bigint | number }>();
  });
});
