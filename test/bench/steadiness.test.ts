/**
 * The bench's steadiness probe (bench/steadiness.ts): a section is reported as reached by a slow
 * spell when one of its probes ran past SLOW_AT times the run's fastest probe, and only then.
 */
import { expect, it } from 'vitest';
import { renderSteadiness, SLOW_AT, spellSections, Steadiness, type SteadinessResult } from '../../bench/steadiness.js';

const run = (sections: [string, number[]][]): SteadinessResult => {
  const all = sections.flatMap(([, ns]) => ns);
  return { fastestNs: Math.min(...all), sections: sections.map(([section, ns]) => ({ section, probes: ns.length, fastestNs: Math.min(...ns), slowestNs: Math.max(...ns) })) };
};

it('names the sections with a probe past SLOW_AT times the fastest, and no other', () => {
  const r = run([
    ['cli', [1e6, 1.4e6]],
    ['decode: main stream', [1e6, SLOW_AT * 1e6 + 1]],
    ['decode: pidfd', [1.2e6, SLOW_AT * 1e6]],
  ]);
  expect(spellSections(r).map((s) => s.section)).toEqual(['decode: main stream']);
  const text = renderSteadiness(r);
  expect(text).toContain(`up to ${SLOW_AT.toFixed(2)}x  SLOW SPELL`);
  expect(text.split('\n').filter((l) => l.includes('SLOW SPELL')).map((l) => l.trim().split('  ')[0])).toEqual(['decode: main stream']);
  expect(text).not.toMatch(/decode: pidfd .*SLOW SPELL/);
  expect(text).toContain('1 section(s) ran partly in a slow spell');
  expect(renderSteadiness(run([['cli', [1e6, SLOW_AT * 1e6]]]))).toContain('no section ran in a slow spell');
});

it('collects probes by section, in the order the sections ran', () => {
  const s = new Steadiness();
  for (const section of ['cli', 'decode: main stream', 'cli']) s.probe(section);
  const r = s.result();
  expect(r.sections.map((x) => [x.section, x.probes])).toEqual([
    ['cli', 2],
    ['decode: main stream', 1],
  ]);
  expect(r.fastestNs).toBe(Math.min(...r.sections.map((x) => x.fastestNs)));
  expect(r.fastestNs).toBeGreaterThan(0);
});
