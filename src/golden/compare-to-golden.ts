/**
 * Comparing actual fanotify bytes with a golden file (raw `.bin` bytes, or the `.jsonl` form
 * `decode` prints), with optional normalization and an update mode that rewrites the golden.
 *
 * @packageDocumentation
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ByteOrder } from '../codec/byte-order.js';
import { viewsOf } from '../codec/byte-order.js';
import { fanotifyCodec } from '../codec/codec.js';
import { FanotifyDecodeError } from '../errors.js';
import { rejectUnknownOptions } from '../fanotify-codec-error.js';
import { diffEventStreams, type StreamDifference } from './diff.js';
import { formatDifference } from './format-difference.js';
import { EventNormalizer, type NormalizeOptions } from './normalize.js';
import { normalizedStream } from './normalized-stream.js';
import { streamEventsOfBytes, streamEventsOfJsonLines, type StreamEvent } from './stream-event.js';

/** Environment variable that turns on update mode (`FANOTIFY_GOLDEN_UPDATE=1`). @public */
export const GOLDEN_UPDATE_ENV = 'FANOTIFY_GOLDEN_UPDATE';

/** Options of {@link compareToGolden}. @public */
export interface GoldenOptions {
  /** Compare normalized forms (pids, fds, fsids, handles, mount ids → placeholders); an object chooses kinds to keep. */
  readonly normalize?: boolean | NormalizeOptions;
  /**
   * Rewrite the golden file with the actual stream when they differ (or it is missing). Default:
   * on when `FANOTIFY_GOLDEN_UPDATE=1`. A `.jsonl` golden is written normalized when
   * `normalize` is on, so it is the same on every machine.
   */
  readonly update?: boolean;
  /** Byte order of the actual bytes and of a `.bin` golden (default: the host's). */
  readonly byteOrder?: ByteOrder;
}

/** Outcome of {@link compareToGolden}. @public */
export interface GoldenResult {
  /** The actual stream matches the golden (or the golden was just updated to it). */
  readonly pass: boolean;
  /** The golden file was (re)written. */
  readonly updated: boolean;
  /** The golden file compared against (as given). */
  readonly goldenPath: string;
  /** The first difference, when they differ. */
  readonly difference: StreamDifference | undefined;
  /** A report for people: the difference with hex context, or why nothing could be compared. */
  readonly message: string;
}

function isJsonLinesPath(path: string): boolean {
  return path.endsWith('.jsonl') || path.endsWith('.ndjson');
}

function updateRequested(options: GoldenOptions): boolean {
  if (options.update !== undefined) return options.update;
  const flag = typeof process === 'undefined' ? undefined : process.env[GOLDEN_UPDATE_ENV];
  return flag === '1' || flag === 'true';
}

function normalizeOptions(options: GoldenOptions): NormalizeOptions | undefined {
  if (!options.normalize) return undefined;
  return options.normalize === true ? {} : options.normalize;
}

function goldenText(actual: Uint8Array, options: GoldenOptions): string {
  const n = normalizeOptions(options);
  const normalizer = n ? new EventNormalizer(n) : undefined;
  let text = '';
  for (const ev of fanotifyCodec.decodeEvents(actual, { byteOrder: options.byteOrder })) {
    const json = ev.toJSON();
    text += JSON.stringify(normalizer ? normalizer.event(json) : json) + '\n';
  }
  return text;
}

function goldenEvents(goldenPath: string, options: GoldenOptions): Iterable<StreamEvent> {
  if (isJsonLinesPath(goldenPath)) return streamEventsOfJsonLines(readFileSync(goldenPath, 'utf8'), options.byteOrder);
  return streamEventsOfBytes(new Uint8Array(readFileSync(goldenPath)), options.byteOrder);
}

function write(goldenPath: string, actual: Uint8Array, options: GoldenOptions): void {
  mkdirSync(dirname(goldenPath), { recursive: true });
  writeFileSync(goldenPath, isJsonLinesPath(goldenPath) ? goldenText(actual, options) : actual);
}

/**
 * Compares `actual` (bytes read from a fanotify fd, or built with `goldenStream()`) with the
 * golden file at `goldenPath`: a `.jsonl`/`.ndjson` file is the JSON Lines form `decode`
 * prints, anything else raw bytes. Never throws for malformed input: the result says what went
 * wrong.
 *
 * @example
 * ```ts
 * const r = compareToGolden(bytes, 'test/golden/create.jsonl', { normalize: true });
 * if (!r.pass) throw new Error(r.message);
 * ```
 * @public
 */
export function compareToGolden(actual: Uint8Array | ArrayBufferView | ArrayBuffer, goldenPath: string, options: GoldenOptions = {}): GoldenResult {
  rejectUnknownOptions('compareToGolden', options, ['normalize', 'update', 'byteOrder'] satisfies (keyof GoldenOptions)[]);
  const bytes = viewsOf(actual).u8;
  const fail = (message: string, difference?: StreamDifference): GoldenResult => ({ pass: false, updated: false, goldenPath, difference, message });
  try {
    fanotifyCodec.validateEvents(bytes, { byteOrder: options.byteOrder });
  } catch (error) {
    if (error instanceof FanotifyDecodeError) return fail(`the actual bytes are malformed (the golden file was not touched): ${error.message}`);
    throw error;
  }
  const update = updateRequested(options);
  if (!existsSync(goldenPath)) {
    if (update) {
      write(goldenPath, bytes, options);
      return { pass: true, updated: true, goldenPath, difference: undefined, message: `wrote new golden file ${goldenPath}` };
    }
    return fail(`golden file ${goldenPath} does not exist; run with ${GOLDEN_UPDATE_ENV}=1 (or { update: true }) to create it`);
  }
  const n = normalizeOptions(options);
  const actualEvents = streamEventsOfBytes(bytes, options.byteOrder);
  // A golden that does not parse is reported as a malformed side B, like any other difference.
  const expected = goldenEvents(goldenPath, options);
  const difference = n ? diffEventStreams(normalizedStream(actualEvents, n), normalizedStream(expected, n)) : diffEventStreams(actualEvents, expected);
  if (!difference) return { pass: true, updated: false, goldenPath, difference: undefined, message: `matches ${goldenPath}` };
  const report = formatDifference(difference, { a: 'actual', b: goldenPath });
  if (update) {
    write(goldenPath, bytes, options);
    return { pass: true, updated: true, goldenPath, difference, message: `updated ${goldenPath}; it differed:\n${report}` };
  }
  return fail(`${n ? 'normalized ' : ''}actual stream differs from ${goldenPath} (set ${GOLDEN_UPDATE_ENV}=1 to accept it)\n${report}`, difference);
}
