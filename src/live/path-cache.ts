/**
 * The handle→path cache behind `event.path()` for fid groups (`pathCache` option): at storm
 * rates most events name a directory resolved moments before, and `open_by_handle_at` +
 * `readlink` per event is the cost. Keyed by fsid + handle type + handle bytes, bounded (least
 * recently used entries go first), and invalidated by the group's own events that change paths:
 * FAN_DELETE_SELF and FAN_MOVE_SELF drop the object's entry, FAN_RENAME and FAN_MOVED_FROM the
 * entries of the moved name; entries under a moved or deleted directory go with it. A change
 * the group has no mark for is not seen, so mark those events where paths must stay exact.
 *
 * @packageDocumentation
 */
import type { RecordViewOf } from '../codec/types.js';
import type { KernelRecordSchema } from '../../spec/records.js';
import * as K from '../generated/constants.js';
import type { GroupStats } from './event.js';
import { FanotifyOptionError } from './errors.js';
import { checkKeys } from './options.js';

/** The fields of a fid-family record the cache keys on. @internal */
export interface HandleKey {
  readonly fsid: readonly number[];
  readonly handle_type: number;
  readonly f_handle: Uint8Array;
}

/** Options of the handle→path cache (group option `pathCache`). @public */
export interface PathCacheOptions {
  /** At most this many handles are remembered (default 4096). */
  readonly maxEntries?: number;
}

/** Default bound of the cache. */
const DEFAULT_MAX_ENTRIES = 4096;

/** Events after which the object's own entry is stale. */
const SELF_CHANGES = K.FAN_DELETE_SELF | K.FAN_MOVE_SELF;
/** Events whose (old) directory + name is a path that no longer exists. */
const NAME_CHANGES = K.FAN_RENAME | K.FAN_MOVED_FROM;

/**
 * A bounded LRU map from file handles to resolved paths, counting hits and misses in the group's stats.
 *
 * @internal
 */
export class PathCache {
  private readonly entries = new Map<string, Buffer>();

  constructor(
    /** The bound. */
    readonly maxEntries: number,
    private readonly stats: GroupStats,
  ) {}

  /** The cache for the `pathCache` option, or `undefined` without one. */
  static fromOption(option: boolean | PathCacheOptions | undefined, stats: GroupStats): PathCache | undefined {
    const max = pathCacheBound(option);
    return max === undefined ? undefined : new PathCache(max, stats);
  }

  /** Number of handles remembered. */
  get size(): number {
    return this.entries.size;
  }

  /** The cached path of `record`'s handle, else resolves it with `resolve` and remembers it. */
  lookup(record: HandleKey, resolve: () => Buffer): Buffer {
    const key = keyOf(record);
    const cached = this.entries.get(key);
    if (cached !== undefined) {
      this.stats.pathCacheHits++;
      // Re-insert: Map order is the LRU order.
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    this.stats.pathCacheMisses++;
    const path = resolve();
    this.entries.set(key, path);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return path;
  }

  /** Drops what an event of the group says is stale (called for each event as it is read). */
  observe(mask: bigint, records: () => Iterable<RecordViewOf<KernelRecordSchema>>): void {
    if ((mask & (SELF_CHANGES | NAME_CHANGES)) === 0n || this.entries.size === 0) return;
    if ((mask & SELF_CHANGES) !== 0n) {
      const self = selfRecord(records());
      if (self !== undefined) this.dropHandle(self);
    }
    if ((mask & NAME_CHANGES) === 0n) return;
    for (const r of records()) {
      if (r.type === 'old_dfid_name' || (r.type === 'dfid_name' && (mask & K.FAN_MOVED_FROM) !== 0n)) this.dropName(r, r.name);
    }
  }

  /** Forgets everything. */
  clear(): void {
    this.entries.clear();
  }

  private dropHandle(record: HandleKey): void {
    const key = keyOf(record);
    const path = this.entries.get(key);
    this.entries.delete(key);
    if (path !== undefined) this.dropUnder(path);
  }

  private dropName(dir: HandleKey, name: Uint8Array): void {
    const dirPath = this.entries.get(keyOf(dir));
    // Without the old directory's path we cannot tell which entries lay under the moved name.
    if (dirPath === undefined) return this.clear();
    this.dropUnder(Buffer.concat([dirPath, Buffer.from(dirPath.at(-1) === 0x2f ? '' : '/'), name]));
  }

  /** Drops `path` and every entry below it. */
  private dropUnder(path: Buffer): void {
    for (const [key, cached] of this.entries) {
      if (cached.equals(path) || (cached.length > path.length && cached[path.length] === 0x2f && cached.subarray(0, path.length).equals(path))) this.entries.delete(key);
    }
  }
}

/**
 * The bound the `pathCache` option asks for, validated; `undefined` for no cache.
 *
 * @throws {@link FanotifyOptionError} for a bad `maxEntries` or option type.
 * @internal
 */
export function pathCacheBound(option: boolean | PathCacheOptions | undefined): number | undefined {
  if (option === undefined || option === false) return undefined;
  if (option !== true && (option === null || typeof option !== 'object')) throw new FanotifyOptionError(`pathCache must be a boolean or { maxEntries }, got ${String(option)}`);
  if (option !== true) checkKeys<PathCacheOptions>(option, { maxEntries: true }, 'pathCache');
  const max = option === true ? DEFAULT_MAX_ENTRIES : (option.maxEntries ?? DEFAULT_MAX_ENTRIES);
  if (!Number.isInteger(max) || max < 1) throw new FanotifyOptionError(`pathCache.maxEntries must be a positive integer, got ${String(max)}`);
  return max;
}

/**
 * The record naming the object of a self event: its FID record, or — for a directory, whose
 * FID the kernel leaves out when it equals the directory fid — the DFID (or DFID_NAME ".").
 */
function selfRecord(records: Iterable<RecordViewOf<KernelRecordSchema>>): HandleKey | undefined {
  let dir: HandleKey | undefined;
  for (const r of records) {
    if (r.type === 'fid') return r;
    if (r.type === 'dfid' || (r.type === 'dfid_name' && r.name.length === 1 && r.name[0] === 0x2e)) dir = r;
  }
  return dir;
}

function keyOf(record: HandleKey): string {
  const h = record.f_handle;
  return `${record.fsid[0]}:${record.fsid[1]}:${record.handle_type}:${Buffer.from(h.buffer, h.byteOffset, h.byteLength).toString('latin1')}`;
}
