/**
 * What the live consumers allocate per event (probe.ts has the method): the batch API's pass
 * over a read's events allocates nothing per event (its flyweight is re-pointed over the codec's
 * re-used views), while the per-event consumers make an event and a view per event. Allocation,
 * not time: speed is the benchmark's (bench/live).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';
import { afterAll, beforeAll, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
let tmp = '';
let perEvent: Record<'batches' | 'consume' | 'forAwait', number>;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fanotify-live-alloc-'));
  await build({
    entry: { probe: path.join(here, 'probe.ts') },
    outDir: tmp,
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    config: false,
    dts: false,
    sourcemap: false,
    splitting: false,
    silent: true,
    outExtension: () => ({ js: '.mjs' }),
  });
  const stdout = execFileSync(process.execPath, ['--expose-gc', '--min-semi-space-size=128', '--max-semi-space-size=128', path.join(tmp, 'probe.mjs'), root], { encoding: 'utf8', timeout: 120_000 });
  perEvent = JSON.parse(stdout) as typeof perEvent;
  console.info('live allocation (bytes/event):', perEvent);
}, 150_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

it('a batch pass allocates (next to) nothing per event', () => {
  expect(perEvent.batches).toBeLessThan(4);
});

it('the per-event consumers allocate an event and a view per event (what batches avoid)', () => {
  // A LiveEvent and a fresh view are well over 100 bytes: the probe measures what it claims to.
  expect(perEvent.consume).toBeGreaterThan(100);
  expect(perEvent.forAwait).toBeGreaterThan(perEvent.consume);
});
