import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NATIVE_ADDON_VERSION } from '../../../src/live/native/binding.js';
import { nativeBindingCandidates } from '../../../src/live/native/candidates.js';
import { NativeAddonUnavailableError } from '../../../src/live/native/errors.js';
import {
  defaultNativeLoadEnvironment,
  loadNativeBinding,
  resolveNativeBinding,
  tryLoadNativeBinding,
  type NativeLoadEnvironment,
} from '../../../src/live/native/load.js';
import { findPackageRoot } from '../../../src/live/native/package-root.js';
import { loadAddon, makeTempDir, removeTempDir } from './support.js';

const EXPORTS = [
  'addonVersion',
  'adoptFd',
  'close',
  'constants',
  'fionread',
  'init',
  'mark',
  'mountIdUnique',
  'nameToHandleAt',
  'openByHandleAt',
  'poll',
  'pollHandleCount',
  'read',
  'receiveFd',
  'sendFd',
  'statfsFsid',
  'write',
];

/** A fake package root with the given files (relative path -> contents). */
function fakePackage(dir: string, files: Record<string, string | Uint8Array> = {}): string {
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'fanotify-codec' }));
  for (const [name, contents] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), contents);
  }
  return dir;
}

function environment(overrides: Partial<NativeLoadEnvironment>): NativeLoadEnvironment {
  return { ...defaultNativeLoadEnvironment(), ...overrides };
}

function captureError(run: () => unknown): NativeAddonUnavailableError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(NativeAddonUnavailableError);
    return error as NativeAddonUnavailableError;
  }
  throw new Error('expected NativeAddonUnavailableError');
}

describe('loadNativeBinding', () => {
  it('loads the addon from this checkout, once', () => {
    const { binding, file } = loadAddon();
    expect(fs.existsSync(file)).toBe(true);
    expect(loadNativeBinding()).toBe(binding);
    expect(loadNativeBinding()).toBe(loadNativeBinding());
    expect(tryLoadNativeBinding()).toBe(binding);
    expect(binding.addonVersion).toBe(NATIVE_ADDON_VERSION);
    expect(Object.keys(binding).sort()).toEqual(EXPORTS);
  });

  it('exports read-only functions and frozen constants', () => {
    const { binding } = loadAddon();
    expect(Object.isFrozen(binding.constants)).toBe(true);
    expect(() => {
      (binding as unknown as Record<string, unknown>).init = () => 0;
    }).toThrow(TypeError);
  });

  it('reports libc constants that agree with Node', () => {
    const { constants } = loadAddon().binding;
    for (const name of ['O_RDONLY', 'O_WRONLY', 'O_RDWR', 'O_NONBLOCK', 'O_DIRECTORY', 'O_NOFOLLOW', 'O_NOATIME'] as const) {
      expect(constants[name], name).toBe(fs.constants[name]);
    }
    for (const name of ['EAGAIN', 'EINVAL', 'EBADF', 'ENOENT', 'EBUSY', 'EEXIST', 'EPERM', 'ENAMETOOLONG'] as const) {
      expect(constants[name], name).toBe(os.constants.errno[name]);
    }
    expect(constants.AT_FDCWD).toBe(-100);
    expect(constants.AT_HANDLE_FID).toBe(0x200);
    expect(constants.MAX_HANDLE_SZ).toBe(128);
    expect(constants.STATX_MNT_ID_UNIQUE).toBe(0x4000);
    expect(constants.UV_READABLE).toBe(1);
  });

  it("reports the kernel's O_LARGEFILE, the bit fdinfo shows", () => {
    const { constants } = loadAddon().binding;
    expect(constants.O_LARGEFILE).not.toBe(0);
    const fd = fs.openSync('/proc/self/status', 'r');
    try {
      const fdinfo = fs.readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8');
      const flags = Number.parseInt(/^flags:\s+([0-7]+)$/m.exec(fdinfo)?.[1] ?? 'x', 8);
      expect(flags & constants.O_LARGEFILE).toBe(constants.O_LARGEFILE);
    } finally {
      fs.closeSync(fd);
    }
  });

  it('finds the package root from source and from a nested directory', () => {
    const root = findPackageRoot(path.dirname(loadAddon().file));
    expect(root).toBeDefined();
    expect(JSON.parse(fs.readFileSync(path.join(root ?? '', 'package.json'), 'utf8')).name).toBe('fanotify-codec');
  });
});

describe('resolveNativeBinding failures', () => {
  let dir: string | undefined;
  afterEach(() => {
    removeTempDir(dir);
    dir = undefined;
  });

  it('explains that macOS has no fanotify', () => {
    const error = captureError(() => resolveNativeBinding(environment({ platform: 'darwin', arch: 'arm64' })));
    expect(error.code).toBe('NATIVE_UNAVAILABLE');
    expect(error.reason).toBe('unsupported-platform');
    expect(error.name).toBe('NativeAddonUnavailableError');
    expect(error.message).toMatch(/macOS \(darwin-arm64\).*Linux API/);
  });

  it('explains that neither a prebuild nor a local build exists', () => {
    dir = fakePackage(makeTempDir());
    const error = captureError(() => resolveNativeBinding(environment({ moduleDir: path.join(dir ?? '', 'x', 'y') })));
    expect(error.reason).toBe('not-found');
    expect(error.message).toContain('no prebuild and no local build');
    expect(error.candidates).toEqual(nativeBindingCandidates(dir, process.platform, process.arch));
    for (const candidate of error.candidates) expect(error.message).toContain(candidate);
  });

  it('reports a missing package root', () => {
    dir = makeTempDir();
    const error = captureError(() => resolveNativeBinding(environment({ moduleDir: dir })));
    expect(error.reason).toBe('not-found');
    expect(error.message).toContain('no fanotify-codec package.json');
  });

  it('includes the dlopen error text for a broken binary', () => {
    dir = fakePackage(makeTempDir(), {
      [`prebuilds/${process.platform}-${process.arch}/fanotify_codec.node`]: 'not an ELF file',
    });
    const error = captureError(() => resolveNativeBinding(environment({ moduleDir: dir })));
    expect(error.reason).toBe('load-failed');
    expect(error.message).toMatch(/invalid ELF header|file too short/);
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('skips a broken prebuild in favour of a working local build', () => {
    const real = fs.readFileSync(loadAddon().file);
    dir = fakePackage(makeTempDir(), {
      [`prebuilds/${process.platform}-${process.arch}/fanotify_codec.node`]: 'garbage',
      'native/build/Release/fanotify_codec.node': real,
    });
    const resolved = resolveNativeBinding(environment({ moduleDir: dir }));
    expect(resolved.file).toBe(path.join(dir, 'native/build/Release/fanotify_codec.node'));
    expect(resolved.binding.addonVersion).toBe(NATIVE_ADDON_VERSION);
  });

  it('rejects a binary with another addonVersion', () => {
    dir = fakePackage(makeTempDir(), { 'build/Release/fanotify_codec.node': 'fake' });
    const error = captureError(() =>
      resolveNativeBinding(environment({ moduleDir: dir, load: () => ({ addonVersion: 999 }) })),
    );
    expect(error.reason).toBe('version-mismatch');
    expect(error.message).toContain(`addonVersion 999, expected ${NATIVE_ADDON_VERSION}`);
  });
});
