/**
 * Typed errors of the kernel model. Simulated system calls report failures the way the kernel
 * does (a negative errno return value); these errors are for misuse of the model itself.
 *
 * @packageDocumentation
 */
import { FanotifyCodecError, type ReasonOf } from '../fanotify-codec-error.js';

/**
 * Why the model refused, without the `MODEL_` prefix of {@link FanotifyModelError.code}.
 *
 * @public
 */
export type ModelErrorReason = ReasonOf<'MODEL'>;

/**
 * Codes of {@link FanotifyModelError}: `MODEL_BAD_ARGUMENT`, `MODEL_NO_SUCH_OBJECT`, … (meanings
 * in docs/errors.md).
 *
 * @public
 */
export type ModelErrorCode = `MODEL_${ModelErrorReason}`;

/**
 * Misuse of the kernel model (not a simulated kernel error, which is an errno return value).
 *
 * @public
 */
export class FanotifyModelError extends FanotifyCodecError {
  /** Stable, machine-readable reason (see docs/errors.md). */
  declare readonly code: ModelErrorCode;
  /** The code without its `MODEL_` prefix. */
  readonly reason: ModelErrorReason;

  /**
   * @param reason - Why (the code without `MODEL_`).
   * @param message - What was refused, in words.
   */
  constructor(reason: ModelErrorReason, message: string) {
    super(`MODEL_${reason}`, `MODEL_${reason}: ${message}`);
    this.name = 'FanotifyModelError';
    this.reason = reason;
  }
}
