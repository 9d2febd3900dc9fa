/**
 * `decode`'s JSON Lines, written straight from the codec's cursor into output bytes: byte for
 * byte what `JSON.stringify(event.toJSON())` prints, without a view, a JSON object or a string
 * per value. Numbers come from the cursor's fields, handles are hex of the buffer range the
 * cursor points at, names are copied from it. The writer's code is generated from the
 * schemas' layouts (field order, kinds and formats), so it follows `spec/` as `toJSON` does;
 * test/cli/json-writer.test.ts holds the two against each other on every record type and on
 * arbitrary names and handles.
 *
 * @packageDocumentation
 */
import { kernelRecords, unknownRecordStruct, type KernelRecordSchema } from '../../../spec/records.js';
import { fanotify_event_metadata } from '../../../spec/structs/event-metadata.js';
import type { ByteOrder } from '../../codec/byte-order.js';
import type { EventView } from '../../codec/codec.js';
import type { EventCursor } from '../../codec/cursor.js';
import { eventCursor } from '../../codec/default-codec.js';
import { maskNames } from '../../codec/mask-names.js';
import { infoTypeName } from '../../codec/record-table.js';
import type { FieldLayout, StructSchema } from '../../schema/struct.js';
import type { ScalarField } from '../../schema/scalar.js';
import { isUtf8, nameToString } from '../../text/names.js';
import { EXACT_HI, TWO_32 } from '../../codec/u64-words.js';
import { ascii, asciiWords, ByteBuilder, writeAscii, writeHex, writeInt, writeWords, type AsciiWords } from './byte-builder.js';

const QUOTE = 0x22;

/** A 64-bit value from its words, as the JSON form prints it: decimal (a string) or `"0x…"`. */
function wideText(lo: number, hi: number, signed: boolean, hex: boolean): string {
  if (hex) return `"0x${((BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0)).toString(16)}"`;
  if (hi >= -EXACT_HI && hi < EXACT_HI) return `"${hi * TWO_32 + lo}"`;
  const unsigned = (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
  return `"${signed ? BigInt.asIntN(64, unsigned) : unsigned}"`;
}

/**
 * A name (`u8[start, start + length)`) as a JSON string, plus `,"<key>_hex":"…"` when it is not
 * UTF-8, appended to `out`. Names without bytes that JSON escapes are copied verbatim (valid
 * UTF-8 is its own JSON text); the rest go through `JSON.stringify` as `toJSON` does.
 */
function writeName(out: ByteBuilder, u8: Uint8Array, start: number, length: number, hexKey: Uint8Array): void {
  const bytes = u8.subarray(start, start + length);
  const utf8 = isUtf8(bytes);
  if (utf8 && !bytes.some((b) => b < 0x20 || b === 0x22 || b === 0x5c)) {
    // Valid UTF-8 without bytes JSON escapes is its own JSON text.
    out.byte(QUOTE);
    out.bytes(bytes);
    out.byte(QUOTE);
    return;
  }
  out.utf8(JSON.stringify(nameToString(bytes)));
  if (utf8) return;
  out.bytes(hexKey);
  out.hex(u8, start, start + length);
  out.byte(QUOTE);
}

/**
 * Source that writes name `<get>` (`<get>_start`, `<get>_length` into `u8`): ASCII without
 * bytes JSON escapes (nearly every name) is copied inline while scanned; any other byte sends
 * the name to {@link writeName}.
 */
function nameCode(get: string, hexKey: string): string {
  return [
    `{ const s = ${get}_start, e = s + ${get}_length; let q = p + 1, i = s;`,
    '  buf[p] = 34;',
    '  for (; i < e; i++) { const b = u8[i]; if (b < 0x20 || b === 0x22 || b === 0x5c || b >= 0x80) break; buf[q++] = b; }',
    `  if (i === e) { buf[q] = 34; p = q + 1; } else { ${viaOut(`writeName(out, u8, s, e - s, ${hexKey});`)} } }`,
  ].join('\n');
}

/**
 * A writer's source, as parts: constant ASCII text, or code. Adjacent texts are merged, so a
 * key follows the previous value in one store sequence (`,"pad":` after a constant name).
 * Code runs with the output block `buf`, its DataView `dv` and the position `p` as locals.
 */
type Part = { readonly text: string } | { readonly code: string };

/**
 * Code for a call that appends through `out` (rare or variable-length output): the position is
 * handed over and taken back, and the block re-read (the call may have grown it).
 */
function viaOut(call: string): string {
  return `out.pos = p; ${call} p = out.pos; buf = out.buf; dv = out.dv;`;
}

/** Source that writes a ≤32-bit scalar `value` declared as `field`. */
function scalarCode(field: ScalarField, value: string): string {
  if (field.format === 'hex') return `p = writeAscii(buf, p, '"0x' + (${value} >>> 0).toString(16) + '"');`;
  // Single digits (versions, pads, types, small lengths) without the call.
  return `{ const v = ${value}; if (v >>> 0 < 10) buf[p++] = 48 + v; else p = writeInt(buf, p, v); }`;
}

/** Source that writes a 64-bit scalar from the cursor's words `<get>_lo`/`<get>_hi`. */
function wideCode(field: ScalarField, get: string): string {
  const signed = field.scalar === 's64';
  return `p = writeAscii(buf, p, wideText(${get}_lo, ${get}_hi, ${signed}, ${field.format === 'hex'}));`;
}

/**
 * The parts that write field `f` (key included) from the cursor object `v`, by the cursor's
 * naming rule (`cursor.ts`): scalars by name (64-bit ones as `_lo`/`_hi` words), arrays as
 * `<name>_0`…, byte fields as `<name>_start`/`<name>_length` into the buffer `u8`. Property
 * names are literals, so the loads stay monomorphic; constants go into `k`.
 */
function fieldParts(v: string, f: FieldLayout, first: boolean, k: unknown[]): Part[] {
  const { name, field } = f;
  const key = `${first ? '' : ','}"${name}":`;
  const get = `${v}.${name}`;
  switch (field.kind) {
    case 'scalar':
      return [{ text: key }, { code: field.size === 8 ? wideCode(field, get) : scalarCode(field, get) }];
    case 'array': {
      // The cursor holds 64-bit array elements as doubles (inexact above 2^53): no kernel struct has one.
      if (field.element.size === 8) throw new Error(`json-writer: 64-bit array elements (${name}) are not supported`);
      const items = Array.from({ length: field.count }, (_, i): Part[] => [...(i > 0 ? [{ text: ',' }] : []), { code: scalarCode(field.element, `${get}_${i}`) }]);
      return [{ text: `${key}[` }, ...items.flat(), { text: ']' }];
    }
    case 'cstring':
      return [{ text: key }, { code: nameCode(get, `k[${k.push(ascii(`,"${name}_hex":"`)) - 1}]`) }];
    default:
      return [{ text: `${key}"` }, { code: `p = writeHex(dv, p, u8, ${get}_start, ${get}_start + ${get}_length);` }, { text: '"' }];
  }
}

/**
 * Stores of constant ASCII `text` at `p`, four bytes at a time as immediates (no loop, no load
 * of the text): the keys are most of the output, and copying them byte by byte was a quarter
 * of `decode`'s time.
 */
function constantStores(text: string): string[] {
  const b = ascii(text);
  if (b.length === 1) return [`buf[p++] = ${b[0]};`];
  const lines: string[] = [];
  let i = 0;
  for (; i + 4 <= b.length; i += 4) {
    const word = (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
    lines.push(`dv.setUint32(p + ${i}, 0x${word.toString(16)}, true);`);
  }
  if (i + 2 <= b.length) {
    lines.push(`dv.setUint16(p + ${i}, 0x${(b[i]! | (b[i + 1]! << 8)).toString(16)}, true);`);
    i += 2;
  }
  if (i < b.length) lines.push(`buf[p + ${i}] = ${b[i]};`);
  lines.push(`p += ${b.length};`);
  return lines;
}

/**
 * Constants at least this long are copied from pre-encoded words by a loop. As immediates they
 * were faster once optimized (0.57 against 0.60 s per million events) but slower over a whole
 * run: the larger writers are optimized later.
 */
const LONG_CONSTANT = 24;

/** Statements from parts (long constants go into `k`). */
function statements(parts: readonly Part[], k: unknown[]): string[] {
  const lines: string[] = [];
  let text = '';
  const flush = (): void => {
    if (text.length >= LONG_CONSTANT) lines.push(`p = writeWords(dv, p, k[${k.push(asciiWords(text)) - 1}]);`);
    else if (text !== '') lines.push(...constantStores(text));
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
  return lines;
}

/**
 * The statements writing record `r`: `{"info_type":N,"info_type_name":"…",<the other fields>}`,
 * the order `toJSON` gives. A known type's number and name are constant text; unknown ones are
 * named as their views name them (`unknown(N)`).
 */
function recordParts(schema: StructSchema, infoType: number | undefined, constantName: string | undefined, k: unknown[]): Part[] {
  const head: Part[] =
    infoType === undefined || constantName === undefined
      ? [{ text: '{"info_type":' }, { code: 'p = writeInt(buf, p, r.info_type);' }, { text: ',"info_type_name":"' }, { code: 'p = writeAscii(buf, p, infoTypeName(r.info_type));' }, { text: '"' }]
      : [{ text: `{"info_type":${infoType},"info_type_name":"${constantName}"` }];
  const fields = schema.layout.fields.filter((f) => f.name !== 'info_type');
  return [...head, ...fields.flatMap((f) => fieldParts('r', f, false, k)), { text: '}' }];
}

/** The metadata's parts: `{` and its fields in layout order, the mask as hex and `mask_names` (`self.mask` renders both). */
function metadataParts(k: unknown[]): Part[] {
  const fields = fanotify_event_metadata.layout.fields.flatMap((f, i) =>
    f.name === 'mask' ? [{ text: `${i === 0 ? '' : ','}"mask":` }, { code: 'p = writeWords(dv, p, self.mask(c.mask_lo, c.mask_hi));' }] : fieldParts('c', f, i === 0, k),
  );
  return [{ text: '{' }, ...fields, { text: ',"info":[' }];
}

/** Writes the cursor's current event as one line, reads (and so checks) its records, and returns their number, their info types in `types`. */
type EventWriter = (out: ByteBuilder, c: EventCursor<KernelRecordSchema>, u8: Uint8Array, self: EventJsonWriter, types: number[]) => number;

/** A record writer's source: `function <name>(out, r, u8, buf, dv, p)` returning the position after the record. */
function recordFunction(name: string, parts: readonly Part[], k: unknown[]): string {
  return [`function ${name}(out, r, u8, buf, dv, p) {`, ...statements(parts, k), 'return p;', '}'].join('\n');
}

/**
 * Compiles the event writer: the metadata, then a loop over the records calling the writer of
 * each kernel info type (its constant text inlined) or of unknown ones. One small function per
 * record type: as one function with every case inlined, V8 took ~200 ms to optimize the writer
 * and ran it unoptimized meanwhile. Property names are literals throughout, so V8 sees one
 * cursor class and one record class at every load.
 */
function compileEventWriter(): EventWriter {
  const k: unknown[] = [];
  const records = kernelRecords.map((r, i) => recordFunction(`record_${i}`, recordParts(r.struct, r.infoType, r.constantName, k), k));
  const cases = kernelRecords.map((r, i) => `case ${r.infoType}: p = record_${i}(out, r, u8, buf, dv, p); break;`);
  const body = [
    'let buf = out.buf, dv = out.dv, p = out.pos;',
    ...statements(metadataParts(k), k),
    'let n = 0;',
    'for (let r = c.nextRecord(); r !== null; r = c.nextRecord()) {',
    'if (n > 0) buf[p++] = 0x2c;',
    'types[n++] = r.info_type;',
    'switch (r.info_type) {',
    ...cases,
    'default: p = record_unknown(out, r, u8, buf, dv, p);',
    '}',
    // A name written through `out` may have grown the block.
    'buf = out.buf; dv = out.dv;',
    '}',
    ...constantStores(']}\n'),
    'out.pos = p;',
    'return n;',
  ];
  const source = [...records, recordFunction('record_unknown', recordParts(unknownRecordStruct, undefined, undefined, k), k), `return function writeEvent(out, c, u8, self, types) {\n${body.join('\n')}\n};`];
  const helpers = { wideText, writeName, infoTypeName, writeInt, writeAscii, writeHex, writeWords };
  const make = new Function('k', ...Object.keys(helpers), source.join('\n')) as (k: unknown[], ...h: unknown[]) => EventWriter;
  return make(k, ...Object.values(helpers));
}

/**
 * The event writer, compiled by the first {@link EventJsonWriter}: compiling it at import took
 * ~3 ms of every run that loads this module (`decode`'s; `stats` and `normalize` too when the
 * three shared one bundle).
 */
let compiledWriter: EventWriter | undefined;

/** Distinct masks remembered with their rendered text (a stream has few; the bound keeps hostile input in constant memory). */
const MASK_CACHE_LIMIT = 4096;
/** Recent masks looked up without a `Map`: 2^MASK_SLOT_BITS slots. */
const MASK_SLOT_BITS = 8;
const MASK_SLOTS = 1 << MASK_SLOT_BITS;

/** Room reserved per event: every byte of it as an escaped name (\u00XX) plus its hex, keys and the mask's names. */
function worstCase(eventLen: number): number {
  return 4096 + eventLen * 16;
}

/**
 * JSON Lines writer for events of the kernel's record types (`fanotifyCodec`): appends each
 * event's line to `out`; the caller takes `out`'s blocks and writes them.
 *
 * @internal
 */
export class EventJsonWriter {
  /** The info types of the records of the event written last (`recordCount` of them). */
  readonly types: number[] = [];
  /**
   * Rendered masks: the recent ones direct-mapped by a hash of their words (no `Map` lookup of
   * a double key per event), all of them (bounded) in `masks`. The words are kept in
   * `Float64Array`s, as a word above 2^31 is not a small integer.
   */
  private readonly slotLo = new Float64Array(MASK_SLOTS).fill(-1);
  private readonly slotHi = new Float64Array(MASK_SLOTS).fill(-1);
  private readonly slotText: AsciiWords[] = new Array<AsciiWords>(MASK_SLOTS).fill(asciiWords(''));
  private readonly masks = new Map<number | bigint, AsciiWords>();
  private readonly own: EventCursor<KernelRecordSchema>;
  private readonly writeEvent: EventWriter = (compiledWriter ??= compileEventWriter());

  /** `byteOrder`: of the views given to {@link EventJsonWriter.event} (default: the host's). */
  constructor(
    readonly out: ByteBuilder = new ByteBuilder(),
    byteOrder?: ByteOrder,
  ) {
    this.own = eventCursor(new Uint8Array(0), { byteOrder });
  }

  /** `"0x…","mask_names":[…]` of the mask with words `lo`, `hi`. */
  mask(lo: number, hi: number): AsciiWords {
    // Multiplicative hashing spreads the single bits masks are made of over the slots.
    const slot = (Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi, 0x85ebca6b)) >>> (32 - MASK_SLOT_BITS);
    if (this.slotLo[slot] === lo && this.slotHi[slot] === hi) return this.slotText[slot]!;
    const text = this.render(lo, hi);
    this.slotLo[slot] = lo;
    this.slotHi[slot] = hi;
    this.slotText[slot] = text;
    return text;
  }

  private render(lo: number, hi: number): AsciiWords {
    const key = hi < EXACT_HI ? hi * TWO_32 + lo : (BigInt(hi) << 32n) | BigInt(lo);
    let text = this.masks.get(key);
    if (text === undefined) {
      if (this.masks.size >= MASK_CACHE_LIMIT) this.masks.clear();
      const mask = (BigInt(hi) << 32n) | BigInt(lo);
      text = asciiWords(`"0x${mask.toString(16)}","mask_names":${JSON.stringify(maskNames(mask))}`);
      this.masks.set(key, text);
    }
    return text;
  }

  /**
   * Appends the cursor's current event as a JSON line, reading its records (the cursor must be
   * just after `nextEvent()`), and returns the number of records (their info types are in
   * {@link EventJsonWriter.types}). A malformed record throws the cursor's error and leaves
   * `out` as it was before the event.
   */
  cursorEvent(c: EventCursor<KernelRecordSchema>): number {
    const out = this.out;
    out.reserve(worstCase(c.byteLength));
    const start = out.pos;
    try {
      return this.writeEvent(out, c, c.buffer, this, this.types);
    } catch (error) {
      out.pos = start;
      throw error;
    }
  }

  /** Appends one event, given as a view (its bytes are read with this writer's cursor). */
  event(ev: EventView): void {
    const c = this.own.reset(ev.bytes());
    c.nextEvent();
    this.cursorEvent(c);
  }
}
