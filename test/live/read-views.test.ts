/**
 * The per-event consumers' views: the reader re-points the views of one read at the events of
 * the next (see `ReusedBufferIterator`), so within a read every event's view and records are its
 * own, and an event kept past the read keeps its metadata (its `byteLength` too) while its view
 * expires. Rootless: a scripted group whose reads return golden events.
 */
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
