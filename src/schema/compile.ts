/**
 * Turns a declared struct into its codec: a view class with one getter per field at a fixed
 * offset, a bounds check that fills in the variable-length tail, a plain-object reader, a JSON
 * renderer and an exact writer. The code comes from one generator (`struct-source.ts`): built
 * into `src/generated/structs.ts` for the spec/ structs, which the codec layer hands in
 * (`compileStructWith`), and compiled here with `new Function` for any other struct. Where
 * `new Function` is forbidden (a Content-Security-Policy without `unsafe-eval`) the interpreted
 * code (`interpret.ts`) serves instead, so user schemas work everywhere.
 *
 * @packageDocumentation
 */
import { badValue } from './encode-errors.js';
import { fromHex, toHex } from '../text/hex.js';
import { isUtf8, nameFromString, nameToString } from '../text/names.js';
import type { Field } from './fields.js';
import type { StructInput, StructValue } from './infer.js';
import { fitsScalar, type ScalarField } from './scalar.js';
import type { FieldLayout, StructSchema } from './struct.js';
import { structDeps, type GeneratedStruct, type StructDeps } from './generated-struct.js';
import { explainer, interpretedStruct, type BindIssue, type Explainer } from './interpret.js';
import { renderStructBody, structIdentifier } from './struct-source.js';
import type { StructViewBase } from './view-base.js';

export type { BindIssue } from './interpret.js';

/** A JSON-ready plain object (what `toJSON()` returns). @public */
export type JsonObject = { [key: string]: JsonValue };
/** A JSON-ready value. @public */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

/** Where a compiled struct's code comes from (see {@link CompiledStruct.code}). */
type StructCodeSource = CompiledStruct['code'];

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
  /** Whether build-time generated code backs this codec (`code === 'generated'`). */
  readonly generated: boolean;
  /**
   * Where its code comes from: `'generated'` at build time (the spec/ structs), `'compiled'` from
   * the same generator at run time, or `'interpreted'` where run-time compilation is forbidden (a
   * Content-Security-Policy without `unsafe-eval`).
   */
  readonly code: 'generated' | 'compiled' | 'interpreted';
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

let compilations = 0;

/**
 * The generator's code for `schema`, compiled now (its own source text, so V8 keeps each
 * struct's feedback apart); `null` where run-time compilation is not allowed (an `EvalError`
 * under a Content-Security-Policy without `unsafe-eval`).
 */
function compiledCode(schema: StructSchema): GeneratedStruct | null {
  const body = renderStructBody(schema, { ts: false, tag: `fanotify-codec struct ${structIdentifier(schema)} #${++compilations}` });
  let factory: (deps: StructDeps) => GeneratedStruct;
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    factory = new Function('deps', body) as typeof factory;
  } catch (error) {
    if (error instanceof EvalError) return null;
    throw error;
  }
  return factory(structDeps);
}

/**
 * Compiles a struct schema into its codec. Call once per schema (at module load) and reuse.
 *
 * @public
 */
export function compileStruct<S extends StructSchema>(schema: S, options: CompileOptions = {}): CompiledStruct<S> {
  void options;
  return compileStructWith(schema, 'compile');
}

/**
 * {@link compileStruct} with the code chosen by the caller: the code generated for this schema
 * at build time (as the codec layer hands it in for the spec/ structs), `'compile'` (the same
 * generator at run time, interpreted where that is forbidden) or `'interpret'`.
 *
 * @internal
 */
export function compileStructWith<S extends StructSchema>(schema: S, code: GeneratedStruct | 'compile' | 'interpret'): CompiledStruct<S> {
  const reference = explainer(schema);
  const compiled = code === 'compile' ? compiledCode(schema) : null;
  const source: StructCodeSource = typeof code === 'object' ? 'generated' : compiled ? 'compiled' : 'interpreted';
  return assemble(schema, typeof code === 'object' ? code : (compiled ?? interpretedStruct(schema, reference)), source, reference);
}

/** The codec around one struct's code: failures explained by the interpreted check, JSON and tails shared by every source. */
function assemble<S extends StructSchema>(schema: S, code: GeneratedStruct, source: StructCodeSource, reference: Explainer): CompiledStruct<S> {
  const { layout } = schema;
  const tailSlots = 2 * layout.tailCount;
  const tail = layout.fields.filter((f) => f.tailIndex >= 0);
  const fast = code.check;
  // The straight-line check decides; only a failure pays for the explanation (the interpreted check explains itself).
  const check: GeneratedStruct['check'] =
    fast === reference.check
      ? fast
      : (dv, u8, o, end, le, slots, base) => {
          const content = fast(dv, u8, o, end, le, slots, base);
          return content >= 0 ? content : reference.check(dv, u8, o, end, le, slots, base);
        };
  const { point, write } = code;
  const bind = (view: StructViewBase, dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean): BindIssue | undefined => {
    const own = view._tb === 0 && view._t.length >= tailSlots ? view._t : new Int32Array(tailSlots);
    const content = check(dv, u8, offset, end, le, own, 0);
    point(view, dv, u8, offset, end, le, own, 0);
    return content < 0 ? reference.lastIssue() : undefined;
  };
  const encodeTails = (input: Readonly<Record<string, unknown>>, path: string): Uint8Array[] => tail.map((f) => tailBytes(f.field, input[f.name], path, f.name));
  const compiled: CompiledStruct<S> = {
    schema,
    View: code.View,
    generated: source === 'generated',
    code: source,
    tailSlots,
    bind,
    check,
    point,
    lastIssue: reference.lastIssue,
    toObject: code.toObject as CompiledStruct<S>['toObject'],
    toJSON: toJSONOf(layout.fields),
    encodeTails,
    measure: (input, path, tails = encodeTails(input, path)) => tails.reduce((size, t, k) => size + t.length + (tail[k]!.field.kind === 'cstring' ? 1 : 0), layout.fixedEnd),
    write: (input, dv, u8, offset, le, path, preset, tails = encodeTails(input, path)) => write(input, dv, u8, offset, le, path, preset, tails),
    fromJSON: fromJSONOf<S>(layout.fields),
  };
  return Object.freeze(compiled);
}
