/**
 * Coverage feedback from V8's own block coverage (the inspector's precise coverage, in process):
 * the fuzzer keeps an input when it executes a block, or a block a number of times (in
 * power-of-two buckets, as AFL counts loop iterations), that no earlier input did. Only scripts
 * whose URL passes the filter count, so the fuzzer's own code adds no noise.
 */
import { Session } from 'node:inspector';

interface Range {
  readonly startOffset: number;
  readonly endOffset: number;
  readonly count: number;
}
interface ScriptCoverage {
  readonly scriptId: string;
  readonly url: string;
  readonly functions: readonly { readonly ranges: readonly Range[] }[];
}

/** log2 bucket of a hit count: 0, 1, 2, 3–4, 5–8, … so loop trip counts matter, roughly. */
function bucket(count: number): number {
  return 32 - Math.clz32(count);
}

/** A feature without its hit-count bucket: whether the block ran at all. */
function coarseOf(feature: string): string {
  return feature.replace(/:\d+$/, '');
}

/** Block coverage of the scripts `include` accepts, as a growing set of features. */
export class CoverageFeedback {
  private readonly session = new Session();
  private readonly seen = new Set<string>();
  /** Every block V8 ever listed, per function (`scriptId:functionStart`). */
  private readonly blocks = new Map<string, Map<string, readonly [number, number]>>();
  // Ran-or-not per block: what a batch of inputs can be judged by (its summed counts say nothing about any one input).
  private readonly seenCoarse = new Set<string>();

  constructor(private readonly include: (url: string) => boolean) {
    this.session.connect();
    this.post('Profiler.enable');
    this.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
  }

  /** Number of distinct features seen so far. */
  get size(): number {
    return this.seen.size;
  }

  // The in-process session answers synchronously, so the fuzz loop needs no awaits here.
  private post(method: string, params?: object): unknown {
    let result: unknown;
    let failure: Error | null = null;
    this.session.post(method, params ?? {}, (error, value) => {
      failure = error;
      result = value;
    });
    if (failure) throw failure;
    return result;
  }

  /**
   * Features executed since the last call (counters reset on each call): one per block that
   * ran, with its hit-count bucket. V8 lists a block only where its count differs from the
   * enclosing range, so each block ever listed is remembered and, when not listed, takes the
   * count of the innermost listed range around it. That makes features per block, whatever the
   * mix of inputs: a batch ran a block exactly when one of its inputs did.
   */
  private take(): string[] {
    const { result } = this.post('Profiler.takePreciseCoverage') as { result: ScriptCoverage[] };
    const features: string[] = [];
    for (const script of result) {
      if (!this.include(script.url)) continue;
      for (const fn of script.functions) if (fn.ranges[0] && fn.ranges[0].count > 0) this.blocksOf(script.scriptId, fn.ranges, features);
    }
    return features;
  }

  private blocksOf(scriptId: string, ranges: readonly Range[], out: string[]): void {
    const key = `${scriptId}:${ranges[0]!.startOffset}`;
    let blocks = this.blocks.get(key);
    if (!blocks) this.blocks.set(key, (blocks = new Map()));
    for (const r of ranges) if (!blocks.has(`${r.startOffset}:${r.endOffset}`)) blocks.set(`${r.startOffset}:${r.endOffset}`, [r.startOffset, r.endOffset]);
    for (const [id, [start, end]] of blocks) {
      let count = 0;
      let width = Infinity;
      for (const r of ranges) {
        if (r.startOffset <= start && r.endOffset >= end && r.endOffset - r.startOffset < width) {
          width = r.endOffset - r.startOffset;
          count = r.count;
        }
      }
      if (count > 0) out.push(`${key}:${id}:${bucket(count)}`);
    }
  }

  /** Discards what ran since the last call (the fuzzer's own set-up). */
  reset(): void {
    this.take();
  }

  /**
   * The features that ran since the last call and were never seen (not yet added). `coarse`
   * ignores hit counts: for a batch of inputs, whose counts are sums.
   */
  takeNew(coarse = false): Set<string> {
    const fresh = new Set<string>();
    for (const feature of this.take()) if (coarse ? !this.seenCoarse.has(coarseOf(feature)) : !this.seen.has(feature)) fresh.add(feature);
    return fresh;
  }

  /** Records features as seen. */
  add(features: Iterable<string>): void {
    for (const feature of features) {
      this.seen.add(feature);
      this.seenCoarse.add(coarseOf(feature));
    }
  }

  /** Stops collecting. */
  close(): void {
    this.post('Profiler.stopPreciseCoverage');
    this.session.disconnect();
  }
}
