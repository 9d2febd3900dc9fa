/**
 * Decode throughput: every decoder over the same batches, touching every field. Method: one full
 * pass per decoder first (its checksum, and its speed, which sets its sample), more warm-up
 * passes, then `reps` timed repetitions with the decoders interleaved and the starting decoder
 * rotated each time; each timed run is preceded by a GC. The median is reported. A decoder too
 * slow to go over all batches within the per-run budget is timed over an evenly spread sample of
 * the batches (every k-th), shown in the "sample" column.
 */
import { spawnSync } from 'node:child_process';
import { Checksum } from './checksum.js';
import type { Dataset } from './data.js';
import { DECODERS, type Decoder, type DecoderId } from './decoders.js';
import { median, nowNs, rotate, settle } from './timing.js';

export interface DecodeConfig {
  readonly warmup: number;
  readonly reps: number;
  /** Time one timed run of one decoder may take, in ns (sets the sample). */
  readonly budgetNs: number;
}

export interface DecodeRow {
  readonly id: DecoderId | 'c';
  readonly label: string;
  readonly eventsPerSec: number;
  readonly mbPerSec: number;
  readonly medianNs: number;
  readonly reps: number;
  /** Share of the dataset each timed run decodes (1 = all of it). */
  readonly sample: number;
  /** Over the whole dataset. */
  readonly checksum: string;
  readonly error?: string;
}

interface Contender {
  readonly id: DecoderId | 'c';
  readonly label: string;
  /** Returns nanoseconds for one timed run; sets `checksum` on the full pass. */
  run(full: boolean): number;
  checksum: string;
  events: number;
  bytes: number;
  error?: string;
  readonly times: number[];
  /** After the full pass: narrow the timed runs to a sample that fits `budget`. */
  sampleFor?(ns: number, budget: number): void;
}

function jsContender(decoder: Decoder, ds: Dataset): Contender {
  let sample: Uint8Array[] = [...ds.batches];
  const c: Contender = {
    id: decoder.id,
    label: decoder.label,
    checksum: '',
    events: ds.events,
    bytes: ds.bytes.length,
    times: [],
    sampleFor(ns, budget) {
      const k = Math.max(1, Math.ceil(ns / budget));
      sample = ds.batches.filter((_, i) => i % k === 0);
      c.events = ds.batchEvents.filter((_, i) => i % k === 0).reduce((a, b) => a + b, 0);
      c.bytes = sample.reduce((a, b) => a + b.length, 0);
    },
    run(full) {
      const batches = full ? ds.batches : sample;
      const ck = new Checksum();
      settle();
      const t0 = nowNs();
      for (let i = 0; i < batches.length; i++) decoder.decode(batches[i]!, ck);
      const ns = nowNs() - t0;
      if (full) c.checksum = ck.digest();
      return ns;
    },
  };
  return c;
}

function cContender(binary: string, file: string, ds: Dataset): Contender {
  const c: Contender = {
    id: 'c',
    label: 'C loop (gcc -O2)',
    checksum: '',
    events: ds.events,
    bytes: ds.bytes.length,
    times: [],
    run() {
      // One untimed walk, then one timed walk, timed inside the C program.
      const out = spawnSync(binary, [file, '1', '1'], { encoding: 'utf8' });
      if (out.status !== 0) throw new Error(`C decode loop failed: ${out.stderr || out.error?.message}`);
      const line = JSON.parse(out.stdout.trim().split('\n').pop()!) as { ns: number; checksum: string };
      c.checksum = line.checksum;
      return line.ns;
    },
  };
  return c;
}

/** Optional parts of a decode section: a subset of the decoders, and a call before and after each round of repetitions. */
export interface DecodeHooks {
  readonly only?: readonly DecoderId[];
  /** Called before the first timed round and after each (the run's steadiness probe). */
  readonly between?: () => void;
}

export function benchDecode(ds: Dataset, file: string, cfg: DecodeConfig, cBinary: string | undefined, hooks: DecodeHooks = {}): DecodeRow[] {
  const { only, between } = hooks;
  const contenders: Contender[] = DECODERS.filter((d) => !only || only.includes(d.id)).map((d) => jsContender(d, ds));
  if (cBinary) contenders.push(cContender(cBinary, file, ds));
  for (const c of contenders) {
    try {
      const ns = c.run(true);
      c.sampleFor?.(ns, cfg.budgetNs);
      for (let i = 1; i < cfg.warmup; i++) c.run(false);
    } catch (error) {
      c.error = (error as Error).message;
    }
  }
  const live = contenders.filter((c) => !c.error);
  between?.();
  for (let rep = 0; rep < cfg.reps; rep++) {
    for (const c of rotate(live, rep)) c.times.push(c.run(false));
    between?.();
  }
  return contenders.map((c): DecodeRow => {
    const ns = c.times.length ? median(c.times) : NaN;
    return {
      id: c.id,
      label: c.label,
      eventsPerSec: (c.events / ns) * 1e9,
      mbPerSec: (c.bytes / ns) * 1e3,
      medianNs: ns,
      reps: c.times.length,
      sample: c.bytes / ds.bytes.length,
      checksum: c.checksum,
      ...(c.error !== undefined ? { error: c.error } : {}),
    };
  });
}
