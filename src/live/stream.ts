/**
 * `group.stream()`: the group's events as an object-mode `Readable`. Its steps end when the
 * stream is asked for the next item (`highWaterMark` is 0 and items are pushed asynchronously,
 * so nothing is read ahead): with `for await`, after the loop body; in flowing mode, after the
 * `'data'` handlers returned. Destroying or ending the stream ends the current step and discards
 * the unread rest of the batch.
 *
 * @packageDocumentation
 */
import { addAbortSignal, Readable } from 'node:stream';
import type { AnyRecordSchema } from '../codec/types.js';
import type { LiveEvent, LiveEventImpl } from './event.js';
import type { LiveEventSource } from './iterator.js';

/**
 * Options of `group.stream()`.
 *
 * @public
 */
export interface EventStreamOptions {
  /** Destroys the stream (with an `AbortError`) when aborted. */
  readonly signal?: AbortSignal;
}

/**
 * The object-mode `Readable` of {@link LiveEvent}s returned by `group.stream()`.
 *
 * @typeParam R - Record schemas its events can carry.
 * @public
 */
export interface LiveEventStream<R extends AnyRecordSchema> extends Readable {
  /** `for await (const event of stream)`: the loop body is the event's step. */
  [Symbol.asyncIterator](): AsyncIterableIterator<LiveEvent<R>>;
}

/**
 * The one implementation of {@link LiveEventStream}.
 *
 * @internal
 */
export class LiveEventStreamImpl<R extends AnyRecordSchema> extends Readable implements LiveEventStream<R> {
  private current: LiveEventImpl<R> | undefined;
  private released = false;

  /** Use `group.stream()`. */
  constructor(
    private readonly source: LiveEventSource<R>,
    options: EventStreamOptions,
  ) {
    super({ objectMode: true, highWaterMark: 0, autoDestroy: true });
    // Attached after the fields exist: an already-aborted signal destroys the stream at once.
    if (options.signal) addAbortSignal(options.signal, this);
  }

  /** `Readable` hook: ends the current event's step and pushes the next event. */
  override _read(): void {
    this.endCurrent();
    this.source.nextEvent(undefined, undefined).then(
      (event) => {
        if (this.destroyed) {
          event?.end();
          return;
        }
        if (event === undefined) {
          this.release();
          this.push(null);
          return;
        }
        this.current = event;
        this.push(event);
      },
      (error: unknown) => this.destroy(error instanceof Error ? error : new Error(String(error))),
    );
  }

  /** `Readable` hook: ends the current step and gives the group back. */
  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.endCurrent();
    this.release();
    callback(error);
  }

  private endCurrent(): void {
    const event = this.current;
    this.current = undefined;
    event?.end();
  }

  private release(): void {
    if (this.released) return;
    this.released = true;
    this.source.release();
  }
}
