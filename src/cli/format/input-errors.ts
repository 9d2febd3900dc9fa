/**
 * How the commands classify failures while reading inputs: malformed input (exit 1) versus a
 * file or stream that failed (exit 3). Anything else is a bug and propagates.
 *
 * @packageDocumentation
 */
import { FanotifyDecodeError, FanotifyEncodeError } from '../../errors.js';
import { JsonLinesError } from '../../golden/json-lines.js';
import { ExitCode } from '../command.js';
import { isBrokenPipe } from './output.js';
import { SidecarFormatError } from './sidecar.js';

/**
 * The exit code for `error`, or `undefined` when it is not an input problem (rethrow it). A
 * broken pipe (the reader of our output went away, as with `| head`) ends the command quietly
 * with 0: the reader chose to stop.
 *
 * @internal
 */
export function exitCodeFor(error: unknown): number | undefined {
  if (isBrokenPipe(error)) return ExitCode.OK;
  if (error instanceof FanotifyDecodeError || error instanceof FanotifyEncodeError || error instanceof JsonLinesError || error instanceof SidecarFormatError) return ExitCode.MALFORMED_OR_DIFFERENT;
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return ExitCode.SYSTEM;
  return undefined;
}
