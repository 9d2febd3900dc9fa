import path from 'node:path';

/** File name of the addon binary. */
const ADDON_FILE = 'fanotify_codec.node';

/**
 * Binary locations inside the package, in the order the loader tries them:
 *
 * 1. `prebuilds/<platform>-<arch>/fanotify_codec.node`, shipped in the
 *    published tarball (written by `native/prebuild.mjs` at `prepack`);
 * 2. `native/build/Release/fanotify_codec.node`, a local node-gyp build
 *    (by the install script or `npm run build:native`; node-gyp builds next
 *    to `native/binding.gyp`);
 * 3. `build/Release/fanotify_codec.node`, the conventional node-gyp output
 *    directory at the package root.
 *
 * @internal
 */
export function nativeBindingCandidates(packageRoot: string, platform: string, arch: string): string[] {
  return [
    path.join(packageRoot, 'prebuilds', `${platform}-${arch}`, ADDON_FILE),
    path.join(packageRoot, 'native', 'build', 'Release', ADDON_FILE),
    path.join(packageRoot, 'build', 'Release', ADDON_FILE),
  ];
}
