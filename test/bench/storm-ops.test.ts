/**
 * The live bench's operation count against the real kernel (root): the storm (bench/c/storm.c)
 * runs with the bench's group and mark while nothing reads, so the kernel merges all it can, and
 * the operations the events report (the bench's `reportedOps`) are compared with the storm's own
 * `ops`. This pins what the live table's ops columns rest on: merging within one file keeps
 * every operation (CREATE|DELETE and MODIFY|CLOSE_WRITE pairs), and only a name reused while its
 * event is still queued loses some (the same bits OR-ed twice).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { compileC } from '../../bench/c-build.js';
import { liveSetup, reportedOps } from '../../bench/live/setup.js';
import { openGroup } from '../../src/entries/live.js';
import { Cleanup, makeTempDir, requireRoot } from '../live/support/env.js';
import { mountTmpfs } from '../live/support/mounts.js';

const cleanup = new Cleanup();
let work: string;

beforeEach(() => {
  requireRoot();
  work = makeTempDir(cleanup, 'fanotify-storm-ops-');
});
afterEach(() => cleanup.run());

interface Tally {
  readonly stormOps: number;
  readonly events: number;
  readonly ops: number;
  /** Events per mask, as hex. */
  readonly masks: Record<string, number>;
}

/** Runs the storm with the live bench's group and mark, reading only once it is over. */
async function unreadStorm(procs: number, iterations: number): Promise<Tally> {
  const storm = compileC('storm', work);
  const setup = liveSetup(await mountTmpfs(cleanup, path.join(work, 'tmpfs')), 64 * 1024);
  const group = openGroup({ fid: true, dirFid: true, name: true, eventFlags: setup.eventFFlags, bufferSize: setup.bufSize });
  cleanup.add('close group', () => group.close());
  group.addMark({ path: setup.dir, object: 'filesystem', events: BigInt(setup.mask) });
  // spawnSync blocks this thread: no read() until every worker has exited.
  const out = spawnSync(storm, [setup.dir, String(procs), String(iterations)], { encoding: 'utf8' });
  expect(out.status, out.stderr).toBe(0);
  const stormOps = (JSON.parse(out.stdout) as { ops: number }).ops;
  let events = 0;
  let ops = 0;
  const masks: Record<string, number> = {};
  for await (const event of group.events({ untilDrained: AbortSignal.abort() })) {
    events++;
    ops += reportedOps(event.mask);
    const key = event.mask.toString(16);
    masks[key] = (masks[key] ?? 0) + 1;
  }
  return { stormOps, events, ops, masks };
}

it('names not reused while queued: every operation is reported, however merged', async () => {
  const t = await unreadStorm(2, 300);
  // 4 per file, plus mkdir and rmdir per worker.
  expect(t.stormOps).toBe(2 * (4 * 300 + 2));
  expect(t.ops).toBe(t.stormOps);
  // Per file a CREATE|DELETE event (key: directory, name, pid) and a MODIFY|CLOSE_WRITE one
  // (the file's handle too); per worker one CREATE|DELETE|ONDIR of its directory.
  expect(t.masks).toEqual({ '300': 600, a: 600, '40000300': 2 });
  expect(t.events).toBe(1202);
});

it('a name reused while its CREATE|DELETE event is queued loses the repeated bits', async () => {
  const t = await unreadStorm(1, 600);
  expect(t.stormOps).toBe(4 * 600 + 2);
  // Files 512..599 reuse the names of files 0..87: their create and unlink OR bits already set.
  expect(t.stormOps - t.ops).toBe(2 * (600 - 512));
  expect(t.masks).toEqual({ '300': 512, a: 600, '40000300': 1 });
});
