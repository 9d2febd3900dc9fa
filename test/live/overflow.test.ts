// Queue overflow: with /proc/sys/fs/fanotify/max_queued_events lowered (it is sampled when the
// group is created, and restored right after), more unique events than the queue holds produce
// exactly one FAN_Q_OVERFLOW event after the queued ones, surfaced as its own event and counted.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openGroup, type FanotifyGroup } from '../../src/entries/live.js';
import { Cleanup, makeTempDir, requireRoot } from './support/env.js';
import { drain } from './support/events.js';
import { withFanotifySysctl } from './support/mounts.js';

const cleanup = new Cleanup();
let dir: string;

beforeEach(() => {
  requireRoot();
  dir = makeTempDir(cleanup, 'fanotify-overflow-');
});
afterEach(() => cleanup.run());

const LIMIT = 50;

async function smallGroup<O extends Parameters<typeof openGroup>[0]>(options: O): Promise<FanotifyGroup> {
  const g = await withFanotifySysctl('max_queued_events', LIMIT, () => openGroup(options) as unknown as FanotifyGroup);
  cleanup.add('close', () => g.close());
  expect(fs.readFileSync('/proc/sys/fs/fanotify/max_queued_events', 'utf8').trim()).not.toBe(String(LIMIT));
  return g;
}

it('FAN_Q_OVERFLOW after max_queued_events events, as its own event, counted in stats', async () => {
  const g = await smallGroup({ fid: true, dirFid: true, name: true });
  g.addMark({ path: dir, events: ['FAN_CREATE'] });
  for (let i = 0; i < LIMIT + 20; i++) fs.writeFileSync(path.join(dir, `f${i}`), '');
  const events = await drain(g, undefined, { path: false });
  expect(events.length).toBe(LIMIT + 1);
  expect(events.slice(0, LIMIT).every((e) => !e.isOverflow && e.maskNames.join() === 'FAN_CREATE')).toBe(true);
  const overflow = events[LIMIT]!;
  expect(overflow.isOverflow).toBe(true);
  expect(overflow.maskNames).toEqual(['FAN_Q_OVERFLOW']);
  expect([overflow.fd, overflow.pid, overflow.records]).toEqual([-1, 0, []]);
  expect(g.stats.overflows).toBe(1);
  expect(g.stats.events).toBe(LIMIT + 1);
  expect(g.stats.delivered).toBe(LIMIT + 1);
  expect(g.stats.bytes).toBeGreaterThan(0);
  expect(g.stats.reads).toBeGreaterThanOrEqual(1);
});

it('fd-mode overflow: queued events keep their fds (closed per step), the overflow has FAN_NOFD', async () => {
  const g = await smallGroup({ fdError: true, pidfd: true });
  g.addMark({ path: dir, events: ['FAN_OPEN'], onChild: true });
  for (let i = 0; i < LIMIT + 5; i++) fs.writeFileSync(path.join(dir, `g${i}`), '');
  const events = await drain(g, undefined, { path: false });
  expect(events.length).toBe(LIMIT + 1);
  const overflow = events.at(-1)!;
  // With FD_ERROR the overflow's fd is -EBADF and its pidfd -ESRCH (no process).
  expect([overflow.isOverflow, overflow.fd, overflow.fdError, overflow.pidfd, overflow.pidfdError]).toEqual([true, -9, 'EBADF', -3, 'ESRCH']);
  expect(events.slice(0, -1).every((e) => e.fd >= 0 && (e.pidfd ?? -1) >= 0)).toBe(true);
  expect(g.stats.cleanupErrors).toBe(0);
});

it('a group with unlimitedQueue does not overflow', async () => {
  const g = await smallGroup({ fid: true, dirFid: true, name: true, unlimitedQueue: true });
  g.addMark({ path: dir, events: ['FAN_CREATE'] });
  for (let i = 0; i < LIMIT + 20; i++) fs.writeFileSync(path.join(dir, `h${i}`), '');
  const events = await drain(g, undefined, { path: false });
  expect(events.length).toBe(LIMIT + 20);
  expect(g.stats.overflows).toBe(0);
});
