/**
 * The published package works as installed: `npm pack` (after its prepack step, which builds
 * the linux-x64 prebuild), then install the tarball into an empty project WITHOUT running
 * install scripts (as npm 12 will do by default) and use it from CommonJS and ESM — the codec,
 * the CLI, and a live group through the prebuilt addon, with no compiler involved.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'fanotify-package-'));
const project = path.join(tmp, 'project');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

beforeAll(() => {
  if (process.getuid?.() !== 0) throw new Error('this test opens a live fanotify group: run it as root');
  // The prepack step (the linux-x64 prebuild), then a pack that leaves dist/ alone: `npm pack`'s
  // prepare would rebuild dist/ while other test files read it (npm test built it already).
  execFileSync(process.execPath, ['native/prebuild.mjs'], { cwd: root, stdio: 'pipe' });
  execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', tmp], { cwd: root, stdio: 'pipe' });
  const tarball = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack wrote no tarball');
  execFileSync('mkdir', ['-p', project]);
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', path.join(tmp, tarball)], { cwd: project, stdio: 'pipe' });
}, 300_000);

function node(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: project, encoding: 'utf8' });
}

it('ships the prebuilt linux-x64 addon and no build directory', () => {
  const files = readdirSync(path.join(project, 'node_modules/fanotify-codec/prebuilds/linux-x64'));
  expect(files).toEqual(['fanotify_codec.node']);
  expect(() => readdirSync(path.join(project, 'node_modules/fanotify-codec/native/build'))).toThrow();
});

it('works from CommonJS: codec and a live group through the prebuild', () => {
  const out = node([
    '-e',
    `const f = require('fanotify-codec');
     const { openGroup } = require('fanotify-codec/live');
     const bytes = f.encodeEvents([{ mask: f.FAN_OPEN, fd: f.FAN_NOFD, pid: 1 }]);
     const group = openGroup({ fid: true });
     group.close();
     console.log([...f.decodeEvents(bytes)][0].maskNames.join(), 'group-ok');`,
  ]);
  expect(out.trim()).toBe('FAN_OPEN group-ok');
});

it('works from ESM', () => {
  const out = node(['--input-type=module', '-e', `import { maskNames, FAN_CREATE, FAN_ONDIR } from 'fanotify-codec'; console.log(maskNames(FAN_CREATE | FAN_ONDIR).join());`]);
  expect(out.trim()).toBe('FAN_CREATE,FAN_ONDIR');
});

it('installs the CLI', () => {
  const out = execFileSync(path.join(project, 'node_modules/.bin/fanotify-codec'), ['--help'], { encoding: 'utf8' });
  expect(out).toMatch(/Usage: fanotify-codec <command>/);
});
