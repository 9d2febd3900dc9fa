/** Where things are: the repository root (found from this file, built or not) and the bench sources. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'fanotify-codec') return dir;
    if (path.dirname(dir) === dir) throw new Error(`no fanotify-codec package.json above ${start}`);
  }
}

/** The repository root. */
export const ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));
/** The bench sources (C files live in bench/c). */
export const BENCH_DIR = path.join(ROOT, 'bench');
/** The built bench entry, which child processes run. */
export const BUILT_ENTRY = fileURLToPath(import.meta.url);
