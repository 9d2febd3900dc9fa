// The live layer's explanations by kernel release, without booting those kernels and without
// root: initHint, markHint and responseFor evaluate the kernel rules for the release they are
// given, so a flag a release lacks is named with the release that brought it and the release
// given ("running …"). The refusals after the path lookup are chosen by the call's flags.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as K from '../../src/generated/constants.js';
import { Errno } from '../../src/kernel/errno.js';
import { DEFAULT_KERNEL_RELEASE, parseKernelRelease, type KernelRelease } from '../../src/kernel/release.js';
import { MARK_OBJECT_REFUSALS } from '../../src/kernel/rules/mark.js';
import { FanotifyResponseError } from '../../src/live/errors.js';
import { initHint, markHint, type MarkHintContext } from '../../src/live/hints.js';
import { traitsOf } from '../../src/live/options.js';
import { DENY_ERRNOS, responseFor, type Verdict } from '../../src/live/permission.js';
import { runningRelease } from '../../src/live/running-release.js';

const BASE = K.FAN_CLOEXEC | K.FAN_NONBLOCK;
const release = (text: string): KernelRelease => parseKernelRelease(text)!;
const [R6_1, R6_12, R6_18] = ['6.1', '6.12.57', '6.18'] as const;
/** An added mark in a group with these init flags. */
const call = (groupInitFlags: number, markFlags: number, mask: bigint): MarkHintContext => ({ groupInitFlags: BASE | groupInitFlags, markFlags: K.FAN_MARK_ADD | markFlags, mask });

/** The hints take root as privileged: the tables below hold for root and for other users. */
function asUid(uid: number): void {
  beforeEach(() => {
    vi.spyOn(process, 'getuid').mockReturnValue(uid);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
}

describe('runningRelease', () => {
  it('is os.release() parsed, or the default release when that is not a release', () => {
    const running = runningRelease();
    expect(running.text === DEFAULT_KERNEL_RELEASE || /^\d+\.\d+/.test(running.text)).toBe(true);
    expect(running.major).toBeGreaterThanOrEqual(5);
  });
});

describe.each([0, 1000])('initHint by release, as uid %d', (uid) => {
  asUid(uid);

  it.each([
    [R6_1, K.FAN_REPORT_FD_ERROR, 'FAN_REPORT_FD_ERROR needs Linux 6.13 (or 6.12.4, 6.6.66 stable) (running 6.1)'],
    [R6_1, K.FAN_REPORT_MNT, 'FAN_REPORT_MNT needs Linux 6.15 (running 6.1)'],
    [R6_12, K.FAN_REPORT_MNT, 'FAN_REPORT_MNT needs Linux 6.15 (running 6.12.57)'],
    [R6_1, K.FAN_REPORT_PIDFD | K.FAN_REPORT_TID, 'FAN_REPORT_PIDFD and FAN_REPORT_TID are exclusive before Linux 7.2 (running 6.1)'],
    [R6_18, K.FAN_REPORT_PIDFD | K.FAN_REPORT_TID, 'FAN_REPORT_PIDFD and FAN_REPORT_TID are exclusive before Linux 7.2 (running 6.18)'],
    [R6_18, K.FAN_CLASS_CONTENT | K.FAN_RESTARTABLE_EVENTS, 'FAN_RESTARTABLE_EVENTS (0x00010000) is experimental (linux-fsdevel/vfs tree), not in mainline Linux (running 6.18)'],
    [R6_18, K.FAN_REPORT_MNT | K.FAN_REPORT_FID, 'FAN_REPORT_MNT cannot be combined with fid report modes or FAN_REPORT_FD_ERROR'],
    [R6_12, K.FAN_CLASS_CONTENT | K.FAN_REPORT_FID, 'fid report modes require FAN_CLASS_NOTIF (permission events need an fd)'],
  ])('EINVAL on %s for init flags %d', (kernel, flags, hint) => {
    expect(initHint(Errno.EINVAL, BASE | flags, 0, release(kernel))).toBe(hint);
  });

  it('a flag the release has is explained by what the errno usually means, not by the release', () => {
    // 6.12.57 has FAN_REPORT_FD_ERROR by the 6.12.4 backport.
    expect(initHint(Errno.EINVAL, BASE | K.FAN_REPORT_FD_ERROR, 0, release(R6_12))).toMatch(/^a flag or event_f_flags is not supported by this kernel/);
    expect(initHint(Errno.ENOSYS, BASE, 0, release(R6_1))).toMatch(/no fanotify \(CONFIG_FANOTIFY off\) or a seccomp filter/);
    expect(initHint(Errno.EMFILE, BASE, 0, release(R6_18))).toMatch(/fs\.fanotify\.max_user_groups = \d+\) or no free fd/);
  });

  it('the default release is the running kernel', () => {
    expect(initHint(Errno.EINVAL, BASE | K.FAN_REPORT_NAME, 0)).toBe('FAN_REPORT_NAME requires FAN_REPORT_DIR_FID');
  });
});

describe.each([0, 1000])('markHint by release, as uid %d', (uid) => {
  asUid(uid);

  it.each([
    [R6_12, call(K.FAN_REPORT_MNT, K.FAN_MARK_MNTNS, K.FAN_MNT_ATTACH), 'FAN_MARK_MNTNS needs Linux 6.15 (running 6.12.57)'],
    [R6_1, call(K.FAN_CLASS_PRE_CONTENT, 0, K.FAN_PRE_ACCESS), 'FAN_PRE_ACCESS needs Linux 6.14 (running 6.1)'],
    [R6_12, call(K.FAN_CLASS_PRE_CONTENT, 0, K.FAN_PRE_ACCESS), 'FAN_PRE_ACCESS needs Linux 6.14 (running 6.12.57)'],
    [R6_18, call(K.FAN_CLASS_CONTENT, 0, K.FAN_PRE_ACCESS), 'FAN_PRE_ACCESS needs a FAN_CLASS_PRE_CONTENT group'],
    [R6_18, call(K.FAN_REPORT_DIR_FID, 0, K.FAN_RENAME), 'FAN_RENAME needs a FAN_REPORT_NAME group'],
  ])('EINVAL on %s: %o → %s', (kernel, ctx, hint) => {
    expect(markHint(Errno.EINVAL, ctx, release(kernel))).toBe(hint);
  });

  it('after the lookup: the refusal the flags allow, from the kernel layer', () => {
    expect(markHint(Errno.ENOTDIR, call(0, K.FAN_MARK_ONLYDIR, K.FAN_OPEN), release(R6_18))).toBe(MARK_OBJECT_REFUSALS.ONLYDIR.message);
    expect(markHint(Errno.ENOTDIR, call(K.FAN_REPORT_DFID_NAME, 0, K.FAN_RENAME), release(R6_18))).toBe(MARK_OBJECT_REFUSALS.DIR_EVENTS_NEED_DIR.message);
    expect(markHint(Errno.EOPNOTSUPP, call(K.FAN_CLASS_PRE_CONTENT, 0, K.FAN_PRE_ACCESS), release(R6_18))).toBe(MARK_OBJECT_REFUSALS.PRE_CONTENT_NEEDS_HSM.message);
    expect(markHint(Errno.EOPNOTSUPP, call(K.FAN_REPORT_FID, 0, K.FAN_CREATE), release(R6_18))).toBe(MARK_OBJECT_REFUSALS.CANNOT_ENCODE_FID.message);
    expect(markHint(Errno.EOPNOTSUPP, call(K.FAN_REPORT_FID, K.FAN_MARK_FILESYSTEM, K.FAN_CREATE), release(R6_18))).toBe(MARK_OBJECT_REFUSALS.CANNOT_DECODE_FH.message);
    expect(markHint(Errno.EOPNOTSUPP, call(0, 0, K.FAN_OPEN), release(R6_18))).toBe('the filesystem does not support this mark');
    expect(markHint(Errno.EEXIST, call(0, K.FAN_MARK_EVICTABLE, K.FAN_OPEN), release(R6_18))).toBe(MARK_OBJECT_REFUSALS.EVICTABLE_CONFLICT.message);
    expect(markHint(Errno.EINVAL, call(0, K.FAN_MARK_MOUNT | K.FAN_MARK_IGNORE, K.FAN_OPEN), release(R6_18))).toBe(MARK_OBJECT_REFUSALS.IGNORE_OBJECT_NEEDS_SURV.message);
    expect(markHint(Errno.EINVAL, call(K.FAN_REPORT_MNT, K.FAN_MARK_MNTNS, K.FAN_MNT_ATTACH), release(R6_18))).toMatch(/not a mount namespace file/);
    expect(markHint(Errno.ENOSPC, call(0, 0, K.FAN_OPEN), release(R6_1))).toMatch(/^too many marks for this user \(fs\.fanotify\.max_user_marks( = \d+)?\); unlimitedMarks lifts the limit$/);
  });

  it('ENOENT: a missing path when adding, nothing to remove when removing', () => {
    expect(markHint(Errno.ENOENT, call(0, 0, K.FAN_OPEN), release(R6_18))).toBe('the path does not exist');
    expect(markHint(Errno.ENOENT, { ...call(0, 0, K.FAN_OPEN), markFlags: K.FAN_MARK_REMOVE }, release(R6_18))).toMatch(/^nothing to remove/);
  });
});

describe('EPERM: the caller closest to this process that the kernel refuses', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });
  const ADMIN = 'the class and the PIDFD/TID/FD_ERROR/UNLIMITED_* flags need CAP_SYS_ADMIN in the initial user namespace (run as root; a user namespace such as unshare -U is not enough)';

  it('a user lacks CAP_SYS_ADMIN; so does root of a user namespace (the second guess)', () => {
    for (const uid of [1000, 0]) {
      vi.spyOn(process, 'getuid').mockReturnValue(uid);
      expect(initHint(Errno.EPERM, BASE | K.FAN_CLASS_CONTENT, 0, release(R6_18)), `uid ${uid}`).toBe(ADMIN);
      expect(markHint(Errno.EPERM, call(K.FAN_REPORT_FID, K.FAN_MARK_FILESYSTEM, K.FAN_CREATE), release(R6_18))).toBe('mount, filesystem and mount-namespace marks need CAP_SYS_ADMIN');
    }
  });

  it('root with FAN_ENABLE_AUDIT lacks CAP_AUDIT_WRITE; an inode mark refused to root was refused by something else', () => {
    vi.spyOn(process, 'getuid').mockReturnValue(0);
    expect(initHint(Errno.EPERM, BASE | K.FAN_ENABLE_AUDIT, 0, release(R6_1))).toBe('FAN_ENABLE_AUDIT needs CAP_AUDIT_WRITE');
    expect(markHint(Errno.EPERM, call(0, 0, K.FAN_OPEN), release(R6_1))).toBe('the caller may not watch this object');
  });
});

describe('responseFor by release', () => {
  const CLASSES = { content: K.FAN_CLASS_CONTENT, 'pre-content': K.FAN_CLASS_PRE_CONTENT } as const;
  const [content, preContent] = ['content', 'pre-content'] as const;
  const refusal = (verdict: Verdict, cls: keyof typeof CLASSES, kernel: KernelRelease): string => {
    try {
      responseFor(verdict, 7, traitsOf(BASE | CLASSES[cls], 0), kernel);
      return 'accepted';
    } catch (error) {
      expect(error).toBeInstanceOf(FanotifyResponseError);
      expect((error as FanotifyResponseError).code).toBe('LIVE_BAD_RESPONSE');
      return (error as Error).message;
    }
  };
  const rule = { rule_number: 1, subj_trust: 2, obj_trust: 2 };

  it.each([
    [{ deny: 'EIO' }, preContent, R6_1, 'deny with an errno (FAN_DENY_ERRNO) needs Linux 6.14 (running 6.1)'],
    [{ deny: 'EIO' }, preContent, R6_12, 'deny with an errno (FAN_DENY_ERRNO) needs Linux 6.14 (running 6.12.57)'],
    [{ deny: 'EIO' }, preContent, R6_18, 'accepted'],
    [{ deny: 'EIO' }, content, R6_18, 'deny with an errno (EIO) needs a pre-content group'],
    [{ deny: 'ENOENT' }, preContent, R6_18, `the kernel allows only ${DENY_ERRNOS.join(', ')} (or 0 for EPERM) as deny errnos, got ENOENT`],
    [{ allow: true, auditRule: rule }, content, R6_1, 'FAN_INFO (audit-rule records) needs Linux 6.3 (running 6.1)'],
    [{ allow: true, auditRule: rule }, content, R6_12, 'accepted'],
    [{ allow: true, audit: true }, content, R6_18, 'FAN_AUDIT needs a group opened with FAN_ENABLE_AUDIT (enableAudit)'],
    ['deny', content, R6_1, 'accepted'],
  ] as [Verdict, keyof typeof CLASSES, string, string][])('%o in a %s group on %s: %s', (verdict, traits, kernel, expected) => {
    expect(refusal(verdict, traits, release(kernel))).toBe(expected);
  });

  it('the shape of a verdict is checked before the kernel rules', () => {
    expect(refusal({ deny: 300 }, preContent, release(R6_18))).toMatch(/a deny errno must be a name or an integer from 0 to 255, got 300/);
    expect(refusal({ deny: 'EBOGUS' }, preContent, release(R6_1))).toBe("unknown errno name 'EBOGUS'");
    expect(refusal({ allow: true, deny: true }, content, release(R6_18))).toBe('a verdict must be exactly one of allow and deny');
    expect(DENY_ERRNOS).toContain('EDQUOT');
  });
});
