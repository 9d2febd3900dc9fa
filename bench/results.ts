/** The shape of one bench run's results: what the table prints, and what --json writes. */
import type { AllocRow } from './alloc.js';
import type { CliResult } from './cli-bench.js';
import type { DecodeRow } from './decode-bench.js';
import type { EncodeRow } from './encode-bench.js';
import type { LiveResult } from './live/live-bench.js';
import type { ModelResult, ModelRow } from './model.js';
import type { SteadinessResult } from './steadiness.js';

export interface DatasetInfo {
  readonly label: string;
  readonly source: string;
  readonly bytes: number;
  readonly events: number;
  readonly batches: number;
}

export interface ShapeResult {
  readonly data: DatasetInfo;
  readonly rows: readonly DecodeRow[];
}

export type Verdict = 'PASS' | 'MISS' | 'N/A';

export interface TargetRow {
  readonly name: string;
  readonly goal: string;
  /** Measured value (a ratio, or bytes per event). */
  readonly value: number | undefined;
  readonly verdict: Verdict;
  readonly note?: string;
}

export interface BenchResults {
  readonly quick: boolean;
  readonly startedAt: string;
  seconds: number;
  readonly machine: { readonly node: string; readonly cpu: string; readonly cores: number; readonly kernel: string; readonly loadavg: readonly number[] };
  readonly notes: string[];
  main?: { readonly data: DatasetInfo; readonly rows: readonly DecodeRow[] };
  shapes?: ShapeResult[];
  alloc?: readonly AllocRow[];
  encode?: readonly EncodeRow[];
  model?: ModelResult;
  live?: LiveResult;
  cli?: CliResult;
  /** The host's steadiness through the timed sections (bench/steadiness.ts). */
  steadiness?: SteadinessResult;
  targets: TargetRow[];
}

export type { AllocRow, DecodeRow, EncodeRow, LiveResult, ModelResult, ModelRow };
