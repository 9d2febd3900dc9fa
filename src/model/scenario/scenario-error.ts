/**
 * The error of an invalid scenario file, with the JSON path of the offending value.
 *
 * @packageDocumentation
 */

/**
 * A scenario that cannot be run: malformed JSON structure, an unknown flag name, a reference to
 * an undefined group/file/process, or an expectation that did not hold.
 *
 * @public
 */
export class ScenarioError extends Error {
  constructor(
    /** JSON path of the value, e.g. `steps[3].mask[1]`. */
    readonly path: string,
    detail: string,
  ) {
    super(`${path}: ${detail}`);
    this.name = 'ScenarioError';
  }
}
