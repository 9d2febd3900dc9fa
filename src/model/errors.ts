/**
 * Typed errors of the kernel model. Simulated system calls report failures the way the kernel
 * does (a negative errno return value); these errors are for misuse of the model itself.
 *
 * @packageDocumentation
 */

/**
 * Stable codes of {@link FanotifyModelError}.
 *
 * - `BAD_ARGUMENT`: an argument the model cannot interpret (unknown flag name, bad handle...).
 * - `NO_SUCH_OBJECT`: a path, process, group, file or filesystem the simulation does not have.
 * - `PROCESS_BLOCKED`: an operation was started by a task still waiting on a permission event.
 * - `WOULD_BLOCK`: a blocking read() on an empty queue would never return.
 * - `UNSUPPORTED`: something the model deliberately does not simulate.
 * - `INTERNAL`: an internal consistency check failed (a model bug).
 *
 * @public
 */
export type ModelErrorCode = 'BAD_ARGUMENT' | 'NO_SUCH_OBJECT' | 'PROCESS_BLOCKED' | 'WOULD_BLOCK' | 'UNSUPPORTED' | 'INTERNAL';

/**
 * Misuse of the kernel model (not a simulated kernel error, which is an errno return value).
 *
 * @public
 */
export class FanotifyModelError extends Error {
  /** Stable, machine-readable reason. */
  readonly code: ModelErrorCode;

  constructor(code: ModelErrorCode, message: string) {
    super(`${code}: ${message}`);
    this.name = 'FanotifyModelError';
    this.code = code;
  }
}
