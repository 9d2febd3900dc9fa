/**
 * fanotify-codec: the Linux fanotify wire format for TypeScript. This root entry is the codec
 * (decode, encode, validate, stream, permission responses) and every kernel constant; it runs
 * anywhere (no Node-only types). Other concerns live in subpaths: `fanotify-codec/schema` (the
 * schema language and the kernel's structs), `/live` (live groups), `/model` (the kernel model),
 * `/golden` (golden-file helpers), `/kernel` (kernel releases), `/export` (Kaitai and C exports).
 *
 * @packageDocumentation
 */

// Every kernel constant (FAN_*), generated from spec/constants.
export * from './generated/constants.js';
export { FAN_DENY_ERRNO } from './codec/response.js';
export { Errno } from './kernel/errno.js';

// The codec.
export { createCodec } from './codec/codec.js';
export type { FanotifyCodec, CodecOptions, EventView, EventBatch } from './codec/codec.js';
export { decodeEvents, decodeEventObjects, encodeEvents, encodedLength, validateEvents, eventCursor, eventWalker } from './codec/default-codec.js';
export type { EventVisitor, EventWalker, WalkEvent } from './codec/walker.js';
export type { EventCursor, CursorOptions, CursorRecord, CursorRecordOf, UnknownCursorRecord, CursorRecordMembers, CursorFields, CursorKeysOf, ByteFieldKeys, WideFieldKeys } from './codec/cursor.js';
export type { DecodeOptions } from './codec/decode.js';
export type { EncodeOptions } from './codec/encode.js';
export type { AnyRecordSchema, EventValue, EventInput, RecordValueOf, RecordInputOf, RecordViewOf } from './codec/types.js';
export type { KernelRecordSchema } from '../spec/records.js';
export { EventStreamDecoder, DEFAULT_MAX_EVENT_LENGTH } from './codec/stream.js';
export type { StreamDecodeOptions } from './codec/stream.js';
export { hostByteOrder } from './codec/byte-order.js';
export type { ByteOrder } from './codec/byte-order.js';
export { maskNames, maskFromNames } from './codec/mask-names.js';
export { encodeResponse, decodeResponse } from './codec/response.js';
export type { PermissionResponse, AuditRuleInfo } from './codec/response.js';
export { nameToString, escapeName } from './text/names.js';

// The codec's errors. Each subpath exports the errors its layer throws.
export { FanotifyCodecError, FanotifyArgumentError, FanotifyInternalError, errorCodeMeanings } from './fanotify-codec-error.js';
export type { FanotifyErrorCode, ReasonOf } from './fanotify-codec-error.js';
export { FanotifyDecodeError, FanotifyEncodeError } from './errors.js';
export type { DecodeErrorCode, DecodeErrorReason, EncodeErrorCode, EncodeErrorReason } from './errors.js';
