/**
 * Runs the decoder over bytes the way a consumer does (every event, every record, every getter,
 * the JSON form) and records what came out as plain JSON, so two decodes can be compared and
 * any error that is not a `FanotifyDecodeError` escapes to fail the test.
 *
 * Iteration is bounded: an event costs at least 24 bytes and a record at least 4, so a decoder
 * that yields more than that has looped, and the transcript throws instead of hanging.
 */
import { FanotifyDecodeError, type DecodeOptions, type FanotifyCodec } from '../../src/index.js';
import { fanotifyCodec } from '../../src/codec/codec.js';
import { type JsonObject } from '../../src/entries/schema.js';
import type { AnyRecordSchema } from '../../src/index.js';

/** A decode error as plain data. */
export interface ErrorSummary {
  readonly code: string;
  readonly offset: number;
  readonly path: string;
}

/** Everything one decode of a buffer produced. */
export interface DecodeTranscript {
  /** JSON of each yielded event, with each record's getters read as well. */
  readonly events: JsonObject[];
  /** The error that ended a strict decode, if any. */
  readonly error: ErrorSummary | undefined;
  /** Malformed events a lenient decode reported. */
  readonly malformed: ErrorSummary[];
}

/** The comparable part of a decode error. */
export function summarize(e: FanotifyDecodeError): ErrorSummary {
  return { code: e.code, offset: e.offset, path: e.path };
}

function readEveryGetter(view: object): void {
  // Getters live on the prototype chain; reading each one exercises its bounds.
  for (let proto = Object.getPrototypeOf(view) as object | null; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    for (const [key, desc] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
      if (desc.get) void (view as Record<string, unknown>)[key];
    }
  }
}

/**
 * Decodes `bytes` with `options`, touching everything, and returns the transcript. Only
 * `FanotifyDecodeError` is caught.
 */
export function decodeTranscript<R extends AnyRecordSchema>(
  bytes: Uint8Array,
  options: DecodeOptions = {},
  codec: FanotifyCodec<R> = fanotifyCodec as unknown as FanotifyCodec<R>,
): DecodeTranscript {
  const events: JsonObject[] = [];
  const batch = codec.decodeEvents(bytes, options);
  const maxEvents = Math.floor(bytes.length / 24);
  let error: ErrorSummary | undefined;
  try {
    for (const ev of batch) {
      if (events.length >= maxEvents) throw new Error(`decoder yielded more than ${maxEvents} events from ${bytes.length} bytes`);
      readEveryGetter(ev);
      const maxRecords = Math.floor((ev.byteLength - 24) / 4);
      let records = 0;
      for (const r of ev.records()) {
        if (++records > maxRecords) throw new Error(`event of ${ev.byteLength} bytes yielded more than ${maxRecords} records`);
        readEveryGetter(r);
        r.toJSON();
        r.toObject();
      }
      if (records !== ev.recordCount) throw new Error(`records() yielded ${records} records but recordCount is ${ev.recordCount}`);
      ev.toObject();
      events.push(ev.toJSON());
    }
  } catch (e) {
    if (!(e instanceof FanotifyDecodeError)) throw e;
    error = summarize(e);
  }
  return { events, error, malformed: batch.malformed.map(summarize) };
}
