/**
 * Flag words of scenario files: kernel constant names (from spec/), `O_*` open flags, errno
 * names, and the parsing of `FlagWords`.
 *
 * @packageDocumentation
 */
import { eventBits } from '../../../spec/constants/event-bits.js';
import { experimentalConstants } from '../../../spec/constants/experimental.js';
import { initFlags } from '../../../spec/constants/init-flags.js';
import { markFlags } from '../../../spec/constants/mark-flags.js';
import { responseValues } from '../../../spec/constants/responses.js';
import { errnoNumber } from '../../kernel/errno.js';
import { O } from '../../kernel/bits.js';
import { ScenarioError } from './scenario-error.js';
import type { FlagWords } from './types.js';

function table(entries: Record<string, { readonly value: number | bigint }>, extra: Record<string, number> = {}): ReadonlyMap<string, bigint> {
  const map = new Map<string, bigint>();
  for (const [name, spec] of Object.entries(entries)) map.set(name, BigInt(spec.value));
  for (const [name, value] of Object.entries(extra)) map.set(name, BigInt(value));
  return map;
}

/** Name tables by kind of flag word. @internal */
export const WORDS = {
  init: table({ ...initFlags.entries, ...experimentalConstants.entries }),
  mark: table(markFlags.entries),
  event: table(eventBits.entries),
  response: table(
    Object.fromEntries(Object.entries(responseValues.entries).filter(([n]) => ['FAN_ALLOW', 'FAN_DENY', 'FAN_AUDIT', 'FAN_INFO'].includes(n))),
  ),
  open: table({}, {
    O_RDONLY: O.RDONLY,
    O_WRONLY: O.WRONLY,
    O_RDWR: O.RDWR,
    O_CREAT: O.CREAT,
    O_EXCL: O.EXCL,
    O_TRUNC: O.TRUNC,
    O_APPEND: O.APPEND,
    O_NONBLOCK: O.NONBLOCK,
    O_DSYNC: O.DSYNC,
    O_SYNC: O.SYNC,
    O_DIRECTORY: O.DIRECTORY,
    O_NOFOLLOW: O.NOFOLLOW,
    O_NOATIME: O.NOATIME,
    O_CLOEXEC: O.CLOEXEC,
    O_LARGEFILE: O.LARGEFILE,
  }),
} as const;

/** Kind of flag word. @internal */
export type WordKind = keyof typeof WORDS;

/**
 * Parses flag words of `kind`: a list of names, one name, a number, or a `0x…` string.
 *
 * @throws {@link ScenarioError} naming `path` for an unknown word.
 * @internal
 */
export function parseFlags(words: FlagWords, kind: WordKind, path: string): bigint {
  const names = typeof words === 'number' ? [words] : typeof words === 'string' ? [words] : words;
  let value = 0n;
  names.forEach((word, i) => {
    const at = Array.isArray(words) ? `${path}[${i}]` : path;
    if (typeof word === 'number') {
      if (!Number.isInteger(word) || word < 0) throw new ScenarioError(at, `expected a non-negative integer, got ${word}`);
      value |= BigInt(word);
      return;
    }
    if (/^0x[0-9a-fA-F]+$/.test(word)) {
      value |= BigInt(word);
      return;
    }
    const known = WORDS[kind].get(word);
    if (known === undefined) throw new ScenarioError(at, `unknown ${kind} flag '${word}'${suggest(word, kind)}`);
    value |= known;
  });
  return value;
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

function suggest(word: string, kind: WordKind): string {
  const close = [...WORDS[kind].keys()].filter((name) => name.includes(word.replace(/^(FAN_|O_)/, '')) || word.includes(name.replace(/^(FAN_|O_)/, '')));
  return close.length ? ` (did you mean ${close.slice(0, 3).join(', ')}?)` : '';
}
