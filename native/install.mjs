// npm "install" hook. Never fails the install: without the addon the codec,
// kernel model and CLI decoding still work; only live fanotify groups need it.
//   1. not Linux                  -> note and exit
//   2. FANOTIFY_CODEC_SKIP_NATIVE -> note and exit
//   3. shipped prebuild loads     -> done
//   4. otherwise node-gyp rebuild -> on failure, warn and exit 0
import { buildAddon, checkLoads, prebuildPath } from './gyp.mjs';

const LIVE_ONLY =
  'The codec, kernel model and CLI decoding work without it; only live fanotify groups need the addon.';

function main() {
  if (process.platform !== 'linux') {
    console.log(`fanotify-codec: native addon skipped: fanotify is Linux-only (this is ${process.platform}).`);
    return;
  }
  if (process.env.FANOTIFY_CODEC_SKIP_NATIVE) {
    console.log('fanotify-codec: native addon skipped (FANOTIFY_CODEC_SKIP_NATIVE is set).');
    return;
  }
  const prebuilt = checkLoads(prebuildPath());
  if (prebuilt.ok) return;

  const built = buildAddon();
  if (built.ok) return;
  console.warn(
    `fanotify-codec: WARNING: the native addon is unavailable: ${built.reason}.\n` +
      `  ${LIVE_ONLY}\n` +
      '  To retry, install python3, make and a C compiler, then run: npm rebuild fanotify-codec',
  );
}

main();
process.exitCode = 0;
