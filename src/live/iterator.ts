/**
 * `for await (const event of group)`: an async iterator whose steps are the loop-body
 * iterations. Asking for the next event ends the previous one's step (default verdict, fds
 * closed); leaving the loop in any way (`break`, `return`, a throw in the body, an abort, the
 * group closing) ends the current step and the unread rest of the batch.
 *
 * @packageDocumentation
 */
import type { AnyRecordSchema } from '../codec/types.js';
import type { LiveEvent, LiveEventImpl } from './event.js';

/**
 * Options of `group.events()`.
 *
 * @public
 */
export interface EventIterationOptions {
  /** Ends the iteration with the signal's reason (an `AbortError`) thrown from `next()`. */
  readonly signal?: AbortSignal;
  /**
   * Once aborted, the iteration keeps reading until the kernel queue is empty and then ends
   * normally: "deliver what is queued, then stop" (used by capture after the command exits).
   */
  readonly untilDrained?: AbortSignal;
}

/**
 * What an iterator needs from its group.
 *
 * @internal
 */
export interface LiveEventSource<R extends AnyRecordSchema> {
  /** Waits for and returns the next event (its step starts), or `undefined` at the end. */
  nextEvent(signal: AbortSignal | undefined, untilDrained: AbortSignal | undefined): Promise<LiveEventImpl<R> | undefined>;
  /** The next event of the batch already read (its step starts), or `undefined` if getting one needs a read or a wait. */
  takeReady(): LiveEventImpl<R> | undefined;
  /** Ends the consumer's turn: the unread rest of the batch is discarded. */
  release(): void;
  /** Discards the unread rest of the batch now (answers waiting permission events). */
  discardPending(): void;
}

/**
 * The iterator returned by `group.events()`.
 *
 * @internal
 */
export class LiveEventIterator<R extends AnyRecordSchema> implements AsyncIterableIterator<LiveEvent<R>> {
  private current: LiveEventImpl<R> | undefined;
  private finished = false;
  private queue: Promise<unknown> = Promise.resolve();
  /** Calls of the slow path still in flight (the fast path must not overtake them). */
  private inFlight = 0;
  private readonly onAbort: () => void;

  constructor(
    private readonly source: LiveEventSource<R>,
    private readonly options: EventIterationOptions,
  ) {
    // Permission events read but not yet handed out must not wait for the loop body.
    this.onAbort = () => source.discardPending();
    options.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  next(): Promise<IteratorResult<LiveEvent<R>, undefined>> {
    // Fast path: an event of the batch already read is handed out without waiting (one resolved
    // promise, no async hops), unless an earlier call is still being served.
    if (this.inFlight === 0 && !this.finished && !this.options.signal?.aborted) {
      this.endCurrent();
      const event = this.source.takeReady();
      if (event !== undefined) {
        this.current = event;
        return Promise.resolve({ done: false, value: event });
      }
    }
    return this.queued();
  }

  /**
   * The slow path: waits for the calls before it, then for an event. (A method of its own: its
   * closures capture `this`, and a function that makes such closures allocates a context on
   * every call, also on the fast path that makes none.)
   */
  private queued(): Promise<IteratorResult<LiveEvent<R>, undefined>> {
    // Calls are served in order; for-await never overlaps them, but manual callers may.
    this.inFlight++;
    const result = this.queue.then(() => this.step());
    this.queue = result.then(
      () => this.inFlight--,
      () => this.inFlight--,
    );
    return result;
  }

  private async step(): Promise<IteratorResult<LiveEvent<R>, undefined>> {
    this.endCurrent();
    if (this.finished) return { done: true, value: undefined };
    try {
      const event = await this.source.nextEvent(this.options.signal, this.options.untilDrained);
      if (event === undefined) {
        this.finish();
        return { done: true, value: undefined };
      }
      if (this.finished) {
        // return() raced with the wait: this event never reaches the body.
        event.end();
        return { done: true, value: undefined };
      }
      this.current = event;
      return { done: false, value: event };
    } catch (error) {
      this.finish();
      throw error;
    }
  }

  return(): Promise<IteratorResult<LiveEvent<R>, undefined>> {
    this.endCurrent();
    this.finish();
    return Promise.resolve({ done: true, value: undefined });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private endCurrent(): void {
    const event = this.current;
    this.current = undefined;
    event?.end();
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.options.signal?.removeEventListener('abort', this.onAbort);
    this.source.release();
  }
}
