/**
 * The bench's checksum (bench/checksum.ts), which every decoder row is checked against: a 64-bit
 * field handed in as two u32 words sums to what the same value as a bigint sums to, wrapping at
 * 2^64, also past the point where the word sums move into the bigint sum (the numbers would lose
 * exactness beyond 2^53).
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { Checksum } from '../../bench/checksum.js';

const arbU64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });

it('words and bigints give one digest, wrapping at 2^64', () => {
  fc.assert(
    fc.property(fc.array(arbU64, { maxLength: 50 }), (values) => {
      const words = new Checksum();
      const bigs = new Checksum();
      for (const v of values) {
        words.u64Words(Number(v & 0xffff_ffffn), Number(v >> 32n));
        bigs.u64(v);
      }
      expect(words.digest()).toBe(bigs.digest());
    }),
  );
});

it('stays exact where the word sums pass 2^53', () => {
  const words = new Checksum();
  const bigs = new Checksum();
  // 2^22 words of 2^32 - 1: without folding, either number sum would pass 2^53 after 2^21 of them.
  const v = 2n ** 64n - 1n;
  for (let i = 0; i < 1 << 22; i++) words.u64Words(0xffff_ffff, 0xffff_ffff);
  for (let i = 0; i < 1 << 22; i++) bigs.u64(v);
  expect(words.digest()).toBe(bigs.digest());
});
