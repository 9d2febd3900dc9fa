/**
 * The CLI bundled into one JavaScript file for child-process tests (real signals, pipes, memory
 * limits). Bundled under the package's temp/ directory so the addon loader still finds the
 * package root; `dispose()` removes it.
 */
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A bundled entry point. */
export interface Bundle {
  /** The bundle's path (run it with `node`). */
  readonly file: string;
  /** Removes the bundle's directory. */
  dispose(): void;
}

/** Bundles `entry` (relative to the package root; default the CLI). */
export async function bundleEntry(entry = 'src/cli/main.ts', name = 'cli'): Promise<Bundle> {
  mkdirSync(path.join(PACKAGE_ROOT, 'temp'), { recursive: true });
  const dir = mkdtempSync(path.join(PACKAGE_ROOT, 'temp', 'test-cli-'));
  const file = path.join(dir, `${name}.mjs`);
  try {
    await build({ entryPoints: [path.join(PACKAGE_ROOT, entry)], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: file, logLevel: 'warning' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { file, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
