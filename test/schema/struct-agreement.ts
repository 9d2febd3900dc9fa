/**
 * What the struct-code property tests share: random struct schemas, random frames shaped like a
 * schema, random (often bad) encoder inputs, and the assertion that two compiled structs behave
 * identically on them (bounds, explanations, views, objects, JSON both ways, bytes written,
 * errors raised).
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { array, bytes, cstring, rest, type Field } from '../../src/schema/fields.js';
import type { CompiledStruct } from '../../src/schema/compile.js';
import { s16, s32, s64, s8, u16, u32, u64, u8, type ScalarField, type ScalarKind } from '../../src/schema/scalar.js';
import { struct, type StructSchema } from '../../src/schema/struct.js';

const SCALARS: Record<ScalarKind, (o?: { default?: never }) => ScalarField> = { u8, u16, u32, u64, s8, s16, s32, s64 } as never;
const KINDS = Object.keys(SCALARS) as ScalarKind[];
// Names that are not plain identifiers, a keyword and `type` (which changes toObject's typed variant) test the generator's quoting.
const ODD_NAMES = ['type', 'a-b', 'class', 'with space', '$x'];

function scalarOf(kind: ScalarKind, withDefault: boolean): ScalarField {
  if (!withDefault) return SCALARS[kind]();
  const factory = SCALARS[kind] as unknown as (o: { default: number | bigint }) => ScalarField;
  return factory({ default: kind.endsWith('64') ? 1n : 1 });
}

const fixedField: fc.Arbitrary<Field> = fc.oneof(
  { arbitrary: fc.tuple(fc.constantFrom(...KINDS), fc.boolean()).map(([k, d]) => scalarOf(k, d)), weight: 3 },
  { arbitrary: fc.tuple(fc.constantFrom(...KINDS), fc.integer({ min: 1, max: 3 })).map(([k, n]) => array(SCALARS[k](), n) as Field), weight: 1 },
);

/** Random structs: fixed scalars and arrays of every kind, then a tail of counted bytes, names and a rest. */
export const randomSchema: fc.Arbitrary<StructSchema> = fc
  .record({
    fixed: fc.array(fixedField, { minLength: 0, maxLength: 6 }),
    lengthKind: fc.constantFrom<ScalarKind>('u8', 'u16', 'u32', 'u64'),
    tail: fc.array(fc.constantFrom('bytes', 'cstring', 'cstring1'), { maxLength: 2 }),
    rest: fc.boolean(),
    packed: fc.boolean(),
    odd: fc.subarray(ODD_NAMES),
  })
  .map(({ fixed, lengthKind, tail, rest: withRest, packed, odd }) => {
    const fields: Record<string, Field> = {};
    const name = (i: number): string => odd[i] ?? `f${i}`;
    fixed.forEach((f, i) => (fields[name(i)] = f));
    tail.forEach((kind, i) => {
      if (kind !== 'bytes') return void (fields[`name${i}`] = cstring({ minLength: kind === 'cstring1' ? 1 : 0 }));
      fields[`len${i}`] = SCALARS[lengthKind]();
      fields[`data${i}`] = bytes(`len${i}`);
    });
    // Counted bytes need their length among the fixed fields: move the tail after them.
    const ordered = Object.entries(fields).sort(([, a], [, b]) => Number(isTail(a)) - Number(isTail(b)));
    if (withRest) ordered.push(['more', rest()]);
    return struct('random', Object.fromEntries(ordered), { packed });
  });

function isTail(field: Field): boolean {
  return field.kind === 'bytes' || field.kind === 'cstring' || field.kind === 'rest';
}

/** Arbitrary bytes shaped like the struct: random fixed part, small counted lengths, optional NULs; sometimes truncated. */
export function framesFor(schema: StructSchema): fc.Arbitrary<Uint8Array> {
  const fixed = schema.layout.fixedEnd;
  const whole = fc
    .tuple(fc.uint8Array({ minLength: fixed, maxLength: fixed }), fc.uint8Array({ maxLength: 48, size: 'max' }), fc.boolean())
    .map(([head, tail, clearHoles]) => {
      const out = Uint8Array.from([...head, ...tail]);
      // Mostly zero padding (so the tail is reached), sometimes not.
      if (clearHoles) for (const [start, stop] of schema.layout.holes) out.fill(0, start, stop);
      return out;
    });
  const frames = fc.oneof({ arbitrary: whole, weight: 4 }, { arbitrary: whole.chain((b) => fc.nat(b.length).map((n) => b.slice(0, n))), weight: 1 });
  return frames.map((bytes) => {
    const out = bytes.slice();
    // Keep counted lengths small so the tail is reachable often.
    for (const f of schema.layout.fields) {
      const counts = schema.layout.fields.some((g) => g.field.kind === 'bytes' && g.field.lengthField === f.name);
      if (counts && f.field.kind === 'scalar' && f.offset! + f.field.size <= out.length) {
        out.fill(0, f.offset, f.offset! + f.field.size);
        out[f.offset!] = bytes[f.offset!]! % 24;
      }
    }
    return out;
  });
}

/** Values that are wrong for most fields (and a few right ones), to replace one field of a good input. */
export const junk: fc.Arbitrary<unknown> = fc.constantFrom(undefined, null, -1, 1.5, 2 ** 32, 2 ** 53, 5n, -1n, 2n ** 64n, 'x', '12', [1], [1, 2], new Uint8Array(3), 'name', 0, 7);

/** What a call returned or the error it threw, as comparable data. */
function outcome(run: () => unknown): unknown {
  try {
    return { ok: run() };
  } catch (error) {
    return error instanceof Error ? { error: `${error.name} ${(error as { code?: string }).code ?? ''}: ${error.message}` } : { thrown: error };
  }
}

type Struct = CompiledStruct;

/** Writes `input` through both, into buffers of the same junk, and expects the same end, bytes or error. */
export function expectSameWrite(a: Struct, b: Struct, input: Readonly<Record<string, unknown>>, le: boolean): void {
  const run = (c: Struct): unknown => {
    const out = new Uint8Array(256).fill(0xee);
    return outcome(() => [c.measure(input, 'x'), c.write(input, new DataView(out.buffer), out, 4, le, 'x'), out]);
  };
  expect(run(a)).toEqual(run(b));
}

/** Expects `a` and `b` to decode `frame` identically, and to write its value (and a spoiled one) identically. */
export function expectSameDecode(a: Struct, b: Struct, frame: Uint8Array, le: boolean, spoil?: readonly [field: number, value: unknown]): void {
  const dv = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const slotsA = new Int32Array(a.tailSlots + 2);
  const slotsB = new Int32Array(b.tailSlots + 2);
  const end = a.check(dv, frame, 0, frame.length, le, slotsA, 1);
  expect(end).toBe(b.check(dv, frame, 0, frame.length, le, slotsB, 1));
  if (end < 0) return void expect(a.lastIssue()).toEqual(b.lastIssue());
  expect(slotsA).toEqual(slotsB);
  const va = new a.View();
  const vb = new b.View();
  a.point(va, dv, frame, 0, frame.length, le, slotsA, 1);
  b.point(vb, dv, frame, 0, frame.length, le, slotsB, 1);
  for (const f of a.schema.layout.fields) expect((va as unknown as Record<string, unknown>)[f.name]).toEqual((vb as unknown as Record<string, unknown>)[f.name]);
  expect(a.bind(new a.View(), dv, frame, 0, frame.length, le)).toEqual(b.bind(new b.View(), dv, frame, 0, frame.length, le));
  for (const [copy, type] of [[undefined, undefined], [true, 'x'], [false, undefined], [false, 'x']] as const) {
    const objectA = a.toObject(va, copy, type) as Record<string, unknown>;
    expect(objectA).toStrictEqual(b.toObject(vb, copy, type));
    expect(Object.keys(objectA)).toEqual(Object.keys(b.toObject(vb, copy, type)));
  }
  const json = a.toJSON(va, {});
  expect(json).toEqual(b.toJSON(vb, {}));
  expect(outcome(() => a.fromJSON(json, 'x'))).toEqual(outcome(() => b.fromJSON(json, 'x')));
  const value = a.toObject(va) as Record<string, unknown>;
  expectSameWrite(a, b, value, le);
  // The JSON form round-trips: its encoder input writes the same bytes as the decoded value.
  const viaJson = a.fromJSON(json, 'x') as Record<string, unknown>;
  const direct = new Uint8Array(256);
  const fromJson = new Uint8Array(256);
  expect(a.write(viaJson, new DataView(fromJson.buffer), fromJson, 0, le, 'x')).toBe(a.write(value, new DataView(direct.buffer), direct, 0, le, 'x'));
  expect(fromJson).toEqual(direct);
  if (spoil) {
    const names = a.schema.layout.fields.map((f) => f.name);
    expectSameWrite(a, b, { ...value, [names[spoil[0] % names.length]!]: spoil[1] }, le);
  }
}
