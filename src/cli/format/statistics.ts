/**
 * Counting what a stream contains: events, bytes, mask bits, record types, pids, event sizes,
 * reads and errors. Memory is bounded by the number of distinct values (mask bits, info
 * types, pids, event lengths), never by the number of events.
 *
 * @packageDocumentation
 */
import type { KernelRecordSchema } from '../../../spec/records.js';
import type { EventView } from '../../codec/codec.js';
import { recordTypesOf, scanEventsOf, type EventCursor } from '../../codec/cursor.js';
import { maskNames } from '../../codec/mask-names.js';
import { EXACT_HI, TWO_32 } from '../../codec/u64-words.js';
import { infoTypeName } from '../../codec/record-table.js';
import { SCAN_STRIDE } from '../../codec/validate-event.js';
import type { JsonObject, JsonValue } from '../../schema/compile.js';


/** Keeps the first few error messages; the rest are only counted. */
const MAX_KEPT_ERRORS = 10;

/** The name of mask bit `bit` (named when printed, for the bits a stream has: not 64 at start-up). */
function bitName(bit: number): string {
  return maskNames(1n << BigInt(bit))[0]!;
}

function increment<K>(map: Map<K, number>, key: K, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

/** Number keys looked up without the `Map`: 2^SLOT_BITS direct-mapped slots (room for the few hundred pids of a busy capture). */
const SLOT_BITS = 12;
const NO_SLOTS = new Float64Array(0);

/**
 * Counts per key, built for one count per event: number keys (pids, masks) are counted in a
 * slot picked by a hash of the key, as a stream repeats a few pids and masks in turn; the `Map`
 * is touched only when a key takes a slot (its count so far moves to the map then), and holds
 * every key seen, so `size` is the number of distinct keys.
 */
class Tally<K> {
  private readonly counts = new Map<K, number>();
  /**
   * The number key of each slot (NaN: none), and its count not yet in `counts`; allocated by
   * the first number key (most tallies of a run never see one, and a process that counts a
   * few events should not pay for them).
   */
  private slotKeys = NO_SLOTS;
  private slotCounts = NO_SLOTS;
  /** The slots holding a key, so settling visits those rather than all of them. */
  private readonly used: number[] = [];

  add(key: K, by = 1): void {
    if (typeof key !== 'number') return void this.counts.set(key, (this.counts.get(key) ?? 0) + by);
    // Multiplicative hashing of both words spreads pids and single-bit masks over the slots
    // (the high word is 0 for most keys: no division for those, which cost ~8 ns a key).
    const high = key < TWO_32 && key > -TWO_32 ? 0 : (key / TWO_32) | 0;
    const slot = (Math.imul(key | 0, 0x9e3779b1) ^ Math.imul(high, 0x85ebca6b)) >>> (32 - SLOT_BITS);
    // (An out-of-bounds read, before the slots exist, would deoptimize this.)
    if (slot < this.slotKeys.length && this.slotKeys[slot] === key) this.slotCounts[slot] = this.slotCounts[slot]! + by;
    else this.claim(slot, key, by);
  }

  /** Gives `slot` to `key` (the previous key's count moves to the map). */
  private claim(slot: number, key: K, by: number): void {
    if (this.slotKeys === NO_SLOTS) {
      this.slotKeys = new Float64Array(1 << SLOT_BITS).fill(NaN);
      this.slotCounts = new Float64Array(1 << SLOT_BITS);
    }
    if (Number.isNaN(this.slotKeys[slot])) this.used.push(slot);
    else this.release(slot);
    if (!this.counts.has(key)) this.counts.set(key, 0);
    this.slotKeys[slot] = key as number;
    this.slotCounts[slot] = by;
  }

  private release(slot: number): void {
    const key = this.slotKeys[slot] as K;
    this.counts.set(key, this.counts.get(key)! + this.slotCounts[slot]!);
    this.slotKeys[slot] = NaN;
  }

  /** The counts with every slot's moved to the map. */
  private settled(): Map<K, number> {
    for (const slot of this.used) this.release(slot);
    this.used.length = 0;
    return this.counts;
  }

  get size(): number {
    return this.counts.size;
  }

  keys(): IterableIterator<K> {
    return this.counts.keys();
  }

  [Symbol.iterator](): IterableIterator<[K, number]> {
    return this.settled().entries();
  }

  clear(): void {
    for (const slot of this.used) this.slotKeys[slot] = NaN;
    this.used.length = 0;
    this.counts.clear();
  }
}

/**
 * A {@link Tally} of numbers that counts keys below `dense` in an array (no hashing): info
 * types are bytes and kernel event lengths are small, so the hot counts never touch a map.
 */
class DenseTally {
  /** The count of each key below `dense` (read and written by `countEvents`' loop directly). */
  readonly counts: Float64Array;
  private readonly sparse = new Tally<number>();

  constructor(dense: number) {
    this.counts = new Float64Array(dense);
  }

  add(key: number, by = 1): void {
    if (key >= 0 && key < this.counts.length) this.counts[key] = this.counts[key]! + by;
    else this.sparse.add(key, by);
  }

  get size(): number {
    let n = this.sparse.size;
    for (const c of this.counts) if (c !== 0) n++;
    return n;
  }

  /** Each key counted and its count, dense keys first in key order (read once per stream). */
  entries(): [number, number][] {
    const out: [number, number][] = [];
    const counts = this.counts;
    for (let k = 0; k < counts.length; k++) if (counts[k] !== 0) out.push([k, counts[k]!]);
    for (const entry of this.sparse) out.push(entry);
    return out;
  }
}

function sorted<K>(map: Iterable<[K, number]>, byKey: (a: K, b: K) => number): [K, number][] {
  return [...map].sort((x, y) => byKey(x[0], y[0]));
}

function minMaxMean(values: readonly number[]): { min: number; max: number; mean: number } | undefined {
  if (values.length === 0) return undefined;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const v of values) {
    min = Math.min(min, v);
    max = Math.max(max, v);
    sum += v;
  }
  return { min, max, mean: sum / values.length };
}

/** A key repeated by the last `n` events (NaN: none yet). */
interface Run {
  key: number;
  n: number;
}

/** Events per scan batch of `countEvents`. */
const SCAN_EVENTS = 512;

/** Distinct masks counted before they are folded into per-bit counts (bounds memory on hostile input). */
const MASK_LIMIT = 4096;

/** Running statistics of one stream. @internal */
export class EventStatistics {
  events = 0;
  bytes = 0;
  errorCount = 0;
  readonly errors: string[] = [];
  private readonly bits = new Tally<number>();
  /**
   * Events per whole mask, folded into `bits` when read (a stream has few distinct masks). A
   * mask below 2^53 is keyed by its number (no bigint per event on the cursor path), a wider one
   * by its bigint; folding counts both kinds bit by bit, so mixing them is exact.
   */
  private readonly masks = new Tally<number | bigint>();
  private readonly types = new DenseTally(256);
  /** Events per pid: numbers from byte dumps, text (placeholders too) from JSON Lines. */
  private readonly pids = new Tally<number | string>();
  private readonly sizes = new DenseTally(4096);
  private withoutRecords = 0;
  private readBytes: readonly number[] | undefined;
  private readonly eventsPerRead: number[] = [];
  /** The pid and mask repeated by the last events `countEvents` counted, not yet in `pids`/`masks`. */
  private readonly pidRun: Run = { key: NaN, n: 0 };
  private readonly maskRun: Run = { key: NaN, n: 0 };
  /** The info types of the event being counted (reused: the cursor path allocates nothing per event). */
  private readonly eventTypes: number[] = [];
  /** `countEvents`' scan batch (reused): SCAN_EVENTS events' slots. */
  private readonly scanOut = new Int32Array(SCAN_STRIDE * SCAN_EVENTS);

  /** Counts one event's metadata (its records are counted with {@link EventStatistics.addInfoType}). */
  private addMetadata(eventLen: number, mask: number | bigint, pid: number | string): void {
    this.events++;
    this.bytes += eventLen;
    this.sizes.add(eventLen);
    this.pids.add(pid);
    this.addMasks(mask, 1);
  }

  private addInfoType(infoType: number): void {
    this.types.add(infoType);
  }

  /** Adds the per-mask counts to the per-bit counts. */
  private foldMasks(): void {
    for (const [mask, n] of this.masks) {
      // Split the 64-bit mask into two numbers: bit tricks on bigint are slow.
      const words = typeof mask === 'number' ? [mask % TWO_32, Math.floor(mask / TWO_32)] : [Number(mask & 0xffff_ffffn), Number((mask >> 32n) & 0xffff_ffffn)];
      words.forEach((word, w) => {
        for (let rest = word >>> 0; rest !== 0; rest = (rest & (rest - 1)) >>> 0) this.bits.add(w * 32 + 31 - Math.clz32(rest & -rest), n);
      });
    }
    this.masks.clear();
  }

  /** Counts one event from its parts. */
  add(eventLen: number, mask: bigint, pid: number | string, infoTypes: readonly number[]): void {
    this.addMetadata(eventLen, mask, pid);
    if (infoTypes.length === 0) this.withoutRecords++;
    for (const t of infoTypes) this.addInfoType(t);
  }

  /** Counts a decoded event (zero-copy view), returned by read() number `readIndex` when known. */
  addView(ev: EventView, readIndex?: number): void {
    this.addMetadata(ev.event_len, ev.mask, ev.pid);
    let n = 0;
    for (const r of ev.records()) {
      this.addInfoType(r.info_type);
      n++;
    }
    if (n === 0) this.withoutRecords++;
    if (readIndex !== undefined) this.countRead(readIndex);
  }

  /**
   * Counts the cursor's current event and reads its records (the allocation-free path of a
   * byte dump), returned by read() number `readIndex` when known.
   */
  addCursor(c: EventCursor<KernelRecordSchema>, readIndex?: number): void {
    // Records are read (and so checked) before anything is counted: a malformed event counts
    // nothing, as on the view path, which yields only whole valid events.
    const n = recordTypesOf(c, this.eventTypes);
    this.addCursorRead(c, this.eventTypes, n, readIndex);
  }

  /**
   * Counts every event left under the cursor (`stats` on a byte dump without a sidecar): the
   * same counts as {@link EventStatistics.addCursor} per event, from batches of events the
   * cursor scans in one loop (`scanEventsOf`: no property stores or calls per event); where a
   * scan stops (the end, a stream stop, a malformed event), one exact step decides: it ends
   * the walk or throws.
   */
  countEvents(c: EventCursor<KernelRecordSchema>): void {
    for (;;) {
      // The scan adds the records' info types to the counts itself.
      const k = scanEventsOf(c, this.scanOut, this.types.counts);
      if (k > 0) this.countScanned(k);
      else if (c.nextEvent()) this.addCursor(c);
      else return;
    }
  }

  /**
   * Counts the `k` events of the last scan. A pid or mask equal to the previous event's is
   * counted in a run, without hashing: streams repeat them in bursts (53% of the bench
   * stream's events). Called per batch, V8 optimizes it as a function early (a cold process
   * spends much of its time before that); the runs are the object's, so nothing is left to
   * do after the loop.
   */
  private countScanned(k: number): void {
    const out = this.scanOut;
    const sizeCounts = this.sizes.counts;
    for (let i = 0; i < k * SCAN_STRIDE; i += SCAN_STRIDE) {
      const len = out[i]!;
      const pid = out[i + 1]!;
      const lo = out[i + 2]! >>> 0;
      const hi = out[i + 3]! >>> 0;
      const n = out[i + 4]!;
      this.events++;
      this.bytes += len;
      if (len < sizeCounts.length) sizeCounts[len]!++;
      else this.sizes.add(len);
      if (pid === this.pidRun.key) this.pidRun.n++;
      else this.flushPid(pid);
      const mask = hi === 0 ? lo : hi * TWO_32 + lo;
      if (mask === this.maskRun.key) this.maskRun.n++;
      else if (hi < EXACT_HI) this.flushMask(mask);
      else this.addMasks((BigInt(hi) << 32n) | BigInt(lo), 1);
      if (n === 0) this.withoutRecords++;
    }
  }

  /**
   * Adds the pid run to `pids` and makes it the run of `pid`. (One method per tally: each
   * call site stays monomorphic, and V8 inlines less into the count loop — a cold process
   * waits for that compile.)
   */
  private flushPid(pid: number): void {
    const run = this.pidRun;
    if (run.n > 0) (this.pids as Tally<number>).add(run.key, run.n);
    run.key = pid;
    run.n = 1;
  }

  /** Adds the mask run to `masks` (folding them past MASK_LIMIT) and makes it the run of `mask`. */
  private flushMask(mask: number): void {
    const run = this.maskRun;
    if (run.n > 0) (this.masks as Tally<number>).add(run.key, run.n);
    if (this.masks.size > MASK_LIMIT) this.foldMasks();
    run.key = mask;
    run.n = 1;
  }

  private addMasks(mask: number | bigint, n: number): void {
    this.masks.add(mask, n);
    if (this.masks.size > MASK_LIMIT) this.foldMasks();
  }

  /**
   * Counts the cursor's current event whose records the caller has read: their info types are
   * `infoTypes[0..n)` (decode's JSON writer reads them as it writes).
   */
  addCursorRead(c: EventCursor<KernelRecordSchema>, infoTypes: readonly number[], n: number, readIndex?: number): void {
    this.addMetadata(c.event_len, c.mask_hi < EXACT_HI ? c.mask : c.bigint('mask'), c.pid);
    for (let i = 0; i < n; i++) this.addInfoType(infoTypes[i]!);
    if (n === 0) this.withoutRecords++;
    if (readIndex !== undefined) this.countRead(readIndex);
  }

  /** Counts an event in its JSON form (possibly normalized: pids may be placeholders). */
  addJson(json: JsonObject, readIndex?: number): void {
    this.countRead(readIndex);
    const mask = typeof json['mask'] === 'string' || typeof json['mask'] === 'number' ? BigInt(json['mask']) : 0n;
    const info = Array.isArray(json['info']) ? json['info'] : [];
    const types = info.map((r: JsonValue) => (r !== null && typeof r === 'object' && !Array.isArray(r) && typeof r['info_type'] === 'number' ? r['info_type'] : -1));
    const pid = json['pid'];
    this.add(typeof json['event_len'] === 'number' ? json['event_len'] : 0, mask, typeof pid === 'number' ? pid : String(pid), types);
  }

  /** Records a malformed-input message. */
  addError(message: string): void {
    this.errorCount++;
    if (this.errors.length < MAX_KEPT_ERRORS) this.errors.push(message);
  }

  private countRead(readIndex: number | undefined): void {
    if (readIndex === undefined) return;
    while (this.eventsPerRead.length <= readIndex) this.eventsPerRead.push(0);
    this.eventsPerRead[readIndex]!++;
  }

  /** The bytes each read() returned, from a sidecar (events per read are counted as events arrive). */
  setReadBytes(bytes: readonly number[]): void {
    this.readBytes = bytes;
  }

  /** Machine-readable form (`stats --json`). */
  toJSON(): JsonObject {
    this.flushPid(NaN);
    this.flushMask(NaN);
    this.pidRun.n = this.maskRun.n = 0;
    this.foldMasks();
    const sizeCounts = this.sizes.entries();
    const lengths = sizeCounts.map(([k]) => k);
    const sizes = lengths.length === 0 ? undefined : { min: Math.min(...lengths), max: Math.max(...lengths), mean: this.bytes / this.events };
    const out: JsonObject = {
      events: this.events,
      bytes: this.bytes,
      event_len: sizes ? { min: sizes.min, max: sizes.max, mean: Number(sizes.mean.toFixed(2)) } : null,
      event_len_counts: Object.fromEntries(sorted(sizeCounts, (a, b) => a - b).map(([k, n]) => [String(k), n])),
      mask_bits: Object.fromEntries(sorted(this.bits, (a, b) => a - b).map(([bit, n]) => [bitName(bit), n])),
      record_types: Object.fromEntries([...sorted(this.types.entries(), (a, b) => a - b).map(([t, n]) => [infoTypeName(t), n] as [string, number]), ...(this.withoutRecords > 0 ? [['(none)', this.withoutRecords] as [string, number]] : [])]),
      pids: Object.fromEntries(sorted(pidsByText(this.pids), comparePids)),
      errors: this.errorCount,
    };
    if (this.errors.length > 0) out['error_messages'] = [...this.errors];
    if (this.readBytes) {
      const perRead = Array.from(this.readBytes, (_, i) => this.eventsPerRead[i] ?? 0);
      const b = minMaxMean(this.readBytes);
      const e = minMaxMean(perRead);
      out['reads'] = {
        count: this.readBytes.length,
        bytes: b ? { min: b.min, max: b.max, mean: Number(b.mean.toFixed(2)) } : null,
        events: e ? { min: e.min, max: e.max, mean: Number(e.mean.toFixed(2)) } : null,
      };
    }
    return out;
  }

  /** Text for people; `sections` selects the per-value tables. */
  toText(sections: { readonly pids?: boolean; readonly sizes?: boolean } = {}): string {
    const j = this.toJSON();
    const lines: string[] = [];
    const row = (label: string, value: string): number => lines.push(`  ${label.padEnd(36)} ${value}`);
    const table = (title: string, entries: Record<string, JsonValue>): void => {
      lines.push(`${title}:`);
      const keys = Object.keys(entries);
      if (keys.length === 0) lines.push('  (none)');
      for (const k of keys) row(k, String(entries[k]));
    };
    lines.push(`events: ${this.events}`, `bytes: ${this.bytes}`);
    const len = j['event_len'] as JsonObject | null;
    if (len) lines.push(`event_len: min ${String(len['min'])}, max ${String(len['max'])}, mean ${String(len['mean'])}`);
    const reads = j['reads'] as JsonObject | undefined;
    if (reads) {
      const b = reads['bytes'] as JsonObject | null;
      const e = reads['events'] as JsonObject | null;
      lines.push(`reads: ${String(reads['count'])}` + (b && e ? ` (bytes per read min ${String(b['min'])}, max ${String(b['max'])}, mean ${String(b['mean'])}; events per read min ${String(e['min'])}, max ${String(e['max'])}, mean ${String(e['mean'])})` : ''));
    }
    table('mask bits (events with the bit set)', j['mask_bits'] as JsonObject);
    table('record types (records)', j['record_types'] as JsonObject);
    if (sections.pids) table('pids (events)', j['pids'] as JsonObject);
    if (sections.sizes) table('event sizes (event_len: events)', j['event_len_counts'] as JsonObject);
    lines.push(`errors: ${this.errorCount}`);
    for (const e of this.errors) lines.push(`  ${e}`);
    if (this.errorCount > this.errors.length) lines.push(`  … and ${this.errorCount - this.errors.length} more`);
    return lines.join('\n') + '\n';
  }
}

/** The pid counts keyed by text (a numeric pid and its text, from mixed inputs, are one pid). */
function pidsByText(pids: Iterable<[number | string, number]>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [pid, n] of pids) increment(out, String(pid), n);
  return out;
}

/** Numeric pids in numeric order, then placeholders and others as text. */
function comparePids(a: string, b: string): number {
  const na = /^-?\d+$/.test(a) ? Number(a) : NaN;
  const nb = /^-?\d+$/.test(b) ? Number(b) : NaN;
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  if (!Number.isNaN(na)) return -1;
  if (!Number.isNaN(nb)) return 1;
  return a.localeCompare(b, 'en', { numeric: true });
}
