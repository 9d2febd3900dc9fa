// Passes over a batch, rootless (a real group over a scripted binding). A batch the consumer did
// not iterate (it walked `batch.bytes()`, or stopped early) is still counted and settled when
// its step ends; in a group whose events own nothing (fid, notification class, no pidfd) a
// walker does that instead of a pass of live events, and these tests hold it to the pass it
// replaces: on the same reads, the same group stats, closed fds and decode error after the step.
// Passes share the read buffer's iteration one at a time: nested passes, a pass left early and a
// pass resumed after the step see what a pass of their own would.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeEvents, encodeEvents, eventWalker, FAN_CREATE, FAN_OPEN_PERM, FAN_Q_OVERFLOW, FanotifyDecodeError } from '../../src/index.js';
import type { GroupStats, LiveBatch } from '../../src/entries/live.js';
import type { AnyRecordSchema } from '../../src/codec/types.js';
import { concatBytes } from '../helpers/bytes.js';
import { scriptedReads } from './support/scripted-group.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const capture = readFileSync(path.join(root, 'corpus/ext4/many-events/capture.bin'));

const one = (mask: bigint, fd: number): Uint8Array => encodeEvents([{ mask, fd, pid: 1, info: [] }]);

/** The reads of each case (a fid group's: FAN_REPORT_DIR_FID | FAN_REPORT_NAME). */
const CASES: Record<string, Uint8Array[]> = {
  'kernel events, two reads': [capture, capture],
  'an overflow event': [concatBytes(capture, one(FAN_Q_OVERFLOW, -1))],
  'an event that owns an fd after all': [concatBytes(one(FAN_CREATE, 7), capture)],
  'an event with a permission bit': [concatBytes(capture, one(FAN_OPEN_PERM, -1))],
  'malformed bytes (the last event cut short), then a good read': [capture.subarray(0, capture.byteLength - 3), capture],
};

interface Outcome {
  readonly stats: GroupStats;
  readonly events: number;
  /** The fds the group closed, the group's own (1000) aside. */
  readonly closed: number[];
  readonly error: { code: string; offset: number } | undefined;
}

/** Consumes `reads` by batches, each iterated, or only walked (its bytes) and left to its step's end. */
async function consume(reads: Uint8Array[], iterate: boolean): Promise<Outcome> {
  const closed: number[] = [];
  const g = scriptedReads((i) => reads[i], undefined, (fd) => void (fd !== 1000 && closed.push(fd)));
  let events = 0;
  const walker = eventWalker({ event: () => void events++ });
  let error: Outcome['error'];
  try {
    for await (const batch of g.batches()) {
      if (iterate) for (const _ of batch) events++;
      else {
        try {
          walker.walk(batch.bytes());
        } catch (e) {
          if (!(e instanceof FanotifyDecodeError)) throw e;
        }
      }
    }
  } catch (e) {
    if (!(e instanceof FanotifyDecodeError)) throw e;
    error = { code: e.code, offset: e.offset };
  } finally {
    g.close();
  }
  return { stats: { ...g.stats }, events, closed, error };
}

describe('a batch left to its step end is counted as an iterated one', () => {
  for (const [name, reads] of Object.entries(CASES)) {
    it(name, async () => {
      const iterated = await consume(reads, true);
      const walked = await consume(reads, false);
      expect(walked.stats).toEqual(iterated.stats);
      expect(walked.error).toEqual(iterated.error);
      expect(walked.closed).toEqual(iterated.closed);
      expect(iterated.stats.events).toBeGreaterThan(0);
      expect(iterated.stats.delivered).toBe(iterated.stats.events);
    });
  }

  it('sees what each case is about', async () => {
    expect((await consume(CASES['an overflow event']!, false)).stats.overflows).toBe(1);
    expect((await consume(CASES['an event that owns an fd after all']!, false)).closed).toEqual([7]);
    expect((await consume(CASES['an event with a permission bit']!, false)).stats.permissionEvents).toBe(1);
    expect((await consume(CASES['malformed bytes (the last event cut short), then a good read']!, false)).error).toMatchObject({ code: expect.stringMatching(/^DECODE_/) });
  });
});

describe('passes share the read buffer\'s iteration', () => {
  const pids = (batch: Iterable<{ pid: number }>): number[] => Array.from(batch, (e) => e.pid);

  it('nested passes each see every event, and the batch is counted once', async () => {
    const g = scriptedReads((i) => (i < 2 ? capture : undefined));
    const seen: number[][] = [];
    for await (const batch of g.batches()) {
      const all = pids(batch);
      for (const outer of batch) {
        const pid = outer.pid;
        seen.push([pid, ...pids(batch)]);
      }
      expect(seen.every((row) => row.slice(1).join() === all.join())).toBe(true);
      expect(seen.map((row) => row[0])).toEqual(all);
      seen.length = 0;
    }
    const events = pids(decodeEvents(capture)).length;
    expect(g.stats).toMatchObject({ reads: 2, events: 2 * events, delivered: 2 * events });
  });

  it('a pass left early gives the iteration back: the next pass and the step end see every event', async () => {
    const g = scriptedReads((i) => (i < 1 ? capture : undefined));
    const events = pids(decodeEvents(capture));
    for await (const batch of g.batches()) {
      let n = 0;
      for (const _ of batch) if (++n === 3) break;
      expect(pids(batch)).toEqual(events);
    }
    expect(g.stats).toMatchObject({ events: events.length, delivered: events.length });
  });

  it('a pass resumed after its step refuses (LIVE_EVENT_EXPIRED), also while a later batch is passed', async () => {
    const g = scriptedReads((i) => (i < 2 ? capture : undefined));
    let kept: Iterator<{ pid: number }> | undefined;
    let first: LiveBatch<AnyRecordSchema> | undefined;
    for await (const batch of g.batches()) {
      if (first === undefined) {
        first = batch;
        kept = batch[Symbol.iterator]();
        kept.next();
        continue;
      }
      const it = batch[Symbol.iterator]();
      it.next();
      expect(() => kept!.next()).toThrow(expect.objectContaining({ code: 'LIVE_EVENT_EXPIRED' }));
      expect(pids({ [Symbol.iterator]: () => it } as Iterable<{ pid: number }>).length).toBe(pids(decodeEvents(capture)).length - 1);
    }
    expect(first!.active).toBe(false);
  });
});
