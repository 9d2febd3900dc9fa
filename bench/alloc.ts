/**
 * Allocation per decoder, each in a fresh child process started with --expose-gc, so no other
 * decoder's garbage or JIT state is counted. Method (printed in the footer): one untimed pass
 * over the stream (JIT, one-time code generation), two forced GCs, then decode until `events`
 * events while a v8.GCProfiler records the heap before and after every GC and a
 * PerformanceObserver counts 'gc' entries. Bytes allocated = the growth of used_heap_size
 * between GCs, summed (before-GC size minus the previous after-GC size, plus the final growth).
 * Off-heap ArrayBuffer stores (copies larger than V8's on-heap limit) are not in that figure.
 */
import { spawnSync } from 'node:child_process';
import { PerformanceObserver, constants as perf, type PerformanceEntry } from 'node:perf_hooks';
import v8 from 'node:v8';
import { Checksum } from './checksum.js';
import { datasetFromFile } from './data.js';
import { DECODERS, decoderById } from './decoders.js';
import { decodeZeroCopyScalars } from './package-decoders.js';
import { BUILT_ENTRY } from './paths.js';

export interface AllocRow {
  readonly id: string;
  readonly label: string;
  readonly events: number;
  readonly bytesPerEvent: number;
  readonly gcsPerMillion: number;
  readonly majorGcsPerMillion: number;
  readonly error?: string;
}

/** Decoders of the allocation table: the decode table's, plus one diagnostic row. */
export const ALLOC_IDS = [...DECODERS.map((d) => d.id), 'zero-copy-scalars'] as const;

const SCALARS_LABEL = 'zero-copy, scalar fields only (diagnostic)';

function decoderFor(id: string): { label: string; decode: (u8: Uint8Array, ck: Checksum) => void } {
  return id === 'zero-copy-scalars' ? { label: SCALARS_LABEL, decode: decodeZeroCopyScalars } : decoderById(id);
}

/** Child side: measures one decoder and prints one JSON line. */
export async function allocChild(id: string, file: string, target: number): Promise<void> {
  const ds = datasetFromFile('alloc', file);
  const { label, decode } = decoderFor(id);
  const warm = new Checksum();
  for (const b of ds.batches) decode(b, warm);
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('the allocation child needs --expose-gc');
  gc();
  gc();

  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  const ck = new Checksum();
  const profiler = new v8.GCProfiler();
  const start = v8.getHeapStatistics().used_heap_size;
  profiler.start();
  let events = 0;
  while (events < target) {
    for (let i = 0; i < ds.batches.length && events < target; i++) {
      decode(ds.batches[i]!, ck);
      events += ds.batchEvents[i]!;
    }
  }
  const end = v8.getHeapStatistics().used_heap_size;
  const profile = profiler.stop();
  // PerformanceObserver entries arrive asynchronously.
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();

  let allocated = 0;
  let previous = start;
  for (const s of profile.statistics as { beforeGC: { heapStatistics: { usedHeapSize: number } }; afterGC: { heapStatistics: { usedHeapSize: number } } }[]) {
    allocated += s.beforeGC.heapStatistics.usedHeapSize - previous;
    previous = s.afterGC.heapStatistics.usedHeapSize;
  }
  allocated += end - previous;
  const kind = (e: PerformanceEntry): number => (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? 0;
  const gcs = entries.length;
  const major = entries.filter((e) => kind(e) === perf.NODE_PERFORMANCE_GC_MAJOR).length;
  const row: AllocRow = { id, label, events, bytesPerEvent: allocated / events, gcsPerMillion: (gcs / events) * 1e6, majorGcsPerMillion: (major / events) * 1e6 };
  process.stdout.write(JSON.stringify(row) + '\n');
}

/** Parent side: one child per decoder. */
export function benchAlloc(file: string, target: number): AllocRow[] {
  return ALLOC_IDS.map((id) => {
    const out = spawnSync(process.execPath, ['--expose-gc', BUILT_ENTRY, '--child', 'alloc', '--decoder', id, '--file', file, '--events', String(target)], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    const line = out.stdout.trim().split('\n').pop() ?? '';
    if (out.status !== 0 || !line.startsWith('{')) {
      return { id, label: decoderFor(id).label, events: 0, bytesPerEvent: NaN, gcsPerMillion: NaN, majorGcsPerMillion: NaN, error: (out.stderr || 'no output').trim().split('\n').slice(-3).join(' ') };
    }
    return JSON.parse(line) as AllocRow;
  });
}

export const ALLOC_METHOD =
  'allocation: each decoder in a fresh `node --expose-gc` child; one untimed pass, gc() twice, then decode N events; ' +
  'bytes = sum over GCs of (used_heap_size before the GC - used_heap_size after the previous one) + final growth, ' +
  'from v8.GCProfiler (v8.getHeapStatistics at each GC); GC count from a PerformanceObserver on "gc" entries (major = mark-compact). ' +
  'Off-heap ArrayBuffer backing stores of large copies are not counted.';
