/**
 * How the commands classify failures while reading inputs: malformed input (exit 1) versus a
 * file or stream that failed (exit 3). Anything else is a bug and propagates.
 *
 * @packageDocumentation
 */
import { FanotifyDecodeError, FanotifyEncodeError } from '../../errors.js';
import { FanotifyCodecError } from '../../fanotify-codec-error.js';
import { FanotifySyscallError } from '../../live/errors.js';
import { NativeAddonUnavailableError } from '../../live/native/errors.js';
import { JsonLinesError } from '../../golden/json-lines.js';
import { ExitCode } from '../command.js';
import { isBrokenPipe } from './output.js';
import { FollowedFileShrankError } from './follow.js';
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
  if (isSystemFailure(error)) return ExitCode.SYSTEM;
  return undefined;
}

/**
 * A failure of what surrounds the input (a file, a pipe, the kernel, the addon), not of its
 * content: Node's system errors (a string `code` such as `ENOENT`) and the package's own
 * system-call, addon and followed-file errors. Every package error has a `code` too, so the
 * code alone does not tell them apart.
 *
 * @internal
 */
export function isSystemFailure(error: unknown): error is Error {
  if (error instanceof FanotifyCodecError) return error instanceof FanotifySyscallError || error instanceof NativeAddonUnavailableError || error instanceof FollowedFileShrankError;
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}
