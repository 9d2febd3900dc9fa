/**
 * Golden-file helpers for projects that produce or consume fanotify streams: a builder of
 * expected streams, normalization, a stream diff with hex context, `compareToGolden`, and the
 * `toMatchFanotifyGolden` matcher for vitest and jest. Nothing here imports a test framework.
 *
 * @packageDocumentation
 */
export { goldenStream, GoldenStreamBuilder } from './builder.js';
export type { GoldenMask, GoldenEventFields, GoldenFsid, GoldenFidFields, GoldenNameFields } from './builder.js';
export { EventNormalizer, normalizeEvents, NORMALIZED_KINDS } from './normalize.js';
export type { NormalizedKind, NormalizeOptions } from './normalize.js';
export { normalizedStream, normalizedStreamAsync } from './normalized-stream.js';
export { streamEventsOfBytes, streamEventsOfJsonLines } from './stream-event.js';
export type { StreamEvent } from './stream-event.js';
export { JsonLinesError, parseJsonLine, parseJsonLines } from './json-lines.js';
export { compareStreamEvents, diffEventStreams, diffEventStreamsAsync } from './diff.js';
export type { DifferenceKind, DifferenceSide, StreamDifference } from './diff.js';
export { formatDifference } from './format-difference.js';
export type { DifferenceLabels } from './format-difference.js';
export { fieldByteRange } from './field-offsets.js';
export type { ByteRange } from './field-offsets.js';
export { hexContext } from './hex-context.js';
export { compareToGolden, GOLDEN_UPDATE_ENV } from './compare-to-golden.js';
export type { GoldenOptions, GoldenResult } from './compare-to-golden.js';
export { fanotifyMatchers } from './matchers.js';
export type { FanotifyGoldenMatchers, GoldenMatcherContext, GoldenMatcherResult } from './matchers.js';
