/**
 * The live targets (issue 10): each JavaScript consumer — per event and batch — at ≥ 0.9× the C
 * reader's event rate, with no overflow where the C reader has none, in a run where the storm
 * saturates the CPUs (else the reader has idle CPU to catch up with and the ratio says little).
 * The batch target judges the batch consumer that reads every field through views; the ratio of
 * the one that walks each batch's bytes with a walker is printed beside it (in the storm it reads
 * fewer events per read, so its per-read costs weigh more: over five full runs neither was
 * reliably ahead).
 */
import type { TargetRow } from '../results.js';
import type { LiveResult, LiveRow } from './live-bench.js';

/** Ratio goal against the C reader's events/s. */
export const LIVE_RATE_GOAL = 0.9;
/** Below this share of busy CPU the storm did not saturate the machine. */
export const SATURATED_CPU = 0.9;

/** The judged consumers: reader id, target name, and the reader whose ratio the note adds. */
const CONSUMERS = [
  { id: 'js', name: 'live per-event consumer', beside: undefined },
  { id: 'js-batch', name: 'live batch consumer', beside: { id: 'js-walk', label: 'batches with a walker' } },
] as const;

function usable(row: LiveRow | undefined): row is LiveRow {
  return row !== undefined && !row.error && row.runs > 0;
}

/** The rate and overflow targets of one consumer against the C reader. */
function consumerTargets(name: string, js: LiveRow | undefined, c: LiveRow | undefined, why: string, besideNote: string): TargetRow[] {
  const rate = `${name} vs C reader (events/s)`;
  const overflow = `${name}: no overflow where the C reader has none`;
  if (!usable(js) || !usable(c)) {
    const note = (js?.error ?? c?.error) || why;
    return [
      { name: rate, goal: `>= ${LIVE_RATE_GOAL}x`, value: undefined, verdict: 'N/A', note },
      { name: overflow, goal: '0 overflows', value: undefined, verdict: 'N/A', note },
    ];
  }
  const value = js.eventsPerSec / c.eventsPerSec;
  const busy = Math.min(js.cpuBusy, c.cpuBusy);
  const saturated = busy >= SATURATED_CPU;
  return [
    {
      name: rate,
      goal: `>= ${LIVE_RATE_GOAL}x`,
      value,
      verdict: !saturated ? 'N/A' : value >= LIVE_RATE_GOAL ? 'PASS' : 'MISS',
      note: (saturated ? `CPU busy ${busy.toFixed(2)} during the storms` : `storm did not saturate the CPUs (busy ${busy.toFixed(2)} < ${SATURATED_CPU})`) + besideNote,
    },
    c.overflows > 0
      ? { name: overflow, goal: '0 overflows', value: js.overflows, verdict: 'N/A', note: `the C reader overflowed too (${c.overflows}): storm too heavy to decide` }
      : { name: overflow, goal: '0 overflows', value: js.overflows, verdict: js.overflows === 0 ? 'PASS' : 'MISS' },
  ];
}

/** Every live target of this run (N/A with the reason when the section did not run). */
export function liveTargets(live: LiveResult | undefined): TargetRow[] {
  const why = live?.status === 'skipped' ? live.detail : 'not measured in this run';
  const c = live?.rows.find((x) => x.reader === 'c');
  const row = (id: string): LiveRow | undefined => live?.rows.find((x) => x.reader === id);
  return CONSUMERS.flatMap(({ id, name, beside }) => {
    const other = beside === undefined ? undefined : row(beside.id);
    const besideNote = beside === undefined ? '' : `; ${beside.label}: ${usable(other) && usable(c) ? `${(other.eventsPerSec / c.eventsPerSec).toFixed(2)}x` : '-'}`;
    return consumerTargets(name, row(id), c, why, besideNote);
  });
}
