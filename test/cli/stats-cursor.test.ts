/**
 * `stats` counts byte dumps with the stream decoder's cursor mode (`pushCursor` +
 * `EventStatistics.countEvents`, or `addCursor` per event with a sidecar); these tests hold
 * both to the view path (`push` + `addView`) they replaced: the same counts and the same error (code, offset, message) on every capture and
 * conformance vector, cut into chunks anywhere, and on corrupted streams.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventStatistics } from '../../src/cli/format/statistics.js';
import { fanotifyCodec } from '../../src/codec/codec.js';
import { decodeEvents, encodeEvents, EventStreamDecoder, FAN_CLOSE_WRITE, FAN_OPEN, FanotifyArgumentError } from '../../src/index.js';
import { PACKAGE_ROOT } from './support/cli-bundle.js';
import { captures, everyRecordStream } from './support/streams.js';

type Chunked = { readonly bytes: Uint8Array; readonly cuts: readonly number[]; readonly maxEventLength?: number; readonly byteOrder?: 'little' | 'big' };

function chunksOf({ bytes, cuts }: Chunked): Uint8Array[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const c of [...at, bytes.length]) {
    out.push(bytes.subarray(from, Math.max(from, c)));
    from = Math.max(from, c);
  }
  return out;
}

/**
 * Counts `input` one way (views, the cursor event by event, or `countEvents`' loop); the error
 * (if any) goes into the counts, as `stats` does.
 */
function count(input: Chunked, cursor: boolean | 'loop'): { json: unknown; error: string | undefined } {
  const stats = new EventStatistics();
  const decoder = new EventStreamDecoder({ maxEventLength: input.maxEventLength, byteOrder: input.byteOrder });
  let error: string | undefined;
  try {
    for (const chunk of chunksOf(input)) {
      if (cursor === 'loop') decoder.pushCursor(chunk, (c) => stats.countEvents(c));
      else if (cursor) decoder.pushCursor(chunk, (c) => { while (c.nextEvent()) stats.addCursor(c); });
      else for (const ev of decoder.push(chunk)) stats.addView(ev);
    }
    decoder.end();
  } catch (e) {
    error = `${(e as Error).name} ${(e as Error).message}`;
    stats.addError((e as Error).message);
  }
  return { json: stats.toJSON(), error };
}

describe('stats on the cursor', () => {
  it('counts every capture and vector (valid and invalid) as the view path does, whole and cut into 1-byte and 7-byte chunks', () => {
    const files = [...captures(path.join(PACKAGE_ROOT, 'corpus')), ...captures(path.join(PACKAGE_ROOT, 'examples'))];
    expect(files.length).toBeGreaterThan(50);
    let errors = 0;
    for (const file of files) {
      const bytes = new Uint8Array(readFileSync(file));
      for (const step of [0, 1, 7]) {
        const cuts = step === 0 ? [] : Array.from({ length: Math.ceil(bytes.length / step) }, (_, i) => i * step);
        const want = count({ bytes, cuts }, false);
        expect(count({ bytes, cuts }, true), `${file} step ${step}`).toEqual(want);
        expect(count({ bytes, cuts }, 'loop'), `${file} step ${step} (countEvents)`).toEqual(want);
        if (want.error) errors++;
      }
    }
    expect(errors).toBeGreaterThan(0); // the invalid vectors were reached
  });

  it('agrees on corrupted streams cut anywhere, with any maxEventLength', () => {
    const base = everyRecordStream();
    const corrupted = fc
      .tuple(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), fc.nat({ max: 40 }))
      .map(([flips, cutOff]) => {
        const bytes = base.slice(0, Math.max(0, base.length - cutOff));
        for (const [at, value] of flips) if (bytes.length > 0) bytes[at % bytes.length] = value;
        return bytes;
      });
    const input = fc.record({ bytes: corrupted, cuts: fc.array(fc.nat(), { maxLength: 6 }), maxEventLength: fc.option(fc.integer({ min: 24, max: 200 }), { nil: undefined }) });
    fc.assert(
      fc.property(input, (i) => {
        const want = count(i, false);
        expect(count(i, true)).toEqual(want);
        expect(count(i, 'loop')).toEqual(want);
      }),
      { numRuns: 400 },
    );
  });

  it('counts a big-endian stream (--endian big) as the view path does, and as its little-endian twin', () => {
    const little = everyRecordStream();
    const big = encodeEvents(
      [...decodeEvents(little)].map((e, i) => fanotifyCodec.eventFromJSON(e.toJSON(), i)),
      { byteOrder: 'big' },
    );
    const cuts = [5, 30, 31, 100];
    const counted = count({ bytes: big, cuts, byteOrder: 'big' }, true);
    expect(counted).toEqual(count({ bytes: big, cuts, byteOrder: 'big' }, false));
    expect(count({ bytes: big, cuts, byteOrder: 'big' }, 'loop')).toEqual(counted);
    expect(counted).toEqual(count({ bytes: little, cuts }, true));
    expect(counted.error).toBeUndefined();
  });

  it('counts across scan batches, an event of 2100 records, and masks above 2^53, as the view path does', () => {
    // countEvents scans events in batches of 512; masks with bits above 52 are counted by bigint.
    const many = Array.from({ length: 1300 }, (_, i) => ({ mask: i % 3 === 0 ? FAN_OPEN : 0x8000_0000_0000_0001n, fd: 3, pid: 100 + (i % 7), info: i % 5 === 0 ? [] : [{ type: 'pidfd' as const, pidfd: i }] }));
    const wide = { mask: (1n << 60n) | FAN_CLOSE_WRITE, fd: -1, pid: 5, info: Array.from({ length: 2100 }, (_, i) => ({ type: 'pidfd' as const, pidfd: i })) };
    const bytes = encodeEvents([...many.slice(0, 700), wide, ...many.slice(700), wide]);
    for (const cuts of [[], [40_000, 40_001], [1 << 15, 1 << 16]]) {
      const want = count({ bytes, cuts }, false);
      expect(want.error).toBeUndefined();
      expect(count({ bytes, cuts }, 'loop'), `cuts ${cuts.join(',')}`).toEqual(want);
      expect(count({ bytes, cuts }, true)).toEqual(want);
    }
    const bad = bytes.slice();
    bad[bad.length - 8 * 2100 - 24 + 4] = 2; // the last event's version: the error after all the others
    const want = count({ bytes: bad, cuts: [] }, false);
    expect(want.error).toMatch(/vers/);
    expect(count({ bytes: bad, cuts: [] }, 'loop')).toEqual(want);
  });

  it('counts on past events and records that do not start 4-aligned, as the view path does', () => {
    // The scan reads words (little-endian, 4-aligned starts); an odd-length unknown record puts
    // the records after it, and every later event, off that alignment: the exact walk takes them.
    const odd = (n: number) => ({ type: 'unknown' as const, info_type: 200, pad: 0, data: new Uint8Array(n).fill(9) });
    const events = Array.from({ length: 40 }, (_, i) => ({ mask: FAN_OPEN, fd: 3, pid: i % 4, info: i === 10 ? [odd(3), { type: 'pidfd' as const, pidfd: i }] : i === 30 ? [odd(1)] : [{ type: 'pidfd' as const, pidfd: i }] }));
    const bytes = encodeEvents(events);
    for (const cuts of [[], [1, 2, 3], [333]]) {
      const want = count({ bytes, cuts }, false);
      expect(want.error).toBeUndefined();
      expect(count({ bytes, cuts }, 'loop'), `cuts ${cuts.join(',')}`).toEqual(want);
    }
    expect((count({ bytes, cuts: [] }, 'loop').json as { events: number }).events).toBe(40);
  });

  it('repeats the first error on a push after it, and is refused by a lenient decoder', () => {
    const decoder = new EventStreamDecoder();
    const bad = everyRecordStream().slice();
    bad[4] = 9; // version
    expect(() => decoder.pushCursor(bad, () => {})).toThrow(/DECODE_BAD_VERSION|version/);
    expect(() => decoder.pushCursor(everyRecordStream(), () => {})).toThrow(/push\(\) after the stream broke/);
    expect(() => new EventStreamDecoder({ lenient: true }).pushCursor(bad, () => {})).toThrow(FanotifyArgumentError);
  });
});
