/**
 * A struct's layout as one string, so generated code can prove it was generated from exactly
 * this schema (a changed schema falls back to the runtime compiler instead of misreading).
 *
 * @packageDocumentation
 */
import type { StructSchema } from './struct.js';

/** The layout fingerprint of a struct schema. @internal */
export function layoutFingerprint(schema: StructSchema): string {
  const fields = schema.layout.fields.map(({ name, field, offset }) => {
    const at = offset === undefined ? 'tail' : String(offset);
    switch (field.kind) {
      case 'scalar':
        return `${name}:${field.scalar}@${at}`;
      case 'array':
        return `${name}:${field.element.scalar}[${field.count}]@${at}`;
      case 'bytes':
        return `${name}:bytes(${field.lengthField})@${at}`;
      case 'cstring':
        return `${name}:cstring(${field.minLength})@${at}`;
      case 'rest':
        return `${name}:rest@${at}`;
    }
  });
  return `${schema.name}{${fields.join(',')}}${schema.layout.sizeof}`;
}
