/**
 * Where a field of an event's JSON form lives in the event's bytes, computed from the same
 * struct layouts the codec compiles (spec/), so difference reports can point at bytes.
 *
 * @packageDocumentation
 */
import { kernelRecords, unknownRecordStruct } from '../../spec/records.js';
import { fanotify_event_metadata } from '../../spec/structs/event-metadata.js';
import type { JsonObject, JsonValue } from '../schema/compile.js';
import type { StructSchema } from '../schema/struct.js';
import { FAN_EVENT_METADATA_LEN } from '../generated/constants.js';
import { fromHex } from '../text/hex.js';
import { nameFromString } from '../text/names.js';

/** A byte range `[start, end)` relative to the start of an event. @public */
export interface ByteRange {
  /** Offset of the first byte. */
  readonly start: number;
  /** Offset just past the last byte. */
  readonly end: number;
}


/** JSON keys that render another field (names, hex twins): they point at that field's bytes. */
const RENDERED_FROM: Readonly<Record<string, string>> = { mask_names: 'mask', info_type_name: 'info_type', name_hex: 'name' };

function structOf(infoType: JsonValue | undefined): StructSchema {
  return kernelRecords.find((r) => r.infoType === infoType)?.struct ?? unknownRecordStruct;
}

function tailLength(record: JsonObject, name: string, kind: string, lengthField: string | undefined, remaining: number): number | undefined {
  if (kind === 'bytes') {
    const n = record[lengthField!];
    return typeof n === 'number' ? n : undefined;
  }
  if (kind === 'cstring') {
    const hex = record[`${name}_hex`];
    const text = record[name];
    const bytes = typeof hex === 'string' ? fromHex(hex) : typeof text === 'string' ? nameFromString(text) : undefined;
    return bytes ? bytes.length + 1 : undefined;
  }
  return remaining;
}

function rangeInStruct(schema: StructSchema, record: JsonObject, field: string, start: number, frameLen: number): ByteRange | undefined {
  const target = RENDERED_FROM[field] ?? field;
  let cursor = schema.layout.fixedEnd;
  for (const f of schema.layout.fields) {
    if (f.offset !== undefined) {
      if (f.name === target) return { start: start + f.offset, end: start + f.offset + (f.field as { size: number }).size };
      continue;
    }
    const length = tailLength(record, f.name, f.field.kind, f.field.kind === 'bytes' ? f.field.lengthField : undefined, frameLen - cursor);
    if (length === undefined) return undefined;
    if (f.name === target) return { start: start + cursor, end: start + cursor + length };
    cursor += length;
  }
  return undefined;
}

/**
 * The bytes of a field of `event` (its JSON form), relative to the event's first byte:
 * `field` of the metadata when `recordIndex` is undefined, else `field` of `info[recordIndex]`;
 * the whole record when `field` is undefined. Returns `undefined` when the JSON does not say
 * enough (a normalized or hand-written event without lengths).
 *
 * @example
 * ```ts
 * fieldByteRange(ev.toJSON(), 0, 'name'); // { start: 44, end: 48 } for a DFID_NAME with an 8-byte handle
 * ```
 * @public
 */
export function fieldByteRange(event: JsonObject, recordIndex: number | undefined, field: string | undefined): ByteRange | undefined {
  if (recordIndex === undefined) {
    if (field === undefined) return typeof event['event_len'] === 'number' ? { start: 0, end: event['event_len'] } : undefined;
    return rangeInStruct(fanotify_event_metadata, event, field, 0, FAN_EVENT_METADATA_LEN);
  }
  const info = event['info'];
  if (!Array.isArray(info) || recordIndex >= info.length) return undefined;
  let start = FAN_EVENT_METADATA_LEN;
  for (let j = 0; j < recordIndex; j++) {
    const len = (info[j] as JsonObject | undefined)?.['len'];
    if (typeof len !== 'number') return undefined;
    start += len;
  }
  const record = info[recordIndex] as JsonObject;
  const len = record['len'];
  if (typeof len !== 'number') return undefined;
  if (field === undefined) return { start, end: start + len };
  return rangeInStruct(structOf(record['info_type']), record, field, start, len);
}
