/**
 * Flag words: naming the bits of a value after a constant table and parsing names back, one
 * engine for every kind of flag (event masks, init and mark flags, responses, open flags).
 * Parsing returns a result instead of throwing, so that each caller wraps a failure in its own
 * error type (a decode error, an option error, a scenario error with its JSON path).
 *
 * @packageDocumentation
 */
import { nearestNames } from '../text/nearest.js';

/** A multi-bit field named by its value (the class of init flags, the object type of mark flags). @internal */
export interface WordField {
  /** The field's bits. */
  readonly mask: bigint;
  /** Names by field value; a value without a name is printed as hex. */
  readonly names: ReadonlyMap<bigint, string>;
}

/** A table of words: every name (aggregates included) for parsing, the single bits for naming. @internal */
export interface WordTable {
  /** What the words are, for messages: `'event'`, `'fanotify_init flag'`, … */
  readonly what: string;
  /** Every accepted name and its value. */
  readonly words: ReadonlyMap<string, bigint>;
  /** Names used when naming a value (multi-bit ones first, then lowest bit first), excluding the field's bits. */
  readonly bits: readonly (readonly [string, bigint])[];
  /** A field named first (class, object type), if the flags have one. */
  readonly field?: WordField;
}

/** Entries as the spec tables hold them. */
type Entries = Readonly<Record<string, { readonly value: number | bigint; readonly aggregate?: boolean }>>;

/**
 * Builds a word table from constant entries: aggregates and zero values parse but do not name;
 * `field` entries name the field.
 *
 * @internal
 */
export function wordTable(what: string, entries: Entries, field?: { readonly mask: bigint; readonly names: readonly string[] }): WordTable {
  const words = new Map<string, bigint>();
  for (const [name, spec] of Object.entries(entries)) words.set(name, BigInt(spec.value));
  const fieldMask = field?.mask ?? 0n;
  // Multi-bit names (O_SYNC includes O_DSYNC's bit) are tried before single bits, then lowest first.
  const multi = (v: bigint): number => ((v & (v - 1n)) !== 0n ? 0 : 1);
  const bits = Object.entries(entries)
    .map(([name, spec]) => [name, BigInt(spec.value), spec.aggregate === true] as const)
    .filter(([, value, aggregate]) => !aggregate && value !== 0n && (value & fieldMask) === 0n)
    .sort((a, b) => multi(a[1]) - multi(b[1]) || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([name, value]) => [name, value] as const);
  const table: WordTable = { what, words, bits };
  if (!field) return table;
  return { ...table, field: { mask: field.mask, names: new Map(field.names.map((name) => [words.get(name)!, name])) } };
}

/**
 * The names of `value`: the field's name first, then each named bit, lowest first; bits no
 * name covers as hex (`'0x80000'`), so nothing is hidden.
 *
 * @internal
 */
export function nameWords(table: WordTable, value: number | bigint): string[] {
  let rest = BigInt.asUintN(64, BigInt(value));
  const out: string[] = [];
  if (table.field) {
    const f = rest & table.field.mask;
    out.push(table.field.names.get(f) ?? `0x${f.toString(16)}`);
    rest &= ~table.field.mask;
  }
  for (const [name, bit] of table.bits) {
    if ((rest & bit) === bit) {
      out.push(name);
      rest &= ~bit;
    }
  }
  for (let bit = 1n; rest !== 0n; bit <<= 1n) {
    if (rest & bit) {
      out.push(`0x${bit.toString(16)}`);
      rest &= ~bit;
    }
  }
  return out;
}

/** What {@link parseWords} returns. @internal */
export type WordsResult =
  | { readonly ok: true; readonly value: bigint }
  | {
      readonly ok: false;
      /** Index of the offending word in the list (0 for a single word). */
      readonly index: number;
      /** The offending word. */
      readonly word: string;
      /** `unknown event 'FAN_CRATE' (did you mean FAN_CREATE?)`. */
      readonly message: string;
    };

/** Words as callers give them: a list, one name, `'A,B|C'` text, a number or a bigint. @internal */
export type WordsInput = string | number | bigint | readonly (string | number | bigint)[];

/**
 * Parses words into a value: names of the table, `0x…` hex and decimal numbers; text splits at
 * `,` and `|`.
 *
 * @internal
 */
export function parseWords(table: WordTable, input: WordsInput): WordsResult {
  const list = typeof input === 'string' ? input.split(/[,|]/).map((w) => w.trim()).filter((w) => w !== '') : Array.isArray(input) ? input : [input as number | bigint];
  let value = 0n;
  for (let index = 0; index < list.length; index++) {
    const word = list[index]!;
    const v = wordValue(table, word);
    if (v === undefined) return { ok: false, index, word: String(word), message: unknownWord(table, String(word)) };
    value |= v;
  }
  return { ok: true, value };
}

function wordValue(table: WordTable, word: string | number | bigint): bigint | undefined {
  if (typeof word === 'bigint') return word >= 0n && word < 1n << 64n ? word : undefined;
  if (typeof word === 'number') return Number.isSafeInteger(word) && word >= 0 ? BigInt(word) : undefined;
  if (typeof word !== 'string') return undefined;
  const known = table.words.get(word);
  if (known !== undefined) return known;
  if (/^0x[0-9a-f]{1,16}$/i.test(word) || /^[0-9]{1,20}$/.test(word)) {
    const v = BigInt(word);
    return v < 1n << 64n ? v : undefined;
  }
  return undefined;
}

function unknownWord(table: WordTable, word: string): string {
  // Tables hold dozens of names: suggest the near ones, never list them all.
  const close = nearestNames(word, table.words.keys());
  return `unknown ${table.what} '${word}'${close.length ? ` (did you mean ${close.join(', ')}?)` : ''}`;
}
