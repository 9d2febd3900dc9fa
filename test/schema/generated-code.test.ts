/**
 * The code generated from spec/ (src/generated/structs.ts), which the codec layer hands to the
 * compiler for those schemas, must behave exactly like the runtime compiler, which is the
 * reference: same views, same bounds decisions, same objects, same bytes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generatedStructSchemas, renderStructsModule } from '../../spec/codegen/render-structs.js';
import { compileCodecStruct } from '../../src/codec/structs.js';
import { compileStruct } from '../../src/schema/compile.js';
import type { StructSchema } from '../../src/schema/struct.js';
import { readFileSync } from 'node:fs';

/** Arbitrary bytes shaped like the struct: random fixed part, small counted lengths, optional NULs. */
function framesFor(schema: StructSchema): fc.Arbitrary<Uint8Array> {
  const fixed = schema.layout.fixedEnd;
  const whole = fc
    .tuple(fc.uint8Array({ minLength: fixed, maxLength: fixed }), fc.uint8Array({ maxLength: 48, size: 'max' }))
    .map(([head, tail]) => Uint8Array.from([...head, ...tail]));
  // Mostly whole frames (so the tail is exercised), sometimes truncated ones.
  const frames = fc.oneof({ arbitrary: whole, weight: 4 }, { arbitrary: whole.chain((b) => fc.nat(b.length).map((n) => b.slice(0, n))), weight: 1 });
  return frames.map((bytes) => {
    const out = bytes.slice();
    // Keep counted lengths small so the tail is reachable often.
    for (const f of schema.layout.fields) {
      if (f.field.kind === 'scalar' && f.offset !== undefined && f.offset + f.field.size <= out.length) {
        const isLength = schema.layout.fields.some((g) => g.field.kind === 'bytes' && g.field.lengthField === f.name);
        if (isLength) {
          out.fill(0, f.offset, f.offset + f.field.size);
          out[f.offset] = bytes[f.offset]! % 24;
        }
      }
    }
    return out;
  });
}

describe('generated struct code', () => {
  it('is up to date with spec/ (npm run generate)', () => {
    const onDisk = readFileSync(new URL('../../src/generated/structs.ts', import.meta.url), 'utf8');
    expect(onDisk).toBe(renderStructsModule());
  });

  for (const schema of generatedStructSchemas) {
    describe(schema.name, () => {
      const fast = compileCodecStruct(schema);
      const reference = compileStruct(schema);

      it('is actually used for this layout', () => {
        expect(fast.generated).toBe(true);
        expect(reference.generated).toBe(false);
        // The schema layer never swaps generated code in: only the codec layer hands it over.
        expect(compileStruct(schema, { useGenerated: true }).generated).toBe(false);
      });

      it('checks bounds exactly like the runtime compiler, and reads the same fields', () => {
        fc.assert(
          fc.property(framesFor(schema), fc.boolean(), (bytes, le) => {
            const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
            const slotsA = new Int32Array(fast.tailSlots + 2);
            const slotsB = new Int32Array(reference.tailSlots + 2);
            const a = fast.check(dv, bytes, 0, bytes.length, le, slotsA, 1);
            const b = reference.check(dv, bytes, 0, bytes.length, le, slotsB, 1);
            expect(a).toBe(b);
            if (a < 0) {
              expect(fast.lastIssue()).toEqual(reference.lastIssue());
              return;
            }
            expect(slotsA).toEqual(slotsB);
            const va = new fast.View();
            const vb = new reference.View();
            fast.point(va, dv, bytes, 0, bytes.length, le, slotsA, 1);
            reference.point(vb, dv, bytes, 0, bytes.length, le, slotsB, 1);
            for (const f of schema.layout.fields) {
              expect((va as unknown as Record<string, unknown>)[f.name]).toEqual((vb as unknown as Record<string, unknown>)[f.name]);
            }
            expect(fast.toObject(va)).toEqual(reference.toObject(vb));
            expect(fast.toObject(va, false, 'x')).toEqual(reference.toObject(vb, false, 'x'));
            // Writing the decoded value back gives the same bytes through both writers.
            const value = reference.toObject(vb) as Record<string, unknown>;
            const outA = new Uint8Array(bytes.length + 8).fill(0xee);
            const outB = new Uint8Array(bytes.length + 8).fill(0xee);
            const endA = fast.write(value, new DataView(outA.buffer), outA, 4, le, 'x');
            const endB = reference.write(value, new DataView(outB.buffer), outB, 4, le, 'x');
            expect(endA).toBe(endB);
            expect(outA).toEqual(outB);
          }),
        );
      });

      it('rejects bad values with the same error', () => {
        const bad = [{}, { info_type: -1 }, { fd: 2 ** 31 }, { mask: 'x' }, { event_len: 1.5 }, { fsid: [1] }, { f_handle: 'no' }];
        for (const input of bad) {
          const out = new Uint8Array(64);
          const run = (c: typeof fast): unknown => {
            try {
              c.write(input, new DataView(out.buffer), out, 0, true, 'x');
              return 'ok';
            } catch (error) {
              return error instanceof Error ? `${error.name}: ${error.message}` : error;
            }
          };
          expect(run(fast)).toEqual(run(reference));
        }
      });
    });
  }
});
