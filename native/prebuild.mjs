// `prepack`: builds the addon and ships it as
// prebuilds/<platform>-<arch>/fanotify_codec.node, the first place the
// loader looks, together with the cross-compiled prebuilds (linux-arm64, see
// cross.mjs). Builds happen in staging copies, never in native/build. Exits 1
// if any build fails on Linux x64, so a package without every shipped binary
// is never packed there; elsewhere it only prints a note.
import { buildCrossPrebuild, CROSS_TARGETS } from './cross.mjs';
import { buildPrebuild, checkLoads, prebuildPath } from './gyp.mjs';

function fail(reason) {
  console.error(`fanotify-codec: prebuild failed: ${reason}`);
  process.exit(1);
}

if (process.platform !== 'linux' || process.arch !== 'x64') {
  console.log(`fanotify-codec: no prebuild made: the package is packed on linux-x64 (this is ${process.platform}-${process.arch}).`);
  process.exit(0);
}
for (const result of [buildPrebuild(), ...CROSS_TARGETS.map(buildCrossPrebuild)]) {
  if (!result.ok) fail(result.reason);
  console.log(`fanotify-codec: prebuild written to ${result.file}`);
}
// The host binary must also load from where it ships (buildPrebuild load-checked the staged copy).
const loads = checkLoads(prebuildPath());
if (!loads.ok) fail(loads.reason);
