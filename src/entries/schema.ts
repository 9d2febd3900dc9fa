/**
 * `fanotify-codec/schema`: the schema language (`struct`, `infoRecord`, scalars, arrays, byte
 * fields, C strings) and the kernel's own structs, records and constant tables written in it.
 * Declare a record type the package does not ship and pass it to `createCodec`.
 *
 * @packageDocumentation
 */

// The schema language.
export { u8, u16, u32, u64, s8, s16, s32, s64, fitsScalar } from '../schema/scalar.js';
export type { ScalarKind, ScalarValue, ScalarField, DefaultedScalarField, ScalarOptions, ScalarFormat, ScalarFactory } from '../schema/scalar.js';
export { array, bytes, cstring, rest } from '../schema/fields.js';
export type { ArrayField, BytesField, CStringField, RestField, Field, FieldMap, FieldValue, FieldInput, TupleOf } from '../schema/fields.js';
export { struct } from '../schema/struct.js';
export type { StructSchema, StructOptions, StructLayout, FieldLayout } from '../schema/struct.js';
export { infoRecord } from '../schema/record.js';
export type { InfoRecordSchema, InfoRecordOptions } from '../schema/record.js';
export { compileStruct } from '../schema/compile.js';
export type { CompiledStruct, CompileOptions, BindIssue, JsonObject, JsonValue } from '../schema/compile.js';
export type { Simplify, FieldsOf, StructValue, StructInput, StructFields, LengthSourceKeys, DefaultedKeys } from '../schema/infer.js';
export { StructViewBase } from '../schema/view-base.js';
export { constantGroup } from '../schema/constants.js';
export type { ConstantSpec, ConstantGroup } from '../schema/constants.js';
export type {
  MetadataSchema,
  RecordValue,
  UnknownRecordValue,
  RecordInput,
  UnknownRecordInput,
  RecordViewMembers,
  RecordView,
  UnknownRecordView,
} from '../codec/types.js';

// The kernel's structs, records and constant tables (spec/).
export { fanotify_event_metadata } from '../../spec/structs/event-metadata.js';
export { fanotify_event_info_header } from '../../spec/structs/info-header.js';
export { __kernel_fsid_t, fanotify_event_info_fid, file_handle, fidRecordStruct, fidNameRecordStruct } from '../../spec/structs/info-fid.js';
export { fanotify_event_info_pidfd, fanotify_event_info_error, fanotify_event_info_range, fanotify_event_info_mnt } from '../../spec/structs/info-fixed.js';
export { fanotify_response, fanotify_response_info_header, fanotify_response_info_audit_rule } from '../../spec/structs/response.js';
export {
  fidRecord,
  dfidNameRecord,
  dfidRecord,
  pidfdRecord,
  errorRecord,
  rangeRecord,
  mntRecord,
  oldDfidNameRecord,
  newDfidNameRecord,
  kernelRecords,
  unknownRecordStruct,
} from '../../spec/records.js';
export { eventBits } from '../../spec/constants/event-bits.js';
export { initFlags } from '../../spec/constants/init-flags.js';
export { markFlags } from '../../spec/constants/mark-flags.js';
export { infoTypes } from '../../spec/constants/info-types.js';
export { responseValues } from '../../spec/constants/responses.js';
export { specialValues } from '../../spec/constants/special-values.js';
export { infoTypeName } from '../codec/record-table.js';
