/**
 * `npm run bench -- --quick` as a smoke test: every table row is printed, every figure is finite,
 * and every decoder (this package's, the peers', the hand-written loop and the C loop) computes
 * the same checksum over the same bytes. It checks the benchmark's shape and correctness, never
 * its speed: speed targets live in the benchmark output, not in tests.
 */
import { expect, test } from 'vitest';
import { runBenchSmokeCheck } from '../../bench/smoke-check.js';

test('bench --quick: every row, finite figures, checksums agree', () => {
  const result = runBenchSmokeCheck();
  expect(result.problems, result.stdout).toEqual([]);
}, 240_000);
