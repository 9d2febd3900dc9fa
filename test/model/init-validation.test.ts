/**
 * fanotify_init validation (kernel-fanotify.md §5.1): privileged combinations are also checked
 * against the real kernel by the differential tests; these cover what a root test cannot.
 */
import { describe, expect, it } from 'vitest';
import * as C from '../../src/index.js';
import { Errno } from '../../src/kernel/errno.js';
import { checkInit as validateInit, isRefusal, parseKernelRelease, type InitContext } from '../../src/kernel/index.js';
import { KernelModel } from '../../src/model/index.js';

const root: InitContext = { release: parseKernelRelease('6.18')!, privileged: true, auditSyscall: true, capAuditWrite: true, restartableEvents: false, userGroups: 0, maxUserGroups: 128 };
const user: InitContext = { ...root, privileged: false, capAuditWrite: false };
const errno = (r: ReturnType<typeof validateInit>) => (isRefusal(r) ? -r.errno : 0);

describe('fanotify_init validation', () => {
  it.each([
    ['no fid or mnt bit', 0x8000, -Errno.EPERM],
    ['fid with an unknown bit (EPERM is checked first, then EINVAL)', C.FAN_REPORT_FID | 0x8000, -Errno.EINVAL],
    ['FAN_CLASS_CONTENT', C.FAN_REPORT_FID | C.FAN_CLASS_CONTENT, -Errno.EPERM],
    ['FAN_REPORT_TID', C.FAN_REPORT_FID | C.FAN_REPORT_TID, -Errno.EPERM],
    ['FAN_UNLIMITED_QUEUE', C.FAN_REPORT_FID | C.FAN_UNLIMITED_QUEUE, -Errno.EPERM],
    ['FAN_UNLIMITED_MARKS', C.FAN_REPORT_FID | C.FAN_UNLIMITED_MARKS, -Errno.EPERM],
    ['FAN_REPORT_PIDFD', C.FAN_REPORT_FID | C.FAN_REPORT_PIDFD, -Errno.EPERM],
    ['FAN_REPORT_FD_ERROR', C.FAN_REPORT_FID | C.FAN_REPORT_FD_ERROR, -Errno.EPERM],
    ['fd mode', 0, -Errno.EPERM],
    ['FAN_REPORT_FID', C.FAN_REPORT_FID, 0],
    ['FAN_REPORT_MNT', C.FAN_REPORT_MNT, 0],
    ['FAN_REPORT_DFID_NAME_TARGET', C.FAN_REPORT_DFID_NAME_TARGET, 0],
    ['FAN_ENABLE_AUDIT without CAP_AUDIT_WRITE', C.FAN_REPORT_FID | C.FAN_ENABLE_AUDIT, -Errno.EPERM],
  ])('unprivileged: %s', (_name, flags, expected) => {
    expect(errno(validateInit(flags, 0, user))).toBe(expected);
  });

  it('an unprivileged group is marked FANOTIFY_UNPRIV', () => {
    const r = validateInit(C.FAN_REPORT_FID, 0, user);
    expect(!isRefusal(r) && r.flags >>> 0).toBe((0x80000000 | C.FAN_REPORT_FID) >>> 0);
  });

  it('FAN_ENABLE_AUDIT is unknown without CONFIG_AUDITSYSCALL', () => {
    expect(errno(validateInit(C.FAN_ENABLE_AUDIT, 0, { ...root, auditSyscall: false }))).toBe(-Errno.EINVAL);
    expect(errno(validateInit(C.FAN_ENABLE_AUDIT, 0, root))).toBe(0);
  });

  it('EMFILE at max_user_groups, checked after the flag checks', () => {
    expect(errno(validateInit(0, 0, { ...root, userGroups: 128 }))).toBe(-Errno.EMFILE);
    expect(errno(validateInit(C.FAN_REPORT_NAME, 0, { ...root, userGroups: 128 }))).toBe(-Errno.EINVAL);
    const k = new KernelModel({ maxUserGroups: 2 });
    const t = k.task(k.addProcess('p', 1));
    expect(k.fanotifyInit(t, 0, 0)).toBe(3);
    expect(k.fanotifyInit(t, 0, 0)).toBe(4);
    expect(k.fanotifyInit(t, 0, 0)).toBe(-Errno.EMFILE);
    expect(k.close(t, 3)).toBe(0);
    expect(k.fanotifyInit(t, 0, 0)).toBe(3);
  });

  it('forces O_LARGEFILE into event_f_flags and maps the class to a priority', () => {
    const r = validateInit(C.FAN_CLASS_PRE_CONTENT, 0, root);
    expect(r).toEqual({ flags: C.FAN_CLASS_PRE_CONTENT, fFlags: 0o100000, priority: 2 });
  });

  it('EMFILE when the caller has no free fd', () => {
    const k = new KernelModel();
    const t = k.task(k.addProcess('p', 1, { fds: [0, 1, 2], fdLimit: 3 }));
    expect(k.fanotifyInit(t, 0, 0)).toBe(-Errno.EMFILE);
  });
});
