/**
 * Normalization: the values that differ between machines and runs (pids, fds, pidfds, fsids,
 * file handles, mount ids, timestamps) are replaced by placeholders numbered in order of first
 * appearance, so two captures of the same workload compare equal.
 *
 * @packageDocumentation
 */
import { FanotifyEncodeError } from '../errors.js';
import { FanotifyArgumentError, rejectUnknownOptions } from '../fanotify-codec-error.js';
import type { JsonObject, JsonValue } from '../schema/compile.js';
import { unknownNameMessage } from '../text/nearest.js';

/**
 * Kinds of run-specific values the normalizer replaces, and the placeholder prefix of each:
 *
 * - `pid`: `metadata.pid` (a tgid, or a tid with FAN_REPORT_TID) → `"pid#1"`; 0 is kept.
 * - `fd`: `metadata.fd` → `"fd#1"`; negative values (FAN_NOFD, -errno) are kept.
 * - `pidfd`: the PIDFD record's `pidfd` → `"pidfd#1"`; negative values (FAN_NOPIDFD, FAN_EPIDFD, -errno) are kept.
 * - `fsid`: a fid record's `fsid` pair → `"fsid#1"`; `[0, 0]` is kept.
 * - `handle`: a fid record's `f_handle` → `"fh#1"`, keyed by `handle_type` and the bytes;
 *   `handle_bytes` and `handle_type` are kept (they describe the filesystem and the object
 *   kind, and are the same on every run); an empty handle (FILEID_INVALID) is kept.
 * - `mnt_id`: the MNT record's `mnt_id` → `"mnt#1"`; 0 is kept.
 * - `time`: timestamps (`time`, `timestamp`, `*_ns`, `*_time`, `*_at` keys and their camelCase
 *   forms, as in capture sidecars) → `"time#1"`, `"time#2"`… numbered by position, not by value
 *   (equal times are a coincidence of clock resolution).
 *
 * @public
 */
export type NormalizedKind = 'pid' | 'fd' | 'pidfd' | 'fsid' | 'handle' | 'mnt_id' | 'time';

/** Every {@link NormalizedKind}, in documentation order. @public */
export const NORMALIZED_KINDS: readonly NormalizedKind[] = Object.freeze(['pid', 'fd', 'pidfd', 'fsid', 'handle', 'mnt_id', 'time']);

/** An `f_handle` in the JSON form: hex bytes, or an already normalized placeholder. */
const HANDLE_TEXT = /^(?:(?:[0-9a-fA-F]{2})*|fh#[0-9]+)$/;

const PREFIX: Readonly<Record<NormalizedKind, string>> = { pid: 'pid', fd: 'fd', pidfd: 'pidfd', fsid: 'fsid', handle: 'fh', mnt_id: 'mnt', time: 'time' };

/** Options of normalization. @public */
export interface NormalizeOptions {
  /** Kinds to leave untouched (e.g. `['pid']` to compare pids exactly). */
  readonly keep?: readonly NormalizedKind[];
}

/**
 * Whether `key` names a timestamp: `time`, `timestamp`, and keys ending in `_ns`/`Ns`,
 * `_time`/`Time`, `_at`/`At` or `Clock` (capture sidecars: `hrtimeNs`, `wallClock`, `startedAt`).
 *
 * @internal
 */
export function isTimeKey(key: string): boolean {
  return key === 'time' || key === 'timestamp' || /(?:_ns|Ns|_time|Time|_at|At|Clock)$/.test(key);
}

function isNegativeNumber(value: JsonValue | undefined): boolean {
  return typeof value === 'number' && value < 0;
}

/**
 * Replaces run-specific values with placeholders, consistently across every event given to the
 * same instance: one real value always maps to the same placeholder (timestamps excepted: each
 * gets the next number), and placeholders are numbered in order of first appearance. Placeholders pass through unchanged in numbering
 * order, so normalizing a normalized stream is the identity.
 *
 * @example
 * ```ts
 * const n = new EventNormalizer();
 * const a = n.event(ev0.toJSON()); // pid 4711 → "pid#1"
 * const b = n.event(ev1.toJSON()); // pid 4711 → "pid#1" again, pid 4712 → "pid#2"
 * ```
 * @public
 */
export class EventNormalizer {
  private readonly maps = new Map<NormalizedKind, Map<string, string>>();
  private readonly keep: ReadonlySet<NormalizedKind>;

  constructor(options: NormalizeOptions = {}) {
    rejectUnknownOptions('EventNormalizer', options, ['keep'] satisfies (keyof NormalizeOptions)[]);
    for (const kind of options.keep ?? []) {
      if (!NORMALIZED_KINDS.includes(kind)) throw new FanotifyArgumentError('BAD_OPTION', `keep: ${unknownNameMessage('kind', String(kind), NORMALIZED_KINDS)}`);
    }
    this.keep = new Set(options.keep ?? []);
  }

  /** The placeholder of one real value (`key` is any stable rendering of it), allocating the next number on first sight. */
  placeholder(kind: NormalizedKind, key: string): string {
    let map = this.maps.get(kind);
    if (!map) this.maps.set(kind, (map = new Map()));
    let found = map.get(key);
    if (found === undefined) {
      found = `${PREFIX[kind]}#${map.size + 1}`;
      map.set(key, found);
    }
    return found;
  }

  private times = 0;
  /** Events seen so far: the index in error paths. */
  private events = 0;

  private replace(kind: NormalizedKind, value: JsonValue | undefined, key: string = JSON.stringify(value)): JsonValue | undefined {
    if (value === undefined || this.keep.has(kind)) return value;
    // Two equal timestamps are a coincidence of clock resolution, not an identity: number times by position.
    return this.placeholder(kind, kind === 'time' ? String(this.times++) : key);
  }

  /** A normalized copy of one event in its JSON form (as `EventView.toJSON()` returns it); the input is not modified. */
  event(event: JsonObject): JsonObject {
    const out: JsonObject = {};
    const path = `event[${this.events++}]`;
    for (const [key, value] of Object.entries(event)) {
      if (key === 'pid') out[key] = value === 0 ? value : this.replace('pid', value)!;
      else if (key === 'fd') out[key] = isNegativeNumber(value) ? value : this.replace('fd', value)!;
      else if (key === 'info' && Array.isArray(value)) out[key] = value.map((r, j) => (isObject(r) ? this.record(r, `${path}.info[${j}]`) : r));
      else if (isTimeKey(key)) out[key] = this.replace('time', value)!;
      else out[key] = value;
    }
    return out;
  }

  /**
   * A normalized copy of any JSON document (e.g. a capture sidecar): every timestamp key, at
   * any depth, becomes a time placeholder; everything else is kept.
   */
  document(value: JsonValue): JsonValue {
    if (Array.isArray(value)) return value.map((v) => this.document(v));
    if (!isObject(value)) return value;
    const out: JsonObject = {};
    for (const [key, v] of Object.entries(value)) out[key] = isTimeKey(key) && !isObject(v) && !Array.isArray(v) ? this.replace('time', v)! : this.document(v);
    return out;
  }

  /**
   * A normalized copy of one info record in its JSON form (`path` names it in errors).
   * Throws `ENCODE_BAD_VALUE` for an `f_handle` that is neither hex nor a placeholder: two
   * different malformed handles would otherwise become one `fh#N` and compare equal.
   */
  record(record: JsonObject, path = 'info'): JsonObject {
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(record)) {
      if (key === 'fsid') out[key] = isZeroFsid(value) ? value : this.replace('fsid', value)!;
      else if (key === 'f_handle') {
        if (typeof value !== 'string' || !HANDLE_TEXT.test(value)) throw new FanotifyEncodeError('BAD_VALUE', `${path}.f_handle`, `expected hex bytes (or an fh#N placeholder), got ${JSON.stringify(value)}`);
        const empty = record['handle_bytes'] === 0 || value === '';
        out[key] = empty ? value : this.replace('handle', value, `${JSON.stringify(record['handle_type'])}:${JSON.stringify(value)}`)!;
      } else if (key === 'pidfd') out[key] = isNegativeNumber(value) ? value : this.replace('pidfd', value)!;
      else if (key === 'mnt_id') out[key] = value === '0' || value === 0 ? value : this.replace('mnt_id', value)!;
      else if (isTimeKey(key)) out[key] = this.replace('time', value)!;
      else out[key] = value;
    }
    return out;
  }
}

function isObject(value: JsonValue): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isZeroFsid(value: JsonValue | undefined): boolean {
  return Array.isArray(value) && value.every((x) => x === 0);
}

/**
 * Normalizes a whole stream of events (JSON form) with one {@link EventNormalizer}.
 *
 * @example
 * ```ts
 * const events = [...decodeEvents(bytes)].map((e) => e.toJSON());
 * const stable = normalizeEvents(events); // pids, fds, fsids, handles… → "pid#1", "fd#1", …
 * ```
 * @public
 */
export function normalizeEvents(events: Iterable<JsonObject>, options?: NormalizeOptions): JsonObject[] {
  const normalizer = new EventNormalizer(options);
  return Array.from(events, (e) => normalizer.event(e));
}
