/**
 * `fanotify-codec/export`: the schemas for other languages, as a Kaitai Struct description and
 * as a C header.
 *
 * @packageDocumentation
 */
export { exportKsy, ksyDocument } from '../export/ksy.js';
export type { KsyExportOptions, KsyDocument } from '../export/ksy.js';
export { exportCHeader, cStructLayouts } from '../export/c-header.js';
export type { CHeaderOptions, CStructLayout, CMemberLayout } from '../export/c-header.js';
export { FanotifySchemaExportError } from '../export/errors.js';
export type { SchemaExportErrorCode, SchemaExportErrorReason } from '../export/errors.js';
