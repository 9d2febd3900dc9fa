/**
 * The name checks scan a word (4 bytes) at a time, then byte by byte through the word holding
 * the NUL. Every placement is tried here against a byte-by-byte reference: handle lengths 0-7
 * (the name starts at every offset within a word), names of 1-13 bytes (the NUL at every
 * position of a word, the name ending in the record's last word or earlier), each as written,
 * without its NUL, with a NUL inside the name, with a non-zero padding byte and with an empty
 * name, in buffers that start 0-3 bytes into their ArrayBuffer (unaligned words). The generated
 * cursor, the run-time compiled one, the stats paths (`recordTypesOf`, `scanEventsOf`), the
 * views' framing and the struct check behind `validateEvents` must all accept exactly the valid
 * records and read the same name.
 */
import { describe, expect, it } from 'vitest';
import { createCodec, decodeEvents, FanotifyDecodeError, validateEvents, type FanotifyCodec } from '../../src/index.js';
import { fanotifyCodec } from '../../src/codec/codec.js';
import { recordTypesOf, scanEventsOf } from '../../src/codec/cursor.js';
import { SCAN_STRIDE } from '../../src/codec/validate-event.js';
import { kernelRecords } from '../../src/entries/schema.js';

const DFID_NAME = 2;
const RECORD_FIXED = 20;
const METADATA = 24;

type Mutation = 'none' | 'no-nul' | 'inner-nul' | 'dirty-pad' | 'empty';

/** One event with one dfid_name record, `shift` bytes into its ArrayBuffer (little-endian). */
function eventBytes(handleLength: number, name: number[], shift: number): Uint8Array {
  const content = RECORD_FIXED + handleLength + name.length + 1;
  const len = (content + 3) & -4;
  const buffer = new Uint8Array(shift + METADATA + len + 8);
  const bytes = buffer.subarray(shift, shift + METADATA + len);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  dv.setUint32(0, METADATA + len, true);
  bytes[4] = 3;
  dv.setUint16(6, METADATA, true);
  dv.setUint32(8, 0x100, true);
  dv.setInt32(16, -1, true);
  dv.setInt32(20, 42, true);
  const r = METADATA;
  bytes[r] = DFID_NAME;
  dv.setUint16(r + 2, len, true);
  dv.setUint32(r + 12, handleLength, true);
  for (let i = 0; i < handleLength; i++) bytes[r + RECORD_FIXED + i] = i % 3 === 0 ? 0 : 0x80 + i;
  bytes.set(name, r + RECORD_FIXED + handleLength);
  // Buffer bytes past the event are not zero, so a scan that ran past it would be seen.
  buffer.fill(0x41, shift + METADATA + len);
  return bytes;
}

function mutate(bytes: Uint8Array, handleLength: number, nameLength: number, m: Mutation): void {
  const start = METADATA + RECORD_FIXED + handleLength;
  if (m === 'no-nul') bytes.fill(0x6e, start + nameLength);
  else if (m === 'inner-nul' && nameLength > 1) bytes[start + nameLength - 1] = 0;
  else if (m === 'dirty-pad' && start + nameLength + 1 < bytes.length) bytes[bytes.length - 1] = 1;
  else if (m === 'empty') bytes[start] = 0;
}

/** The reference: the name's bytes when the record is valid, else null (a byte loop, as the interpreted check). */
function expectedName(bytes: Uint8Array, handleLength: number): number[] | null {
  const start = METADATA + RECORD_FIXED + handleLength;
  let z = start;
  while (z < bytes.length && bytes[z] !== 0) z++;
  if (z >= bytes.length || z === start) return null;
  if (bytes.length - METADATA !== ((z + 1 - METADATA + 3) & -4)) return null;
  for (let i = z + 1; i < bytes.length; i++) if (bytes[i] !== 0) return null;
  return [...bytes.subarray(start, z)];
}

/** The name a cursor of `codec` reads, or null when it throws the decode error. */
function cursorName(codec: FanotifyCodec, bytes: Uint8Array): number[] | null {
  try {
    const c = codec.cursor(bytes, { byteOrder: 'little' });
    expect(c.nextEvent()).toBe(true);
    const r = c.nextRecord();
    if (r === null || r.type !== 'dfid_name') throw new Error('expected a dfid_name record');
    const name = [...c.buffer.subarray(r.name_start, r.name_start + r.name_length)];
    expect(c.nextRecord()).toBeNull();
    return name;
  } catch (e) {
    if (!(e instanceof FanotifyDecodeError)) throw e;
    return null;
  }
}

/** Whether `scanEventsOf` passes the one event, counting its record (and nothing otherwise). */
function scanned(codec: FanotifyCodec, bytes: Uint8Array): boolean {
  const counts = new Float64Array(256);
  const passed = scanEventsOf(codec.cursor(bytes, { byteOrder: 'little' }), new Int32Array(SCAN_STRIDE * 4), counts) === 1;
  expect(counts.reduce((a, b) => a + b, 0)).toBe(passed ? 1 : 0);
  if (passed) expect(counts[DFID_NAME]).toBe(1);
  return passed;
}

/** Whether each other strict path accepts `bytes`: the stats paths, the views' framing, the struct check. */
function verdicts(codec: FanotifyCodec, bytes: Uint8Array): boolean[] {
  const accepts = (run: () => unknown): boolean => {
    try {
      run();
      return true;
    } catch (e) {
      if (!(e instanceof FanotifyDecodeError)) throw e;
      return false;
    }
  };
  return [
    accepts(() => {
      const c = codec.cursor(bytes, { byteOrder: 'little' });
      while (c.nextEvent()) recordTypesOf(c, []);
    }),
    accepts(() => [...codec.decodeEvents(bytes, { byteOrder: 'little' })].map((ev) => [...ev.records()].length)),
    accepts(() => validateEvents(bytes, { byteOrder: 'little' })),
    // The scan stops before an invalid event (0 passed, nothing counted), for the exact walk
    // to throw there; a valid one is passed and its record counted.
    scanned(codec, bytes),
  ];
}

describe('word-at-a-time name scan', () => {
  // Not the kernel set (another order): its cursor is compiled at run time from the same generator.
  const compiled = createCodec({ records: [...kernelRecords].reverse() });
  const mutations: Mutation[] = ['none', 'no-nul', 'inner-nul', 'dirty-pad', 'empty'];

  it('accepts exactly the valid records and reads the same name, at every placement', () => {
    let valid = 0;
    let invalid = 0;
    for (let handleLength = 0; handleLength < 8; handleLength++) {
      for (let nameLength = 1; nameLength <= 13; nameLength++) {
        const name = Array.from({ length: nameLength }, (_, i) => 0x61 + ((i * 7) % 26) + (i % 2) * 0x80);
        for (const m of mutations) {
          for (let shift = 0; shift < 4; shift++) {
            const bytes = eventBytes(handleLength, name, shift);
            mutate(bytes, handleLength, nameLength, m);
            const want = expectedName(bytes, handleLength);
            const where = `handle ${handleLength}, name ${nameLength}, ${m}, shift ${shift}`;
            expect(cursorName(fanotifyCodec, bytes), where).toEqual(want);
            expect(cursorName(compiled, bytes), where).toEqual(want);
            expect(verdicts(fanotifyCodec, bytes), where).toEqual([want !== null, want !== null, want !== null, want !== null]);
            expect(verdicts(compiled, bytes), where).toEqual([want !== null, want !== null, want !== null, want !== null]);
            if (want !== null) {
              const view = [...[...decodeEvents(bytes, { byteOrder: 'little' })][0]!.records()][0]!;
              expect(view.type === 'dfid_name' ? [...view.name] : undefined, where).toEqual(want);
            }
            if (want === null) invalid++;
            else valid++;
          }
        }
      }
    }
    // Both verdicts occur often enough for the comparison to mean something.
    expect(valid).toBeGreaterThan(400);
    expect(invalid).toBeGreaterThan(1000);
  });
});
