// The handle→path cache (pathCache): hits for handles resolved before, counted in stats; the
// group's own FAN_RENAME, FAN_MOVE_SELF and FAN_DELETE_SELF events drop the entries they make
// stale (paths after a move are the new ones); the bound evicts the least recently used.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FanotifyOptionError, openGroup, type GroupOptions } from '../../src/entries/live.js';
import { Cleanup, makeTempDir, requireRoot } from './support/env.js';
import { drain } from './support/events.js';

const cleanup = new Cleanup();
let dir: string;

beforeEach(() => {
  requireRoot();
  dir = makeTempDir(cleanup, 'fanotify-pathcache-');
});
afterEach(() => cleanup.run());

function group(options: GroupOptions = {}) {
  const g = openGroup({ fid: true, dirFid: true, name: true, mountFds: [dir], pathCache: true, ...options });
  cleanup.add('close the group', () => g.close());
  return g;
}

/** Paths of the queued events, resolved during their steps, as `MASK path` relative to dir. */
async function paths(g: ReturnType<typeof group>): Promise<string[]> {
  return (await drain(g)).map((e) => `${e.maskNames.join('|')} ${path.relative(dir, e.path ?? e.pathError ?? '?')}`);
}

it('a storm in one directory resolves its handle once', async () => {
  fs.mkdirSync(path.join(dir, 'd'));
  const g = group();
  g.addMark({ path: path.join(dir, 'd'), events: ['FAN_CREATE'] });
  for (let i = 0; i < 5; i++) fs.writeFileSync(path.join(dir, 'd', `x${i}`), '');
  expect(await paths(g)).toEqual([0, 1, 2, 3, 4].map((i) => `FAN_CREATE d/x${i}`));
  expect(g.stats).toMatchObject({ pathCacheMisses: 1, pathCacheHits: 4 });
});

it('FAN_RENAME of a directory: later paths under it are the new ones', async () => {
  const d = path.join(dir, 'd');
  fs.mkdirSync(d);
  const g = group();
  g.addMark({ path: dir, events: ['FAN_CREATE', 'FAN_RENAME'], onDir: true });
  g.addMark({ path: d, events: ['FAN_CREATE'] });
  fs.writeFileSync(path.join(d, 'x'), '');
  fs.writeFileSync(path.join(dir, 'z'), '');
  expect(await paths(g)).toEqual(['FAN_CREATE d/x', 'FAN_CREATE z']);
  fs.renameSync(d, path.join(dir, 'e'));
  fs.writeFileSync(path.join(dir, 'e', 'y'), '');
  expect(await paths(g)).toEqual(['FAN_RENAME|FAN_ONDIR e', 'FAN_CREATE e/y']);
  // d's entry was dropped (a miss for e/y), dir's kept (a hit for the rename).
  expect(g.stats).toMatchObject({ pathCacheMisses: 3, pathCacheHits: 1 });
});

it('FAN_MOVE_SELF (as FAN_DELETE_SELF) drops the object\'s own entry', async () => {
  const m = path.join(dir, 'm');
  fs.mkdirSync(m);
  const g = group();
  g.addMark({ path: m, events: ['FAN_CREATE', 'FAN_MOVE_SELF', 'FAN_DELETE_SELF'], onDir: true });
  fs.writeFileSync(path.join(m, 'a'), '');
  expect(await paths(g)).toEqual(['FAN_CREATE m/a']);
  fs.renameSync(m, path.join(dir, 'm2'));
  fs.writeFileSync(path.join(dir, 'm2', 'b'), '');
  expect(await paths(g)).toEqual(['FAN_MOVE_SELF|FAN_ONDIR m2', 'FAN_CREATE m2/b']);
  // m's entry went with the MOVE_SELF (re-resolved to m2 there), then m2/b hit it.
  expect(g.stats).toMatchObject({ pathCacheMisses: 2, pathCacheHits: 1 });
});

it('is bounded: the least recently used handle is evicted', async () => {
  const g = group({ pathCache: { maxEntries: 2 } });
  for (const name of ['a', 'b', 'c']) {
    fs.mkdirSync(path.join(dir, name));
    g.addMark({ path: path.join(dir, name), events: ['FAN_CREATE'] });
  }
  for (const name of ['a', 'b', 'c', 'a']) fs.writeFileSync(path.join(dir, name, `f${Math.random()}`.slice(0, 6)), '');
  await paths(g);
  expect(g.stats).toMatchObject({ pathCacheMisses: 4, pathCacheHits: 0 });
});

it('is off by default; bad bounds are refused', async () => {
  const g = openGroup({ fid: true, dirFid: true, name: true, mountFds: [dir] });
  cleanup.add('close', () => g.close());
  g.addMark({ path: dir, events: ['FAN_CREATE'] });
  fs.writeFileSync(path.join(dir, 'f'), '');
  expect((await drain(g))[0]!.path).toBe(path.join(dir, 'f'));
  expect(g.stats).toMatchObject({ pathCacheMisses: 0, pathCacheHits: 0 });
  expect(() => openGroup({ pathCache: { maxEntries: 0 } })).toThrow(FanotifyOptionError);
});
