/**
 * Lazy views agree with `toObject()` field by field: every getter of an event view and of each
 * record view returns what the eager plain object holds (byte fields equal in content).
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { decodeEvents, encodeEvents, type EventView } from '../../../src/index.js';
import { arbEncodedStream } from '../../helpers/arbitraries.js';

function expectViewMatchesObject(view: object, object: Record<string, unknown>, where: string): void {
  for (const [key, value] of Object.entries(object)) {
    const lazy = (view as Record<string, unknown>)[key];
    expect(lazy, `${where}.${key}`).toEqual(value);
    if (value instanceof Uint8Array) {
      // The eager copy owns its bytes; the lazy field is a view of the input.
      expect(lazy).toBeInstanceOf(Uint8Array);
      expect((lazy as Uint8Array).buffer).not.toBe(value.buffer);
    }
  }
}

function checkEvent(ev: EventView, where: string): void {
  const { info, ...metadata } = ev.toObject();
  expectViewMatchesObject(ev, metadata, where);
  expect(ev.recordCount).toBe(info.length);
  let j = 0;
  // Each record view is checked while it is current (a flyweight is re-pointed by the next step).
  for (const r of ev.records()) {
    expectViewMatchesObject(r, info[j]!, `${where}.info[${j}]`);
    expect(r.toObject()).toEqual(info[j]);
    j++;
  }
  expect(j).toBe(info.length);
}

it('fresh views agree with toObject()', () => {
  fc.assert(
    fc.property(arbEncodedStream, ({ bytes }) => {
      for (const ev of decodeEvents(bytes, { byteOrder: 'little' })) checkEvent(ev, `event[${ev.index}]`);
    }),
  );
});

it('flyweight views agree with toObject() at every step', () => {
  fc.assert(
    fc.property(arbEncodedStream, ({ bytes }) => {
      for (const ev of decodeEvents(bytes, { byteOrder: 'little', reuseViews: true })) checkEvent(ev, `event[${ev.index}]`);
    }),
  );
});

it('views agree with toObject() in big-endian too', () => {
  fc.assert(
    fc.property(arbEncodedStream, ({ events }) => {
      const bytes = encodeEvents(events, { byteOrder: 'big' });
      for (const ev of decodeEvents(bytes, { byteOrder: 'big' })) checkEvent(ev, `event[${ev.index}]`);
    }),
  );
});

it('the event forms (toJSON, toObject, copy, recordCount) leave a flyweight record view where it was', () => {
  fc.assert(
    fc.property(arbEncodedStream, ({ bytes }) => {
      for (const ev of decodeEvents(bytes, { byteOrder: 'little', reuseViews: true })) {
        for (const r of ev.records()) {
          const before = r.toJSON();
          ev.toJSON();
          ev.toObject();
          void ev.copy();
          void ev.recordCount;
          expect(r.toJSON()).toEqual(before);
        }
      }
    }),
  );
});
