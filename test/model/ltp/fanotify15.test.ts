/**
 * LTP fanotify15 (oracle table E, kernel-fanotify.md §6.5): FAN_REPORT_FID with dirent events
 * on a filesystem mark; dirent events in one directory merge per kind of entry (subdirs apart
 * from files), self events carry the object's fid, every mask is compared exactly.
 */
import { describe, expect, it } from 'vitest';
import { FAN_ATTRIB, FAN_CREATE, FAN_DELETE, FAN_DELETE_SELF, FAN_MOVED_FROM, FAN_MOVED_TO, FAN_ONDIR } from '../../../src/index.js';
import type { Scenario } from '../../../src/model/index.js';
import { fixedHandle, runAndDecode } from './support.js';

const H = { dir: fixedHandle(10), file: fixedHandle(11), sub: fixedHandle(12) };
const scenario: Scenario = {
  description: 'LTP fanotify15',
  filesystems: [{ name: 'fs', type: 'ext4', mountAt: '/mntpoint', fsid: [0x77, 0x88] }],
  tree: [{ path: '/mntpoint/test_dir', type: 'dir', handle: H.dir }],
  processes: [{ name: 'ltp', pid: 3131 }],
  steps: [
    { do: 'fanotify_init', group: 'g', flags: ['FAN_REPORT_FID'], eventFlags: ['O_RDONLY'], expect: 'ok' },
    {
      do: 'fanotify_mark',
      group: 'g',
      flags: ['FAN_MARK_ADD', 'FAN_MARK_FILESYSTEM'],
      mask: ['FAN_CREATE', 'FAN_DELETE', 'FAN_ATTRIB', 'FAN_MOVED_FROM', 'FAN_MOVED_TO', 'FAN_DELETE_SELF', 'FAN_ONDIR'],
      path: '/mntpoint/test_dir',
      expect: 0,
    },
    { do: 'open', path: '/mntpoint/test_dir/file1', flags: ['O_CREAT', 'O_WRONLY', 'O_TRUNC'], as: 'f', handle: H.file, expect: 'ok' },
    { do: 'close', file: 'f', expect: 0 },
    { do: 'rename', from: '/mntpoint/test_dir/file1', to: '/mntpoint/test_dir/file2', expect: 0 },
    { do: 'unlink', path: '/mntpoint/test_dir/file2', expect: 0 },
    { do: 'mkdir', path: '/mntpoint/test_dir/dir1', handle: H.sub, expect: 0 },
    { do: 'rename', from: '/mntpoint/test_dir/dir1', to: '/mntpoint/test_dir/dir2', expect: 0 },
    { do: 'rmdir', path: '/mntpoint/test_dir/dir2', expect: 0 },
    { do: 'fanotify_read', group: 'g', count: 256, expect: 'ok' },
  ],
};

const expected: [bigint, string][] = [
  [FAN_CREATE | FAN_MOVED_FROM | FAN_MOVED_TO | FAN_DELETE, H.dir.hex],
  [FAN_ATTRIB | FAN_DELETE_SELF, H.file.hex],
  [FAN_ONDIR | FAN_CREATE | FAN_MOVED_FROM | FAN_MOVED_TO | FAN_DELETE, H.dir.hex],
  [FAN_ONDIR | FAN_DELETE_SELF, H.sub.hex],
];

describe('LTP fanotify15 expectations (table E) on the model', () => {
  it('gives exactly the four merged events with FAN_NOFD, the caller pid, fsid and handles', () => {
    const { reads } = runAndDecode(scenario);
    const events = reads.flat();
    expect(events.map((e) => [e.mask, Buffer.from((e.info[0] as { f_handle: Uint8Array }).f_handle).toString('hex')])).toEqual(expected);
    for (const e of events) {
      expect(e.fd).toBe(-1);
      expect(e.pid).toBe(3131);
      expect(e.info).toHaveLength(1);
      expect(e.info[0]).toMatchObject({ type: 'fid', fsid: [0x77, 0x88], handle_type: 1 });
    }
  });
});
