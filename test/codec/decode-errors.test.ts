/**
 * Strict validation: every `DecodeErrorCode` is produced by the input that should produce it,
 * with the exact byte offset of the offending field and its path, by every strict entry point.
 */
import { describe, expect, it } from 'vitest';
import { decodeEvents, encodeEvents, FanotifyDecodeError, validateEvents, type DecodeErrorCode } from '../../src/index.js';
import { concatBytes, embed } from '../helpers/bytes.js';
import { expectDecodeError, patched } from '../helpers/decode-assertions.js';
import type { KernelRecordInput } from '../helpers/expected-value.js';
import { VECTOR_1_MKDIR, VECTOR_2_RENAME, VECTOR_3_OPEN_DIR_PIDFD } from '../helpers/golden-captures.js';

/** event[0] = vector 3 (64 bytes: FID, PIDFD); event[1] = vector 1 (92 bytes: DFID_NAME "sub", FID). */
const STREAM = concatBytes(VECTOR_3_OPEN_DIR_PIDFD, VECTOR_1_MKDIR);
const E1 = 64;
const E1_INFO0 = E1 + 24;
const E1_INFO1 = E1_INFO0 + 36;

/** A one-record event whose record is cut to `len` bytes (and says so in its `len`). */
function shrunkRecordEvent(record: KernelRecordInput, len: number): Uint8Array {
  const full = encodeEvents([{ mask: 1n, fd: 3, pid: 4, info: [record] }], { byteOrder: 'little' });
  return patched(full.subarray(0, 24 + len), (dv) => {
    dv.setUint32(0, 24 + len, true);
    dv.setUint16(24 + 2, len, true);
  });
}

/**
 * The codes buffer validation can produce (a missing or extra key is a type error, so this list
 * cannot go stale). The stream decoder's own codes (EVENT_TOO_LONG, STREAM_FAILED, EMPTY_INPUT)
 * are walked in test/errors.
 */
type BufferCode = Exclude<DecodeErrorCode, 'DECODE_EMPTY_INPUT' | 'DECODE_EVENT_TOO_LONG' | 'DECODE_STREAM_FAILED'>;
const ALL_CODES = Object.keys({
  DECODE_TRUNCATED: true,
  DECODE_BAD_VERSION: true,
  DECODE_BAD_METADATA_LEN: true,
  DECODE_EVENT_LEN_TOO_SMALL: true,
  DECODE_EVENT_LEN_PAST_END: true,
  DECODE_RECORD_PAST_EVENT: true,
  DECODE_RECORD_LEN_TOO_SMALL: true,
  DECODE_RECORD_LEN_MISMATCH: true,
  DECODE_FIELD_PAST_RECORD: true,
  DECODE_NAME_WITHOUT_NUL: true,
  DECODE_NONZERO_PADDING: true,
  DECODE_BAD_RECORD: true,
} satisfies Record<BufferCode, true>);
const codesSeen = new Set<DecodeErrorCode>();
function expectError(bytes: Uint8Array, code: BufferCode, offset: number, path: string): void {
  expectDecodeError(bytes, { code, offset, path });
  codesSeen.add(code);
}

it('the base stream is valid', () => {
  expect(validateEvents(STREAM, { byteOrder: 'little' })).toBe(2);
});

describe('framing', () => {
  it('TRUNCATED: 1..23 trailing bytes after the last event', () => {
    for (let n = 1; n <= 23; n++) {
      const bytes = concatBytes(STREAM, new Uint8Array(n).fill(0x18));
      expectError(bytes, 'DECODE_TRUNCATED', STREAM.length, 'event[2]');
    }
  });

  it('TRUNCATED: fewer than 24 bytes in all', () => {
    expectError(VECTOR_3_OPEN_DIR_PIDFD.subarray(0, 23), 'DECODE_TRUNCATED', 0, 'event[0]');
    expect(validateEvents(new Uint8Array(0))).toBe(0);
  });

  it('EVENT_LEN_TOO_SMALL: event_len below 24', () => {
    for (const len of [0, 1, 23]) {
      expectError(patched(STREAM, (dv) => dv.setUint32(E1, len, true)), 'DECODE_EVENT_LEN_TOO_SMALL', E1, 'event[1].event_len');
    }
  });

  it('EVENT_LEN_PAST_END: event_len past the end of the buffer', () => {
    expectError(patched(STREAM, (dv) => dv.setUint32(E1, 92 + 4, true)), 'DECODE_EVENT_LEN_PAST_END', E1, 'event[1].event_len');
    expectError(patched(STREAM, (dv) => dv.setUint32(E1, 0xffff_ffff, true)), 'DECODE_EVENT_LEN_PAST_END', E1, 'event[1].event_len');
    expectError(STREAM.subarray(0, STREAM.length - 1), 'DECODE_EVENT_LEN_PAST_END', E1, 'event[1].event_len');
  });

  it('BAD_VERSION: vers other than 3', () => {
    for (const vers of [0, 2, 4, 255]) {
      expectError(patched(STREAM, (_, u8) => (u8[E1 + 4] = vers)), 'DECODE_BAD_VERSION', E1 + 4, 'event[1].vers');
    }
  });

  it('BAD_METADATA_LEN: metadata_len other than 24', () => {
    for (const len of [0, 16, 23, 25, 32, 92]) {
      expectError(patched(STREAM, (dv) => dv.setUint16(E1 + 6, len, true)), 'DECODE_BAD_METADATA_LEN', E1 + 6, 'event[1].metadata_len');
    }
  });
});

describe('records', () => {
  it('RECORD_PAST_EVENT: a record header that does not fit in its event', () => {
    // event[0] grows by 2 bytes that cannot hold a record header.
    const bytes = patched(concatBytes(VECTOR_3_OPEN_DIR_PIDFD, new Uint8Array(2)), (dv) => dv.setUint32(0, 66, true));
    expectError(bytes, 'DECODE_RECORD_PAST_EVENT', 64, 'event[0].info[2]');
  });

  it('RECORD_PAST_EVENT: a record len that runs past its event', () => {
    expectError(patched(STREAM, (dv) => dv.setUint16(E1_INFO1 + 2, 36, true)), 'DECODE_RECORD_PAST_EVENT', E1_INFO1 + 2, 'event[1].info[1].len');
  });

  it('RECORD_LEN_TOO_SMALL: len below the 4-byte header', () => {
    for (const len of [0, 1, 3]) {
      expectError(patched(STREAM, (dv) => dv.setUint16(E1_INFO0 + 2, len, true)), 'DECODE_RECORD_LEN_TOO_SMALL', E1_INFO0 + 2, 'event[1].info[0].len');
    }
  });

  it('RECORD_LEN_TOO_SMALL: below each record type minimum', () => {
    const fsid = [1, 2] as const;
    const cases: [KernelRecordInput, number][] = [
      [{ type: 'pidfd', pidfd: 3 }, 4],
      [{ type: 'error', error: 117, error_count: 1 }, 8],
      [{ type: 'range', offset: 1n, count: 2n }, 20],
      [{ type: 'mnt', mnt_id: 1n }, 12],
      [{ type: 'fid', fsid, handle_type: 1, f_handle: new Uint8Array(8) }, 16],
      [{ type: 'dfid', fsid, handle_type: 1, f_handle: new Uint8Array(8) }, 16],
      [{ type: 'dfid_name', fsid, handle_type: 1, f_handle: new Uint8Array(8), name: 'x' }, 16],
    ];
    for (const [record, len] of cases) {
      expectError(shrunkRecordEvent(record, len), 'DECODE_RECORD_LEN_TOO_SMALL', 26, 'event[0].info[0].len');
    }
  });

  it('RECORD_LEN_MISMATCH: len too long by 4 (zero bytes after the content)', () => {
    // pidfd record of event[0] claims 12 bytes; the event grows by 4 zero bytes to hold them.
    const pidfdLonger = patched(concatBytes(VECTOR_3_OPEN_DIR_PIDFD, new Uint8Array(4)), (dv) => {
      dv.setUint32(0, 68, true);
      dv.setUint16(56 + 2, 12, true);
    });
    expectError(pidfdLonger, 'DECODE_RECORD_LEN_MISMATCH', 58, 'event[0].info[1].len');
    // The same for a named record: "sub\0" exactly fills 36, so 40 is 4 too many.
    const dfidNameLonger = patched(concatBytes(VECTOR_1_MKDIR.subarray(0, 60), new Uint8Array(4), VECTOR_1_MKDIR.subarray(60)), (dv) => {
      dv.setUint32(0, 96, true);
      dv.setUint16(24 + 2, 40, true);
    });
    expectError(dfidNameLonger, 'DECODE_RECORD_LEN_MISMATCH', 26, 'event[0].info[0].len');
  });

  it('RECORD_LEN_MISMATCH: len that is not the content rounded up to 4', () => {
    // FID record with an 8-byte handle, shortened to 30 bytes: content 28, so len must be 28.
    const record: KernelRecordInput = { type: 'fid', fsid: [1, 2], handle_type: 1, f_handle: new Uint8Array(8) };
    const full = encodeEvents([{ mask: 1n, fd: 3, pid: 4, info: [record] }], { byteOrder: 'little' });
    const bytes = patched(concatBytes(full, new Uint8Array(2)), (dv) => {
      dv.setUint32(0, full.length + 2, true);
      dv.setUint16(26, 30, true);
    });
    expectError(bytes, 'DECODE_RECORD_LEN_MISMATCH', 26, 'event[0].info[0].len');
  });

  it('FIELD_PAST_RECORD: handle_bytes past the record, at the offset of handle_bytes', () => {
    expectError(patched(STREAM, (dv) => dv.setUint32(E1_INFO0 + 12, 17, true)), 'DECODE_FIELD_PAST_RECORD', E1_INFO0 + 12, 'event[1].info[0].handle_bytes');
    expectError(patched(STREAM, (dv) => dv.setUint32(E1_INFO1 + 12, 0xffff_ffff, true)), 'DECODE_FIELD_PAST_RECORD', E1_INFO1 + 12, 'event[1].info[1].handle_bytes');
  });

  it('NAME_WITHOUT_NUL: a name not terminated within its record, at the offset of the name', () => {
    const name = E1_INFO0 + 20 + 12;
    expectError(patched(STREAM, (_, u8) => (u8[name + 3] = 0x78)), 'DECODE_NAME_WITHOUT_NUL', name, 'event[1].info[0].name');
  });

  it('NAME_WITHOUT_NUL: a *_NAME record with no room for a name at all', () => {
    // DFID_NAME header + fsid + file_handle with a 12-byte handle and nothing after it.
    const bytes = patched(VECTOR_1_MKDIR, (dv) => {
      dv.setUint32(E1_INFO0 - E1 + 12, 16, true); // handle_bytes 16 eats "sub\0"
    });
    expectError(bytes, 'DECODE_NAME_WITHOUT_NUL', 24 + 36, 'event[0].info[0].name');
  });

  it('NONZERO_PADDING: a padding byte after a name that is not zero', () => {
    // Vector 2: OLD_DFID_NAME "file\0" is followed by 3 padding bytes at 61..63.
    for (const at of [61, 62, 63]) {
      expectError(patched(VECTOR_2_RENAME, (_, u8) => (u8[at] = 1)), 'DECODE_NONZERO_PADDING', at, 'event[0].info[0].padding');
    }
  });

  it('NONZERO_PADDING: the implicit hole before mnt_id', () => {
    const bytes = encodeEvents([{ mask: 0x0100_0000n, fd: -1, pid: 1, info: [{ type: 'mnt', mnt_id: 5n }] }], { byteOrder: 'little' });
    for (const at of [28, 29, 30, 31]) {
      expectError(patched(bytes, (_, u8) => (u8[at] = 0x80)), 'DECODE_NONZERO_PADDING', at, 'event[0].info[0].padding');
    }
  });

  it('BAD_RECORD: a *_NAME record whose name is empty', () => {
    // The kernel never sends a name record without a name (it sends DFID then); "\0" alone is refused.
    for (const infoType of [2, 10, 12]) {
      const empty = patched(VECTOR_1_MKDIR, (dv, u8) => {
        u8[24] = infoType;
        u8.fill(0, 24 + 32, 24 + 36); // "sub\0" becomes "\0" + 3 bytes of padding
      });
      expectError(empty, 'DECODE_BAD_RECORD', 24 + 32, 'event[0].info[0].name');
    }
  });
});

describe('offsets are relative to the view, shifted by baseOffset; paths count from firstIndex', () => {
  it('a view at a non-zero byteOffset reports offsets within the view', () => {
    const bad = embed(patched(STREAM, (dv) => dv.setUint32(E1_INFO0 + 12, 17, true)), { before: 13, after: 7 });
    expectDecodeError(bad, { code: 'DECODE_FIELD_PAST_RECORD', offset: E1_INFO0 + 12, path: 'event[1].info[0].handle_bytes' });
  });

  it('baseOffset and firstIndex place the error in a larger stream', () => {
    const bad = patched(STREAM, (_, u8) => (u8[E1 + 4] = 9));
    let error: unknown;
    try {
      validateEvents(bad, { byteOrder: 'little', baseOffset: 1000, firstIndex: 40 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FanotifyDecodeError);
    expect(error).toMatchObject({ code: 'DECODE_BAD_VERSION', offset: 1000 + E1 + 4, path: 'event[41].vers' });
  });

  it('a strict iteration yields the good events before the bad one, then stays done', () => {
    const bad = patched(STREAM, (_, u8) => (u8[E1 + 4] = 9));
    const it = decodeEvents(bad, { byteOrder: 'little' })[Symbol.iterator]();
    expect(it.next().value?.event_len).toBe(64);
    expect(() => it.next()).toThrow(FanotifyDecodeError);
    expect(it.next().done).toBe(true);
  });
});

it('covers every DecodeErrorCode', () => {
  // Runs last (vitest runs a file's tests in order): every code must have been produced above.
  expect([...codesSeen].sort()).toEqual([...ALL_CODES].sort());
});
