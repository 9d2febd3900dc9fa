/**
 * What the live consumers allocate per event (probe.ts has the method): the batch API's pass
 * over a read's events allocates nothing per event (its flyweight is re-pointed over the codec's
 * re-used views), while the per-event consumers make an event per event (the reader re-points
 * the previous read's views at the new read's events), and `for await`
 * adds what V8 allocates for any async iteration step and nothing more. Allocation, not time:
 * speed is the benchmark's (bench/live).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { runAllocationProbe } from '../../helpers/allocation-probe.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
let perEvent: Record<'batches' | 'consume' | 'forAwait' | 'protocol', number>;

beforeAll(async () => {
  perEvent = await runAllocationProbe<typeof perEvent>(path.join(here, 'probe.ts'), [root]);
  console.info('live allocation (bytes/event):', perEvent);
}, 150_000);

it('a batch pass allocates (next to) nothing per event', () => {
  expect(perEvent.batches).toBeLessThan(4);
});

it('the per-event consumers allocate an event per event, and no view (the reader recycles them read by read)', () => {
  // A LiveEvent is well over 100 bytes: the probe measures what it claims to. With a fresh
  // codec view per event (184 B) on top it was 357 B.
  expect(perEvent.consume).toBeGreaterThan(100);
  expect(perEvent.consume).toBeLessThan(260);
  expect(perEvent.forAwait).toBeGreaterThan(perEvent.consume);
});

it('for await adds to consume only what any async iterator step allocates', () => {
  // The same events, handed out by the same reader: the difference is the iteration protocol,
  // which V8 allocates for a trivial iterator too (its promise, result and await). Anything the
  // iterator allocates per event on top (a closure context, a second promise) exceeds it.
  expect(perEvent.protocol).toBeGreaterThan(64);
  expect(perEvent.forAwait - perEvent.consume).toBeLessThan(perEvent.protocol + 16);
});
