/**
 * Queue semantics with a small max_queued_events: the overflow event (counted in the queue,
 * queued once, checked before merging, with a PIDFD record in pidfd groups), permission events
 * on a full queue, FAN_UNLIMITED_QUEUE, and what a blocking read of an empty queue means.
 */
import { describe, expect, it } from 'vitest';
import * as C from '../../src/index.js';
import { decodeEventObjects } from '../../src/index.js';
import { FanotifyModelError, KernelModel } from '../../src/model/index.js';

function model(maxQueuedEvents: number) {
  const k = new KernelModel({ byteOrder: 'little', maxQueuedEvents });
  k.addFilesystem('fs', { type: 'tmpfs', fsid: [9, 9] }, '/t');
  for (let i = 0; i < 5; i++) k.createObject(`/t/f${i}`, 'file');
  const t = k.task(k.addProcess('p', 50));
  return { k, t, decode: (b: Uint8Array) => decodeEventObjects(b, { byteOrder: 'little' }) };
}

describe('queue limits', () => {
  it('max events + one overflow event, queued once; a mergeable event is dropped when full', () => {
    const { k, t, decode } = model(3);
    const fd = k.fanotifyInit(t, C.FAN_REPORT_FID | C.FAN_REPORT_PIDFD | C.FAN_NONBLOCK, 0);
    k.fanotifyMark(t, fd, C.FAN_MARK_ADD | C.FAN_MARK_FILESYSTEM, C.FAN_OPEN | C.FAN_CLOSE, { path: '/t' });
    for (let i = 0; i < 5; i++) k.run(t, { op: 'touch', path: `/t/f${i}` });
    // f0 and f1 are queued with OPEN|CLOSE_WRITE merged. f2's OPEN fills the queue, so its
    // CLOSE_WRITE, though it would merge, finds the queue full: the overflow event is queued
    // (counted in the queue), and nothing after it gets in.
    expect(k.fionread(t, fd)).toBe(4 * 24);
    const events = decode(k.read(t, fd, 4096).bytes);
    expect(events.map((e) => e.mask)).toEqual([C.FAN_OPEN | C.FAN_CLOSE_WRITE, C.FAN_OPEN | C.FAN_CLOSE_WRITE, C.FAN_OPEN, C.FAN_Q_OVERFLOW]);
    expect(events[3]).toMatchObject({ event_len: 32, fd: -1, pid: 0, info: [{ type: 'pidfd', pidfd: -1 }] });
  });

  it('FAN_UNLIMITED_QUEUE never overflows', () => {
    const { k, t } = model(1);
    const fd = k.fanotifyInit(t, C.FAN_REPORT_FID | C.FAN_UNLIMITED_QUEUE | C.FAN_NONBLOCK, 0);
    k.fanotifyMark(t, fd, C.FAN_MARK_ADD | C.FAN_MARK_FILESYSTEM, C.FAN_OPEN, { path: '/t' });
    for (let i = 0; i < 5; i++) k.run(t, { op: 'open', path: `/t/f${i}` });
    expect(k.fionread(t, fd)).toBe(5 * 24);
  });

  it('a permission event that finds the queue full is allowed at once', () => {
    const { k, t } = model(1);
    const fd = k.fanotifyInit(t, C.FAN_CLASS_CONTENT | C.FAN_NONBLOCK, 0);
    k.fanotifyMark(t, fd, C.FAN_MARK_ADD | C.FAN_MARK_FILESYSTEM, C.FAN_OPEN_PERM, { path: '/t' });
    const app = k.task(k.addProcess('app', 51));
    const app2 = k.task(k.addProcess('app2', 52));
    expect(k.run(app, { op: 'open', path: '/t/f0' }).status).toBe('blocked');
    expect(k.run(app2, { op: 'open', path: '/t/f1' })).toMatchObject({ status: 'done', result: 3 });
  });

  it('a blocking read of an empty queue is a model error, not a hang', () => {
    const { k, t } = model(10);
    const fd = k.fanotifyInit(t, C.FAN_REPORT_FID, 0);
    expect(() => k.read(t, fd, 4096)).toThrow(FanotifyModelError);
  });
});
