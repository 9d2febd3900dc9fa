/**
 * Turns a declared struct into its codec: a view class with one getter per field at a fixed
 * offset, a bounds check that fills in the variable-length tail, a plain-object reader, a JSON
 * renderer and an exact writer. Closures only: no `eval`/`new Function`, so strict CSPs work.
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
import { generatedStructs } from '../generated/structs.js';
import { layoutFingerprint } from './fingerprint.js';
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
   * Use the code generated at build time for this exact layout, when there is some (default
   * true). `false` forces the runtime compiler, which is the reference the generated code is
   * tested against.
   */
  readonly useGenerated?: boolean;
}

/**
 * Compiles a struct schema into its codec. Call once per schema (at module load) and reuse.
 *
 * @public
 */
export function compileStruct<S extends StructSchema>(schema: S, options: CompileOptions = {}): CompiledStruct<S> {
  const { layout } = schema;
  const generated = options.useGenerated === false ? undefined : generatedStructs.get(layoutFingerprint(schema));
  const fields = layout.fields;
  const tailSlots = 2 * layout.tailCount;

  let View: new () => StructViewBase;
  if (generated) View = generated.View;
  else {
    View = class extends StructViewBase {
      constructor() {
        super();
        initViewFields(this);
      }
    };
    Object.defineProperty(View, 'name', { value: `${schema.name}_view` });
    for (const f of fields) Object.defineProperty(View.prototype, f.name, { get: getterFor(f), configurable: false });
  }

    const fixedEnd = layout.fixedEnd;
  const holes = layout.holes;
  // The variable-length tail as flat arrays, so `check` walks it without lookups.
  const tail = fields.filter((f) => f.tailIndex >= 0);
  const tailKind = tail.map((f) => (f.field.kind === 'bytes' ? TAIL_BYTES : f.field.kind === 'cstring' ? TAIL_CSTRING : TAIL_REST));
  const tailLengthOffset = tail.map((f) => {
    if (f.field.kind !== 'bytes') return -1;
    const lengthField = f.field.lengthField;
    return fields.find((g) => g.name === lengthField)!.offset!;
  });
  const tailLengthKind = tail.map((f) => {
    if (f.field.kind !== 'bytes') return 'u8' as ScalarKind;
    const lengthField = f.field.lengthField;
    return (fields.find((g) => g.name === lengthField)!.field as ScalarField).scalar;
  });
  let lastIssue: BindIssue | undefined;

  function truncated(offset: number, end: number): number {
    const missing = fields.find((f) => f.offset !== undefined && offset + f.offset + (f.field as ScalarField).size > end) ?? fields[0]!;
    lastIssue = { code: 'TRUNCATED', field: missing.name, offset: end, detail: `${schema.name} needs ${fixedEnd} bytes, ${end - offset} available` };
    return -1;
  }

  function runtimeCheck(dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean, slots: Int32Array, base: number): number {
    if (end - offset < fixedEnd) return truncated(offset, end);
    for (let h = 0; h < holes.length; h++) {
      const [start, stop] = holes[h]!;
      for (let i = offset + start; i < offset + stop; i++) {
        if (u8[i] !== 0) {
          lastIssue = { code: 'NONZERO_PADDING', field: 'padding', offset: i, detail: `implicit padding byte is 0x${u8[i]!.toString(16)}, the kernel writes 0` };
          return -1;
        }
      }
    }
    let cursor = offset + fixedEnd;
    for (let k = 0; k < tailKind.length; k++) {
      const kind = tailKind[k];
      const slot = base + 2 * k;
      if (kind === TAIL_BYTES) {
        const at = offset + tailLengthOffset[k]!;
        const length = Number(readScalar(dv, at, tailLengthKind[k]!, le));
        if (length > end - cursor) {
          const f = tail[k]!;
          const lengthField = (f.field as { lengthField: string }).lengthField;
          lastIssue = { code: 'FIELD_PAST_RECORD', field: lengthField, offset: at, detail: `${lengthField} = ${length} but only ${end - cursor} bytes remain for ${f.name}` };
          return -1;
        }
        slots[slot] = cursor;
        slots[slot + 1] = length;
        cursor += length;
      } else if (kind === TAIL_CSTRING) {
        // A bounded scan: never look past this frame for the terminator.
        let nul = cursor;
        while (nul < end && u8[nul] !== 0) nul++;
        if (nul >= end) {
          lastIssue = { code: 'NAME_WITHOUT_NUL', field: tail[k]!.name, offset: cursor, detail: `${tail[k]!.name} has no NUL terminator within its ${end - offset}-byte frame` };
          return -1;
        }
        if (nul - cursor < (tail[k]!.field as CStringField).minLength) {
          const f = tail[k]!;
          lastIssue = { code: 'BAD_RECORD', field: f.name, offset: cursor, detail: `${f.name} is ${nul - cursor} bytes long, at least ${(f.field as CStringField).minLength} expected` };
          return -1;
        }
        slots[slot] = cursor;
        slots[slot + 1] = nul - cursor;
        cursor = nul + 1;
      } else {
        slots[slot] = cursor;
        slots[slot + 1] = end - cursor;
        cursor = end;
      }
    }
    return cursor;
  }

  // Generated straight-line code decides; only a failure pays for the runtime check's explanation.
  const generatedCheck = generated?.check;
  const check = generatedCheck
    ? (dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean, slots: Int32Array, base: number): number => {
        const content = generatedCheck(dv, u8, offset, end, le, slots, base);
        return content >= 0 ? content : runtimeCheck(dv, u8, offset, end, le, slots, base);
      }
    : runtimeCheck;

  function runtimePoint(view: StructViewBase, dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean, slots: Int32Array, base: number): void {
    view._dv = dv;
    view._u8 = u8;
    view._o = offset;
    view._end = end;
    view._le = le;
    view._t = slots;
    view._tb = base;
  }

  const point = generated?.point ?? runtimePoint;

  function bind(view: StructViewBase, dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean): BindIssue | undefined {
    const own = view._tb === 0 && view._t.length >= tailSlots ? view._t : new Int32Array(tailSlots);
    const content = check(dv, u8, offset, end, le, own, 0);
    point(view, dv, u8, offset, end, le, own, 0);
    return content < 0 ? lastIssue : undefined;
  }

  // Plain objects are built by filling a clone of a template with the struct's field order,
  // so every object of one struct shares one hidden class.
  const names = fields.map((f) => f.name);
  const getters = fields.map((f) => getterFor(f));
  const template: Record<string, unknown> = {};
  for (const name of names) template[name] = undefined;

  const generatedToObject = generated?.toObject;
  function toObject(view: StructViewBase, copyBytes = true, type?: string): StructValue<S> {
    if (generatedToObject) return generatedToObject(view, copyBytes, type) as StructValue<S>;
    const out: Record<string, unknown> = type === undefined ? { ...template } : { type, ...template };
    for (let i = 0; i < names.length; i++) {
      const value = getters[i]!.call(view);
      out[names[i]!] = copyBytes && value instanceof Uint8Array ? value.slice() : value;
    }
    return out as StructValue<S>;
  }

  function toJSON(view: StructViewBase, out: JsonObject): JsonObject {
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
  }

  const tailFieldsOf = tail;
  // For each length field, the index (in `tail`) of the bytes field it counts.
  const countedTailIndex = new Map(tail.flatMap((f, k) => (f.field.kind === 'bytes' ? [[f.field.lengthField, k] as const] : [])));

  function encodeTails(input: Readonly<Record<string, unknown>>, path: string): Uint8Array[] {
    const out: Uint8Array[] = [];
    for (const f of tailFieldsOf) out.push(tailBytes(f.field, input[f.name], path, f.name));
    return out;
  }

  function measure(input: Readonly<Record<string, unknown>>, path: string, tails: readonly Uint8Array[] = encodeTails(input, path)): number {
    let size = fixedEnd;
    for (let k = 0; k < tails.length; k++) size += tails[k]!.length + (tailKind[k] === TAIL_CSTRING ? 1 : 0);
    return size;
  }

  const generatedWrite = generated?.write;
  function write(
    input: Readonly<Record<string, unknown>>,
    dv: DataView,
    u8: Uint8Array,
    offset: number,
    le: boolean,
    path: string,
    preset?: Readonly<Record<string, number | bigint>>,
    tails: readonly Uint8Array[] = encodeTails(input, path),
  ): number {
    if (generatedWrite) return generatedWrite(input, dv, u8, offset, le, path, preset, tails);
    u8.fill(0, offset, offset + fixedEnd);
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      const field = f.field;
      if (field.kind === 'scalar') {
        let value = preset !== undefined && f.name in preset ? preset[f.name] : input[f.name];
        const counted = countedTailIndex.get(f.name);
        if (counted !== undefined) {
          const actual = tails[counted]!.length;
          if (value === undefined) value = actual;
          else if (Number(value) !== actual) {
            throw lengthMismatch(path, f.name, value, tail[counted]!.name, actual);
          }
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
      const bytes = tails[k]!;
      u8.set(bytes, cursor);
      cursor += bytes.length;
      if (tailKind[k] === TAIL_CSTRING) u8[cursor++] = 0;
    }
    return cursor;
  }

  function fromJSON(json: Readonly<Record<string, unknown>>, path: string): StructInput<S> {
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
      } else if (field.kind === 'cstring') {
        const hex = json[`${f.name}_hex`];
        if (hex !== undefined) {
          const bytes = typeof hex === 'string' ? fromHex(hex) : undefined;
          if (!bytes) throw badValue(`${fieldPath}_hex`, 'a hex string', hex);
          out[f.name] = bytes;
        } else if (typeof value === 'string') out[f.name] = nameFromString(value);
        else throw badValue(fieldPath, 'a string', value);
      } else {
        const bytes = typeof value === 'string' ? fromHex(value) : undefined;
        if (!bytes) throw badValue(fieldPath, 'a hex string', value);
        out[f.name] = bytes;
      }
    }
    return out as StructInput<S>;
  }

  return Object.freeze({ schema, View, generated: generated !== undefined, tailSlots, bind, check, point, lastIssue: () => lastIssue, toObject, toJSON, encodeTails, measure, write, fromJSON });
}
