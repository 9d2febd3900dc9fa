/**
 * Fixed fast-check seed in CI (reproducible runs); FC_SEED overrides it locally to explore.
 */
import fc from 'fast-check';

const seed = process.env['FC_SEED'] ? Number(process.env['FC_SEED']) : 0x5eed_fa11;
fc.configureGlobal({ seed, numRuns: Number(process.env['FC_NUM_RUNS'] ?? 200) });
