/**
 * The experimental FAN_RESTARTABLE_EVENTS API (linux-fsdevel/vfs, not in 6.18): a control fd
 * from fanotify_init, a queue fd from FAN_IOC_OPEN_QUEUE_FD, and read-but-unanswered
 * permission events going back to the head of the queue when the queue fd is released.
 */
import { describe, expect, it } from 'vitest';
import {
  decodeEventObjects,
  encodeResponse,
  FAN_ALLOW,
  FAN_CLASS_CONTENT,
  FAN_CLASS_NOTIF,
  FAN_MARK_ADD,
  FAN_NONBLOCK,
  FAN_OPEN,
  FAN_OPEN_PERM,
} from '../../src/index.js';
import { Errno } from '../../src/kernel/errno.js';
import { KernelModel, runScenario } from '../../src/model/index.js';

const RESTARTABLE = 0x10000;

function setup(experimental: boolean) {
  const k = new KernelModel({ byteOrder: 'little', experimental: { restartableEvents: experimental } });
  k.addFilesystem('fs', { type: 'ext4', fsid: [1, 2] }, '/m');
  k.createObject('/m/a', 'file');
  k.createObject('/m/b', 'file');
  const hsm = k.task(k.addProcess('hsm', 100));
  const app = k.task(k.addProcess('app', 200));
  const app2 = k.task(k.addProcess('app2', 300));
  return { k, hsm, app, app2 };
}

const fdsOf = (bytes: Uint8Array) => decodeEventObjects(bytes, { byteOrder: 'little' }).map((e) => e.fd);
const pidsOf = (bytes: Uint8Array) => decodeEventObjects(bytes, { byteOrder: 'little' }).map((e) => e.pid);

describe('FAN_RESTARTABLE_EVENTS (experimental)', () => {
  it('is EINVAL without the experimental option, as on 6.18', () => {
    const { k, hsm } = setup(false);
    expect(k.fanotifyInit(hsm, FAN_CLASS_CONTENT | RESTARTABLE, 0)).toBe(-Errno.EINVAL);
  });

  it('needs a permission class, and only permission events can be marked', () => {
    const { k, hsm } = setup(true);
    expect(k.fanotifyInit(hsm, FAN_CLASS_NOTIF | RESTARTABLE, 0)).toBe(-Errno.EINVAL);
    const ctl = k.fanotifyInit(hsm, FAN_CLASS_CONTENT | RESTARTABLE | FAN_NONBLOCK, 0);
    expect(ctl).toBeGreaterThanOrEqual(0);
    expect(k.fanotifyMark(hsm, ctl, FAN_MARK_ADD, FAN_OPEN, { path: '/m/a' })).toBe(-Errno.EINVAL);
    expect(k.fanotifyMark(hsm, ctl, FAN_MARK_ADD, FAN_OPEN_PERM | FAN_OPEN, { path: '/m/a' })).toBe(0);
  });

  it('the control fd cannot be read or written; one queue fd at a time', () => {
    const { k, hsm } = setup(true);
    const ctl = k.fanotifyInit(hsm, FAN_CLASS_CONTENT | RESTARTABLE | FAN_NONBLOCK, 0);
    expect(k.read(hsm, ctl, 4096).result).toBe(-Errno.EINVAL);
    expect(k.write(hsm, ctl, new Uint8Array(8))).toBe(-Errno.EBADF);
    expect(k.fionread(hsm, ctl)).toBe(-Errno.ENOTTY);
    const q = k.openQueueFd(hsm, ctl);
    expect(q).toBe(ctl + 1);
    expect(k.openQueueFd(hsm, ctl)).toBe(-Errno.EBUSY);
    expect(k.openQueueFd(hsm, q)).toBe(-Errno.ENOTTY);
    expect(k.close(hsm, q)).toBe(0);
    expect(k.openQueueFd(hsm, ctl)).toBe(q);
  });

  it('FAN_IOC_OPEN_QUEUE_FD on an ordinary group is ENOTTY', () => {
    const { k, hsm } = setup(true);
    const fd = k.fanotifyInit(hsm, FAN_CLASS_CONTENT, 0);
    expect(k.openQueueFd(hsm, fd)).toBe(-Errno.ENOTTY);
  });

  it('pending events go back to the head of the queue (last read first) when the queue fd is released', () => {
    const { k, hsm, app, app2 } = setup(true);
    const ctl = k.fanotifyInit(hsm, FAN_CLASS_CONTENT | RESTARTABLE | FAN_NONBLOCK, 0);
    k.fanotifyMark(hsm, ctl, FAN_MARK_ADD, FAN_OPEN_PERM, { path: '/m/a' });
    k.fanotifyMark(hsm, ctl, FAN_MARK_ADD, FAN_OPEN_PERM, { path: '/m/b' });
    let q = k.openQueueFd(hsm, ctl);
    expect(k.run(app, { op: 'open', path: '/m/a', flags: 0 }).status).toBe('blocked');
    expect(k.run(app2, { op: 'open', path: '/m/b', flags: 0 }).status).toBe('blocked');
    const first = k.read(hsm, q, 4096);
    expect(pidsOf(first.bytes)).toEqual([200, 300]);
    expect(k.fionread(hsm, q)).toBe(0);
    // The listener goes away without answering: both events are queued again, reversed.
    expect(k.close(hsm, q)).toBe(0);
    expect(k.blocked()).toHaveLength(2);
    q = k.openQueueFd(hsm, ctl);
    expect(k.fionread(hsm, q)).toBe(48);
    const again = k.read(hsm, q, 4096);
    expect(pidsOf(again.bytes)).toEqual([300, 200]);
    // The old event fds are still open in the listener: the new ones are the next free ones.
    expect(fdsOf(again.bytes)).toEqual([q + 1, q + 2].map((n) => n + 2));
    for (const fd of fdsOf(again.bytes)) expect(k.write(hsm, q, encodeResponse({ fd, response: FAN_ALLOW }, { byteOrder: 'little' }))).toBe(8);
    expect(k.blocked()).toHaveLength(0);
    expect(k.completed.map((c) => c.result)).toEqual([3, 3]);
  });

  it('closing the control fd allows pending events', () => {
    const { k, hsm, app } = setup(true);
    const ctl = k.fanotifyInit(hsm, FAN_CLASS_CONTENT | RESTARTABLE | FAN_NONBLOCK, 0);
    k.fanotifyMark(hsm, ctl, FAN_MARK_ADD, FAN_OPEN_PERM, { path: '/m/a' });
    const q = k.openQueueFd(hsm, ctl);
    k.run(app, { op: 'open', path: '/m/a', flags: 0 });
    k.read(hsm, q, 4096);
    expect(k.close(hsm, ctl)).toBe(0);
    expect(k.blocked()).toHaveLength(0);
    expect(k.completed[0]!.result).toBeGreaterThanOrEqual(0);
  });

  it('scenario steps: open_queue, close_queue restart the pending event, a new queue fd reads it again', () => {
    const result = runScenario({
      byteOrder: 'little',
      experimental: { restartableEvents: true },
      filesystems: [{ name: 'fs', type: 'ext4', mountAt: '/m' }],
      tree: [{ path: '/m/a', type: 'file' }],
      processes: [{ name: 'hsm', pid: 100 }, { name: 'app', pid: 200 }],
      steps: [
        { do: 'fanotify_init', group: 'g', flags: ['FAN_CLASS_CONTENT', 'FAN_RESTARTABLE_EVENTS', 'FAN_NONBLOCK'], expect: 3 },
        { do: 'fanotify_mark', group: 'g', flags: ['FAN_MARK_ADD'], mask: ['FAN_OPEN_PERM'], path: '/m/a', expect: 0 },
        { do: 'fanotify_read', group: 'g', expect: 'EINVAL' },
        { do: 'open_queue', group: 'g', expect: 4 },
        { do: 'open', by: 'app', path: '/m/a', expect: 'blocked', expectFinal: 'ok' },
        { do: 'fanotify_read', group: 'g', expect: 24 },
        { do: 'close_queue', group: 'g', expect: 0 },
        { do: 'open_queue', group: 'g', expect: 4 },
        { do: 'fanotify_read', group: 'g', expect: 24 },
        { do: 'fanotify_respond', group: 'g', event: 1, response: ['FAN_ALLOW'], expect: 8 },
      ],
    });
    expect(result.failures).toEqual([]);
    expect(fdsOf(result.stream)).toEqual([5, 6]);
    expect(result.accessors[0]).toMatchObject({ do: 'open', completedAt: 9 });
  });
});
