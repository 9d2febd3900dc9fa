/**
 * Where a scalar field of a struct is, from its schema: the one way the codec's hand-written and
 * generated readers learn a layout offset instead of writing the number again.
 *
 * @packageDocumentation
 */
import { FanotifyInternalError } from '../fanotify-codec-error.js';
import type { StructSchema } from '../schema/struct.js';

/**
 * Offset of field `name` of `s`, checked to be a fixed scalar of `kind` (the kind its reader
 * reads), so a schema change cannot silently move a reader onto the wrong bytes.
 *
 * @internal
 */
export function scalarOffset(s: StructSchema, name: string, kind: string): number {
  const f = s.layout.fields.find((g) => g.name === name);
  if (!f || f.offset === undefined || f.field.kind !== 'scalar' || f.field.scalar !== kind) throw new FanotifyInternalError(`${s.name}.${name} is not a ${kind} at a fixed offset`);
  return f.offset;
}
