/**
 * Called on the JavaScript thread that created the handle whenever the
 * polled fd is readable (level-triggered: again on every loop iteration
 * until the data is read), with `this` set to the handle, inside the async
 * context that created the handle (AsyncLocalStorage works), and with the
 * nextTick and microtask queues drained afterwards. A throw is reported
 * like any event listener's: via `process.on('uncaughtException')`.
 *
 * @param status - `0`, or a negative errno (e.g. `-EBADF`) after which
 *   libuv has stopped the handle; call `start()` to resume.
 * @param events - Bit set of `constants.UV_READABLE` and friends.
 * @internal
 */
export type NativePollCallback = (this: NativePollHandle, status: number, events: number) => void;

/**
 * A libuv poll handle watching one fd for readability, on the event loop of
 * the thread (main or worker) that created it.
 *
 * @remarks
 * Lifetime rules:
 * - The handle never closes the fd. Call `close()` first, then close the
 *   fd; the addon's `close()` returns `-EBUSY` for an fd an open handle
 *   still watches.
 * - While started, the handle is kept alive even if unreachable, so it
 *   keeps reporting; a stopped handle that is garbage collected without
 *   `close()` is closed by its finalizer.
 * - Open handles are closed automatically when their thread's environment
 *   is torn down (process exit, worker termination).
 *
 * @internal
 */
export interface NativePollHandle {
  /**
   * (Re)starts polling. `poll()` already returns a started handle.
   * @returns `0`, or a negative errno; `-EBADF` after `close()`.
   */
  start(): number;
  /** Pauses polling; the callback is not called until `start()`. */
  stop(): void;
  /**
   * Releases the handle. Idempotent. Afterwards the callback never fires,
   * the handle does not keep the event loop alive, and the fd may be
   * closed immediately.
   */
  close(): void;
  /** Lets an active handle keep the event loop alive (the default). */
  ref(): void;
  /** Lets the process exit even though the handle is active. */
  unref(): void;
  /** Whether the handle currently keeps the event loop alive if active. */
  hasRef(): boolean;
}
