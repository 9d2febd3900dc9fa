// Bundles the fuzz runner (default into temp/fuzz, or the directory given) in three parts: the
// package (package-surface.mjs) and the self-test's planted bug (planted.mjs), the only code
// coverage counts, and the runner, which imports both as external modules.
import { build } from 'esbuild';

const out = process.argv[2] ?? 'temp/fuzz';
const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' };
await build({ ...common, entryPoints: ['test/fuzz/package-surface.ts'], outfile: `${out}/package-surface.mjs` });
await build({ ...common, entryPoints: ['test/fuzz/support/planted.ts'], outfile: `${out}/planted.mjs` });
await build({
  ...common,
  entryPoints: ['test/fuzz/run.ts'],
  outfile: `${out}/run.mjs`,
  plugins: [
    {
      name: 'coverage-targets-external',
      setup(b) {
        b.onResolve({ filter: /(package-surface|planted)\.js$/ }, (args) => ({ path: args.path.includes('planted') ? './planted.mjs' : './package-surface.mjs', external: true }));
      },
    },
  ],
});
