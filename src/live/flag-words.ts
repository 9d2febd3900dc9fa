/**
 * Flag words ↔ words for the live layer: `fanotify_init` flags, `fanotify_mark` flags,
 * `event_f_flags` and event masks rendered as kernel names (`FAN_CLASS_CONTENT|FAN_REPORT_FID`)
 * for messages and capture sidecars, and parsed back from the same names (the capture
 * command's `--init`, `--mark`). The words and the engine are the kernel layer's; this module
 * only wraps failures in {@link FanotifyOptionError} and builds the open-flag table from the
 * values the native addon reports for this machine.
 *
 * @packageDocumentation
 */
import { constants as fsConstants } from 'node:fs';
import { flagWordNames, parseFlagWords, type FlagKind, type WordTable } from '../kernel/flag-words.js';
import { wordTable } from '../schema/flag-words.js';
import { FanotifyOptionError } from './errors.js';

/**
 * `fanotify_init` flags as names, class first: `0x20c` → `['FAN_CLASS_CONTENT', 'FAN_REPORT_FID']`.
 * Unknown bits are listed as hex.
 *
 * @public
 */
export function initFlagNames(flags: number): string[] {
  return flagWordNames('init', flags >>> 0);
}

/**
 * `fanotify_mark` flags as names, object type first:
 * `0x111` → `['FAN_MARK_MNTNS', 'FAN_MARK_ADD']`.
 *
 * @public
 */
export function markFlagNames(flags: number): string[] {
  return flagWordNames('mark', flags >>> 0);
}

/**
 * The kernel's `O_*` values that `event_f_flags` may contain. `O_LARGEFILE` must be the kernel's
 * value (glibc's is 0 on 64-bit targets), which the native addon reports.
 *
 * @public
 */
export interface OpenFlagValues {
  /** Access mode: read only (0). */
  readonly O_RDONLY: number;
  /** Access mode: write only. */
  readonly O_WRONLY: number;
  /** Access mode: read and write. */
  readonly O_RDWR: number;
  /** Mask of the access-mode bits. */
  readonly O_ACCMODE: number;
  /** Writes append. */
  readonly O_APPEND: number;
  /** Non-blocking I/O. */
  readonly O_NONBLOCK: number;
  /** Close on exec. */
  readonly O_CLOEXEC: number;
  /** Large-file bit, as the kernel reports it (set on every fd of a 64-bit kernel). */
  readonly O_LARGEFILE: number;
  /** Reads do not update the access time. */
  readonly O_NOATIME: number;
  /** Writes are synchronized (data integrity). */
  readonly O_DSYNC: number;
  /** `O_SYNC` includes the `O_DSYNC` bit. */
  readonly O_SYNC: number;
}

/**
 * {@link OpenFlagValues} from the native addon's constants; `O_DSYNC`/`O_SYNC`, which the addon
 * does not report, are libc = kernel values on Linux and come from `fs.constants`.
 *
 * @internal
 */
export function openFlagValuesFrom(native: Omit<OpenFlagValues, 'O_DSYNC' | 'O_SYNC'>): OpenFlagValues {
  return {
    O_RDONLY: native.O_RDONLY,
    O_WRONLY: native.O_WRONLY,
    O_RDWR: native.O_RDWR,
    O_ACCMODE: native.O_ACCMODE,
    O_APPEND: native.O_APPEND,
    O_NONBLOCK: native.O_NONBLOCK,
    O_CLOEXEC: native.O_CLOEXEC,
    O_LARGEFILE: native.O_LARGEFILE,
    O_NOATIME: native.O_NOATIME,
    O_DSYNC: fsConstants.O_DSYNC ?? 0x1000,
    O_SYNC: fsConstants.O_SYNC ?? 0x10_1000,
  };
}

/** The open-flag words with this machine's values (the addon's), for event_f_flags. */
function openWords(o: OpenFlagValues): WordTable {
  const entries = {
    O_RDONLY: { value: o.O_RDONLY },
    O_WRONLY: { value: o.O_WRONLY },
    O_RDWR: { value: o.O_RDWR },
    O_APPEND: { value: o.O_APPEND },
    O_NONBLOCK: { value: o.O_NONBLOCK },
    O_SYNC: { value: o.O_SYNC },
    O_DSYNC: { value: o.O_DSYNC },
    O_LARGEFILE: { value: o.O_LARGEFILE },
    O_NOATIME: { value: o.O_NOATIME },
    O_CLOEXEC: { value: o.O_CLOEXEC },
  };
  return wordTable('event_f_flags flag', entries, { mask: BigInt(o.O_ACCMODE), names: ['O_RDONLY', 'O_WRONLY', 'O_RDWR'] });
}

/**
 * `event_f_flags` as names, access mode first: `0x8000` → `['O_RDONLY', 'O_LARGEFILE']` (x86_64).
 *
 * @public
 */
export function eventFFlagNames(flags: number, o: OpenFlagValues): string[] {
  return flagWordNames(openWords(o), flags >>> 0);
}

/** Parses words of a 32-bit kind, or throws {@link FanotifyOptionError}. */
function parse32(kind: FlagKind | WordTable, text: string): number {
  const result = parseFlagWords(kind, text);
  if (!result.ok) throw new FanotifyOptionError(result.message);
  if (result.value > 0xffff_ffffn) throw new FanotifyOptionError(`'${text}' does not fit the 32-bit flags`);
  return Number(result.value);
}

/**
 * Parses `fanotify_init` flag names (`FAN_CLASS_NOTIF,FAN_REPORT_DFID_NAME`; `,` or `|`
 * separated; aggregates and hex numbers allowed).
 *
 * @throws {@link FanotifyOptionError} for an unknown name.
 * @public
 */
export function parseInitFlags(text: string): number {
  return parse32('init', text);
}

/**
 * Parses `fanotify_mark` flag names (`FAN_MARK_ADD,FAN_MARK_ONLYDIR`).
 *
 * @throws {@link FanotifyOptionError} for an unknown name.
 * @public
 */
export function parseMarkFlags(text: string): number {
  return parse32('mark', text);
}

/**
 * Parses `event_f_flags` names (`O_RDONLY,O_LARGEFILE,O_CLOEXEC`).
 *
 * @throws {@link FanotifyOptionError} for an unknown name.
 * @public
 */
export function parseEventFFlags(text: string, o: OpenFlagValues): number {
  return parse32(openWords(o), text);
}

/**
 * Parses event names (`FAN_CREATE,FAN_ONDIR`, aggregates such as `FAN_CLOSE`, or hex) into a
 * mask.
 *
 * @throws {@link FanotifyOptionError} for an unknown name.
 * @public
 */
export function parseEventMask(text: string): bigint {
  const result = parseFlagWords('event', text);
  if (!result.ok) throw new FanotifyOptionError(result.message);
  return result.value;
}
