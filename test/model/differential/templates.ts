/**
 * Scenario templates for the differential tests. Each is run on the real kernel (live-runner)
 * and on the model with the real fsids, handles, pids and fd tables; the bytes must be equal.
 * Paths live under `/fs`, which the harness maps to a fresh directory on the filesystem under
 * test. Every group is FAN_NONBLOCK (the harness reads without blocking). Processes: `main`
 * (the test process, which reads), `child`/`child2` (child processes, one real process each),
 * `mounter` (a mount(8) process per mount operation). Groups and event fds are close-on-exec:
 * a child that inherited them would keep the group alive (the model does not simulate fork).
 */
import type { ScenarioStep } from '../../../src/model/index.js';
import { ALL_FID, base, closeFds, D, DIRENT, HSM, init, mark, read, respond, type Template } from './template-kit.js';
import { EVICT_TEMPLATES } from './templates-evict.js';
import { LIMIT_TEMPLATES } from './templates-limits.js';
import { OPS_TEMPLATES } from './templates-ops.js';
import { VFS_TEMPLATES } from './templates-vfs.js';

export type { Template } from './template-kit.js';

/** A small workload touching files and directories in /fs/d. */
const workload: ScenarioStep[] = [
  { do: 'write_file', path: '/fs/d/f', count: 5, expect: 0 },
  { do: 'mkdir', path: '/fs/d/sub', expect: 0 },
  { do: 'open', path: '/fs/d/f', flags: ['O_RDONLY'], as: 'r', expect: 'ok' },
  { do: 'read', file: 'r', count: 3, expect: 3 },
  { do: 'read', file: 'r', count: 10, expect: 2 },
  { do: 'close', file: 'r', expect: 0 },
  { do: 'chmod', path: '/fs/d/f', expect: 0 },
  { do: 'open', path: '/fs/d/sub', flags: ['O_RDONLY', 'O_DIRECTORY'], as: 'dir', expect: 'ok' },
  { do: 'close', file: 'dir', expect: 0 },
  { do: 'rename', from: '/fs/d/f', to: '/fs/d/sub/g', expect: 0 },
  { do: 'unlink', path: '/fs/d/sub/g', expect: 0 },
  { do: 'rmdir', path: '/fs/d/sub', expect: 0 },
];

const fidModes: [string, string[]][] = [
  ['FID', ['FAN_REPORT_FID']],
  ['DIR_FID', ['FAN_REPORT_DIR_FID']],
  ['DIR_FID|FID', ['FAN_REPORT_DIR_FID', 'FAN_REPORT_FID']],
  ['DFID_NAME', ['FAN_REPORT_DFID_NAME']],
  ['DFID_NAME|FID', ['FAN_REPORT_DFID_NAME', 'FAN_REPORT_FID']],
  ['DFID_NAME_TARGET', ['FAN_REPORT_DFID_NAME_TARGET']],
];

const reportModes: Template[] = [
  {
    name: 'fd mode: inode mark on a dir watching children',
    build: (t) => base(t, [init([]), mark([], ['FAN_OPEN', 'FAN_CLOSE', 'FAN_MODIFY', 'FAN_ACCESS', 'FAN_ONDIR', 'FAN_EVENT_ON_CHILD'], '/fs/d'), ...workload, read(), closeFds()], { tree: D }),
  },
  {
    name: 'fd mode O_RDWR: mount mark, dir open gives an fd too',
    build: (t) => base(t, [init([], ['O_RDWR']), mark(['FAN_MARK_MOUNT'], ['FAN_OPEN', 'FAN_CLOSE', 'FAN_ONDIR'], '/fs'), ...workload, read(), closeFds()], { tree: D }),
  },
  ...fidModes.map(
    ([label, flags]): Template => ({
      name: `${label}: filesystem mark, every event type`,
      build: (t) => base(t, [init(flags), mark(['FAN_MARK_FILESYSTEM'], ALL_FID, '/fs'), ...workload, read()], { tree: D }),
    }),
  ),
  ...fidModes.map(
    ([label, flags]): Template => ({
      name: `${label}: inode marks on a dir (children) and a file`,
      build: (t) =>
        base(
          t,
          [
            init(flags),
            mark([], [...ALL_FID, 'FAN_EVENT_ON_CHILD'], '/fs/d'),
            mark([], ['FAN_MODIFY', 'FAN_ATTRIB', 'FAN_OPEN', 'FAN_CLOSE', 'FAN_DELETE_SELF', 'FAN_MOVE_SELF'], '/fs/d/x'),
            ...workload,
            { do: 'write_file', path: '/fs/d/x', count: 1, expect: 0 },
            { do: 'unlink', path: '/fs/d/x', expect: 0 },
            read(),
          ],
          { tree: [...D, { path: '/fs/d/x', type: 'file', size: 2 }] },
        ),
    }),
  ),
  ...fidModes.map(
    ([label, flags]): Template => ({
      name: `${label}: mount mark (path events only) plus a dir mark`,
      build: (t) =>
        base(t, [init(flags), mark(['FAN_MARK_MOUNT'], ['FAN_OPEN', 'FAN_CLOSE', 'FAN_MODIFY', 'FAN_ACCESS', 'FAN_ONDIR'], '/fs'), mark([], [...DIRENT, 'FAN_ONDIR'], '/fs/d'), ...workload, read()], {
          tree: D,
        }),
    }),
  ),
];

const renames: Template[] = [
  ...(
    [
      ['old dir marked', ['/fs/a']],
      ['new dir marked', ['/fs/b']],
      ['both dirs marked', ['/fs/a', '/fs/b']],
    ] as const
  ).map(
    ([label, dirs]): Template => ({
      name: `FAN_RENAME across dirs, ${label} (DFID_NAME_TARGET)`,
      build: (t) =>
        base(
          t,
          [
            init(['FAN_REPORT_DFID_NAME_TARGET']),
            ...dirs.map((d) => mark([], ['FAN_RENAME', 'FAN_MOVED_FROM', 'FAN_MOVED_TO', 'FAN_ONDIR'], d)),
            { do: 'rename', from: '/fs/a/x', to: '/fs/b/yy', expect: 0 },
            { do: 'rename', from: '/fs/a/sub', to: '/fs/b/sub2', expect: 0 },
            read(),
          ],
          { tree: [{ path: '/fs/a', type: 'dir' }, { path: '/fs/b', type: 'dir' }, { path: '/fs/a/x', type: 'file' }, { path: '/fs/a/sub', type: 'dir' }] },
        ),
    }),
  ),
  {
    name: 'FAN_RENAME with a filesystem mark: old and new records (DFID_NAME|FID)',
    build: (t) =>
      base(
        t,
        [
          init(['FAN_REPORT_DFID_NAME', 'FAN_REPORT_FID']),
          mark(['FAN_MARK_FILESYSTEM'], ['FAN_RENAME', 'FAN_MOVE', 'FAN_MOVE_SELF', 'FAN_ONDIR'], '/fs'),
          { do: 'rename', from: '/fs/a/x', to: '/fs/a/renamed', expect: 0 },
          { do: 'rename', from: '/fs/a/renamed', to: '/fs/b/x', expect: 0 },
          read(),
        ],
        { tree: [{ path: '/fs/a', type: 'dir' }, { path: '/fs/b', type: 'dir' }, { path: '/fs/a/x', type: 'file' }] },
      ),
  },
  {
    name: 'rename over an existing file: ATTRIB, MOVE_SELF, then the target DELETE_SELF (FID)',
    build: (t) =>
      base(
        t,
        [
          init(['FAN_REPORT_FID']),
          mark(['FAN_MARK_FILESYSTEM'], [...ALL_FID], '/fs'),
          { do: 'rename', from: '/fs/d/x', to: '/fs/d/y', expect: 0 },
          read(),
        ],
        { tree: [...D, { path: '/fs/d/x', type: 'file', size: 1 }, { path: '/fs/d/y', type: 'file', size: 2 }] },
      ),
  },
  {
    name: 'hard links: ATTRIB+CREATE, unlink of one name, DELETE_SELF at the last (DFID_NAME|FID)',
    build: (t) =>
      base(
        t,
        [
          init(['FAN_REPORT_DFID_NAME', 'FAN_REPORT_FID']),
          mark(['FAN_MARK_FILESYSTEM'], [...ALL_FID], '/fs'),
          { do: 'link', path: '/fs/d/f2', target: '/fs/d/f', expect: 0 },
          { do: 'unlink', path: '/fs/d/f', expect: 0 },
          read(),
          { do: 'unlink', path: '/fs/d/f2', expect: 0 },
          read(),
        ],
        { tree: [...D, { path: '/fs/d/f', type: 'file', size: 1 }] },
      ),
  },
  {
    name: 'unlink of an open file: DELETE_SELF after the last close (FID, inode mark)',
    build: (t) =>
      base(
        t,
        [
          init(['FAN_REPORT_FID']),
          mark([], ['FAN_MODIFY', 'FAN_ATTRIB', 'FAN_CLOSE', 'FAN_DELETE_SELF'], '/fs/d/f'),
          { do: 'open', path: '/fs/d/f', flags: ['O_RDWR'], as: 'w', expect: 'ok' },
          { do: 'unlink', path: '/fs/d/f', expect: 0 },
          read(),
          { do: 'write', file: 'w', count: 3, expect: 3 },
          { do: 'close', file: 'w', expect: 0 },
          read(),
        ],
        { tree: [...D, { path: '/fs/d/f', type: 'file', size: 1 }] },
      ),
  },
  {
    name: 'symlinks and names up to 255 bytes, non-ASCII names (DFID_NAME)',
    build: (t) =>
      base(
        t,
        [
          init(['FAN_REPORT_DFID_NAME']),
          mark([], [...ALL_FID], '/fs/d'),
          { do: 'symlink', path: '/fs/d/link', target: 'nowhere', expect: 0 },
          { do: 'touch', path: `/fs/d/${'n'.repeat(255)}`, expect: 0 },
          { do: 'mkdir', path: '/fs/d/été', expect: 0 },
          { do: 'rename', from: '/fs/d/link', to: '/fs/d/ln2', expect: 0 },
          { do: 'unlink', path: '/fs/d/ln2', expect: 0 },
          read(),
        ],
        { tree: D },
      ),
  },
];

const infoRecords: Template[] = [
  {
    name: 'PIDFD (FID): own events get a pidfd, an exited child FAN_NOPIDFD',
    build: (t) =>
      base(
        t,
        [
          init(['FAN_REPORT_FID', 'FAN_REPORT_PIDFD']),
          mark([], ['FAN_OPEN', 'FAN_CLOSE', 'FAN_EVENT_ON_CHILD', 'FAN_CREATE'], '/fs/d'),
          { do: 'touch', path: '/fs/d/a', expect: 0 },
          { do: 'touch', path: '/fs/d/b', by: 'child', expect: 0 },
          { do: 'exit', by: 'child' },
          read(),
          closeFds(),
        ],
        { tree: D },
      ),
  },
  {
    name: 'PIDFD|FD_ERROR (DFID_NAME): -ESRCH for an exited child, fd -EBADF',
    build: (t) =>
      base(
        t,
        [
          init(['FAN_REPORT_DFID_NAME', 'FAN_REPORT_PIDFD', 'FAN_REPORT_FD_ERROR']),
          mark([], ['FAN_OPEN', 'FAN_CLOSE', 'FAN_EVENT_ON_CHILD', 'FAN_CREATE'], '/fs/d'),
          { do: 'touch', path: '/fs/d/b', by: 'child', expect: 0 },
          { do: 'exit', by: 'child' },
          { do: 'touch', path: '/fs/d/a', expect: 0 },
          read(),
          closeFds(),
        ],
        { tree: D },
      ),
  },
  {
    name: 'PIDFD in fd mode: the event fd is allocated before the pidfd',
    build: (t) =>
      base(t, [init(['FAN_REPORT_PIDFD']), mark([], ['FAN_OPEN', 'FAN_CLOSE', 'FAN_MODIFY', 'FAN_EVENT_ON_CHILD'], '/fs/d'), { do: 'write_file', path: '/fs/d/a', count: 1, expect: 0 }, { do: 'write_file', path: '/fs/d/b', count: 1, expect: 0 }, read(), closeFds()], {
        tree: D,
      }),
  },
  {
    name: 'FAN_REPORT_TID (DIR_FID|FID): the main thread reports its tid',
    build: (t) => base(t, [init(['FAN_REPORT_TID', 'FAN_REPORT_DIR_FID', 'FAN_REPORT_FID']), mark(['FAN_MARK_FILESYSTEM'], ALL_FID, '/fs'), ...workload, read()], { tree: D }),
  },
  {
    name: 'FD_ERROR (FID): fd is -EBADF for fid events',
    build: (t) => base(t, [init(['FAN_REPORT_FID', 'FAN_REPORT_FD_ERROR']), mark(['FAN_MARK_FILESYSTEM'], ALL_FID, '/fs'), ...workload, read()], { tree: D }),
  },
];

const queue: Template[] = [
  {
    name: 'merging into any queued event, not only the tail (fd mode)',
    build: (t) =>
      base(
        t,
        [
          init([]),
          mark([], ['FAN_OPEN', 'FAN_CLOSE', 'FAN_ACCESS', 'FAN_EVENT_ON_CHILD'], '/fs/d'),
          { do: 'open', path: '/fs/d/a', flags: ['O_RDONLY'], as: 'a', expect: 'ok' },
          { do: 'open', path: '/fs/d/b', flags: ['O_RDONLY'], as: 'b', expect: 'ok' },
          { do: 'close', file: 'a', expect: 0 },
          { do: 'close', file: 'b', expect: 0 },
          read(),
          closeFds(),
          { do: 'open', path: '/fs/d/a', flags: ['O_RDONLY'], as: 'a2', expect: 'ok' },
          read(),
          { do: 'close', file: 'a2', expect: 0 },
          read(),
          closeFds(),
        ],
        { tree: [...D, { path: '/fs/d/a', type: 'file', size: 1 }, { path: '/fs/d/b', type: 'file', size: 1 }] },
      ),
  },
  {
    name: 'no merging across pids, ONDIR, or different names (DFID_NAME)',
    build: (t) =>
      base(
        t,
        [
          init(['FAN_REPORT_DFID_NAME']),
          mark([], [...DIRENT, 'FAN_ONDIR', 'FAN_OPEN', 'FAN_EVENT_ON_CHILD'], '/fs/d'),
          { do: 'touch', path: '/fs/d/a', expect: 0 },
          { do: 'touch', path: '/fs/d/a2', by: 'child', expect: 0 },
          { do: 'exit', by: 'child' },
          { do: 'mkdir', path: '/fs/d/a3', expect: 0 },
          { do: 'unlink', path: '/fs/d/a', expect: 0 },
          { do: 'rmdir', path: '/fs/d/a3', expect: 0 },
          read(),
        ],
        { tree: D },
      ),
  },
  {
    name: 'read(): EINVAL when the first event does not fit, whole events only, EAGAIN, FIONREAD',
    build: (t) =>
      base(
        t,
        [
          init(['FAN_REPORT_DFID_NAME']),
          { do: 'fionread', group: 'g', expect: 0 },
          read(4096, 'EAGAIN'),
          mark([], [...DIRENT, 'FAN_ONDIR'], '/fs/d'),
          { do: 'touch', path: '/fs/d/a', expect: 0 },
          { do: 'touch', path: '/fs/d/bb', expect: 0 },
          { do: 'mkdir', path: '/fs/d/ccc', expect: 0 },
          { do: 'fionread', group: 'g', expect: 'ok' },
          read(23, 'EINVAL'),
          read(0, 'EINVAL'),
          // Handle sizes differ per filesystem: whatever fits (one event, or EINVAL on btrfs).
          { do: 'fanotify_read', group: 'g', count: 60 },
          { do: 'fionread', group: 'g', expect: 'ok' },
          { do: 'fanotify_read', group: 'g', count: 100 },
          read(4096, 'ok'),
          read(4096, 'EAGAIN'),
        ],
        { tree: D },
      ),
  },
  {
    name: 'queue overflow after 16384 events (DFID_NAME|FD_ERROR): FAN_Q_OVERFLOW with fd -EBADF',
    on: ['tmpfs', 'ext4'],
    build: (t) =>
      base(t, [init(['FAN_REPORT_DFID_NAME', 'FAN_REPORT_FD_ERROR']), mark([], ['FAN_CREATE'], '/fs/d'), ...Array.from({ length: 16386 }, (_, i): ScenarioStep => ({ do: 'touch', path: `/fs/d/f${i}`, expect: 0 })), { do: 'fionread', group: 'g', expect: 'ok' }, ...Array.from({ length: 16 }, (): ScenarioStep => ({ do: 'fanotify_read', group: 'g', count: 65536 })), read(65536, 'EAGAIN')], {
        tree: D,
      }),
  },
  {
    name: 'two groups see the same operations in their own modes',
    build: (t) =>
      base(
        t,
        [
          init(['FAN_REPORT_DFID_NAME_TARGET'], ['O_RDONLY'], 'g'),
          init([], ['O_RDONLY'], 'h'),
          mark(['FAN_MARK_FILESYSTEM'], ALL_FID, '/fs', 0, 'g'),
          mark(['FAN_MARK_MOUNT'], ['FAN_OPEN', 'FAN_CLOSE', 'FAN_MODIFY', 'FAN_ACCESS'], '/fs', 0, 'h'),
          ...workload,
          read(4096, 'ok', 'h'),
          read(),
          closeFds('h'),
        ],
        { tree: D },
      ),
  },
];

const marks: Template[] = [
  {
    name: 'legacy ignored mask: ignores OPEN until a MODIFY clears it (fd mode)',
    build: (t) =>
      base(
        t,
        [
          init([]),
          mark([], ['FAN_OPEN', 'FAN_MODIFY', 'FAN_CLOSE', 'FAN_EVENT_ON_CHILD'], '/fs/d'),
          mark(['FAN_MARK_IGNORED_MASK'], ['FAN_OPEN'], '/fs/d/f'),
          { do: 'open', path: '/fs/d/f', flags: ['O_RDONLY'], as: 'a', expect: 'ok' },
          { do: 'close', file: 'a', expect: 0 },
          read(),
          closeFds(),
          { do: 'open', path: '/fs/d/f', flags: ['O_WRONLY'], as: 'w', expect: 'ok' },
          { do: 'write', file: 'w', count: 1, expect: 1 },
          { do: 'close', file: 'w', expect: 0 },
          { do: 'open', path: '/fs/d/f', flags: ['O_RDONLY'], as: 'b', expect: 'ok' },
          read(),
          { do: 'close', file: 'b', expect: 0 },
          closeFds(),
        ],
        { tree: [...D, { path: '/fs/d/f', type: 'file' }] },
      ),
  },
  {
    name: 'FAN_MARK_IGNORED_SURV_MODIFY keeps the ignore mask (FID)',
    build: (t) =>
      base(
        t,
        [
          init(['FAN_REPORT_FID']),
          mark(['FAN_MARK_FILESYSTEM'], ['FAN_OPEN', 'FAN_MODIFY', 'FAN_CLOSE_WRITE'], '/fs'),
          mark(['FAN_MARK_IGNORED_MASK', 'FAN_MARK_IGNORED_SURV_MODIFY'], ['FAN_OPEN', 'FAN_CLOSE_WRITE'], '/fs/d/f'),
          { do: 'write_file', path: '/fs/d/f', count: 2, expect: 0 },
          { do: 'write_file', path: '/fs/d/f', count: 2, expect: 0 },
          { do: 'write_file', path: '/fs/d/other', count: 2, expect: 0 },
          read(),
        ],
        { tree: [...D, { path: '/fs/d/f', type: 'file' }] },
      ),
  },
  {
    name: 'FAN_MARK_IGNORE with ONDIR and EVENT_ON_CHILD on a dir (DFID_NAME)',
    build: (t) =>
      base(
        t,
        [
          init(['FAN_REPORT_DFID_NAME']),
          mark(['FAN_MARK_FILESYSTEM'], [...ALL_FID], '/fs'),
          mark(['FAN_MARK_IGNORE', 'FAN_MARK_IGNORED_SURV_MODIFY'], ['FAN_OPEN', 'FAN_CLOSE', 'FAN_ONDIR', 'FAN_EVENT_ON_CHILD'], '/fs/d'),
          mark(['FAN_MARK_IGNORE'], ['FAN_CREATE'], '/fs/d', 'EISDIR'),
          ...workload,
          read(),
        ],
        { tree: D },
      ),
  },
  {
    name: 'mark REMOVE and FLUSH; ENOENT removing a missing mark (DIR_FID|FID)',
    build: (t) =>
      base(
        t,
        [
          init(['FAN_REPORT_DIR_FID', 'FAN_REPORT_FID']),
          mark([], [...ALL_FID, 'FAN_EVENT_ON_CHILD'], '/fs/d'),
          { do: 'fanotify_mark', group: 'g', flags: ['FAN_MARK_REMOVE'], mask: ['FAN_OPEN', 'FAN_CLOSE', 'FAN_ACCESS'], path: '/fs/d', expect: 0 },
          ...workload.slice(0, 6),
          read(),
          { do: 'fanotify_mark', group: 'g', flags: ['FAN_MARK_REMOVE'], mask: ['FAN_OPEN'], path: '/fs/d/nomark', expect: 'ENOENT' },
          { do: 'fanotify_mark', group: 'g', flags: ['FAN_MARK_FLUSH'], mask: 0, expect: 0 },
          { do: 'touch', path: '/fs/d/after', expect: 0 },
          read(4096, 'EAGAIN'),
        ],
        { tree: [...D, { path: '/fs/d/nomark', type: 'file' }] },
      ),
  },
  {
    name: 'mount marks are per mount: a bind mount does not report (fd mode)',
    build: (t) =>
      base(
        t,
        [
          init([]),
          mark(['FAN_MARK_MOUNT'], ['FAN_OPEN', 'FAN_CLOSE'], '/fs'),
          { do: 'mount', by: 'mounter', bind: '/fs/d', target: '/fs/bind', expect: 0 },
          { do: 'open', path: '/fs/bind/f', flags: ['O_RDONLY'], as: 'a', expect: 'ok' },
          { do: 'close', file: 'a', expect: 0 },
          { do: 'open', path: '/fs/d/f', flags: ['O_RDONLY'], as: 'b', expect: 'ok' },
          { do: 'close', file: 'b', expect: 0 },
          read(),
          closeFds(),
          { do: 'umount', by: 'mounter', target: '/fs/bind', expect: 0 },
        ],
        { tree: [...D, { path: '/fs/bind', type: 'dir' }, { path: '/fs/d/f', type: 'file' }] },
      ),
  },
  {
    name: 'one file through two mounts gives two events (inode mark, fd mode)',
    build: (t) =>
      base(
        t,
        [
          init([]),
          mark([], ['FAN_OPEN'], '/fs/d/f'),
          { do: 'mount', by: 'mounter', bind: '/fs/d', target: '/fs/bind', expect: 0 },
          { do: 'open', path: '/fs/bind/f', flags: ['O_RDONLY'], as: 'a', expect: 'ok' },
          { do: 'open', path: '/fs/d/f', flags: ['O_RDONLY'], as: 'b', expect: 'ok' },
          { do: 'open', path: '/fs/bind/f', flags: ['O_RDONLY'], as: 'c', expect: 'ok' },
          read(),
          closeFds(),
          { do: 'close', file: 'a', expect: 0 },
          { do: 'close', file: 'b', expect: 0 },
          { do: 'close', file: 'c', expect: 0 },
          { do: 'umount', by: 'mounter', target: '/fs/bind', expect: 0 },
        ],
        { tree: [...D, { path: '/fs/bind', type: 'dir' }, { path: '/fs/d/f', type: 'file' }] },
      ),
  },
  {
    name: 'ftruncate reports FAN_MODIFY to fid groups only',
    build: (t) =>
      base(
        t,
        [
          init(['FAN_REPORT_FID'], ['O_RDONLY'], 'g'),
          init([], ['O_RDONLY'], 'h'),
          mark([], ['FAN_MODIFY', 'FAN_OPEN'], '/fs/d/f', 0, 'g'),
          mark([], ['FAN_MODIFY', 'FAN_OPEN'], '/fs/d/f', 0, 'h'),
          { do: 'open', path: '/fs/d/f', flags: ['O_RDWR'], as: 'w', expect: 'ok' },
          { do: 'ftruncate', file: 'w', length: 1, expect: 0 },
          { do: 'close', file: 'w', expect: 0 },
          read(),
          read(4096, 'ok', 'h'),
          closeFds('h'),
        ],
        { tree: [...D, { path: '/fs/d/f', type: 'file', size: 10 }] },
      ),
  },
];

const fdErrors: Template[] = [
  ...[false, true].map(
    (fdError): Template => ({
      name: `O_RDWR event fd on a read-only bind mount: ${fdError ? 'fd = -EROFS (FD_ERROR)' : 'read() fails with EROFS, a later event is lost'}`,
      build: (t) =>
        base(
          t,
          [
            init(fdError ? ['FAN_REPORT_FD_ERROR', 'FAN_REPORT_PIDFD'] : [], ['O_RDWR']),
            mark([], ['FAN_OPEN'], '/fs/d/f'),
            { do: 'mount', by: 'mounter', bind: '/fs/d', target: '/fs/ro', readOnly: true, expect: 0 },
            { do: 'open', path: '/fs/ro/f', flags: ['O_RDONLY'], as: 'a', expect: 'ok' },
            read(4096, fdError ? 'ok' : 'EROFS'),
            { do: 'open', path: '/fs/d/f', flags: ['O_RDONLY'], as: 'b', expect: 'ok' },
            { do: 'open', path: '/fs/ro/f', flags: ['O_RDONLY'], as: 'c', expect: 'ok' },
            { do: 'open', path: '/fs/d/f', flags: ['O_RDONLY'], as: 'e', by: 'child', expect: 'ok' },
            read(4096, 'ok'),
            read(4096, fdError ? 'EAGAIN' : 'ok'),
            read(4096, 'EAGAIN'),
            closeFds(),
            { do: 'exit', by: 'child' },
            { do: 'close', file: 'a', expect: 0 },
            { do: 'close', file: 'b', expect: 0 },
            { do: 'close', file: 'c', expect: 0 },
            { do: 'umount', by: 'mounter', target: '/fs/ro', expect: 0 },
          ],
          { tree: [...D, { path: '/fs/ro', type: 'dir' }, { path: '/fs/d/f', type: 'file' }] },
        ),
    }),
  ),
];

const validation: Template[] = [
  {
    name: 'fanotify_init validation (errno and check order)',
    on: ['tmpfs'],
    build: (t) => {
      const cases: [string[], string[], string | number][] = [
        [['0x80000000'], [], 'EINVAL'],
        [['FAN_REPORT_PIDFD', 'FAN_REPORT_TID'], [], 'EINVAL'],
        [['FAN_REPORT_MNT', 'FAN_CLASS_CONTENT'], [], 'EINVAL'],
        [['FAN_REPORT_MNT', 'FAN_REPORT_FID'], [], 'EINVAL'],
        [['FAN_REPORT_MNT', 'FAN_REPORT_FD_ERROR'], [], 'EINVAL'],
        [[], ['O_RDWR', 'O_WRONLY'], 'EINVAL'],
        [[], ['O_CREAT'], 'EINVAL'],
        [['FAN_CLASS_CONTENT', 'FAN_REPORT_FID'], [], 'EINVAL'],
        [['FAN_REPORT_NAME'], [], 'EINVAL'],
        [['FAN_REPORT_TARGET_FID', 'FAN_REPORT_DFID_NAME'], [], 'EINVAL'],
        [['FAN_CLASS_CONTENT', 'FAN_CLASS_PRE_CONTENT'], [], 'EINVAL'],
        [['0x10000'], [], 'EINVAL'],
        [['FAN_REPORT_MNT', 'FAN_REPORT_PIDFD'], [], 'ok'],
        [['FAN_REPORT_DFID_NAME_TARGET', 'FAN_REPORT_PIDFD', 'FAN_REPORT_FD_ERROR', 'FAN_UNLIMITED_QUEUE', 'FAN_UNLIMITED_MARKS', 'FAN_CLOEXEC'], ['O_RDWR', 'O_LARGEFILE', 'O_NOATIME'], 'ok'],
        [['FAN_CLASS_PRE_CONTENT', 'FAN_REPORT_TID', 'FAN_ENABLE_AUDIT'], ['O_CLOEXEC', 'O_APPEND'], 'ok'],
      ];
      return base(
        t,
        cases.map(([flags, ef, expect], i): ScenarioStep => ({ do: 'fanotify_init', group: `g${i}`, flags: ['FAN_NONBLOCK', ...flags], eventFlags: ef.length ? ef : ['O_RDONLY'], expect })),
      );
    },
  },
  {
    name: 'fanotify_mark validation (errno and check order)',
    build: (t) => {
      const m = (group: string, flags: string[], mask: string[], path: string | undefined, expect: string | number): ScenarioStep => ({
        do: 'fanotify_mark',
        group,
        flags,
        mask,
        ...(path !== undefined ? { path } : {}),
        expect,
      });
      return base(
        t,
        [
          init([], ['O_RDONLY'], 'fd'),
          init(['FAN_REPORT_DFID_NAME_TARGET'], ['O_RDONLY'], 'fid'),
          init(['FAN_CLASS_CONTENT'], ['O_RDONLY'], 'content'),
          init(['FAN_REPORT_MNT'], ['O_RDONLY'], 'mnt'),
          m('fd', ['FAN_MARK_ADD'], ['0x100000000'], '/fs/d', 'EINVAL'),
          m('fd', ['FAN_MARK_ADD', '0x800'], ['FAN_OPEN'], '/fs/d', 'EINVAL'),
          m('fd', ['FAN_MARK_ADD', 'FAN_MARK_REMOVE'], ['FAN_OPEN'], '/fs/d', 'EINVAL'),
          m('fd', ['FAN_MARK_ADD'], [], '/fs/d', 'EINVAL'),
          m('fd', ['FAN_MARK_ADD'], ['FAN_Q_OVERFLOW'], '/fs/d', 'EINVAL'),
          m('fd', ['FAN_MARK_ADD'], ['0x2000'], '/fs/d', 'EINVAL'),
          m('fd', ['FAN_MARK_ADD', 'FAN_MARK_IGNORE', 'FAN_MARK_IGNORED_MASK'], ['FAN_OPEN'], '/fs/d', 'EINVAL'),
          m('fd', ['FAN_MARK_ADD'], ['FAN_MNT_ATTACH'], '/fs/d', 'EINVAL'),
          m('fd', ['FAN_MARK_ADD'], ['FAN_OPEN_PERM'], '/fs/d', 'EINVAL'),
          m('content', ['FAN_MARK_ADD'], ['FAN_PRE_ACCESS'], '/fs/d/f', 'EINVAL'),
          m('fid', ['FAN_MARK_ADD'], ['FAN_FS_ERROR'], '/fs/d', 'EINVAL'),
          m('fid', ['FAN_MARK_ADD', 'FAN_MARK_MOUNT', 'FAN_MARK_EVICTABLE'], ['FAN_OPEN'], '/fs/d', 'EINVAL'),
          m('fd', ['FAN_MARK_ADD'], ['FAN_CREATE'], '/fs/d', 'EINVAL'),
          m('fid', ['FAN_MARK_ADD', 'FAN_MARK_MOUNT'], ['FAN_CREATE'], '/fs/d', 'EINVAL'),
          m('mnt', ['FAN_MARK_ADD'], ['FAN_MNT_ATTACH'], '/fs/d', 'EINVAL'),
          m('mnt', ['FAN_MARK_ADD', 'FAN_MARK_MNTNS'], ['FAN_OPEN'], '/fs/d', 'EINVAL'),
          m('fid', ['FAN_MARK_ADD'], ['FAN_OPEN'], '/fs/missing', 'ENOENT'),
          m('fid', ['FAN_MARK_ADD', 'FAN_MARK_ONLYDIR'], ['FAN_OPEN'], '/fs/d/f', 'ENOTDIR'),
          m('fid', ['FAN_MARK_ADD'], ['FAN_CREATE'], '/fs/d/f', 'ENOTDIR'),
          m('fid', ['FAN_MARK_ADD', 'FAN_MARK_IGNORE'], ['FAN_OPEN'], '/fs/d', 'EISDIR'),
          m('fid', ['FAN_MARK_ADD', 'FAN_MARK_IGNORE', 'FAN_MARK_MOUNT'], ['FAN_OPEN'], '/fs/d', 'EINVAL'),
          m('fid', ['FAN_MARK_ADD', 'FAN_MARK_IGNORE', 'FAN_MARK_IGNORED_SURV_MODIFY'], ['FAN_OPEN'], '/fs/d/f', 0),
          m('fid', ['FAN_MARK_ADD', 'FAN_MARK_IGNORED_MASK'], ['FAN_OPEN'], '/fs/d/f', 'EEXIST'),
          m('fid', ['FAN_MARK_ADD', 'FAN_MARK_IGNORE'], ['FAN_OPEN'], '/fs/d/f', 'EEXIST'),
          m('fid', ['FAN_MARK_ADD'], ['FAN_OPEN', 'FAN_ONDIR', 'FAN_EVENT_ON_CHILD'], '/fs/d', 0),
          m('fid', ['FAN_MARK_ADD', 'FAN_MARK_EVICTABLE'], ['FAN_CLOSE'], '/fs/d', 'EEXIST'),
          m('fd', ['FAN_MARK_ADD', 'FAN_MARK_DONT_FOLLOW'], ['FAN_OPEN'], '/fs/d/ln', 0),
          m('fd', ['FAN_MARK_REMOVE'], ['FAN_OPEN'], '/fs/d/f', 'ENOENT'),
          m('fd', ['FAN_MARK_FLUSH', 'FAN_MARK_ONLYDIR'], [], undefined, 'EINVAL'),
          m('fd', ['FAN_MARK_FLUSH', 'FAN_MARK_MOUNT'], [], undefined, 0),
        ],
        { tree: [...D, { path: '/fs/d/f', type: 'file' }, { path: '/fs/d/ln', type: 'symlink', target: 'f' }] },
      );
    },
  },
];

const permission: Template[] = [
  {
    name: 'FAN_OPEN_PERM: allow, then deny (the child sees EPERM)',
    build: (t) =>
      base(
        t,
        [
          init(['FAN_CLASS_CONTENT']),
          mark([], ['FAN_OPEN_PERM', 'FAN_OPEN', 'FAN_CLOSE'], '/fs/d/f'),
          { do: 'open', by: 'child', path: '/fs/d/f', flags: ['O_RDONLY'], as: 'a', expect: 'blocked' },
          read(),
          respond(0, ['FAN_ALLOW']),
          { do: 'exit', by: 'child' },
          { do: 'open', by: 'child2', path: '/fs/d/f', flags: ['O_RDONLY'], expect: 'blocked' },
          read(),
          respond(1, ['FAN_DENY']),
          { do: 'exit', by: 'child2' },
          read(4096, 'EAGAIN'),
          closeFds(),
        ],
        { tree: [...D, { path: '/fs/d/f', type: 'file', size: 1 }] },
      ),
  },
  {
    name: 'permission events of two children answered out of order; closing the group allows',
    build: (t) =>
      base(
        t,
        [
          init(['FAN_CLASS_CONTENT', 'FAN_REPORT_PIDFD']),
          mark([], ['FAN_OPEN_PERM', 'FAN_EVENT_ON_CHILD'], '/fs/d'),
          { do: 'open', by: 'child', path: '/fs/d/a', flags: ['O_RDONLY'], expect: 'blocked' },
          { do: 'open', by: 'child2', path: '/fs/d/b', flags: ['O_RDONLY'], expect: 'blocked' },
          read(),
          respond(1, ['FAN_DENY']),
          { do: 'exit', by: 'child2' },
          { do: 'close_group', group: 'g', expect: 0 },
          { do: 'exit', by: 'child' },
        ],
        { tree: [...D, { path: '/fs/d/a', type: 'file' }, { path: '/fs/d/b', type: 'file' }] },
      ),
  },
  {
    name: 'write() validation of responses: EINVAL, ENOENT, FAN_INFO probe',
    build: (t) =>
      base(
        t,
        [
          init(['FAN_CLASS_CONTENT']),
          mark([], ['FAN_OPEN_PERM'], '/fs/d/f'),
          { do: 'open', by: 'child', path: '/fs/d/f', flags: ['O_RDONLY'], expect: 'blocked' },
          read(),
          { do: 'fanotify_respond', group: 'g', hex: '0100000001', expect: 'EINVAL' },
          { do: 'fanotify_respond', group: 'g', event: 0, response: 0, expect: 'EINVAL' },
          { do: 'fanotify_respond', group: 'g', event: 0, response: ['FAN_ALLOW', 'FAN_DENY'], expect: 'EINVAL' },
          { do: 'fanotify_respond', group: 'g', event: 0, response: ['FAN_DENY'], errno: 'EIO', expect: 'EINVAL' },
          { do: 'fanotify_respond', group: 'g', event: 0, response: ['FAN_ALLOW', 'FAN_AUDIT'], expect: 'EINVAL' },
          { do: 'fanotify_respond', group: 'g', event: 0, response: ['FAN_ALLOW', '0x4'], expect: 'EINVAL' },
          { do: 'fanotify_respond', group: 'g', fd: 999, response: ['FAN_ALLOW'], expect: 'ENOENT' },
          { do: 'fanotify_respond', group: 'g', fd: -1, response: ['FAN_ALLOW', 'FAN_INFO'], auditRule: { rule_number: 1, subj_trust: 2, obj_trust: 2 }, expect: 24 },
          { do: 'fanotify_respond', group: 'g', fd: -1, response: ['FAN_ALLOW'], expect: 'EINVAL' },
          { do: 'fanotify_respond', group: 'g', hex: '0000000001000000', expect: 'ENOENT' },
          respond(0, ['FAN_ALLOW']),
          respond(0, ['FAN_ALLOW'], undefined, 'ENOENT'),
          { do: 'exit', by: 'child' },
          closeFds(),
        ],
        { tree: [...D, { path: '/fs/d/f', type: 'file' }] },
      ),
  },
];

const preContent: Template[] = [
  {
    name: 'FAN_PRE_ACCESS: page-aligned ranges, allow and FAN_DENY_ERRNO(EIO)',
    on: HSM,
    build: (t) =>
      base(
        t,
        [
          init(['FAN_CLASS_PRE_CONTENT', 'FAN_REPORT_PIDFD']),
          mark([], ['FAN_PRE_ACCESS', 'FAN_OPEN_PERM'], '/fs/d/f'),
          { do: 'open', by: 'child', path: '/fs/d/f', flags: ['O_RDWR'], as: 'w', expect: 'blocked' },
          read(),
          respond(0, ['FAN_ALLOW']),
          { do: 'read', by: 'child', file: 'w', count: 100, offset: 8202, expect: 'blocked' },
          read(),
          respond(1, ['FAN_ALLOW']),
          { do: 'write', by: 'child', file: 'w', count: 5000, offset: 12289, expect: 'blocked' },
          read(),
          respond(2, ['FAN_DENY'], 'EIO'),
          { do: 'read', by: 'child', file: 'w', count: 70000, offset: 100, expect: 'blocked' },
          read(),
          respond(3, ['FAN_DENY'], 'EBUSY'),
          { do: 'exit', by: 'child' },
          closeFds(),
        ],
        { tree: [...D, { path: '/fs/d/f', type: 'file', size: 102 * 4096 }] },
      ),
  },
  {
    name: 'mmap: FAN_PRE_ACCESS with the mapped range (fsnotify_mmap_perm), allow, deny (EPERM), a range past EOF',
    on: HSM,
    build: (t) =>
      base(
        t,
        [
          init(['FAN_CLASS_PRE_CONTENT']),
          // Only the pre-content event: the runner sees the helper blocked once the queue grows.
          mark([], ['FAN_PRE_ACCESS'], '/fs/d/f'),
          { do: 'mmap', by: 'child', path: '/fs/d/f', offset: 8192, length: 10000, expect: 'blocked' },
          read(),
          respond(0, ['FAN_ALLOW']),
          { do: 'exit', by: 'child' },
          { do: 'mmap', by: 'child2', path: '/fs/d/f', offset: 0, length: 4096, expect: 'blocked' },
          read(),
          respond(1, ['FAN_DENY']),
          { do: 'exit', by: 'child2' },
          { do: 'mmap', by: 'child', path: '/fs/d/f', offset: 1 << 20, length: 1, expect: 'blocked' },
          read(),
          respond(2, ['FAN_DENY'], 'EIO'),
          { do: 'exit', by: 'child' },
          closeFds(),
        ],
        { tree: [...D, { path: '/fs/d/f', type: 'file', size: 102 * 4096 }] },
      ),
  },
  {
    name: 'mmap: no ACCESS for a mapping, only the open and close around it (FID, every filesystem)',
    build: (t) => base(t, [init(['FAN_REPORT_FID']), mark(['FAN_MARK_FILESYSTEM'], ALL_FID, '/fs'), { do: 'mmap', path: '/fs/d/f', offset: 0, length: 8192, expect: 0 }, read()], { tree: [...D, { path: '/fs/d/f', type: 'file', size: 3 * 4096 }] }),
  },
  {
    name: 'FAN_PRE_ACCESS is refused on tmpfs (EOPNOTSUPP), PRE_ACCESS|ONDIR is EINVAL',
    build: (t) =>
      base(t, [init(['FAN_CLASS_PRE_CONTENT']), mark([], ['FAN_PRE_ACCESS'], '/fs/d/f', t === 'tmpfs' ? 'EOPNOTSUPP' : 0), mark([], ['FAN_PRE_ACCESS', 'FAN_ONDIR'], '/fs/d', 'EINVAL')], {
        tree: [...D, { path: '/fs/d/f', type: 'file' }],
      }),
  },
];

const mountEvents: Template[] = [
  ...[false, true].map(
    (pidfd): Template => ({
      name: `mount events in a mount namespace: attach, move, detach${pidfd ? ' (PIDFD)' : ''}`,
      on: ['tmpfs', 'ext4'],
      build: (t) =>
        base(
          t,
          [
            init(['FAN_REPORT_MNT', ...(pidfd ? ['FAN_REPORT_PIDFD'] : [])]),
            { do: 'fanotify_mark', group: 'g', flags: ['FAN_MARK_ADD', 'FAN_MARK_MNTNS'], mask: ['FAN_MNT_ATTACH', 'FAN_MNT_DETACH'], mntns: 'ns1', expect: 0 },
            { do: 'mount', by: 'mounter', fs: 'extra', target: '/fs/m1', expect: 0 },
            { do: 'mount', by: 'mounter', bind: '/fs/m1', target: '/fs/m2', expect: 0 },
            { do: 'move_mount', by: 'mounter', from: '/fs/m2', to: '/fs/m3', expect: 0 },
            { do: 'umount', by: 'mounter', target: '/fs/m3', expect: 0 },
            { do: 'umount', by: 'mounter', target: '/fs/m1', expect: 0 },
            read(),
            closeFds(),
          ],
          {
            filesystems: [
              { name: 'fs', type: t, mountAt: '/fs' },
              { name: 'extra', type: 'tmpfs' },
            ],
            namespaces: [{ name: 'ns1' }],
            processes: [
              { name: 'main', pid: 1 },
              { name: 'mounter', pid: 4, ns: 'ns1' },
            ],
            tree: [
              { path: '/fs/m1', type: 'dir' },
              { path: '/fs/m2', type: 'dir' },
              { path: '/fs/m3', type: 'dir' },
            ],
          },
        ),
    }),
  ),
];

const errors: Template[] = [
  {
    name: 'FAN_FS_ERROR: ESHUTDOWN on abort, no inode (FID|PIDFD)',
    on: ['ext4'],
    ownFs: 'abort',
    build: (t) =>
      base(t, [init(['FAN_REPORT_FID', 'FAN_REPORT_PIDFD']), mark(['FAN_MARK_FILESYSTEM'], ['FAN_FS_ERROR'], '/fs'), { do: 'fs_error', by: 'mounter', fs: 'fs', errno: 'ESHUTDOWN' }, read()], { tree: D }),
  },
  {
    name: 'FAN_FS_ERROR: EUCLEAN on a corrupted inode, merged with error_count (FID)',
    on: ['ext4'],
    ownFs: 'corrupt',
    build: (t) =>
      base(
        t,
        [
          init(['FAN_REPORT_FID']),
          mark(['FAN_MARK_FILESYSTEM'], ['FAN_FS_ERROR'], '/fs'),
          { do: 'fs_error', fs: 'fs', errno: 'EUCLEAN', path: '/fs/bad_dir' },
          { do: 'fs_error', fs: 'fs', errno: 'EUCLEAN', path: '/fs/bad_dir' },
          read(),
          { do: 'fs_error', fs: 'fs', errno: 'EUCLEAN', path: '/fs/bad_dir' },
          read(),
        ],
        { tree: [{ path: '/fs/bad_dir', type: 'dir' }] },
      ),
  },
];

export const TEMPLATES: Template[] = [...reportModes, ...renames, ...infoRecords, ...queue, ...marks, ...fdErrors, ...validation, ...permission, ...preContent, ...mountEvents, ...errors, ...VFS_TEMPLATES, ...OPS_TEMPLATES, ...LIMIT_TEMPLATES, ...EVICT_TEMPLATES];
