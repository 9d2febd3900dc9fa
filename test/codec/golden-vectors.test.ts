/**
 * Golden vectors: bytes captured from a live 6.18 kernel decode to the documented fields and
 * JSON, and re-encode byte for byte (kernel-fanotify.md §7, peer-libraries.md §4).
 */
import { describe, expect, it } from 'vitest';
import { decodeEventObjects, decodeEvents, encodeEvents, validateEvents } from '../../src/index.js';
import { hexBytes } from '../helpers/bytes.js';
import {
  CAPTURE_A_CREATE_MODIFY,
  CAPTURE_B_RENAME_PIDFD,
  VECTOR_1_MKDIR,
  VECTOR_2_RENAME,
  VECTOR_3_OPEN_DIR_PIDFD,
} from '../helpers/golden-captures.js';

/** fsid of the tmpfs in vectors 1–3 (`0d 93 9e e3 ed e4 4f 83` as two little-endian ints). */
const TMPFS_FSID = [-476146931, -2091916051];
/** fsid of the ext4 in captures A and B (`f8 35 a8 e0 9f af b8 52`). */
const EXT4_FSID = [-525847048, 1387835295];

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

function reencode(bytes: Uint8Array): Uint8Array {
  return encodeEvents(decodeEventObjects(bytes), { byteOrder: 'little' });
}

describe('vector 1: DFID_NAME_TARGET, mkdir d/sub', () => {
  const bytes = VECTOR_1_MKDIR;

  it('decodes the metadata and both records', () => {
    const [ev, ...more] = [...decodeEvents(bytes, { byteOrder: 'little' })];
    expect(more).toHaveLength(0);
    expect(ev!.event_len).toBe(92);
    expect(ev!.vers).toBe(3);
    expect(ev!.reserved).toBe(0);
    expect(ev!.metadata_len).toBe(24);
    expect(ev!.mask).toBe(0x40000100n);
    expect(ev!.maskNames).toEqual(['FAN_CREATE', 'FAN_ONDIR']);
    expect(ev!.fd).toBe(-1);
    expect(ev!.pid).toBe(0x3418);
    expect(ev!.recordCount).toBe(2);
    const [dir, child] = [...ev!.records()];
    expect(dir!.type).toBe('dfid_name');
    if (dir!.type !== 'dfid_name') throw new Error('narrowing');
    expect(dir!.len).toBe(36);
    expect(dir!.byteOffset).toBe(24);
    expect(dir!.fsid).toEqual(TMPFS_FSID);
    expect(dir!.handle_bytes).toBe(12);
    expect(dir!.handle_type).toBe(1);
    expect(dir!.f_handle).toEqual(hexBytes('69 c2 0c 86 3e 40 00 00 00 00 00 00'));
    expect(dir!.name).toEqual(ascii('sub'));
    expect(child!.type).toBe('fid');
    if (child!.type !== 'fid') throw new Error('narrowing');
    expect(child!.len).toBe(32);
    expect(child!.byteOffset).toBe(60);
    expect(child!.f_handle).toEqual(hexBytes('46 77 2f b4 40 40 00 00 00 00 00 00'));
  });

  it('renders the documented JSON', () => {
    const [ev] = [...decodeEvents(bytes, { byteOrder: 'little' })];
    expect(JSON.parse(JSON.stringify(ev))).toStrictEqual({
      event_len: 92,
      vers: 3,
      reserved: 0,
      metadata_len: 24,
      mask: '0x40000100',
      mask_names: ['FAN_CREATE', 'FAN_ONDIR'],
      fd: -1,
      pid: 13336,
      info: [
        {
          info_type: 2,
          info_type_name: 'FAN_EVENT_INFO_TYPE_DFID_NAME',
          pad: 0,
          len: 36,
          fsid: TMPFS_FSID,
          handle_bytes: 12,
          handle_type: 1,
          f_handle: '69c20c863e40000000000000',
          name: 'sub',
        },
        {
          info_type: 1,
          info_type_name: 'FAN_EVENT_INFO_TYPE_FID',
          pad: 0,
          len: 32,
          fsid: TMPFS_FSID,
          handle_bytes: 12,
          handle_type: 1,
          f_handle: '46772fb44040000000000000',
        },
      ],
    });
  });

  it('re-encodes byte-identically', () => {
    expect(reencode(bytes)).toEqual(bytes);
  });
});

describe('vector 2: FAN_RENAME with OLD/NEW_DFID_NAME', () => {
  const bytes = VECTOR_2_RENAME;

  it('decodes the rename records with their padding', () => {
    const [ev] = decodeEventObjects(bytes, { byteOrder: 'little' });
    expect(ev!.event_len).toBe(136);
    expect(ev!.mask).toBe(0x10000000n);
    expect(ev!.info.map((r) => [r.type, r.len])).toEqual([
      ['old_dfid_name', 40],
      ['new_dfid_name', 40],
      ['fid', 32],
    ]);
    const [oldDir, newDir, child] = ev!.info;
    if (oldDir?.type !== 'old_dfid_name' || newDir?.type !== 'new_dfid_name' || child?.type !== 'fid') throw new Error('unexpected record types');
    expect(oldDir.name).toEqual(ascii('file'));
    expect(newDir.name).toEqual(ascii('renamed'));
    expect(oldDir.fsid).toEqual(TMPFS_FSID);
    expect(child.f_handle).toEqual(hexBytes('12 e0 19 7f 3f 40 00 00 00 00 00 00'));
    expect([...decodeEvents(bytes)][0]!.maskNames).toEqual(['FAN_RENAME']);
  });

  it('renders names and record type names in JSON', () => {
    const json = [...decodeEvents(bytes, { byteOrder: 'little' })][0]!.toJSON();
    const info = json['info'] as Record<string, unknown>[];
    expect(info.map((r) => r['info_type_name'])).toEqual(['FAN_EVENT_INFO_TYPE_OLD_DFID_NAME', 'FAN_EVENT_INFO_TYPE_NEW_DFID_NAME', 'FAN_EVENT_INFO_TYPE_FID']);
    expect(info.map((r) => r['name'])).toEqual(['file', 'renamed', undefined]);
    expect(info.some((r) => 'name_hex' in r)).toBe(false);
  });

  it('re-encodes byte-identically', () => {
    expect(reencode(bytes)).toEqual(bytes);
  });
});

describe('vector 3: FID + PIDFD', () => {
  const bytes = VECTOR_3_OPEN_DIR_PIDFD;

  it('decodes the pidfd record', () => {
    const [ev] = [...decodeEvents(bytes, { byteOrder: 'little' })];
    expect(ev!.event_len).toBe(64);
    expect(ev!.maskNames).toEqual(['FAN_OPEN', 'FAN_ONDIR']);
    const records = [...ev!.records()];
    expect(records.map((r) => r.type)).toEqual(['fid', 'pidfd']);
    const pidfd = records[1]!;
    if (pidfd.type !== 'pidfd') throw new Error('narrowing');
    expect(pidfd.pidfd).toBe(4);
    expect(pidfd.len).toBe(8);
    expect(pidfd.toJSON()).toStrictEqual({ info_type: 4, info_type_name: 'FAN_EVENT_INFO_TYPE_PIDFD', pad: 0, len: 8, pidfd: 4 });
  });

  it('re-encodes byte-identically', () => {
    expect(reencode(bytes)).toEqual(bytes);
  });
});

describe('capture A: two events in one read, the second 4- but not 8-aligned', () => {
  const bytes = CAPTURE_A_CREATE_MODIFY;

  it('frames both events by event_len', () => {
    expect(bytes.length).toBe(148);
    expect(validateEvents(bytes, { byteOrder: 'little' })).toBe(2);
    const events = [...decodeEvents(bytes, { byteOrder: 'little' })].map((ev) => ev.copy());
    expect(events.map((e) => [e.byteOffset, e.event_len, e.mask, e.pid])).toEqual([
      [0, 60, 0x100n, 11282],
      [0, 88, 0x2n, 11282],
    ]);
    const offsets = [...decodeEvents(bytes, { byteOrder: 'little' })].map((e) => e.byteOffset);
    expect(offsets).toEqual([0, 60]);
  });

  it('decodes the 8-byte ext4 handles and the padded name', () => {
    const [create, modify] = decodeEventObjects(bytes, { byteOrder: 'little' });
    expect(create!.info.map((r) => [r.type, r.len])).toEqual([['dfid_name', 36]]);
    expect(modify!.info.map((r) => [r.type, r.len])).toEqual([
      ['dfid_name', 36],
      ['fid', 28],
    ]);
    const dir = create!.info[0]!;
    if (dir.type !== 'dfid_name') throw new Error('narrowing');
    expect(dir.fsid).toEqual(EXT4_FSID);
    expect(dir.handle_bytes).toBe(8);
    expect(dir.f_handle).toEqual(hexBytes('48c020005e32e503'));
    expect(dir.name).toEqual(ascii('a.txt'));
    const child = modify!.info[1]!;
    if (child.type !== 'fid') throw new Error('narrowing');
    expect(child.f_handle).toEqual(hexBytes('49c02000250b9343'));
  });

  it('re-encodes byte-identically', () => {
    expect(reencode(bytes)).toEqual(bytes);
  });
});

describe('capture B: rename with TARGET_FID and PIDFD', () => {
  const bytes = CAPTURE_B_RENAME_PIDFD;

  it('decodes the records in wire order with the pidfd', () => {
    expect(bytes.length).toBe(124);
    const [ev, ...more] = decodeEventObjects(bytes, { byteOrder: 'little' });
    expect(more).toHaveLength(0);
    expect(ev!.event_len).toBe(124);
    expect(ev!.mask).toBe(0x10000000n);
    expect(ev!.pid).toBe(12647);
    expect(ev!.info.map((r) => [r.type, r.len])).toEqual([
      ['old_dfid_name', 32],
      ['new_dfid_name', 32],
      ['fid', 28],
      ['pidfd', 8],
    ]);
    const [oldDir, newDir, , pidfd] = ev!.info;
    if (oldDir?.type !== 'old_dfid_name' || newDir?.type !== 'new_dfid_name' || pidfd?.type !== 'pidfd') throw new Error('unexpected record types');
    expect(oldDir.name).toEqual(ascii('a'));
    expect(newDir.name).toEqual(ascii('b'));
    expect(oldDir.f_handle).toEqual(hexBytes('5ee020007479eab1'));
    expect(pidfd.pidfd).toBe(19);
  });

  it('renders the documented JSON', () => {
    const json = JSON.parse(JSON.stringify([...decodeEvents(bytes, { byteOrder: 'little' })][0]));
    expect(json).toMatchObject({
      event_len: 124,
      mask: '0x10000000',
      mask_names: ['FAN_RENAME'],
      fd: -1,
      pid: 12647,
      info: [
        { info_type: 10, len: 32, fsid: EXT4_FSID, handle_bytes: 8, handle_type: 1, f_handle: '5ee020007479eab1', name: 'a' },
        { info_type: 12, len: 32, name: 'b' },
        { info_type: 1, len: 28, f_handle: '5fe02000375c662b' },
        { info_type: 4, info_type_name: 'FAN_EVENT_INFO_TYPE_PIDFD', len: 8, pidfd: 19 },
      ],
    });
  });

  it('re-encodes byte-identically', () => {
    expect(reencode(bytes)).toEqual(bytes);
  });
});

it('re-encodes all captures concatenated as one stream', () => {
  const all = new Uint8Array([...VECTOR_1_MKDIR, ...VECTOR_2_RENAME, ...VECTOR_3_OPEN_DIR_PIDFD, ...CAPTURE_A_CREATE_MODIFY, ...CAPTURE_B_RENAME_PIDFD]);
  expect(validateEvents(all, { byteOrder: 'little' })).toBe(6);
  expect(reencode(all)).toEqual(all);
});
