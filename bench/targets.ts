/** Issue 6's targets, judged on this run's figures (ratios on this machine). */
import { liveTargets } from './live/targets.js';
import type { BenchResults, DecodeRow, TargetRow, Verdict } from './results.js';

/**
 * "Near-zero allocation per event": at most this many bytes per event — the one 24-byte heap
 * BigInt the bigint `mask` costs, and no object per record.
 */
export const NEAR_ZERO_BYTES_PER_EVENT = 32;

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

/** Issue 10's CLI targets, over whole-process time (see bench/cli-bench.ts). */
function cliTargets(r: BenchResults): TargetRow[] {
  const row = (id: string): { eventsPerSec: number; mbPerSec: number } | undefined => r.cli?.rows.find((x) => x.id === id && !x.error);
  const decode = row('cli-decode');
  return [
    rateTarget('CLI decode -> JSON Lines to /dev/null (events/s)', 1e6, decode?.eventsPerSec),
    ratioTarget('CLI decode -> JSON Lines vs cat FILE > /dev/null (MB/s)', 0.25, decode?.mbPerSec, row('cat')?.mbPerSec),
    rateTarget('CLI stats (events/s)', 5e6, row('cli-stats')?.eventsPerSec),
  ];
}

export function evaluateTargets(r: BenchResults): TargetRow[] {
  const rows = r.main?.rows;
  const out: TargetRow[] = [
    ratioTarget('zero-copy iteration vs hand-written DataView loop', 1.0, rate(rows, 'zero-copy'), rate(rows, 'hand-written')),
    ratioTarget('zero-copy iteration vs C loop', 0.3, rate(rows, 'zero-copy'), rate(rows, 'c')),
    ratioTarget('plain-object decode vs typed-binary', 10, rate(rows, 'objects'), rate(rows, 'typed-binary')),
    ratioTarget('plain-object decode vs restructure', 50, rate(rows, 'objects'), rate(rows, 'restructure')),
  ];

  const zc = r.alloc?.find((a) => a.id === 'zero-copy');
  if (!zc || zc.error || !Number.isFinite(zc.bytesPerEvent)) {
    out.push({ name: 'zero-copy allocation per event', goal: `<= ${NEAR_ZERO_BYTES_PER_EVENT} B/event`, value: undefined, verdict: 'N/A', note: 'not measured in this run' });
  } else {
    const verdict: Verdict = zc.bytesPerEvent <= NEAR_ZERO_BYTES_PER_EVENT ? 'PASS' : 'MISS';
    out.push({ name: 'zero-copy allocation per event', goal: `<= ${NEAR_ZERO_BYTES_PER_EVENT} B/event`, value: zc.bytesPerEvent, verdict });
  }

  out.push(...liveTargets(r.live));
  out.push(...cliTargets(r));
  return out;
}
