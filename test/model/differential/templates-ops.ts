/**
 * Differential templates for the operations beyond open/read/write/create/delete: renameat2
 * (RENAME_NOREPLACE, RENAME_EXCHANGE), O_TMPFILE and linkat, chmod with a mode, chown, utimensat,
 * setxattr/removexattr, chattr, mknod of fifos and readdir. Operations Node has no call for run in
 * the fsop helper (one short-lived process per step, see fsop.ts).
 */
import type { ScenarioStep } from '../../../src/model/index.js';
import { ALL_FID, base, closeFds, D, DIRENT, init, mark, read, type Template } from './template-kit.js';

const open = (path: string, flags: string[], expect: number | string, as?: string): ScenarioStep => ({ do: 'open', path, flags, expect, ...(as ? { as } : {}) });
const close = (file: string): ScenarioStep => ({ do: 'close', file, expect: 0 });
const fsMark = (flags: string[], mask: string[] = ALL_FID): ScenarioStep[] => [init(flags), mark(['FAN_MARK_FILESYSTEM'], mask, '/fs')];

/** Report modes the attribute and rename workloads run in. */
const MODES: [string, string[]][] = [
  ['FID', ['FAN_REPORT_FID']],
  ['DIR_FID', ['FAN_REPORT_DIR_FID']],
  ['DFID_NAME', ['FAN_REPORT_DFID_NAME']],
  ['DFID_NAME|FID', ['FAN_REPORT_DFID_NAME', 'FAN_REPORT_FID']],
  ['DFID_NAME_TARGET', ['FAN_REPORT_DFID_NAME_TARGET']],
];

const TWO_DIRS = [
  ...D,
  { path: '/fs/e', type: 'dir' as const },
  { path: '/fs/d/a', type: 'file' as const, size: 1 },
  { path: '/fs/e/b', type: 'file' as const, size: 2 },
  { path: '/fs/e/sub', type: 'dir' as const },
];

/** RENAME_EXCHANGE of files across directories, of a file and a directory, and RENAME_NOREPLACE. */
const renameWorkload: ScenarioStep[] = [
  { do: 'rename', from: '/fs/d/a', to: '/fs/e/b', flags: ['RENAME_EXCHANGE'], expect: 0 },
  { do: 'rename', from: '/fs/d/a', to: '/fs/e/sub', flags: ['RENAME_EXCHANGE'], expect: 0 },
  { do: 'rename', from: '/fs/d/a', to: '/fs/d/a', flags: ['RENAME_EXCHANGE'], expect: 0 },
  { do: 'rename', from: '/fs/d/a', to: '/fs/d/none', flags: ['RENAME_EXCHANGE'], expect: 'ENOENT' },
  { do: 'rename', from: '/fs/e/sub', to: '/fs/e/b', flags: ['RENAME_NOREPLACE'], expect: 'EEXIST' },
  { do: 'rename', from: '/fs/e/sub', to: '/fs/e/c', flags: ['RENAME_NOREPLACE'], expect: 0 },
];

const renames: Template[] = [
  ...MODES.map(
    ([label, flags]): Template => ({
      name: `ops: renameat2 RENAME_EXCHANGE and RENAME_NOREPLACE, filesystem mark with FAN_RENAME (${label})`,
      // FAN_RENAME needs a name-reporting group (fanotify_mark: EINVAL otherwise).
      build: (t) => base(t, [...fsMark(flags, flags.some((f) => f.includes('NAME')) ? [...ALL_FID, 'FAN_RENAME'] : ALL_FID), ...renameWorkload, read()], { tree: TWO_DIRS }),
    }),
  ),
  {
    name: 'ops: renameat2 RENAME_EXCHANGE with inode marks on both dirs and both objects (DFID_NAME|FID)',
    build: (t) =>
      base(
        t,
        [
          init(['FAN_REPORT_DFID_NAME', 'FAN_REPORT_FID']),
          mark([], [...DIRENT, 'FAN_RENAME', 'FAN_ONDIR', 'FAN_EVENT_ON_CHILD'], '/fs/d'),
          mark([], [...DIRENT, 'FAN_RENAME', 'FAN_ONDIR'], '/fs/e'),
          mark([], ['FAN_MOVE_SELF', 'FAN_ATTRIB'], '/fs/d/a'),
          mark([], ['FAN_MOVE_SELF', 'FAN_ONDIR'], '/fs/e/sub'),
          ...renameWorkload,
          read(),
        ],
        { tree: TWO_DIRS },
      ),
  },
  {
    name: 'ops: renameat2 flag validation: EINVAL for EXCHANGE|NOREPLACE and unknown bits, EEXIST onto `.` with NOREPLACE (FID)',
    build: (t) =>
      base(
        t,
        [
          ...fsMark(['FAN_REPORT_FID']),
          { do: 'rename', from: '/fs/d/a', to: '/fs/e/b', flags: ['RENAME_EXCHANGE', 'RENAME_NOREPLACE'], expect: 'EINVAL' },
          { do: 'rename', from: '/fs/d/a', to: '/fs/e/b', flags: 64, expect: 'EINVAL' },
          { do: 'rename', from: '/fs/d/a', to: '/fs/e/.', flags: ['RENAME_NOREPLACE'], expect: 'EEXIST' },
          { do: 'rename', from: '/fs/d/a', to: '/fs/e/..', flags: ['RENAME_EXCHANGE'], expect: 'EBUSY' },
          { do: 'rename', from: '/fs/d/a', to: '/fs/e/b/', flags: ['RENAME_EXCHANGE'], expect: 'ENOTDIR' },
          { do: 'rename', from: '/fs/e/sub', to: '/fs/e/b/', flags: ['RENAME_EXCHANGE'], expect: 'ENOTDIR' },
          { do: 'rename', from: '/fs/d', to: '/fs/d/x', flags: ['RENAME_NOREPLACE'], expect: 'EINVAL' },
          { do: 'rename', from: '/fs/e/sub', to: '/fs/e', flags: ['RENAME_EXCHANGE'], expect: 'EINVAL' },
          { do: 'rename', from: '/fs/d/a', to: '/fs/d/z', flags: 0, expect: 0 },
          read(),
        ],
        { tree: TWO_DIRS },
      ),
  },
];

const tmpfiles: Template[] = [
  {
    name: 'ops: O_TMPFILE linked into a dir: OPEN, MODIFY, ATTRIB + CREATE, CLOSE_WRITE (FID)',
    build: (t) =>
      base(
        t,
        [...fsMark(['FAN_REPORT_FID']), { do: 'tmpfile', path: '/fs/d', link: '/fs/d/kept', count: 5, expect: 0 }, { do: 'tmpfile', path: '/fs/d', link: '/fs/e/b', expect: 'EEXIST' }, read()],
        { tree: TWO_DIRS },
      ),
  },
  {
    name: 'ops: O_TMPFILE linked, watched by the directory (DIR_FID: CREATE only)',
    build: (t) => base(t, [init(['FAN_REPORT_DIR_FID']), mark([], [...ALL_FID, 'FAN_EVENT_ON_CHILD'], '/fs/d'), { do: 'tmpfile', path: '/fs/d', link: '/fs/d/kept', count: 1, expect: 0 }, read()], { tree: D }),
  },
  {
    name: 'ops: O_TMPFILE without a link, and O_EXCL refusing linkat (ENOENT) (fd mode)',
    build: (t) =>
      base(
        t,
        [
          init([]),
          mark(['FAN_MARK_MOUNT'], ['FAN_OPEN', 'FAN_CLOSE', 'FAN_MODIFY'], '/fs'),
          { do: 'tmpfile', path: '/fs/d', count: 3, expect: 0 },
          { do: 'tmpfile', path: '/fs/d', link: '/fs/d/never', excl: true, expect: 'ENOENT' },
          { do: 'tmpfile', path: '/fs/d/a', expect: 'ENOTDIR' },
          { do: 'tmpfile', path: '/fs/d/missing', expect: 'ENOENT' },
          read(),
          closeFds(),
        ],
        { tree: TWO_DIRS },
      ),
  },
];

/** chmod, chown, lchown and utimensat on a file, a directory and a symlink. */
const attrWorkload: ScenarioStep[] = [
  { do: 'chmod', path: '/fs/d/a', mode: 0o600, expect: 0 },
  { do: 'chmod', path: '/fs/d/a', mode: 0o600, expect: 0 },
  { do: 'chmod', path: '/fs/e', mode: 0o700, expect: 0 },
  { do: 'chown', path: '/fs/d/a', uid: 1234, expect: 0 },
  { do: 'chown', path: '/fs/d/a', uid: -1, gid: -1, expect: 0 },
  { do: 'chown', path: '/fs/e/sub', gid: 99, expect: 0 },
  { do: 'chown', path: '/fs/d/la', uid: 1, nofollow: true, expect: 0 },
  { do: 'utimes', path: '/fs/d/a', expect: 0 },
  { do: 'utimes', path: '/fs/e/b', atime: true, mtime: false, expect: 0 },
  { do: 'utimes', path: '/fs/e/b', atime: false, mtime: true, expect: 0 },
  { do: 'utimes', path: '/fs/e/sub', atime: true, mtime: false, expect: 0 },
  { do: 'utimes', path: '/fs/d/missing', atime: false, mtime: false, expect: 0 },
  { do: 'utimes', path: '/fs/d/missing', expect: 'ENOENT' },
];
const ATTR_TREE = [...TWO_DIRS, { path: '/fs/d/la', type: 'symlink' as const, target: 'a' }];

const attributes: Template[] = [
  ...MODES.map(
    ([label, flags]): Template => ({
      name: `ops: chmod with modes, chown/lchown, utimensat (ATTRIB, ACCESS, MODIFY or nothing) (${label})`,
      build: (t) => base(t, [...fsMark(flags), ...attrWorkload, read()], { tree: ATTR_TREE }),
    }),
  ),
  {
    name: 'ops: utimensat of one time gives ACCESS/MODIFY with dentry data: nothing in fd mode',
    build: (t) =>
      base(
        t,
        [
          init([]),
          mark(['FAN_MARK_MOUNT'], ['FAN_ACCESS', 'FAN_MODIFY', 'FAN_ONDIR'], '/fs'),
          { do: 'utimes', path: '/fs/e/b', atime: true, mtime: false, expect: 0 },
          { do: 'utimes', path: '/fs/e/b', atime: false, mtime: true, expect: 0 },
          open('/fs/e/b', ['O_RDONLY'], 'ok', 'r'),
          { do: 'read', file: 'r', count: 1, expect: 1 },
          close('r'),
          read(),
          closeFds(),
        ],
        { tree: TWO_DIRS },
      ),
  },
];

/** setxattr/removexattr with trusted.* names (tmpfs has them on every release, user.* only from 6.6). */
const xattrWorkload: ScenarioStep[] = [
  { do: 'setxattr', path: '/fs/d/a', name: 'trusted.one', expect: 0 },
  { do: 'setxattr', path: '/fs/d/a', name: 'trusted.one', flags: 'create', expect: 'EEXIST' },
  { do: 'setxattr', path: '/fs/d/a', name: 'trusted.one', size: 8, flags: 'replace', expect: 0 },
  { do: 'setxattr', path: '/fs/d/a', name: 'trusted.two', flags: 'replace', expect: 'ENODATA' },
  { do: 'setxattr', path: '/fs/e', name: 'trusted.dir', size: 0, expect: 0 },
  { do: 'setxattr', path: '/fs/d/a', name: 'nonsense.x', expect: 'EOPNOTSUPP' },
  { do: 'removexattr', path: '/fs/d/a', name: 'trusted.one', expect: 0 },
  { do: 'removexattr', path: '/fs/d/a', name: 'trusted.one', expect: 'ENODATA' },
  { do: 'removexattr', path: '/fs/e', name: 'trusted.dir', expect: 0 },
  { do: 'setxattr', path: '/fs/d/missing', name: 'trusted.one', expect: 'ENOENT' },
];

const xattrs: Template[] = [
  ...MODES.slice(0, 4).map(
    ([label, flags]): Template => ({
      name: `ops: setxattr/removexattr: ATTRIB, EEXIST, ENODATA, EOPNOTSUPP (${label})`,
      build: (t) => base(t, [...fsMark(flags), ...xattrWorkload, read()], { tree: TWO_DIRS }),
    }),
  ),
  {
    name: 'ops: xattrs and chattr seen by a dir watching children and an inode mark (DFID_NAME|FID)',
    build: (t) =>
      base(
        t,
        [
          init(['FAN_REPORT_DFID_NAME', 'FAN_REPORT_FID']),
          mark([], [...ALL_FID, 'FAN_EVENT_ON_CHILD'], '/fs/d'),
          mark([], ['FAN_ATTRIB', 'FAN_OPEN', 'FAN_CLOSE'], '/fs/e/b'),
          { do: 'setxattr', path: '/fs/d/a', name: 'trusted.k', expect: 0 },
          { do: 'setxattr', path: '/fs/e/b', name: 'trusted.k', expect: 0 },
          { do: 'chattr', path: '/fs/d/a', expect: 0 },
          { do: 'chattr', path: '/fs/e/b', expect: 0 },
          { do: 'removexattr', path: '/fs/e/b', name: 'trusted.k', expect: 0 },
          read(),
        ],
        { tree: TWO_DIRS },
      ),
  },
  {
    name: 'ops: chattr +A: OPEN and CLOSE_NOWRITE, no ATTRIB before 6.19 (FID)',
    build: (t) => base(t, [...fsMark(['FAN_REPORT_FID']), { do: 'chattr', path: '/fs/d/a', expect: 0 }, { do: 'chattr', path: '/fs/e', expect: 0 }, read()], { tree: TWO_DIRS }),
  },
];

const specials: Template[] = [
  {
    name: 'ops: mknod of a fifo and a regular file; fifo writes and reads (DFID_NAME|FID)',
    build: (t) =>
      base(
        t,
        [
          ...fsMark(['FAN_REPORT_DFID_NAME', 'FAN_REPORT_FID']),
          { do: 'mknod', path: '/fs/d/fifo', type: 'fifo', expect: 0 },
          { do: 'mknod', path: '/fs/d/reg', expect: 0 },
          { do: 'mknod', path: '/fs/d/reg', type: 'fifo', expect: 'EEXIST' },
          open('/fs/d/fifo', ['O_WRONLY', 'O_NONBLOCK'], 'ENXIO'),
          open('/fs/d/fifo', ['O_RDWR'], 'ok', 'p'),
          { do: 'write', file: 'p', count: 3, expect: 3 },
          { do: 'read', file: 'p', count: 2, expect: 2 },
          close('p'),
          { do: 'unlink', path: '/fs/d/fifo', expect: 0 },
          read(),
        ],
        { tree: D },
      ),
  },
  {
    name: 'ops: a fifo child: its parent watcher sees it in DFID_NAME|FID, fd mode only regular files and dirs',
    build: (t) => {
      const mask = ['FAN_OPEN', 'FAN_CLOSE', 'FAN_MODIFY', 'FAN_ACCESS', 'FAN_EVENT_ON_CHILD'];
      return base(
        t,
        [
          init([], ['O_RDONLY', 'O_NONBLOCK']),
          mark([], mask, '/fs/d'),
          init(['FAN_REPORT_DFID_NAME', 'FAN_REPORT_FID'], ['O_RDONLY'], 'h'),
          mark([], mask, '/fs/d', 0, 'h'),
          { do: 'mknod', path: '/fs/d/fifo', type: 'fifo', expect: 0 },
          open('/fs/d/fifo', ['O_RDWR'], 'ok', 'p'),
          { do: 'write', file: 'p', count: 4, expect: 4 },
          { do: 'read', file: 'p', count: 4, expect: 4 },
          close('p'),
          read(undefined, 'EAGAIN'),
          read(4096, 'ok', 'h'),
          open('/fs/d/f', ['O_RDONLY'], 'ok', 'r'),
          close('r'),
          read(),
          closeFds(),
        ],
        { tree: [...D, { path: '/fs/d/f', type: 'file' }] },
      );
    },
  },
  {
    name: 'ops: readdir: OPEN, ACCESS, CLOSE_NOWRITE on the directory (fd mode, ONDIR)',
    build: (t) =>
      base(
        t,
        [
          init([]),
          mark(['FAN_MARK_MOUNT'], ['FAN_OPEN', 'FAN_CLOSE', 'FAN_ACCESS', 'FAN_ONDIR'], '/fs'),
          { do: 'readdir', path: '/fs/e', expect: 2 },
          { do: 'readdir', path: '/fs/d/a', expect: 'ENOTDIR' },
          read(),
          closeFds(),
        ],
        { tree: TWO_DIRS },
      ),
  },
  {
    name: 'ops: readdir of an empty and a full directory, watched by their parent and a filesystem mark',
    build: (t) =>
      base(
        t,
        [
          init(['FAN_REPORT_DFID_NAME', 'FAN_REPORT_FID']),
          mark([], ['FAN_OPEN', 'FAN_CLOSE', 'FAN_ACCESS', 'FAN_ONDIR', 'FAN_EVENT_ON_CHILD'], '/fs'),
          init(['FAN_REPORT_FID'], ['O_RDONLY'], 'h'),
          mark(['FAN_MARK_FILESYSTEM'], ['FAN_ACCESS', 'FAN_ONDIR'], '/fs', 0, 'h'),
          { do: 'readdir', path: '/fs/d', expect: 0 },
          { do: 'readdir', path: '/fs/e', expect: 2 },
          read(),
          read(4096, 'ok', 'h'),
        ],
        { tree: TWO_DIRS.filter((o) => !o.path.startsWith('/fs/d/')) },
      ),
  },
];

const execs: Template[] = [
  {
    name: 'ops: execve: EACCES without an execute bit or for a dir before any event; ENOEXEC after the open and the header read (FID)',
    build: (t) =>
      base(
        t,
        [
          ...fsMark(['FAN_REPORT_FID'], [...ALL_FID, 'FAN_OPEN_EXEC']),
          { do: 'exec', path: '/fs/d/plain', expect: 'EACCES' },
          { do: 'exec', path: '/fs/d', expect: 'EACCES' },
          { do: 'exec', path: '/fs/d/missing', expect: 'ENOENT' },
          { do: 'exec', path: '/fs/d/text', expect: 'ENOEXEC' },
          { do: 'chmod', path: '/fs/d/plain', mode: 0o700, expect: 0 },
          { do: 'exec', path: '/fs/d/plain', expect: 'ENOEXEC' },
          read(),
        ],
        {
          tree: [
            ...D,
            { path: '/fs/d/plain', type: 'file', size: 16 },
            { path: '/fs/d/text', type: 'file', size: 300, mode: 0o755 },
          ],
        },
      ),
  },
  {
    name: 'ops: execve of a non-binary file: OPEN|OPEN_EXEC, the header read, CLOSE_NOWRITE (fd mode, inode mark)',
    build: (t) =>
      base(
        t,
        [
          init([]),
          mark([], ['FAN_OPEN', 'FAN_OPEN_EXEC', 'FAN_ACCESS', 'FAN_CLOSE'], '/fs/d/text'),
          { do: 'exec', path: '/fs/d/text', expect: 'ENOEXEC' },
          read(),
          closeFds(),
        ],
        { tree: [...D, { path: '/fs/d/text', type: 'file', size: 10, mode: 0o755 }] },
      ),
  },
];

/** A permission group `p` (permission events only, answered as they come) and a FID group `n` on `/fs/d/prog`. */
const execGroups: ScenarioStep[] = [
  init(['FAN_CLASS_CONTENT'], ['O_RDONLY'], 'p'),
  mark([], ['FAN_OPEN_EXEC_PERM', 'FAN_ACCESS_PERM'], '/fs/d/prog', 0, 'p'),
  init(['FAN_REPORT_FID'], ['O_RDONLY'], 'n'),
  mark([], ['FAN_OPEN_EXEC', 'FAN_OPEN', 'FAN_ACCESS', 'FAN_CLOSE'], '/fs/d/prog', 0, 'n'),
];
/** Reads group `p` and answers its `event`-th permission event. */
const answer = (event: number, response: string[]): ScenarioStep[] => [read(4096, 'ok', 'p'), { do: 'fanotify_respond', group: 'p', event, response, expect: 8 }];
const PROG = (mode: number): { tree: { path: string; type: 'dir' | 'file'; mode?: number; size?: number }[] } => ({ tree: [...D, { path: '/fs/d/prog', type: 'file', mode, size: 4096 }] });

const execReads: Template[] = [
  {
    name: 'exec of a static ELF: OPEN_EXEC_PERM, ACCESS_PERM for prepare_binprm\'s header read and for the program headers; OPEN|OPEN_EXEC, ACCESS, CLOSE_NOWRITE at exit',
    build: (t) =>
      base(
        t,
        [
          ...execGroups,
          { do: 'exec', by: 'child', path: '/fs/d/prog', runs: true, expect: 'blocked' },
          ...answer(0, ['FAN_ALLOW']),
          ...answer(1, ['FAN_ALLOW']),
          ...answer(2, ['FAN_ALLOW']),
          { do: 'exit', by: 'child' },
          read(4096, 'EAGAIN', 'p'),
          read(4096, 'ok', 'n'),
          closeFds('p'),
        ],
        PROG(0o755),
      ),
  },
  {
    name: 'exec of a file no binary handler takes: one ACCESS_PERM (the header read), then ENOEXEC',
    build: (t) => base(t, [...execGroups, { do: 'exec', by: 'child', path: '/fs/d/prog', expect: 'blocked' }, ...answer(0, ['FAN_ALLOW']), ...answer(1, ['FAN_ALLOW']), { do: 'exit', by: 'child' }, read(4096, 'EAGAIN', 'p'), read(4096, 'ok', 'n'), closeFds('p')], PROG(0o755)),
  },
];

const threads: Template[] = [
  {
    name: 'ops: a second thread: FAN_REPORT_TID reports its tid, without it the tgid (FID)',
    build: (t) =>
      base(
        t,
        [
          init(['FAN_REPORT_FID', 'FAN_REPORT_TID']),
          mark(['FAN_MARK_FILESYSTEM'], ['FAN_CREATE', 'FAN_OPEN', 'FAN_CLOSE'], '/fs'),
          init(['FAN_REPORT_FID'], ['O_RDONLY'], 'h'),
          mark(['FAN_MARK_FILESYSTEM'], ['FAN_CREATE', 'FAN_OPEN', 'FAN_CLOSE'], '/fs', 0, 'h'),
          { do: 'touch', path: '/fs/d/a', tid: 2, expect: 0 },
          { do: 'touch', path: '/fs/d/a', expect: 0 },
          { do: 'touch', path: '/fs/d/b', tid: 2, expect: 0 },
          read(),
          read(4096, 'ok', 'h'),
        ],
        { tree: D },
      ),
  },
];

const readOnly: Template[] = [
  {
    name: 'ops: a read-only bind mount: EROFS for chmod, chown, utimes, xattrs, mknod, renameat2, O_TMPFILE, chattr (fd mode)',
    build: (t) =>
      base(
        t,
        [
          init([]),
          { do: 'mount', by: 'mounter', bind: '/fs/d', target: '/fs/ro', readOnly: true, expect: 0 },
          mark(['FAN_MARK_MOUNT'], ['FAN_OPEN', 'FAN_CLOSE', 'FAN_ACCESS', 'FAN_MODIFY', 'FAN_ONDIR'], '/fs/ro'),
          { do: 'chmod', path: '/fs/ro/a', mode: 0o600, expect: 'EROFS' },
          { do: 'chown', path: '/fs/ro/a', uid: 5, expect: 'EROFS' },
          { do: 'utimes', path: '/fs/ro/a', atime: true, mtime: false, expect: 'EROFS' },
          { do: 'setxattr', path: '/fs/ro/a', name: 'trusted.x', expect: 'EROFS' },
          { do: 'removexattr', path: '/fs/ro/a', name: 'trusted.x', expect: 'EROFS' },
          { do: 'mknod', path: '/fs/ro/p', type: 'fifo', expect: 'EROFS' },
          { do: 'rename', from: '/fs/ro/a', to: '/fs/ro/b', flags: ['RENAME_NOREPLACE'], expect: 'EROFS' },
          { do: 'tmpfile', path: '/fs/ro', link: '/fs/ro/t', expect: 'EROFS' },
          { do: 'chattr', path: '/fs/ro/a', expect: 'EROFS' },
          { do: 'readdir', path: '/fs/ro', expect: 1 },
          read(),
          closeFds(),
          { do: 'umount', by: 'mounter', target: '/fs/ro', expect: 0 },
        ],
        { tree: [...D, { path: '/fs/d/a', type: 'file', size: 1 }, { path: '/fs/ro', type: 'dir' }] },
      ),
  },
];

/** The templates of this file. */
export const OPS_TEMPLATES: Template[] = [...renames, ...tmpfiles, ...attributes, ...xattrs, ...specials, ...execs, ...execReads, ...threads, ...readOnly];
