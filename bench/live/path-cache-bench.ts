/**
 * event.path() at storm rates, with and without the handle→path cache (group option
 * `pathCache`): a burst of FAN_CREATE events spread over a few directories is queued first,
 * then drained by a fid group that resolves every event's path. Paths/s is events / drain time;
 * best of `rounds`, cache off and on alternating so both see the same machine state. Root only.
 *
 * Run: node bench/out/run.js --child path-cache [--events N] [--dirs N] [--rounds N]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openGroup } from '../../src/entries/live.js';

/** One measured configuration. */
export interface PathCacheRow {
  readonly cache: 'off' | 'on';
  readonly events: number;
  readonly pathsPerSecond: number;
  readonly hits: number;
  readonly misses: number;
}

/** Sizes of the storm. */
export interface PathCacheConfig {
  readonly events: number;
  readonly dirs: number;
  readonly rounds: number;
}

/** Queues `events` creates over `dirs` directories, then times draining them with path(). */
async function measure(root: string, cfg: PathCacheConfig, cache: boolean, round: number): Promise<PathCacheRow> {
  const g = openGroup({ fid: true, dirFid: true, name: true, unlimitedQueue: true, mountFds: [root], pathCache: cache });
  try {
    const dirs = Array.from({ length: cfg.dirs }, (_, i) => path.join(root, `r${round}-${cache ? 'on' : 'off'}-d${i}`));
    for (const d of dirs) {
      mkdirSync(d);
      g.addMark({ path: d, events: ['FAN_CREATE'] });
    }
    for (let i = 0; i < cfg.events; i++) writeFileSync(path.join(dirs[i % dirs.length]!, `f${i}`), '');
    let seen = 0;
    let bytes = 0;
    const started = process.hrtime.bigint();
    for await (const event of g) {
      bytes += event.path({ encoding: 'buffer' })?.length ?? 0;
      if (++seen === cfg.events) break;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (bytes === 0) throw new Error('no path resolved');
    return { cache: cache ? 'on' : 'off', events: seen, pathsPerSecond: seen / seconds, hits: g.stats.pathCacheHits, misses: g.stats.pathCacheMisses };
  } finally {
    g.close();
  }
}

/** Best-of-`rounds` rows for cache off and on. */
export async function benchPathCache(cfg: PathCacheConfig): Promise<PathCacheRow[]> {
  if (process.getuid?.() !== 0) throw new Error('the path-cache bench needs root (fanotify fid groups and open_by_handle_at)');
  const root = mkdtempSync(path.join(os.tmpdir(), 'fanotify-bench-paths-'));
  try {
    const best = new Map<'off' | 'on', PathCacheRow>();
    for (let round = 0; round < cfg.rounds; round++) {
      for (const cache of [false, true]) {
        const row = await measure(root, cfg, cache, round);
        const prior = best.get(row.cache);
        if (!prior || row.pathsPerSecond > prior.pathsPerSecond) best.set(row.cache, row);
      }
    }
    return [best.get('off')!, best.get('on')!];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** The rows as a Markdown table with the speed-up. */
export function renderPathCache(rows: readonly PathCacheRow[], cfg: PathCacheConfig): string {
  const off = rows.find((r) => r.cache === 'off')!;
  const lines = [
    `event.path() in a storm: ${cfg.events} FAN_CREATE events over ${cfg.dirs} directories, best of ${cfg.rounds}`,
    '',
    '| pathCache | paths/s | hits | misses | vs off |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.cache} | ${Math.round(r.pathsPerSecond).toLocaleString('en')} | ${r.hits} | ${r.misses} | ${(r.pathsPerSecond / off.pathsPerSecond).toFixed(2)}× |`),
  ];
  return lines.join('\n');
}
