import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', cli: 'src/cli/main.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts' } },
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
  splitting: false,
  shims: true,
  // Class names survive bundling, so errors print and inspect as FanotifyDecodeError, not _FanotifyDecodeError.
  keepNames: true,
});
