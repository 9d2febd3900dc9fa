/**
 * Types derived from schemas: the decoded value of a struct, the input its encoder accepts, and
 * the zero-copy view over its bytes. Nothing here is written a second time by hand.
 *
 * @packageDocumentation
 */
import type { BytesField, FieldInput, FieldMap, FieldValue } from './fields.js';
import type { DefaultedScalarField } from './scalar.js';
import type { StructSchema } from './struct.js';

/** Flattens an intersection for readable hover types. @public */
export type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The fields of a struct schema. @public */
export type FieldsOf<S> = S extends StructSchema<string, infer F> ? F : never;

/** The decoded plain value of a struct: every field, 64-bit fields as `bigint`, byte fields as owned `Uint8Array`s. @public */
export type StructValue<S extends StructSchema> = Simplify<{ -readonly [K in keyof FieldsOf<S>]: FieldValue<FieldsOf<S>[K]> }>;

/** Names of fields that count another field's bytes (computed by the encoder when omitted). @public */
export type LengthSourceKeys<F extends FieldMap> = { [K in keyof F]: F[K] extends BytesField<infer L> ? L : never }[keyof F];

/** Names of fields with a default value (pads, reserved words). @public */
export type DefaultedKeys<F extends FieldMap> = { [K in keyof F]: F[K] extends DefaultedScalarField ? K : never }[keyof F];

/**
 * What a struct encoder accepts: every field, except that counted lengths, defaulted fields and
 * the extra keys `X` (computed by an enclosing frame) may be omitted.
 *
 * @public
 */
export type StructInput<S extends StructSchema, X extends PropertyKey = never> = Simplify<
  {
    [K in Exclude<keyof FieldsOf<S>, LengthSourceKeys<FieldsOf<S>> | DefaultedKeys<FieldsOf<S>> | X>]: FieldInput<FieldsOf<S>[K]>;
  } & {
    [K in Extract<keyof FieldsOf<S>, LengthSourceKeys<FieldsOf<S>> | DefaultedKeys<FieldsOf<S>> | X>]?: FieldInput<FieldsOf<S>[K]>;
  }
>;

/** Read-only field accessors of a zero-copy view (byte fields are `subarray` views into the input). @public */
export type StructFields<S extends StructSchema> = { readonly [K in keyof FieldsOf<S>]: FieldValue<FieldsOf<S>[K]> };
