/**
 * Allocation bounds of decoding. The measurement runs in a child process (see probe.ts for the
 * method): the probe is bundled from the current sources and run (test/helpers/allocation-probe.ts) with
 * `node --expose-gc` and a fixed 128 MiB young generation, so no GC falls inside a measured loop
 * and the heap growth over the loop is exactly what the loop allocated.
 *
 * The bounds are allocation per event, not time: speed targets live in the benchmarks.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAllocationProbe } from '../../helpers/allocation-probe.js';

interface Measurement {
  readonly events: number;
  readonly bytesPerEvent: number;
  readonly gcsDuringMeasurement: number;
}
interface ProbeResult {
  readonly reuseEveryField: Measurement;
  readonly reuseScalarsOnly: Measurement;
  readonly validateOnly: Measurement;
  readonly cursorEveryField: Measurement;
  readonly freshOneRecord: Measurement;
  readonly freshFourRecords: Measurement;
}

const here = path.dirname(fileURLToPath(import.meta.url));
let result: ProbeResult;

beforeAll(async () => {
  result = await runAllocationProbe<ProbeResult>(path.join(here, 'probe.ts'));
  console.info('allocation (bytes/event):', Object.fromEntries(Object.entries(result).filter(([k]) => k !== 'sink').map(([k, m]) => [k, (m as Measurement).bytesPerEvent.toFixed(1)])));
});

function valid(m: Measurement): Measurement {
  expect(m.gcsDuringMeasurement, 'a GC ran inside the measured loop, so the heap delta is not the allocation').toBe(0);
  return m;
}

describe('flyweight mode (reuseViews)', () => {
  it('iterating events and records and reading scalar fields allocates (almost) nothing per event', () => {
    // The iteration itself must not allocate: only a few bytes per event of noise are tolerated.
    expect(valid(result.reuseScalarsOnly).bytesPerEvent).toBeLessThan(8);
  });

  it('touching every non-byte field stays under a small constant per event', () => {
    // What remains are the values that are heap objects by nature: the bigint mask and 64-bit
    // record fields, and the fsid arrays (3 records per event here).
    expect(valid(result.reuseEveryField).bytesPerEvent).toBeLessThan(320);
  });

  it('strict validation allocates nothing per event', () => {
    expect(valid(result.validateOnly).bytesPerEvent).toBeLessThan(8);
  });
});

describe('cursor', () => {
  it('reading every field of every event and record allocates under 1 byte per event', () => {
    expect(valid(result.cursorEveryField).bytesPerEvent).toBeLessThan(1);
  });
});

describe('fresh views', () => {
  it('allocate a bounded number of objects per event and per record', () => {
    const one = valid(result.freshOneRecord).bytesPerEvent;
    const four = valid(result.freshFourRecords).bytesPerEvent;
    const perRecord = (four - one) / 3;
    // Per event: the event view, its record iterator, the iterator results (~400-700 bytes
    // measured); per record: one record view, its tail-offset array and an iterator result
    // (~150 bytes measured). Growth must be linear in the records, with small constants.
    expect(one).toBeLessThan(1024);
    expect(perRecord).toBeGreaterThan(0);
    expect(perRecord).toBeLessThan(256);
  });
});
