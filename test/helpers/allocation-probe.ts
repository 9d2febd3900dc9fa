/**
 * Runs an allocation probe (a script that measures heap growth and prints JSON) the one way the
 * allocation tests need: bundled with tsup from the current sources into a temp dir, then run in
 * a child `node --expose-gc` with a fixed 128 MiB young generation, so no GC falls inside a
 * measured loop and the heap growth over a loop is exactly what the loop allocated.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'tsup';

/** Bundles `probeFile`, runs it with `args`, removes the temp dir and returns its parsed stdout. */
export async function runAllocationProbe<T>(probeFile: string, args: readonly string[] = []): Promise<T> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fanotify-alloc-probe-'));
  try {
    await build({
      entry: { probe: probeFile },
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
    const stdout = execFileSync(process.execPath, ['--expose-gc', '--min-semi-space-size=128', '--max-semi-space-size=128', path.join(tmp, 'probe.mjs'), ...args], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    return JSON.parse(stdout) as T;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
