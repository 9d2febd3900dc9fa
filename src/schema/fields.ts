/**
 * Field kinds beyond scalars: fixed arrays and the variable-length tails the kernel appends to its
 * structs (`unsigned char f_handle[]`, NUL-terminated names, opaque blobs).
 *
 * @packageDocumentation
 */
import type { ScalarField, ScalarKind, ScalarValue } from './scalar.js';

/**
 * A fixed-count array of scalars, such as `__kernel_fsid_t`'s `int val[2]`.
 *
 * @public
 */
export interface ArrayField<E extends ScalarField = ScalarField, N extends number = number> {
  /** Discriminant of the field kind. */
  readonly kind: 'array';
  /** Element kind. */
  readonly element: E;
  /** Number of elements. */
  readonly count: N;
  /** Size in bytes. */
  readonly size: number;
  /** Alignment in bytes (the element's). */
  readonly align: number;
  /** One-line description. */
  readonly doc: string | undefined;
}

/**
 * Bytes whose count is given by an earlier unsigned field of the same struct
 * (`f_handle[handle_bytes]`). Decodes to a zero-copy `Uint8Array` view.
 *
 * @public
 */
export interface BytesField<L extends string = string> {
  /** Discriminant of the field kind. */
  readonly kind: 'bytes';
  /** Name of the earlier field that holds the byte count. */
  readonly lengthField: L;
  /** Alignment in bytes (1: a `char[]`). */
  readonly align: 1;
  /** Inclusive upper bound on the count the kernel ever writes (e.g. `MAX_HANDLE_SZ`), if any. */
  readonly maxLength: number | undefined;
  /** One-line description. */
  readonly doc: string | undefined;
}

/**
 * A NUL-terminated byte string (a file name). Decodes to the bytes before the NUL, as a zero-copy
 * view: names are bytes on Linux and need not be UTF-8.
 *
 * @public
 */
export interface CStringField {
  /** Discriminant of the field kind. */
  readonly kind: 'cstring';
  /** Alignment in bytes. */
  readonly align: 1;
  /** Fewest bytes before the NUL; a shorter string is a `BAD_RECORD` (a `*_NAME` record always has a name). */
  readonly minLength: number;
  /** Inclusive upper bound on the length without the NUL (e.g. `NAME_MAX`), if any. */
  readonly maxLength: number | undefined;
  /** One-line description. */
  readonly doc: string | undefined;
}

/**
 * Every remaining byte of the enclosing frame (an opaque blob such as filesystem-specific data).
 * Must be the last field.
 *
 * @public
 */
export interface RestField {
  /** Discriminant of the field kind. */
  readonly kind: 'rest';
  /** Alignment in bytes. */
  readonly align: 1;
  /** One-line description. */
  readonly doc: string | undefined;
}

/** Any field the schema language can declare. @public */
export type Field = ScalarField | ArrayField | BytesField | CStringField | RestField;

/** Fields of a struct, in declaration (= wire) order. @public */
export type FieldMap = { readonly [name: string]: Field };

/** Declares a fixed-count array of scalars. @public */
export function array<E extends ScalarField, const N extends number>(
  element: E,
  count: N,
  options?: { readonly doc?: string },
): ArrayField<E, N> {
  if (!Number.isInteger(count) || count <= 0) throw new TypeError(`array count must be a positive integer, got ${count}`);
  return Object.freeze({ kind: 'array', element, count, size: element.size * count, align: element.align, doc: options?.doc });
}

/** Declares bytes counted by an earlier field. @public */
export function bytes<const L extends string>(
  lengthField: L,
  options?: { readonly maxLength?: number; readonly doc?: string },
): BytesField<L> {
  return Object.freeze({ kind: 'bytes', lengthField, align: 1, maxLength: options?.maxLength, doc: options?.doc });
}

/** Declares a NUL-terminated byte string. @public */
export function cstring(options?: { readonly minLength?: number; readonly maxLength?: number; readonly doc?: string }): CStringField {
  return Object.freeze({ kind: 'cstring', align: 1, minLength: options?.minLength ?? 0, maxLength: options?.maxLength, doc: options?.doc });
}

/** Declares a trailing blob that runs to the end of the enclosing frame. @public */
export function rest(options?: { readonly doc?: string }): RestField {
  return Object.freeze({ kind: 'rest', align: 1, doc: options?.doc });
}

/** The decoded value of a field. @public */
export type FieldValue<F> = F extends ScalarField<infer K>
  ? ScalarValue<K>
  : F extends ArrayField<infer E, infer N>
    ? E extends ScalarField<infer K>
      ? TupleOf<ScalarValue<K>, N>
      : never
    : F extends BytesField | CStringField | RestField
      ? Uint8Array
      : never;

/** The value accepted for a field by encoders: 64-bit fields take `number` too, names take `string`. @public */
export type FieldInput<F> = F extends ScalarField<infer K>
  ? K extends 'u64' | 's64'
    ? bigint | number
    : number
  : F extends ArrayField<infer E, infer N>
    ? E extends ScalarField<'u64' | 's64'>
      ? TupleOf<bigint | number, N>
      : TupleOf<number, N>
    : F extends CStringField
      ? Uint8Array | string
      : F extends BytesField | RestField
        ? Uint8Array
        : never;

/** A readonly tuple of `N` elements (a plain readonly array when `N` is not a small literal). @public */
export type TupleOf<T, N extends number> = N extends 1
  ? readonly [T]
  : N extends 2
    ? readonly [T, T]
    : N extends 3
      ? readonly [T, T, T]
      : N extends 4
        ? readonly [T, T, T, T]
        : readonly T[];

/** Whether a field's size is known without reading the bytes. @internal */
export function isFixedField(field: Field): field is ScalarField | ArrayField {
  return field.kind === 'scalar' || field.kind === 'array';
}

/** Narrows the kind of a scalar field (helper for generic code). @internal */
export function scalarKindOf(field: ScalarField): ScalarKind {
  return field.scalar;
}
