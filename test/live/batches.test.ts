// The batch API against the real kernel: all events of one read() as one step. Fid events come
// through one flyweight; events that own an fd, a pidfd or a verdict are real events released
// when the batch's step ends — iterated or not, also when the handler throws, aborts or the
// group closes. /proc/self/fd is counted around every test.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nameToString } from '../../src/text/names.js';
import { FanotifyOptionError, FanotifyStateError, openGroup, type FanotifyGroup, type LiveBatch, type LiveEvent } from '../../src/entries/live.js';
import type { AnyRecordSchema } from '../../src/codec/types.js';
import { Cleanup, isOpen, makeTempDir, openFds, requireRoot } from './support/env.js';
import { lastJson, startNode } from './support/processes.js';

const cleanup = new Cleanup();
let dir: string;
let fdsBefore: number[];

beforeEach(() => {
  requireRoot();
  dir = makeTempDir(cleanup, 'fanotify-batches-');
  fdsBefore = openFds();
});
afterEach(async () => {
  await cleanup.run();
  expect(openFds()).toEqual(fdsBefore);
});

type AnyGroup = FanotifyGroup<AnyRecordSchema>;

function group(options: Parameters<typeof openGroup>[0], events: string[], onChild = true): AnyGroup {
  const g = openGroup(options) as unknown as AnyGroup;
  cleanup.add('close group', () => g.close());
  g.addMark({ path: dir, events: events as never, onChild });
  return g;
}

/** Creates (and so opens) `n` files: one event each, all queued before the first read. */
function createFiles(n: number, prefix = 'f'): void {
  for (let i = 0; i < n; i++) fs.writeFileSync(path.join(dir, `${prefix}${i}`), '');
}

const swallow = (promise: Promise<unknown>): Promise<unknown> => promise.catch((error: unknown) => error);

describe('fid groups: one flyweight per batch', () => {
  it('hands out every event of the read through one re-pointed object, counted once in stats', async () => {
    const g = group({ fid: true, dirFid: true, name: true }, ['FAN_CREATE']);
    createFiles(50);
    const names: string[] = [];
    const seen = new Set<LiveEvent<AnyRecordSchema>>();
    for await (const batch of g.batches()) {
      expect(batch.active).toBe(true);
      expect(batch.byteLength).toBe(batch.bytes().byteLength);
      for (const event of batch) {
        seen.add(event);
        expect(event.maskNames).toEqual(['FAN_CREATE']);
        expect(event.fd).toBe(-1);
        for (const r of event.records()) if (r.type === 'dfid_name') names.push(nameToString(r.name as Uint8Array));
      }
      expect(g.stats.events).toBe(50);
      break;
    }
    expect(seen.size).toBe(1);
    expect(names).toEqual(Array.from({ length: 50 }, (_, i) => `f${i}`));
    expect(g.stats).toMatchObject({ reads: 1, events: 50, delivered: 50, discarded: 0, cleanupErrors: 0 });
  });

  it('a batch left unread is still counted; a second pass sees the same events; after the step it refuses', async () => {
    const g = group({ fid: true, dirFid: true, name: true }, ['FAN_CREATE']);
    createFiles(20);
    let kept: LiveBatch<AnyRecordSchema> | undefined;
    for await (const batch of g.batches()) {
      kept = batch;
      let first = 0;
      for (const _ of batch) if (++first === 5) break;
      let second = 0;
      for (const _ of batch) second++;
      expect([first, second]).toEqual([5, 20]);
      break;
    }
    expect(g.stats).toMatchObject({ events: 20, delivered: 20 });
    expect(kept!.active).toBe(false);
    expect(() => [...kept!]).toThrow(expect.objectContaining({ code: 'LIVE_EVENT_EXPIRED' }));
    expect(() => kept!.bytes()).toThrow(FanotifyStateError);
    // Never iterated at all: counted when the step ends.
    createFiles(7, 'g');
    await g.consumeBatches(() => g.close());
    expect(g.stats).toMatchObject({ events: 27, delivered: 27 });
  });
});

describe('events that own something', () => {
  it('fds are open during the batch step and closed when it ends, except taken ones', async () => {
    const g = group({}, ['FAN_OPEN']);
    createFiles(10);
    const fds: number[] = [];
    let taken = -1;
    for await (const batch of g.batches()) {
      for (const event of batch) {
        fds.push(event.fd);
        if (fds.length === 4) taken = event.takeFd();
      }
      // Every event of the batch stays valid (and open) for the whole step.
      expect(fds.every(isOpen)).toBe(true);
      break;
    }
    expect(fds.length).toBe(10);
    expect(fds.filter(isOpen)).toEqual([taken]);
    expect(fs.readlinkSync(`/proc/self/fd/${taken}`)).toBe(path.join(dir, 'f3'));
    fs.closeSync(taken);
  });

  it('a throwing handler: consumeBatches rejects, every fd and pidfd of the batch is closed, iterated or not', async () => {
    const g = group({ fid: true, dirFid: true, name: true, pidfd: true }, ['FAN_CREATE']);
    createFiles(30);
    let pidfds = 0;
    const error = await swallow(
      g.consumeBatches((batch) => {
        for (const event of batch) {
          if (event.pidfd !== undefined && event.pidfd >= 0 && isOpen(event.pidfd)) pidfds++;
          if (pidfds === 3) throw new Error('handler');
        }
      }),
    );
    expect((error as Error).message).toBe('handler');
    expect(pidfds).toBe(3);
    expect(g.stats).toMatchObject({ events: 30, delivered: 30, cleanupErrors: 0 });
    // The group stays usable with a new consumer.
    createFiles(2, 'again');
    for await (const batch of g.batches()) {
      expect([...batch].length).toBe(2);
      break;
    }
  });

  it('close() in the middle of a batch releases it', async () => {
    const g = group({ pidfd: true }, ['FAN_OPEN']);
    createFiles(40);
    const consumed = g.consumeBatches((batch) => {
      const iterator = batch[Symbol.iterator]();
      const first = iterator.next().value as LiveEvent<AnyRecordSchema>;
      expect(isOpen(first.fd) && isOpen(first.pidfd!)).toBe(true);
      g.close();
      expect(first.active).toBe(false);
      expect(isOpen(first.fd)).toBe(false);
    });
    await consumed;
    expect(g.closed).toBe(true);
    expect(g.stats.cleanupErrors).toBe(0);
  });

  it('permission events: answered by the handler or, if it throws, by the default verdict; none left waiting', async () => {
    const file = path.join(dir, 'guarded');
    fs.writeFileSync(file, 'x');
    const OPENS = 300;
    const g = group({ class: 'content', defaultVerdict: 'deny' }, ['FAN_OPEN_PERM'], false);
    g.removeMark({ path: dir, events: ['FAN_OPEN_PERM'], onChild: true });
    g.addMark({ path: file, events: ['FAN_OPEN_PERM'] });
    const child = startNode(
      `const fs = require('fs'); let ok = 0, denied = 0;
       for (let i = 0; i < Number(process.argv[2]); i++) {
         try { fs.closeSync(fs.openSync(process.argv[1], 'r')); ok++; } catch (e) { if (e.code === 'EPERM') denied++; else throw e; }
       }
       console.log(JSON.stringify({ ok, denied }));`,
      [file, String(OPENS)],
    );
    let finished = false;
    void child.done.then(() => (finished = true));
    let allowed = 0;
    let batches = 0;
    while (!finished) {
      // Every other batch throws before answering: its events get the default verdict (deny).
      const consuming = swallow(
        g.consumeBatches((batch) => {
          if (++batches % 2 === 0) throw new Error('no verdict');
          for (const event of batch) {
            event.respond('allow');
            allowed++;
          }
        }),
      );
      await Promise.race([consuming, child.done]);
      if (finished) g.close();
      await consuming;
    }
    const result = lastJson<{ ok: number; denied: number }>((await child.done).stdout);
    expect(result).toEqual({ ok: allowed, denied: OPENS - allowed });
    expect(g.stats.permissionEvents).toBe(OPENS);
    expect(g.stats.responses + g.stats.defaultVerdicts).toBe(OPENS);
    expect(g.stats.responses).toBe(allowed);
    expect(g.stats.cleanupErrors).toBe(0);
  });
});

describe('consumers and options', () => {
  it('one consumer at a time; an aborted signal ends batches() with its reason', async () => {
    const g = group({ fid: true }, ['FAN_CREATE']);
    const iterator = g.events();
    expect(() => g.batches()).toThrow(expect.objectContaining({ code: 'LIVE_BUSY' }));
    await iterator.return!();
    const controller = new AbortController();
    const consuming = swallow(g.consumeBatches(() => undefined, { signal: controller.signal }));
    controller.abort(new Error('stop'));
    expect(((await consuming) as Error).message).toBe('stop');
  });

  it('unknown option keys are refused with the nearest valid one', () => {
    expect(() => openGroup({ fidd: true } as never)).toThrow(FanotifyOptionError);
    expect(() => openGroup({ fidd: true } as never)).toThrow("unknown option 'fidd' (did you mean fid?)");
    const g = group({ fid: true }, ['FAN_CREATE']);
    expect(() => g.batches({ untilDrainde: undefined } as never)).toThrow("batches(): unknown option 'untilDrainde' (did you mean untilDrained?)");
    expect(() => g.addMark({ path: dir, events: ['FAN_CREATE'], onchild: true } as never)).toThrow("addMark(): unknown option 'onchild' (did you mean onChild?)");
    expect(() => openGroup({ eventFlags: { cloexc: true } } as never)).toThrow("eventFlags: unknown option 'cloexc' (did you mean cloexec?)");
  });
});
