/**
 * LTP fanotify22 (oracle table B, kernel-fanotify.md §6.2): FAN_FS_ERROR on a filesystem mark of
 * a FAN_REPORT_FID group. Errors of one filesystem merge (first error and first inode kept,
 * error_count counted), an error without inode has an empty handle (FILEID_INVALID), a read
 * starts a new event, and different pids do not merge.
 */
import { describe, expect, it } from 'vitest';
import { FAN_FS_ERROR } from '../../../src/index.js';
import type { Scenario, ScenarioStep } from '../../../src/model/index.js';
import { fixedHandle, runAndDecode, type DecodedEvent } from './support.js';

const H = { internal: fixedHandle(20), bad: fixedHandle(21) };

function scenario(errors: ScenarioStep[]): Scenario {
  return {
    filesystems: [{ name: 'ext4', type: 'ext4', mountAt: '/test_mnt', fsid: [0x1111, 0x2222] }],
    tree: [
      { path: '/test_mnt/internal_dir', type: 'dir', handle: H.internal },
      { path: '/test_mnt/internal_dir/bad_dir', type: 'dir', handle: H.bad },
    ],
    processes: [{ name: 'ltp', pid: 2222 }, { name: 'mount', pid: 2223 }],
    steps: [
      { do: 'fanotify_init', group: 'g', flags: ['FAN_CLASS_NOTIF', 'FAN_REPORT_FID'], expect: 'ok' },
      { do: 'fanotify_mark', group: 'g', flags: ['FAN_MARK_ADD', 'FAN_MARK_FILESYSTEM'], mask: ['FAN_FS_ERROR'], path: '/test_mnt', expect: 0 },
      ...errors,
      { do: 'fanotify_read', group: 'g', expect: 'ok' },
    ],
  };
}

const abort: ScenarioStep = { do: 'fs_error', by: 'mount', fs: 'ext4', errno: 'ESHUTDOWN' };
const lookup = (path: string): ScenarioStep => ({ do: 'fs_error', fs: 'ext4', errno: 'EUCLEAN', path });

/** What fanotify22 checks for one test case: mask, fd, error, summed count, and the FID record. */
function check(events: DecodedEvent[], error: number, count: number, handle: string | null): void {
  let total = 0;
  for (const e of events) {
    expect(e.mask).toBe(FAN_FS_ERROR);
    expect(e.fd).toBe(-1);
    const fid = e.info.find((r) => r.type === 'fid') as { fsid: number[]; handle_type: number; f_handle: Uint8Array } | undefined;
    const err = e.info.find((r) => r.type === 'error') as { error: number; error_count: number } | undefined;
    expect(fid).toBeDefined();
    expect(err).toBeDefined();
    expect(err!.error).toBe(error);
    expect(fid!.fsid).toEqual([0x1111, 0x2222]);
    if (handle === null) {
      expect(fid!.handle_type).toBe(255);
      expect(fid!.f_handle.length).toBe(0);
    } else {
      expect(Buffer.from(fid!.f_handle).toString('hex')).toBe(handle);
    }
    total += err!.error_count;
  }
  expect(total).toBe(count);
}

describe('LTP fanotify22 expectations (table B) on the model', () => {
  it('trigger abort: ESHUTDOWN, count 1, no inode (handle_type 255, 0 bytes)', () => {
    const { reads } = runAndDecode(scenario([abort]));
    check(reads.flat(), 108, 1, null);
    expect(reads.flat()[0]!.event_len).toBe(56);
  });

  it('lookup of an inode with an invalid mode: EUCLEAN, count 1, fh of bad_dir', () => {
    check(runAndDecode(scenario([lookup('/test_mnt/internal_dir/bad_dir')])).reads.flat(), 117, 1, H.bad.hex);
  });

  it('multiple error submission: first inode kept, count 2', () => {
    check(runAndDecode(scenario([lookup('/test_mnt/internal_dir'), lookup('/test_mnt/internal_dir/bad_dir')])).reads.flat(), 117, 2, H.internal.hex);
  });

  it('multiple error submission 2: EUCLEAN then abort by another task: two events, counts sum to 2', () => {
    const events = runAndDecode(scenario([lookup('/test_mnt/internal_dir/bad_dir'), abort])).reads.flat();
    expect(events).toHaveLength(2);
    check([events[0]!], 117, 1, H.bad.hex);
    check([events[1]!], 108, 1, null);
  });

  it('after a read the next error starts a new event with count 1', () => {
    const s = scenario([lookup('/test_mnt/internal_dir/bad_dir'), lookup('/test_mnt/internal_dir/bad_dir')]);
    const { reads } = runAndDecode({ ...s, steps: [...s.steps, lookup('/test_mnt/internal_dir/bad_dir'), { do: 'fanotify_read', group: 'g', expect: 'ok' }] });
    expect(reads.map((r) => r.map((e) => (e.info.find((x) => x.type === 'error') as { error_count: number }).error_count))).toEqual([[2], [1]]);
  });
});
