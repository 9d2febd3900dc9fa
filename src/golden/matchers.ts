/**
 * `expect(bytes).toMatchFanotifyGolden(path, options)` for vitest and jest. Plain functions in
 * the `expect.extend` shape: no test framework is imported, so the package can re-export them.
 *
 * @packageDocumentation
 */
import { compareToGolden, GOLDEN_UPDATE_ENV, type GoldenOptions } from './compare-to-golden.js';

/** The part of vitest's and jest's matcher context these matchers use. @public */
export interface GoldenMatcherContext {
  /** True under `expect(x).not`. */
  readonly isNot?: boolean;
}

/** What a matcher returns to vitest or jest. @public */
export interface GoldenMatcherResult {
  /** Whether the bytes match the golden file (or it was updated). */
  readonly pass: boolean;
  /** The report the test runner prints when the assertion fails. */
  readonly message: () => string;
}

/**
 * The matchers' call signatures on an assertion, for type augmentation.
 *
 * @example
 * ```ts
 * // vitest.d.ts (or any .d.ts in the test project)
 * import 'vitest';
 * import type { FanotifyGoldenMatchers } from 'fanotify-codec/golden';
 * declare module 'vitest' {
 *   interface Assertion<T = any> extends FanotifyGoldenMatchers<T> {}
 *   interface AsymmetricMatchersContaining extends FanotifyGoldenMatchers {}
 * }
 * ```
 * @public
 */
export interface FanotifyGoldenMatchers<R = unknown> {
  /**
   * Passes when the received bytes decode to the same events as the golden file (`.jsonl` as
   * `decode` prints it, or raw bytes). Update mode (`FANOTIFY_GOLDEN_UPDATE=1` or
   * `{ update: true }`) rewrites a differing or missing golden and passes.
   */
  toMatchFanotifyGolden(goldenPath: string, options?: GoldenOptions): R;
}

function isBytes(value: unknown): value is Uint8Array | ArrayBufferView | ArrayBuffer {
  return value instanceof ArrayBuffer || ArrayBuffer.isView(value);
}

/**
 * Matchers to pass to `expect.extend` (vitest or jest).
 *
 * @example
 * ```ts
 * import { expect } from 'vitest';
 * import { fanotifyMatchers, goldenStream } from 'fanotify-codec/golden';
 * expect.extend(fanotifyMatchers);
 * expect(bytesReadFromTheFd).toMatchFanotifyGolden('test/golden/mkdir.jsonl', { normalize: true });
 * ```
 * @public
 */
export const fanotifyMatchers = {
  toMatchFanotifyGolden(this: GoldenMatcherContext | undefined, received: unknown, goldenPath: string, options: GoldenOptions = {}): GoldenMatcherResult {
    if (!isBytes(received)) {
      const kind = received === null ? 'null' : typeof received;
      return { pass: false, message: () => `toMatchFanotifyGolden expects bytes (a Uint8Array, Buffer or ArrayBuffer), received ${kind}` };
    }
    // Under `.not`, never rewrite the golden: the caller asserts a difference.
    const negated = this?.isNot === true;
    const result = compareToGolden(received, goldenPath, negated ? { ...options, update: false } : options);
    if (negated && result.pass) {
      return { pass: true, message: () => `expected the stream not to match ${goldenPath}, but it does` };
    }
    return { pass: result.pass, message: () => (result.pass ? result.message : `${result.message}\n(${GOLDEN_UPDATE_ENV}=1 rewrites golden files)`) };
  },
};
