/**
 * Flag words of scenario files: the kernel layer's flag words (kernel constant names from spec/,
 * `O_*` open flags) and errno names, wrapped in {@link ScenarioError}s that name the JSON path.
 *
 * @packageDocumentation
 */
import { errnoNumber } from '../../kernel/errno.js';
import { FLAG_WORDS, parseFlagWords, type FlagKind } from '../../kernel/flag-words.js';
import { ScenarioError } from './scenario-error.js';
import type { FlagWords } from './types.js';

/** Name tables by kind of flag word: the kernel layer's. @internal */
export const WORDS = FLAG_WORDS;

/** Kind of flag word. @internal */
export type WordKind = FlagKind;

/**
 * Parses flag words of `kind`: a list of names, one name, a number, or a `0x…` string.
 *
 * @throws {@link ScenarioError} naming `path` (and the word's index in a list) for an unknown word.
 * @internal
 */
export function parseFlags(words: FlagWords, kind: WordKind, path: string): bigint {
  const result = parseFlagWords(kind, typeof words === 'string' ? [words] : words);
  if (result.ok) return result.value;
  throw new ScenarioError(Array.isArray(words) ? `${path}[${result.index}]` : path, result.message);
}

/** Parses an errno given by name (`"EIO"`) or number. @internal */
export function parseErrno(value: string | number, path: string): number {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0 || value > 4095) throw new ScenarioError(path, `expected an errno number, got ${value}`);
    return value;
  }
  const n = errnoNumber(value);
  if (n === undefined) throw new ScenarioError(path, `unknown errno name '${value}'`);
  return n;
}
