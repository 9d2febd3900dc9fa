/**
 * Adopting an existing group fd (`openGroup({ fd })`): one inherited from a parent, received
 * over SCM_RIGHTS, or kept in systemd's fd store across a restart. The group's flags are the
 * kernel's, read from `/proc/self/fdinfo/<fd>` (`fanotify flags:e03 event-flags:88000`), so the
 * event types, permission handling and hints follow the real group, not a guess.
 *
 * @packageDocumentation
 */
import { readFileSync, readlinkSync } from 'node:fs';
import { INIT } from '../kernel/bits.js';
import { FanotifyAdoptError, FanotifyOptionError } from './errors.js';
import type { NativeBinding } from './native/binding.js';
import type { GroupOptions } from './options.js';

/** What `readlink(/proc/self/fd/N)` gives for a fanotify group: the kernel's anon inode name. */
const FANOTIFY_LINK = 'anon_inode:[fanotify]';

/** The fdinfo line the kernel's fanotify_show_fdinfo() prints first (both values hex). */
const FLAGS_LINE = /^fanotify flags:([0-9a-f]+) event-flags:([0-9a-f]+)$/m;

/** Options that set `fanotify_init` arguments: an adopted group already has its flags. */
const INIT_OPTIONS = ['class', 'fid', 'dirFid', 'name', 'targetFid', 'pidfd', 'tid', 'fdError', 'mnt', 'unlimitedQueue', 'unlimitedMarks', 'enableAudit', 'eventFlags', 'rawInitFlags'] as const;

/** An adopted group's flags as the kernel reports them. @internal */
export interface AdoptedGroup {
  /** The init flags, with FAN_NONBLOCK | FAN_CLOEXEC (adoption sets both on the fd). */
  readonly initFlags: number;
  /** The group's `event_f_flags`. */
  readonly eventFFlags: number;
}

/**
 * Checks `options.fd` and refuses init options next to it.
 *
 * @throws {@link FanotifyOptionError} for a non-integer fd or an init option given with it.
 * @internal
 */
export function checkAdoptOptions(options: GroupOptions & { readonly fd: number }): void {
  if (!Number.isInteger(options.fd) || options.fd < 0 || options.fd > 0x7fff_ffff) {
    throw new FanotifyOptionError(`fd must be a non-negative integer, got ${String(options.fd)}`);
  }
  const given = INIT_OPTIONS.filter((key) => options[key] !== undefined);
  if (given.length > 0) {
    throw new FanotifyOptionError(`fd: an adopted group keeps the flags it was created with; drop ${given.map((k) => `'${k}'`).join(', ')}`);
  }
}

/**
 * Reads an fd's group flags from fdinfo and makes it non-blocking and close-on-exec.
 *
 * @throws {@link FanotifyAdoptError} when `fd` is not open or is not a fanotify group.
 * @internal
 */
export function adoptGroupFd(binding: NativeBinding, fd: number): AdoptedGroup {
  const { initFlags, eventFFlags } = readGroupFlags(fd);
  const result = binding.adoptFd(fd);
  if (result < 0) throw new FanotifyAdoptError(fd, `fcntl() failed with errno ${-result}`);
  return { initFlags: (initFlags | INIT.NONBLOCK | INIT.CLOEXEC) >>> 0, eventFFlags };
}

/**
 * The flags of the fanotify group behind `fd`, from `/proc/self/fdinfo/<fd>`.
 *
 * @throws {@link FanotifyAdoptError} when `fd` is not open or is not a fanotify group.
 * @internal
 */
export function readGroupFlags(fd: number): { initFlags: number; eventFFlags: number } {
  const link = readLink(fd);
  if (link !== FANOTIFY_LINK) throw new FanotifyAdoptError(fd, `it is ${link}, not a fanotify group (${FANOTIFY_LINK})`);
  const match = FLAGS_LINE.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'));
  if (match === null) throw new FanotifyAdoptError(fd, 'its fdinfo has no "fanotify flags:" line (a kernel without fanotify fdinfo?)');
  return { initFlags: parseInt(match[1]!, 16) >>> 0, eventFFlags: parseInt(match[2]!, 16) >>> 0 };
}

function readLink(fd: number): string {
  try {
    return readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    throw new FanotifyAdoptError(fd, 'it is not open in this process');
  }
}
