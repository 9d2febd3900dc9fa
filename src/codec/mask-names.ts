/**
 * Names of the bits set in an event mask, for people: `0x40000100n` → `['FAN_CREATE', 'FAN_ONDIR']`,
 * and back. The engine is the schema layer's flag-word engine; the kernel-rules layer shares this
 * table for its event words.
 *
 * @packageDocumentation
 */
import { eventBits } from '../../spec/constants/event-bits.js';
import { nameWords, parseWords, wordTable, type WordTable } from '../schema/flag-words.js';

/** The event-mask words (every name of spec/constants/event-bits.ts). @internal */
export const EVENT_WORDS: WordTable = wordTable('event', eventBits.entries);

/**
 * The names of the bits set in `mask`, lowest bit first. Bits no kernel constant names are
 * listed as hex (`'0x80000'`), so nothing is hidden.
 *
 * @public
 */
export function maskNames(mask: bigint | number): string[] {
  return nameWords(EVENT_WORDS, mask);
}

/**
 * Parses mask names (as {@link maskNames} prints them, aggregates like `FAN_CLOSE`, or `0x…`)
 * back into a mask. Returns `undefined` for a name it does not know.
 *
 * @public
 */
export function maskFromNames(names: readonly string[]): bigint | undefined {
  const result = parseWords(EVENT_WORDS, names);
  return result.ok ? result.value : undefined;
}
