/**
 * The error schema exporters raise when a schema cannot be expressed in the target language.
 *
 * @packageDocumentation
 */

/**
 * Why an export failed:
 * `BAD_IDENTIFIER` a struct, record or field name that is not a valid identifier in the target;
 * `DUPLICATE_INFO_TYPE` two record schemas claim the same `info_type`;
 * `UNSUPPORTED_FIELD` a field kind or placement the target cannot describe.
 *
 * @public
 */
export type SchemaExportErrorCode = 'BAD_IDENTIFIER' | 'DUPLICATE_INFO_TYPE' | 'UNSUPPORTED_FIELD';

/**
 * A schema that cannot be exported, with a stable `code` and the schema `path` at fault
 * (`fanotify_event_info_location.function`).
 *
 * @public
 */
export class FanotifySchemaExportError extends Error {
  /** Stable error code. */
  readonly code: SchemaExportErrorCode;
  /** The struct or `struct.field` at fault. */
  readonly path: string;

  /** @param detail - why, in words; the message is `CODE (path): detail`. */
  constructor(code: SchemaExportErrorCode, path: string, detail: string) {
    super(`${code} (${path}): ${detail}`);
    this.name = 'FanotifySchemaExportError';
    this.code = code;
    this.path = path;
  }
}
