/**
 * `fanotify-codec/live`: live fanotify groups in Node's event loop (open a group, add marks,
 * consume events, answer permission events, probe features), the same API over the kernel model
 * and over captures (no root), fd handover, and captures. Importing it loads nothing native; the
 * addon is loaded when a group is opened or features are probed. Needs `@types/node`.
 *
 * @packageDocumentation
 */
// Groups and events are handed out, never constructed: their classes are exported as types only.
export { openGroup } from '../live/group.js';
export type { FanotifyGroup, GroupEventMap, ConsumeOptions, EventHandler, BatchHandler } from '../live/group.js';
export type { LiveBatch } from '../live/batch.js';
export type { LiveEvent, GroupStats, AnsweredBy } from '../live/event.js';
export type { EventIterationOptions } from '../live/iterator.js';
export type { EventStreamOptions, LiveEventStream } from '../live/stream.js';
export { DEFAULT_BUFFER_SIZE } from '../live/options.js';
export type { GroupOptions, NotificationClass, EventFileFlags, DefaultVerdict, ReadInfo } from '../live/options.js';
export type { RecordTypeFor, KnownRecordTypeFor, IfOptionEnabled, RecordSchemaFor, FidRecordType, RecordTypeForFlags } from '../live/record-types.js';
export { modelGroup } from '../live/rootless/model-group.js';
export type { ModelFanotifyGroup, ModelGroupOptions } from '../live/rootless/model-group.js';
export { captureGroup } from '../live/rootless/capture-group.js';
export type { CaptureFanotifyGroup, CaptureGroupOptions, CaptureSource } from '../live/rootless/capture-group.js';
export type { RecordedResponse } from '../live/rootless/responses.js';
export { sendFd, receiveFd } from '../live/handover.js';
export type { PathCacheOptions } from '../live/path-cache.js';
export { markArguments, eventMaskOf } from '../live/marks.js';
export type { MarkOptions, MarkObject, MarkCommand, MarkDescription, EventName, EventSelection } from '../live/marks.js';
export { DENY_ERRNOS } from '../live/permission.js';
export type { Verdict, VerdictObject, ErrnoSpec } from '../live/permission.js';
export type { PathOptions } from '../live/path-resolution.js';
export { probeFeatures } from '../live/features.js';
export type { FanotifyFeatures, FeatureProbe, ProbeOptions } from '../live/features.js';
export {
  initFlagNames,
  markFlagNames,
  eventFFlagNames,
  parseInitFlags,
  parseMarkFlags,
  parseEventFFlags,
  parseEventMask,
} from '../live/flag-words.js';
export type { OpenFlagValues } from '../live/flag-words.js';
export { captureSession, CAPTURE_FORMAT, CAPTURE_FORMAT_VERSION } from '../live/capture/session.js';
export type { CaptureOptions, CaptureResult } from '../live/capture/session.js';
export type { CaptureSidecar, CaptureRead, CaptureMark } from '../live/capture/sidecar.js';
export { parseMarkSpec } from '../live/capture/mark-spec.js';
export {
  FanotifyError,
  FanotifySyscallError,
  FanotifyResponseError,
  FanotifyStateError,
  FanotifyOptionError,
  FanotifyPathError,
  FanotifyAdoptError,
} from '../live/errors.js';
export type { FanotifySyscall, FanotifyResponseErrorCode, FanotifyStateErrorCode } from '../live/errors.js';
export { NativeAddonUnavailableError } from '../live/native/errors.js';
export type { NativeAddonUnavailableReason } from '../live/native/errors.js';
