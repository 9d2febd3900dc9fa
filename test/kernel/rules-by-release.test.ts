/**
 * The kernel rules by release, through the kernel model and scenarios (what golden-file users
 * see) and directly (what live hints use). Facts: docs/kernel-release-facts.md (6.1.y, 6.12.y
 * and 6.18.y fanotify_user.c) and the real-kernel matrix (test/kernels).
 */
import { describe, expect, it } from 'vitest';
import * as C from '../../src/index.js';
import {
  checkInit,
  checkMarkArguments,
  checkResponse,
  Errno,
  fionreadBytes,
  isRefusal,
  parseKernelRelease,
  type InitContext,
  type KernelRelease,
} from '../../src/kernel/index.js';
import { KernelModel, runScenario, type Scenario } from '../../src/model/index.js';

const r = (text: string): KernelRelease => parseKernelRelease(text)!;
const ctx = (release: string, privileged = true): InitContext => ({ release: r(release), privileged, auditSyscall: true, capAuditWrite: privileged, restartableEvents: false });
const initErrno = (flags: number, release: string, privileged = true): number => {
  const d = checkInit(flags, 0, ctx(release, privileged));
  return isRefusal(d) ? d.errno : 0;
};

const scenario = (kernel: string | undefined, steps: Scenario['steps']): Scenario => ({
  ...(kernel ? { kernel } : {}),
  filesystems: [{ name: 'fs', type: 'ext4', mountAt: '/fs' }],
  tree: [{ path: '/fs/d', type: 'dir' }],
  processes: [{ name: 'main', pid: 100 }],
  steps,
});

describe('scenarios with "kernel"', () => {
  const fdError = (kernel?: string) =>
    scenario(kernel, [{ do: 'fanotify_init', group: 'g', flags: ['FAN_CLASS_NOTIF', 'FAN_REPORT_FD_ERROR', 'FAN_NONBLOCK'], expect: 'ok' }]);
  const mntns = (kernel?: string) =>
    scenario(kernel, [
      { do: 'fanotify_init', group: 'g', flags: ['FAN_CLASS_NOTIF', 'FAN_REPORT_MNT', 'FAN_NONBLOCK'], expect: 'ok' },
      { do: 'fanotify_mark', group: 'g', flags: ['FAN_MARK_ADD', 'FAN_MARK_MNTNS'], mask: ['FAN_MNT_ATTACH'], mntns: 'init', expect: 0 },
    ]);

  it('FAN_REPORT_FD_ERROR: EINVAL on 6.1 and 6.12(.0), accepted on 6.12.4+ stable and 6.18', () => {
    expect(runScenario(fdError('6.1')).steps[0]!.result).toBe(-Errno.EINVAL);
    expect(runScenario(fdError('6.12')).steps[0]!.result).toBe(-Errno.EINVAL);
    expect(runScenario(fdError('6.12.57')).steps[0]!.result).toBe(3);
    expect(runScenario(fdError('6.18')).steps[0]!.result).toBe(3);
    expect(runScenario(fdError()).steps[0]!.result).toBe(3);
  });

  it('FAN_REPORT_MNT and FAN_MARK_MNTNS: EINVAL on 6.1, accepted on 6.18', () => {
    const old = runScenario(mntns('6.1'));
    expect(old.failures.map((f) => f.path)).toEqual(['$.steps[0].expect', '$.steps[1].expect']);
    // The mark goes to fd -1, but 6.1 refuses both type bits and FAN_MNT_ATTACH before it looks at the fd.
    expect(old.steps.map((s) => s.result)).toEqual([-Errno.EINVAL, -Errno.EINVAL]);
    const now = runScenario(mntns('6.18'));
    expect(now.failures).toEqual([]);
    // On 6.1 a mark with both type bits is refused before anything else.
    const k = new KernelModel({ kernel: '6.1' });
    const t = k.task(k.addProcess('p', 1));
    const fd = k.fanotifyInit(t, C.FAN_CLASS_NOTIF | C.FAN_NONBLOCK, 0);
    expect(k.fanotifyMark(t, fd, C.FAN_MARK_ADD | C.FAN_MARK_MNTNS, C.FAN_OPEN, { path: '/' })).toBe(-Errno.EINVAL);
  });

  it('refuses an unknown or unmodelled release with the JSON path', () => {
    expect(() => runScenario(scenario('4.19', []))).toThrow(/\$\.kernel.*outside the releases the model knows/);
    expect(() => runScenario(scenario('latest', []))).toThrow(/\$\.kernel.*not a kernel release/);
    expect(() => new KernelModel({ kernel: '9.9' })).toThrow(/kernel: kernel 9\.9 is outside/);
  });

  it('the result says which release produced it', () => {
    expect(runScenario(scenario('6.12.57+deb13-amd64', [])).kernel).toBe('6.12.57+deb13-amd64');
    expect(runScenario(scenario(undefined, [])).kernel).toBe('6.18');
    expect(runScenario(scenario(undefined, []), { kernel: '6.1' }).kernel).toBe('6.1');
  });
});

describe('fanotify_init by release', () => {
  it.each([
    ['FAN_REPORT_FD_ERROR, root', C.FAN_REPORT_FD_ERROR, true, { '6.1': Errno.EINVAL, '6.12.3': Errno.EINVAL, '6.12.4': 0, '6.18': 0 }],
    // Unprivileged: on 6.1 0x2000 is not an admin flag, so the unknown-flag EINVAL comes first; from 6.12.4 it is admin-only.
    ['FAN_REPORT_FID|FAN_REPORT_FD_ERROR, user', C.FAN_REPORT_FID | C.FAN_REPORT_FD_ERROR, false, { '6.1': Errno.EINVAL, '6.12.4': Errno.EPERM, '6.18': Errno.EPERM }],
    // Unprivileged FAN_REPORT_MNT alone: no fid bit before 6.15 → EPERM; allowed from 6.15.
    ['FAN_REPORT_MNT, user', C.FAN_REPORT_MNT, false, { '6.1': Errno.EPERM, '6.14': Errno.EPERM, '6.15': 0 }],
    ['FAN_REPORT_MNT, root', C.FAN_REPORT_MNT, true, { '6.1': Errno.EINVAL, '6.15': 0 }],
    ['FAN_REPORT_PIDFD|FAN_REPORT_TID', C.FAN_REPORT_PIDFD | C.FAN_REPORT_TID, true, { '6.1': Errno.EINVAL, '6.18': Errno.EINVAL, '7.2': 0 }],
    ['FAN_REPORT_TARGET_FID', C.FAN_REPORT_DFID_NAME_TARGET, true, { '5.15': Errno.EINVAL, '5.15.154': 0, '5.17': 0 }],
  ])('%s', (_name, flags, privileged, expected) => {
    for (const [release, errno] of Object.entries(expected)) expect(initErrno(flags, release, privileged), release).toBe(errno);
  });

  it('says which release brought a refused flag and which one runs', () => {
    const d = checkInit(C.FAN_REPORT_FD_ERROR, 0, ctx('6.1.0-50-amd64'));
    expect(d).toMatchObject({ errno: Errno.EINVAL, rule: 'init.flag-too-new' });
    expect(isRefusal(d) && d.message).toBe('FAN_REPORT_FD_ERROR needs Linux 6.13 (or 6.12.4, 6.6.66 stable) (running 6.1.0-50-amd64)');
  });
});

describe('fanotify_mark arguments by release', () => {
  const notif = { flags: C.FAN_CLASS_NOTIF, priority: 0 as const };
  const pre = { flags: C.FAN_CLASS_PRE_CONTENT, priority: 2 as const };
  it('event bits a release lacks are refused before the fd is looked up', () => {
    const bad = { release: r('6.12.57'), privileged: true, group: Errno.EBADF };
    expect(checkMarkArguments(C.FAN_MARK_ADD, C.FAN_PRE_ACCESS, bad)).toMatchObject({ errno: Errno.EINVAL, rule: 'mark.too-new-events' });
    expect(checkMarkArguments(C.FAN_MARK_ADD, C.FAN_PRE_ACCESS, { ...bad, release: r('6.14') })).toMatchObject({ errno: Errno.EBADF });
  });
  it.each([
    ['FAN_MARK_IGNORE', C.FAN_MARK_ADD | C.FAN_MARK_IGNORE | C.FAN_MARK_IGNORED_SURV_MODIFY, C.FAN_OPEN, notif, { '5.15': Errno.EINVAL, '5.15.154': 0, '6.0': 0 }],
    ['FAN_MARK_EVICTABLE', C.FAN_MARK_ADD | C.FAN_MARK_EVICTABLE, C.FAN_OPEN, notif, { '5.18': Errno.EINVAL, '5.19': 0 }],
    ['FAN_PRE_ACCESS', C.FAN_MARK_ADD, C.FAN_PRE_ACCESS, pre, { '6.13': Errno.EINVAL, '6.14': 0 }],
    ['FAN_RENAME', C.FAN_MARK_ADD, C.FAN_RENAME, { flags: C.FAN_REPORT_DFID_NAME, priority: 0 as const }, { '5.16': Errno.EINVAL, '5.17': 0 }],
  ])('%s', (_name, flags, mask, group, expected) => {
    for (const [release, errno] of Object.entries(expected)) {
      expect(checkMarkArguments(flags, mask, { release: r(release), privileged: true, group })?.errno ?? 0, release).toBe(errno);
    }
  });
});

describe('responses by release', () => {
  const pre = { priority: 2 as const, auditEnabled: false };
  const deny = (errno: number) => ({ response: C.FAN_DENY_ERRNO(errno), infoLength: 0 });
  it('FAN_DENY_ERRNO: EINVAL before 6.14', () => {
    expect(checkResponse(deny(Errno.EIO), pre, r('6.12.57'))).toMatchObject({ errno: Errno.EINVAL, message: expect.stringMatching(/needs Linux 6\.14 \(running 6\.12\.57\)/) });
    expect(checkResponse(deny(Errno.EIO), pre, r('6.14'))).toBeNull();
  });
  it('FAN_INFO: EINVAL before 6.3', () => {
    const info = { response: C.FAN_ALLOW | C.FAN_INFO, infoLength: 16, infoHeader: { type: 1, pad: 0, len: 16 } };
    expect(checkResponse(info, pre, r('6.1'))).toMatchObject({ errno: Errno.EINVAL, rule: 'response.unknown-bits' });
    expect(checkResponse(info, pre, r('6.3'))).toBeNull();
  });
  it('a 6.1 model ignores what follows the 8-byte response and returns 8', () => {
    const k = new KernelModel({ kernel: '6.1' });
    const t = k.task(k.addProcess('p', 1));
    const fd = k.fanotifyInit(t, C.FAN_CLASS_CONTENT | C.FAN_NONBLOCK, 0);
    const bytes = new Uint8Array(24);
    new DataView(bytes.buffer).setInt32(0, -1, true);
    new DataView(bytes.buffer).setUint32(4, C.FAN_ALLOW, true);
    // No pending event with fd -1: EINVAL on every release; the length is only checked as >= 8.
    expect(k.write(t, fd, bytes)).toBe(-Errno.EINVAL);
  });
});

describe('FIONREAD by release', () => {
  it('24 bytes per event before 7.3 (and 6.18.44), the event_len sum from 7.3 (and the 6.18.49 stable tree)', () => {
    expect(fionreadBytes(r('6.1'), [56, 92])).toBe(48);
    expect(fionreadBytes(r('6.18.44'), [56, 92])).toBe(48);
    expect(fionreadBytes(r('6.18.49'), [56, 92])).toBe(148);
    expect(fionreadBytes(r('7.3'), [56, 92])).toBe(148);
  });
});
