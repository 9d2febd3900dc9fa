/**
 * Totality on hostile bytes: arbitrary bytes and mutated valid streams (changed lengths,
 * truncations, removed NULs, retyped records, bit flips) only ever make the decoder throw
 * `FanotifyDecodeError` — from `validateEvents`, from strict iteration (including `records()`,
 * getters and `toJSON()` of the events it yields) and from `decodeEventObjects` — and every
 * iteration is bounded by the bytes (see transcript.ts), so nothing hangs.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { decodeEventObjects, FanotifyDecodeError, validateEvents } from '../../../src/index.js';
import { arbEncodedStream } from '../../helpers/arbitraries.js';
import { arbMutated } from '../../helpers/mutations.js';
import { decodeTranscript, summarize } from '../../helpers/transcript.js';

/** Runs every entry point on `bytes`, failing on any error that is not a FanotifyDecodeError, and checks they agree. */
function checkTotal(bytes: Uint8Array): void {
  const strict = decodeTranscript(bytes, { byteOrder: 'little' });
  const lenient = decodeTranscript(bytes, { byteOrder: 'little', lenient: true });
  const reused = decodeTranscript(bytes, { byteOrder: 'little', reuseViews: true });
  expect(lenient.error).toBeUndefined();
  expect(reused).toEqual(strict);

  let validated: number | FanotifyDecodeError;
  try {
    validated = validateEvents(bytes, { byteOrder: 'little' });
  } catch (e) {
    if (!(e instanceof FanotifyDecodeError)) throw e;
    validated = e;
  }
  let objects: number | FanotifyDecodeError;
  try {
    objects = decodeEventObjects(bytes, { byteOrder: 'little' }).length;
  } catch (e) {
    if (!(e instanceof FanotifyDecodeError)) throw e;
    objects = e;
  }
  // All strict entry points reach the same verdict: the same count, or the same error.
  if (strict.error) {
    expect(validated).toBeInstanceOf(FanotifyDecodeError);
    expect(summarize(validated as FanotifyDecodeError)).toEqual(strict.error);
    expect(summarize(objects as FanotifyDecodeError)).toEqual(strict.error);
    // Lenient mode reports the strict error first.
    expect(lenient.malformed[0]).toEqual(strict.error);
  } else {
    expect(validated).toBe(strict.events.length);
    expect(objects).toBe(strict.events.length);
    expect(lenient).toEqual({ ...strict, malformed: [] });
  }
}

it('arbitrary bytes (0..512)', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 512 }), checkTotal));
});

it('arbitrary bytes behind a plausible metadata header', () => {
  // Random bytes rarely pass the first checks; a header with vers 3 and metadata_len 24 gets
  // random event lengths and records through to record validation.
  const arbHeaded = fc
    .tuple(fc.integer({ min: 0, max: 600 }), fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.uint8Array({ maxLength: 512 }))
    .map(([eventLen, rest, tail]) => {
      const bytes = new Uint8Array(8 + rest.length + tail.length);
      const dv = new DataView(bytes.buffer);
      dv.setUint32(0, eventLen, true);
      bytes[4] = 3;
      dv.setUint16(6, 24, true);
      bytes.set(rest.subarray(0, 16), 8);
      bytes.set(tail, 24);
      return bytes;
    });
  fc.assert(fc.property(arbHeaded, checkTotal));
});

it('mutated valid streams (lengths, truncation, NUL removal, retyping, bit flips)', () => {
  fc.assert(
    fc.property(
      arbEncodedStream.chain(({ bytes }) => arbMutated(bytes)),
      ({ bytes }) => checkTotal(bytes),
    ),
  );
});

it('every truncation of a valid stream fails with a typed error, or is a whole-event prefix', () => {
  fc.assert(
    fc.property(arbEncodedStream, ({ bytes, events }) => {
      const boundaries = new Set<number>([0]);
      let pos = 0;
      for (let i = 0; i < events.length; i++) boundaries.add((pos += new DataView(bytes.buffer).getUint32(pos, true)));
      for (let cut = 0; cut < bytes.length; cut++) {
        const prefix = bytes.subarray(0, cut);
        const { events: yielded, error } = decodeTranscript(prefix, { byteOrder: 'little' });
        if (boundaries.has(cut)) expect(error).toBeUndefined();
        else {
          expect(error).toBeDefined();
          expect(['DECODE_TRUNCATED', 'DECODE_EVENT_LEN_PAST_END']).toContain(error!.code);
        }
        expect(yielded.length).toBe([...boundaries].filter((b) => b > 0 && b <= cut).length);
      }
    }),
    { numRuns: 30 },
  );
});
