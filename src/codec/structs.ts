/**
 * The codec's choice of struct code, made here explicitly: the spec/ structs it decodes on hot
 * paths get the code generated for those very schema objects at build time
 * (`src/generated/structs.ts`); any other struct (a user's) is compiled at run time from the same
 * generator. The schema layer itself knows no generated code.
 *
 * @packageDocumentation
 */
import { generatedStructs } from '../generated/structs.js';
import { compileStructWith, type CompiledStruct } from '../schema/compile.js';
import type { StructSchema } from '../schema/struct.js';

/** Compiles `schema`, with its generated code when it is one of the generated spec/ structs. @internal */
export function compileCodecStruct<S extends StructSchema>(schema: S): CompiledStruct<S> {
  return compileStructWith(schema, generatedStructs.get(schema) ?? 'compile');
}
