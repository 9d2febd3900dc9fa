/**
 * Lenient iteration: a malformed event that `event_len` still frames is reported and skipped and
 * iteration continues; when framing breaks, the problem is reported and iteration stops.
 */
import { describe, expect, it } from 'vitest';
import { decodeEvents, FanotifyDecodeError } from '../../src/index.js';
import { concatBytes } from '../helpers/bytes.js';
import { patched } from '../helpers/decode-assertions.js';
import { VECTOR_1_MKDIR, VECTOR_2_RENAME, VECTOR_3_OPEN_DIR_PIDFD } from '../helpers/golden-captures.js';

/** Three events: 64 + 92 + 136 bytes. */
const STREAM = concatBytes(VECTOR_3_OPEN_DIR_PIDFD, VECTOR_1_MKDIR, VECTOR_2_RENAME);
const E1 = 64;
const E2 = 64 + 92;

function lenient(bytes: Uint8Array): { lengths: number[]; reported: FanotifyDecodeError[]; malformed: readonly FanotifyDecodeError[] } {
  const reported: FanotifyDecodeError[] = [];
  const batch = decodeEvents(bytes, { byteOrder: 'little', lenient: true, onMalformed: (e) => reported.push(e) });
  const lengths: number[] = [];
  for (const ev of batch) {
    for (const r of ev.records()) r.toJSON();
    lengths.push(ev.event_len);
  }
  return { lengths, reported, malformed: batch.malformed };
}

describe('malformed event framed by event_len: reported, skipped, iteration continues', () => {
  const cases: [string, Uint8Array, string, number][] = [
    ['bad vers', patched(STREAM, (_, u8) => (u8[E1 + 4] = 2)), 'DECODE_BAD_VERSION', E1 + 4],
    ['bad metadata_len', patched(STREAM, (dv) => dv.setUint16(E1 + 6, 32, true)), 'DECODE_BAD_METADATA_LEN', E1 + 6],
    ['handle_bytes past the record', patched(STREAM, (dv) => dv.setUint32(E1 + 24 + 12, 99, true)), 'DECODE_FIELD_PAST_RECORD', E1 + 24 + 12],
    ['name without NUL', patched(STREAM, (_, u8) => (u8[E1 + 24 + 35] = 0x41)), 'DECODE_NAME_WITHOUT_NUL', E1 + 24 + 32],
    ['record len too small', patched(STREAM, (dv) => dv.setUint16(E1 + 24 + 2, 2, true)), 'DECODE_RECORD_LEN_TOO_SMALL', E1 + 24 + 2],
  ];
  it.each(cases)('%s', (_, bytes, code, offset) => {
    const { lengths, reported, malformed } = lenient(bytes);
    expect(lengths).toEqual([64, 136]);
    expect(reported.map((e) => [e.code, e.offset, e.path.startsWith('event[1].')])).toEqual([[code, offset, true]]);
    expect(malformed).toEqual(reported);
  });

  it('two malformed events in a row are both reported', () => {
    const bytes = patched(STREAM, (_, u8) => {
      u8[4] = 7;
      u8[E1 + 4] = 8;
    });
    const { lengths, reported } = lenient(bytes);
    expect(lengths).toEqual([136]);
    expect(reported.map((e) => e.path)).toEqual(['event[0].vers', 'event[1].vers']);
  });
});

describe('broken framing: reported, then iteration stops', () => {
  it('event_len below 24', () => {
    const { lengths, reported } = lenient(patched(STREAM, (dv) => dv.setUint32(E1, 8, true)));
    expect(lengths).toEqual([64]);
    expect(reported.map((e) => [e.code, e.offset, e.path])).toEqual([['DECODE_EVENT_LEN_TOO_SMALL', E1, 'event[1].event_len']]);
  });

  it('event_len past the end', () => {
    const { lengths, reported } = lenient(patched(STREAM, (dv) => dv.setUint32(E2, 137, true)));
    expect(lengths).toEqual([64, 92]);
    expect(reported.map((e) => [e.code, e.offset])).toEqual([['DECODE_EVENT_LEN_PAST_END', E2]]);
  });

  it('trailing bytes after the last event', () => {
    const { lengths, reported } = lenient(concatBytes(STREAM, new Uint8Array(10)));
    expect(lengths).toEqual([64, 92, 136]);
    expect(reported.map((e) => [e.code, e.offset, e.path])).toEqual([['DECODE_TRUNCATED', STREAM.length, 'event[3]']]);
  });
});

it('a valid stream reports nothing', () => {
  const { lengths, reported, malformed } = lenient(STREAM);
  expect(lengths).toEqual([64, 92, 136]);
  expect(reported).toEqual([]);
  expect(malformed).toEqual([]);
});

it('reuseViews and lenient together skip the same events', () => {
  const bytes = patched(STREAM, (_, u8) => (u8[E1 + 4] = 2));
  const batch = decodeEvents(bytes, { byteOrder: 'little', lenient: true, reuseViews: true });
  const seen: number[] = [];
  for (const ev of batch) seen.push(ev.byteOffset);
  expect(seen).toEqual([0, E2]);
  expect(batch.malformed.map((e) => e.code)).toEqual(['DECODE_BAD_VERSION']);
});
