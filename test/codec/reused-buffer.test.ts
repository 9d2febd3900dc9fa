/**
 * The iteration a reader of one buffer restarts at each read (the live group's, see
 * `ReusedBufferIterator`): within a pass every event and record view is its own and agrees with
 * `decodeEvents`' fresh views; the next pass re-points the same objects at the new bytes, framed
 * only up to the pass's end; lenient problems are reported per pass; and a view kept past its
 * pass reads inside the buffer instead of throwing.
 */
import { describe, expect, it } from 'vitest';
import { decodeEvents, type FanotifyDecodeError } from '../../src/index.js';
import type { EventBatchImpl, ReusedBufferIterator } from '../../src/codec/decode.js';
import type { EventViewImpl } from '../../src/codec/event-view.js';
import { concatBytes } from '../helpers/bytes.js';
import { patched } from '../helpers/decode-assertions.js';
import { VECTOR_1_MKDIR, VECTOR_2_RENAME, VECTOR_3_OPEN_DIR_PIDFD } from '../helpers/golden-captures.js';

/** Three events: 64 + 92 + 136 bytes. */
const STREAM = concatBytes(VECTOR_3_OPEN_DIR_PIDFD, VECTOR_1_MKDIR, VECTOR_2_RENAME);

/** A reader's buffer of `size` bytes with its reusable iteration, as the live reader makes them. */
function reader(size: number): { buffer: Uint8Array; it: ReusedBufferIterator; reported: FanotifyDecodeError[] } {
  const buffer = new Uint8Array(size);
  const reported: FanotifyDecodeError[] = [];
  const batch = decodeEvents(buffer, { lenient: true, onMalformed: (e) => reported.push(e) }) as unknown as EventBatchImpl;
  return { buffer, it: batch.reusable(), reported };
}

/** One pass over the first `bytes.length` bytes of the buffer after copying `bytes` in. */
function pass(r: ReturnType<typeof reader>, bytes: Uint8Array): EventViewImpl[] {
  r.buffer.fill(0xee);
  r.buffer.set(bytes);
  const views: EventViewImpl[] = [];
  r.it.restart(bytes.length);
  for (let step = r.it.next(); !step.done; step = r.it.next()) views.push(step.value);
  return views;
}

const json = (views: Iterable<{ toJSON(): unknown }>): unknown[] => [...views].map((v) => v.toJSON());

describe('one pass', () => {
  it('hands out a view of its own per event, as decodeEvents does', () => {
    const r = reader(4096);
    const views = pass(r, STREAM);
    expect(new Set(views).size).toBe(3);
    expect(json(views)).toEqual(json(decodeEvents(STREAM)));
    expect(views.map((v) => [v.index, v.byteOffset, v.byteLength])).toEqual([
      [0, 0, 64],
      [1, 64, 92],
      [2, 156, 136],
    ]);
  });

  it('records taken again in the same pass are new views; the earlier ones stay right', () => {
    const r = reader(4096);
    const [, , rename] = pass(r, STREAM);
    const first = [...rename!.records()];
    const second = [...rename!.records()];
    expect(second.every((v) => !first.includes(v))).toBe(true);
    expect(json(first)).toEqual(json(second));
    expect(json(first)).toEqual(json([...[...decodeEvents(STREAM)][2]!.records()]));
  });

  it('frames only up to the end of the pass, not the stale bytes after it', () => {
    const r = reader(4096);
    pass(r, STREAM);
    // The old third event is still in the buffer past the end of a two-event pass.
    r.buffer.set(STREAM);
    r.it.restart(64 + 92);
    const views: EventViewImpl[] = [];
    for (let step = r.it.next(); !step.done; step = r.it.next()) views.push(step.value);
    expect(views.map((v) => v.event_len)).toEqual([64, 92]);
    expect(r.reported).toEqual([]);
  });
});

describe('the next pass', () => {
  it('re-points the same event and record views at the new bytes', () => {
    const r = reader(4096);
    const a = pass(r, STREAM);
    const recordsA = [...a[0]!.records()];
    const swapped = concatBytes(VECTOR_2_RENAME, VECTOR_1_MKDIR, VECTOR_3_OPEN_DIR_PIDFD);
    const b = pass(r, swapped);
    expect(b[0]).toBe(a[0]);
    expect(json(b)).toEqual(json(decodeEvents(swapped)));
    const recordsB = [...b[0]!.records()];
    expect(recordsB.some((v) => recordsA.includes(v))).toBe(true);
    expect(json(recordsB)).toEqual(json([...[...decodeEvents(swapped)][0]!.records()]));
  });

  it('more events than any pass before get views of their own', () => {
    const r = reader(4096);
    const one = pass(r, VECTOR_1_MKDIR);
    const six = pass(r, concatBytes(STREAM, STREAM));
    expect(six[0]).toBe(one[0]);
    expect(new Set(six).size).toBe(6);
    expect(json(six)).toEqual(json(decodeEvents(concatBytes(STREAM, STREAM))));
  });

  it('a pass with more records than the slot table holds, then passes that fit', () => {
    const many = concatBytes(...Array.from({ length: 400 }, () => STREAM));
    const r = reader(many.length);
    for (let i = 0; i < 3; i++) {
      const views = pass(r, many);
      expect(views).toHaveLength(1200);
      expect(json(views.slice(-3))).toEqual(json(decodeEvents(STREAM)));
      expect(json(views[0]!.records())).toEqual(json([...decodeEvents(STREAM)][0]!.records()));
    }
  });

  it('reports each pass’s malformed events once, and skips them', () => {
    const r = reader(4096);
    const bad = patched(STREAM, (_, u8) => (u8[64 + 4] = 2));
    expect(pass(r, bad).map((v) => v.event_len)).toEqual([64, 136]);
    expect(pass(r, STREAM).map((v) => v.event_len)).toEqual([64, 92, 136]);
    expect(pass(r, bad).map((v) => v.event_len)).toEqual([64, 136]);
    expect(r.reported.map((e) => [e.code, e.offset])).toEqual([
      ['DECODE_BAD_VERSION', 68],
      ['DECODE_BAD_VERSION', 68],
    ]);
  });

  it('a view kept past its pass reads inside the buffer, without a RangeError', () => {
    const r = reader(4096);
    const [, , old] = pass(r, STREAM);
    const oldRecords = [...old!.records()];
    // The next pass is shorter: the old third view is not re-pointed, and its records' rows
    // in the slot table now hold the new pass's offsets.
    pass(r, VECTOR_1_MKDIR);
    expect(() => json([old!, ...old!.records(), ...oldRecords])).not.toThrow();
  });
});
