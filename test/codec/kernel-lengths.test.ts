/**
 * The encoder writes the lengths the kernel writes: every scenario of kernel-fanotify.md §7's
 * summary table, built with `encodeEvents`, has the observed `event_len` and record lengths, and
 * fid records follow `fanotify_fid_info_len()` for every handle and name length.
 */
import { describe, expect, it } from 'vitest';
import {
  decodeEventObjects,
  encodeEvents,
  encodedLength,
  FAN_CREATE,
  FAN_DELETE,
  FAN_FS_ERROR,
  FAN_MNT_ATTACH,
  FAN_MNT_DETACH,
  FAN_ONDIR,
  FAN_OPEN,
  FAN_PRE_ACCESS,
  FAN_Q_OVERFLOW,
  FAN_RENAME,
} from '../../src/index.js';
import { hexBytes } from '../helpers/bytes.js';
import type { KernelEventInput, KernelRecordInput } from '../helpers/expected-value.js';
import { fidInfoLen } from '../helpers/kernel-lengths.js';

const FSID = [0x0d939ee3, -2091916051] as const;
const TMPFS_HANDLE = hexBytes('69 c2 0c 86 3e 40 00 00 00 00 00 00');
const EXT4_HANDLE = hexBytes('48 c0 20 00 5e 32 e5 03');

const fid = (f_handle: Uint8Array, type: 'fid' | 'dfid' = 'fid'): KernelRecordInput => ({ type, fsid: FSID, handle_type: f_handle.length ? 1 : 255, f_handle });
const named = (name: string, type: 'dfid_name' | 'old_dfid_name' | 'new_dfid_name' = 'dfid_name'): KernelRecordInput => ({ type, fsid: FSID, handle_type: 1, f_handle: TMPFS_HANDLE, name });

/** event_len and [type, len] of each record, as decoded back from the encoding. */
function shape(event: KernelEventInput): { event_len: number; records: [string, number][]; bytes: Uint8Array } {
  const bytes = encodeEvents([event], { byteOrder: 'little' });
  const [decoded] = decodeEventObjects(bytes, { byteOrder: 'little' });
  expect(encodedLength([event])).toBe(bytes.length);
  return { event_len: decoded!.event_len, records: decoded!.info.map((r) => [r.type, r.len]), bytes };
}

describe('kernel-fanotify.md §7 summary table', () => {
  it('overflow in fd mode: 24 bytes, exactly the observed bytes', () => {
    const { event_len, records, bytes } = shape({ mask: FAN_Q_OVERFLOW, fd: -1, pid: 0 });
    expect(event_len).toBe(24);
    expect(records).toEqual([]);
    expect(bytes).toEqual(hexBytes('18 00 00 00 03 00 18 00 00 40 00 00 00 00 00 00 ff ff ff ff 00 00 00 00'));
  });

  it('overflow with FD_ERROR|PIDFD: len 32, fd -9, [PIDFD -3]', () => {
    const { event_len, records, bytes } = shape({ mask: FAN_Q_OVERFLOW, fd: -9, pid: 0, info: [{ type: 'pidfd', pidfd: -3 }] });
    expect(event_len).toBe(32);
    expect(records).toEqual([['pidfd', 8]]);
    expect(bytes.subarray(16)).toEqual(hexBytes('f7 ff ff ff 00 00 00 00 04 00 08 00 fd ff ff ff'));
  });

  it('overflow with FID|PIDFD: len 32, [PIDFD -1], no FID record', () => {
    const { event_len, records } = shape({ mask: FAN_Q_OVERFLOW, fd: -1, pid: 0, info: [{ type: 'pidfd', pidfd: -1 }] });
    expect(event_len).toBe(32);
    expect(records).toEqual([['pidfd', 8]]);
  });

  it('FS_ERROR abort: len 56, [FID len 20 hb 0 ht 255][ERROR 108 1]', () => {
    const { event_len, records, bytes } = shape({
      mask: FAN_FS_ERROR,
      fd: -1,
      pid: 77,
      info: [fid(new Uint8Array(0)), { type: 'error', error: 108, error_count: 1 }],
    });
    expect(event_len).toBe(56);
    expect(records).toEqual([
      ['fid', 20],
      ['error', 12],
    ]);
    // hdr{1,0,20} fsid hb=0 ht=255 | hdr{5,0,12} error=108 count=1
    expect(bytes.subarray(24, 28)).toEqual(hexBytes('01 00 14 00'));
    expect(bytes.subarray(36)).toEqual(hexBytes('00 00 00 00 ff 00 00 00 05 00 0c 00 6c 00 00 00 01 00 00 00'));
  });

  it('FS_ERROR 3x EUCLEAN with PIDFD: len 72, [FID 28][PIDFD][ERROR 117 2]', () => {
    const { event_len, records } = shape({
      mask: FAN_FS_ERROR,
      fd: -1,
      pid: 77,
      info: [fid(EXT4_HANDLE), { type: 'pidfd', pidfd: 5 }, { type: 'error', error: 117, error_count: 2 }],
    });
    expect(event_len).toBe(72);
    expect(records).toEqual([
      ['fid', 28],
      ['pidfd', 8],
      ['error', 12],
    ]);
  });

  it('mount attach/move/detach: len 40 with [MNT len 16 pad 0], 48 with PIDFD', () => {
    for (const mask of [FAN_MNT_ATTACH, FAN_MNT_ATTACH | FAN_MNT_DETACH, FAN_MNT_DETACH]) {
      const { event_len, records, bytes } = shape({ mask, fd: -1, pid: 1, info: [{ type: 'mnt', mnt_id: 2147483754n }] });
      expect(event_len).toBe(40);
      expect(records).toEqual([['mnt', 16]]);
      // hdr{7,0,16}, 4 bytes of implicit padding (zero), mnt_id 0x8000006a.
      expect(bytes.subarray(24)).toEqual(hexBytes('07 00 10 00 00 00 00 00 6a 00 00 80 00 00 00 00'));
    }
    const withPidfd = shape({ mask: FAN_MNT_ATTACH, fd: -1, pid: 1, info: [{ type: 'pidfd', pidfd: 3 }, { type: 'mnt', mnt_id: 1n }] });
    expect(withPidfd.event_len).toBe(48);
  });

  it('PRE_ACCESS: len 48 with [RANGE len 24 pad 0 off cnt], 56 with PIDFD', () => {
    const { event_len, records, bytes } = shape({ mask: FAN_PRE_ACCESS, fd: 7, pid: 1, info: [{ type: 'range', offset: 8192n, count: 4096n }] });
    expect(event_len).toBe(48);
    expect(records).toEqual([['range', 24]]);
    expect(bytes.subarray(24)).toEqual(hexBytes('06 00 18 00 00 00 00 00 00 20 00 00 00 00 00 00 00 10 00 00 00 00 00 00'));
    expect(shape({ mask: FAN_PRE_ACCESS, fd: 7, pid: 1, info: [{ type: 'pidfd', pidfd: 3 }, { type: 'range', offset: 0n, count: 0n }] }).event_len).toBe(56);
  });

  it('DFID_NAME "." for a directory self event: record len 36, event len 60', () => {
    const { event_len, records, bytes } = shape({ mask: FAN_OPEN | FAN_ONDIR, fd: -1, pid: 1, info: [named('.')] });
    expect(records).toEqual([['dfid_name', 36]]);
    expect(event_len).toBe(60);
    // ".\0" then 2 zero padding bytes.
    expect(bytes.subarray(24 + 32)).toEqual(hexBytes('2e 00 00 00'));
  });

  it('FID on tmpfs: len 56 [FID len 32 hb 12]; DFID_NAME "file": len 64 [len 40]', () => {
    expect(shape({ mask: FAN_OPEN, fd: -1, pid: 1, info: [fid(TMPFS_HANDLE)] })).toMatchObject({ event_len: 56, records: [['fid', 32]] });
    expect(shape({ mask: FAN_OPEN, fd: -1, pid: 1, info: [named('file')] })).toMatchObject({ event_len: 64, records: [['dfid_name', 40]] });
  });

  it('DIR_FID|FID: len 88 [DFID][FID]; DFID_NAME_TARGET mkdir: len 92 [DFID_NAME 36][FID 32]', () => {
    expect(shape({ mask: FAN_OPEN, fd: -1, pid: 1, info: [fid(TMPFS_HANDLE, 'dfid'), fid(TMPFS_HANDLE)] })).toMatchObject({
      event_len: 88,
      records: [
        ['dfid', 32],
        ['fid', 32],
      ],
    });
    expect(shape({ mask: FAN_CREATE | FAN_ONDIR, fd: -1, pid: 1, info: [named('sub'), fid(TMPFS_HANDLE)] })).toMatchObject({
      event_len: 92,
      records: [
        ['dfid_name', 36],
        ['fid', 32],
      ],
    });
  });

  it('RENAME with TARGET_FID: len 128 [OLD "x"][NEW "yy"][FID]', () => {
    const { event_len, records } = shape({ mask: FAN_RENAME, fd: -1, pid: 1, info: [named('x', 'old_dfid_name'), named('yy', 'new_dfid_name'), fid(TMPFS_HANDLE)] });
    expect(event_len).toBe(128);
    expect(records).toEqual([
      ['old_dfid_name', 36],
      ['new_dfid_name', 36],
      ['fid', 32],
    ]);
  });
});

describe('fid record length: roundup(20 + hb + (name ? namelen + 1 : 0), 4)', () => {
  const nameLengths = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 255];
  const handleLengths = [0, 1, 2, 3, 8, 12, 128];

  for (const hb of handleLengths) {
    it(`handle_bytes ${hb}, name lengths ${nameLengths.join(', ')}`, () => {
      for (const nameLen of nameLengths) {
        const f_handle = Uint8Array.from({ length: hb }, (_, i) => i + 1);
        // A name of length 0 is no name: the kernel sends a DFID record then.
        const record: KernelRecordInput =
          nameLen === 0
            ? { type: 'dfid', fsid: FSID, handle_type: 1, f_handle }
            : { type: 'dfid_name', fsid: FSID, handle_type: 1, f_handle, name: 'n'.repeat(nameLen) };
        const bytes = encodeEvents([{ mask: FAN_DELETE, fd: -1, pid: 1, info: [record] }], { byteOrder: 'little' });
        const len = bytes[26]! | (bytes[27]! << 8);
        const expected = fidInfoLen(hb, nameLen);
        expect({ hb, nameLen, len }).toEqual({ hb, nameLen, len: expected });
        expect(bytes.length).toBe(24 + expected);
        expect(new DataView(bytes.buffer).getUint32(24 + 12, true)).toBe(hb);
        // After the content (header, fsid, handle, name, NUL) only zero padding follows.
        const contentEnd = 24 + 20 + hb + (nameLen ? nameLen + 1 : 0);
        if (nameLen) expect(bytes[contentEnd - 1]).toBe(0);
        expect(contentEnd).toBeGreaterThan(bytes.length - 4);
        expect([...bytes.subarray(contentEnd)].every((b) => b === 0)).toBe(true);
      }
    });
  }
});
