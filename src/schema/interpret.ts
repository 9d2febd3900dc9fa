/**
 * The interpreted struct code: closures that walk the layout instead of straight-line text. It
 * serves two purposes and no third: it explains why a generated or compiled `check` returned -1
 * (`explainer`), and it is the whole codec where `new Function` is forbidden (a
 * Content-Security-Policy without `unsafe-eval`), so user schemas keep working there
 * (`interpretedStruct`). Property tests hold it against the generated code (test/schema).
 *
 * @packageDocumentation
 */
import type { DecodeErrorReason } from '../errors.js';
import { badScalar, badValue, lengthMismatch } from './encode-errors.js';
import type { CStringField } from './fields.js';
import type { GeneratedStruct } from './generated-struct.js';
import { fitsScalar, readScalar, scalarReaders, writeScalar, type ScalarField, type ScalarKind } from './scalar.js';
import type { FieldLayout, StructSchema } from './struct.js';
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

type Getter = (this: StructViewBase) => unknown;

/** The getter of one field: reads through the view's own fields, like the generated getters. */
function getterFor(layout: FieldLayout): Getter {
  const { field, offset } = layout;
  if (field.kind === 'scalar') {
    const read = scalarReaders[field.scalar];
    return function (this: StructViewBase) {
      return read(this._dv, this._o + offset!, this._le);
    };
  }
  if (field.kind === 'array') {
    const { element, count } = field;
    const read = scalarReaders[element.scalar];
    // Pairs (`__kernel_fsid_t`) are by far the common case: build them without a loop.
    if (count === 2) {
      return function (this: StructViewBase) {
        const o = this._o + offset!;
        return [read(this._dv, o, this._le), read(this._dv, o + element.size, this._le)];
      };
    }
    return function (this: StructViewBase) {
      const out = new Array<number | bigint>(count);
      for (let i = 0; i < count; i++) out[i] = read(this._dv, this._o + offset! + i * element.size, this._le);
      return out;
    };
  }
  const slot = 2 * layout.tailIndex;
  return function (this: StructViewBase) {
    const start = this._t[this._tb + slot]!;
    return this._u8.subarray(start, start + this._t[this._tb + slot + 1]!);
  };
}

function viewClass(schema: StructSchema, getters: readonly Getter[]): new () => StructViewBase {
  const View = class extends StructViewBase {
    constructor() {
      super();
      initViewFields(this);
    }
  };
  Object.defineProperty(View, 'name', { value: `${schema.name}_view` });
  schema.layout.fields.forEach((f, i) => Object.defineProperty(View.prototype, f.name, { get: getters[i], configurable: false }));
  return View;
}

function point(view: StructViewBase, dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean, slots: Int32Array, base: number): void {
  view._dv = dv;
  view._u8 = u8;
  view._o = offset;
  view._end = end;
  view._le = le;
  view._t = slots;
  view._tb = base;
}

/** The bounds check that says why: every failure records its issue (read back through `lastIssue`). @internal */
export interface Explainer {
  readonly check: GeneratedStruct['check'];
  readonly lastIssue: () => BindIssue | undefined;
}

/** Checks one tail field at `cursor`: records its start and length in `slots[slot…]`, returns where the next begins, or -1 via `issue`. */
type TailCheck = (dv: DataView, u8: Uint8Array, offset: number, cursor: number, end: number, le: boolean, slots: Int32Array, slot: number) => number;
type Issue = (i: BindIssue) => number;

/** The check of tail field `f`, with everything about its layout looked up once. */
function tailCheck(f: FieldLayout, fields: readonly FieldLayout[], issue: Issue): TailCheck {
  const field = f.field;
  const record = (slots: Int32Array, slot: number, cursor: number, length: number, next: number): number => {
    slots[slot] = cursor;
    slots[slot + 1] = length;
    return next;
  };
  if (field.kind === 'bytes') {
    const source = fields.find((g) => g.name === field.lengthField)!;
    const kind = (source.field as ScalarField).scalar;
    return (dv, u8, offset, cursor, end, le, slots, slot) => {
      const at = offset + source.offset!;
      const length = Number(readScalar(dv, at, kind, le));
      if (length > end - cursor) return issue({ code: 'FIELD_PAST_RECORD', field: source.name, offset: at, detail: `${source.name} = ${length} but only ${end - cursor} bytes remain for ${f.name}` });
      return record(slots, slot, cursor, length, cursor + length);
    };
  }
  if (field.kind === 'cstring') {
    const min = (field as CStringField).minLength;
    return (dv, u8, offset, cursor, end, le, slots, slot) => {
      // A bounded scan: never look past this frame for the terminator.
      let nul = cursor;
      while (nul < end && u8[nul] !== 0) nul++;
      if (nul >= end) return issue({ code: 'NAME_WITHOUT_NUL', field: f.name, offset: cursor, detail: `${f.name} has no NUL terminator within its ${end - offset}-byte frame` });
      if (nul - cursor < min) return issue({ code: 'BAD_RECORD', field: f.name, offset: cursor, detail: `${f.name} is ${nul - cursor} bytes long, at least ${min} expected` });
      return record(slots, slot, cursor, nul - cursor, nul + 1);
    };
  }
  return (dv, u8, offset, cursor, end, le, slots, slot) => record(slots, slot, cursor, end - cursor, end);
}

/** The interpreted bounds check of `schema`, which records why it fails. @internal */
export function explainer(schema: StructSchema): Explainer {
  const { fixedEnd, holes, fields } = schema.layout;
  let lastIssue: BindIssue | undefined;
  const issue: Issue = (i) => {
    lastIssue = i;
    return -1;
  };
  const tail = fields.filter((f) => f.tailIndex >= 0).map((f) => tailCheck(f, fields, issue));
  const check: Explainer['check'] = (dv, u8, offset, end, le, slots, base) => {
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
    for (let k = 0; k < tail.length && cursor >= 0; k++) cursor = tail[k]!(dv, u8, offset, cursor, end, le, slots, base + 2 * k);
    return cursor;
  };
  return { check, lastIssue: () => lastIssue };
}

/** An object with `names` as own data properties, in order (so even `__proto__` is a field, as in generated literals). */
function templateOf(names: readonly string[]): Record<string, unknown> {
  const template: Record<string, unknown> = {};
  for (const name of names) Object.defineProperty(template, name, { value: undefined, enumerable: true, writable: true, configurable: true });
  return template;
}

/** The plain-object reader: a clone of a template in field order (`type` first when given, unless the struct has its own), so all objects share a hidden class. */
function toObjectOf(fields: readonly FieldLayout[], getters: readonly Getter[]): GeneratedStruct['toObject'] {
  const names = fields.map((f) => f.name);
  const typed = !names.includes('type');
  const plain = templateOf(names);
  const withType = templateOf(['type', ...names]);
  return (view, copy, type) => {
    const out: Record<string, unknown> = typed && type !== undefined ? { ...withType, type } : { ...plain };
    for (let i = 0; i < names.length; i++) {
      const value = getters[i]!.call(view);
      out[names[i]!] = copy !== false && value instanceof Uint8Array ? value.slice() : value;
    }
    return out;
  };
}

/** Validates one scalar and writes it (64-bit kinds take safe-integer numbers too). */
function putScalar(dv: DataView, at: number, field: ScalarField, value: unknown, le: boolean, path: string, name: string): void {
  let v = value;
  if (typeof v === 'number' && field.size === 8 && Number.isSafeInteger(v)) v = BigInt(v);
  if (!fitsScalar(field.scalar, v) || typeof v !== (field.size === 8 ? 'bigint' : 'number')) throw badScalar(path, name, field.scalar, v);
  writeScalar(dv, at, field.scalar as ScalarKind, v as number | bigint, le);
}

/** The writer: zeroes the holes, lets `preset` values win, checks counted lengths, validates every value. */
function writeOf(schema: StructSchema): GeneratedStruct['write'] {
  const { fields, fixedEnd, holes } = schema.layout;
  const tail = fields.filter((f) => f.tailIndex >= 0);
  const counted = new Map(tail.flatMap((f) => (f.field.kind === 'bytes' ? [[f.field.lengthField, f] as const] : [])));
  return (input, dv, u8, offset, le, path, preset, tails) => {
    for (const [start, stop] of holes) u8.fill(0, offset + start, offset + stop);
    for (const f of fields) {
      const field = f.field;
      if (field.kind === 'scalar') {
        let v = preset !== undefined && preset[f.name] !== undefined ? preset[f.name] : input[f.name];
        const bytes = counted.get(f.name);
        const actual = bytes && tails[bytes.tailIndex]!.length;
        if (bytes && v === undefined) v = actual;
        else if (bytes && Number(v) !== actual) throw lengthMismatch(path, f.name, v, bytes.name, actual!);
        if (v === undefined) v = field.defaultValue;
        putScalar(dv, offset + f.offset!, field, v, le, path, f.name);
      } else if (field.kind === 'array') {
        const a = input[f.name];
        if (!Array.isArray(a) || a.length !== field.count) throw badValue(`${path}.${f.name}`, `an array of ${field.count} integers`, a);
        a.forEach((x: unknown, i) => putScalar(dv, offset + f.offset! + i * field.element.size, field.element, x, le, path, `${f.name}[${i}]`));
      }
    }
    let cursor = offset + fixedEnd;
    for (const f of tail) {
      u8.set(tails[f.tailIndex]!, cursor);
      cursor += tails[f.tailIndex]!.length;
      if (f.field.kind === 'cstring') u8[cursor++] = 0;
    }
    return cursor;
  };
}

/** The whole struct code, interpreted: what `compileStruct` uses where `new Function` is forbidden. @internal */
export function interpretedStruct(schema: StructSchema, explain: Explainer = explainer(schema)): GeneratedStruct {
  const getters = schema.layout.fields.map(getterFor);
  const { check } = explain;
  return { View: viewClass(schema, getters), point, check, toObject: toObjectOf(schema.layout.fields, getters), write: writeOf(schema) };
}
