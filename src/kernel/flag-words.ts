/**
 * The kernel's flag words, one table per kind of flag, over the spec tables: what the live
 * layer, the golden builder, scenarios and the CLI parse and print. Open flags are the kernel's
 * asm-generic (x86_64) values; a live group on another architecture passes its own table.
 *
 * @packageDocumentation
 */
import { experimentalConstants } from '../../spec/constants/experimental.js';
import { initFlags } from '../../spec/constants/init-flags.js';
import { markFlags } from '../../spec/constants/mark-flags.js';
import { responseValues } from '../../spec/constants/responses.js';
import { EVENT_WORDS } from '../codec/mask-names.js';
import { nameWords, parseWords, wordTable, type WordsInput, type WordsResult, type WordTable } from '../schema/flag-words.js';
import { O, RENAME } from './bits.js';

export type { WordsInput, WordsResult, WordTable } from '../schema/flag-words.js';

const CLASS_FIELD = { mask: BigInt(initFlags.entries.FAN_ALL_CLASS_BITS.value), names: ['FAN_CLASS_NOTIF', 'FAN_CLASS_CONTENT', 'FAN_CLASS_PRE_CONTENT'] };
const TYPE_FIELD = { mask: BigInt(markFlags.entries.FAN_MARK_MNTNS.value), names: ['FAN_MARK_INODE', 'FAN_MARK_MOUNT', 'FAN_MARK_FILESYSTEM', 'FAN_MARK_MNTNS'] };
const RESPONSE_WORDS = ['FAN_ALLOW', 'FAN_DENY', 'FAN_AUDIT', 'FAN_INFO'] as const;

/** The `O_*` values of event_f_flags and open(2), asm-generic numbering (x86_64, arm64 differ only in O_DIRECTORY…O_LARGEFILE). @internal */
export const OPEN_FLAG_ENTRIES = {
  O_RDONLY: { value: O.RDONLY },
  O_WRONLY: { value: O.WRONLY },
  O_RDWR: { value: O.RDWR },
  O_CREAT: { value: O.CREAT },
  O_EXCL: { value: O.EXCL },
  O_TRUNC: { value: O.TRUNC },
  O_APPEND: { value: O.APPEND },
  O_NONBLOCK: { value: O.NONBLOCK },
  O_DSYNC: { value: O.DSYNC },
  O_SYNC: { value: O.SYNC },
  O_DIRECTORY: { value: O.DIRECTORY },
  O_NOFOLLOW: { value: O.NOFOLLOW },
  O_NOATIME: { value: O.NOATIME },
  O_CLOEXEC: { value: O.CLOEXEC },
  O_LARGEFILE: { value: O.LARGEFILE },
} as const;

/**
 * The word tables by kind: `event` (mask bits), `init` (fanotify_init flags, with the
 * experimental FAN_RESTARTABLE_EVENTS), `mark`, `response`, `open` and `rename` (renameat2).
 *
 * @internal
 */
export const FLAG_WORDS = {
  event: EVENT_WORDS,
  init: wordTable('fanotify_init flag', { ...initFlags.entries, ...experimentalConstants.entries }, CLASS_FIELD),
  mark: wordTable('fanotify_mark flag', markFlags.entries, TYPE_FIELD),
  response: wordTable('response flag', Object.fromEntries(RESPONSE_WORDS.map((name) => [name, responseValues.entries[name]]))),
  open: wordTable('open flag', OPEN_FLAG_ENTRIES, { mask: BigInt(O.ACCMODE), names: ['O_RDONLY', 'O_WRONLY', 'O_RDWR'] }),
  rename: wordTable('renameat2 flag', {
    RENAME_NOREPLACE: { value: RENAME.NOREPLACE },
    RENAME_EXCHANGE: { value: RENAME.EXCHANGE },
    RENAME_WHITEOUT: { value: RENAME.WHITEOUT },
  }),
} as const satisfies Record<string, WordTable>;

/** A kind of flag word. @internal */
export type FlagKind = keyof typeof FLAG_WORDS;

/**
 * Parses flag words of a kind: names (aggregates too), `0x…`, decimal; `'A,B|C'` text or a list.
 *
 * @returns The value, or which word is unknown and why (callers wrap it in their own error).
 * @internal
 */
export function parseFlagWords(kind: FlagKind | WordTable, input: WordsInput): WordsResult {
  return parseWords(typeof kind === 'string' ? FLAG_WORDS[kind] : kind, input);
}

/**
 * The names of a value of a kind, field first (class, object type, access mode), unknown bits as hex.
 *
 * @internal
 */
export function flagWordNames(kind: FlagKind | WordTable, value: number | bigint): string[] {
  return nameWords(typeof kind === 'string' ? FLAG_WORDS[kind] : kind, value);
}
