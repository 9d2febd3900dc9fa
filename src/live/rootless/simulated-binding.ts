/**
 * The seam that lets a group run without a kernel: `FanotifyGroup`, its reader and its events
 * reach the kernel only through a `NativeBinding` (read, write, close, fionread, mark, poll).
 * A simulated binding answers those calls from another source — the kernel model or a capture
 * — so the whole consumer machinery (turns, iterator, stream, listeners, steps, verdicts,
 * stats) runs unchanged. Everything else (handles, statfs, fd passing) fails with ENOSYS: a
 * simulated group never needs it, and a real fd of this process must never be touched.
 *
 * @packageDocumentation
 */
import { Errno } from '../../kernel/errno.js';
import { O } from '../../kernel/bits.js';
import type { NativeBinding } from '../native/binding.js';
import type { NativeConstants } from '../native/constants.js';
import type { NativePollCallback, NativePollHandle } from '../native/poll-handle.js';

/**
 * The calls a simulated source answers.
 *
 * @internal
 */
export interface SimulatedCalls {
  /** `fanotify_mark` on the simulated group. */
  mark(fd: number, flags: number, mask: bigint, dirfd: number, path: string | Uint8Array | null): number;
  /** One `read()`: bytes copied into `buf` at `offset`, or a negative errno. */
  read(fd: number, buf: Uint8Array, offset: number, length: number): number;
  /** A permission response. */
  write(fd: number, buf: Uint8Array, offset: number, length: number): number;
  /** Closes the group fd or an event's fd or pidfd (never a real fd of this process). */
  close(fd: number): number;
  /** Bytes a read would return now. */
  fionread(fd: number): number;
  /** Whether a read would return events now (the poll handle's readiness). */
  readable(): boolean;
  /** Called when a consumer waits and nothing can ever become readable (a capture's end). */
  exhausted?(): void;
}

/** How often a waiting consumer re-checks a source that is driven from outside (the model). */
const RECHECK_MS = 5;

/**
 * A poll handle whose readiness is a predicate: checked when started, when poked, and (for
 * sources driven behind the group's back) every few milliseconds while started.
 *
 * @internal
 */
export class SimulatedPollHandle implements NativePollHandle {
  private timer: NodeJS.Timeout | undefined;
  private started = false;
  private closed = false;
  private refed = true;

  /**
   * @param calls - The source whose readiness is watched.
   * @param callback - Called (as by libuv) while the source is readable.
   * @param recheck - Re-check every few ms while nothing is readable, instead of reporting the end.
   */
  constructor(
    private readonly calls: SimulatedCalls,
    private readonly callback: NativePollCallback,
    private readonly recheck: boolean,
  ) {}

  /** Starts watching: readiness is checked on the next timer tick. */
  start(): number {
    if (this.closed) return -Errno.EBADF;
    this.started = true;
    this.schedule(0);
    return 0;
  }

  /** Pauses watching. */
  stop(): void {
    this.started = false;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Stops watching for good; `start()` then fails with EBADF. */
  close(): void {
    this.closed = true;
    this.stop();
  }

  /** Lets a pending check keep the event loop alive (the default). */
  ref(): void {
    this.refed = true;
    this.timer?.ref();
  }

  /** Lets the process exit while a check is pending. */
  unref(): void {
    this.refed = false;
    this.timer?.unref();
  }

  /** Whether pending checks keep the event loop alive. */
  hasRef(): boolean {
    return this.refed;
  }

  /** Re-checks readiness soon (the source may have new events). */
  poke(): void {
    if (this.started) this.schedule(0);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    // A timer, not a callback from here: the reader expects readiness asynchronously, as from libuv.
    this.timer = setTimeout(() => this.check(), ms);
    if (!this.refed) this.timer.unref();
  }

  private check(): void {
    this.timer = undefined;
    if (!this.started) return;
    if (this.calls.readable()) {
      this.callback.call(this, 0, 1);
      // Level-triggered like uv_poll: still readable after the callback → report again.
      if (this.started) this.schedule(0);
    } else if (this.recheck) {
      this.schedule(RECHECK_MS);
    } else {
      this.calls.exhausted?.();
    }
  }
}

/**
 * The `O_*` values from the kernel layer, in the addon's shape. The `AT_*`, handle, statx and
 * poll fields are never read for a simulated group (marks take paths, `path()` is refused), so
 * they are left out rather than guessed.
 */
function simulatedConstants(): NativeConstants {
  const open = {
    O_RDONLY: O.RDONLY,
    O_WRONLY: O.WRONLY,
    O_RDWR: O.RDWR,
    O_ACCMODE: O.ACCMODE,
    O_LARGEFILE: O.LARGEFILE,
    O_CLOEXEC: O.CLOEXEC,
    O_NONBLOCK: O.NONBLOCK,
    O_PATH: O.PATH,
    O_DIRECTORY: O.DIRECTORY,
    O_NOFOLLOW: O.NOFOLLOW,
    O_NOATIME: O.NOATIME,
    O_APPEND: O.APPEND,
    O_CREAT: O.CREAT,
    O_EXCL: O.EXCL,
    O_TRUNC: O.TRUNC,
  };
  return { ...open, ...Errno } as unknown as NativeConstants;
}

/** A call a simulated group has no source for. */
function unsupported(): number {
  return -Errno.ENOSYS;
}

/**
 * A {@link NativeBinding} over `calls`, with one {@link SimulatedPollHandle}.
 *
 * @param recheck - Re-check readiness while waiting (the source changes behind the group's back).
 * @internal
 */
export function simulatedBinding(calls: SimulatedCalls, recheck: boolean): NativeBinding & { poke(): void } {
  let handle: SimulatedPollHandle | undefined;
  return {
    addonVersion: 0,
    constants: simulatedConstants(),
    init: unsupported,
    mark: (...args) => calls.mark(...args),
    read: (...args) => calls.read(...args),
    write: (...args) => calls.write(...args),
    close: (fd) => calls.close(fd),
    fionread: (fd) => calls.fionread(fd),
    nameToHandleAt: unsupported,
    openByHandleAt: unsupported,
    statfsFsid: unsupported,
    mountIdUnique: unsupported,
    poll: (_fd, callback) => {
      handle = new SimulatedPollHandle(calls, callback, recheck);
      handle.start();
      return handle;
    },
    pollHandleCount: () => 0,
    sendFd: unsupported,
    receiveFd: unsupported,
    adoptFd: unsupported,
    poke: () => handle?.poke(),
  };
}
