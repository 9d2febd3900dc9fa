/**
 * One event as the comparison tools see it: its JSON form, and its bytes when known (for hex
 * context). Bytes come from a decoded dump, or from encoding a JSON Lines event.
 *
 * @packageDocumentation
 */
import type { ByteOrder } from '../codec/byte-order.js';
import { fanotifyCodec } from '../codec/codec.js';
import type { JsonObject } from '../schema/compile.js';
import { parseJsonLines } from './json-lines.js';

/** An event to compare. @public */
export interface StreamEvent {
  /** The JSON form (`EventView.toJSON()`, possibly normalized). */
  readonly json: JsonObject;
  /** The event's bytes, when known. */
  readonly bytes?: Uint8Array | undefined;
  /** Stream offset of the event's first byte, when known. */
  readonly offset?: number | undefined;
  /** The JSON form was normalized, so it no longer describes every byte (bytes are then context only). */
  readonly normalized?: boolean | undefined;
}

/**
 * The events of a byte dump, strictly validated (throws `FanotifyDecodeError` at the first
 * malformed event, after yielding the ones before it).
 *
 * @public
 */
export function* streamEventsOfBytes(bytes: Uint8Array, byteOrder?: ByteOrder): Generator<StreamEvent> {
  for (const ev of fanotifyCodec.decodeEvents(bytes, { byteOrder })) {
    yield { json: ev.toJSON(), bytes: ev.bytes(), offset: ev.byteOffset };
  }
}

/**
 * Bytes of one event's JSON form, or `undefined` when it does not encode (a normalized or
 * hand-edited event): used only for hex context, never for equality.
 *
 * @internal
 */
export function bytesOfJsonEvent(json: JsonObject, index: number, byteOrder?: ByteOrder): Uint8Array | undefined {
  try {
    return fanotifyCodec.encodeEvents([fanotifyCodec.eventFromJSON(json, index)], { byteOrder });
  } catch {
    return undefined;
  }
}

/**
 * The events of a JSON Lines text (what `decode` prints). Throws `JsonLinesError` for a line
 * that is not a JSON object.
 *
 * @public
 */
export function* streamEventsOfJsonLines(text: string, byteOrder?: ByteOrder): Generator<StreamEvent> {
  let offset: number | undefined = 0;
  let index = 0;
  for (const json of parseJsonLines(text)) {
    const bytes = bytesOfJsonEvent(json, index++, byteOrder);
    yield { json, bytes, offset: bytes ? offset : undefined };
    offset = bytes && offset !== undefined ? offset + bytes.length : undefined;
  }
}
