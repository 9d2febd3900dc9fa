/**
 * `decode`'s JSON Lines, written straight into output bytes: byte for byte what
 * `JSON.stringify(event.toJSON())` prints, without building the JSON object or a string per
 * value. The writer of each struct is assembled once from its schema's layout (field order,
 * kinds and formats), so it follows `spec/` as `toJSON` does; test/cli/json-writer.test.ts holds
 * the two against each other on every record type and on arbitrary names and handles.
 *
 * @packageDocumentation
 */
import { kernelRecords, unknownRecordStruct } from '../../../spec/records.js';
import { fanotify_event_metadata } from '../../../spec/structs/event-metadata.js';
import type { EventView } from '../../codec/codec.js';
import { maskNames } from '../../codec/mask-names.js';
import type { Field } from '../../schema/fields.js';
import type { ScalarField } from '../../schema/scalar.js';
import type { StructSchema } from '../../schema/struct.js';
import { isUtf8, nameToString } from '../../text/names.js';
import { ascii, ByteBuilder } from './byte-builder.js';

const QUOTE = 0x22;

function writeScalar(out: ByteBuilder, field: ScalarField, value: number | bigint): void {
  if (field.format === 'hex') {
    const unsigned = typeof value === 'bigint' ? BigInt.asUintN(field.size * 8, value) : value >>> 0;
    out.text(`"0x${unsigned.toString(16)}"`);
  } else if (typeof value === 'bigint') {
    // 64-bit values are decimal strings in the JSON form (exact in every parser).
    out.byte(QUOTE);
    out.text(value.toString());
    out.byte(QUOTE);
  } else out.int(value);
}

/**
 * A name as a JSON string, plus `,"<key>_hex":"…"` when it is not UTF-8. Names without bytes
 * that JSON escapes are copied verbatim (valid UTF-8 is its own JSON text); the rest go through
 * `JSON.stringify` as `toJSON` does.
 */
function writeName(out: ByteBuilder, bytes: Uint8Array, hexKey: Uint8Array): void {
  let plain = true;
  let wide = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x20 || b === 0x22 || b === 0x5c) plain = false;
    else if (b >= 0x80) wide = true;
  }
  const utf8 = !wide || isUtf8(bytes);
  if (plain && utf8) {
    out.byte(QUOTE);
    out.copy(bytes);
    out.byte(QUOTE);
    return;
  }
  out.utf8(JSON.stringify(nameToString(bytes)));
  if (utf8) return;
  out.bytes(hexKey);
  out.hex(bytes);
  out.byte(QUOTE);
}

/**
 * A writer's source, as parts: constant ASCII text, or code. Adjacent texts are merged, so a
 * key follows the previous value in one copy (`","pad":` after a constant name).
 */
type Part = { readonly text: string } | { readonly code: string };

/**
 * The parts that write one field (key included) of `v`. Property names are literals, so each
 * generated writer's loads stay monomorphic (a shared closure reading `view[name]` is several
 * times slower); field descriptors go into the constants `k`.
 */
function fieldParts(name: string, field: Field, first: boolean, k: unknown[]): Part[] {
  const constant = (value: unknown): string => `k[${k.push(value) - 1}]`;
  const get = `v[${JSON.stringify(name)}]`;
  const key = `${first ? '' : ','}"${name}":`;
  switch (field.kind) {
    case 'scalar':
      if (field.format !== 'hex' && field.size < 8) return [{ text: key }, { code: `out.int(${get});` }];
      return [{ text: key }, { code: `writeScalar(out, ${constant(field)}, ${get});` }];
    case 'array': {
      const e = field.element;
      const element = e.format !== 'hex' && e.size < 8 ? 'out.int(a[i]);' : `writeScalar(out, ${constant(e)}, a[i]);`;
      return [{ text: `${key}[` }, { code: `{ const a = ${get}; for (let i = 0; i < a.length; i++) { if (i > 0) out.byte(0x2c); ${element} } }` }, { text: ']' }];
    }
    case 'cstring':
      return [{ text: key }, { code: `writeName(out, ${get}, ${constant(ascii(`,"${name}_hex":"`))});` }];
    default:
      return [{ text: `${key}"` }, { code: `out.hex(${get});` }, { text: '"' }];
  }
}

/** Writes a struct's part of the JSON form of `view` to `out`. */
type StructWriter = (out: ByteBuilder, view: object) => void;

/** Compiles a writer from parts (`out`, `v` and the constants `k` in scope of the code). */
function compile(parts: readonly Part[], k: unknown[]): StructWriter {
  const lines: string[] = [];
  let text = '';
  const flush = (): void => {
    if (text.length === 1) lines.push(`out.byte(${text.charCodeAt(0)});`);
    else if (text !== '') lines.push(`out.bytes(k[${k.push(ascii(text)) - 1}]);`);
    text = '';
  };
  for (const part of parts) {
    if ('text' in part) text += part.text;
    else {
      flush();
      lines.push(part.code);
    }
  }
  flush();
  const make = new Function('k', 'writeScalar', 'writeName', `return function write(out, v) {\n${lines.join('\n')}\n};`) as (k: unknown[], ws: typeof writeScalar, wn: typeof writeName) => StructWriter;
  return make(k, writeScalar, writeName);
}

/**
 * The writer of a record: `{"info_type":…,"info_type_name":"…",<the other fields>}`, the
 * order `toJSON` gives. Unknown records are named by their view (`unknown(N)`).
 */
function recordWriter(schema: StructSchema, constantName: string | undefined): StructWriter {
  const k: unknown[] = [];
  const name: Part[] = constantName === undefined ? [{ text: ',"info_type_name":"' }, { code: 'out.text(v.infoTypeName);' }, { text: '"' }] : [{ text: `,"info_type_name":"${constantName}"` }];
  const fields = schema.layout.fields.filter((f) => f.name !== 'info_type').flatMap((f) => fieldParts(f.name, f.field, false, k));
  return compile([{ text: '{"info_type":' }, { code: 'out.int(v.info_type);' }, ...name, ...fields, { text: '}' }], k);
}

/**
 * The writer of the metadata: `{` and its fields in layout order, the mask as hex followed by
 * `mask_names` (`maskText` renders both), then `,"info":[`.
 */
function metadataWriter(maskText: (mask: bigint) => Uint8Array): StructWriter {
  const k: unknown[] = [maskText];
  const fields = fanotify_event_metadata.layout.fields.flatMap((f, i) => (f.name === 'mask' ? [{ text: `${i === 0 ? '' : ','}"mask":` }, { code: 'out.bytes(k[0](v.mask));' }] : fieldParts(f.name, f.field, i === 0, k)));
  return compile([{ text: '{' }, ...fields, { text: ',"info":[' }], k);
}

const RECORD_WRITERS = new Map<string, StructWriter>([
  ...kernelRecords.map((r) => [r.type, recordWriter(r.struct, r.constantName)] as const),
  ['unknown', recordWriter(unknownRecordStruct, undefined)],
]);
const UNKNOWN_WRITER = RECORD_WRITERS.get('unknown')!;

/** Distinct masks remembered with their rendered text (a stream has few; the bound keeps hostile input in constant memory). */
const MASK_CACHE_LIMIT = 4096;

/**
 * JSON Lines writer for events of the kernel's record types (`fanotifyCodec`): appends each
 * event's line to `out`; the caller takes `out`'s blocks and writes them.
 *
 * @internal
 */
export class EventJsonWriter {
  private readonly masks = new Map<bigint, Uint8Array>();
  private readonly metadata = metadataWriter((mask) => this.maskText(mask));

  constructor(readonly out: ByteBuilder = new ByteBuilder()) {}

  private maskText(mask: bigint): Uint8Array {
    let text = this.masks.get(mask);
    if (text === undefined) {
      if (this.masks.size >= MASK_CACHE_LIMIT) this.masks.clear();
      text = ascii(`"0x${mask.toString(16)}","mask_names":${JSON.stringify(maskNames(mask))}`);
      this.masks.set(mask, text);
    }
    return text;
  }

  /** Appends one event as a JSON line. */
  event(ev: EventView): void {
    const out = this.out;
    // Worst case: every byte of the event as an escaped name (\u00XX) or hex, plus keys and the mask's names.
    out.reserve(4096 + ev.event_len * 16);
    this.metadata(out, ev);
    let n = 0;
    for (const r of ev.records()) {
      if (n++ > 0) out.byte(0x2c);
      (RECORD_WRITERS.get(r.type) ?? UNKNOWN_WRITER)(out, r);
    }
    out.byte(0x5d);
    out.byte(0x7d);
    out.byte(0x0a);
  }
}
