// `npm run build:native`: builds native/build/Release/fanotify_codec.node
// with node-gyp and fails loudly (exit 1) if it does not build or load.
import { buildAddon, buildOutput } from './gyp.mjs';

const result = buildAddon();
if (!result.ok) {
  console.error(`fanotify-codec: native build failed: ${result.reason}`);
  process.exit(1);
}
console.log(`fanotify-codec: built ${buildOutput}`);
