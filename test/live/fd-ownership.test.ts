// No fd leaks on any path: thousands of events with fds and pidfds consumed every way a consumer
// can end a step — normal steps, takeFd, early break, throws in loop bodies and handlers,
// aborts, stream destroy, group close mid-batch, throwing 'event' listeners (caught by an
// 'error' listener, or reaching the process as uncaught exceptions) — and permission events
// whose handlers throw, each answered exactly once. /proc/self/fd is counted before and after.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openGroup, type FanotifyGroup, type LiveEvent } from '../../src/entries/live.js';
import type { AnyRecordSchema } from '../../src/codec/types.js';
import { bundleFixture } from './support/bundle.js';
import { Cleanup, makeTempDir, openFds, requireRoot } from './support/env.js';
import { lastJson, run, startNode } from './support/processes.js';

const cleanup = new Cleanup();
let dir: string;

beforeEach(() => {
  requireRoot();
  dir = makeTempDir(cleanup, 'fanotify-leaks-');
});
afterEach(() => cleanup.run());

const FILES = 200;

/** One FAN_OPEN (fd + pidfd) event per file, all in one read. */
function touchAll(round: number): void {
  for (let i = 0; i < FILES; i++) fs.writeFileSync(path.join(dir, `r${round}-${i}`), '');
}

type Ending = (group: FanotifyGroup, round: number) => Promise<void>;

const swallow = async (promise: Promise<unknown>): Promise<void> => {
  await promise.catch(() => undefined);
};

/** Every way a consumer can end steps, each consuming one round's batch. */
const ENDINGS: Readonly<Record<string, Ending>> = {
  'full iteration': async (g) => {
    let n = 0;
    for await (const _event of g) if (++n === FILES) break;
  },
  'takeFd and takePidfd, closed by us': async (g) => {
    let n = 0;
    for await (const event of g) {
      fs.closeSync(event.takeFd());
      fs.closeSync(event.takePidfd());
      if (++n === FILES) break;
    }
  },
  'break after 3': async (g) => {
    let n = 0;
    for await (const _event of g) if (++n === 3) break;
  },
  'throw in the loop body': async (g) =>
    swallow(
      (async () => {
        for await (const _event of g) throw new Error('body');
      })(),
    ),
  'consume() with a throwing handler': async (g) => swallow(g.consume(() => Promise.reject(new Error('handler')))),
  'abort during a step': async (g) => {
    const controller = new AbortController();
    await swallow(g.consume(() => controller.abort(), { signal: controller.signal }));
  },
  'stream destroyed after 5 items': async (g) => {
    const stream = g.stream();
    let n = 0;
    await new Promise<void>((resolve) => {
      stream.on('close', resolve);
      stream.on('data', () => {
        if (++n === 5) stream.destroy();
      });
    });
  },
  "'event' listener throwing into an 'error' listener": async (g) => {
    let n = 0;
    const onError = (): void => undefined;
    g.on('error', onError);
    await new Promise<void>((resolve) => {
      const listener = (): void => {
        if (++n === FILES) {
          g.off('event', listener);
          resolve();
        }
        throw new Error('listener');
      };
      g.on('event', listener);
    });
    await new Promise((r) => setImmediate(r));
    g.off('error', onError);
  },
};

it(`fd and pidfd events: ${Object.keys(ENDINGS).length} endings × 2 rounds × ${FILES} events, then close mid-batch`, async () => {
  const before = openFds();
  const group = openGroup({ pidfd: true }) as unknown as FanotifyGroup;
  group.addMark({ path: dir, events: ['FAN_OPEN'], onChild: true });
  let round = 0;
  for (let pass = 0; pass < 2; pass++) {
    for (const [name, ending] of Object.entries(ENDINGS)) {
      touchAll(++round);
      await ending(group, round);
      // Whatever the ending, nothing of that batch is still open.
      expect(openFds().length, `after '${name}'`).toBe(before.length + 1);
    }
  }
  // Close with a batch half delivered and a step in progress.
  touchAll(++round);
  for await (const event of group) {
    expect(event.active).toBe(true);
    group.close();
    expect(event.active).toBe(false);
  }
  expect(group.stats.events).toBe(round * FILES);
  expect(group.stats.events).toBeGreaterThanOrEqual(3000);
  expect(group.stats.delivered + group.stats.discarded).toBe(group.stats.events);
  expect(group.stats.cleanupErrors).toBe(0);
  expect(openFds()).toEqual(before);
});

it('permission events with throwing handlers: every one answered exactly once (default verdict), no fd left', async () => {
  const before = openFds();
  const file = path.join(dir, 'guarded');
  fs.writeFileSync(file, 'x');
  const OPENS = 600;
  for (const [defaultVerdict, expectedOk] of [
    ['allow', OPENS],
    ['deny', 0],
  ] as const) {
    const group = openGroup({ class: 'content', defaultVerdict }) as unknown as FanotifyGroup;
    group.addMark({ path: file, events: ['FAN_OPEN_PERM', 'FAN_ACCESS_PERM'] });
    const child = startNode(
      `const fs = require('fs'); let ok = 0, denied = 0;
       for (let i = 0; i < Number(process.argv[2]); i++) {
         try { const fd = fs.openSync(process.argv[1], 'r'); fs.readSync(fd, Buffer.alloc(1)); fs.closeSync(fd); ok++; } catch (e) { if (e.code === 'EPERM') denied++; else throw e; }
       }
       console.log(JSON.stringify({ ok, denied }));`,
      [file, String(OPENS)],
    );
    let finished = false;
    void child.done.then(() => (finished = true));
    const endings = [
      () => swallow(group.consume(() => { throw new Error('sync throw'); })),
      () => swallow(group.consume(async () => { await Promise.resolve(); throw new Error('async throw'); })),
      async () => { for await (const _e of group) break; },
      () => swallow((async () => { for await (const _e of group) throw new Error('body'); })()),
    ];
    // The child blocks on each event until it is answered; keep consuming until it is done.
    for (let i = 0; !finished; i++) {
      const consumed = group.stats.delivered;
      const ending = endings[i % endings.length]!();
      await Promise.race([ending, child.done]);
      if (finished && group.stats.delivered === consumed) {
        // The child exited while this consumer waited: stop it.
        group.close();
      }
      await ending;
    }
    const result = lastJson<{ ok: number; denied: number }>((await child.done).stdout);
    group.close();
    // Each open asks FAN_OPEN_PERM, each read FAN_ACCESS_PERM (with 'deny', reads never happen).
    expect(result).toEqual({ ok: expectedOk, denied: OPENS - expectedOk });
    expect(group.stats.permissionEvents).toBe(defaultVerdict === 'allow' ? 2 * OPENS : OPENS);
    expect(group.stats.defaultVerdicts).toBe(group.stats.permissionEvents);
    expect(group.stats.responses).toBe(0);
    expect(group.stats.cleanupErrors).toBe(0);
  }
  expect(openFds()).toEqual(before);
});

it('uncaught exceptions from listeners reach the process after the event was released', async () => {
  const script = bundleFixture(cleanup, 'uncaught-listener');
  const result = await run(process.execPath, [script, dir, '300'], { timeoutMs: 30_000 });
  const report = lastJson<{ uncaught: number; first: string; delivered: number; stillOpen: number; before: number; after: number }>(result.stdout);
  expect(report).toMatchObject({ uncaught: 300, first: 'listener failed 1', delivered: 300, stillOpen: 0 });
  expect(report.after).toBe(report.before);
});

it('taken fds belong to the taker: the event neither closes them nor lets close() touch them', async () => {
  const group = openGroup({});
  cleanup.add('close', () => group.close());
  group.addMark({ path: dir, events: ['FAN_OPEN'], onChild: true });
  touchAll(0);
  const taken: number[] = [];
  let n = 0;
  for await (const event of group as unknown as AsyncIterable<LiveEvent<AnyRecordSchema>>) {
    if (++n % 2 === 0) taken.push(event.takeFd());
    if (n === 10) {
      expect(() => event.takePidfd()).toThrow(expect.objectContaining({ code: 'LIVE_FD_UNAVAILABLE' }));
      group.close();
    }
  }
  expect(taken.length).toBe(5);
  for (const fd of taken) {
    expect(fs.readlinkSync(`/proc/self/fd/${fd}`)).toMatch(new RegExp(`^${dir}/r0-`));
    fs.closeSync(fd);
  }
});
