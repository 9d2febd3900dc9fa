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
export type { CompiledStruct, CompileOptions, BindIssue, JsonObject, JsonValue } from './schema/compile.js';
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
export { decodeEvents, decodeEventObjects, encodeEvents, encodedLength, validateEvents, eventCursor } from './codec/default-codec.js';
export type { EventCursor, CursorOptions, CursorRecord, CursorRecordOf, UnknownCursorRecord, CursorRecordMembers, CursorFields, CursorKeysOf, ByteFieldKeys, WideFieldKeys } from './codec/cursor.js';
export { FanotifyDecodeError, FanotifyEncodeError } from './errors.js';
export { Errno, errnoName, errnoNumber } from './kernel/errno.js';
export type { ErrnoName } from './kernel/errno.js';
export type { DecodeErrorCode, EncodeErrorCode } from './errors.js';
export { toHex, fromHex } from './text/hex.js';
export { isUtf8, nameToString, nameFromString, escapeName, unescapeName } from './text/names.js';
export { encodeResponse, decodeResponse, FAN_DENY_ERRNO, responseErrno } from './codec/response.js';
export type { PermissionResponse, AuditRuleInfo } from './codec/response.js';
export { EventStreamDecoder } from './codec/stream.js';
export type { StreamDecodeOptions } from './codec/stream.js';

// Live fanotify groups (the native addon loads only when a group is opened).
export { openGroup, FanotifyGroup } from './live/group.js';
export type { GroupEventMap, ConsumeOptions, EventHandler } from './live/group.js';
export { LiveEvent } from './live/event.js';
export type { GroupStats, AnsweredBy } from './live/event.js';
export type { EventIterationOptions } from './live/iterator.js';
export type { EventStreamOptions, LiveEventStream } from './live/stream.js';
export { DEFAULT_BUFFER_SIZE } from './live/options.js';
export type { GroupOptions, NotificationClass, EventFileFlags, DefaultVerdict, ReadInfo } from './live/options.js';
export type { RecordTypeFor, KnownRecordTypeFor, IfOptionEnabled, RecordSchemaFor, FidRecordType } from './live/record-types.js';
export type { RecordTypeForFlags } from './live/record-types.js';
export { modelGroup, ModelFanotifyGroup } from './live/rootless/model-group.js';
export type { ModelGroupOptions } from './live/rootless/model-group.js';
export { captureGroup, CaptureFanotifyGroup } from './live/rootless/capture-group.js';
export type { CaptureGroupOptions, CaptureSource } from './live/rootless/capture-group.js';
export type { RecordedResponse } from './live/rootless/responses.js';
export { sendFd, receiveFd } from './live/handover.js';
export { FanotifyAdoptError } from './live/errors.js';
export type { PathCacheOptions } from './live/path-cache.js';
export { markArguments, eventMaskOf } from './live/marks.js';
export type { MarkOptions, MarkObject, MarkCommand, MarkDescription, EventName, EventSelection } from './live/marks.js';
export { DENY_ERRNOS } from './live/permission.js';
export type { Verdict, VerdictObject, AuditRule, ErrnoSpec } from './live/permission.js';
export type { PathOptions } from './live/path-resolution.js';
export { probeFeatures } from './live/features.js';
export type { FanotifyFeatures, FeatureProbe, ProbeOptions } from './live/features.js';
export {
  FanotifyError,
  FanotifySyscallError,
  FanotifyResponseError,
  FanotifyStateError,
  FanotifyOptionError,
  FanotifyPathError,
} from './live/errors.js';
export type { FanotifySyscall, FanotifyResponseErrorCode, FanotifyStateErrorCode } from './live/errors.js';
export {
  initFlagNames,
  markFlagNames,
  eventFFlagNames,
  parseInitFlags,
  parseMarkFlags,
  parseEventFFlags,
  parseEventMask,
} from './live/flag-words.js';
export type { OpenFlagValues } from './live/flag-words.js';
export { captureSession, CAPTURE_FORMAT, CAPTURE_FORMAT_VERSION } from './live/capture/session.js';
export type { CaptureOptions, CaptureResult } from './live/capture/session.js';
export type { CaptureSidecar, CaptureRead, CaptureMark } from './live/capture/sidecar.js';
export { parseMarkSpec } from './live/capture/mark-spec.js';
export { NativeAddonUnavailableError } from './live/native/errors.js';
export type { NativeAddonUnavailableReason } from './live/native/errors.js';

// Kernel releases: what each release has and how it behaves (the model, live hints and probes follow it).
export { parseKernelRelease, releaseHas, seriesOf, DEFAULT_KERNEL_RELEASE, KNOWN_KERNEL_SERIES } from './kernel/release.js';
export type { KernelRelease } from './kernel/release.js';
export { KERNEL_BEHAVIOURS, kernelHas } from './kernel/behaviours.js';
export type { KernelBehaviour, BehaviourId } from './kernel/behaviours.js';
export type { RuleFailure } from './kernel/rules/rule.js';

// The kernel model: byte-exact streams without a kernel.
export { KernelModel } from './model/kernel.js';
export type { KernelModelOptions, Operation, OperationOutcome, CompletedOperation, ReadOutcome } from './model/kernel.js';
export { FanotifyModelError } from './model/errors.js';
export type { ModelErrorCode } from './model/errors.js';
export { generatedHandle, handlesEqual } from './model/file-handle.js';
export type { FileHandleValue } from './model/file-handle.js';
export { Process } from './model/process.js';
export type { Task } from './model/process.js';
export { SuperBlock, Inode, MountNamespace } from './model/vfs.js';
export type { SuperBlockOptions, InodeKind } from './model/vfs.js';
export type { ModelEventInput, ModelRecordInput } from './model/copy-event.js';
export { runScenario } from './model/scenario/run.js';
export type { ScenarioResult, ReadRecord, StepRecord, AccessorRecord, ExpectationFailure } from './model/scenario/run.js';
export { validateScenario } from './model/scenario/validate.js';
export { ScenarioError } from './model/scenario/scenario-error.js';
export type {
  Scenario,
  ScenarioStep,
  StepKind,
  StepBase,
  FlagWords,
  Expectation,
  ScenarioHandle,
  ScenarioFilesystem,
  ScenarioObject,
  ScenarioProcess,
  ScenarioNamespace,
} from './model/scenario/types.js';

// Golden-file helpers for other projects' tests.
export { goldenStream, GoldenStreamBuilder } from './golden/builder.js';
export type { GoldenMask, GoldenEventFields, GoldenFsid, GoldenFidFields, GoldenNameFields, GoldenRecord } from './golden/builder.js';
export { EventNormalizer, normalizeEvents, NORMALIZED_KINDS } from './golden/normalize.js';
export type { NormalizedKind, NormalizeOptions } from './golden/normalize.js';
export { normalizedStream, normalizedStreamAsync } from './golden/normalized-stream.js';
export { streamEventsOfBytes, streamEventsOfJsonLines } from './golden/stream-event.js';
export type { StreamEvent } from './golden/stream-event.js';
export { JsonLinesError, parseJsonLine, parseJsonLines } from './golden/json-lines.js';
export { compareStreamEvents, diffEventStreams, diffEventStreamsAsync } from './golden/diff.js';
export type { DifferenceKind, DifferenceSide, StreamDifference } from './golden/diff.js';
export { formatDifference } from './golden/format-difference.js';
export type { DifferenceLabels } from './golden/format-difference.js';
export { fieldByteRange } from './golden/field-offsets.js';
export type { ByteRange } from './golden/field-offsets.js';
export { hexContext } from './golden/hex-context.js';
export { compareToGolden, GOLDEN_UPDATE_ENV } from './golden/compare-to-golden.js';
export type { GoldenOptions, GoldenResult } from './golden/compare-to-golden.js';
export { fanotifyMatchers } from './golden/matchers.js';
export type { FanotifyGoldenMatchers, GoldenMatcherContext, GoldenMatcherResult } from './golden/matchers.js';

// Internal types (`@internal`, not part of the supported API): internal members of public classes
// mention them, and API Extractor wants every mentioned type exported. Type-only: nothing here
// exists at runtime.
export type { FdTable, FdObject } from './model/fd-table.js';
export type { Dentry, Mount, PathRef } from './model/vfs.js';
export type { InitContext, InitDecision } from './kernel/rules/init.js';
export type { WordKind, WORDS } from './model/scenario/words.js';
export type { ModelGroup, GroupPriority } from './model/group.js';
export type { NotificationQueue, InsertResult } from './model/queue.js';
export type { ModelEvent, ModelEventType, PermState } from './model/event.js';
export type { Connector, Mark, MarkOwner, MarkObjectType } from './model/mark.js';
export type { ConsumerTurn, ConsumerKind } from './live/group.js';
export type { LiveEventSource } from './live/iterator.js';
export type { EventHost, BatchState } from './live/event.js';
export type { GroupTraits } from './live/options.js';
export type { MountFdRegistry } from './live/mount-fds.js';
export type { NativeBinding } from './live/native/binding.js';
export type { NativeConstants } from './live/native/constants.js';
export type { NativeFileHandle } from './live/native/file-handle.js';
export type { NativePollCallback, NativePollHandle } from './live/native/poll-handle.js';

// Schemas beyond TypeScript: Kaitai Struct and C exports.
export { exportKsy, ksyDocument } from './export/ksy.js';
export type { KsyExportOptions, KsyDocument } from './export/ksy.js';
export { exportCHeader, cStructLayouts } from './export/c-header.js';
export type { CHeaderOptions, CStructLayout, CMemberLayout } from './export/c-header.js';
export { FanotifySchemaExportError } from './export/errors.js';
export type { SchemaExportErrorCode } from './export/errors.js';
