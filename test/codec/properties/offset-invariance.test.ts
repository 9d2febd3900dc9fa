/**
 * Offset invariance: bytes decoded where they lie inside a larger buffer (any byteOffset, any
 * garbage around them) decode exactly like a standalone copy — the same events, the same errors
 * at the same offsets. This is the typed-binary / buffer-backed-object byteOffset bug class.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { arbEncodedStream } from '../../helpers/arbitraries.js';
import { embed } from '../../helpers/bytes.js';
import { arbMutated } from '../../helpers/mutations.js';
import { decodeTranscript } from '../../helpers/transcript.js';

const arbPlacement = fc.record({ before: fc.nat(64), after: fc.nat(64), fill: fc.integer({ min: 0, max: 255 }) });

it('valid streams decode the same at any offset', () => {
  fc.assert(
    fc.property(arbEncodedStream, arbPlacement, ({ bytes }, placement) => {
      const inPlace = embed(bytes, placement);
      expect(inPlace.byteOffset).toBe(placement.before);
      for (const options of [{ byteOrder: 'little' as const }, { byteOrder: 'little' as const, reuseViews: true }]) {
        expect(decodeTranscript(inPlace, options)).toEqual(decodeTranscript(bytes.slice(), options));
      }
    }),
  );
});

it('hostile streams fail the same at any offset, strict and lenient', () => {
  fc.assert(
    fc.property(
      arbEncodedStream.chain(({ bytes }) => arbMutated(bytes)),
      arbPlacement,
      ({ bytes }, placement) => {
        const inPlace = embed(bytes, placement);
        expect(decodeTranscript(inPlace, { byteOrder: 'little' })).toEqual(decodeTranscript(bytes.slice(), { byteOrder: 'little' }));
        expect(decodeTranscript(inPlace, { byteOrder: 'little', lenient: true })).toEqual(decodeTranscript(bytes.slice(), { byteOrder: 'little', lenient: true }));
      },
    ),
  );
});
