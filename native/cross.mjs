// Cross-compiled prebuilds: the addon for another architecture, built on this machine with a
// Debian cross compiler (gcc-aarch64-linux-gnu for linux-arm64). The addon is plain C over
// Node-API (NAPI_VERSION 8), so it is built against this Node's headers and loads on any Node
// with that Node-API version; test/platforms loads it under qemu-aarch64-static.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { buildAddon, buildOutputIn, nativeDir, packageRoot, prebuildPath } from './gyp.mjs';

/** ELF e_machine values, to check that a cross build produced the architecture it claims. */
const ELF_MACHINE = { x64: 62, arm64: 183 };

/** The cross targets shipped as prebuilds: Node's arch name and the Debian compiler and package. */
export const CROSS_TARGETS = [{ arch: 'arm64', cc: 'aarch64-linux-gnu-gcc', debianPackage: 'gcc-aarch64-linux-gnu' }];

/**
 * Architecture of an ELF shared object, by Node's arch name, or `undefined` when it is not an
 * ELF file of a known machine.
 * @param {string} file
 */
export function elfArch(file) {
  const header = readFileSync(file).subarray(0, 20);
  if (header.length < 20 || header.readUInt32BE(0) !== 0x7f454c46) return undefined;
  const machine = header.readUInt16LE(18);
  return Object.keys(ELF_MACHINE).find((arch) => ELF_MACHINE[arch] === machine);
}

/**
 * Cross-compiles the addon for one target in a staging copy of native/ (temp/native-linux-ARCH),
 * so the host build in native/build is left alone, and writes it to prebuilds/linux-ARCH.
 * Never throws.
 * @param {(typeof CROSS_TARGETS)[number]} target
 * @returns {{ ok: true, file: string } | { ok: false, reason: string }}
 */
export function buildCrossPrebuild(target) {
  if (spawnSync(target.cc, ['--version'], { stdio: 'ignore' }).status !== 0) {
    return { ok: false, reason: `${target.cc} not found (Debian package ${target.debianPackage}; bash .ci/system-deps.sh installs it)` };
  }
  const stage = path.join(packageRoot, 'temp', `native-linux-${target.arch}`);
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  for (const name of readdirSync(nativeDir)) {
    if (/\.(c|h)$/.test(name) || name === 'binding.gyp') copyFileSync(path.join(nativeDir, name), path.join(stage, name));
  }
  const built = buildAddon({ dir: stage, arch: target.arch, env: { CC: target.cc, CXX: target.cc, LINK: target.cc } });
  if (!built.ok) return built;
  const output = buildOutputIn(stage);
  const arch = existsSync(output) ? elfArch(output) : undefined;
  if (arch !== target.arch) return { ok: false, reason: `${output} is ${arch ?? 'not an ELF file of a known machine'}, not ${target.arch}` };
  const file = prebuildPath('linux', target.arch);
  mkdirSync(path.dirname(file), { recursive: true });
  copyFileSync(output, file);
  rmSync(stage, { recursive: true, force: true });
  return { ok: true, file };
}

// `node native/cross.mjs` builds every cross prebuild and prints `linux-ARCH FILE` per target;
// `node native/cross.mjs --arch FILE` prints the architecture of an ELF binary (for tests).
if (process.argv[1] && path.resolve(process.argv[1]) === path.join(nativeDir, 'cross.mjs')) {
  if (process.argv[2] === '--arch') {
    console.log(elfArch(process.argv[3]) ?? 'unknown');
  } else {
    for (const target of CROSS_TARGETS) {
      const result = buildCrossPrebuild(target);
      if (!result.ok) {
        console.error(`fanotify-codec: linux-${target.arch} prebuild failed: ${result.reason}`);
        process.exit(1);
      }
      console.log(`linux-${target.arch} ${result.file}`);
    }
  }
}
