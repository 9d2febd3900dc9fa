/**
 * The linux-arm64 prebuild works on arm64: it is cross-compiled exactly as `prepack` does
 * (native/cross.mjs, Debian's gcc-aarch64-linux-gnu) and loaded by the registry's arm64 Node
 * under qemu-aarch64-static. qemu-user does not implement fanotify_init, so opening a group must
 * fail with the package's typed ENOSYS error — which only a loaded addon can produce (without
 * it the loader throws NativeAddonUnavailableError) — and the codec must decode a capture exactly
 * as it does on x64. Needs the built dist/ (npm test builds it first) and the Debian packages
 * that .ci/system-deps.sh installs.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const capture = path.join(root, 'corpus/ext4/dfid-name-target-rename/capture.bin');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'fanotify-arm64-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let arm64Node = '';

beforeAll(() => {
  execFileSync('bash', [path.join(root, '.ci/system-deps.sh')], { stdio: 'pipe' });
  const built = execFileSync(process.execPath, [path.join(root, 'native/cross.mjs')], { cwd: root, encoding: 'utf8' });
  expect(built).toMatch(/^linux-arm64 .*prebuilds\/linux-arm64\/fanotify_codec\.node$/m);
  const fetched = execFileSync(process.execPath, [path.join(root, 'test/platforms/nodes.mjs'), 'arm64-22'], { cwd: root, encoding: 'utf8' });
  arm64Node = fetched.trim().replace(/^arm64-22: /, '');
}, 600_000);

/** Runs node arguments on the arm64 Node under qemu-user, with the Debian arm64 sysroot. */
function onArm64(args: string[], input?: string): string {
  return execFileSync('qemu-aarch64-static', ['-L', '/usr/aarch64-linux-gnu', arm64Node, ...args], { cwd: root, encoding: 'utf8', input });
}

it('the cross-compiled prebuild is an aarch64 binary', () => {
  const arch = execFileSync(process.execPath, [path.join(root, 'native/cross.mjs'), '--arch', path.join(root, 'prebuilds/linux-arm64/fanotify_codec.node')], { encoding: 'utf8' });
  expect(arch.trim()).toBe('arm64');
});

it('loads on arm64 and reports ENOSYS from fanotify_init through the typed error', () => {
  const out = onArm64(['-e', `
    const f = require(${JSON.stringify(path.join(root, 'dist/live.cjs'))});
    try { f.openGroup({ fid: true }).close(); console.log(JSON.stringify({ opened: true })); }
    catch (e) {
      console.log(JSON.stringify({ arch: process.arch, syscallError: e instanceof f.FanotifySyscallError,
        unavailable: e instanceof f.NativeAddonUnavailableError, name: e.name, errno: e.errno, syscall: e.syscall }));
    }`]);
  expect(JSON.parse(out)).toEqual({
    arch: 'arm64',
    syscallError: true,
    unavailable: false,
    name: 'FanotifySyscallError',
    errno: 'ENOSYS',
    syscall: 'fanotify_init',
  });
}, 120_000);

it('decodes a capture on arm64 exactly as on x64, and encodes it back to the same bytes', () => {
  const cli = path.join(root, 'dist/cli.js');
  const arm64 = onArm64([cli, 'decode', capture]);
  const host = execFileSync(process.execPath, [cli, 'decode', capture], { encoding: 'utf8' });
  expect(arm64.split('\n').filter(Boolean).length).toBeGreaterThan(1);
  expect(arm64).toBe(host);
  const encoded = path.join(tmp, 'encoded.bin');
  onArm64([cli, 'encode', '-o', encoded, '-'], arm64);
  expect(readFileSync(encoded).equals(readFileSync(capture))).toBe(true);
}, 120_000);
