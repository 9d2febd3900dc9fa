/**
 * The packed tarball is lean and complete: `npm pack` (whose prepack builds the linux-x64 and the
 * cross-compiled linux-arm64 prebuilds) ships both prebuilds and every tracked example, and no
 * source maps, CommonJS CLI, build directory or test/temp files.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { HOT_COMMANDS, hotFile } from '../../tsup.config.js';

const root = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'fanotify-tarball-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let files: string[] = [];
let tarball = '';

beforeAll(() => {
  execFileSync('bash', [path.join(root, '.ci/system-deps.sh')], { stdio: 'pipe' });
  execFileSync('npm', ['pack', '--pack-destination', tmp], { cwd: root, stdio: 'pipe' });
  const name = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
  if (!name) throw new Error('npm pack wrote no tarball');
  tarball = path.join(tmp, name);
  files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((f) => f.replace(/^package\//, ''));
}, 300_000);

it('ships both prebuilds, the arm64 one built for aarch64', () => {
  expect(files).toContain('prebuilds/linux-x64/fanotify_codec.node');
  expect(files).toContain('prebuilds/linux-arm64/fanotify_codec.node');
  const unpacked = path.join(tmp, 'unpacked');
  execFileSync('mkdir', ['-p', unpacked]);
  execFileSync('tar', ['xzf', tarball, '-C', unpacked, 'package/prebuilds']);
  const archOf = (dir: string) =>
    execFileSync(process.execPath, [path.join(root, 'native/cross.mjs'), '--arch', path.join(unpacked, 'package/prebuilds', dir, 'fanotify_codec.node')], { encoding: 'utf8' }).trim();
  expect(archOf('linux-x64')).toBe('x64');
  expect(archOf('linux-arm64')).toBe('arm64');
});

it('ships every tracked example', () => {
  const examples = execFileSync('git', ['ls-files', 'examples'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
  expect(examples.length).toBeGreaterThan(0);
  expect(files.filter((f) => f.startsWith('examples/')).sort()).toEqual(examples.sort());
});

it('ships the CLI (its CommonJS bin, the bundles of the hot commands, and dist/cli.js), and no source maps, build output or development files', () => {
  expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
  expect(files).toEqual(expect.arrayContaining(['dist/cli.cjs', 'dist/cli.js', ...[...HOT_COMMANDS].map((name) => `dist/${hotFile(name).slice(2)}`)]));
  // The hot commands are built only as their CommonJS bundles.
  for (const name of HOT_COMMANDS) expect(files).not.toContain(`dist/cli/${name}.js`);
  const stray = files.filter((f) => /^(native\/build|build|temp|test|src|bench|corpus|node_modules|coverage)\//.test(f));
  expect(stray).toEqual([]);
});
