/**
 * Type-level helpers for the type tests.
 */

/** Flattens an intersection into one object type (keeps readonly), so it compares equal to a literal type. */
export type Flat<T> = { [K in keyof T]: T[K] } & {};

/** Keys of `T` that are not optional. */
export type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

/** Keys of `T` that are optional. */
export type OptionalKeys<T> = Exclude<keyof T, RequiredKeys<T>>;
