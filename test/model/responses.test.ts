/**
 * write() of responses (kernel-fanotify.md §3.10), beyond what the differential test covers:
 * the errnos FAN_DENY_ERRNO accepts on pre-content groups, FAN_AUDIT with FAN_ENABLE_AUDIT,
 * the audit-rule header checks, and what the accessor finally gets.
 */
import { describe, expect, it } from 'vitest';
import * as C from '../../src/index.js';
import { encodeResponse, FAN_DENY_ERRNO } from '../../src/index.js';
import { Errno } from '../../src/kernel/errno.js';
import { KernelModel } from '../../src/model/index.js';

function pending(flags: number) {
  const k = new KernelModel({ byteOrder: 'little' });
  k.addFilesystem('fs', { type: 'ext4', fsid: [1, 1] }, '/m');
  k.createObject('/m/f', 'file');
  const hsm = k.task(k.addProcess('hsm', 1));
  const app = k.task(k.addProcess('app', 2));
  const fd = k.fanotifyInit(hsm, flags | C.FAN_NONBLOCK, 0);
  k.fanotifyMark(hsm, fd, C.FAN_MARK_ADD, C.FAN_OPEN_PERM, { path: '/m/f' });
  k.run(app, { op: 'open', path: '/m/f' });
  const eventFd = 4;
  expect(k.read(hsm, fd, 4096).events[0]!.fd).toBe(eventFd);
  const write = (response: number, extra?: Uint8Array) => {
    const base = encodeResponse({ fd: eventFd, response: response & ~C.FAN_INFO }, { byteOrder: 'little' });
    const bytes = new Uint8Array([...base, ...(extra ?? [])]);
    new DataView(bytes.buffer).setUint32(4, response >>> 0, true);
    return k.write(hsm, fd, bytes);
  };
  return { k, write };
}

describe('permission responses', () => {
  it.each([
    ['EIO', Errno.EIO, 8],
    ['EPERM', Errno.EPERM, 8],
    ['EBUSY', Errno.EBUSY, 8],
    ['ETXTBSY', Errno.ETXTBSY, 8],
    ['EAGAIN', Errno.EAGAIN, 8],
    ['ENOSPC', Errno.ENOSPC, 8],
    ['EDQUOT', Errno.EDQUOT, 8],
    ['EACCES', Errno.EACCES, -Errno.EINVAL],
    ['ENOENT', Errno.ENOENT, -Errno.EINVAL],
  ])('FAN_DENY_ERRNO(%s) on a pre-content group', (_n, errno, expected) => {
    const { k, write } = pending(C.FAN_CLASS_PRE_CONTENT);
    expect(write(FAN_DENY_ERRNO(errno))).toBe(expected);
    if (expected === 8) expect(k.completed[0]!.result).toBe(-errno);
  });

  it('FAN_AUDIT needs FAN_ENABLE_AUDIT', () => {
    expect(pending(C.FAN_CLASS_CONTENT).write(C.FAN_ALLOW | C.FAN_AUDIT)).toBe(-Errno.EINVAL);
    expect(pending(C.FAN_CLASS_CONTENT | C.FAN_ENABLE_AUDIT).write(C.FAN_ALLOW | C.FAN_AUDIT)).toBe(8);
  });

  it('FAN_INFO: exactly one 16-byte audit-rule record with type 1, pad 0, len 16', () => {
    const rec = (type: number, pad: number, len: number, size = 16) => {
      const b = new Uint8Array(size);
      b[0] = type;
      b[1] = pad;
      new DataView(b.buffer).setUint16(2, len, true);
      return b;
    };
    expect(pending(C.FAN_CLASS_CONTENT).write(C.FAN_DENY | C.FAN_INFO, rec(2, 0, 16))).toBe(-Errno.EINVAL);
    expect(pending(C.FAN_CLASS_CONTENT).write(C.FAN_DENY | C.FAN_INFO, rec(1, 1, 16))).toBe(-Errno.EINVAL);
    expect(pending(C.FAN_CLASS_CONTENT).write(C.FAN_DENY | C.FAN_INFO, rec(1, 0, 12))).toBe(-Errno.EINVAL);
    expect(pending(C.FAN_CLASS_CONTENT).write(C.FAN_DENY | C.FAN_INFO, rec(1, 0, 16, 20))).toBe(-Errno.EINVAL);
    expect(pending(C.FAN_CLASS_CONTENT).write(C.FAN_DENY | C.FAN_INFO, rec(1, 0, 16, 8))).toBe(-Errno.EINVAL);
    const ok = pending(C.FAN_CLASS_CONTENT);
    expect(ok.write(C.FAN_DENY | C.FAN_INFO, rec(1, 0, 16))).toBe(24);
    expect(ok.k.completed[0]!.result).toBe(-Errno.EPERM);
  });

  it('bytes after a response without FAN_INFO are ignored', () => {
    const { k, write } = pending(C.FAN_CLASS_CONTENT);
    expect(write(C.FAN_ALLOW, new Uint8Array(5))).toBe(8);
    expect(k.completed[0]!.result).toBe(3);
  });
});
