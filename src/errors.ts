/**
 * The codec's error types. Every failure on bad bytes or bad encoder input is one of these, with
 * a stable `code`, the byte `offset` where the problem was found, and a `path` into the stream;
 * platform errors (`RangeError` from a `DataView`, `TypeError` from a `TextDecoder`) never
 * escape. Both sit under {@link FanotifyCodecError}, the root of every error of the package.
 *
 * @packageDocumentation
 */
import { FanotifyCodecError, type ReasonOf } from './fanotify-codec-error.js';

/**
 * Why bytes failed to decode, without the `DECODE_` prefix of {@link FanotifyDecodeError.code}:
 * what the schema layer's checks report.
 *
 * @public
 */
export type DecodeErrorReason = ReasonOf<'DECODE'>;

/**
 * Codes of {@link FanotifyDecodeError}: `DECODE_TRUNCATED`, `DECODE_BAD_VERSION`, … (meanings in
 * docs/errors.md).
 *
 * @public
 */
export type DecodeErrorCode = `DECODE_${DecodeErrorReason}`;

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
export class FanotifyDecodeError extends FanotifyCodecError {
  /** Stable, machine-readable reason (see docs/errors.md). */
  declare readonly code: DecodeErrorCode;
  /** The code without its `DECODE_` prefix. */
  readonly reason: DecodeErrorReason;
  /** Byte offset of the offending field, relative to the start of the decoded view (or stream). */
  readonly offset: number;
  /** Where in the stream, e.g. `event[3].info[1].handle_bytes`. */
  readonly path: string;

  /**
   * @param reason - Why (the code without `DECODE_`).
   * @param offset - Byte offset of the offending field.
   * @param path - Where in the stream.
   * @param detail - What was found, in words.
   */
  constructor(reason: DecodeErrorReason, offset: number, path: string, detail: string) {
    super(`DECODE_${reason}`, `DECODE_${reason} at byte ${offset} (${path}): ${detail}`);
    this.name = 'FanotifyDecodeError';
    this.reason = reason;
    this.offset = offset;
    this.path = path;
  }

  /** The same error with its offset shifted by `delta` bytes (used when decoding a slice of a larger stream). */
  shifted(delta: number): FanotifyDecodeError {
    if (delta === 0) return this;
    const detail = this.message.slice(this.message.indexOf('): ') + 3);
    return new FanotifyDecodeError(this.reason, this.offset + delta, this.path, detail);
  }
}

/**
 * Why an input failed to encode, without the `ENCODE_` prefix of {@link FanotifyEncodeError.code}.
 *
 * @public
 */
export type EncodeErrorReason = ReasonOf<'ENCODE'>;

/**
 * Codes of {@link FanotifyEncodeError}: `ENCODE_BAD_VALUE`, `ENCODE_UNKNOWN_FIELD`, … (meanings in
 * docs/errors.md).
 *
 * @public
 */
export type EncodeErrorCode = `ENCODE_${EncodeErrorReason}`;

/**
 * An encoder input that cannot become valid fanotify bytes.
 *
 * @public
 */
export class FanotifyEncodeError extends FanotifyCodecError {
  /** Stable, machine-readable reason (see docs/errors.md). */
  declare readonly code: EncodeErrorCode;
  /** The code without its `ENCODE_` prefix. */
  readonly reason: EncodeErrorReason;
  /** Where in the input, e.g. `event[0].info[2].f_handle`. */
  readonly path: string;

  /** The reason, without code and path. */
  readonly detail: string;

  /**
   * @param reason - Why (the code without `ENCODE_`).
   * @param path - Where in the input.
   * @param detail - What is wrong, in words.
   */
  constructor(reason: EncodeErrorReason, path: string, detail: string) {
    super(`ENCODE_${reason}`, `ENCODE_${reason} (${path}): ${detail}`);
    this.name = 'FanotifyEncodeError';
    this.reason = reason;
    this.path = path;
    this.detail = detail;
  }

  /** The same error with `prefix` put in front of its path (encoders build paths only on failure). */
  prefixed(prefix: string): FanotifyEncodeError {
    return new FanotifyEncodeError(this.reason, prefix + this.path, this.detail);
  }
}
