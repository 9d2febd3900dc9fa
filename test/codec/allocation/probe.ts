/**
 * Allocation probe, run by allocation.test.ts in a child `node --expose-gc` with a young
 * generation large enough that no garbage collection happens while a loop is measured.
 *
 * Method: warm the loop up (so it runs optimized), collect garbage twice, read
 * `process.memoryUsage().heapUsed`, run the loop once over N events, read it again. With no GC in
 * between, the difference is every byte allocated on the V8 heap by the loop (short-lived objects
 * included), so difference / N is the allocation per event; the smallest of three runs is kept. A PerformanceObserver counts GCs in
 * the window; a measurement with a GC in it is reported as invalid rather than trusted.
 *
 * Prints one JSON object on stdout.
 */
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { decodeEvents, encodeEvents, eventCursor, validateEvents, type EventView } from '../../../src/index.js';
import type { KernelEventInput, KernelRecordInput } from '../../helpers/expected-value.js';

declare const gc: () => void;

const gcTimes: number[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcTimes.push(entry.startTime);
}).observe({ entryTypes: ['gc'] });

const fsid = [0x0d939ee3, -2091916051] as const;
const handle = Uint8Array.from({ length: 12 }, (_, i) => i + 1);
const RECORDS: readonly KernelRecordInput[] = [
  { type: 'dfid_name', fsid, handle_type: 1, f_handle: handle, name: 'file.txt' },
  { type: 'fid', fsid, handle_type: 1, f_handle: handle },
  { type: 'pidfd', pidfd: 7 },
  { type: 'error', error: 117, error_count: 3 },
  { type: 'range', offset: 8192n, count: 4096n },
  { type: 'mnt', mnt_id: 2147483754n },
  { type: 'unknown', info_type: 99, data: Uint8Array.of(1, 2, 3, 4) },
  { type: 'dfid', fsid, handle_type: 1, f_handle: handle },
];

/** `count` events with `recordsPerEvent` records each, cycling through every record type. */
function batch(count: number, recordsPerEvent: number): Uint8Array {
  const events: KernelEventInput[] = [];
  for (let i = 0; i < count; i++) {
    const info = Array.from({ length: recordsPerEvent }, (_, j) => RECORDS[(i + j) % RECORDS.length]!);
    events.push({ mask: 0x4000_0100n, fd: -1, pid: i, info });
  }
  return encodeEvents(events);
}

// Every non-byte field of each record type (byte views — f_handle, name, data — are subarrays, so they allocate by design).
const NUMERIC_FIELDS: Record<string, readonly string[]> = {
  fid: ['info_type', 'pad', 'len', 'fsid', 'handle_bytes', 'handle_type'],
  dfid: ['info_type', 'pad', 'len', 'fsid', 'handle_bytes', 'handle_type'],
  dfid_name: ['info_type', 'pad', 'len', 'fsid', 'handle_bytes', 'handle_type'],
  old_dfid_name: ['info_type', 'pad', 'len', 'fsid', 'handle_bytes', 'handle_type'],
  new_dfid_name: ['info_type', 'pad', 'len', 'fsid', 'handle_bytes', 'handle_type'],
  pidfd: ['info_type', 'pad', 'len', 'pidfd'],
  error: ['info_type', 'pad', 'len', 'error', 'error_count'],
  range: ['info_type', 'pad', 'len', 'range_pad', 'offset', 'count'],
  mnt: ['info_type', 'pad', 'len', 'mnt_id'],
  unknown: ['info_type', 'pad', 'len'],
};

function fold(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return value === 0n ? 0 : 1;
  if (Array.isArray(value)) return value.length;
  return 0;
}

/** Reads every metadata field and every non-byte field of every record. */
function touchEvent(ev: EventView): number {
  // Sums stay small integers (`| 0`): a sum beyond the small-integer range would be boxed as a
  // heap number on every addition and be counted against the decoder.
  let sum = (ev.event_len + ev.vers + ev.reserved + ev.metadata_len + fold(ev.mask) + ev.fd + ev.pid + ev.index + ev.byteOffset + ev.byteLength) | 0;
  for (const r of ev.records()) {
    const fields = NUMERIC_FIELDS[r.type]!;
    const view = r as unknown as Record<string, unknown>;
    for (let i = 0; i < fields.length; i++) sum = (sum + fold(view[fields[i]!])) | 0;
    sum = (sum + r.byteOffset + r.byteLength) | 0;
  }
  return sum;
}

/** Reads only scalar fields (no bigint, no array): what remains is the iteration's own cost. */
function touchScalars(ev: EventView): number {
  let sum = (ev.event_len + ev.fd + ev.pid) | 0;
  for (const r of ev.records()) sum = (sum + r.len + r.info_type) | 0;
  return sum;
}

interface Measurement {
  readonly events: number;
  readonly bytesPerEvent: number;
  readonly gcsDuringMeasurement: number;
}

let sink = 0;

/** One measured run of `loop`, after a full GC. */
async function measureOnce(bytes: Uint8Array, events: number, loop: (bytes: Uint8Array) => number): Promise<Measurement> {
  gc();
  gc();
  await new Promise((resolve) => setTimeout(resolve, 5));
  const t0 = performance.now();
  const before = process.memoryUsage().heapUsed;
  sink = (sink + loop(bytes)) | 0;
  const after = process.memoryUsage().heapUsed;
  const t1 = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 5));
  return { events, bytesPerEvent: (after - before) / events, gcsDuringMeasurement: gcTimes.filter((t) => t >= t0 && t <= t1).length };
}

/**
 * Warms `loop` up, then keeps the smallest of three measurements: a one-off (the optimizing
 * compiler installing code, which also lives on the heap) must not count as per-event cost.
 */
async function measure(bytes: Uint8Array, events: number, loop: (bytes: Uint8Array) => number): Promise<Measurement> {
  for (let i = 0; i < 5; i++) sink = (sink + loop(bytes)) | 0;
  const runs = [await measureOnce(bytes, events, loop), await measureOnce(bytes, events, loop), await measureOnce(bytes, events, loop)];
  return runs.reduce((best, m) => (m.bytesPerEvent < best.bytesPerEvent ? m : best));
}

const reuse = (touch: (ev: EventView) => number) => (bytes: Uint8Array): number => {
  let sum = 0;
  for (const ev of decodeEvents(bytes, { reuseViews: true })) sum = (sum + touch(ev)) | 0;
  return sum;
};
const fresh = (touch: (ev: EventView) => number) => (bytes: Uint8Array): number => {
  let sum = 0;
  for (const ev of decodeEvents(bytes)) sum = (sum + touch(ev)) | 0;
  return sum;
};

/** The cursor read path reading every field of every record (numbers and offsets). */
const CURSOR = eventCursor(new Uint8Array(0));
function cursorEveryField(bytes: Uint8Array): number {
  const c = CURSOR.reset(bytes);
  let sum = 0;
  while (c.nextEvent()) {
    sum = (sum + c.event_len + c.vers + c.reserved + c.metadata_len + c.mask_lo + c.mask_hi + c.fd + c.pid + c.index) | 0;
    for (let r = c.nextRecord(); r !== null; r = c.nextRecord()) {
      sum = (sum + r.info_type + r.pad + r.len) | 0;
      switch (r.type) {
        case 'fid':
        case 'dfid':
          sum = (sum + r.fsid_0 + r.fsid_1 + r.handle_bytes + r.handle_type + r.f_handle_start + r.f_handle_length) | 0;
          break;
        case 'dfid_name':
        case 'old_dfid_name':
        case 'new_dfid_name':
          sum = (sum + r.fsid_0 + r.fsid_1 + r.handle_bytes + r.handle_type + r.f_handle_start + r.f_handle_length + r.name_start + r.name_length) | 0;
          break;
        case 'pidfd':
          sum = (sum + r.pidfd) | 0;
          break;
        case 'error':
          sum = (sum + r.error + r.error_count) | 0;
          break;
        case 'range':
          sum = (sum + r.range_pad + r.offset_lo + r.offset_hi + r.count_lo + r.count_hi) | 0;
          break;
        case 'mnt':
          sum = (sum + r.mnt_id_lo + r.mnt_id_hi) | 0;
          break;
        case 'unknown':
          sum = (sum + r.data_start + r.data_length) | 0;
          break;
      }
    }
  }
  return sum;
}

/**
 * `loop` over `bytes` a read's worth at a time (whole events, up to 64 KiB, cut once per buffer),
 * as a reader calls it. One call over all the bytes runs its loop once per measured run, and on
 * Node 24 each such call started in Maglev code and went to Turbofan through on-stack replacement
 * again: 1-2 B/event of numbers boxed in the Maglev part (2026-12-05), none of it the loop's own.
 */
function perRead(loop: (bytes: Uint8Array) => number): (bytes: Uint8Array) => number {
  const reads = new Map<Uint8Array, Uint8Array[]>();
  return (bytes) => {
    let parts = reads.get(bytes);
    if (!parts) reads.set(bytes, (parts = readsOf(bytes, 64 * 1024)));
    let sum = 0;
    for (const part of parts) sum = (sum + loop(part)) | 0;
    return sum;
  };
}

/** `bytes` cut into views of whole events, each at most `size` bytes. */
function readsOf(bytes: Uint8Array, size: number): Uint8Array[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Uint8Array[] = [];
  for (let start = 0; start < bytes.length; ) {
    let end = start;
    while (end < bytes.length && end + dv.getUint32(end, true) - start <= size) end += dv.getUint32(end, true);
    parts.push(bytes.subarray(start, end));
    start = end;
  }
  return parts;
}

const N_REUSE = 100_000;
const N_FRESH = 20_000;
const N_CURSOR = 400_000;
const mixed = batch(N_REUSE, 3);
const oneRecord = batch(N_FRESH, 1);
const fourRecords = batch(N_FRESH, 4);

const result = {
  reuseEveryField: await measure(mixed, N_REUSE, reuse(touchEvent)),
  reuseScalarsOnly: await measure(mixed, N_REUSE, reuse(touchScalars)),
  validateOnly: await measure(mixed, N_REUSE, (b) => validateEvents(b)),
  // Four times the events: what V8 allocates once per run (code and feedback as it tiers up, about
  // 150 KB on Node 24, nothing on Node 20) must not read as a per-event cost at this bound.
  cursorEveryField: await measure(batch(N_CURSOR, 3), N_CURSOR, perRead(cursorEveryField)),
  freshOneRecord: await measure(oneRecord, N_FRESH, fresh(touchScalars)),
  freshFourRecords: await measure(fourRecords, N_FRESH, fresh(touchScalars)),
  sink,
};
process.stdout.write(JSON.stringify(result) + '\n');
