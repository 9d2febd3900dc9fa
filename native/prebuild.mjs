// `prepack`: builds the addon and ships it as
// prebuilds/<platform>-<arch>/fanotify_codec.node, the first place the
// loader looks. Exits 1 if the build fails on Linux, so a package without a
// working binary is never packed there; elsewhere it only prints a note.
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { buildAddon, buildOutput, checkLoads, prebuildPath } from './gyp.mjs';

if (process.platform !== 'linux') {
  console.log(`fanotify-codec: no prebuild made: fanotify is Linux-only (this is ${process.platform}).`);
  process.exit(0);
}
const built = buildAddon();
if (!built.ok) {
  console.error(`fanotify-codec: prebuild failed: ${built.reason}`);
  process.exit(1);
}
const target = prebuildPath();
mkdirSync(path.dirname(target), { recursive: true });
copyFileSync(buildOutput, target);
const loads = checkLoads(target);
if (!loads.ok) {
  console.error(`fanotify-codec: prebuild failed: ${loads.reason}`);
  process.exit(1);
}
console.log(`fanotify-codec: prebuild written to ${target}`);
