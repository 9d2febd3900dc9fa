/**
 * Puts this package's decode and a Kaitai parser's output into one comparable shape, field by
 * field, walking the same schemas the `.ksy` was generated from.
 */
import { fanotify_event_info_header, fanotify_event_metadata } from '../../../src/entries/schema.js';
import { toHex } from '../../../src/entries/golden.js';
import { type AnyRecordSchema } from '../../../src/index.js';
import { camel, type KaitaiObject } from './kaitai.js';

type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain };

/**
 * Kaitai's JavaScript runtime reads 64-bit integers as doubles, so bigints are compared as the
 * nearest double (the runtime's `2^32 * hi + lo` rounds exactly as `Number(bigint)` does).
 */
function plain(value: unknown): Plain {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Uint8Array) return toHex(value);
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  throw new Error(`unexpected value ${String(value)}`);
}

const HEADER_FIELDS = Object.keys(fanotify_event_info_header.fields);

/** This package's decode of one event, as `{ field: value }` with records as header + fields. */
export function fromCodec(event: { readonly info: readonly { readonly type: string }[] }, records: readonly AnyRecordSchema[]): Plain {
  const out: Record<string, Plain> = {};
  for (const name of Object.keys(fanotify_event_metadata.fields)) out[name] = plain((event as Record<string, unknown>)[name]);
  out['info'] = event.info.map((record) => {
    const r = record as Record<string, unknown>;
    const schema = records.find((s) => s.type === record.type);
    const names = schema ? Object.keys(schema.struct.fields) : [...HEADER_FIELDS, 'data'];
    return Object.fromEntries(names.map((name) => [name, plain(r[name])]));
  });
  return out;
}

/** A Kaitai parse of one event, in the shape of {@link fromCodec}; the padding must be zero. */
export function fromKaitai(event: KaitaiObject, records: readonly AnyRecordSchema[]): Plain {
  const out: Record<string, Plain> = {};
  for (const name of Object.keys(fanotify_event_metadata.fields)) out[name] = plain(event[camel(name)]);
  const info = (event['info'] as KaitaiObject)['records'] as KaitaiObject[];
  out['info'] = info.map((record) => {
    const header = Object.fromEntries(HEADER_FIELDS.map((name) => [name, plain(record[camel(name)])]));
    const schema = records.find((s) => s.infoType === record['infoType']);
    const body = record['body'];
    if (!schema) return { ...header, data: plain(body) };
    const fields = body as KaitaiObject;
    const padding = fields['padding'];
    if (padding instanceof Uint8Array && padding.some((b) => b !== 0)) throw new Error(`non-zero padding ${toHex(padding)}`);
    const rest = Object.keys(schema.struct.fields).slice(HEADER_FIELDS.length);
    return { ...header, ...Object.fromEntries(rest.map((name) => [name, plain(fields[camel(name)])])) };
  });
  return out;
}
