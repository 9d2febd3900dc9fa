/**
 * Turns a declared struct into its codec: a view class with one getter per field at a fixed
 * offset, a bounds check that fills in the variable-length tail, a plain-object reader, a JSON
 * renderer and an exact writer. Closures only: no `eval`/`new Function`, so strict CSPs work.
 *
 * @packageDocumentation
 */
import { FanotifyEncodeError, type DecodeErrorCode } from '../errors.js';
import { fromHex, toHex } from '../text/hex.js';
import { isUtf8, nameFromString, nameToString } from '../text/names.js';
import type { ArrayField, Field } from './fields.js';
import type { StructInput, StructValue } from './infer.js';
import { fitsScalar, readScalar, writeScalar, type ScalarField, type ScalarKind } from './scalar.js';
import type { FieldLayout, StructSchema } from './struct.js';
import { StructViewBase } from './view-base.js';

/** A problem found while binding a view to bytes. @public */
export interface BindIssue {
  /** Error code to report. */
  readonly code: DecodeErrorCode;
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
  /**
   * Points `view` at `[offset, end)` of `dv` and checks that every field lies inside it, filling
   * in the tail fields' offsets. Returns `undefined` when the view is safe to read.
   */
  bind(view: StructViewBase, dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean): BindIssue | undefined;
  /** Copies every field out of a bound view into a plain object that owns its bytes. */
  toObject(view: StructViewBase): StructValue<S>;
  /** Renders a bound view's fields in the JSON form (u64 as decimal strings, bytes as hex, names readable and lossless). */
  toJSON(view: StructViewBase, out: JsonObject): JsonObject;
  /** Bytes the fields of `input` occupy (fixed part plus tail), without frame padding; validates the tail. */
  measure(input: Readonly<Record<string, unknown>>, path: string): number;
  /** Writes `input` at `offset` (holes zeroed) and returns the end of the last field. Validates every value. */
  write(input: Readonly<Record<string, unknown>>, dv: DataView, u8: Uint8Array, offset: number, le: boolean, path: string): number;
  /** Converts the JSON form back into an encoder input (hex to bytes, decimal strings to `bigint`). */
  fromJSON(json: Readonly<Record<string, unknown>>, path: string): StructInput<S>;
}

type Getter = (this: StructViewBase) => unknown;

function scalarGetter(kind: ScalarKind, off: number): Getter {
  switch (kind) {
    case 'u8':
      return function (this: StructViewBase) {
        return this._dv.getUint8(this._o + off);
      };
    case 's8':
      return function (this: StructViewBase) {
        return this._dv.getInt8(this._o + off);
      };
    case 'u16':
      return function (this: StructViewBase) {
        return this._dv.getUint16(this._o + off, this._le);
      };
    case 's16':
      return function (this: StructViewBase) {
        return this._dv.getInt16(this._o + off, this._le);
      };
    case 'u32':
      return function (this: StructViewBase) {
        return this._dv.getUint32(this._o + off, this._le);
      };
    case 's32':
      return function (this: StructViewBase) {
        return this._dv.getInt32(this._o + off, this._le);
      };
    case 'u64':
      return function (this: StructViewBase) {
        return this._dv.getBigUint64(this._o + off, this._le);
      };
    case 's64':
      return function (this: StructViewBase) {
        return this._dv.getBigInt64(this._o + off, this._le);
      };
  }
}

function arrayGetter(field: ArrayField, off: number): Getter {
  const { element, count } = field;
  return function (this: StructViewBase) {
    const out = new Array<number | bigint>(count);
    for (let i = 0; i < count; i++) out[i] = readScalar(this._dv, this._o + off + i * element.size, element.scalar, this._le);
    return out;
  };
}

function tailGetter(slot: number): Getter {
  return function (this: StructViewBase) {
    const start = this._t[slot]!;
    return this._u8.subarray(start, start + this._t[slot + 1]!);
  };
}

function getterFor(layout: FieldLayout): Getter {
  const { field, offset } = layout;
  if (field.kind === 'scalar') return scalarGetter(field.scalar, offset!);
  if (field.kind === 'array') return arrayGetter(field, offset!);
  return tailGetter(2 * layout.tailIndex);
}

function describe(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (value instanceof Uint8Array) return `Uint8Array(${value.length})`;
  return String(value);
}

function badValue(path: string, expected: string, value: unknown): FanotifyEncodeError {
  return new FanotifyEncodeError('BAD_VALUE', path, `expected ${expected}, got ${describe(value)}`);
}

function checkScalar(field: ScalarField, value: unknown, path: string): number | bigint {
  const v = value === undefined ? field.defaultValue : value;
  if (!fitsScalar(field.scalar, v)) throw badValue(path, `an integer that fits ${field.scalar}`, value);
  return v as number | bigint;
}

function tailBytes(field: Field, value: unknown, path: string): Uint8Array {
  if (field.kind === 'cstring') {
    const bytes = typeof value === 'string' ? nameFromString(value) : value;
    if (!(bytes instanceof Uint8Array)) throw badValue(path, 'a name (string or Uint8Array)', value);
    if (bytes.includes(0)) throw badValue(path, 'a name without NUL bytes', value);
    return bytes;
  }
  if (!(value instanceof Uint8Array)) throw badValue(path, 'a Uint8Array', value);
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

/**
 * Compiles a struct schema into its codec. Call once per schema (at module load) and reuse.
 *
 * @public
 */
export function compileStruct<S extends StructSchema>(schema: S): CompiledStruct<S> {
  const { layout } = schema;
  const fields = layout.fields;
  const tailSlots = 2 * layout.tailCount;

  class View extends StructViewBase {
    constructor() {
      super();
      if (tailSlots > 0) this._t = new Array<number>(tailSlots).fill(0);
    }
  }
  Object.defineProperty(View, 'name', { value: `${schema.name}_view` });
  for (const f of fields) {
    Object.defineProperty(View.prototype, f.name, { get: getterFor(f), enumerable: true, configurable: false });
  }

  const byName = new Map(fields.map((f) => [f.name, f]));
  const lengthSources = new Set(fields.flatMap((f) => (f.field.kind === 'bytes' ? [f.field.lengthField] : [])));

  function bind(view: StructViewBase, dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean): BindIssue | undefined {
    view._dv = dv;
    view._u8 = u8;
    view._o = offset;
    view._end = end;
    view._le = le;
    if (end - offset < layout.fixedEnd) {
      const missing = fields.find((f) => f.offset !== undefined && offset + f.offset + (f.field as ScalarField).size > end) ?? fields[0]!;
      return { code: 'TRUNCATED', field: missing.name, offset: end, detail: `${schema.name} needs ${layout.fixedEnd} bytes, ${end - offset} available` };
    }
    for (const [start, stop] of layout.holes) {
      for (let i = offset + start; i < offset + stop; i++) {
        if (u8[i] !== 0) return { code: 'NONZERO_PADDING', field: schema.name, offset: i, detail: `implicit padding byte is 0x${u8[i]!.toString(16)}, the kernel writes 0` };
      }
    }
    let cursor = offset + layout.fixedEnd;
    if (tailSlots === 0) {
      view._content = cursor;
      return undefined;
    }
    const t = view._t;
    for (const f of fields) {
      if (f.tailIndex < 0) continue;
      const slot = 2 * f.tailIndex;
      const field = f.field;
      let length: number;
      if (field.kind === 'bytes') {
        const source = byName.get(field.lengthField)!;
        length = Number(readScalar(dv, offset + source.offset!, (source.field as ScalarField).scalar, le));
        if (length > end - cursor) {
          return { code: 'FIELD_PAST_RECORD', field: field.lengthField, offset: offset + source.offset!, detail: `${field.lengthField} = ${length} but only ${end - cursor} bytes remain for ${f.name}` };
        }
        t[slot] = cursor;
        t[slot + 1] = length;
        cursor += length;
      } else if (field.kind === 'cstring') {
        const nul = u8.indexOf(0, cursor);
        if (nul < 0 || nul >= end) return { code: 'NAME_WITHOUT_NUL', field: f.name, offset: cursor, detail: `${f.name} has no NUL terminator within its ${end - offset}-byte frame` };
        t[slot] = cursor;
        t[slot + 1] = nul - cursor;
        cursor = nul + 1;
      } else {
        t[slot] = cursor;
        t[slot + 1] = end - cursor;
        cursor = end;
      }
    }
    view._content = cursor;
    return undefined;
  }

  function toObject(view: StructViewBase): StructValue<S> {
    const out: Record<string, unknown> = {};
    const v = view as unknown as Record<string, unknown>;
    for (const f of fields) {
      const value = v[f.name];
      out[f.name] = value instanceof Uint8Array ? value.slice() : value;
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

  function measure(input: Readonly<Record<string, unknown>>, path: string): number {
    let size = layout.fixedEnd;
    for (const f of fields) {
      if (f.tailIndex < 0) continue;
      const bytes = tailBytes(f.field, input[f.name], `${path}.${f.name}`);
      size += bytes.length + (f.field.kind === 'cstring' ? 1 : 0);
    }
    return size;
  }

  function write(input: Readonly<Record<string, unknown>>, dv: DataView, u8: Uint8Array, offset: number, le: boolean, path: string): number {
    u8.fill(0, offset, offset + layout.fixedEnd);
    for (const f of fields) {
      const field = f.field;
      const fieldPath = `${path}.${f.name}`;
      if (field.kind === 'scalar') {
        let value = input[f.name];
        if (lengthSources.has(f.name)) {
          const counted = fields.find((c) => c.field.kind === 'bytes' && c.field.lengthField === f.name)!;
          const actual = tailBytes(counted.field, input[counted.name], `${path}.${counted.name}`).length;
          if (value === undefined) value = actual;
          else if (Number(value) !== actual) {
            throw new FanotifyEncodeError('LENGTH_MISMATCH', fieldPath, `${f.name} is ${describe(value)} but ${counted.name} has ${actual} bytes`);
          }
        }
        writeScalar(dv, offset + f.offset!, field.scalar, checkScalar(field, value, fieldPath), le);
      } else if (field.kind === 'array') {
        const value = input[f.name];
        if (!Array.isArray(value) || value.length !== field.count) throw badValue(fieldPath, `an array of ${field.count} integers`, value);
        value.forEach((x: unknown, i) => writeScalar(dv, offset + f.offset! + i * field.element.size, field.element.scalar, checkScalar(field.element, x, `${fieldPath}[${i}]`), le));
      }
    }
    let cursor = offset + layout.fixedEnd;
    for (const f of fields) {
      if (f.tailIndex < 0) continue;
      const bytes = tailBytes(f.field, input[f.name], `${path}.${f.name}`);
      u8.set(bytes, cursor);
      cursor += bytes.length;
      if (f.field.kind === 'cstring') u8[cursor++] = 0;
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

  return Object.freeze({ schema, View, bind, toObject, toJSON, measure, write, fromJSON });
}
