// The launcher both QEMU entry points share (run.mjs: the real-kernel matrix; capture-corpus.mjs:
// per-kernel corpus captures): a temp dir of our own (never the tree, so two copies of the suite
// can run at once), esbuild bundles into it, the host module's main(), and cleanup that always
// kills the QEMU processes it started and removes the dir, also on failure or a signal.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The repository root. */
export const repo = path.resolve(here, '../..');
/** esbuild options of every bundle: ESM for Node 20, with `require` for the addon loader. */
export const bundleOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
};

/**
 * Runs `bundle(work)` (which builds into `work` and returns the host module's file), then that
 * module's `main({ repo, work, argv })`, and exits with its code. `--keep` keeps the temp dir.
 */
export async function launch(name, bundle) {
  const argv = process.argv.slice(2);
  const keep = argv.includes('--keep');
  const work = mkdtempSync(path.join(tmpdir(), `fanotify-${name.replace(/\W+/g, '-')}-`));
  let host;
  const cleanup = () => {
    host?.killGuests();
    if (keep) process.stderr.write(`${name}: kept ${work}\n`);
    else rmSync(work, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
    process.once(signal, () => {
      cleanup();
      process.exit(130);
    });
  let code = 1;
  try {
    const hostFile = await bundle(work, build);
    host = await import(pathToFileURL(hostFile).href);
    code = await host.main({ repo, work, argv: argv.filter((a) => a !== '--keep') });
  } catch (error) {
    console.error(error);
    code = 1;
  } finally {
    cleanup();
  }
  process.exit(code);
}
