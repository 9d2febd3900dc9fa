/**
 * 64-bit values as two u32 words (the cursor's `<name>_lo`/`<name>_hi`): the constants every
 * reader of those words shares.
 *
 * @packageDocumentation
 */

/** 2^32: a 64-bit value is `hi * TWO_32 + lo`. @internal */
export const TWO_32 = 4294967296;

/** Below this high word (2^21) a 64-bit value is below 2^53, so exact as a number. @internal */
export const EXACT_HI = 0x20_0000;
