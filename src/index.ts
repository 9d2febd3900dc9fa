/**
 * fanotify-codec: the Linux fanotify wire format for TypeScript.
 *
 * @packageDocumentation
 */

// Schema language.
export { u8, u16, u32, u64, s8, s16, s32, s64, fitsScalar } from './schema/scalar.js';
export type { ScalarKind, ScalarValue, ScalarField, DefaultedScalarField, ScalarOptions, ScalarFormat, ScalarFactory } from './schema/scalar.js';
export { array, bytes, cstring, rest } from './schema/fields.js';
export type { ArrayField, BytesField, CStringField, RestField, Field, FieldMap, FieldValue, FieldInput, TupleOf } from './schema/fields.js';
export { struct } from './schema/struct.js';
export type { StructSchema, StructOptions, StructLayout, FieldLayout } from './schema/struct.js';
export { infoRecord } from './schema/record.js';
export type { InfoRecordSchema, InfoRecordOptions } from './schema/record.js';
export { compileStruct } from './schema/compile.js';
export type { CompiledStruct, BindIssue, JsonObject, JsonValue } from './schema/compile.js';
export type { Simplify, FieldsOf, StructValue, StructInput, StructFields, LengthSourceKeys, DefaultedKeys } from './schema/infer.js';
export { StructViewBase } from './schema/view-base.js';
export { constantGroup, valuesOf } from './schema/constants.js';
export type { ConstantSpec, ConstantGroup, ConstantValues } from './schema/constants.js';

// The kernel's structs, records and constants (spec/).
export { fanotify_event_metadata } from '../spec/structs/event-metadata.js';
export { fanotify_event_info_header } from '../spec/structs/info-header.js';
export { __kernel_fsid_t, fanotify_event_info_fid, file_handle, fidRecordStruct, fidNameRecordStruct } from '../spec/structs/info-fid.js';
export { fanotify_event_info_pidfd, fanotify_event_info_error, fanotify_event_info_range, fanotify_event_info_mnt } from '../spec/structs/info-fixed.js';
export { fanotify_response, fanotify_response_info_header, fanotify_response_info_audit_rule } from '../spec/structs/response.js';
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
} from '../spec/records.js';
export type { KernelRecordSchema } from '../spec/records.js';
export { eventBits } from '../spec/constants/event-bits.js';
export { initFlags } from '../spec/constants/init-flags.js';
export { markFlags } from '../spec/constants/mark-flags.js';
export { infoTypes } from '../spec/constants/info-types.js';
export { responseValues } from '../spec/constants/responses.js';
export { specialValues } from '../spec/constants/special-values.js';
export * from './generated/constants.js';

// The codec.
export { createCodec, fanotifyCodec } from './codec/codec.js';
export type { FanotifyCodec, CodecOptions, EventView, EventBatch } from './codec/codec.js';
export type { DecodeOptions } from './codec/decode.js';
export type { EncodeOptions } from './codec/encode.js';
export type {
  AnyRecordSchema,
  MetadataSchema,
  RecordValue,
  UnknownRecordValue,
  RecordValueOf,
  RecordInput,
  UnknownRecordInput,
  RecordInputOf,
  RecordViewMembers,
  RecordView,
  UnknownRecordView,
  RecordViewOf,
  EventValue,
  EventInput,
} from './codec/types.js';
export { hostByteOrder } from './codec/byte-order.js';
export type { ByteOrder } from './codec/byte-order.js';
export { maskNames, maskFromNames } from './codec/mask-names.js';
export { infoTypeName } from './codec/record-table.js';
export { decodeEvents, decodeEventObjects, encodeEvents, encodedLength, validateEvents } from './codec/default-codec.js';
export { FanotifyDecodeError, FanotifyEncodeError } from './errors.js';
export { Errno, errnoName, errnoNumber } from './errno.js';
export type { ErrnoName } from './errno.js';
export type { DecodeErrorCode, EncodeErrorCode } from './errors.js';
export { toHex, fromHex } from './text/hex.js';
export { isUtf8, nameToString, nameFromString, escapeName, unescapeName } from './text/names.js';
export { encodeResponse, decodeResponse, FAN_DENY_ERRNO, responseErrno } from './codec/response.js';
export type { PermissionResponse, AuditRuleInfo } from './codec/response.js';
export { EventStreamDecoder } from './codec/stream.js';
export type { StreamDecodeOptions } from './codec/stream.js';

// Live fanotify groups (the native addon loads only when a group is opened).
export * from './live/index.js';

// The kernel model: byte-exact streams without a kernel.
export * from './model/index.js';

// Golden-file helpers for other projects' tests.
export * from './golden/index.js';
