import { defineConfig } from 'tsup';

/** The package's entry points: the root (codec and constants) and one subpath per concern (package.json `exports`). */
const entries = {
  index: 'src/index.ts',
  schema: 'src/entries/schema.ts',
  live: 'src/entries/live.ts',
  model: 'src/entries/model.ts',
  golden: 'src/entries/golden.ts',
  kernel: 'src/entries/kernel.ts',
  export: 'src/entries/export.ts',
};

export default defineConfig({
  entry: { ...entries, cli: 'src/cli/main.ts' },
  format: ['esm', 'cjs'],
  // stripInternal: `@internal` members of public classes stay out of the published types.
  dts: { entry: entries, compilerOptions: { stripInternal: true } },
  // No source maps: they tripled the tarball (3.5 MB) and pointed at src/, which is not shipped.
  sourcemap: false,
  clean: true,
  target: 'node20',
  platform: 'node',
  // Shared chunks: every entry uses the one copy of each class, so `instanceof` holds across entries.
  splitting: true,
  shims: true,
  // Class names survive bundling, so errors print and inspect as FanotifyDecodeError, not _FanotifyDecodeError.
  keepNames: true,
  esbuildOptions(options, { format }) {
    // The CLI is an ES module only (package.json "bin" runs dist/cli.js); a CommonJS copy would be unused weight.
    // (A new object: the entry object is shared by both formats.)
    if (format === 'cjs' && options.entryPoints && !Array.isArray(options.entryPoints)) {
      const { cli: _cli, ...rest } = options.entryPoints as Record<string, string>;
      options.entryPoints = rest;
    }
  },
});
