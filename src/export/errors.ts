/**
 * The error schema exporters raise when a schema cannot be expressed in the target language.
 *
 * @packageDocumentation
 */
import { FanotifyCodecError, type ReasonOf } from '../fanotify-codec-error.js';

/**
 * Why an export failed, without the `EXPORT_` prefix of {@link FanotifySchemaExportError.code}.
 *
 * @public
 */
export type SchemaExportErrorReason = ReasonOf<'EXPORT'>;

/**
 * Codes of {@link FanotifySchemaExportError}: `EXPORT_BAD_IDENTIFIER`,
 * `EXPORT_DUPLICATE_INFO_TYPE`, `EXPORT_UNSUPPORTED_FIELD` (meanings in docs/errors.md).
 *
 * @public
 */
export type SchemaExportErrorCode = `EXPORT_${SchemaExportErrorReason}`;

/**
 * A schema that cannot be exported, with a stable `code` and the schema `path` at fault
 * (`fanotify_event_info_location.function`).
 *
 * @public
 */
export class FanotifySchemaExportError extends FanotifyCodecError {
  /** Stable, machine-readable reason (see docs/errors.md). */
  declare readonly code: SchemaExportErrorCode;
  /** The code without its `EXPORT_` prefix. */
  readonly reason: SchemaExportErrorReason;
  /** The struct or `struct.field` at fault. */
  readonly path: string;

  /**
   * @param reason - Why (the code without `EXPORT_`).
   * @param path - The struct or `struct.field` at fault.
   * @param detail - Why, in words; the message is `CODE (path): detail`.
   */
  constructor(reason: SchemaExportErrorReason, path: string, detail: string) {
    super(`EXPORT_${reason}`, `EXPORT_${reason} (${path}): ${detail}`);
    this.name = 'FanotifySchemaExportError';
    this.reason = reason;
    this.path = path;
  }
}
