/**
 * Allocation probe of the live consumers, run by batch-allocation.test.ts in a child
 * `node --expose-gc` with a 128 MiB young generation (no GC inside a measured run). The group
 * is the real group implementation over a scripted binding whose reads copy a real capture
 * (corpus/ext4/many-events: 300 DFID_NAME events, 18.8 KB) into the read buffer, so only the
 * package's code allocates.
 *
 * Per-event allocation is the slope: the same number of reads, each with 300 events, then each
 * with 600 (the capture twice); (heap growth B - heap growth A) / (reads × 300). The per-read
 * cost (promises, the batch object, the decoder's iterator) cancels out.
 *
 * Prints one JSON object on stdout: bytes per event of each consumer, and `protocol`: what one
 * step of a trivial `for await` allocates in the same process (V8's own share of `forAwait`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import type { FanotifyGroupImpl } from '../../../src/live/group.js';
import { scriptedGroup } from '../support/scripted-group.js';

declare const gc: () => void;

const gcTimes: number[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcTimes.push(entry.startTime);
}).observe({ entryTypes: ['gc'] });

const corpus = path.resolve(process.argv[2]!, 'corpus/ext4/many-events');
const sidecar = JSON.parse(readFileSync(path.join(corpus, 'capture.json'), 'utf8')) as { totals: { events: number } };
const capture = readFileSync(path.join(corpus, 'capture.bin'));

type Consumer = (group: FanotifyGroupImpl) => Promise<number>;

/**
 * Reads per run: as many as fit the young generation at what each consumer allocates (the more
 * events, the less a one-off such as optimized code weighs per event).
 */
const READS: Record<string, number> = { batches: 1000, consume: 100, forAwait: 60 };

const CONSUMERS: Record<string, Consumer> = {
  batches: async (g) => {
    let n = 0;
    await g.consumeBatches((batch) => {
      for (const event of batch) if (event.fd === -1) n++;
    });
    return n;
  },
  consume: async (g) => {
    let n = 0;
    await g.consume((event) => {
      if (event.fd === -1) n++;
    });
    return n;
  },
  forAwait: async (g) => {
    let n = 0;
    for await (const event of g) if (event.fd === -1) n++;
    return n;
  },
};

/** Heap growth of one run (smallest of three after warm-up); NaN if a GC fell inside. */
async function growth(consumer: Consumer, bytes: Uint8Array, reads: number, events: number): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) await consumer(scriptedGroup(bytes, reads));
  for (let i = 0; i < 5; i++) {
    gc();
    gc();
    const t0 = performance.now();
    const before = process.memoryUsage().heapUsed;
    const n = await consumer(scriptedGroup(bytes, reads));
    const after = process.memoryUsage().heapUsed;
    if (n !== events) throw new Error(`consumed ${n} events, expected ${events}`);
    runs.push(gcTimes.some((t) => t >= t0) ? NaN : after - before);
  }
  return Math.min(...runs.filter((r) => !Number.isNaN(r)));
}

const perEvent = sidecar.totals.events;
const twice = new Uint8Array(capture.byteLength * 2);
twice.set(capture, 0);
twice.set(capture, capture.byteLength);
const result: Record<string, number> = {};
for (const [name, consumer] of Object.entries(CONSUMERS)) {
  const reads = READS[name]!;
  const a = await growth(consumer, capture, reads, reads * perEvent);
  const b = await growth(consumer, twice, reads, reads * perEvent * 2);
  result[name] = (b - a) / (reads * perEvent);
}

/**
 * What V8 itself allocates per `for await` step (the promise, the result and the await's own
 * objects): a trivial async iterator over an existing object, `next()` as the group's fast path
 * (`Promise.resolve` of a fresh result). The per-event iterator should add nothing to it.
 */
async function protocolStep(): Promise<number> {
  const steps = 60_000;
  const value = { n: 1 };
  const iterable = (): AsyncIterable<{ n: number }> => ({
    [Symbol.asyncIterator]: () => {
      let i = 0;
      return { next: () => Promise.resolve(i++ < steps ? { done: false, value } : { done: true, value: undefined }) } as AsyncIterator<{ n: number }>;
    },
  });
  const run = async (): Promise<number> => {
    let n = 0;
    for await (const v of iterable()) n += v.n;
    return n;
  };
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) await run();
  for (let i = 0; i < 5; i++) {
    gc();
    gc();
    const t0 = performance.now();
    const before = process.memoryUsage().heapUsed;
    const n = await run();
    const after = process.memoryUsage().heapUsed;
    if (n !== steps) throw new Error(`stepped ${n} times, expected ${steps}`);
    runs.push(gcTimes.some((t) => t >= t0) ? NaN : (after - before) / steps);
  }
  return Math.min(...runs.filter((r) => !Number.isNaN(r)));
}
result['protocol'] = await protocolStep();
process.stdout.write(JSON.stringify(result) + '\n');
