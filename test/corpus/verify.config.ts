/**
 * Vitest configuration of `corpus/verify.sh` (npm run corpus:verify): runs only the comparison
 * of a freshly regenerated corpus with the committed one.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/corpus/regenerated.verify.ts'],
    testTimeout: 60_000,
  },
});
