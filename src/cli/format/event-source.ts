/**
 * Reading events from either kind of input the inspection commands accept: a byte dump (what
 * read() returned) or JSON Lines (what `decode` prints). The kind is detected from the first
 * byte: `{` starts JSON Lines and can never start a dump (event_len is a multiple of 4, and
 * 0x7b is not).
 *
 * @packageDocumentation
 */
import type { ByteOrder } from '../../codec/byte-order.js';
import { EventStreamDecoder } from '../../codec/stream.js';
import { bytesOfJsonEvent, type StreamEvent } from '../../golden/stream-event.js';
import { UsageError } from '../command.js';
import { readJsonLines } from './json-lines-reader.js';

/** Kind of an input stream. @internal */
export type InputKind = 'bytes' | 'jsonl';

const OPEN_BRACE = 0x7b;

/** `--from bytes|jsonl|auto` to an input kind (`undefined` = detect). @internal */
export function parseInputKind(value: string | undefined): InputKind | undefined {
  if (value === undefined || value === 'auto') return undefined;
  if (value === 'bytes' || value === 'jsonl') return value;
  throw new UsageError(`--from must be bytes, jsonl or auto, got '${value}'`);
}

/** Options of {@link readStreamEvents}. @internal */
export interface StreamEventOptions {
  /** Input kind; detected from the first byte when undefined. */
  readonly kind?: InputKind | undefined;
  readonly byteOrder?: ByteOrder | undefined;
  /** The decoder's `maxEventLength` for byte dumps (`--max-event-len`). */
  readonly maxEventLength?: number | undefined;
  /** Keep each event's bytes (for hex context: copied from dumps, encoded from JSON Lines); off when only the JSON is needed. */
  readonly withBytes?: boolean;
}

async function* prepend(first: Uint8Array, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield first;
  for (let r = await rest.next(); !r.done; r = await rest.next()) yield r.value;
}

/** The first non-empty chunk of `chunks` (undefined for empty input) and all chunks, that one included. @internal */
export async function peekChunks(chunks: AsyncIterable<Uint8Array>): Promise<{ first: Uint8Array | undefined; all: AsyncIterable<Uint8Array> }> {
  const it = chunks[Symbol.asyncIterator]();
  for (let r = await it.next(); !r.done; r = await it.next()) {
    if (r.value.length > 0) return { first: r.value, all: prepend(r.value, it) };
  }
  return { first: undefined, all: (async function* () {})() };
}

/**
 * Whether an input starting with `first` is one JSON document spread over lines (a capture
 * sidecar, pretty-printed) rather than JSON Lines: its first line is a lone `{`.
 *
 * @internal
 */
export function looksLikeJsonDocument(first: Uint8Array): boolean {
  const newline = first.indexOf(0x0a);
  const line = new TextDecoder().decode(first.subarray(0, newline < 0 ? first.length : newline)).trim();
  return line === '{';
}

async function* bytesEvents(chunks: AsyncIterable<Uint8Array>, options: StreamEventOptions): AsyncGenerator<StreamEvent> {
  const decoder = new EventStreamDecoder({ byteOrder: options.byteOrder, ...(options.maxEventLength === undefined ? {} : { maxEventLength: options.maxEventLength }) });
  for await (const chunk of chunks) {
    const base = decoder.bytesDecoded;
    // Views die at the next push(): copy what the consumer may hold on to.
    for (const ev of decoder.push(chunk)) yield { json: ev.toJSON(), bytes: options.withBytes ? ev.bytes().slice() : undefined, offset: base + ev.byteOffset };
  }
  decoder.end();
}

async function* jsonEvents(chunks: AsyncIterable<Uint8Array>, options: StreamEventOptions): AsyncGenerator<StreamEvent> {
  let offset: number | undefined = 0;
  let index = 0;
  for await (const { json } of readJsonLines(chunks)) {
    const bytes = options.withBytes ? bytesOfJsonEvent(json, index, options.byteOrder) : undefined;
    yield { json, bytes, offset: bytes ? offset : undefined };
    offset = bytes && offset !== undefined ? offset + bytes.length : undefined;
    index++;
  }
}

/**
 * The events of `chunks`, whichever kind it is. Malformed input surfaces as the codec's
 * `FanotifyDecodeError` or a `JsonLinesError`, after the events before it.
 *
 * @internal
 */
export async function* readStreamEvents(chunks: AsyncIterable<Uint8Array>, options: StreamEventOptions = {}): AsyncGenerator<StreamEvent> {
  const { first, all } = await peekChunks(chunks);
  if (!first) return;
  yield* inputKindOf(first, options.kind) === 'jsonl' ? jsonEvents(all, options) : bytesEvents(all, options);
}

/** The kind of an input that starts with `first`, unless `kind` says. @internal */
export function inputKindOf(first: Uint8Array, kind: InputKind | undefined): InputKind {
  return kind ?? (first[0] === OPEN_BRACE ? 'jsonl' : 'bytes');
}
