/** Compiles the C programs in bench/c with gcc -O2 into a temp dir, at run time. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { BENCH_DIR } from './paths.js';

export function compileC(name: 'decode' | 'reader' | 'storm', outDir: string): string {
  const out = path.join(outDir, name);
  execFileSync('gcc', ['-O2', '-Wall', '-Wextra', '-o', out, path.join(BENCH_DIR, 'c', `${name}.c`)], { stdio: ['ignore', 'ignore', 'pipe'] });
  return out;
}
