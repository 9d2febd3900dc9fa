/**
 * The one generator of struct code: from a struct schema it writes the source of a factory
 * `(deps) => GeneratedStruct` with straight-line code at literal offsets (a view class, its
 * re-pointing, a bounds check, a plain-object reader and a validating writer). The build writes
 * it for the spec/ structs (`src/generated/structs.ts`, by `spec/codegen/render-structs.ts`);
 * `compileStruct` compiles the same text with `new Function` for any other struct. Only the
 * type annotations and comments differ between the two. It knows no kernel struct.
 *
 * @packageDocumentation
 */
import { scalarAccess, scalarLimits, type ScalarKind } from './scalar.js';
import type { FieldLayout, StructSchema } from './struct.js';

/** What the generated source is for. @internal */
export interface StructSourceOptions {
  /** Add TypeScript annotations and doc comments (the build-time module) or not (run-time compilation). */
  readonly ts: boolean;
  /** A comment that makes the text unique per compilation, so V8 shares no feedback between structs. */
  readonly tag: string;
}


/** The names a value expression reads through: a view's own fields, or locals copied from them. */
interface Names {
  readonly dv: string;
  readonly o: string;
  readonly le: string;
  readonly u8: string;
  readonly t: string;
  readonly tb: string;
}
const VIEW: Names = { dv: 'this._dv', o: 'this._o', le: 'this._le', u8: 'this._u8', t: 'this._t', tb: 'this._tb' };
const LOCALS: Names = { dv: 'dv', o: 'o', le: 'le', u8: 'u8', t: 't', tb: 'tb' };

/** A C identifier made of the struct's name (never anything a user could inject code with). @internal */
export function structIdentifier(schema: StructSchema): string {
  return schema.name.replace(/[^A-Za-z0-9_]/g, '_');
}

/** A field name as a property key: bare when it is a plain identifier, else a quoted, computed key. */
function key(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) && name !== '__proto__' ? name : `[${JSON.stringify(name)}]`;
}

function plus(base: string, offset: number): string {
  return offset === 0 ? base : `${base} + ${offset}`;
}

function read(kind: ScalarKind, at: string, n: Names): string {
  const [get, , endian] = scalarAccess[kind];
  return endian ? `${n.dv}.${get}(${at}, ${n.le})` : `${n.dv}.${get}(${at})`;
}

/** The expression of one field's value (byte fields as views, or copies when `copy`). */
function valueExpression(f: FieldLayout, n: Names, copy: boolean, nn: string): string {
  const field = f.field;
  if (field.kind === 'scalar') return read(field.scalar, plus(n.o, f.offset!), n);
  if (field.kind === 'array') {
    const items = Array.from({ length: field.count }, (_, i) => read(field.element.scalar, plus(n.o, f.offset! + i * field.element.size), n));
    return `[${items.join(', ')}]`;
  }
  const slot = 2 * f.tailIndex;
  const start = `${n.t}[${plus(n.tb, slot)}]${nn}`;
  return `${n.u8}.${copy ? 'slice' : 'subarray'}(${start}, ${start} + ${n.t}[${plus(n.tb, slot + 1)}]${nn})`;
}

function typeOf(f: FieldLayout): string {
  const field = f.field;
  if (field.kind === 'scalar') return scalarAccess[field.scalar][3];
  if (field.kind === 'array') return `[${Array.from({ length: field.count }, () => scalarAccess[field.element.scalar][3]).join(', ')}]`;
  return 'Uint8Array';
}

/** `(a: A, b: B): R` with annotations, `(a, b)` without. */
function signature(params: readonly (readonly [name: string, type: string])[], result: string, ts: boolean): string {
  const list = params.map(([name, type]) => (ts ? `${name}: ${type}` : name)).join(', ');
  return ts ? `(${list}): ${result}` : `(${list})`;
}

const BOUND = [['dv', 'DataView'], ['u8', 'Uint8Array'], ['offset', 'number'], ['end', 'number'], ['le', 'boolean'], ['slots', 'Int32Array'], ['base', 'number']] as const;

function renderView(schema: StructSchema, id: string, ts: boolean): string[] {
  const lines = [
    // Each class initializes its own fields: a shared initializer would be megamorphic.
    `class ${id}_View extends deps.StructViewBase {`,
    '  constructor() {',
    '    super();',
    '    this._dv = EMPTY_VIEW;',
    '    this._u8 = EMPTY_BYTES;',
    '    this._o = 0;',
    '    this._end = 0;',
    '    this._le = true;',
    '    this._t = NO_TAIL;',
    '    this._tb = 0;',
    '  }',
  ];
  for (const f of schema.layout.fields) {
    lines.push(`  get ${key(f.name)}()${ts ? `: ${typeOf(f)}` : ''} {`, `    return ${valueExpression(f, VIEW, false, ts ? '!' : '')};`, '  }');
  }
  lines.push('}');
  return lines;
}

function renderPoint(ts: boolean): string[] {
  // Each struct has its own copy, so its stores stay monomorphic.
  return [
    `function point${signature([['view', 'StructViewBase'], ...BOUND], 'void', ts)} {`,
    '  view._dv = dv;',
    '  view._u8 = u8;',
    '  view._o = offset;',
    '  view._end = end;',
    '  view._le = le;',
    '  view._t = slots;',
    '  view._tb = base;',
    '}',
  ];
}

/**
 * Statements moving `z` from where it stands to the first NUL byte before `end`, or to `end`
 * when there is none (a bounded scan: it never reads past `end`). A 4-byte word at a time while
 * one fits — a word holds a zero byte exactly when `(w - 0x01010101) & ~w & 0x80808080` is not
 * 0 — then byte by byte through the word that does. On the bench stream (names of 1-20 bytes)
 * it made the whole warm `stats` count ~3% faster than a byte loop (bench/RESULTS.md). Shared
 * by the struct checks here and the cursor's (`codec/cursor-source.ts`); needs `dv` and `u8`
 * in scope.
 *
 * @internal
 */
export function nulScan(z: string, end: string): string[] {
  return [
    `while (${z} + 4 <= ${end}) { const w = dv.getInt32(${z}, true); if (((w - 0x01010101) & ~w & 0x80808080) !== 0) break; ${z} += 4; }`,
    `while (${z} < ${end} && u8[${z}] !== 0) ${z}++;`,
  ];
}

/** Checks one tail field at `cursor`, records its start and length in the slots, moves `cursor` past it. */
function checkTailField(f: FieldLayout, fields: readonly FieldLayout[]): string[] {
  const slot = 2 * f.tailIndex;
  const field = f.field;
  const record = (length: string): string[] => [`  slots[${plus('base', slot)}] = cursor;`, `  slots[${plus('base', slot + 1)}] = ${length};`];
  if (field.kind === 'bytes') {
    const source = fields.find((g) => g.name === field.lengthField)!;
    const kind = (source.field as { scalar: ScalarKind }).scalar;
    const value = read(kind, plus('offset', source.offset!), LOCALS);
    const n = `length_${f.tailIndex}`;
    return [`  const ${n} = ${scalarAccess[kind][3] === 'bigint' ? `Number(${value})` : value};`, `  if (${n} > end - cursor) return -1;`, ...record(n), `  cursor += ${n};`];
  }
  if (field.kind === 'cstring') {
    // A bounded scan: never look past this frame for the terminator.
    const nul = `nul_${f.tailIndex}`;
    return [
      `  let ${nul} = cursor;`,
      ...nulScan(nul, 'end').map((l) => '  ' + l),
      `  if (${nul} >= end${field.minLength > 0 ? ` || ${nul} - cursor < ${field.minLength}` : ''}) return -1;`,
      ...record(`${nul} - cursor`),
      `  cursor = ${nul} + 1;`,
    ];
  }
  return [...record('end - cursor'), '  cursor = end;'];
}

function renderCheck(schema: StructSchema, ts: boolean): string[] {
  const { fixedEnd, holes, fields } = schema.layout;
  // -1 on any problem: the interpreted check then explains it (compile.ts).
  const lines = [`function check${signature(BOUND, 'number', ts)} {`, `  if (end - offset < ${fixedEnd}) return -1;`];
  for (const [start, stop] of holes) {
    for (let i = start; i < stop; i++) lines.push(`  if (u8[offset + ${i}] !== 0) return -1;`);
  }
  if (schema.layout.tailCount === 0) return [...lines, `  return offset + ${fixedEnd};`, '}'];
  lines.push(`  let cursor = offset + ${fixedEnd};`);
  for (const f of fields) if (f.tailIndex >= 0) lines.push(...checkTailField(f, fields));
  lines.push('  return cursor;', '}');
  return lines;
}

function renderToObject(schema: StructSchema, ts: boolean): string[] {
  const fields = schema.layout.fields;
  const hasTail = fields.some((f) => f.tailIndex >= 0);
  const locals = ['const dv = v._dv;', 'const o = v._o;', 'const le = v._le;'];
  if (hasTail) locals.push('const u8 = v._u8;', 'const t = v._t;', 'const tb = v._tb;');
  // One object literal per variant, so every object of a variant has one hidden class.
  const literal = (copy: boolean, withType: boolean, indent: string): string[] => [
    `${indent}return {`,
    ...(withType ? [`${indent}  type,`] : []),
    ...fields.map((f) => `${indent}  ${key(f.name)}: ${valueExpression(f, LOCALS, copy, ts ? '!' : '')},`),
    `${indent}};`,
  ];
  // A struct with its own `type` field (response info header) is never a record: no typed variant.
  const typed = !fields.some((f) => f.name === 'type');
  const byType = (copy: boolean, indent: string): string[] => [
    ...(typed ? [`${indent}if (type !== undefined) {`, ...literal(copy, true, indent + '  '), `${indent}}`] : []),
    ...literal(copy, false, indent),
  ];
  return [
    `function toObject${signature([['v', 'StructViewBase'], ['copy', 'boolean | undefined'], ['type', 'string | undefined']], 'Record<string, unknown>', ts)} {`,
    ...locals.map((l) => `  ${l}`),
    // Byte fields are copied unless `copy` is false (omitted means copied).
    ...(hasTail ? ['  if (copy !== false) {', ...byType(true, '    '), '  }'] : []),
    ...byType(false, '  '),
    '}',
  ];
}

/** A range bound as a literal of the kind's JavaScript type. */
function literalOf(value: bigint, kind: ScalarKind): string {
  const text = value === 0n ? '0' : value < 0n ? `-0x${(-value).toString(16)}` : `0x${value.toString(16)}`;
  return scalarAccess[kind][3] === 'bigint' ? `${text}n` : text;
}

/** Statements that validate `v` for `kind` and write it at `at` (or throw through `badScalar`). */
function writeScalar(kind: ScalarKind, at: string, name: string, indent: string): string[] {
  const [min, max] = scalarLimits[kind].map((b) => literalOf(b, kind));
  const [, set, endian, type] = scalarAccess[kind];
  const store = `${indent}dv.${set}(${at}, v${endian ? ', le' : ''});`;
  const bad = `throw badScalar(path, ${JSON.stringify(name)}, '${kind}', v);`;
  if (type === 'bigint') {
    return [`${indent}if (typeof v === 'number' && Number.isSafeInteger(v)) v = BigInt(v);`, `${indent}if (typeof v !== 'bigint' || v < ${min} || v > ${max}) ${bad}`, store];
  }
  return [`${indent}if (typeof v !== 'number' || !Number.isInteger(v) || v < ${min} || v > ${max}) ${bad}`, store];
}

/** Statements that write scalar field `f`: `preset` wins over `input`, a counted length must match its bytes, then the default. */
function writeScalarField(f: FieldLayout, tail: readonly FieldLayout[], nn: string): string[] {
  const field = f.field as Extract<FieldLayout['field'], { kind: 'scalar' }>;
  const name = JSON.stringify(f.name);
  const lines = [`  v = preset !== undefined && preset[${name}] !== undefined ? preset[${name}] : input[${name}];`];
  const counted = tail.find((t) => t.field.kind === 'bytes' && t.field.lengthField === f.name);
  if (counted) {
    const actual = `tails[${counted.tailIndex}]${nn}.length`;
    lines.push(`  if (v === undefined) v = ${actual};`, `  else if (Number(v) !== ${actual}) throw lengthMismatch(path, ${name}, v, ${JSON.stringify(counted.name)}, ${actual});`);
  }
  if (field.defaultValue !== undefined) lines.push(`  if (v === undefined) v = ${field.defaultValue}${typeof field.defaultValue === 'bigint' ? 'n' : ''};`);
  return [...lines, ...writeScalar(field.scalar, plus('offset', f.offset!), f.name, '  ')];
}

function writeArrayField(f: FieldLayout): string[] {
  const field = f.field as Extract<FieldLayout['field'], { kind: 'array' }>;
  const name = JSON.stringify(f.name);
  const lines = ['  {', `    const a = input[${name}];`, `    if (!Array.isArray(a) || a.length !== ${field.count}) throw badValue(path + '.' + ${name}, 'an array of ${field.count} integers', a);`];
  for (let i = 0; i < field.count; i++) {
    lines.push(`    v = a[${i}];`, ...writeScalar(field.element.scalar, plus('offset', f.offset! + i * field.element.size), `${f.name}[${i}]`, '    '));
  }
  return [...lines, '  }'];
}

const WRITE_PARAMS = [
  ['input', 'Readonly<Record<string, unknown>>'],
  ['dv', 'DataView'],
  ['u8', 'Uint8Array'],
  ['offset', 'number'],
  ['le', 'boolean'],
  ['path', 'string'],
  ['preset', 'Readonly<Record<string, number | bigint>> | undefined'],
  ['tails', 'readonly Uint8Array[]'],
] as const;

function renderWrite(schema: StructSchema, ts: boolean): string[] {
  const { fields, fixedEnd, holes } = schema.layout;
  const nn = ts ? '!' : '';
  const tail = fields.filter((f) => f.tailIndex >= 0);
  const lines = [`function write${signature(WRITE_PARAMS, 'number', ts)} {`, `  let v${ts ? ': unknown' : ''};`];
  for (const [start, stop] of holes) lines.push(`  u8.fill(0, offset + ${start}, offset + ${stop});`);
  for (const f of fields) {
    if (f.field.kind === 'scalar') lines.push(...writeScalarField(f, tail, nn));
    else if (f.field.kind === 'array') lines.push(...writeArrayField(f));
  }
  lines.push(`  let cursor = offset + ${fixedEnd};`);
  for (const f of tail) {
    lines.push(`  u8.set(tails[${f.tailIndex}]${nn}, cursor);`, `  cursor += tails[${f.tailIndex}]${nn}.length;`);
    if (f.field.kind === 'cstring') lines.push('  u8[cursor++] = 0;');
  }
  lines.push('  return cursor;', '}');
  return lines;
}

/**
 * The body of a factory `(deps: StructDeps) => GeneratedStruct` for `schema`: one function
 * body, compiled by `new Function('deps', body)` at run time or wrapped in a typed function by
 * the build.
 *
 * @internal
 */
export function renderStructBody(schema: StructSchema, options: StructSourceOptions): string {
  const { ts, tag } = options;
  const id = structIdentifier(schema);
  const lines = [
    `// ${tag.replace(/[\r\n\u2028\u2029]/g, ' ')}`,
    'const { EMPTY_BYTES, EMPTY_VIEW, NO_TAIL, badScalar, badValue, lengthMismatch } = deps;',
    ...renderView(schema, id, ts),
    ...renderPoint(ts),
    ...renderCheck(schema, ts),
    ...renderToObject(schema, ts),
    ...renderWrite(schema, ts),
    `return { View: ${id}_View, point, check, toObject, write };`,
  ];
  return lines.join('\n');
}
