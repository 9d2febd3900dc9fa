/**
 * Lenient iteration over hostile streams never throws, and every event it yields is one that
 * strict validation of that event alone accepts (it never hands out a malformed event).
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { decodeEvents, validateEvents } from '../../../src/index.js';
import { arbEncodedStream } from '../../helpers/arbitraries.js';
import { arbMutated } from '../../helpers/mutations.js';

const arbHostile = fc.oneof(
  arbEncodedStream.chain(({ bytes }) => arbMutated(bytes)).map(({ bytes }) => bytes),
  fc.uint8Array({ maxLength: 512 }),
);

it('yields only events that validate alone, and reports every skipped one', () => {
  fc.assert(
    fc.property(arbHostile, (bytes) => {
      const reported: unknown[] = [];
      const batch = decodeEvents(bytes, { byteOrder: 'little', lenient: true, onMalformed: (e) => reported.push(e) });
      let covered = 0;
      for (const ev of batch) {
        const own = ev.bytes();
        expect(validateEvents(own, { byteOrder: 'little' })).toBe(1);
        expect(own.length).toBe(ev.event_len);
        for (const r of ev.records()) r.toJSON();
        ev.toJSON();
        covered += own.length;
      }
      expect(batch.malformed).toEqual(reported);
      // Yielded events never overlap and never exceed the input.
      expect(covered).toBeLessThanOrEqual(bytes.length);
      // A stream that validates strictly yields everything and reports nothing.
      let strictCount: number | undefined;
      try {
        strictCount = validateEvents(bytes, { byteOrder: 'little' });
      } catch {
        strictCount = undefined;
      }
      if (strictCount !== undefined) {
        expect(reported).toEqual([]);
        expect(covered).toBe(bytes.length);
      } else expect(reported.length).toBeGreaterThan(0);
    }),
  );
});

it('flyweight lenient iteration yields the same events as fresh lenient iteration', () => {
  fc.assert(
    fc.property(arbHostile, (bytes) => {
      const fresh = [...decodeEvents(bytes, { byteOrder: 'little', lenient: true })].map((e) => e.toJSON());
      const reused: unknown[] = [];
      for (const ev of decodeEvents(bytes, { byteOrder: 'little', lenient: true, reuseViews: true })) reused.push(ev.toJSON());
      expect(reused).toEqual(fresh);
    }),
  );
});
