/**
 * goldenStream(): readable descriptions build the exact bytes Linux wrote (the live vectors of
 * kernel-fanotify.md §7 and peer-libraries.md §4).
 */
import { describe, expect, it } from 'vitest';
import { goldenStream } from '../../src/golden/index.js';
import { CAPTURE_A_CREATE_MODIFY, CAPTURE_B_RENAME_PIDFD, VECTOR_1_MKDIR, VECTOR_2_RENAME, VECTOR_3_OPEN_DIR_PIDFD } from '../helpers/golden-captures.js';

const TMPFS_FSID = 'e39e930d.834fe4ed';
const EXT4_FSID: [number, number] = [0xe0a835f8, 0x52b8af9f];

describe('goldenStream', () => {
  it('builds vector 1 (DFID_NAME_TARGET mkdir on tmpfs) byte for byte', () => {
    const bytes = goldenStream()
      .event({ mask: ['FAN_CREATE', 'FAN_ONDIR'], pid: 0x3418 })
      .dfidName({ fsid: TMPFS_FSID, handle: '69c20c863e40000000000000', name: 'sub' })
      .fid({ fsid: TMPFS_FSID, handle: '46772fb44040000000000000' })
      .build();
    expect(bytes).toEqual(VECTOR_1_MKDIR);
  });

  it('builds vector 2 (FAN_RENAME with OLD/NEW_DFID_NAME and FID) byte for byte', () => {
    const dir = { fsid: TMPFS_FSID, handle: '69c20c863e40000000000000' };
    const bytes = goldenStream()
      .event({ mask: ['FAN_RENAME'], pid: 13336 })
      .oldDfidName({ ...dir, name: 'file' })
      .newDfidName({ ...dir, name: 'renamed' })
      .fid({ fsid: TMPFS_FSID, handle: '12e0197f3f40000000000000' })
      .build();
    expect(bytes).toEqual(VECTOR_2_RENAME);
  });

  it('builds vector 3 (FID + PIDFD) with a numeric mask and signed fsid words', () => {
    const bytes = goldenStream()
      .event({ mask: 0x40000020, pid: 13336 })
      .fid({ fsid: [-476146931, -2091916051], handle: new Uint8Array([0x69, 0xc2, 0x0c, 0x86, 0x3e, 0x40, 0, 0, 0, 0, 0, 0]) })
      .pidfd(4)
      .build();
    expect(bytes).toEqual(VECTOR_3_OPEN_DIR_PIDFD);
  });

  it('builds ext4 captures A and B (8-byte handles, events at 4-aligned offsets)', () => {
    const dfid = { fsid: EXT4_FSID, handle: '48c020005e32e503' };
    const a = goldenStream()
      .event({ mask: ['FAN_CREATE'], pid: 11282 }).dfidName({ ...dfid, name: 'a.txt' })
      .event({ mask: ['FAN_MODIFY'], pid: 11282 }).dfidName({ ...dfid, name: 'a.txt' }).fid({ fsid: EXT4_FSID, handle: '49c02000250b9343' })
      .build();
    expect(a).toEqual(CAPTURE_A_CREATE_MODIFY);
    const dir = { fsid: EXT4_FSID, handle: '5ee020007479eab1' };
    const b = goldenStream()
      .event({ mask: ['FAN_RENAME'], pid: 0x3167 })
      .oldDfidName({ ...dir, name: 'a' }).newDfidName({ ...dir, name: 'b' })
      .fid({ fsid: EXT4_FSID, handle: '5fe02000375c662b' }).pidfd(19)
      .build();
    expect(b).toEqual(CAPTURE_B_RENAME_PIDFD);
  });

  it('writes the kernel defaults: fd FAN_NOFD, FILEID_INVALID for an empty handle, error_count 1', () => {
    const events = goldenStream().event({ mask: ['FAN_FS_ERROR'] }).fid({ fsid: [1, 2], handle: '' }).error({ error: 108 }).events();
    expect(events).toEqual([{ mask: 0x8000n, pid: 0, fd: -1, info: [
      { type: 'fid', fsid: [1, 2], handle_type: 255, f_handle: new Uint8Array(0) },
      { type: 'error', error: 108, error_count: 1 },
    ] }]);
    const bytes = goldenStream().event({ mask: ['FAN_FS_ERROR'] }).fid({ fsid: [1, 2], handle: '' }).error({ error: 108 }).build();
    // kernel-fanotify.md §7: abort → len 56 [FID len 20 hb 0 ht 255][ERROR 108 cnt 1].
    expect(bytes.length).toBe(56);
  });

  it('builds range, mnt, unknown-free raw records and non-UTF-8 names', () => {
    const bytes = goldenStream()
      .event({ mask: ['FAN_PRE_ACCESS'], fd: 5, pid: 1 }).range({ offset: 8192, count: 4096 })
      .event({ mask: ['FAN_MNT_ATTACH'], pid: 1 }).mnt(2147483754n)
      .event({ mask: ['FAN_CREATE'], pid: 1 }).dfidName({ fsid: [1, 2], handle: '0102030405060708', name: new Uint8Array([0xff, 0xfe]) })
      .event({ mask: ['FAN_OPEN'], pid: 1, fd: 3 }).record({ type: 'pidfd', pidfd: -2 })
      .build();
    expect(bytes.length).toBe(48 + 40 + (24 + 32) + 32);
  });

  it('refuses unknown mask names, bad hex and records before an event', () => {
    expect(() => goldenStream().event({ mask: ['FAN_NOPE'] })).toThrow(/unknown event 'FAN_NOPE'/);
    expect(() => goldenStream().event({ mask: 1 }).fid({ fsid: [1, 2], handle: 'xyz' })).toThrow(/not hex/);
    expect(() => goldenStream().event({ mask: 1 }).fid({ fsid: '12', handle: '' })).toThrow(/not "hex.hex"/);
    expect(() => goldenStream().pidfd(3)).toThrow(/call event\(\) before/);
  });
});
