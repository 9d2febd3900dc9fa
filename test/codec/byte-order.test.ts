/**
 * Byte order: big-endian encodings (s390x, ppc64 captures) round-trip with `byteOrder: 'big'`,
 * and reading them with the wrong byte order fails with a typed error rather than a crash.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { decodeEventObjects, encodeEvents, FanotifyDecodeError, hostByteOrder, validateEvents } from '../../src/index.js';
import { arbEvents } from '../helpers/arbitraries.js';
import { hexBytes } from '../helpers/bytes.js';
import { expectedEvent } from '../helpers/expected-value.js';
import { decodeTranscript } from '../helpers/transcript.js';

it('writes big-endian fields most significant byte first', () => {
  const bytes = encodeEvents(
    [{ mask: 0x4000n, fd: -9, pid: 0x01020304, info: [{ type: 'pidfd', pidfd: -3 }, { type: 'mnt', mnt_id: 0x1122334455667788n }] }],
    { byteOrder: 'big' },
  );
  expect(bytes).toEqual(
    hexBytes(`
      00 00 00 30  03 00 00 18  00 00 00 00 00 00 40 00  ff ff ff f7  01 02 03 04
      04 00 00 08  ff ff ff fd
      07 00 00 10  00 00 00 00  11 22 33 44 55 66 77 88`),
  );
});

it('round-trips arbitrary events in big-endian (property)', () => {
  fc.assert(
    fc.property(arbEvents, (events) => {
      const bytes = encodeEvents(events, { byteOrder: 'big' });
      const decoded = decodeEventObjects(bytes, { byteOrder: 'big' });
      expect(decoded).toEqual(events.map(expectedEvent));
      expect(encodeEvents(decoded, { byteOrder: 'big' })).toEqual(bytes);
    }),
  );
});

it('big-endian bytes read as little-endian fail with a typed error at the first event_len (property)', () => {
  // A big-endian event_len below 2^24 reads as at least 2^24 in little-endian: past any buffer here.
  fc.assert(
    fc.property(
      arbEvents.filter((events) => events.length > 0),
      (events) => {
        const bytes = encodeEvents(events, { byteOrder: 'big' });
        expect(() => validateEvents(bytes, { byteOrder: 'little' })).toThrow(FanotifyDecodeError);
        const { events: yielded, error } = decodeTranscript(bytes, { byteOrder: 'little' });
        expect(yielded).toEqual([]);
        expect(error).toEqual({ code: 'DECODE_EVENT_LEN_PAST_END', offset: 0, path: 'event[0].event_len' });
      },
    ),
  );
});

it('little-endian bytes read as big-endian fail the same way', () => {
  const bytes = encodeEvents([{ mask: 1n, fd: 1, pid: 1 }], { byteOrder: 'little' });
  expect(decodeTranscript(bytes, { byteOrder: 'big' }).error).toEqual({ code: 'DECODE_EVENT_LEN_PAST_END', offset: 0, path: 'event[0].event_len' });
});

it('defaults to the host byte order for both directions', () => {
  const event = { mask: 0x20n, fd: 3, pid: 4, info: [{ type: 'pidfd' as const, pidfd: 5 }] };
  expect(encodeEvents([event])).toEqual(encodeEvents([event], { byteOrder: hostByteOrder }));
  expect(decodeEventObjects(encodeEvents([event], { byteOrder: hostByteOrder }))).toEqual([expectedEvent(event)]);
});
