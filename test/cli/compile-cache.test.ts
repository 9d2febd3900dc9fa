/**
 * The CLI turns on Node's on-disk compile cache where Node has one (22.3+): the command modules
 * it loads are cached in Node's default directory, os.tmpdir()/node-compile-cache (TMPDIR here,
 * so that no NODE_COMPILE_CACHE turns the cache on by itself), never inside the package; a
 * cached run prints the same bytes, and NODE_DISABLE_COMPILE_CACHE=1 turns it off. On Node 20
 * (no `module.enableCompileCache`) nothing is written.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PACKAGE_ROOT } from './support/cli-bundle.js';

/** Whether this Node has the compile cache the CLI asks for (and getBuiltinModule, through which it asks). */
const HAS_COMPILE_CACHE = typeof process.getBuiltinModule === 'function' && typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function';
const INPUT = path.join(PACKAGE_ROOT, 'corpus/vectors/valid/dfid-name-json-escapes.bin');

let dist = '';
let caches = '';

beforeAll(async () => {
  // Split like the published build (commands loaded by import()), under temp/ so the package root is found.
  mkdirSync(path.join(PACKAGE_ROOT, 'temp'), { recursive: true });
  dist = mkdtempSync(path.join(PACKAGE_ROOT, 'temp', 'test-cli-split-'));
  caches = mkdtempSync(path.join(tmpdir(), 'fanotify-compile-cache-'));
  await build({ entryPoints: { cli: path.join(PACKAGE_ROOT, 'src/cli/main.ts') }, bundle: true, splitting: true, platform: 'node', format: 'esm', target: 'node20', outdir: dist, logLevel: 'warning' });
}, 60_000);

afterAll(() => {
  rmSync(dist, { recursive: true, force: true });
  rmSync(caches, { recursive: true, force: true });
});

/** Files under `dir` (none when it does not exist). */
function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name);
  } catch {
    return [];
  }
}

/** `stats --json` of the one-event input, run with `TMPDIR=tmp` and `extra` in the environment. */
function stats(tmp: string, extra: Record<string, string> = {}): string {
  mkdirSync(tmp, { recursive: true });
  const { NODE_COMPILE_CACHE: _a, NODE_DISABLE_COMPILE_CACHE: _b, ...env } = process.env;
  return execFileSync(process.execPath, [path.join(dist, 'cli.js'), 'stats', '--json', INPUT], { env: { ...env, TMPDIR: tmp, ...extra }, encoding: 'utf8' });
}

it('caches the command modules in os.tmpdir() where Node can, and prints the same bytes from the cache', () => {
  const tmp = path.join(caches, 'on');
  const first = stats(tmp);
  expect(JSON.parse(first).events).toBe(1);
  expect(filesUnder(path.join(tmp, 'node-compile-cache')).length > 0).toBe(HAS_COMPILE_CACHE);
  expect(stats(tmp)).toBe(first);
  expect(filesUnder(dist).filter((f) => !f.endsWith('.js'))).toEqual([]);
});

it('writes nothing under NODE_DISABLE_COMPILE_CACHE=1', () => {
  const tmp = path.join(caches, 'off');
  expect(JSON.parse(stats(tmp, { NODE_DISABLE_COMPILE_CACHE: '1' })).events).toBe(1);
  expect(filesUnder(tmp)).toEqual([]);
});
