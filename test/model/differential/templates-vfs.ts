/**
 * Differential templates for the VFS rules of the model (fs/namei.c, fs/open.c): path walks,
 * last components, symlinks met by O_CREAT and O_EXCL, trailing slashes, `.`/`..`, invalid open
 * flag combinations and read-only mounts — each with a filesystem mark watching everything, so
 * that a wrong result also shows in the events that follow.
 */
import type { ScenarioStep } from '../../../src/model/index.js';
import { ALL_FID, base, closeFds, D, init, mark, read, type Template } from './template-kit.js';

/** O_TMPFILE (`__O_TMPFILE | O_DIRECTORY`), which has no flag word. */
const O_TMPFILE = 0o20200000;

/** A DFID_NAME|FID group with a filesystem mark on every event, so names and objects both show. */
const watchAll = (flags: string[] = ['FAN_REPORT_DFID_NAME', 'FAN_REPORT_FID']): ScenarioStep[] => [init(flags), mark(['FAN_MARK_FILESYSTEM'], ALL_FID, '/fs')];

const open = (path: string, flags: (string | number)[], expect: number | string, as?: string): ScenarioStep => ({ do: 'open', path, flags: flags as string[], expect, ...(as ? { as } : {}) });
const close = (file: string): ScenarioStep => ({ do: 'close', file, expect: 0 });

/** /fs/d with a file, a dir, a symlink to each, a dangling symlink and a two-link loop. */
const LINKS = [
  ...D,
  { path: '/fs/d/f', type: 'file' as const, size: 3 },
  { path: '/fs/d/sub', type: 'dir' as const },
  { path: '/fs/d/lf', type: 'symlink' as const, target: 'f' },
  { path: '/fs/d/ld', type: 'symlink' as const, target: 'sub' },
  { path: '/fs/d/dang', type: 'symlink' as const, target: 'made' },
  { path: '/fs/d/loop1', type: 'symlink' as const, target: 'loop2' },
  { path: '/fs/d/loop2', type: 'symlink' as const, target: 'loop1' },
];

const symlinkOpens: Template[] = [
  {
    name: 'vfs: O_CREAT through a dangling symlink creates its target (DFID_NAME|FID)',
    build: (t) => base(t, [...watchAll(), open('/fs/d/dang', ['O_WRONLY', 'O_CREAT'], 'ok', 'w'), close('w'), open('/fs/d/dang', ['O_RDONLY', 'O_CREAT'], 'ok', 'r'), close('r'), read()], { tree: LINKS }),
  },
  {
    name: 'vfs: O_CREAT|O_EXCL does not follow a symlink (EEXIST), O_NOFOLLOW gives ELOOP',
    build: (t) =>
      base(
        t,
        [
          ...watchAll(),
          open('/fs/d/dang', ['O_WRONLY', 'O_CREAT', 'O_EXCL'], 'EEXIST'),
          open('/fs/d/lf', ['O_WRONLY', 'O_CREAT', 'O_EXCL'], 'EEXIST'),
          open('/fs/d/lf', ['O_WRONLY', 'O_CREAT', 'O_NOFOLLOW'], 'ELOOP'),
          open('/fs/d/dang', ['O_RDONLY', 'O_CREAT', 'O_NOFOLLOW'], 'ELOOP'),
          open('/fs/d/lf', ['O_RDONLY', 'O_NOFOLLOW'], 'ELOOP'),
          open('/fs/d/lf', ['O_WRONLY', 'O_CREAT'], 'ok', 'w'),
          close('w'),
          open('/fs/d/loop1', ['O_RDONLY'], 'ELOOP'),
          open('/fs/d/loop1', ['O_WRONLY', 'O_CREAT'], 'ELOOP'),
          read(),
        ],
        { tree: LINKS },
      ),
  },
  {
    name: 'vfs: symlinks in the middle of a path, `..` through a symlinked dir (FID)',
    build: (t) =>
      base(
        t,
        [
          ...watchAll(['FAN_REPORT_FID']),
          open('/fs/d/ld/../f', ['O_RDONLY'], 'ok', 'a'),
          close('a'),
          open('/fs/d/ld/new', ['O_WRONLY', 'O_CREAT'], 'ok', 'b'),
          close('b'),
          open('/fs/d/lf/x', ['O_RDONLY'], 'ENOTDIR'),
          open('/fs/d/dang/x', ['O_RDONLY', 'O_CREAT'], 'ENOENT'),
          read(),
        ],
        { tree: LINKS },
      ),
  },
];

const trailingSlashes: Template[] = [
  {
    name: 'vfs: trailing slashes on open: ENOTDIR, EISDIR with O_CREAT, followed even with O_NOFOLLOW',
    build: (t) =>
      base(
        t,
        [
          ...watchAll(),
          open('/fs/d/f/', ['O_RDONLY'], 'ENOTDIR'),
          open('/fs/d/f/', ['O_RDONLY', 'O_CREAT'], 'EISDIR'),
          open('/fs/d/new/', ['O_WRONLY', 'O_CREAT'], 'EISDIR'),
          open('/fs/d/sub/', ['O_RDONLY', 'O_CREAT'], 'EISDIR'),
          open('/fs/d/lf/', ['O_RDONLY'], 'ENOTDIR'),
          open('/fs/d/new/', ['O_RDONLY'], 'ENOENT'),
          open('/fs/d/ld/', ['O_RDONLY', 'O_NOFOLLOW'], 'ok', 'a'),
          close('a'),
          open('/fs/d/sub//', ['O_RDONLY'], 'ok', 'b'),
          close('b'),
          read(),
        ],
        { tree: LINKS },
      ),
  },
  {
    name: 'vfs: trailing slashes on unlink, rmdir, rename (ENOTDIR, EISDIR, ENOENT) (DFID_NAME|FID)',
    build: (t) =>
      base(
        t,
        [
          ...watchAll(),
          { do: 'unlink', path: '/fs/d/f/', expect: 'ENOTDIR' },
          { do: 'unlink', path: '/fs/d/new/', expect: 'ENOENT' },
          { do: 'unlink', path: '/fs/d/lf/', expect: 'ENOTDIR' },
          { do: 'unlink', path: '/fs/d/ld/', expect: 'ENOTDIR' },
          { do: 'unlink', path: '/fs/d/sub/', expect: 'EISDIR' },
          { do: 'rmdir', path: '/fs/d/f/', expect: 'ENOTDIR' },
          { do: 'rmdir', path: '/fs/d/ld/', expect: 'ENOTDIR' },
          { do: 'rmdir', path: '/fs/d/ld', expect: 'ENOTDIR' },
          { do: 'rename', from: '/fs/d/f/', to: '/fs/d/x', expect: 'ENOTDIR' },
          { do: 'rename', from: '/fs/d/f', to: '/fs/d/x/', expect: 'ENOTDIR' },
          { do: 'rename', from: '/fs/d/sub', to: '/fs/d/sub2/', expect: 0 },
          { do: 'rmdir', path: '/fs/d/sub2/', expect: 0 },
          read(),
        ],
        { tree: LINKS },
      ),
  },
  {
    name: 'vfs: trailing slashes on mkdir, link, symlink (EEXIST, ENOENT, created dir) (DFID_NAME)',
    build: (t) =>
      base(
        t,
        [
          ...watchAll(['FAN_REPORT_DFID_NAME']),
          { do: 'mkdir', path: '/fs/d/f/', expect: 'EEXIST' },
          { do: 'mkdir', path: '/fs/d/n1/', expect: 0 },
          { do: 'link', target: '/fs/d/f', path: '/fs/d/n2/', expect: 'ENOENT' },
          { do: 'symlink', target: 'f', path: '/fs/d/n3/', expect: 'ENOENT' },
          { do: 'link', target: '/fs/d/f/', path: '/fs/d/n4', expect: 'ENOTDIR' },
          { do: 'link', target: '/fs/d/f', path: '/fs/d/sub/', expect: 'EEXIST' },
          read(),
        ],
        { tree: LINKS },
      ),
  },
];

const dots: Template[] = [
  {
    name: 'vfs: `.` and `..` as the last component of unlink, rmdir, rename, mkdir, open',
    build: (t) =>
      base(
        t,
        [
          ...watchAll(),
          { do: 'unlink', path: '/fs/d/sub/.', expect: 'EISDIR' },
          { do: 'unlink', path: '/fs/d/sub/..', expect: 'EISDIR' },
          { do: 'rmdir', path: '/fs/d/sub/.', expect: 'EINVAL' },
          { do: 'rmdir', path: '/fs/d/sub/..', expect: 'ENOTEMPTY' },
          { do: 'rename', from: '/fs/d/sub/.', to: '/fs/d/x', expect: 'EBUSY' },
          { do: 'rename', from: '/fs/d/f', to: '/fs/d/sub/.', expect: 'EBUSY' },
          { do: 'rename', from: '/fs/d/f', to: '/fs/d/sub/..', expect: 'EBUSY' },
          { do: 'mkdir', path: '/fs/d/sub/.', expect: 'EEXIST' },
          { do: 'mkdir', path: '/fs/d/sub/..', expect: 'EEXIST' },
          open('/fs/d/sub/.', ['O_RDONLY', 'O_CREAT'], 'EISDIR'),
          open('/fs/d/sub/..', ['O_RDONLY', 'O_CREAT', 'O_EXCL'], 'EEXIST'),
          open('/fs/d/f/.', ['O_RDONLY'], 'ENOTDIR'),
          open('/fs/d/sub/..', ['O_RDONLY'], 'ok', 'a'),
          close('a'),
          open('/fs/d/./sub/../f', ['O_RDONLY'], 'ok', 'b'),
          close('b'),
          read(),
        ],
        { tree: LINKS },
      ),
  },
  {
    name: 'vfs: rename traps and type checks: EINVAL into itself, ENOTEMPTY onto an ancestor, EISDIR, ENOTDIR (FID)',
    build: (t) =>
      base(
        t,
        [
          ...watchAll(['FAN_REPORT_FID']),
          { do: 'rename', from: '/fs/d', to: '/fs/d/sub/x', expect: 'EINVAL' },
          { do: 'rename', from: '/fs/d/sub', to: '/fs/d', expect: 'ENOTEMPTY' },
          { do: 'rename', from: '/fs/d/f', to: '/fs/d/sub', expect: 'EISDIR' },
          { do: 'rename', from: '/fs/d/sub', to: '/fs/d/f', expect: 'ENOTDIR' },
          { do: 'mkdir', path: '/fs/d/full', expect: 0 },
          { do: 'mkdir', path: '/fs/d/full/x', expect: 0 },
          { do: 'link', target: '/fs/d/f', path: '/fs/d/f2', expect: 0 },
          { do: 'rename', from: '/fs/d/f', to: '/fs/d/f2', expect: 0 },
          { do: 'rename', from: '/fs/d/missing', to: '/fs/d/y', expect: 'ENOENT' },
          { do: 'rename', from: '/fs/d/sub', to: '/fs/d/full/x', expect: 0 },
          read(),
        ],
        { tree: LINKS },
      ),
  },
  {
    name: 'vfs: rename onto a non-empty directory: EEXIST on xfs, ENOTEMPTY elsewhere, nothing moved (FID)',
    build: (t) =>
      base(
        t,
        [
          ...watchAll(['FAN_REPORT_FID']),
          { do: 'mkdir', path: '/fs/d/full', expect: 0 },
          { do: 'touch', path: '/fs/d/full/x', expect: 0 },
          { do: 'rename', from: '/fs/d/sub', to: '/fs/d/full', expect: t === 'xfs' ? 'EEXIST' : 'ENOTEMPTY' },
          { do: 'rename', from: '/fs/d/sub', to: '/fs/d/full', flags: ['RENAME_NOREPLACE'], expect: 'EEXIST' },
          { do: 'unlink', path: '/fs/d/full/x', expect: 0 },
          { do: 'rename', from: '/fs/d/sub', to: '/fs/d/full', expect: 0 },
          read(),
        ],
        { tree: LINKS },
      ),
  },
];

/** The template processes plus `nobody` (uid and gid 65534, no capabilities). */
const withNobody = base('ext4', []).processes!.concat([{ name: 'nobody', pid: 5, uid: 65534, gid: 65534 }]);
const asNobody = (step: ScenarioStep): ScenarioStep => ({ ...step, by: 'nobody' });

const permissions: Template[] = [
  {
    name: 'vfs: permission checks for an unprivileged uid: EACCES before any event for open (read, write, O_TRUNC), create and unlink (DFID_NAME|FID)',
    build: (t) =>
      base(
        t,
        [
          ...watchAll(),
          asNobody(open('/fs/d/secret', ['O_RDONLY'], 'EACCES')),
          asNobody(open('/fs/d/pub', ['O_RDONLY'], 'ok')),
          asNobody(open('/fs/d/pub', ['O_WRONLY'], 'EACCES')),
          asNobody(open('/fs/d/pub', ['O_RDONLY', 'O_TRUNC'], 'EACCES')),
          asNobody(open('/fs/d/new', ['O_WRONLY', 'O_CREAT'], 'EACCES')),
          asNobody(open('/fs/d/pub', ['O_WRONLY', 'O_CREAT'], 'EACCES')),
          asNobody(open('/fs/w/new', ['O_WRONLY', 'O_CREAT'], 'ok')),
          asNobody({ do: 'unlink', path: '/fs/d/pub', expect: 'EACCES' }),
          asNobody({ do: 'unlink', path: '/fs/w/new', expect: 0 }),
          { do: 'chmod', path: '/fs/d/secret', mode: 0o604, expect: 0 },
          asNobody(open('/fs/d/secret', ['O_RDONLY'], 'ok')),
          read(),
        ],
        {
          processes: withNobody,
          tree: [
            { path: '/fs/d', type: 'dir', mode: 0o755 },
            { path: '/fs/d/secret', type: 'file', size: 3, mode: 0o600 },
            { path: '/fs/d/pub', type: 'file', size: 3, mode: 0o644 },
            { path: '/fs/w', type: 'dir', mode: 0o777 },
          ],
        },
      ),
  },
];

const openFlags: Template[] = [
  {
    name: 'vfs: invalid O_CREAT combinations: O_CREAT|O_DIRECTORY, O_TMPFILE with O_CREAT or read-only (EINVAL, nothing created)',
    build: (t) =>
      base(
        t,
        [
          ...watchAll(),
          open('/fs/d/sub', ['O_RDONLY', 'O_CREAT', 'O_DIRECTORY'], 'EINVAL'),
          open('/fs/d/new', ['O_RDONLY', 'O_CREAT', 'O_DIRECTORY'], 'EINVAL'),
          open('/fs/d/sub', ['O_RDWR', 'O_CREAT', O_TMPFILE], 'EINVAL'),
          open('/fs/d/sub', ['O_RDONLY', O_TMPFILE], 'EINVAL'),
          open('/fs/d/f', ['O_RDWR', O_TMPFILE], 'ENOTDIR'),
          open('/fs/d/f', ['O_RDONLY', 'O_DIRECTORY'], 'ENOTDIR'),
          open('/fs/d/sub', ['O_RDONLY', 'O_CREAT'], 'EISDIR'),
          open('/fs/d/sub', ['O_RDONLY', 'O_CREAT', 'O_EXCL'], 'EEXIST'),
          open('/fs/d/sub', ['O_RDONLY', 'O_TRUNC'], 'EISDIR'),
          open('/fs/d/sub', ['O_WRONLY'], 'EISDIR'),
          open('/fs/d/f', ['O_RDONLY'], 'ok', 'a'),
          close('a'),
          read(),
        ],
        { tree: LINKS },
      ),
  },
  {
    name: 'vfs: O_TRUNC: MODIFY after OPEN, none for a created file, O_RDONLY|O_TRUNC truncates (FID)',
    build: (t) =>
      base(
        t,
        [
          ...watchAll(['FAN_REPORT_FID']),
          open('/fs/d/f', ['O_RDONLY', 'O_TRUNC'], 'ok', 'a'),
          close('a'),
          open('/fs/d/g', ['O_WRONLY', 'O_CREAT', 'O_TRUNC'], 'ok', 'b'),
          close('b'),
          open('/fs/d/g', ['O_WRONLY', 'O_CREAT', 'O_TRUNC'], 'ok', 'c'),
          close('c'),
          read(),
        ],
        { tree: LINKS },
      ),
  },
  {
    name: 'vfs: a read-only bind mount: EROFS for O_TRUNC, writes and creates before any event (fd mode)',
    build: (t) =>
      base(
        t,
        [
          init([]),
          { do: 'mount', by: 'mounter', bind: '/fs/d', target: '/fs/ro', readOnly: true, expect: 0 },
          mark(['FAN_MARK_MOUNT'], ['FAN_OPEN', 'FAN_CLOSE', 'FAN_MODIFY', 'FAN_ONDIR'], '/fs/ro'),
          open('/fs/ro/f', ['O_RDONLY', 'O_TRUNC'], 'EROFS'),
          open('/fs/ro/f', ['O_WRONLY'], 'EROFS'),
          open('/fs/ro/new', ['O_WRONLY', 'O_CREAT'], 'EROFS'),
          open('/fs/ro/f', ['O_RDONLY', 'O_CREAT'], 'ok', 'a'),
          close('a'),
          open('/fs/ro/f', ['O_RDONLY', 'O_CREAT', 'O_EXCL'], 'EEXIST'),
          open('/fs/ro/sub', ['O_RDONLY', 'O_TRUNC'], 'EISDIR'),
          { do: 'unlink', path: '/fs/ro/missing', expect: 'EROFS' },
          { do: 'mkdir', path: '/fs/ro/sub', expect: 'EEXIST' },
          { do: 'mkdir', path: '/fs/ro/n', expect: 'EROFS' },
          { do: 'rmdir', path: '/fs/ro/sub/.', expect: 'EINVAL' },
          { do: 'rename', from: '/fs/ro/f', to: '/fs/ro/g', expect: 'EROFS' },
          read(),
          closeFds(),
          { do: 'umount', by: 'mounter', target: '/fs/ro', expect: 0 },
        ],
        {
          tree: [...D, { path: '/fs/d/f', type: 'file', size: 3 }, { path: '/fs/d/sub', type: 'dir' }, { path: '/fs/ro', type: 'dir' }],
        },
      ),
  },
];

const walks: Template[] = [
  {
    name: 'vfs: mkdir, unlink, rmdir, rename, link through symlinked parents (DFID_NAME|FID)',
    build: (t) =>
      base(
        t,
        [
          ...watchAll(),
          { do: 'mkdir', path: '/fs/d/ld/m', expect: 0 },
          { do: 'rename', from: '/fs/d/ld/m', to: '/fs/d/ld/../m2', expect: 0 },
          { do: 'link', target: '/fs/d/lf', path: '/fs/d/ld/hard', expect: 0 },
          { do: 'unlink', path: '/fs/d/ld/hard', expect: 0 },
          { do: 'rmdir', path: '/fs/d/ld/../m2', expect: 0 },
          { do: 'unlink', path: '/fs/d/ld', expect: 0 },
          read(),
        ],
        { tree: LINKS },
      ),
  },
  {
    name: 'vfs: ENOENT and ENOTDIR in the middle of a path, for every call (FID)',
    build: (t) =>
      base(
        t,
        [
          ...watchAll(['FAN_REPORT_FID']),
          { do: 'mkdir', path: '/fs/d/none/x', expect: 'ENOENT' },
          { do: 'mkdir', path: '/fs/d/f/x', expect: 'ENOTDIR' },
          { do: 'unlink', path: '/fs/d/f/x', expect: 'ENOTDIR' },
          { do: 'rmdir', path: '/fs/d/none/x', expect: 'ENOENT' },
          { do: 'rename', from: '/fs/d/f', to: '/fs/d/none/x', expect: 'ENOENT' },
          { do: 'rename', from: '/fs/d/f/x', to: '/fs/d/y', expect: 'ENOTDIR' },
          { do: 'symlink', target: 'f', path: '/fs/d/dang/x', expect: 'ENOENT' },
          { do: 'link', target: '/fs/d/none/x', path: '/fs/d/y', expect: 'ENOENT' },
          open('/fs/d/none/x', ['O_WRONLY', 'O_CREAT'], 'ENOENT'),
          open('/fs/d/loop1/x', ['O_RDONLY'], 'ELOOP'),
          { do: 'truncate', path: '/fs/d/f/', length: 0, expect: 'ENOTDIR' },
          { do: 'truncate', path: '/fs/d/lf', length: 1, expect: 0 },
          read(),
        ],
        { tree: LINKS },
      ),
  },
  {
    name: 'vfs: O_CREAT|O_EXCL creates once, O_CREAT opens an existing file, O_DIRECTORY through a symlink (fd mode)',
    build: (t) =>
      base(
        t,
        [
          init([]),
          mark(['FAN_MARK_MOUNT'], ['FAN_OPEN', 'FAN_CLOSE', 'FAN_MODIFY', 'FAN_ONDIR'], '/fs'),
          open('/fs/d/n', ['O_WRONLY', 'O_CREAT', 'O_EXCL'], 'ok', 'a'),
          close('a'),
          open('/fs/d/n', ['O_WRONLY', 'O_CREAT', 'O_EXCL'], 'EEXIST'),
          open('/fs/d/n', ['O_RDWR', 'O_CREAT'], 'ok', 'b'),
          close('b'),
          open('/fs/d/ld', ['O_RDONLY', 'O_DIRECTORY'], 'ok', 'c'),
          close('c'),
          open('/fs/d/ld', ['O_RDONLY', 'O_DIRECTORY', 'O_NOFOLLOW'], 'ENOTDIR'),
          read(),
          closeFds(),
        ],
        { tree: LINKS },
      ),
  },
];

/** The templates of this file (path walk, last components, open flags). */
export const VFS_TEMPLATES: Template[] = [...symlinkOpens, ...trailingSlashes, ...dots, ...openFlags, ...walks, ...permissions];
