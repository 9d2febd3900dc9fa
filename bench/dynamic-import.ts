/**
 * Parts of the package still being written (src/model, src/live) cannot be imported statically:
 * the bench bundle would not build while they are missing. This builds such a module with tsup
 * when its source exists, next to the bench bundle (so it still finds the package root), and
 * returns the built file, or undefined when the source is not there.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BENCH_DIR, ROOT } from './paths.js';

export function buildSourceModule(source: string, name: string): string | undefined {
  const entry = path.join(ROOT, source);
  if (!existsSync(entry)) return undefined;
  const outDir = path.join(BENCH_DIR, 'out', 'dynamic', name);
  try {
    execFileSync(path.join(ROOT, 'node_modules', '.bin', 'tsup'), [entry, '--no-config', '--format', 'esm', '--target', 'node20', '--out-dir', outDir, '--silent'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const e = error as { stderr?: Buffer; message: string };
    throw new Error(`building ${source} failed: ${(e.stderr?.toString() || e.message).trim().split('\n').slice(-3).join(' ')}`);
  }
  return path.join(outDir, `${path.basename(source, '.ts')}.js`);
}

export async function importBuilt(file: string): Promise<Record<string, unknown>> {
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
}
