/**
 * Round trip over arbitrary valid events of every record type and combination:
 * decode(encode(x)) is x with the computed fields filled in (by the kernel's formulas), and
 * encode(decode(bytes)) is bytes.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { decodeEventObjects, encodedLength, encodeEvents, FanotifyEncodeError, validateEvents } from '../../../src/index.js';
import { arbEncodedStream, arbEvents } from '../../helpers/arbitraries.js';
import { expectedEvent, expectedStreamLength, withExplicitLengths } from '../../helpers/expected-value.js';

it('decode(encode(events)) equals the events with computed fields filled in', () => {
  fc.assert(
    fc.property(arbEvents, (events) => {
      const bytes = encodeEvents(events, { byteOrder: 'little' });
      expect(bytes.length).toBe(expectedStreamLength(events));
      expect(encodedLength(events)).toBe(bytes.length);
      expect(validateEvents(bytes, { byteOrder: 'little' })).toBe(events.length);
      expect(decodeEventObjects(bytes, { byteOrder: 'little' })).toEqual(events.map(expectedEvent));
    }),
  );
});

it('encode(decode(bytes)) equals bytes', () => {
  fc.assert(
    fc.property(arbEncodedStream, ({ bytes }) => {
      expect(encodeEvents(decodeEventObjects(bytes, { byteOrder: 'little' }), { byteOrder: 'little' })).toEqual(bytes);
    }),
  );
});

it('correct explicit lengths are accepted and change nothing', () => {
  fc.assert(
    fc.property(arbEvents, (events) => {
      expect(encodeEvents(events.map(withExplicitLengths), { byteOrder: 'little' })).toEqual(encodeEvents(events, { byteOrder: 'little' }));
    }),
  );
});

it('a wrong explicit length is refused with LENGTH_MISMATCH and its path', () => {
  fc.assert(
    fc.property(
      arbEvents.filter((events) => events.some((e) => (e.info ?? []).length > 0)),
      fc.nat(),
      fc.constantFrom(-4, -1, 1, 4),
      (events, pick, delta) => {
        const explicit = events.map(withExplicitLengths);
        const eventIndex = explicit.findIndex((e) => (e.info ?? []).length > 0);
        const event = explicit[eventIndex]!;
        const info = [...event.info!];
        const recordIndex = pick % info.length;
        const record = info[recordIndex]!;
        info[recordIndex] = { ...record, len: record.len! + delta };
        explicit[eventIndex] = { ...event, info };
        let error: unknown;
        try {
          encodeEvents(explicit);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(FanotifyEncodeError);
        expect(error).toMatchObject({ code: 'ENCODE_LENGTH_MISMATCH', path: `event[${eventIndex}].info[${recordIndex}].len` });
      },
    ),
  );
});

it('encoding into a caller-supplied target writes the same bytes and leaves the rest alone', () => {
  fc.assert(
    fc.property(arbEvents, fc.nat(16), (events, extra) => {
      const expected = encodeEvents(events, { byteOrder: 'little' });
      const target = new Uint8Array(expected.length + extra).fill(0xcc);
      const written = encodeEvents(events, { byteOrder: 'little', target });
      expect(written).toEqual(expected);
      expect(written.buffer).toBe(target.buffer);
      expect([...target.subarray(expected.length)].every((b) => b === 0xcc)).toBe(true);
    }),
  );
});
