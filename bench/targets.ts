/** The bench's targets (issue 6's live targets, issue 10's decode and CLI targets), judged on this run's figures (ratios on this machine). */
import { liveTargets } from './live/targets.js';
import type { BenchResults, DecodeRow, ShapeResult, TargetRow, Verdict } from './results.js';

/** The non-allocating read paths (walker, cursor) allocate at most this much per event (nothing per field). */
export const CURSOR_BYTES_PER_EVENT = 1;

function rate(rows: readonly DecodeRow[] | undefined, id: string): number | undefined {
  const r = rows?.find((x) => x.id === id);
  return r && !r.error && Number.isFinite(r.eventsPerSec) ? r.eventsPerSec : undefined;
}

function ratioTarget(name: string, goal: number, num: number | undefined, den: number | undefined): TargetRow {
  if (num === undefined || den === undefined) return { name, goal: `>= ${goal}x`, value: undefined, verdict: 'N/A', note: 'not measured in this run' };
  const value = num / den;
  return { name, goal: `>= ${goal}x`, value, verdict: value >= goal ? 'PASS' : 'MISS' };
}

function rateTarget(name: string, goal: number, value: number | undefined): TargetRow {
  const text = `>= ${goal / 1e6} M events/s`;
  if (value === undefined) return { name, goal: text, value: undefined, verdict: 'N/A', note: 'not measured in this run' };
  return { name, goal: text, value, verdict: value >= goal ? 'PASS' : 'MISS' };
}

/** `row` with `note` added (if any). */
function withNote(row: TargetRow, note: string | undefined): TargetRow {
  return note === undefined ? row : { ...row, note: row.note ? `${row.note}; ${note}` : note };
}

/**
 * The best ratio to `cat` any node process could reach on this file: `cat`'s whole-process time
 * over `node -e 0`'s (node starting and exiting, doing nothing).
 */
function startupBound(r: BenchResults): string | undefined {
  const cat = r.cli?.rows.find((x) => x.id === 'cat' && !x.error);
  if (!cat || !r.cli || !(r.cli.nodeNs > 0)) return undefined;
  return `bound: node -e 0 alone is ${(cat.processNs / r.cli.nodeNs).toFixed(3)}x cat`;
}

/** Issue 10's CLI targets, over whole-process time (see bench/cli-bench.ts). */
function cliTargets(r: BenchResults): TargetRow[] {
  const row = (id: string): { eventsPerSec: number; mbPerSec: number } | undefined => r.cli?.rows.find((x) => x.id === id && !x.error);
  const decode = row('cli-decode');
  return [
    rateTarget('CLI decode -> JSON Lines to /dev/null (events/s)', 1e6, decode?.eventsPerSec),
    withNote(ratioTarget('CLI decode -> JSON Lines vs cat FILE > /dev/null (MB/s)', 0.25, decode?.mbPerSec, row('cat')?.mbPerSec), startupBound(r)),
    rateTarget('CLI stats (events/s)', 5e6, row('cli-stats')?.eventsPerSec),
  ];
}


/** The smallest ratio `num/den` over the shapes, as one target row naming the worst shape. */
function shapesTarget(name: string, goal: number, shapes: readonly ShapeResult[] | undefined, num: string, den: string): TargetRow {
  const ratios = (shapes ?? []).map((s) => ({ shape: s.data.label, value: (rate(s.rows, num) ?? NaN) / (rate(s.rows, den) ?? NaN) }));
  if (ratios.length === 0 || ratios.some((x) => !Number.isFinite(x.value))) return { name, goal: `>= ${goal}x`, value: undefined, verdict: 'N/A', note: 'not measured in this run' };
  const worst = ratios.reduce((a, b) => (b.value < a.value ? b : a));
  // The consumer floor's own ratio on that shape bounds what any decoder can reach there.
  const rows = shapes?.find((s) => s.data.label === worst.shape)?.rows;
  const floor = (rate(rows, 'floor') ?? NaN) / (rate(rows, den) ?? NaN);
  const bound = Number.isFinite(floor) ? ` (consumer floor there: ${floor.toFixed(2)}x)` : '';
  return { name, goal: `>= ${goal}x`, value: worst.value, verdict: worst.value >= goal ? 'PASS' : 'MISS', note: `worst shape: ${worst.shape}${bound}` };
}

/** The cursor's own figure beside a walker target (the targets judge the package's fastest non-allocating path). */
function cursorNote(row: TargetRow, cursor: TargetRow): TargetRow {
  const value = cursor.value === undefined ? '-' : `${cursor.value.toFixed(2)}x`;
  return withNote(row, `cursor: ${value}${cursor.note ? ` (${cursor.note.replace('worst shape: ', '')})` : ''}`);
}

/** Issue 10's non-allocating read path targets, judged on the walker, with the cursor's figures as notes. */
function readPathTargets(r: BenchResults): TargetRow[] {
  const rows = r.main?.rows;
  const pair = (id: string): TargetRow[] => [
    ratioTarget(`${id} vs hand-written loop (corpus stream)`, 1.5, rate(rows, id), rate(rows, 'hand-written')),
    ratioTarget(`${id} vs strict no-allocation loop (corpus stream)`, 0.6, rate(rows, id), rate(rows, 'strict')),
    shapesTarget(`${id} vs hand-written loop (every shape)`, 1.5, r.shapes, id, 'hand-written'),
    shapesTarget(`${id} vs strict no-allocation loop (every shape)`, 0.6, r.shapes, id, 'strict'),
  ];
  const cursor = pair('cursor');
  return pair('walker').map((row, i) => cursorNote(row, cursor[i]!));
}

/** Allocation per event of the non-allocating read path (the walker; the cursor's as a note). */
function allocTarget(r: BenchResults): TargetRow {
  const name = 'walker allocation per event';
  const goal = `<= ${CURSOR_BYTES_PER_EVENT} B/event`;
  const of = (id: string) => r.alloc?.find((a) => a.id === id && !a.error && Number.isFinite(a.bytesPerEvent));
  const walker = of('walker');
  const cursor = of('cursor');
  const note = `cursor: ${cursor ? cursor.bytesPerEvent.toFixed(1) : '-'} B/event`;
  if (!walker) return { name, goal, value: undefined, verdict: 'N/A', note: 'not measured in this run' };
  return { name, goal, value: walker.bytesPerEvent, verdict: (walker.bytesPerEvent <= CURSOR_BYTES_PER_EVENT ? 'PASS' : 'MISS') as Verdict, note };
}

/** Issue 10's decode targets: the read paths, the convenient views and plain objects against the baselines of the same run. */
function decodeTargets(r: BenchResults): TargetRow[] {
  const rows = r.main?.rows;
  return [
    ...readPathTargets(r),
    ratioTarget('views (decodeEvents reuseViews) vs hand-written loop', 0.85, rate(rows, 'zero-copy'), rate(rows, 'hand-written')),
    ratioTarget('plain-object decode vs typed-binary', 5, rate(rows, 'objects'), rate(rows, 'typed-binary')),
    ratioTarget('plain-object decode vs restructure', 25, rate(rows, 'objects'), rate(rows, 'restructure')),
    allocTarget(r),
  ];
}

export function evaluateTargets(r: BenchResults): TargetRow[] {
  const out: TargetRow[] = decodeTargets(r);

  out.push(...liveTargets(r.live));
  out.push(...cliTargets(r));
  return out;
}
