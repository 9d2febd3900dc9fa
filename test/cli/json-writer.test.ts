/**
 * decode's JSON Lines writer against the codec's JSON form: byte for byte what
 * `JSON.stringify(event.toJSON())` prints, on every shipped capture and conformance vector and
 * on arbitrary events (names of any bytes, handles, unknown record types, 64-bit values).
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ByteBuilder } from '../../src/cli/format/byte-builder.js';
import { EventJsonWriter } from '../../src/cli/format/json-writer.js';
import { decodeEvents, encodeEvents, type EventView } from '../../src/index.js';
import { PACKAGE_ROOT } from './support/cli-bundle.js';
import { captures, everyRecordStream } from './support/streams.js';

function written(events: Iterable<EventView>): string {
  const writer = new EventJsonWriter(new ByteBuilder(64));
  for (const ev of events) writer.event(ev);
  return Buffer.from(writer.out.take()).toString('utf8');
}

function expected(events: Iterable<EventView>): string {
  let text = '';
  for (const ev of events) text += JSON.stringify(ev.toJSON()) + '\n';
  return text;
}

describe('EventJsonWriter', () => {
  it('writes what JSON.stringify(toJSON()) gives for every record type and special value', () => {
    const bytes = everyRecordStream();
    expect(written(decodeEvents(bytes))).toBe(expected(decodeEvents(bytes)));
  });

  it('agrees on every valid capture and vector of corpus/ and examples/', () => {
    let files = 0;
    for (const file of [...captures(path.join(PACKAGE_ROOT, 'corpus')), ...captures(path.join(PACKAGE_ROOT, 'examples'))]) {
      const bytes = new Uint8Array(readFileSync(file));
      let events: EventView[];
      try {
        events = [...decodeEvents(bytes)].map((e) => e.copy());
      } catch {
        continue; // corpus/vectors/invalid: nothing to write
      }
      expect(written(events), file).toBe(expected(events));
      files++;
    }
    expect(files).toBeGreaterThan(50);
  });

  const name = fc.uint8Array({ minLength: 1, maxLength: 255 }).map((b) => b.map((x) => (x === 0 ? 0x2f : x)));
  const handle = fc.uint8Array({ maxLength: 128 });
  const s32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
  const record = fc.oneof(
    fc.record({ type: fc.constant('dfid_name' as const), fsid: fc.tuple(s32, s32), handle_type: s32, f_handle: handle, name }),
    fc.record({ type: fc.constant('fid' as const), fsid: fc.tuple(s32, s32), handle_type: s32, f_handle: handle }),
    fc.record({ type: fc.constant('pidfd' as const), pidfd: s32 }),
    fc.record({ type: fc.constant('range' as const), offset: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), count: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }) }),
    fc.record({ type: fc.constant('mnt' as const), mnt_id: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }) }),
    fc.record({ type: fc.constant('unknown' as const), info_type: fc.integer({ min: 100, max: 255 }), pad: fc.integer({ min: 0, max: 255 }), data: fc.uint8Array({ maxLength: 40 }) }),
  );
  const event = fc.record({ mask: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fd: s32, pid: s32, info: fc.array(record, { maxLength: 4 }) });

  it('agrees on arbitrary events (names of any bytes, 64-bit values, unknown records)', () => {
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 5 }), (events) => {
        const bytes = encodeEvents(events);
        expect(written(decodeEvents(bytes))).toBe(expected(decodeEvents(bytes)));
      }),
      { numRuns: 300 },
    );
  });
});
