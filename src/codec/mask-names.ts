/**
 * Names of the bits set in an event mask, for people: `0x40000100n` → `['FAN_CREATE', 'FAN_ONDIR']`.
 *
 * @packageDocumentation
 */
import { eventBits } from '../../spec/constants/event-bits.js';

const SINGLE_BITS: readonly (readonly [string, bigint])[] = Object.entries(eventBits.entries)
  .filter(([, spec]) => !('aggregate' in spec && spec.aggregate))
  .map(([name, spec]) => [name, spec.value] as const);

/**
 * The names of the bits set in `mask`, lowest bit first. Bits no kernel constant names are
 * listed as hex (`'0x80000'`), so nothing is hidden.
 *
 * @public
 */
export function maskNames(mask: bigint | number): string[] {
  let rest = BigInt.asUintN(64, BigInt(mask));
  const out: string[] = [];
  for (const [name, bit] of SINGLE_BITS) {
    if (rest & bit) {
      out.push(name);
      rest &= ~bit;
    }
  }
  for (let bit = 1n; rest !== 0n; bit <<= 1n) {
    if (rest & bit) {
      out.push('0x' + bit.toString(16));
      rest &= ~bit;
    }
  }
  return out;
}

/**
 * Parses mask names (as {@link maskNames} prints them, or aggregates like `FAN_CLOSE`) back into a mask.
 * Returns `undefined` for a name it does not know.
 *
 * @public
 */
export function maskFromNames(names: readonly string[]): bigint | undefined {
  let mask = 0n;
  const table = eventBits.entries as Record<string, { value: bigint } | undefined>;
  for (const name of names) {
    const spec = table[name];
    if (spec) mask |= spec.value;
    else if (/^0x[0-9a-fA-F]+$/.test(name)) mask |= BigInt(name);
    else return undefined;
  }
  return mask;
}
