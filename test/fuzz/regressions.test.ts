/**
 * Every fuzz finding is a regression test: each saved input in test/fuzz/regressions/<target>/
 * runs through its target (in process, no coverage) and must only fail with the package's own
 * errors — unless it is a known open finding (known-open.ts), which must still reproduce exactly
 * (so a fix is noticed and the entry removed). Every seed of every target passes its oracles too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../export/support/corpus-files.js';
import { isKnownOpen, KNOWN_OPEN } from './known-open.js';
import { fuzzTargets } from './targets.js';

const DIR = path.join(ROOT, 'test/fuzz/regressions');
const targets = fuzzTargets(ROOT);

function saved(target: string): string[] {
  const dir = path.join(DIR, target);
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.bin')).sort() : [];
}

/** The unexpected error an input raises in its target, if any. */
async function unexpected(target: (typeof targets)[number], input: Uint8Array): Promise<Error | undefined> {
  try {
    await target.run(input);
    return undefined;
  } catch (error) {
    if (target.isExpected(error)) return undefined;
    return error instanceof Error ? error : new Error(String(error));
  }
}

it('regression inputs exist only for real targets, and every known open finding has its inputs', () => {
  const names = new Set(targets.map((t) => t.name));
  for (const dir of fs.readdirSync(DIR)) expect(names.has(dir), dir).toBe(true);
  for (const known of KNOWN_OPEN) for (const input of known.inputs) expect(saved(known.target), `${known.target}/${input}`).toContain(input);
});

describe.each(targets.map((t) => [t.name, t] as const))('%s', (name, target) => {
  it.each(saved(name).map((f) => [f] as const))('regression %s', async (file) => {
    const input = new Uint8Array(fs.readFileSync(path.join(DIR, name, file)));
    const error = await unexpected(target, input);
    const known = KNOWN_OPEN.find((k) => k.target === name && k.inputs.includes(file));
    if (known) {
      // Still open: it must still fail the way known-open.ts says (a fix makes this fail: remove the entry).
      expect(error && isKnownOpen({ target: name, name: error.name, message: error.message }), `${file} no longer reproduces: ${known.reason}`).toBe(true);
    } else {
      expect(error).toBeUndefined();
    }
  });

  it('every seed passes the oracles', async () => {
    const seeds = target.seeds();
    expect(seeds.length).toBeGreaterThan(0);
    const failures: string[] = [];
    for (const seed of seeds) {
      const error = await unexpected(target, seed);
      if (error) failures.push(`${error.name}: ${error.message}`);
    }
    expect(failures).toEqual([]);
  });
});
