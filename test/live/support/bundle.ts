// Bundles a TypeScript fixture (which imports src/live) into a plain .mjs for worker threads and
// child processes, which cannot load .ts. The bundle lives under the package's temp/ directory so
// the addon loader finds the package root by walking up from it.
import { buildSync } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Cleanup } from './env.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const packageRoot = path.resolve(here, '../../..');

/** Bundles `test/live/fixtures/<name>.ts`; returns the .mjs path (removed by `cleanup`). */
export function bundleFixture(cleanup: Cleanup, name: string): string {
  // temp/ is git-ignored and missing in a fresh clone (only `npm run generate` used to make it).
  fs.mkdirSync(path.join(packageRoot, 'temp'), { recursive: true });
  const outDir = fs.mkdtempSync(path.join(packageRoot, 'temp', `live-${name}-`));
  cleanup.add(`remove ${outDir}`, () => fs.rmSync(outDir, { recursive: true, force: true }));
  const outfile = path.join(outDir, `${name}.mjs`);
  buildSync({
    entryPoints: [path.join(here, '..', 'fixtures', `${name}.ts`)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'error',
    // CommonJS dependencies bundled into ESM need a require().
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  // Readable by the unprivileged children of errors.test.ts (mkdtemp makes it 0700).
  fs.chmodSync(outDir, 0o755);
  fs.chmodSync(outfile, 0o644);
  return outfile;
}
