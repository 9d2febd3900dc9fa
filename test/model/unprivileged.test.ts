/**
 * Unprivileged listeners (LTP fanotify18/19 behaviour): no mount or filesystem marks, no fds,
 * and the pid only for the listener's own events.
 */
import { describe, expect, it } from 'vitest';
import {
  decodeEventObjects,
  FAN_CLOSE_WRITE,
  FAN_MARK_ADD,
  FAN_MARK_FILESYSTEM,
  FAN_MARK_MOUNT,
  FAN_MODIFY,
  FAN_NONBLOCK,
  FAN_OPEN,
  FAN_REPORT_FID,
} from '../../src/index.js';
import { Errno } from '../../src/kernel/errno.js';
import { KernelModel } from '../../src/model/index.js';

describe('unprivileged fanotify groups', () => {
  it('refuse mount and filesystem marks; report pid 0 for other processes and FAN_NOFD', () => {
    const k = new KernelModel({ byteOrder: 'little' });
    k.addFilesystem('fs', { type: 'ext4', fsid: [5, 6] }, '/m');
    k.createObject('/m/f', 'file');
    const me = k.task(k.addProcess('me', 700, { privileged: false }));
    const child = k.task(k.addProcess('child', 701, { privileged: false }));
    const fd = k.fanotifyInit(me, FAN_REPORT_FID | FAN_NONBLOCK, 0);
    expect(fd).toBe(3);
    expect(k.fanotifyMark(me, fd, FAN_MARK_ADD | FAN_MARK_MOUNT, FAN_OPEN, { path: '/m' })).toBe(-Errno.EPERM);
    expect(k.fanotifyMark(me, fd, FAN_MARK_ADD | FAN_MARK_FILESYSTEM, FAN_OPEN, { path: '/m' })).toBe(-Errno.EPERM);
    expect(k.fanotifyMark(me, fd, FAN_MARK_ADD, FAN_MODIFY | FAN_CLOSE_WRITE, { path: '/m/f' })).toBe(0);
    k.run(me, { op: 'write_file', path: '/m/f', count: 1 });
    k.run(child, { op: 'write_file', path: '/m/f', count: 1 });
    const events = decodeEventObjects(k.read(me, fd, 4096).bytes, { byteOrder: 'little' });
    expect(events.map((e) => [e.pid, e.fd])).toEqual([
      [700, -1],
      [0, -1],
    ]);
  });
});
