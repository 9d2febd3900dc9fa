/**
 * The golden helpers on real captures from corpus/: readable descriptions built with
 * goldenStream() match live kernel bytes once run-specific values are normalized, captures
 * match their committed .jsonl, and cross-filesystem differences are reported precisely.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareToGolden, fanotifyMatchers, goldenStream } from '../../src/golden/index.js';
import { PACKAGE_ROOT } from '../cli/support/cli-bundle.js';

expect.extend(fanotifyMatchers);

const corpus = (id: string, file = 'capture.bin'): string => path.join(PACKAGE_ROOT, 'corpus', id, file);
const bytesOf = (id: string): Uint8Array => new Uint8Array(readFileSync(corpus(id)));
const scratch = mkdtempSync(path.join(tmpdir(), 'fanotify-corpus-goldens-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Run-specific values in a description only need to be consistent, not real.
const FSID: [number, number] = [1, 2];

describe('goldens against real captures', () => {
  it('a superblock-level FS_ERROR (remount,abort) is one event: empty handle, ESHUTDOWN once', () => {
    const expected = goldenStream().event({ mask: ['FAN_FS_ERROR'], pid: 100 }).fid({ fsid: FSID, handle: '' }).error({ error: 108 }).build();
    const golden = path.join(scratch, 'abort.jsonl');
    compareToGolden(expected, golden, { normalize: true, update: true });
    expect(bytesOf('ext4/fs-error-abort')).toMatchFanotifyGolden(golden, { normalize: true });
  });

  it('merged FS_ERRORs keep the first error and count both', () => {
    const expected = goldenStream().event({ mask: ['FAN_FS_ERROR'], pid: 100 }).fid({ fsid: FSID, handle: '0100000002000000' }).error({ error: 117, error_count: 2 }).build();
    expect(compareToGolden(bytesOf('ext4/fs-error-merged'), writeGolden('merged.jsonl', expected), { normalize: true })).toMatchObject({ pass: true });
    const single = goldenStream().event({ mask: ['FAN_FS_ERROR'], pid: 100 }).fid({ fsid: FSID, handle: '0100000002000000' }).error({ error: 117 }).build();
    const r = compareToGolden(bytesOf('ext4/fs-error-merged'), writeGolden('single.jsonl', single), { normalize: true });
    expect(r.difference?.path).toBe('event[0].info[1].error_count');
  });

  it('a mount attached, moved and detached: one mount id, three events', () => {
    const b = goldenStream();
    for (const [i, mask] of [['FAN_MNT_ATTACH'], ['FAN_MNT_ATTACH', 'FAN_MNT_DETACH'], ['FAN_MNT_DETACH']].entries()) b.event({ mask, pid: 10 + i }).mnt(77);
    expect(bytesOf('ext4/mount')).toMatchFanotifyGolden(writeGolden('mount.jsonl', b.build()), { normalize: true });
  });

  it('every capture matches its committed .jsonl (bytes against JSON Lines)', () => {
    for (const id of ['ext4/dfid-name-target-rename', 'btrfs/names', 'tmpfs/fid', 'xfs/dir-fid-fid', 'ext4/permission']) {
      expect(bytesOf(id)).toMatchFanotifyGolden(corpus(id, 'capture.jsonl'));
    }
  });

  it('the same workload on two filesystems differs exactly where the filesystems do', () => {
    const golden = writeGolden('ext4-dfid-name.jsonl', bytesOf('ext4/dfid-name'));
    expect(bytesOf('ext4/dfid-name')).toMatchFanotifyGolden(golden, { normalize: true });
    // ext4 writes 8-byte handles, tmpfs 12-byte ones: the first difference is the first record's length.
    const r = compareToGolden(bytesOf('tmpfs/dfid-name'), golden, { normalize: true });
    expect(r.pass).toBe(false);
    expect(r.message).toContain('first difference at event[0].event_len: 60 != 56');
  });
});

function writeGolden(name: string, bytes: Uint8Array): string {
  const golden = path.join(scratch, name);
  const r = compareToGolden(bytes, golden, { normalize: true, update: true });
  expect(r.updated).toBe(true);
  return golden;
}
