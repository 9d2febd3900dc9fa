/**
 * Flag words ↔ words: `fanotify_init` flags, `fanotify_mark` flags, `event_f_flags` and event
 * masks rendered as kernel names (`FAN_CLASS_CONTENT|FAN_REPORT_FID`) for messages and capture
 * sidecars, and parsed back from the same names (the capture command's `--init`, `--mark`).
 *
 * Names come from the spec tables (spec/constants), so the live layer and the codec agree.
 *
 * @packageDocumentation
 */
import { constants as fsConstants } from 'node:fs';
import { initFlags } from '../../spec/constants/init-flags.js';
import { markFlags } from '../../spec/constants/mark-flags.js';
import { FAN_RESTARTABLE_EVENTS } from '../generated/constants.js';
import { maskFromNames } from '../codec/mask-names.js';
import { FanotifyOptionError } from './errors.js';


/** The class field of the init flags (`FAN_CLASS_CONTENT | FAN_CLASS_PRE_CONTENT`). */
const CLASS_BITS = initFlags.entries.FAN_ALL_CLASS_BITS.value;
/** The object-type field of the mark flags (`FAN_MARK_MOUNT | FAN_MARK_FILESYSTEM`). */
const MARK_TYPE_BITS = markFlags.entries.FAN_MARK_MNTNS.value;

const CLASS_NAMES: Readonly<Record<number, string>> = {
  [initFlags.entries.FAN_CLASS_NOTIF.value]: 'FAN_CLASS_NOTIF',
  [initFlags.entries.FAN_CLASS_CONTENT.value]: 'FAN_CLASS_CONTENT',
  [initFlags.entries.FAN_CLASS_PRE_CONTENT.value]: 'FAN_CLASS_PRE_CONTENT',
};

const MARK_TYPE_NAMES: Readonly<Record<number, string>> = {
  [markFlags.entries.FAN_MARK_INODE.value]: 'FAN_MARK_INODE',
  [markFlags.entries.FAN_MARK_MOUNT.value]: 'FAN_MARK_MOUNT',
  [markFlags.entries.FAN_MARK_FILESYSTEM.value]: 'FAN_MARK_FILESYSTEM',
  [markFlags.entries.FAN_MARK_MNTNS.value]: 'FAN_MARK_MNTNS',
};

type Entries = Readonly<Record<string, { readonly value: number; readonly aggregate?: boolean }>>;

/** Single-bit flags of a table, excluding the bits of a multi-bit field (class, object type). */
function singleBits(entries: Entries, field: number): (readonly [string, number])[] {
  return Object.entries(entries)
    .filter(([, spec]) => !spec.aggregate && spec.value !== 0 && (spec.value & field) === 0)
    .map(([name, spec]) => [name, spec.value] as const);
}

const INIT_BITS = [...singleBits(initFlags.entries, CLASS_BITS), ['FAN_RESTARTABLE_EVENTS', FAN_RESTARTABLE_EVENTS] as const];
const MARK_BITS = singleBits(markFlags.entries, MARK_TYPE_BITS);

function hex(value: number): string {
  return '0x' + (value >>> 0).toString(16);
}

/** Names the bits of `flags` from `bits`, leftovers as hex. */
function nameBits(flags: number, bits: readonly (readonly [string, number])[], out: string[]): string[] {
  let rest = flags >>> 0;
  for (const [name, bit] of bits) {
    if ((rest & bit) === bit) {
      out.push(name);
      rest = (rest & ~bit) >>> 0;
    }
  }
  for (let bit = 1; rest !== 0; bit = (bit << 1) >>> 0) {
    if (rest & bit) {
      out.push(hex(bit));
      rest = (rest & ~bit) >>> 0;
    }
  }
  return out;
}

/**
 * `fanotify_init` flags as names, class first: `0x20c` → `['FAN_CLASS_CONTENT', 'FAN_REPORT_FID']`.
 * Unknown bits are listed as hex.
 *
 * @public
 */
export function initFlagNames(flags: number): string[] {
  const cls = flags & CLASS_BITS;
  return nameBits(flags & ~CLASS_BITS, INIT_BITS, [CLASS_NAMES[cls] ?? hex(cls)]);
}

/**
 * `fanotify_mark` flags as names, object type first:
 * `0x111` → `['FAN_MARK_MNTNS', 'FAN_MARK_ADD']`.
 *
 * @public
 */
export function markFlagNames(flags: number): string[] {
  const type = flags & MARK_TYPE_BITS;
  return nameBits(flags & ~MARK_TYPE_BITS, MARK_BITS, [MARK_TYPE_NAMES[type] ?? hex(type)]);
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

function openFlagBits(o: OpenFlagValues): (readonly [string, number])[] {
  return [
    ['O_APPEND', o.O_APPEND],
    ['O_NONBLOCK', o.O_NONBLOCK],
    ['O_SYNC', o.O_SYNC],
    ['O_DSYNC', o.O_DSYNC],
    ['O_LARGEFILE', o.O_LARGEFILE],
    ['O_NOATIME', o.O_NOATIME],
    ['O_CLOEXEC', o.O_CLOEXEC],
  ];
}

/**
 * `event_f_flags` as names, access mode first: `0x8000` → `['O_RDONLY', 'O_LARGEFILE']` (x86_64).
 *
 * @public
 */
export function eventFFlagNames(flags: number, o: OpenFlagValues): string[] {
  const mode = flags & o.O_ACCMODE;
  const modeName = mode === o.O_RDONLY ? 'O_RDONLY' : mode === o.O_WRONLY ? 'O_WRONLY' : mode === o.O_RDWR ? 'O_RDWR' : hex(mode);
  return nameBits(flags & ~o.O_ACCMODE, openFlagBits(o), [modeName]);
}

/** Splits `A,B|C` into names, trimming blanks. */
function splitWords(text: string): string[] {
  return text
    .split(/[,|]/)
    .map((w) => w.trim())
    .filter((w) => w !== '');
}

function parseNumberWord(word: string): number | undefined {
  if (/^0x[0-9a-f]+$/i.test(word) || /^[0-9]+$/.test(word)) {
    const value = Number(word);
    if (Number.isSafeInteger(value) && value <= 0xffff_ffff) return value;
  }
  return undefined;
}

function parseWords(text: string, what: string, lookup: (word: string) => number | undefined): number {
  let flags = 0;
  for (const word of splitWords(text)) {
    const value = lookup(word) ?? parseNumberWord(word);
    if (value === undefined) throw new FanotifyOptionError(`unknown ${what} '${word}'`);
    flags = (flags | value) >>> 0;
  }
  return flags;
}

/**
 * Parses `fanotify_init` flag names (`FAN_CLASS_NOTIF,FAN_REPORT_DFID_NAME`; `,` or `|`
 * separated; aggregates and hex numbers allowed).
 *
 * @throws {@link FanotifyOptionError} for an unknown name.
 * @public
 */
export function parseInitFlags(text: string): number {
  const table = initFlags.entries as Entries;
  return parseWords(text, 'fanotify_init flag', (w) => (w === 'FAN_RESTARTABLE_EVENTS' ? FAN_RESTARTABLE_EVENTS : table[w]?.value));
}

/**
 * Parses `fanotify_mark` flag names (`FAN_MARK_ADD,FAN_MARK_ONLYDIR`).
 *
 * @throws {@link FanotifyOptionError} for an unknown name.
 * @public
 */
export function parseMarkFlags(text: string): number {
  const table = markFlags.entries as Entries;
  return parseWords(text, 'fanotify_mark flag', (w) => table[w]?.value);
}

/**
 * Parses `event_f_flags` names (`O_RDONLY,O_LARGEFILE,O_CLOEXEC`).
 *
 * @throws {@link FanotifyOptionError} for an unknown name.
 * @public
 */
export function parseEventFFlags(text: string, o: OpenFlagValues): number {
  const table: Record<string, number> = Object.fromEntries([
    ['O_RDONLY', o.O_RDONLY],
    ['O_WRONLY', o.O_WRONLY],
    ['O_RDWR', o.O_RDWR],
    ...openFlagBits(o),
  ]);
  return parseWords(text, 'event_f_flags flag', (w) => table[w]);
}

/**
 * Parses event names (`FAN_CREATE,FAN_ONDIR`, aggregates such as `FAN_CLOSE`, or hex) into a
 * mask.
 *
 * @throws {@link FanotifyOptionError} for an unknown name.
 * @public
 */
export function parseEventMask(text: string): bigint {
  let mask = 0n;
  for (const word of splitWords(text)) {
    const value = maskFromNames([word]);
    if (value === undefined) throw new FanotifyOptionError(`unknown event '${word}'`);
    mask |= value;
  }
  return mask;
}
