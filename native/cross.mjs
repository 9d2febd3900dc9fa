// Cross-compiled prebuilds: the addon for another architecture, built on this machine with a
// Debian cross compiler (gcc-aarch64-linux-gnu for linux-arm64). The addon is plain C over
// Node-API (NAPI_VERSION 8), so it is built against this Node's headers and loads on any Node
// with that Node-API version; test/platforms loads it under qemu-aarch64-static.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildPrebuild, elfArch, nativeDir } from './gyp.mjs';

// musl (Alpine): not shipped. Debian bookworm's musl-tools is musl 1.2.3, which has no statx()
// (added in musl 1.2.5), and handles.c uses it; with the kernel headers added to musl-gcc's path
// (-idirafter /usr/include/x86_64-linux-gnu -idirafter /usr/include) that is the only error. The
// registry has no musl build of Node either (node-linux-* are glibc), so a musl binary could
// not be load-tested here, and the loader's prebuild path (prebuilds/linux-ARCH) does not tell
// glibc from musl. On Alpine the install script builds the addon from source instead
// (python3, make and a C compiler needed).

/** The cross targets shipped as prebuilds: Node's arch name and the Debian compiler and package. */
export const CROSS_TARGETS = [{ arch: 'arm64', cc: 'aarch64-linux-gnu-gcc', debianPackage: 'gcc-aarch64-linux-gnu' }];

/**
 * Cross-compiles the addon for one target into prebuilds/linux-ARCH (see buildPrebuild), after
 * checking that its compiler is installed. Never throws.
 * @param {(typeof CROSS_TARGETS)[number]} target
 * @returns {{ ok: true, file: string } | { ok: false, reason: string }}
 */
export function buildCrossPrebuild(target) {
  if (spawnSync(target.cc, ['--version'], { stdio: 'ignore' }).status !== 0) {
    return { ok: false, reason: `${target.cc} not found (Debian package ${target.debianPackage}; bash .ci/system-deps.sh installs it)` };
  }
  return buildPrebuild({ arch: target.arch, env: { CC: target.cc, CXX: target.cc, LINK: target.cc } });
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

