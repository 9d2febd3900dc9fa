/**
 * Scalar field kinds: fixed-width integers as the kernel declares them (`__u8` … `__s64`).
 *
 * @packageDocumentation
 */

/** Names of the integer kinds the schema language knows, mirroring the kernel's `__u8`…`__s64`. @public */
export type ScalarKind = 'u8' | 'u16' | 'u32' | 'u64' | 's8' | 's16' | 's32' | 's64';

/** How a scalar is rendered in the JSON form: decimal (default) or hexadecimal (flag words). @public */
export type ScalarFormat = 'dec' | 'hex';

/** The JavaScript type a scalar kind decodes to: 64-bit kinds are `bigint` so no value loses precision. @public */
export type ScalarValue<K extends ScalarKind> = K extends 'u64' | 's64' ? bigint : number;

/**
 * A fixed-width integer field.
 *
 * @typeParam K - the integer kind.
 * @public
 */
export interface ScalarField<K extends ScalarKind = ScalarKind> {
  /** Discriminant of the field kind. */
  readonly kind: 'scalar';
  /** The integer kind. */
  readonly scalar: K;
  /** Size in bytes. */
  readonly size: number;
  /** Natural (C) alignment in bytes. */
  readonly align: number;
  /** Whether the kind is signed. */
  readonly signed: boolean;
  /** Value written when an encoder input omits the field (only pads and reserved words have one). */
  readonly defaultValue: ScalarValue<K> | undefined;
  /** JSON rendering. */
  readonly format: ScalarFormat;
  /** One-line description for generated documentation. */
  readonly doc: string | undefined;
}

/** Options accepted by the scalar field factories. @public */
export interface ScalarOptions<K extends ScalarKind> {
  /** Value used when an encoder input omits the field; makes the field optional on encode. */
  readonly default?: ScalarValue<K>;
  /** JSON rendering (default `'dec'`). */
  readonly format?: ScalarFormat;
  /** One-line description. */
  readonly doc?: string;
}

/** A scalar field that has a default value, so encoder inputs may omit it. @public */
export interface DefaultedScalarField<K extends ScalarKind = ScalarKind> extends ScalarField<K> {
  /** The value written when the encoder input omits the field. */
  readonly defaultValue: ScalarValue<K>;
}

const SIZES: Record<ScalarKind, number> = { u8: 1, s8: 1, u16: 2, s16: 2, u32: 4, s32: 4, u64: 8, s64: 8 };

function scalar<K extends ScalarKind>(kind: K, options: ScalarOptions<K> | undefined): ScalarField<K> {
  const size = SIZES[kind];
  return Object.freeze({
    kind: 'scalar',
    scalar: kind,
    size,
    align: size,
    signed: kind.startsWith('s'),
    defaultValue: options?.default,
    format: options?.format ?? 'dec',
    doc: options?.doc,
  });
}

/** A scalar field factory: returns a defaulted field when `default` is given. @public */
export type ScalarFactory<K extends ScalarKind> = {
  (options: ScalarOptions<K> & { readonly default: ScalarValue<K> }): DefaultedScalarField<K>;
  (options?: ScalarOptions<K>): ScalarField<K>;
};

/** Unsigned 8-bit field (`__u8`). @public */
export const u8: ScalarFactory<'u8'> = ((o?: ScalarOptions<'u8'>) => scalar('u8', o)) as ScalarFactory<'u8'>;
/** Unsigned 16-bit field (`__u16`). @public */
export const u16: ScalarFactory<'u16'> = ((o?: ScalarOptions<'u16'>) => scalar('u16', o)) as ScalarFactory<'u16'>;
/** Unsigned 32-bit field (`__u32`). @public */
export const u32: ScalarFactory<'u32'> = ((o?: ScalarOptions<'u32'>) => scalar('u32', o)) as ScalarFactory<'u32'>;
/** Unsigned 64-bit field (`__u64`); decodes to `bigint`. @public */
export const u64: ScalarFactory<'u64'> = ((o?: ScalarOptions<'u64'>) => scalar('u64', o)) as ScalarFactory<'u64'>;
/** Signed 8-bit field (`__s8`). @public */
export const s8: ScalarFactory<'s8'> = ((o?: ScalarOptions<'s8'>) => scalar('s8', o)) as ScalarFactory<'s8'>;
/** Signed 16-bit field (`__s16`). @public */
export const s16: ScalarFactory<'s16'> = ((o?: ScalarOptions<'s16'>) => scalar('s16', o)) as ScalarFactory<'s16'>;
/** Signed 32-bit field (`__s32`, `int`). @public */
export const s32: ScalarFactory<'s32'> = ((o?: ScalarOptions<'s32'>) => scalar('s32', o)) as ScalarFactory<'s32'>;
/** Signed 64-bit field (`__s64`); decodes to `bigint`. @public */
export const s64: ScalarFactory<'s64'> = ((o?: ScalarOptions<'s64'>) => scalar('s64', o)) as ScalarFactory<'s64'>;

/** The inclusive range of each kind: the one place that states them (generated writers print them). @internal */
export const scalarLimits: Readonly<Record<ScalarKind, readonly [bigint, bigint]>> = {
  u8: [0n, 0xffn],
  u16: [0n, 0xffffn],
  u32: [0n, 0xffff_ffffn],
  u64: [0n, 0xffff_ffff_ffff_ffffn],
  s8: [-0x80n, 0x7fn],
  s16: [-0x8000n, 0x7fffn],
  s32: [-0x8000_0000n, 0x7fff_ffffn],
  s64: [-0x8000_0000_0000_0000n, 0x7fff_ffff_ffff_ffffn],
};

const NUMBER_LIMITS = Object.fromEntries(
  Object.entries(scalarLimits).map(([kind, [min, max]]) => [kind, [Math.max(Number(min), Number.MIN_SAFE_INTEGER), Math.min(Number(max), Number.MAX_SAFE_INTEGER)]]),
) as unknown as Record<ScalarKind, readonly [number, number]>;

/**
 * Whether `value` is representable in the scalar kind (integers only; no silent truncation).
 *
 * @public
 */
export function fitsScalar(kind: ScalarKind, value: unknown): boolean {
  // Numbers are compared as numbers (no BigInt allocation on the encoder's hot path).
  if (typeof value === 'number') {
    const limits = NUMBER_LIMITS[kind];
    return Number.isSafeInteger(value) && value >= limits[0] && value <= limits[1];
  }
  if (typeof value !== 'bigint') return false;
  const limits = scalarLimits[kind];
  return value >= limits[0] && value <= limits[1];
}

/** Reads one scalar at an offset of a DataView (bounds are the caller's responsibility). @internal */
export type ScalarReader = (dv: DataView, offset: number, le: boolean) => number | bigint;

/** Writes one scalar that `fitsScalar` accepted. @internal */
export type ScalarWriter = (dv: DataView, offset: number, value: number | bigint, le: boolean) => void;

/**
 * The DataView getter and setter names of each kind, whether they take a byte order, and the
 * JavaScript type they read: what generated code spells out (the functions below run it).
 *
 * @internal
 */
export const scalarAccess: Readonly<Record<ScalarKind, readonly [get: string, set: string, endian: boolean, type: 'number' | 'bigint']>> = {
  u8: ['getUint8', 'setUint8', false, 'number'],
  s8: ['getInt8', 'setInt8', false, 'number'],
  u16: ['getUint16', 'setUint16', true, 'number'],
  s16: ['getInt16', 'setInt16', true, 'number'],
  u32: ['getUint32', 'setUint32', true, 'number'],
  s32: ['getInt32', 'setInt32', true, 'number'],
  u64: ['getBigUint64', 'setBigUint64', true, 'bigint'],
  s64: ['getBigInt64', 'setBigInt64', true, 'bigint'],
};

/** The reader of each kind: the one place that maps kinds to DataView getters. @internal */
export const scalarReaders: Readonly<Record<ScalarKind, ScalarReader>> = {
  u8: (dv, o) => dv.getUint8(o),
  s8: (dv, o) => dv.getInt8(o),
  u16: (dv, o, le) => dv.getUint16(o, le),
  s16: (dv, o, le) => dv.getInt16(o, le),
  u32: (dv, o, le) => dv.getUint32(o, le),
  s32: (dv, o, le) => dv.getInt32(o, le),
  u64: (dv, o, le) => dv.getBigUint64(o, le),
  s64: (dv, o, le) => dv.getBigInt64(o, le),
};

/** The writer of each kind: the one place that maps kinds to DataView setters. @internal */
export const scalarWriters: Readonly<Record<ScalarKind, ScalarWriter>> = {
  u8: (dv, o, v) => dv.setUint8(o, Number(v)),
  s8: (dv, o, v) => dv.setInt8(o, Number(v)),
  u16: (dv, o, v, le) => dv.setUint16(o, Number(v), le),
  s16: (dv, o, v, le) => dv.setInt16(o, Number(v), le),
  u32: (dv, o, v, le) => dv.setUint32(o, Number(v), le),
  s32: (dv, o, v, le) => dv.setInt32(o, Number(v), le),
  u64: (dv, o, v, le) => dv.setBigUint64(o, BigInt(v), le),
  s64: (dv, o, v, le) => dv.setBigInt64(o, BigInt(v), le),
};

/** Reads one scalar from a DataView (bounds are the caller's responsibility). @internal */
export function readScalar(dv: DataView, offset: number, kind: ScalarKind, le: boolean): number | bigint {
  return scalarReaders[kind](dv, offset, le);
}

/** Writes one scalar that `fitsScalar` accepted. @internal */
export function writeScalar(dv: DataView, offset: number, kind: ScalarKind, value: number | bigint, le: boolean): void {
  scalarWriters[kind](dv, offset, value, le);
}
