/**
 * The struct code of the spec/ structs comes three ways from one generator and one interpreter:
 * built into src/generated/structs.ts (what the codec uses), compiled from the same generator at
 * run time (what user structs get), and interpreted (what serves where `new Function` is
 * forbidden). All three must behave identically on random bytes and random inputs.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedStructSchemas, renderStructsModule } from '../../spec/codegen/render-structs.js';
import { compileCodecStruct } from '../../src/codec/structs.js';
import { compileStruct, compileStructWith } from '../../src/schema/compile.js';
import { expectSameDecode, expectSameWrite, framesFor, junk } from './struct-agreement.js';

describe('generated struct code', () => {
  it('is up to date with spec/ (npm run generate)', () => {
    const onDisk = readFileSync(new URL('../../src/generated/structs.ts', import.meta.url), 'utf8');
    expect(onDisk).toBe(renderStructsModule());
  });

  for (const schema of generatedStructSchemas) {
    describe(schema.name, () => {
      const generated = compileCodecStruct(schema);
      const compiled = compileStruct(schema);
      const interpreted = compileStructWith(schema, 'interpret');

      it('is the generated code in the codec, compiled code from compileStruct', () => {
        expect([generated.code, generated.generated]).toEqual(['generated', true]);
        expect([compiled.code, compiled.generated]).toEqual(['compiled', false]);
        expect(interpreted.code).toBe('interpreted');
        // The schema layer never swaps generated code in: only the codec layer hands it over.
        expect(compileStruct(schema, { useGenerated: true }).code).toBe('compiled');
      });

      it('decodes and re-encodes random bytes the same way generated, compiled and interpreted', () => {
        fc.assert(
          fc.property(framesFor(schema), fc.boolean(), fc.nat(), junk, (frame, le, field, value) => {
            expectSameDecode(generated, compiled, frame, le, [field, value]);
            expectSameDecode(generated, interpreted, frame, le, [field, value]);
          }),
          { numRuns: 300 },
        );
      });

      it('rejects bad values with the same error', () => {
        const bad = [{}, { info_type: -1 }, { fd: 2 ** 31 }, { mask: 'x' }, { event_len: 1.5 }, { fsid: [1] }, { f_handle: 'no' }, { len: 5n }];
        for (const input of bad) {
          expectSameWrite(generated, compiled, input, true);
          expectSameWrite(generated, interpreted, input, true);
        }
      });
    });
  }
});
