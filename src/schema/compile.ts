/**
 * Turns a declared struct into its codec: a view class with one getter per field at a fixed
 * offset, a bounds check that fills in the variable-length tail, a plain-object reader, a JSON
 * renderer and an exact writer. Closures only: no `eval`/`new Function`, so strict CSPs work.
 * The schema layer knows no generated code: the codec layer hands in what it generated for its
 * own structs (`compileStructWith`).
 *
 * @packageDocumentation
 */
import type { DecodeErrorReason } from '../errors.js';
import { badScalar, badValue, lengthMismatch } from './encode-errors.js';
import { fromHex, toHex } from '../text/hex.js';
import { isUtf8, nameFromString, nameToString } from '../text/names.js';
import type { ArrayField, CStringField, Field } from './fields.js';
import type { StructInput, StructValue } from './infer.js';
import { fitsScalar, readScalar, scalarReaders, writeScalar, type ScalarField, type ScalarKind } from './scalar.js';
import type { FieldLayout, StructSchema } from './struct.js';
import type { GeneratedStruct } from './generated-struct.js';
import { initViewFields, StructViewBase } from './view-base.js';

/** A problem found while binding a view to bytes. @public */
export interface BindIssue {
  /** Error code to report. */
  readonly code: DecodeErrorReason;
  /** Field at fault (the kernel's name). */
  readonly field: string;
  /** Absolute offset of the problem inside the bound buffer. */
  readonly offset: number;
  /** Human-readable explanation. */
  readonly detail: string;
}

/** A JSON-ready plain object (what `toJSON()` returns). @public */
export type JsonObject = { [key: string]: JsonValue };
/** A JSON-ready value. @public */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

/**
 * The codec generated from one struct schema.
 *
 * @public
 */
export interface CompiledStruct<S extends StructSchema = StructSchema> {
  /** The schema this was compiled from. */
  readonly schema: S;
  /** View class: one getter per field. */
  readonly View: new () => StructViewBase;
  /** Whether build-time generated code backs this codec (else the runtime compiler does). */
  readonly generated: boolean;
  /**
   * Points `view` at `[offset, end)` of `dv` and checks that every field lies inside it, filling
   * in the tail fields' offsets. Returns `undefined` when the view is safe to read.
   */
  bind(view: StructViewBase, dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean): BindIssue | undefined;
  /** Number of Int32 slots the tail offsets of one instance take (2 per variable-length field). */
  readonly tailSlots: number;
  /**
   * Validates `[offset, end)` without a view: writes the tail fields' start/length into
   * `slots[base…]` and returns the end of the last field, or -1 (see `lastIssue`). Allocates
   * nothing on success.
   */
  check(dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean, slots: Int32Array, base: number): number;
  /** Points a view at bytes that `check` accepted, reusing the slots it filled. */
  point(view: StructViewBase, dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean, slots: Int32Array, base: number): void;
  /** The problem behind the last -1 from `check`. */
  lastIssue(): BindIssue | undefined;
  /**
   * Copies every field out of a bound view into a plain object (byte fields copied, or left as
   * views into the bound buffer when `copyBytes` is false). `type` becomes the first key when given.
   */
  toObject(view: StructViewBase, copyBytes?: boolean, type?: string): StructValue<S>;
  /** Renders a bound view's fields in the JSON form (u64 as decimal strings, bytes as hex, names readable and lossless). */
  toJSON(view: StructViewBase, out: JsonObject): JsonObject;
  /** The bytes of `input`'s variable-length fields (names UTF-8 encoded), validated; pass them on to `measure` and `write`. */
  encodeTails(input: Readonly<Record<string, unknown>>, path: string): Uint8Array[];
  /** Bytes the fields of `input` occupy (fixed part plus tail), without frame padding. */
  measure(input: Readonly<Record<string, unknown>>, path: string, tails?: readonly Uint8Array[]): number;
  /**
   * Writes `input` at `offset` (holes zeroed) and returns the end of the last field. Validates
   * every value. `preset` values (lengths and tags an enclosing frame computed) win over `input`'s.
   */
  write(
    input: Readonly<Record<string, unknown>>,
    dv: DataView,
    u8: Uint8Array,
    offset: number,
    le: boolean,
    path: string,
    preset?: Readonly<Record<string, number | bigint>>,
    tails?: readonly Uint8Array[],
  ): number;
  /** Converts the JSON form back into an encoder input (hex to bytes, decimal strings to `bigint`). */
  fromJSON(json: Readonly<Record<string, unknown>>, path: string): StructInput<S>;
}

type Getter = (this: StructViewBase) => unknown;

// Runtime getters close over their field's reader and offset. The kernel's own structs use the
// generated straight-line views instead (src/generated/structs.ts); these serve user schemas.
function scalarGetter(kind: ScalarKind, off: number): Getter {
  const read = scalarReaders[kind];
  return function (this: StructViewBase) {
    return read(this._dv, this._o + off, this._le);
  };
}

function arrayGetter(field: ArrayField, off: number): Getter {
  const { element, count } = field;
  const read = scalarReaders[element.scalar];
  const size = element.size;
  // Pairs (`__kernel_fsid_t`) are by far the common case: build them without a loop.
  if (count === 2) {
    return function (this: StructViewBase) {
      const o = this._o + off;
      return [read(this._dv, o, this._le), read(this._dv, o + size, this._le)];
    };
  }
  return function (this: StructViewBase) {
    const out = new Array<number | bigint>(count);
    for (let i = 0; i < count; i++) out[i] = read(this._dv, this._o + off + i * size, this._le);
    return out;
  };
}

function tailGetter(slot: number): Getter {
  return function (this: StructViewBase) {
    const i = this._tb + slot;
    const start = this._t[i]!;
    return this._u8.subarray(start, start + this._t[i + 1]!);
  };
}

const TAIL_BYTES = 0;
const TAIL_CSTRING = 1;
const TAIL_REST = 2;

function getterFor(layout: FieldLayout): Getter {
  const { field, offset } = layout;
  if (field.kind === 'scalar') return scalarGetter(field.scalar, offset!);
  if (field.kind === 'array') return arrayGetter(field, offset!);
  return tailGetter(2 * layout.tailIndex);
}

// `path` and `name` are joined only when the value is bad: encoding builds no strings.
function checkScalar(field: ScalarField, value: unknown, path: string, name: string): number | bigint {
  const v = value === undefined ? field.defaultValue : value;
  if (!fitsScalar(field.scalar, v)) throw badScalar(path, name, field.scalar, value);
  return v as number | bigint;
}

function tailBytes(field: Field, value: unknown, base: string, name: string): Uint8Array {
  if (field.kind === 'cstring') {
    const bytes = typeof value === 'string' ? nameFromString(value) : value;
    if (!(bytes instanceof Uint8Array)) throw badValue(`${base}.${name}`, 'a name (string or Uint8Array)', value);
    if (bytes.includes(0)) throw badValue(`${base}.${name}`, 'a name without NUL bytes', value);
    if (bytes.length < field.minLength) throw badValue(`${base}.${name}`, `a name of at least ${field.minLength} byte(s)`, value);
    return bytes;
  }
  if (!(value instanceof Uint8Array)) throw badValue(`${base}.${name}`, 'a Uint8Array', value);
  return value;
}

function jsonScalar(field: ScalarField, value: number | bigint): JsonValue {
  if (field.format === 'hex') {
    const unsigned = typeof value === 'bigint' ? BigInt.asUintN(field.size * 8, value) : value >>> 0;
    return '0x' + unsigned.toString(16);
  }
  // 64-bit values go out as decimal strings (as protobuf's JSON mapping does): exact in every JSON parser.
  return typeof value === 'bigint' ? value.toString() : value;
}

function parseJsonScalar(field: ScalarField, value: unknown, path: string): number | bigint {
  let parsed: unknown = value;
  if (typeof value === 'string' && /^(-?[0-9]+|0x[0-9a-fA-F]+)$/.test(value)) parsed = BigInt(value);
  if (typeof parsed === 'bigint' && field.size < 8) parsed = Number(parsed);
  if (typeof parsed === 'number' && field.size === 8 && Number.isSafeInteger(parsed)) parsed = BigInt(parsed);
  if (!fitsScalar(field.scalar, parsed)) throw badValue(path, `an integer that fits ${field.scalar} (number or decimal/0x string)`, value);
  return parsed as number | bigint;
}

/** Options of {@link compileStruct}. @public */
export interface CompileOptions {
  /**
   * Ignored. The schema layer always compiles at run time; the codec layer hands the code
   * generated for its own structs to the compiler itself (`src/codec/structs.ts`).
   *
   * @deprecated Has no effect.
   */
  readonly useGenerated?: boolean;
}

/** The variable-length tail of a layout as flat arrays, so `check` walks it without lookups. */
interface Tail {
  readonly fields: readonly FieldLayout[];
  readonly kind: readonly number[];
  /** Offset of the counting field of each bytes field (-1 for others). */
  readonly lengthOffset: readonly number[];
  readonly lengthKind: readonly ScalarKind[];
}

function tailOf(fields: readonly FieldLayout[]): Tail {
  const tail = fields.filter((f) => f.tailIndex >= 0);
  const source = (f: FieldLayout): FieldLayout | undefined => (f.field.kind === 'bytes' ? fields.find((g) => g.name === (f.field as { lengthField: string }).lengthField) : undefined);
  return {
    fields: tail,
    kind: tail.map((f) => (f.field.kind === 'bytes' ? TAIL_BYTES : f.field.kind === 'cstring' ? TAIL_CSTRING : TAIL_REST)),
    lengthOffset: tail.map((f) => source(f)?.offset ?? -1),
    lengthKind: tail.map((f) => ((source(f)?.field as ScalarField | undefined)?.scalar ?? 'u8')),
  };
}

/** The runtime view class: one getter per field on the prototype. */
function runtimeViewClass(schema: StructSchema): new () => StructViewBase {
  const View = class extends StructViewBase {
    constructor() {
      super();
      initViewFields(this);
    }
  };
  Object.defineProperty(View, 'name', { value: `${schema.name}_view` });
  for (const f of schema.layout.fields) Object.defineProperty(View.prototype, f.name, { get: getterFor(f), configurable: false });
  return View;
}

type Check = CompiledStruct['check'];

/** The runtime bounds check and the explanation of its last failure. */
function runtimeCheck(schema: StructSchema, tail: Tail): { check: Check; lastIssue: () => BindIssue | undefined } {
  const { fixedEnd, holes, fields } = schema.layout;
  let lastIssue: BindIssue | undefined;
  const issue = (i: BindIssue): number => {
    lastIssue = i;
    return -1;
  };
  const check: Check = (dv, u8, offset, end, le, slots, base) => {
    if (end - offset < fixedEnd) {
      const missing = fields.find((f) => f.offset !== undefined && offset + f.offset + (f.field as ScalarField).size > end) ?? fields[0]!;
      return issue({ code: 'TRUNCATED', field: missing.name, offset: end, detail: `${schema.name} needs ${fixedEnd} bytes, ${end - offset} available` });
    }
    for (const [start, stop] of holes) {
      for (let i = offset + start; i < offset + stop; i++) {
        if (u8[i] !== 0) return issue({ code: 'NONZERO_PADDING', field: 'padding', offset: i, detail: `implicit padding byte is 0x${u8[i]!.toString(16)}, the kernel writes 0` });
      }
    }
    let cursor = offset + fixedEnd;
    for (let k = 0; k < tail.kind.length && cursor >= 0; k++) cursor = checkTailField(tail, k, dv, u8, offset, cursor, end, le, slots, base + 2 * k, issue);
    return cursor;
  };
  return { check, lastIssue: () => lastIssue };
}

/** Checks tail field `k` starting at `cursor`, records its start and length, returns where the next begins (or -1 via `issue`). */
function checkTailField(tail: Tail, k: number, dv: DataView, u8: Uint8Array, offset: number, cursor: number, end: number, le: boolean, slots: Int32Array, slot: number, issue: (i: BindIssue) => number): number {
  const f = tail.fields[k]!;
  const kind = tail.kind[k];
  let length: number;
  let next: number;
  if (kind === TAIL_BYTES) {
    const at = offset + tail.lengthOffset[k]!;
    length = Number(readScalar(dv, at, tail.lengthKind[k]!, le));
    const lengthField = (f.field as { lengthField: string }).lengthField;
    if (length > end - cursor) return issue({ code: 'FIELD_PAST_RECORD', field: lengthField, offset: at, detail: `${lengthField} = ${length} but only ${end - cursor} bytes remain for ${f.name}` });
    next = cursor + length;
  } else if (kind === TAIL_CSTRING) {
    // A bounded scan: never look past this frame for the terminator.
    let nul = cursor;
    while (nul < end && u8[nul] !== 0) nul++;
    if (nul >= end) return issue({ code: 'NAME_WITHOUT_NUL', field: f.name, offset: cursor, detail: `${f.name} has no NUL terminator within its ${end - offset}-byte frame` });
    const min = (f.field as CStringField).minLength;
    if (nul - cursor < min) return issue({ code: 'BAD_RECORD', field: f.name, offset: cursor, detail: `${f.name} is ${nul - cursor} bytes long, at least ${min} expected` });
    length = nul - cursor;
    next = nul + 1;
  } else {
    length = end - cursor;
    next = end;
  }
  slots[slot] = cursor;
  slots[slot + 1] = length;
  return next;
}

function runtimePoint(view: StructViewBase, dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean, slots: Int32Array, base: number): void {
  view._dv = dv;
  view._u8 = u8;
  view._o = offset;
  view._end = end;
  view._le = le;
  view._t = slots;
  view._tb = base;
}

/** The runtime plain-object reader: a clone of a template in field order, so all objects of a struct share one hidden class. */
function runtimeToObject(fields: readonly FieldLayout[]): CompiledStruct['toObject'] {
  const names = fields.map((f) => f.name);
  const getters = fields.map((f) => getterFor(f));
  const template: Record<string, unknown> = {};
  for (const name of names) template[name] = undefined;
  return (view, copyBytes = true, type) => {
    const out: Record<string, unknown> = type === undefined ? { ...template } : { type, ...template };
    for (let i = 0; i < names.length; i++) {
      const value = getters[i]!.call(view);
      out[names[i]!] = copyBytes && value instanceof Uint8Array ? value.slice() : value;
    }
    return out as never;
  };
}

function toJSONOf(fields: readonly FieldLayout[]): CompiledStruct['toJSON'] {
  return (view, out) => {
    const v = view as unknown as Record<string, unknown>;
    for (const f of fields) {
      const field = f.field;
      const value = v[f.name];
      if (field.kind === 'scalar') out[f.name] = jsonScalar(field, value as number | bigint);
      else if (field.kind === 'array') out[f.name] = (value as (number | bigint)[]).map((x) => jsonScalar(field.element, x));
      else if (field.kind === 'cstring') {
        const bytes = value as Uint8Array;
        out[f.name] = nameToString(bytes);
        // Names that are not UTF-8 also carry their exact bytes, so the JSON form stays lossless.
        if (!isUtf8(bytes)) out[`${f.name}_hex`] = toHex(bytes);
      } else out[f.name] = toHex(value as Uint8Array);
    }
    return out;
  };
}

type Write = GeneratedStruct['write'];

/** The runtime writer: validates every value, zeroes the holes, lets `preset` values win (as the generated writer does). */
function runtimeWrite(schema: StructSchema, tail: Tail): Write {
  const { fields, fixedEnd } = schema.layout;
  // For each length field, the index (in the tail) of the bytes field it counts.
  const counted = new Map(tail.fields.flatMap((f, k) => (f.field.kind === 'bytes' ? [[f.field.lengthField, k] as const] : [])));
  return (input, dv, u8, offset, le, path, preset, tails) => {
    u8.fill(0, offset, offset + fixedEnd);
    for (const f of fields) {
      const field = f.field;
      if (field.kind === 'scalar') {
        const given = preset?.[f.name];
        let value = given !== undefined ? given : input[f.name];
        const k = counted.get(f.name);
        if (k !== undefined) {
          const actual = tails[k]!.length;
          if (value === undefined) value = actual;
          else if (Number(value) !== actual) throw lengthMismatch(path, f.name, value, tail.fields[k]!.name, actual);
        }
        writeScalar(dv, offset + f.offset!, field.scalar, checkScalar(field, value, path, f.name), le);
      } else if (field.kind === 'array') {
        const value = input[f.name];
        if (!Array.isArray(value) || value.length !== field.count) throw badValue(`${path}.${f.name}`, `an array of ${field.count} integers`, value);
        for (let k = 0; k < field.count; k++) {
          writeScalar(dv, offset + f.offset! + k * field.element.size, field.element.scalar, checkScalar(field.element, value[k], path, `${f.name}[${k}]`), le);
        }
      }
    }
    let cursor = offset + fixedEnd;
    for (let k = 0; k < tails.length; k++) {
      u8.set(tails[k]!, cursor);
      cursor += tails[k]!.length;
      if (tail.kind[k] === TAIL_CSTRING) u8[cursor++] = 0;
    }
    return cursor;
  };
}

function fromJSONOf<S extends StructSchema>(fields: readonly FieldLayout[]): CompiledStruct<S>['fromJSON'] {
  return (json, path) => {
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      const field = f.field;
      const value = json[f.name];
      const fieldPath = `${path}.${f.name}`;
      if (field.kind === 'scalar') {
        if (value !== undefined) out[f.name] = parseJsonScalar(field, value, fieldPath);
      } else if (field.kind === 'array') {
        if (!Array.isArray(value) || value.length !== field.count) throw badValue(fieldPath, `an array of ${field.count} integers`, value);
        out[f.name] = value.map((x: unknown, i) => parseJsonScalar(field.element, x, `${fieldPath}[${i}]`));
      } else if (field.kind === 'cstring') out[f.name] = nameFromJSON(json, f.name, fieldPath, value);
      else {
        const bytes = typeof value === 'string' ? fromHex(value) : undefined;
        if (!bytes) throw badValue(fieldPath, 'a hex string', value);
        out[f.name] = bytes;
      }
    }
    return out as StructInput<S>;
  };
}

/** A name from its JSON form: `<name>_hex` (exact bytes) wins over the readable string. */
function nameFromJSON(json: Readonly<Record<string, unknown>>, name: string, fieldPath: string, value: unknown): Uint8Array {
  const hex = json[`${name}_hex`];
  if (hex !== undefined) {
    const bytes = typeof hex === 'string' ? fromHex(hex) : undefined;
    if (!bytes) throw badValue(`${fieldPath}_hex`, 'a hex string', hex);
    return bytes;
  }
  if (typeof value === 'string') return nameFromString(value);
  throw badValue(fieldPath, 'a string', value);
}

/**
 * Compiles a struct schema into its codec. Call once per schema (at module load) and reuse.
 *
 * @public
 */
export function compileStruct<S extends StructSchema>(schema: S, options: CompileOptions = {}): CompiledStruct<S> {
  void options;
  return compileStructWith(schema, undefined);
}

/**
 * {@link compileStruct} with code generated for this schema at build time (its view class,
 * check, reader and writer; the runtime ones remain the reference and explain failures), as the
 * codec layer hands it in for the kernel's structs.
 *
 * @internal
 */
export function compileStructWith<S extends StructSchema>(schema: S, generated: GeneratedStruct | undefined): CompiledStruct<S> {
  const { layout } = schema;
  const tailSlots = 2 * layout.tailCount;
  const tail = tailOf(layout.fields);
  const reference = runtimeCheck(schema, tail);
  const fast = generated?.check;
  // Generated straight-line code decides; only a failure pays for the runtime check's explanation.
  const check: Check = fast
    ? (dv, u8, o, end, le, slots, base) => {
        const content = fast(dv, u8, o, end, le, slots, base);
        return content >= 0 ? content : reference.check(dv, u8, o, end, le, slots, base);
      }
    : reference.check;
  const point = generated?.point ?? runtimePoint;
  const bind = (view: StructViewBase, dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean): BindIssue | undefined => {
    const own = view._tb === 0 && view._t.length >= tailSlots ? view._t : new Int32Array(tailSlots);
    const content = check(dv, u8, offset, end, le, own, 0);
    point(view, dv, u8, offset, end, le, own, 0);
    return content < 0 ? reference.lastIssue() : undefined;
  };
  const write = generated?.write ?? runtimeWrite(schema, tail);
  const encodeTails = (input: Readonly<Record<string, unknown>>, path: string): Uint8Array[] => tail.fields.map((f) => tailBytes(f.field, input[f.name], path, f.name));
  const compiled: CompiledStruct<S> = {
    schema,
    View: generated?.View ?? runtimeViewClass(schema),
    generated: generated !== undefined,
    tailSlots,
    bind,
    check,
    point,
    lastIssue: reference.lastIssue,
    toObject: (generated?.toObject ?? runtimeToObject(layout.fields)) as CompiledStruct<S>['toObject'],
    toJSON: toJSONOf(layout.fields),
    encodeTails,
    measure: (input, path, tails = encodeTails(input, path)) => tails.reduce((size, t, k) => size + t.length + (tail.kind[k] === TAIL_CSTRING ? 1 : 0), layout.fixedEnd),
    write: (input, dv, u8, offset, le, path, preset, tails = encodeTails(input, path)) => write(input, dv, u8, offset, le, path, preset, tails),
    fromJSON: fromJSONOf<S>(layout.fields),
  };
  return Object.freeze(compiled);
}
