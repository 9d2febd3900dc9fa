/**
 * User structs: compileStruct compiles the one generator's text at run time, and falls back to
 * the interpreted code where `new Function` is forbidden (a CSP without unsafe-eval). Over random
 * schemas and bytes, the generator's TypeScript form (what the build writes), its JavaScript
 * form (what compileStruct compiles) and the interpreted code must behave identically.
 */
import { transformSync } from 'esbuild';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileStruct, compileStructWith } from '../../src/schema/compile.js';
import { structDeps, type GeneratedStruct, type StructDeps } from '../../src/schema/generated-struct.js';
import { u32, u8 } from '../../src/schema/scalar.js';
import { renderStructBody } from '../../src/schema/struct-source.js';
import { struct, type StructSchema } from '../../src/schema/struct.js';
import { cstring } from '../../src/schema/fields.js';
import { expectSameDecode, framesFor, junk, randomSchema } from './struct-agreement.js';

/** The generator's TypeScript text, as the build writes it, stripped of its types by esbuild and run. */
function fromTypeScript(schema: StructSchema): GeneratedStruct {
  const ts = `function factory(deps: StructDeps): GeneratedStruct {\n${renderStructBody(schema, { ts: true, tag: 'test' })}\n}`;
  const js = transformSync(ts, { loader: 'ts' }).code;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return (new Function(`${js}\nreturn factory;`)() as (deps: StructDeps) => GeneratedStruct)(structDeps);
}

/** Runs `body` as if under a Content-Security-Policy without unsafe-eval: `new Function` throws EvalError. */
function withoutEval<T>(body: () => T): T {
  const original = globalThis.Function;
  const forbidden = function () {
    throw new EvalError('Code generation from strings disallowed for this context');
  } as unknown as FunctionConstructor;
  globalThis.Function = forbidden;
  try {
    return body();
  } finally {
    globalThis.Function = original;
  }
}

describe('struct code over random schemas', () => {
  it('is the same generated (TypeScript), compiled (JavaScript) and interpreted', () => {
    const cases = randomSchema.chain((schema) => fc.tuple(fc.constant(schema), fc.array(fc.tuple(framesFor(schema), fc.boolean(), fc.nat(), junk), { minLength: 8, maxLength: 8 })));
    fc.assert(
      fc.property(cases, ([schema, frames]) => {
        const compiled = compileStruct(schema);
        const generated = compileStructWith(schema, fromTypeScript(schema));
        const interpreted = compileStructWith(schema, 'interpret');
        expect([compiled.code, generated.code, interpreted.code]).toEqual(['compiled', 'generated', 'interpreted']);
        for (const [frame, le, field, value] of frames) {
          expectSameDecode(generated, compiled, frame, le, [field, value]);
          expectSameDecode(compiled, interpreted, frame, le, [field, value]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('keeps field names that are not identifiers out of the code', () => {
    const hostile = struct('x */ }); throw 1; //', { 'a"]; throw 1; //': u8(), '\u2028': u32(), 'b\n': cstring() });
    const compiled = compileStruct(hostile);
    expect(compiled.code).toBe('compiled');
    const out = new Uint8Array(16);
    const end = compiled.write({ 'a"]; throw 1; //': 7, '\u2028': 9, 'b\n': 'n' }, new DataView(out.buffer), out, 0, true, 'x');
    const view = new compiled.View();
    expect(compiled.bind(view, new DataView(out.buffer), out, 0, end, true)).toBeUndefined();
    expect(compiled.toObject(view)).toEqual({ 'a"]; throw 1; //': 7, '\u2028': 9, 'b\n': new TextEncoder().encode('n') });
  });
});

describe('compileStruct where new Function is forbidden (CSP without unsafe-eval)', () => {
  const schema = struct('user_record', { kind: u8(), count: u32(), name: cstring({ minLength: 1 }) });

  it('falls back to the interpreted code, which decodes and encodes the same', () => {
    const fallback = withoutEval(() => compileStruct(schema));
    expect(globalThis.Function).toBe(Function.prototype.constructor);
    expect(fallback.code).toBe('interpreted');
    const compiled = compileStruct(schema);
    const input = { kind: 1, count: 70000, name: 'hello' };
    const out = new Uint8Array(32);
    const end = fallback.write(input, new DataView(out.buffer), out, 0, true, 'x');
    expect(end).toBe(compiled.measure(input, 'x'));
    expectSameDecode(fallback, compiled, out.subarray(0, end), true);
    const view = new fallback.View();
    expect(fallback.bind(view, new DataView(out.buffer), out, 0, 9, true)).toMatchObject({ code: 'NAME_WITHOUT_NUL', field: 'name' });
  });

  it('still raises errors that are not about code generation', () => {
    const broken = function () {
      throw new TypeError('not a CSP refusal');
    } as unknown as FunctionConstructor;
    const original = globalThis.Function;
    globalThis.Function = broken;
    try {
      expect(() => compileStruct(schema)).toThrow('not a CSP refusal');
    } finally {
      globalThis.Function = original;
    }
  });
});
