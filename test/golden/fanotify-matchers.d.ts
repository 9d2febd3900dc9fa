/**
 * Type augmentation that makes `expect(bytes).toMatchFanotifyGolden(...)` type-check in this
 * project's vitest tests: the same declaration users put in their own test setup.
 */
import 'vitest';
import type { FanotifyGoldenMatchers } from '../../src/golden/index.js';

declare module 'vitest' {
  interface Matchers<T = any> extends FanotifyGoldenMatchers<T> {}
}
