/**
 * Live fanotify groups in Node's event loop: open a group, add marks, consume events (async
 * iterator, `Readable`, handler or `'event'` listeners), answer permission events, probe
 * kernel features. Importing this module loads nothing native; the addon is loaded when a
 * group is opened (or features are probed) and its loader's error is thrown then.
 *
 * @packageDocumentation
 */
export { openGroup } from './group.js';
export type { FanotifyGroup } from './group.js';
export type { GroupEventMap, ConsumeOptions, EventHandler, BatchHandler } from './group.js';
export type { LiveBatch } from './batch.js';
export type { LiveEvent } from './event.js';
export type { GroupStats, AnsweredBy } from './event.js';
export type { EventIterationOptions } from './iterator.js';
export type { EventStreamOptions, LiveEventStream } from './stream.js';
export { DEFAULT_BUFFER_SIZE } from './options.js';
export type { GroupOptions, NotificationClass, EventFileFlags, DefaultVerdict, ReadInfo } from './options.js';
export type { RecordTypeFor, RecordTypeForFlags, RecordSchemaFor, FidRecordType } from './record-types.js';
export { sendFd, receiveFd } from './handover.js';
export { modelGroup } from './rootless/model-group.js';
export type { ModelFanotifyGroup } from './rootless/model-group.js';
export type { ModelGroupOptions } from './rootless/model-group.js';
export { captureGroup } from './rootless/capture-group.js';
export type { CaptureFanotifyGroup } from './rootless/capture-group.js';
export type { CaptureGroupOptions, CaptureSource } from './rootless/capture-group.js';
export type { RecordedResponse } from './rootless/responses.js';
export { markArguments, eventMaskOf } from './marks.js';
export type { MarkOptions, MarkObject, MarkCommand, MarkDescription, EventName, EventSelection } from './marks.js';
export { DENY_ERRNOS } from './permission.js';
export type { Verdict, VerdictObject, ErrnoSpec } from './permission.js';
export type { PathOptions } from './path-resolution.js';
export type { PathCacheOptions } from './path-cache.js';
export { probeFeatures } from './features.js';
export type { FanotifyFeatures, FeatureProbe, ProbeOptions } from './features.js';
export {
  FanotifyError,
  FanotifySyscallError,
  FanotifyResponseError,
  FanotifyStateError,
  FanotifyOptionError,
  FanotifyPathError,
  FanotifyAdoptError,
} from './errors.js';
export type { FanotifySyscall, FanotifyResponseErrorCode, FanotifyStateErrorCode } from './errors.js';
export {
  initFlagNames,
  markFlagNames,
  eventFFlagNames,
  parseInitFlags,
  parseMarkFlags,
  parseEventFFlags,
  parseEventMask,
} from './flag-words.js';
export type { OpenFlagValues } from './flag-words.js';
export { captureSession, CAPTURE_FORMAT, CAPTURE_FORMAT_VERSION } from './capture/session.js';
export type { CaptureOptions, CaptureResult } from './capture/session.js';
export type { CaptureSidecar, CaptureRead, CaptureMark } from './capture/sidecar.js';
export { parseMarkSpec } from './capture/mark-spec.js';
export { NativeAddonUnavailableError } from './native/errors.js';
export type { NativeAddonUnavailableReason } from './native/errors.js';
