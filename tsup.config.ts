import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', cli: 'src/cli/main.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts' } },
  // No source maps: they tripled the tarball (3.5 MB) and pointed at src/, which is not shipped.
  sourcemap: false,
  clean: true,
  target: 'node20',
  platform: 'node',
  splitting: false,
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
