/**
 * fanotify_mark rules the live differential tests cannot reach on this machine: mark limits,
 * weak (zero) fsids, filesystems that cannot encode or decode handles, ignore marks on files
 * open for write, evictable marks and pre-content flag conflicts.
 */
import { describe, expect, it } from 'vitest';
import * as C from '../../src/index.js';
import { Errno } from '../../src/kernel/errno.js';
import { KernelModel } from '../../src/model/index.js';

function model(options: ConstructorParameters<typeof KernelModel>[0] = {}) {
  const k = new KernelModel(options);
  k.addFilesystem('ext4', { type: 'ext4', fsid: [1, 2] }, '/a');
  k.addFilesystem('fuse', { type: 'fuse', fsid: [0, 0] }, '/z');
  k.addFilesystem('noexp', { type: 'proc', fsid: [3, 4], canEncodeFid: false }, '/p');
  k.addFilesystem('nodecode', { type: 'ovl', fsid: [7, 8], canDecodeFh: false }, '/o');
  for (const p of ['/a/f', '/a/g', '/z/f', '/z/g', '/p/f', '/o/f']) k.createObject(p, 'file');
  const t = k.task(k.addProcess('p', 10));
  return { k, t };
}
const ADD = C.FAN_MARK_ADD;

describe('fanotify_mark model rules', () => {
  it('ENOSPC at max_user_marks, unless FAN_UNLIMITED_MARKS', () => {
    const { k, t } = model({ maxUserMarks: 1 });
    const fd = k.fanotifyInit(t, 0, 0);
    expect(k.fanotifyMark(t, fd, ADD, C.FAN_OPEN, { path: '/a/f' })).toBe(0);
    expect(k.fanotifyMark(t, fd, ADD, C.FAN_CLOSE, { path: '/a/f' })).toBe(0);
    expect(k.fanotifyMark(t, fd, ADD, C.FAN_OPEN, { path: '/a/g' })).toBe(-Errno.ENOSPC);
    const unlimited = k.fanotifyInit(t, C.FAN_UNLIMITED_MARKS, 0);
    expect(k.fanotifyMark(t, unlimited, ADD, C.FAN_OPEN, { path: '/a/g' })).toBe(0);
  });

  it('zero fsid: ENODEV for filesystem marks, weak fsid for inode marks, no mixing (EXDEV)', () => {
    const { k, t } = model();
    const fd = k.fanotifyInit(t, C.FAN_REPORT_FID, 0);
    expect(k.fanotifyMark(t, fd, ADD | C.FAN_MARK_FILESYSTEM, C.FAN_OPEN, { path: '/z' })).toBe(-Errno.ENODEV);
    expect(k.fanotifyMark(t, fd, ADD, C.FAN_OPEN, { path: '/z/f' })).toBe(0);
    expect(k.fanotifyMark(t, fd, ADD, C.FAN_OPEN, { path: '/z/g' })).toBe(0);
    expect(k.fanotifyMark(t, fd, ADD, C.FAN_OPEN, { path: '/a/f' })).toBe(-Errno.EXDEV);
  });

  it('EOPNOTSUPP when the filesystem cannot encode handles, or decode them for sb/mount marks', () => {
    const { k, t } = model();
    const fd = k.fanotifyInit(t, C.FAN_REPORT_FID, 0);
    expect(k.fanotifyMark(t, fd, ADD, C.FAN_OPEN, { path: '/p/f' })).toBe(-Errno.EOPNOTSUPP);
    expect(k.fanotifyMark(t, fd, ADD, C.FAN_OPEN, { path: '/o/f' })).toBe(0);
    expect(k.fanotifyMark(t, fd, ADD | C.FAN_MARK_MOUNT, C.FAN_OPEN, { path: '/o' })).toBe(-Errno.EOPNOTSUPP);
    // fd-mode groups do not care about handles.
    const plain = k.fanotifyInit(t, 0, 0);
    expect(k.fanotifyMark(t, plain, ADD | C.FAN_MARK_FILESYSTEM, C.FAN_OPEN, { path: '/p' })).toBe(0);
  });

  it('an ignore mask on a file open for write is silently not added (unless it survives modify)', () => {
    const { k, t } = model();
    const w = k.run(t, { op: 'open', path: '/a/f', flags: 1 });
    expect(w.status).toBe('done');
    const fd = k.fanotifyInit(t, 0, 0);
    expect(k.fanotifyMark(t, fd, ADD | C.FAN_MARK_IGNORED_MASK, C.FAN_OPEN, { path: '/a/f' })).toBe(0);
    expect(k.fanotifyMark(t, fd, C.FAN_MARK_REMOVE | C.FAN_MARK_IGNORED_MASK, C.FAN_OPEN, { path: '/a/f' })).toBe(-Errno.ENOENT);
    expect(k.fanotifyMark(t, fd, ADD | C.FAN_MARK_IGNORED_MASK | C.FAN_MARK_IGNORED_SURV_MODIFY, C.FAN_OPEN, { path: '/a/f' })).toBe(0);
    expect(k.fanotifyMark(t, fd, C.FAN_MARK_REMOVE | C.FAN_MARK_IGNORED_MASK, C.FAN_OPEN, { path: '/a/f' })).toBe(0);
  });

  it('EEXIST: evictable downgrade, old API on a FAN_MARK_IGNORE mark, IGNORE without SURV on a SURV mark', () => {
    const { k, t } = model();
    const fd = k.fanotifyInit(t, 0, 0);
    expect(k.fanotifyMark(t, fd, ADD, C.FAN_OPEN, { path: '/a/f' })).toBe(0);
    expect(k.fanotifyMark(t, fd, ADD | C.FAN_MARK_EVICTABLE, C.FAN_CLOSE, { path: '/a/f' })).toBe(-Errno.EEXIST);
    expect(k.fanotifyMark(t, fd, ADD | C.FAN_MARK_EVICTABLE, C.FAN_OPEN, { path: '/a/g' })).toBe(0);
    // An evictable mark may become pinned.
    expect(k.fanotifyMark(t, fd, ADD, C.FAN_CLOSE, { path: '/a/g' })).toBe(0);
    expect(k.fanotifyMark(t, fd, ADD | C.FAN_MARK_IGNORE | C.FAN_MARK_IGNORED_SURV_MODIFY, C.FAN_ACCESS, { path: '/a/f' })).toBe(0);
    expect(k.fanotifyMark(t, fd, ADD | C.FAN_MARK_IGNORED_MASK, C.FAN_ACCESS, { path: '/a/f' })).toBe(-Errno.EEXIST);
    expect(k.fanotifyMark(t, fd, ADD | C.FAN_MARK_IGNORE, C.FAN_ACCESS, { path: '/a/f' })).toBe(-Errno.EEXIST);
  });

  it('EEXIST when pre-content events and FAN_ONDIR end up in one mark', () => {
    const { k, t } = model();
    const fd = k.fanotifyInit(t, C.FAN_CLASS_PRE_CONTENT, 0);
    expect(k.fanotifyMark(t, fd, ADD, C.FAN_OPEN | C.FAN_ONDIR, { path: '/a' })).toBe(0);
    expect(k.fanotifyMark(t, fd, ADD, C.FAN_PRE_ACCESS, { path: '/a' })).toBe(-Errno.EEXIST);
  });

  it('marks by fd (NULL pathname) and FAN_MARK_ONLYDIR on a file fd', () => {
    const { k, t } = model();
    const fd = k.fanotifyInit(t, 0, 0);
    const file = k.run(t, { op: 'open', path: '/a/f', flags: 0 });
    const fileFd = file.status === 'done' ? file.result : -1;
    expect(k.fanotifyMark(t, fd, ADD, C.FAN_OPEN, { fd: fileFd })).toBe(0);
    expect(k.fanotifyMark(t, fd, ADD | C.FAN_MARK_ONLYDIR, C.FAN_OPEN, { fd: fileFd })).toBe(-Errno.ENOTDIR);
    expect(k.fanotifyMark(t, fd, ADD, C.FAN_OPEN, { fd: 99 })).toBe(-Errno.EBADF);
    expect(k.fanotifyMark(t, 99, ADD, C.FAN_OPEN, { path: '/a/f' })).toBe(-Errno.EBADF);
    expect(k.fanotifyMark(t, fileFd, ADD, C.FAN_OPEN, { path: '/a/f' })).toBe(-Errno.EINVAL);
  });
});
