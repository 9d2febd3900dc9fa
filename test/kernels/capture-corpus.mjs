#!/usr/bin/env node
// `npm run corpus:kernels`: corpus/regenerate.sh inside Debian's 6.1 and 6.12 kernels under QEMU
// (the boot machinery of `npm run test:kernels`), captures into corpus/linux-<line>/. Bundles
// capture-corpus.ts (host side) and the CLI (src/cli/main.ts, what the guest's regenerate.sh
// runs as CORPUS_CLI) with esbuild into a temp dir of our own, runs the host side's main, and
// always removes the temp dir and kills the QEMU processes it started, also on failure or Ctrl-C.
// Arguments: see corpus/README.md ("Other kernels").
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const argv = process.argv.slice(2);
const keep = argv.includes('--keep');
const work = mkdtempSync(path.join(tmpdir(), 'fanotify-corpus-kernels-'));
let host;
const cleanup = () => {
  host?.killGuests();
  if (keep) process.stderr.write(`corpus:kernels: kept ${work}\n`);
  else rmSync(work, { recursive: true, force: true });
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
  process.once(signal, () => {
    cleanup();
    process.exit(130);
  });

const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' };
let code = 1;
try {
  await build({
    ...common,
    entryPoints: [path.join(here, 'capture-corpus.ts')],
    outfile: path.join(work, 'capture-corpus.mjs'),
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  // As corpus/regenerate.sh bundles it; the host side adds package.json and the addon next to it.
  await build({ ...common, entryPoints: [path.join(repo, 'src/cli/main.ts')], outfile: path.join(work, 'cli/cli.mjs') });
  host = await import(pathToFileURL(path.join(work, 'capture-corpus.mjs')).href);
  code = await host.main({ repo, work, argv: argv.filter((a) => a !== '--keep') });
} catch (error) {
  console.error(error);
  code = 1;
} finally {
  cleanup();
}
process.exit(code);
