/**
 * The package's error types. Every failure on bad input is one of these, with a stable `code`,
 * the byte `offset` where the problem was found, and a `path` into the stream; platform errors
 * (`RangeError` from a `DataView`, `TypeError` from a `TextDecoder`) never escape.
 *
 * @packageDocumentation
 */

/**
 * Stable codes of {@link FanotifyDecodeError}.
 *
 * - `TRUNCATED`: fewer bytes remain than the structure being read needs (trailing bytes that are
 *   not a whole event, or a record header cut off).
 * - `BAD_VERSION`: `vers` is not `FANOTIFY_METADATA_VERSION` (3).
 * - `BAD_METADATA_LEN`: `metadata_len` is not `FAN_EVENT_METADATA_LEN` (24).
 * - `EVENT_LEN_TOO_SMALL`: `event_len` is below 24 (or below `metadata_len`).
 * - `EVENT_LEN_PAST_END`: `event_len` runs past the end of the buffer.
 * - `RECORD_PAST_EVENT`: an info record header or its `len` runs past the end of its event.
 * - `RECORD_LEN_TOO_SMALL`: `len` is below the header size or the record type's minimum.
 * - `RECORD_LEN_MISMATCH`: `len` disagrees with the length the kernel computes for the content
 *   (more than the alignment padding, or not a multiple of 4).
 * - `FIELD_PAST_RECORD`: a counted field (e.g. `handle_bytes`) runs past the record.
 * - `NAME_WITHOUT_NUL`: a name is not NUL-terminated within its record.
 * - `NONZERO_PADDING`: padding bytes the kernel always zeroes are not zero.
 * - `BAD_RECORD`: a record is invalid for its type in another way (e.g. a name-less `*_NAME` record).
 *
 * @public
 */
export type DecodeErrorCode =
  | 'TRUNCATED'
  | 'BAD_VERSION'
  | 'BAD_METADATA_LEN'
  | 'EVENT_LEN_TOO_SMALL'
  | 'EVENT_LEN_PAST_END'
  | 'RECORD_PAST_EVENT'
  | 'RECORD_LEN_TOO_SMALL'
  | 'RECORD_LEN_MISMATCH'
  | 'FIELD_PAST_RECORD'
  | 'NAME_WITHOUT_NUL'
  | 'NONZERO_PADDING'
  | 'BAD_RECORD';

/**
 * Malformed fanotify bytes.
 *
 * @example
 * ```ts
 * try { decodeEvents(bytes) } catch (e) {
 *   if (e instanceof FanotifyDecodeError) console.error(e.code, e.offset, e.path);
 * }
 * ```
 * @public
 */
export class FanotifyDecodeError extends Error {
  /** Stable, machine-readable reason. */
  readonly code: DecodeErrorCode;
  /** Byte offset of the offending field, relative to the start of the decoded view (or stream). */
  readonly offset: number;
  /** Where in the stream, e.g. `event[3].info[1].handle_bytes`. */
  readonly path: string;

  constructor(code: DecodeErrorCode, offset: number, path: string, detail: string) {
    super(`${code} at byte ${offset} (${path}): ${detail}`);
    this.name = 'FanotifyDecodeError';
    this.code = code;
    this.offset = offset;
    this.path = path;
  }

  /** The same error with its offset shifted by `delta` bytes (used when decoding a slice of a larger stream). */
  shifted(delta: number): FanotifyDecodeError {
    if (delta === 0) return this;
    const detail = this.message.slice(this.message.indexOf('): ') + 3);
    return new FanotifyDecodeError(this.code, this.offset + delta, this.path, detail);
  }
}

/**
 * Stable codes of {@link FanotifyEncodeError}.
 *
 * - `BAD_VALUE`: a field is missing, of the wrong type, or out of its integer range.
 * - `LENGTH_MISMATCH`: a given length field disagrees with the content it counts.
 * - `UNKNOWN_RECORD`: a record `type` that the codec does not know.
 * - `BUFFER_TOO_SMALL`: the caller-supplied target cannot hold the encoding.
 * - `BAD_RESPONSE`: a permission response the kernel would refuse.
 *
 * @public
 */
export type EncodeErrorCode = 'BAD_VALUE' | 'LENGTH_MISMATCH' | 'UNKNOWN_RECORD' | 'BUFFER_TOO_SMALL' | 'BAD_RESPONSE';

/**
 * An encoder input that cannot become valid fanotify bytes.
 *
 * @public
 */
export class FanotifyEncodeError extends Error {
  /** Stable, machine-readable reason. */
  readonly code: EncodeErrorCode;
  /** Where in the input, e.g. `event[0].info[2].f_handle`. */
  readonly path: string;

  /** The reason, without code and path. */
  readonly detail: string;

  constructor(code: EncodeErrorCode, path: string, detail: string) {
    super(`${code} (${path}): ${detail}`);
    this.name = 'FanotifyEncodeError';
    this.code = code;
    this.path = path;
    this.detail = detail;
  }

  /** The same error with `prefix` put in front of its path (encoders build paths only on failure). */
  prefixed(prefix: string): FanotifyEncodeError {
    return new FanotifyEncodeError(this.code, prefix + this.path, this.detail);
  }
}
