// An event keeps its mask as two 32-bit words and makes the bigint only when `mask` is asked
// for. Rootless (the scripted group replays a capture whose masks are rewritten here): the
// bigint must equal the view's for masks with bits in both words, through the per-event API
// and the batch flyweight, and an event kept past its step keeps its own mask after the buffer
// was overwritten by a read with other masks.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { hostByteOrder } from '../../src/codec/byte-order.js';
import { decodeEvents } from '../../src/index.js';
import type { LiveEvent } from '../../src/entries/live.js';
import type { AnyRecordSchema } from '../../src/codec/types.js';
import { scriptedGroup } from './support/scripted-group.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const capture = readFileSync(path.join(root, 'corpus/ext4/many-events/capture.bin'));
const LITTLE = hostByteOrder === 'little';

/** A copy of the capture whose i-th event has mask `masks(i)` (the kernel's host byte order). */
function withMasks(masks: (i: number) => bigint): Uint8Array {
  const bytes = Uint8Array.from(capture);
  const dv = new DataView(bytes.buffer);
  let i = 0;
  for (let offset = 0; offset < bytes.byteLength; offset += dv.getUint32(offset, LITTLE)) dv.setBigUint64(offset + 8, masks(i++), LITTLE);
  return bytes;
}

// A different high word and low word per event; FAN_CREATE stays set so the records still fit.
const maskOf = (i: number): bigint => (BigInt(0x80000001 + i * 0x10001) << 32n) | 0x100n | (BigInt(i & 0xff) << 12n);
const expected = [...decodeEvents(withMasks(maskOf))].map((view) => view.mask);

it('the per-event API: each mask equals the view’s, also after a later read overwrote the bytes', async () => {
  expect(expected.length).toBeGreaterThan(100);
  const g = scriptedGroup(withMasks(maskOf), 2);
  const kept: LiveEvent<AnyRecordSchema>[] = [];
  const fromViews: bigint[] = [];
  for await (const event of g.events()) {
    fromViews.push(event.view.mask);
    if (kept.length < expected.length) kept.push(event);
  }
  // The second read (the same bytes) overwrote the buffer the kept events were read into.
  expect(fromViews).toEqual([...expected, ...expected]);
  expect(kept.map((event) => event.mask)).toEqual(expected);
  expect(kept[0]!.mask >> 32n).toBe(0x80000001n);
});

it('the batch flyweight: each mask equals the view’s, re-pointed event after event', async () => {
  const g = scriptedGroup(withMasks(maskOf), 1);
  const masks: bigint[] = [];
  for await (const batch of g.batches()) for (const event of batch) masks.push(event.mask);
  expect(masks).toEqual(expected);
});
