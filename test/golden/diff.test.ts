/**
 * The stream diff behind `diff` and golden failures: first difference, byte offsets inside
 * fields (from the spec layouts), hex context, lockstep over sync and async streams.
 */
import { describe, expect, it } from 'vitest';
import { decodeEvents, FanotifyDecodeError } from '../../src/index.js';
import {
  diffEventStreams,
  diffEventStreamsAsync,
  fieldByteRange,
  formatDifference,
  hexContext,
  streamEventsOfBytes,
  streamEventsOfJsonLines,
  type StreamEvent,
} from '../../src/golden/index.js';
import { concatBytes } from '../helpers/bytes.js';
import { CAPTURE_A_CREATE_MODIFY, CAPTURE_B_RENAME_PIDFD, VECTOR_2_RENAME } from '../helpers/golden-captures.js';

const jsonOf = (bytes: Uint8Array): Record<string, never>[] => [...decodeEvents(bytes)].map((e) => e.toJSON() as Record<string, never>);

describe('fieldByteRange', () => {
  it('locates metadata fields, record headers and tail fields as the kernel lays them out', () => {
    const [event] = jsonOf(CAPTURE_B_RENAME_PIDFD);
    expect(fieldByteRange(event!, undefined, 'pid')).toEqual({ start: 20, end: 24 });
    expect(fieldByteRange(event!, undefined, 'mask_names')).toEqual({ start: 8, end: 16 });
    // OLD_DFID_NAME at 24: fsid at +4, handle_bytes +12, handle_type +16, f_handle +20 (8 bytes), name +28.
    expect(fieldByteRange(event!, 0, 'fsid')).toEqual({ start: 28, end: 36 });
    expect(fieldByteRange(event!, 0, 'f_handle')).toEqual({ start: 44, end: 52 });
    expect(fieldByteRange(event!, 0, 'name')).toEqual({ start: 52, end: 54 });
    expect(fieldByteRange(event!, 1, undefined)).toEqual({ start: 56, end: 88 });
    expect(fieldByteRange(event!, 3, 'pidfd')).toEqual({ start: 120, end: 124 });
    expect(fieldByteRange(event!, undefined, undefined)).toEqual({ start: 0, end: 124 });
    expect(fieldByteRange(event!, 4, 'pidfd')).toBeUndefined();
  });
});

describe('hexContext', () => {
  it('prints aligned lines around the byte with a caret under it, clipped to the bytes', () => {
    const bytes = Uint8Array.from({ length: 40 }, (_, i) => i + 0x41);
    expect(hexContext(bytes, 17, 0x100)).toEqual([
      '00000100  41 42 43 44 45 46 47 48  49 4a 4b 4c 4d 4e 4f 50  |ABCDEFGHIJKLMNOP|',
      '00000110  51 52 53 54 55 56 57 58  59 5a 5b 5c 5d 5e 5f 60  |QRSTUVWXYZ[\\]^_`|',
      '             ^^',
      '00000120  61 62 63 64 65 66 67 68                           |abcdefgh        |',
    ]);
    // A stream offset that is not 16-aligned: lines stay aligned to the stream.
    expect(hexContext(bytes.subarray(0, 4), 0, 0x10e)).toEqual([
      '00000100                                             41 42  |              AB|',
      '                                                     ^^',
      '00000110  43 44                                             |CD              |',
    ]);
  });
});

describe('diffEventStreams', () => {
  it('returns undefined for equal streams, bytes against JSON Lines', () => {
    const text = jsonOf(CAPTURE_A_CREATE_MODIFY).map((j) => JSON.stringify(j)).join('\n');
    expect(diffEventStreams(streamEventsOfBytes(CAPTURE_A_CREATE_MODIFY), streamEventsOfJsonLines(text))).toBeUndefined();
  });

  it('finds the first differing field, with the byte inside it', () => {
    const other = CAPTURE_A_CREATE_MODIFY.slice();
    other[60 + 24 + 20 + 8 + 2] = 0x58; // second event, DFID_NAME name "a.txt" → "a.Xxt"
    const d = diffEventStreams(streamEventsOfBytes(CAPTURE_A_CREATE_MODIFY), streamEventsOfBytes(other))!;
    expect(d).toMatchObject({ kind: 'value', path: 'event[1].info[0].name', eventIndex: 1, recordIndex: 0, field: 'name' });
    expect(d.a).toMatchObject({ value: 'a.txt', byteOffset: 114 });
    expect(d.b).toMatchObject({ value: 'a.Xxt', byteOffset: 114 });
    const report = formatDifference(d, { a: 'left.bin', b: 'right.bin' });
    expect(report).toContain('first difference at event[1].info[0].name: "a.txt" != "a.Xxt"\n  A (left.bin): "a.txt"\n  B (right.bin): "a.Xxt"\n  A at byte 114 (0x72):');
  });

  it('reports an extra record on one side at the record', () => {
    const a: StreamEvent = { json: { info: [{ info_type: 4, len: 8, pidfd: 3 }] } };
    const b: StreamEvent = { json: { info: [] } };
    expect(diffEventStreams([a], [b])).toMatchObject({ kind: 'only-in-a', path: 'event[0].info[0]', recordIndex: 0 });
  });

  it('reports a decode error of one side as malformed, with its offset', () => {
    const broken = concatBytes(VECTOR_2_RENAME, new Uint8Array(3));
    const d = diffEventStreams(streamEventsOfBytes(VECTOR_2_RENAME), streamEventsOfBytes(broken))!;
    expect(d.kind).toBe('malformed-b');
    expect(d.b.byteOffset).toBe(136);
    expect(d.detail).toMatch(/^B is malformed: DECODE_TRUNCATED at byte 136/);
  });

  it('lets other errors propagate', () => {
    function* explode(): Generator<StreamEvent> {
      throw new RangeError('boom');
    }
    expect(() => diffEventStreams(explode(), [])).toThrow(RangeError);
  });

  it('walks async streams in lockstep and closes both when it stops early', async () => {
    let closed = 0;
    async function* source(bytes: Uint8Array): AsyncGenerator<StreamEvent> {
      try {
        yield* streamEventsOfBytes(bytes);
      } finally {
        closed++;
      }
    }
    const long = concatBytes(VECTOR_2_RENAME, VECTOR_2_RENAME, VECTOR_2_RENAME);
    const d = await diffEventStreamsAsync(source(long), source(concatBytes(VECTOR_2_RENAME, CAPTURE_A_CREATE_MODIFY)));
    expect(d?.path).toBe('event[1].event_len');
    expect(closed).toBe(2);
    expect(await diffEventStreamsAsync(source(long), source(long))).toBeUndefined();
  });

  it('treats FanotifyDecodeError from a source as that side being malformed', async () => {
    async function* bad(): AsyncGenerator<StreamEvent> {
      throw new FanotifyDecodeError('BAD_VERSION', 4, 'event[0].vers', 'vers 2');
    }
    const d = await diffEventStreamsAsync(bad(), streamEventsOfBytes(VECTOR_2_RENAME));
    expect(d).toMatchObject({ kind: 'malformed-a', path: 'event[0].vers' });
  });
});
