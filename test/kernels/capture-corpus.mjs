#!/usr/bin/env node
// `npm run corpus:kernels`: corpus/regenerate.sh inside Debian's 6.1 and 6.12 kernels under QEMU
// (the boot machinery of `npm run test:kernels`), captures into corpus/linux-<line>/. Bundles
// capture-corpus.ts (host side) and the CLI (src/cli/main.ts, what the guest's regenerate.sh
// runs as CORPUS_CLI) and runs the host side's main through launch.mjs.
// Arguments: see corpus/README.md ("Other kernels").
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleOptions, launch, repo } from './launch.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
await launch('corpus:kernels', async (work, build) => {
  await build({ ...bundleOptions, entryPoints: [path.join(here, 'capture-corpus.ts')], outfile: path.join(work, 'capture-corpus.mjs') });
  // As corpus/regenerate.sh bundles it; the host side adds package.json and the addon next to it.
  const { banner: _banner, ...cli } = bundleOptions;
  await build({ ...cli, entryPoints: [path.join(repo, 'src/cli/main.ts')], outfile: path.join(work, 'cli/cli.mjs') });
  return path.join(work, 'capture-corpus.mjs');
});
