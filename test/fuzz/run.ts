/**
 * The fuzz runner (bundled by test/fuzz/build.mjs; `npm run test:fuzz` for the bounded CI run,
 * `npm run fuzz -- --seconds 600 --target decode-strict` for a long local one):
 *
 *   --seconds N        per target (default 35)
 *   --target NAME      only this target (repeatable; default all)
 *   --seed N           PRNG seed (default: from the clock, printed)
 *   --findings DIR     where findings are written (default temp/fuzz/findings)
 *   --corpus DIR       keep the inputs that found new coverage in DIR/<target>/ and start from them next time
 *   --self-test        fuzz a planted bug with and without coverage feedback; print the outcome as JSON
 *
 * Exit status 1 when any target had a finding (other than a known open one, test/fuzz/known-open.ts): an error other than the package's own, a broken
 * invariant, or an execution slower than 2 s. Each finding is written as <target>/<id>.bin with
 * its error in <id>.txt; copy the .bin into test/fuzz/regressions/<target>/ to make it a test.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CoverageFeedback } from './coverage.js';
import { fuzz, type FuzzStats, type FuzzTarget } from './engine.js';
import { isKnownOpen } from './known-open.js';
import { planted } from './support/planted.js';
import { fuzzTargets } from './targets.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '35' },
    target: { type: 'string', multiple: true },
    seed: { type: 'string' },
    findings: { type: 'string', default: 'temp/fuzz/findings' },
    corpus: { type: 'string' },
    'self-test': { type: 'boolean', default: false },
  },
});

/** The engine's self-test: the planted bug with feedback, then blind for as many executions. */
async function selfTest(): Promise<never> {
  const target: FuzzTarget = { name: 'planted', input: 'bytes', maxLength: 16, seeds: () => [new Uint8Array(4)], run: planted, isExpected: () => false };
  const seconds = Number(values.seconds);
  const guidedCoverage = new CoverageFeedback((url) => url.endsWith('/planted.mjs'));
  const guided = await fuzz(target, { seconds, seed: Number(values.seed ?? 7), coverage: guidedCoverage, stopAfterFindings: 1 });
  guidedCoverage.close();
  const blindCoverage = new CoverageFeedback(() => false);
  const blind = await fuzz(target, { seconds, seed: Number(values.seed ?? 7), coverage: blindCoverage, maxExecutions: guided.executions });
  blindCoverage.close();
  const summary = (s: FuzzStats) => ({ executions: s.executions, features: s.features, corpus: s.corpus, findings: s.findings.map((f) => ({ name: f.name, message: f.message, input: [...f.input] })) });
  console.log(JSON.stringify({ guided: summary(guided), blind: summary(blind) }));
  process.exit(0);
}

if (values['self-test']) await selfTest();

const root = process.cwd();
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
const all = fuzzTargets(root);
const chosen = values.target ?? all.map((t) => t.name);
const unknown = chosen.filter((n) => !all.some((t) => t.name === n));
if (unknown.length) {
  console.error(`unknown target(s) ${unknown.join(', ')}; known: ${all.map((t) => t.name).join(', ')}`);
  process.exit(2);
}

/** Adds the inputs a previous local run kept to the target's seeds. */
function withSavedCorpus(target: FuzzTarget): FuzzTarget {
  if (values.corpus === undefined) return target;
  const dir = path.join(values.corpus, target.name);
  fs.mkdirSync(dir, { recursive: true });
  const saved = () => fs.readdirSync(dir).map((f) => new Uint8Array(fs.readFileSync(path.join(dir, f))));
  return { ...target, seeds: () => [...target.seeds(), ...saved()] };
}

function keeper(target: string): ((input: Uint8Array) => void) | undefined {
  if (values.corpus === undefined) return undefined;
  const dir = path.join(values.corpus, target);
  return (input) => fs.writeFileSync(path.join(dir, `${Buffer.from(input).toString('base64url').slice(0, 24)}-${input.length}.bin`), input);
}

/** Writes the findings; returns how many are new (not known open ones). */
function writeFindings(stats: FuzzStats): number {
  let fresh = 0;
  for (const f of stats.findings) {
    const known = isKnownOpen(f);
    fresh += known ? 0 : 1;
    const dir = path.join(values.findings!, f.target);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${f.id}.bin`), f.input);
    fs.writeFileSync(path.join(dir, `${f.id}.txt`), `${f.error}\n`);
    console.error(`${known ? 'KNOWN OPEN (test/fuzz/known-open.ts)' : 'FINDING'} ${f.target} ${path.join(dir, f.id)}.bin\n${f.error}\n`);
  }
  return fresh;
}

console.log(`fuzz: seed ${seed}, ${values.seconds} s per target`);
let failed = false;
for (const name of chosen) {
  const target = withSavedCorpus(all.find((t) => t.name === name)!);
  // Only the package's bundle counts for coverage, never this runner's code; each target starts afresh.
  const coverage = new CoverageFeedback((url) => url.endsWith('/package-surface.mjs'));
  const stats = await fuzz(target, { seconds: Number(values.seconds), seed, coverage, onKeep: keeper(name) });
  coverage.close();
  console.log(
    `fuzz ${stats.target}: ${stats.executions} executions in ${stats.seconds.toFixed(1)} s (${Math.round(stats.executions / stats.seconds)}/s), ` +
      `corpus ${stats.corpus}, features ${stats.features}, findings ${stats.findings.length}`,
  );
  failed = writeFindings(stats) > 0 || failed;
}
process.exit(failed ? 1 : 0);
