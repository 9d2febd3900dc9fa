/**
 * What the live consumers allocate per event (probe.ts has the method): the batch API's pass
 * over a read's events allocates nothing per event (its flyweight is re-pointed over the codec's
 * re-used views), while the per-event consumers make an event and a view per event. Allocation,
 * not time: speed is the benchmark's (bench/live).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { runAllocationProbe } from '../../helpers/allocation-probe.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
let perEvent: Record<'batches' | 'consume' | 'forAwait', number>;

beforeAll(async () => {
  perEvent = await runAllocationProbe<typeof perEvent>(path.join(here, 'probe.ts'), [root]);
  console.info('live allocation (bytes/event):', perEvent);
}, 150_000);

it('a batch pass allocates (next to) nothing per event', () => {
  expect(perEvent.batches).toBeLessThan(4);
});

it('the per-event consumers allocate an event and a view per event (what batches avoid)', () => {
  // A LiveEvent and a fresh view are well over 100 bytes: the probe measures what it claims to.
  expect(perEvent.consume).toBeGreaterThan(100);
  expect(perEvent.forAwait).toBeGreaterThan(perEvent.consume);
});
