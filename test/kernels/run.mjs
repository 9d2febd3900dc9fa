#!/usr/bin/env node
// `npm run test:kernels`: the differential templates on Debian's 6.1 and 6.12 kernels under QEMU.
// Bundles host.ts and guest.ts and runs host.ts's main through launch.mjs (own temp dir, cleanup
// of QEMU processes and the dir also on failure or Ctrl-C).
// Arguments: see test/kernels/README.md (--kernel 6.1, --fs ext4, --only <name part>, --keep, ...).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleOptions, launch } from './launch.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
await launch('kernels', async (work, build) => {
  await build({
    ...bundleOptions,
    entryPoints: { host: path.join(here, 'host.ts'), guest: path.join(here, 'guest.ts') },
    outdir: work,
    outExtension: { '.js': '.mjs' },
  });
  return path.join(work, 'host.mjs');
});
