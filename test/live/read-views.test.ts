/**
 * The per-event consumers' views: the reader re-points the views of one read at the events of
 * the next (see `ReusedBufferIterator`), so within a read every event's view and records are its
 * own, and an event kept past the read keeps its metadata (its `byteLength` too) while its view
 * expires. Rootless: a scripted group whose reads return golden events.
 */
import { getEventListeners } from 'node:events';
import { expect, it } from 'vitest';
import { decodeEvents } from '../../src/index.js';
import type { LiveEvent } from '../../src/entries/live.js';
import type { AnyRecordSchema } from '../../src/codec/types.js';
import { concatBytes } from '../helpers/bytes.js';
import { VECTOR_1_MKDIR, VECTOR_2_RENAME } from '../helpers/golden-captures.js';
import { scriptedReads } from './support/scripted-group.js';

const READS = [concatBytes(VECTOR_2_RENAME, VECTOR_1_MKDIR), VECTOR_1_MKDIR];
const json = (views: Iterable<{ toJSON(): unknown }>): unknown[] => [...views].map((v) => v.toJSON());

it('each event of a read has its own view and records until the next read; then only its metadata lives on', async () => {
  const g = scriptedReads((i) => READS[i]);
  const kept: { event: LiveEvent<AnyRecordSchema>; view: unknown; records: unknown[] }[] = [];
  const firstRead = json(decodeEvents(READS[0]!));
  for await (const event of g.events()) {
    kept.push({ event, view: event.view, records: [...event.records()] });
    if (kept.length === 2) {
      // Both events of the first read, the first one's step over: still distinct and right.
      expect(kept[0]!.view).not.toBe(kept[1]!.view);
      expect(json([kept[0]!.view as never, kept[1]!.view as never])).toEqual(firstRead);
      expect(kept[0]!.records.some((r) => kept[1]!.records.includes(r))).toBe(false);
      expect(json(kept[0]!.records as never[])).toEqual(json([...decodeEvents(VECTOR_2_RENAME)][0]!.records()));
    }
    // The second read's event, in the first one's recycled view.
    if (kept.length === 3) expect(json([event.view])).toEqual(json(decodeEvents(VECTOR_1_MKDIR)));
  }
  expect(kept[2]!.view).toBe(kept[0]!.view);
  expect(kept.map((k) => k.event.byteLength)).toEqual([136, 92, 92]);
  expect(kept.map((k) => [k.event.mask, k.event.fd, k.event.pid])).toEqual(json(decodeEvents(concatBytes(...READS))).map((e) => [BigInt((e as { mask: string }).mask), (e as { fd: number }).fd, (e as { pid: number }).pid]));
  for (const { event } of kept.slice(0, 2)) expect(() => event.view).toThrow(expect.objectContaining({ code: 'LIVE_EVENT_EXPIRED' }));
});

it("a consumer's waits listen to its signals once, and the turn leaves no listener behind", async () => {
  const stop = new AbortController();
  const drained = new AbortController();
  // Events, then EAGAIN (a wait), five times over.
  const g = scriptedReads((i) => (i >= 10 ? undefined : i % 2 === 0 ? VECTOR_1_MKDIR : null));
  const counts: number[][] = [];
  for await (const _event of g.events({ signal: stop.signal, untilDrained: drained.signal })) {
    counts.push([getEventListeners(stop.signal, 'abort').length, getEventListeners(drained.signal, 'abort').length]);
  }
  expect(g.stats.reads).toBe(5);
  // The iterator's own abort listener and the waits' one; never one per wait.
  expect(counts).toEqual([[1, 0], ...Array.from({ length: 4 }, () => [2, 1])]);
  expect([getEventListeners(stop.signal, 'abort').length, getEventListeners(drained.signal, 'abort').length]).toEqual([0, 0]);
});

it('a signal aborted while the consumer waits still ends the wait (after earlier waits)', async () => {
  const stop = new AbortController();
  // Two reads with a wait between, then EAGAIN for good: the consumer waits until aborted.
  const g = scriptedReads((i) => (i === 0 || i === 2 ? VECTOR_1_MKDIR : null));
  let n = 0;
  const consuming = (async () => {
    for await (const _event of g.events({ signal: stop.signal })) n++;
  })();
  await new Promise((resolve) => setTimeout(resolve, 30));
  expect(n).toBe(2);
  stop.abort(new Error('stopped'));
  await expect(consuming).rejects.toThrow('stopped');
  expect(getEventListeners(stop.signal, 'abort')).toHaveLength(0);
  g.close();
});
