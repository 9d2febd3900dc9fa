/**
 * The one root of every error fanotify-codec throws, and the one list of their codes.
 *
 * Every code is `AREA_REASON` in SCREAMING_SNAKE case: the area says which part of the package
 * refused (`DECODE_`, `ENCODE_`, `ARGUMENT_`, `EXPORT_`, `JSONL_`, `MODEL_`, `SCENARIO_`, `LIVE_`,
 * `NATIVE_`, `CLI_`, `INTERNAL_`), the reason says why. `docs/errors.md` is generated from
 * {@link errorCodeMeanings} (`npm run docs:errors`), and a test fails when it is stale.
 *
 * @packageDocumentation
 */
import { unknownNameMessage } from './text/nearest.js';

/**
 * Every code a {@link FanotifyCodecError} can carry, with its meaning: the single list that the
 * code types, docs/errors.md and the tests derive from.
 *
 * @example
 * ```ts
 * console.log(errorCodeMeanings[error.code]); // what DECODE_TRUNCATED means, in words
 * ```
 * @public
 */
export const errorCodeMeanings = Object.freeze({
  DECODE_TRUNCATED: 'fewer bytes remain than the structure being read needs (trailing bytes that are not a whole event, a response cut short)',
  DECODE_EMPTY_INPUT: 'no bytes at all where at least one structure is required (an empty permission response, an empty stream the caller declared must not be empty)',
  DECODE_BAD_VERSION: '`vers` is not `FANOTIFY_METADATA_VERSION` (3)',
  DECODE_BAD_METADATA_LEN: '`metadata_len` is not `FAN_EVENT_METADATA_LEN` (24)',
  DECODE_EVENT_LEN_TOO_SMALL: '`event_len` is below 24',
  DECODE_EVENT_LEN_PAST_END: '`event_len` runs past the end of the buffer',
  DECODE_EVENT_TOO_LONG: "`event_len` exceeds the stream decoder's `maxEventLength` (default 1 MiB; kernel events are under 4 KiB)",
  DECODE_RECORD_PAST_EVENT: 'an info record header or its `len` runs past the end of its event',
  DECODE_RECORD_LEN_TOO_SMALL: "an info record's `len` is below the header size or the record type's minimum",
  DECODE_RECORD_LEN_MISMATCH: "an info record's `len` is not its content rounded up to the record's alignment",
  DECODE_FIELD_PAST_RECORD: 'a counted field (`handle_bytes`) runs past its record',
  DECODE_NAME_WITHOUT_NUL: 'a name is not NUL-terminated within its record',
  DECODE_NONZERO_PADDING: 'padding bytes the kernel always zeroes are not zero',
  DECODE_BAD_RECORD: 'a record is invalid for its type in another way (a `*_DFID_NAME` record with an empty name)',
  DECODE_STREAM_FAILED: "`EventStreamDecoder.push()` after the stream's framing broke: nothing after that point can be framed",
  ENCODE_BAD_VALUE: 'a field is missing, of the wrong type, or out of its integer range',
  ENCODE_UNKNOWN_FIELD: 'a field the event or record does not have (a misspelling: the message names the nearest valid field)',
  ENCODE_LENGTH_MISMATCH: 'a given length field disagrees with the content it counts',
  ENCODE_UNKNOWN_RECORD: 'a record `type` the codec does not know',
  ENCODE_BUFFER_TOO_SMALL: 'the caller-supplied target cannot hold the encoding',
  ENCODE_BAD_RESPONSE: 'a permission response the kernel would refuse (FAN_INFO without an audit rule, or the reverse)',
  ARGUMENT_NOT_BYTES: 'bytes were expected (a `Uint8Array`, another `ArrayBufferView` or an `ArrayBuffer`)',
  ARGUMENT_BAD_OPTION: "an option's value is out of its range (`byteOrder`, `maxEventLength`, …)",
  ARGUMENT_UNKNOWN_OPTION: 'an option the function does not have (a misspelling: the message names the nearest valid option)',
  ARGUMENT_BAD_VISITOR: "a walker's visitor that is not an object of functions named `event`, `eventEnd`, `unknown` or a record type of the codec, or a walk started from inside the same walker's visitor",
  ARGUMENT_NO_CURSOR: '`cursor()` or `walker()` on a codec with user records where compiling code at run time is forbidden (a Content-Security-Policy without unsafe-eval): `decodeEvents` works there',
  EXPORT_BAD_IDENTIFIER: 'a struct, record or field name that is not a valid identifier in the export target',
  EXPORT_DUPLICATE_INFO_TYPE: 'two record schemas claim the same `info_type`',
  EXPORT_UNSUPPORTED_FIELD: 'a field kind or placement the export target cannot describe',
  JSONL_NOT_JSON: 'a JSON Lines line is not JSON',
  JSONL_NOT_OBJECT: 'a JSON Lines line is JSON but not an object (one event per line)',
  MODEL_BAD_ARGUMENT: 'an argument the kernel model cannot interpret (unknown flag name, bad handle, …)',
  MODEL_NO_SUCH_OBJECT: 'a path, process, group, file or filesystem the simulation does not have',
  MODEL_PROCESS_BLOCKED: 'an operation was started by a task still waiting on a permission event',
  MODEL_WOULD_BLOCK: 'a blocking read() on an empty queue would never return',
  MODEL_INTERNAL: 'an internal consistency check of the kernel model failed (a bug: please report it)',
  SCENARIO_INVALID: 'a scenario file that is not valid: its structure, an unknown field or flag word, a reference to an undefined name',
  SCENARIO_STEP_FAILED: 'a valid scenario step the model could not carry out (the message names the step)',
  LIVE_SYSCALL_FAILED: 'a system call failed; `errno`, `syscall`, `args` and `hint` say which and why',
  LIVE_BAD_OPTION: 'an option that cannot become a valid system-call argument (unknown event name, buffer smaller than one event, …)',
  LIVE_BAD_RESPONSE: 'a permission response the kernel would refuse for this group; it was not written',
  LIVE_ALREADY_ANSWERED: 'the permission event was answered before (by you, by the default verdict, or when the group closed)',
  LIVE_DEADLINE_PASSED: "the group's `permissionTimeoutMs` passed first and the event was answered with the default verdict",
  LIVE_NOT_PERMISSION_EVENT: '`respond()` on an event nobody waits for',
  LIVE_AUTO_DENIED: "the kernel could not open the event's file and denied the access itself",
  LIVE_CLOSED: 'the group is closed',
  LIVE_BUSY: 'the group already has a consumer; one group feeds one consumer at a time',
  LIVE_EVENT_EXPIRED: "the event's bytes were overwritten by a later read; keep an event past its step with `copy()` or `toObject()`",
  LIVE_FD_UNAVAILABLE: 'the event has no fd or pidfd to give (negative, already taken, or closed at the end of the step)',
  LIVE_NO_PATH: 'no path can be resolved for the event (no mount fd for its filesystem, a mount event, an error event without a handle)',
  LIVE_NOT_A_GROUP: '`openGroup({ fd })` was given an fd that is not a fanotify group',
  NATIVE_UNAVAILABLE: 'the native addon cannot be used here (`reason`: unsupported platform, not found, load failed, version mismatch)',
  CLI_USAGE: 'the command line is wrong (unknown option, missing input, contradicting options)',
  CLI_BAD_SIDECAR: 'a capture sidecar that does not describe the reads of its capture',
  CLI_FOLLOWED_FILE_SHRANK: 'a file followed with `--follow` got shorter (truncated or replaced)',
  INTERNAL_BAD_TABLE: "the package's own tables are inconsistent (a bug: please report it)",
} as const satisfies Record<string, string>);

/**
 * Every error code of the package (the list, with meanings, is in docs/errors.md).
 *
 * @public
 */
export type FanotifyErrorCode = keyof typeof errorCodeMeanings;

/** The codes of one area, without the area prefix: `ReasonOf<'DECODE'>` is `'TRUNCATED' | …`. @public */
export type ReasonOf<Area extends string> = FanotifyErrorCode extends infer C ? (C extends `${Area}_${infer R}` ? R : never) : never;

/**
 * The root of every error fanotify-codec throws: one `catch` with
 * `instanceof FanotifyCodecError` sees decode, encode, live, model and CLI failures alike, each
 * with a stable `code`. Errors that wrap an errno keep it (`FanotifySyscallError.errno`).
 * Only a wrong schema declaration (`struct`, `infoRecord`, `createCodec`) is a plain
 * `TypeError`: that is a programming error, not bad input.
 *
 * @example
 * ```ts
 * try { decodeEvents(bytes) } catch (e) {
 *   if (e instanceof FanotifyCodecError) console.error(e.code, e.message);
 * }
 * ```
 * @public
 */
export class FanotifyCodecError extends Error {
  /** Stable, machine-readable reason: `AREA_REASON` (see docs/errors.md). */
  readonly code: FanotifyErrorCode;

  /**
   * @param code - The stable code.
   * @param message - Human-readable explanation.
   * @param options - The underlying error, if any.
   */
  constructor(code: FanotifyErrorCode, message: string, options?: { readonly cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FanotifyCodecError';
    this.code = code;
  }
}

/**
 * A function was called with something it cannot take: not bytes where bytes are expected, an
 * option out of range, or an option it does not have.
 *
 * @public
 */
export class FanotifyArgumentError extends FanotifyCodecError {
  /** Stable, machine-readable reason (see docs/errors.md). */
  declare readonly code: `ARGUMENT_${ReasonOf<'ARGUMENT'>}`;

  /**
   * @param reason - Which kind of argument problem.
   * @param message - Which argument, and what was expected.
   */
  constructor(reason: ReasonOf<'ARGUMENT'>, message: string) {
    super(`ARGUMENT_${reason}`, message);
    this.name = 'FanotifyArgumentError';
  }
}

/**
 * An inconsistency in the package's own tables: a bug in fanotify-codec, never bad input.
 *
 * @public
 */
export class FanotifyInternalError extends FanotifyCodecError {
  /** Stable, machine-readable reason (see docs/errors.md). */
  declare readonly code: `INTERNAL_${ReasonOf<'INTERNAL'>}`;

  /** @param message - What was inconsistent. */
  constructor(message: string) {
    super('INTERNAL_BAD_TABLE', `${message} (a bug in fanotify-codec: please report it)`);
    this.name = 'FanotifyInternalError';
  }
}

/** Refuses option keys that `known` does not list, naming the nearest valid one. @internal */
export function rejectUnknownOptions(where: string, options: object | undefined, known: readonly string[]): void {
  if (options === undefined || options === null) return;
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new FanotifyArgumentError('UNKNOWN_OPTION', `${where}: ${unknownNameMessage('option', key, known)}`);
  }
}
