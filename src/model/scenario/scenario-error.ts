/**
 * The error of an invalid scenario file, with the JSON path of the offending value.
 *
 * @packageDocumentation
 */
import { FanotifyCodecError, type ReasonOf } from '../../fanotify-codec-error.js';

/**
 * A scenario that cannot be run: malformed JSON structure, an unknown flag name, a reference to
 * an undefined group/file/process, or an expectation that did not hold.
 *
 * @public
 */
export class ScenarioError extends FanotifyCodecError {
  /** Stable, machine-readable reason (see docs/errors.md). */
  declare readonly code: `SCENARIO_${ReasonOf<'SCENARIO'>}`;
  /** JSON path of the value, e.g. `steps[3].mask[1]`. */
  readonly path: string;

  /**
   * @param path - JSON path of the value.
   * @param detail - What is wrong, in words.
   * @param reason - `INVALID` (the file) or `STEP_FAILED` (the model refused a valid step).
   */
  constructor(path: string, detail: string, reason: ReasonOf<'SCENARIO'> = 'INVALID') {
    super(`SCENARIO_${reason}`, `${path}: ${detail}`);
    this.name = 'ScenarioError';
    this.path = path;
  }
}
