/**
 * How steady the host ran during a bench. A fixed probe (integer arithmetic over a small typed
 * array, nothing allocated) is timed between the rounds of each timed section. On a steady host
 * it takes the same time at every probe. The host this bench was written on has slow spells,
 * of seconds to a minute, in which JS runs at about half speed; a probe in one takes longer.
 *
 * The report lists each section with its probes' range against the run's fastest probe, and
 * names the sections that a spell reached (a probe past `SLOW_AT` times the fastest). The
 * figures are not corrected or re-run: a verdict from such a section is printed as measured,
 * and the reader knows what it is.
 */
import { nowNs } from './timing.js';

/** A probe this many times the run's fastest marks its section as reached by a slow spell. */
export const SLOW_AT = 1.5;

/** The probe's work: passes over WORDS (about 1 ms on the bench's reference host). */
const PASSES = 150;
/** Runs per probe, of which the fastest counts: a preemption of a few ms is not a spell. */
export const PROBE_RUNS = 5;
const WORDS = new Int32Array(4096).map((_, i) => Math.imul(i + 1, 0x9e3779b1));
/** The probe's result, kept so that its loop is not optimized away. */
let sink = 0;

/**
 * The probe's work. A function of its own, with no call in it: its optimized code has all the
 * feedback it needs after one run, so it stays optimized (with the clock read inside, V8
 * deoptimized it again and again, and the probe timed the JIT, not the host).
 */
function work(seed: number): number {
  let h = seed;
  for (let pass = 0; pass < PASSES; pass++) {
    for (let i = 0; i < WORDS.length; i++) h = (Math.imul(h ^ WORDS[i]!, 0x85ebca6b) + pass) | 0;
  }
  return h;
}

/** Runs the probe's work once; returns its time in ns. */
function workNs(): number {
  const t0 = nowNs();
  sink = work(sink) & 0xffff;
  return nowNs() - t0;
}

/** One probe: the fastest of PROBE_RUNS runs of its work, ns. */
export function probeNs(): number {
  let best = Infinity;
  for (let i = 0; i < PROBE_RUNS; i++) best = Math.min(best, workNs());
  return best;
}

/** One section's probes: how many, and the slowest against the run's fastest probe. */
export interface SectionSteadiness {
  readonly section: string;
  readonly probes: number;
  readonly fastestNs: number;
  readonly slowestNs: number;
}

export interface SteadinessResult {
  /** The run's fastest probe, ns. */
  readonly fastestNs: number;
  readonly sections: readonly SectionSteadiness[];
}

/** The sections the bench probes: the CLI rows, the main stream's decode, and each shape's. */
export const PROBED = { cli: 'cli', main: 'decode: main stream', shape: (shape: string): string => `decode: ${shape}` } as const;

/** Collects the probes of a run, by section, in the order the sections ran. */
export class Steadiness {
  private readonly probes = new Map<string, number[]>();

  constructor() {
    // The first runs of the probe are unoptimized code: run them before any that counts.
    for (let i = 0; i < 30; i++) workNs();
  }

  /** Times one probe for `section`. */
  probe(section: string): void {
    const list = this.probes.get(section) ?? [];
    list.push(probeNs());
    this.probes.set(section, list);
  }

  result(): SteadinessResult {
    const sections = [...this.probes].map(([section, ns]) => ({ section, probes: ns.length, fastestNs: Math.min(...ns), slowestNs: Math.max(...ns) }));
    return { fastestNs: sections.length ? Math.min(...sections.map((s) => s.fastestNs)) : NaN, sections };
  }
}

/** Whether a slow spell reached section `s` of `r`: a probe past SLOW_AT × the run's fastest. */
function inSpell(r: SteadinessResult, s: SectionSteadiness): boolean {
  return s.slowestNs > SLOW_AT * r.fastestNs;
}

/** The sections of `r` that a slow spell reached. */
export function spellSections(r: SteadinessResult): SectionSteadiness[] {
  return r.sections.filter((s) => inSpell(r, s));
}

/** The steadiness block of the report. */
export function renderSteadiness(r: SteadinessResult): string {
  const ms = (ns: number): string => (ns / 1e6).toFixed(2);
  const spells = spellSections(r);
  const lines = [
    `HOST STEADINESS (a fixed probe between rounds; fastest ${ms(r.fastestNs)} ms; a section with a probe past ${SLOW_AT}x that ran partly in a slow spell)`,
    ...r.sections.map((s) => `  ${s.section.padEnd(22)} ${String(s.probes).padStart(3)} probes  ${ms(s.fastestNs)}-${ms(s.slowestNs)} ms  up to ${(s.slowestNs / r.fastestNs).toFixed(2)}x${inSpell(r, s) ? '  SLOW SPELL' : ''}`),
    spells.length ? `  ${spells.length} section(s) ran partly in a slow spell: their figures, and the verdicts from them, may differ on a re-run` : '  no section ran in a slow spell',
  ];
  return lines.join('\n');
}
