/**
 * `struct()`: declares a kernel struct as an ordered field list and computes its C layout
 * (natural alignment, implicit padding, flexible tail members) once, at declaration time.
 *
 * @packageDocumentation
 */
import { isFixedField, type Field, type FieldMap } from './fields.js';

/** Where one field sits. @public */
export interface FieldLayout {
  /** Field name as declared (the kernel's name). */
  readonly name: string;
  /** The field declaration. */
  readonly field: Field;
  /** Byte offset from the struct start for fixed fields; `undefined` for variable-length tail fields. */
  readonly offset: number | undefined;
  /** Index among the variable-length tail fields, or -1 for fixed fields. */
  readonly tailIndex: number;
}

/** The computed C layout of a struct. @public */
export interface StructLayout {
  /** Fields in wire order. */
  readonly fields: readonly FieldLayout[];
  /** Offset where the variable-length tail starts (the end of the fixed fields). */
  readonly fixedEnd: number;
  /** `sizeof` as a C compiler computes it (flexible members add nothing). */
  readonly sizeof: number;
  /** `_Alignof` of the struct. */
  readonly align: number;
  /** Implicit padding ranges `[start, end)` between fixed fields (always written as zero). */
  readonly holes: readonly (readonly [number, number])[];
  /** Number of variable-length tail fields. */
  readonly tailCount: number;
}

/**
 * A declared struct.
 *
 * @typeParam N - the kernel's struct name.
 * @typeParam F - its fields.
 * @public
 */
export interface StructSchema<N extends string = string, F extends FieldMap = FieldMap> {
  /** Discriminant of the schema kind. */
  readonly kind: 'struct';
  /** The kernel's name for the struct, e.g. `fanotify_event_metadata`. */
  readonly name: N;
  /** Fields in wire order. */
  readonly fields: F;
  /** `__attribute__((packed))`: no alignment padding at all. */
  readonly packed: boolean;
  /** Computed layout. */
  readonly layout: StructLayout;
  /** One-line description. */
  readonly doc: string | undefined;
}

/** Options for {@link struct}. @public */
export interface StructOptions {
  /** Lay the fields out without alignment padding, as `__attribute__((packed))` does. */
  readonly packed?: boolean;
  /** One-line description. */
  readonly doc?: string;
}

/** `value` rounded up to a multiple of `align`. @internal */
export function alignUp(value: number, align: number): number {
  return align === 1 ? value : Math.ceil(value / align) * align;
}

function computeLayout(name: string, fields: FieldMap, packed: boolean): StructLayout {
  const out: FieldLayout[] = [];
  const holes: [number, number][] = [];
  let offset = 0;
  let align = 1;
  let tailCount = 0;
  const seen = new Map<string, Field>();
  for (const [fieldName, field] of Object.entries(fields)) {
    if (tailCount > 0 && isFixedField(field)) {
      throw new TypeError(`${name}.${fieldName}: fixed-size fields cannot follow a variable-length field`);
    }
    if (field.kind === 'bytes') {
      const source = seen.get(field.lengthField);
      if (!source || source.kind !== 'scalar' || source.signed) {
        throw new TypeError(`${name}.${fieldName}: length field '${field.lengthField}' must be an earlier unsigned scalar`);
      }
    }
    const last = out[out.length - 1];
    if (last?.field.kind === 'rest') throw new TypeError(`${name}.${fieldName}: nothing may follow a rest() field`);
    const fieldAlign = packed ? 1 : field.align;
    align = Math.max(align, fieldAlign);
    if (isFixedField(field)) {
      const aligned = alignUp(offset, fieldAlign);
      if (aligned > offset) holes.push([offset, aligned]);
      out.push({ name: fieldName, field, offset: aligned, tailIndex: -1 });
      offset = aligned + field.size;
    } else {
      out.push({ name: fieldName, field, offset: undefined, tailIndex: tailCount++ });
    }
    seen.set(fieldName, field);
  }
  const fixedEnd = offset;
  const sizeof = alignUp(fixedEnd, align);
  // Trailing padding of an all-fixed struct belongs to the struct (C sizeof), so it is a hole too.
  if (tailCount === 0 && sizeof > fixedEnd) holes.push([fixedEnd, sizeof]);
  return Object.freeze({ fields: Object.freeze(out), fixedEnd: tailCount === 0 ? sizeof : fixedEnd, sizeof, align, holes: Object.freeze(holes), tailCount });
}

/**
 * Declares a struct. Field order is wire order; offsets follow the C rules of the kernel's
 * compiler (natural alignment) unless `packed` is set.
 *
 * @example
 * ```ts
 * const header = struct('fanotify_event_info_header', { info_type: u8(), pad: u8({ default: 0 }), len: u16() });
 * ```
 * @public
 */
export function struct<const N extends string, const F extends FieldMap>(name: N, fields: F, options?: StructOptions): StructSchema<N, F> {
  const packed = options?.packed ?? false;
  return Object.freeze({ kind: 'struct', name, fields, packed, layout: computeLayout(name, fields, packed), doc: options?.doc });
}
