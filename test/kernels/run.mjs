#!/usr/bin/env node
// `npm run test:kernels`: the differential templates on Debian's 6.1 and 6.12 kernels under QEMU.
// Bundles host.ts and guest.ts with esbuild into a temp dir of our own (never into the tree, so
// two copies of the suite can run at once), runs host.ts's main, and always removes the temp
// dir and kills the QEMU processes it started, also on failure or Ctrl-C.
// Arguments: see test/kernels/README.md (--kernel 6.1, --fs ext4, --only <name part>, --keep, ...).
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const argv = process.argv.slice(2);
const keep = argv.includes('--keep');
const work = mkdtempSync(path.join(tmpdir(), 'fanotify-kernels-'));
let host;
const cleanup = () => {
  host?.killGuests();
  if (keep) process.stderr.write(`kernels: kept ${work}\n`);
  else rmSync(work, { recursive: true, force: true });
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
  process.once(signal, () => {
    cleanup();
    process.exit(130);
  });

let code = 1;
try {
  await build({
    entryPoints: { host: path.join(here, 'host.ts'), guest: path.join(here, 'guest.ts') },
    outdir: work,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    // esbuild's ESM output has no `require`; the guest loads the addon with createRequire.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  host = await import(pathToFileURL(path.join(work, 'host.mjs')).href);
  code = await host.main({ repo, work, argv: argv.filter((a) => a !== '--keep') });
} catch (error) {
  console.error(error);
  code = 1;
} finally {
  cleanup();
}
process.exit(code);
