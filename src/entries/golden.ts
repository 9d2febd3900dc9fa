/**
 * `fanotify-codec/golden`: golden-file helpers for projects that produce or consume fanotify
 * streams: a builder of expected streams, normalization, a stream diff with hex context,
 * `compareToGolden`, and the `toMatchFanotifyGolden` matcher for vitest and jest.
 *
 * @packageDocumentation
 */
export { goldenStream, GoldenStreamBuilder } from '../golden/builder.js';
export type { GoldenMask, GoldenEventFields, GoldenFsid, GoldenFidFields, GoldenNameFields } from '../golden/builder.js';
export { EventNormalizer, normalizeEvents, NORMALIZED_KINDS } from '../golden/normalize.js';
export type { NormalizedKind, NormalizeOptions } from '../golden/normalize.js';
export { normalizedStream, normalizedStreamAsync } from '../golden/normalized-stream.js';
export { streamEventsOfBytes, streamEventsOfJsonLines } from '../golden/stream-event.js';
export type { StreamEvent } from '../golden/stream-event.js';
export { parseJsonLine, parseJsonLines } from '../golden/json-lines.js';
export { compareStreamEvents, diffEventStreams, diffEventStreamsAsync } from '../golden/diff.js';
export type { DifferenceKind, DifferenceSide, StreamDifference } from '../golden/diff.js';
export { formatDifference } from '../golden/format-difference.js';
export type { DifferenceLabels } from '../golden/format-difference.js';
export { fieldByteRange } from '../golden/field-offsets.js';
export type { ByteRange } from '../golden/field-offsets.js';
export { hexContext } from '../golden/hex-context.js';
export { compareToGolden, GOLDEN_UPDATE_ENV } from '../golden/compare-to-golden.js';
export type { GoldenOptions, GoldenResult } from '../golden/compare-to-golden.js';
export { fanotifyMatchers } from '../golden/matchers.js';
export type { FanotifyGoldenMatchers, GoldenMatcherContext, GoldenMatcherResult } from '../golden/matchers.js';
export { JsonLinesError } from '../golden/json-lines.js';
export { toHex, fromHex } from '../text/hex.js';
export { isUtf8, nameFromString, unescapeName } from '../text/names.js';
