// `prepack`: builds the addon and ships it as
// prebuilds/<platform>-<arch>/fanotify_codec.node, the first place the
// loader looks, together with the cross-compiled prebuilds (linux-arm64, see
// cross.mjs). Exits 1 if any build fails on Linux x64, so a package without
// every shipped binary is never packed there; elsewhere it only prints a note.
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { buildCrossPrebuild, CROSS_TARGETS } from './cross.mjs';
import { buildAddon, buildOutput, checkLoads, prebuildPath } from './gyp.mjs';

function fail(reason) {
  console.error(`fanotify-codec: prebuild failed: ${reason}`);
  process.exit(1);
}

if (process.platform !== 'linux' || process.arch !== 'x64') {
  console.log(`fanotify-codec: no prebuild made: the package is packed on linux-x64 (this is ${process.platform}-${process.arch}).`);
  process.exit(0);
}
const built = buildAddon();
if (!built.ok) fail(built.reason);
const target = prebuildPath();
mkdirSync(path.dirname(target), { recursive: true });
copyFileSync(buildOutput, target);
const loads = checkLoads(target);
if (!loads.ok) fail(loads.reason);
console.log(`fanotify-codec: prebuild written to ${target}`);

for (const cross of CROSS_TARGETS) {
  const result = buildCrossPrebuild(cross);
  if (!result.ok) fail(result.reason);
  console.log(`fanotify-codec: prebuild written to ${result.file}`);
}
