/**
 * Normalizing a stream of comparable events on the fly (bytes and offsets are kept for hex
 * context; only the JSON form is normalized).
 *
 * @packageDocumentation
 */
import { EventNormalizer, type NormalizeOptions } from './normalize.js';
import type { StreamEvent } from './stream-event.js';

/** `events` with each JSON form normalized by one {@link EventNormalizer}. @public */
export function* normalizedStream(events: Iterable<StreamEvent>, options?: NormalizeOptions): Generator<StreamEvent> {
  const normalizer = new EventNormalizer(options);
  for (const e of events) yield { ...e, json: normalizer.event(e.json), normalized: true };
}

/** {@link normalizedStream} for asynchronous streams. @public */
export async function* normalizedStreamAsync(events: AsyncIterable<StreamEvent>, options?: NormalizeOptions): AsyncGenerator<StreamEvent> {
  const normalizer = new EventNormalizer(options);
  for await (const e of events) yield { ...e, json: normalizer.event(e.json), normalized: true };
}
