/**
 * Renders `src/generated/structs.ts`: for each struct the codec uses, straight-line code with
 * literal offsets (a view class, a bounds check and a plain-object reader). The runtime
 * compiler (`compileStruct`) remains the reference: the codec layer hands generated code to it
 * explicitly for these very schema objects (`src/codec/structs.ts`), and tests check both agree
 * byte for byte.
 */
import type { ScalarKind } from '../../src/schema/scalar.js';
import type { FieldLayout, StructSchema } from '../../src/schema/struct.js';
import { unknownRecordStruct } from '../records.js';
import { fanotify_event_metadata } from '../structs/event-metadata.js';
import { fidNameRecordStruct, fidRecordStruct } from '../structs/info-fid.js';
import { fanotify_event_info_error, fanotify_event_info_mnt, fanotify_event_info_pidfd, fanotify_event_info_range } from '../structs/info-fixed.js';
import { fanotify_response, fanotify_response_info_audit_rule } from '../structs/response.js';

/** The structs that get generated code (everything the codec decodes on a hot path), with the module that exports each. */
const GENERATED: readonly (readonly [schema: StructSchema, name: string, module: string])[] = [
  [fanotify_event_metadata, 'fanotify_event_metadata', 'structs/event-metadata'],
  [fidRecordStruct, 'fidRecordStruct', 'structs/info-fid'],
  [fidNameRecordStruct, 'fidNameRecordStruct', 'structs/info-fid'],
  [fanotify_event_info_pidfd, 'fanotify_event_info_pidfd', 'structs/info-fixed'],
  [fanotify_event_info_error, 'fanotify_event_info_error', 'structs/info-fixed'],
  [fanotify_event_info_range, 'fanotify_event_info_range', 'structs/info-fixed'],
  [fanotify_event_info_mnt, 'fanotify_event_info_mnt', 'structs/info-fixed'],
  [unknownRecordStruct, 'unknownRecordStruct', 'records'],
  [fanotify_response, 'fanotify_response', 'structs/response'],
  [fanotify_response_info_audit_rule, 'fanotify_response_info_audit_rule', 'structs/response'],
];

/** The structs that get generated code. */
export const generatedStructSchemas: readonly StructSchema[] = GENERATED.map(([schema]) => schema);

const READ: Record<ScalarKind, [method: string, endian: boolean, type: string]> = {
  u8: ['getUint8', false, 'number'],
  s8: ['getInt8', false, 'number'],
  u16: ['getUint16', true, 'number'],
  s16: ['getInt16', true, 'number'],
  u32: ['getUint32', true, 'number'],
  s32: ['getInt32', true, 'number'],
  u64: ['getBigUint64', true, 'bigint'],
  s64: ['getBigInt64', true, 'bigint'],
};

function identifier(schema: StructSchema): string {
  return schema.name.replace(/[^A-Za-z0-9_]/g, '_');
}

function read(kind: ScalarKind, at: string, dv: string, le: string): string {
  const [method, endian] = READ[kind];
  return endian ? `${dv}.${method}(${at}, ${le})` : `${dv}.${method}(${at})`;
}

function plus(base: string, offset: number): string {
  return offset === 0 ? base : `${base} + ${offset}`;
}

/** The expression of one field's value, given locals dv, u8, o, le, t, tb. */
function valueExpression(f: FieldLayout, viewOrLocals: 'view' | 'locals', copy: boolean): string {
  const dv = viewOrLocals === 'view' ? 'this._dv' : 'dv';
  const o = viewOrLocals === 'view' ? 'this._o' : 'o';
  const le = viewOrLocals === 'view' ? 'this._le' : 'le';
  const field = f.field;
  if (field.kind === 'scalar') return read(field.scalar, plus(o, f.offset!), dv, le);
  if (field.kind === 'array') {
    const items = Array.from({ length: field.count }, (_, i) => read(field.element.scalar, plus(o, f.offset! + i * field.element.size), dv, le));
    return `[${items.join(', ')}]`;
  }
  const slot = 2 * f.tailIndex;
  const t = viewOrLocals === 'view' ? 'this._t' : 't';
  const tb = viewOrLocals === 'view' ? 'this._tb' : 'tb';
  const u8 = viewOrLocals === 'view' ? 'this._u8' : 'u8';
  const start = `${t}[${plus(tb, slot)}]!`;
  const length = `${t}[${plus(tb, slot + 1)}]!`;
  const method = copy ? 'slice' : 'subarray';
  return `${u8}.${method}(${start}, ${start} + ${length})`;
}

function typeOf(f: FieldLayout): string {
  const field = f.field;
  if (field.kind === 'scalar') return READ[field.scalar][2];
  if (field.kind === 'array') return `[${Array.from({ length: field.count }, () => READ[field.element.scalar][2]).join(', ')}]`;
  return 'Uint8Array';
}

function renderView(schema: StructSchema, id: string): string[] {
  return renderViewClass(
    id,
    `Generated zero-copy view of \`${schema.name}\`.`,
    schema.layout.fields.map((f) => [f.name, typeOf(f), valueExpression(f, 'view', false)] as const),
  );
}

function renderViewClass(id: string, doc: string, getters: readonly (readonly [name: string, type: string, code: string])[]): string[] {
  const lines = [
    `/** ${doc} @internal */`,
    `export class ${id}_View extends StructViewBase {`,
    // Each class initializes its own fields: a shared initializer would be megamorphic.
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
  for (const [name, type, code] of getters) lines.push(`  get ${name}(): ${type} {`, `    return ${code};`, '  }');
  lines.push('}', '');
  return lines;
}

function renderPoint(schema: StructSchema, id: string): string[] {
  return [
    `/** Generated re-pointing of a \`${schema.name}\` view (its own code, so its stores stay monomorphic). @internal */`,
    `export function ${id}_point(view: StructViewBase, dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean, slots: Int32Array, base: number): void {`,
    '  view._dv = dv;',
    '  view._u8 = u8;',
    '  view._o = offset;',
    '  view._end = end;',
    '  view._le = le;',
    '  view._t = slots;',
    '  view._tb = base;',
    '}',
    '',
  ];
}

function renderCheck(schema: StructSchema, id: string): string[] {
  const { fixedEnd, holes, fields } = schema.layout;
  const lines = [
    `/** Generated bounds check of \`${schema.name}\`: the end of its last field, or -1 (the runtime check then explains why). @internal */`,
    `export function ${id}_check(dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean, slots: Int32Array, base: number): number {`,
    `  if (end - offset < ${fixedEnd}) return -1;`,
  ];
  for (const [start, stop] of holes) {
    for (let i = start; i < stop; i++) lines.push(`  if (u8[offset + ${i}] !== 0) return -1;`);
  }
  const tail = fields.filter((f) => f.tailIndex >= 0);
  if (tail.length === 0) {
    lines.push(`  return offset + ${fixedEnd};`, '}', '');
    return lines;
  }
  lines.push(`  let cursor = offset + ${fixedEnd};`);
  for (const f of tail) {
    const slot = 2 * f.tailIndex;
    const field = f.field;
    if (field.kind === 'bytes') {
      const source = fields.find((g) => g.name === field.lengthField)!;
      const kind = (source.field as { scalar: ScalarKind }).scalar;
      const n = `${f.name}_length`;
      lines.push(
        `  const ${n} = ${kind === 'u64' ? `Number(${read(kind, plus('offset', source.offset!), 'dv', 'le')})` : read(kind, plus('offset', source.offset!), 'dv', 'le')};`,
        `  if (${n} > end - cursor) return -1;`,
        `  slots[${plus('base', slot)}] = cursor;`,
        `  slots[${plus('base', slot + 1)}] = ${n};`,
        `  cursor += ${n};`,
      );
    } else if (field.kind === 'cstring') {
      const nul = `${f.name}_nul`;
      lines.push(
        `  let ${nul} = cursor;`,
        `  while (${nul} < end && u8[${nul}] !== 0) ${nul}++;`,
        `  if (${nul} >= end${field.minLength > 0 ? ` || ${nul} - cursor < ${field.minLength}` : ''}) return -1;`,
        `  slots[${plus('base', slot)}] = cursor;`,
        `  slots[${plus('base', slot + 1)}] = ${nul} - cursor;`,
        `  cursor = ${nul} + 1;`,
      );
    } else {
      lines.push(`  slots[${plus('base', slot)}] = cursor;`, `  slots[${plus('base', slot + 1)}] = end - cursor;`, '  cursor = end;');
    }
  }
  lines.push('  return cursor;', '}', '');
  return lines;
}

function renderToObject(schema: StructSchema, id: string): string[] {
  const fields = schema.layout.fields;
  const hasTail = fields.some((f) => f.tailIndex >= 0);
  const locals = ['const dv = v._dv;', 'const o = v._o;', 'const le = v._le;'];
  if (hasTail) locals.push('const u8 = v._u8;', 'const t = v._t;', 'const tb = v._tb;');
  // One object literal per variant, so every object of a variant has one hidden class.
  const literal = (copy: boolean, withType: boolean, indent: string): string[] => [
    `${indent}return {`,
    ...(withType ? [`${indent}  type,`] : []),
    ...fields.map((f) => `${indent}  ${f.name}: ${valueExpression(f, 'locals', copy)},`),
    `${indent}};`,
  ];
  // A struct with its own `type` field (response info header) is never a record: no typed variant.
  const typed = !fields.some((f) => f.name === 'type');
  const byType = (copy: boolean, indent: string): string[] => [
    ...(typed ? [`${indent}if (type !== undefined) {`] : []),
    ...(typed ? [...literal(copy, true, indent + '  '), `${indent}}`] : []),
    ...literal(copy, false, indent),
  ];
  return [
    `/** Generated plain-object reader of \`${schema.name}\` (byte fields copied, or views when \`copy\` is false; \`type\` becomes the first key when given). @internal */`,
    `export function ${id}_toObject(v: StructViewBase, copy: boolean, type?: string): Record<string, unknown> {`,
    ...locals.map((l) => `  ${l}`),
    ...(hasTail ? ['  if (copy) {', ...byType(true, '    '), '  }'] : []),
    ...byType(false, '  '),
    '}',
    '',
  ];
}

const WRITE: Record<ScalarKind, string> = {
  u8: 'setUint8',
  s8: 'setInt8',
  u16: 'setUint16',
  s16: 'setInt16',
  u32: 'setUint32',
  s32: 'setInt32',
  u64: 'setBigUint64',
  s64: 'setBigInt64',
};

const RANGE: Record<ScalarKind, [string, string]> = {
  u8: ['0', '0xff'],
  s8: ['-0x80', '0x7f'],
  u16: ['0', '0xffff'],
  s16: ['-0x8000', '0x7fff'],
  u32: ['0', '0xffffffff'],
  s32: ['-0x80000000', '0x7fffffff'],
  u64: ['0n', '0xffffffffffffffffn'],
  s64: ['-0x8000000000000000n', '0x7fffffffffffffffn'],
};

/** Statements that validate `v` for `kind` and write it at `at` (or throw through `badScalar`). */
function writeScalarStatements(kind: ScalarKind, at: string, name: string, indent: string): string[] {
  const [min, max] = RANGE[kind];
  const method = WRITE[kind];
  const endian = READ[kind][1] ? ', le' : '';
  if (kind === 'u64' || kind === 's64') {
    return [
      `${indent}if (typeof v === 'number' && Number.isSafeInteger(v)) v = BigInt(v);`,
      `${indent}if (typeof v !== 'bigint' || v < ${min} || v > ${max}) throw badScalar(path, ${JSON.stringify(name)}, '${kind}', v);`,
      `${indent}dv.${method}(${at}, v${endian});`,
    ];
  }
  return [
    `${indent}if (typeof v !== 'number' || !Number.isInteger(v) || v < ${min} || v > ${max}) throw badScalar(path, ${JSON.stringify(name)}, '${kind}', v);`,
    `${indent}dv.${method}(${at}, v${endian});`,
  ];
}

function renderWrite(schema: StructSchema, id: string): string[] {
  const { fields, fixedEnd, holes } = schema.layout;
  const tail = fields.filter((f) => f.tailIndex >= 0);
  const lines = [
    `/** Generated writer of \`${schema.name}\` (validates every value like the runtime writer). @internal */`,
    `export function ${id}_write(input: Readonly<Record<string, unknown>>, dv: DataView, u8: Uint8Array, offset: number, le: boolean, path: string, preset: Readonly<Record<string, number | bigint>> | undefined, tails: readonly Uint8Array[]): number {`,
    '  let v: unknown;',
  ];
  for (const [start, stop] of holes) lines.push(`  u8.fill(0, offset + ${start}, offset + ${stop});`);
  for (const f of fields) {
    const field = f.field;
    if (field.kind === 'scalar') {
      const key = JSON.stringify(f.name);
      lines.push(`  v = preset !== undefined && preset[${key}] !== undefined ? preset[${key}] : input[${key}];`);
      const counted = tail.find((t) => t.field.kind === 'bytes' && t.field.lengthField === f.name);
      if (counted) {
        const k = counted.tailIndex;
        lines.push(
          `  if (v === undefined) v = tails[${k}]!.length;`,
          `  else if (Number(v) !== tails[${k}]!.length) throw lengthMismatch(path, ${key}, v, ${JSON.stringify(counted.name)}, tails[${k}]!.length);`,
        );
      }
      if (field.defaultValue !== undefined) {
        const literal = typeof field.defaultValue === 'bigint' ? `${field.defaultValue}n` : String(field.defaultValue);
        lines.push(`  if (v === undefined) v = ${literal};`);
      }
      lines.push(...writeScalarStatements(field.scalar, plus('offset', f.offset!), f.name, '  '));
    } else if (field.kind === 'array') {
      const key = JSON.stringify(f.name);
      lines.push(
        '  {',
        `    const a = input[${key}];`,
        `    if (!Array.isArray(a) || a.length !== ${field.count}) throw badValue(path + '.' + ${key}, 'an array of ${field.count} integers', a);`,
      );
      for (let i = 0; i < field.count; i++) {
        lines.push(`    v = a[${i}];`, ...writeScalarStatements(field.element.scalar, plus('offset', f.offset! + i * field.element.size), `${f.name}[${i}]`, '    '));
      }
      lines.push('  }');
    }
  }
  lines.push(`  let cursor = offset + ${fixedEnd};`);
  for (const f of tail) {
    const k = f.tailIndex;
    lines.push(`  u8.set(tails[${k}]!, cursor);`, `  cursor += tails[${k}]!.length;`);
    if (f.field.kind === 'cstring') lines.push('  u8[cursor++] = 0;');
  }
  lines.push('  return cursor;', '}', '');
  return lines;
}

/** `import { a, b } from '../../spec/…'` lines for the generated schemas. */
function schemaImports(): string[] {
  const byModule = new Map<string, string[]>();
  for (const [, name, module] of GENERATED) byModule.set(module, [...(byModule.get(module) ?? []), name]);
  return [...byModule].map(([module, names]) => `import { ${names.join(', ')} } from '../../spec/${module}.js';`);
}

/** The source text of the generated module. */
export function renderStructsModule(): string {
  const lines = [
    '// Generated from spec/ by spec/codegen. Do not edit: run `npm run generate`.',
    '/* eslint-disable */',
    ...schemaImports(),
    "import { EMPTY_BYTES, EMPTY_VIEW, NO_TAIL, StructViewBase } from '../schema/view-base.js';",
    "import type { GeneratedStruct } from '../schema/generated-struct.js';",
    "import type { StructSchema } from '../schema/struct.js';",
    "import { badScalar, badValue, lengthMismatch } from '../schema/encode-errors.js';",
    '',
  ];
  const registry: string[] = [];
  for (const [schema, name] of GENERATED) {
    const id = identifier(schema);
    lines.push(...renderView(schema, id), ...renderPoint(schema, id), ...renderCheck(schema, id), ...renderToObject(schema, id), ...renderWrite(schema, id));
    registry.push(`  [${name}, { View: ${id}_View, point: ${id}_point, check: ${id}_check, toObject: ${id}_toObject, write: ${id}_write }],`);
  }
  lines.push(
    '/** Generated code of the spec/ structs, by schema object (the codec layer hands it to compileStruct). @internal */',
    'export const generatedStructs: ReadonlyMap<StructSchema, GeneratedStruct> = new Map<StructSchema, GeneratedStruct>([',
    ...registry,
    ']);',
    '',
  );
  return lines.join('\n');
}
