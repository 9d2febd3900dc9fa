/**
 * Decoding a byte stream that arrives in arbitrary chunks (a file read in blocks, stdin, a
 * growing capture): events are cut out whole by `event_len`, the partial tail is carried to the
 * next chunk, and memory stays bounded by the chunk size plus one event.
 *
 * @packageDocumentation
 */
import type { KernelRecordSchema } from '../../spec/records.js';
import { FanotifyDecodeError } from '../errors.js';
import { FanotifyArgumentError, rejectUnknownOptions } from '../fanotify-codec-error.js';
import { isLittleEndian, type ByteOrder } from './byte-order.js';
import { fanotifyCodec, type EventView, type FanotifyCodec } from './codec.js';
import type { CursorBase, EventCursor } from './cursor.js';
import type { AnyRecordSchema } from './types.js';
import { headerHint } from './stream-hint.js';
import { METADATA_LEN } from './validate-event.js';

/** Options of {@link EventStreamDecoder}. @public */
export interface StreamDecodeOptions<R extends AnyRecordSchema> {
  /** Codec to decode with (default: the codec for every kernel record type). */
  readonly codec?: FanotifyCodec<R>;
  /** Byte order (default: the host's). */
  readonly byteOrder?: ByteOrder;
  /** Report and skip malformed events instead of throwing (see `DecodeOptions.lenient`). */
  readonly lenient?: boolean;
  /** Called for each malformed event in lenient mode. */
  readonly onMalformed?: (error: FanotifyDecodeError) => void;
  /**
   * Largest `event_len` accepted before the stream is declared corrupt (`DECODE_EVENT_TOO_LONG`),
   * so a corrupt length cannot make the decoder buffer gigabytes waiting for the rest of an
   * "event". Default {@link DEFAULT_MAX_EVENT_LENGTH} (1 MiB); kernel events are under 4 KiB
   * (a 24-byte header and a few records with handles of at most 128 bytes and names of at most
   * 255). An integer from 24 to 2^32 − 1.
   */
  readonly maxEventLength?: number;
  /**
   * Make `end()` throw `DECODE_EMPTY_INPUT` when no byte was pushed at all, for callers to whom
   * an empty input is a mistake (a capture file that was never written) rather than "no events".
   */
  readonly rejectEmpty?: boolean;
}

const EMPTY = new Uint8Array(0);

/** The default `maxEventLength` of {@link EventStreamDecoder}: 1 MiB. @public */
export const DEFAULT_MAX_EVENT_LENGTH = 1 << 20;

const STREAM_OPTIONS = ['codec', 'byteOrder', 'lenient', 'onMalformed', 'maxEventLength', 'rejectEmpty'] satisfies (keyof StreamDecodeOptions<AnyRecordSchema>)[];

function checkMaxEventLength(value: number | undefined): number {
  if (value === undefined) return DEFAULT_MAX_EVENT_LENGTH;
  if (!Number.isInteger(value) || value < METADATA_LEN || value > 0xffffffff) {
    throw new FanotifyArgumentError('BAD_OPTION', `maxEventLength must be an integer from ${METADATA_LEN} to 4294967295, got ${String(value)}`);
  }
  return value;
}

/** One chunk joined to the carried tail and cut at its last whole event. */
interface Framing {
  readonly bytes: Uint8Array;
  /** Length of the whole events at the start of `bytes`. */
  readonly whole: number;
  /** The `event_len` above `maxEventLength` that stopped framing, or 0. */
  readonly tooLong: number;
  /** An `event_len` below the header size stopped framing. */
  readonly stuck: boolean;
  readonly region: Uint8Array;
}

/**
 * Incremental decoder: `push()` chunks, iterate the complete events each push yields, then
 * `end()` to check nothing is left over.
 *
 * @example
 * ```ts
 * const decoder = new EventStreamDecoder();
 * for await (const chunk of fs.createReadStream(path)) for (const ev of decoder.push(chunk)) print(ev.toJSON());
 * decoder.end();
 * ```
 * @public
 */
export class EventStreamDecoder<R extends AnyRecordSchema = KernelRecordSchema> {
  private carry = EMPTY;
  private consumed = 0;
  private events = 0;
  /** The error that broke framing, repeated (as `DECODE_STREAM_FAILED`) by a later `push()`. */
  private failure: FanotifyDecodeError | undefined;
  private failed = false;
  private pushedBytes = 0;
  private readonly le: boolean;
  private readonly codec: FanotifyCodec<R>;
  private readonly maxEventLength: number;

  constructor(private readonly options: StreamDecodeOptions<R> = {}) {
    rejectUnknownOptions('EventStreamDecoder', options, STREAM_OPTIONS);
    this.codec = options.codec ?? (fanotifyCodec as unknown as FanotifyCodec<R>);
    this.le = isLittleEndian(options.byteOrder);
    this.maxEventLength = checkMaxEventLength(options.maxEventLength);
  }

  /** What a `push()` after broken framing throws: where and why the stream broke. */
  private afterFailure(): FanotifyDecodeError {
    const first = this.failure;
    const at = first?.offset ?? this.consumed;
    const why = first ? `${first.code} at byte ${first.offset}` : 'a decode error';
    return new FanotifyDecodeError('STREAM_FAILED', at, first?.path ?? `event[${this.events}]`, `push() after the stream broke (${why}): nothing after that point can be framed`);
  }

  /** Bytes fully decoded so far (the stream offset of the carried-over tail). */
  get bytesDecoded(): number {
    return this.consumed;
  }

  /** Events yielded or skipped so far. */
  get eventsDecoded(): number {
    return this.events;
  }

  /**
   * Adds a chunk and yields the events it completes, as views valid until the next `push()`.
   * Throws {@link FanotifyDecodeError} (with the stream offset) on malformed input unless lenient.
   */
  *push(chunk: Uint8Array): Generator<EventView<R>, void, undefined> {
    if (this.failed) {
      // After broken framing nothing more can be framed; lenient callers were already told.
      if (this.options.lenient) return;
      throw this.afterFailure();
    }
    const f = this.frame(chunk);
    const batch = this.codec.decodeEvents(f.region, {
      byteOrder: this.options.byteOrder,
      lenient: this.options.lenient,
      onMalformed: this.options.onMalformed,
      baseOffset: this.consumed,
      firstIndex: this.events,
    });
    const it = batch[Symbol.iterator]();
    try {
      for (let r = it.next(); !r.done; r = it.next()) {
        this.events++;
        yield r.value;
      }
    } catch (e) {
      this.fail(e);
    }
    if (f.stuck) {
      // Lenient mode reported the broken framing; nothing after it can be framed.
      this.failed = true;
      return;
    }
    this.events += batch.malformed.length;
    this.commit(f.bytes, f.whole, f.tooLong);
  }

  /**
   * Cursor mode of {@link EventStreamDecoder.push}: adds a chunk and calls `walk` with a cursor
   * (see `FanotifyCodec.cursor`) over the events the chunk completes, once or twice (the event
   * completed from the carried tail first, then the rest of the chunk in place). Indices are
   * counted in the whole stream, as are error offsets; an event's stream offset is
   * `bytesDecoded + cursor.byteOffset` during the walk. `walk` calls `nextEvent()` as far as it
   * likes; events it leaves are still checked. Nothing is allocated per event, so this is the fast path for
   * callers that read numbers (counting, filtering). Strict only: a decoder made with
   * `lenient` refuses it (`BAD_OPTION`).
   */
  pushCursor(chunk: Uint8Array, walk: (cursor: EventCursor<R>) => void): void {
    if (this.options.lenient) throw new FanotifyArgumentError('BAD_OPTION', 'pushCursor() is strict: use push() on a lenient EventStreamDecoder');
    if (this.failed) throw this.afterFailure();
    this.pushedBytes += chunk.length;
    if (this.carry.length === 0) return this.walkBytes(chunk, walk);
    // The carried event is completed from the head of the chunk first, so the rest of the
    // chunk is read in place rather than copied behind the carry.
    const head = this.carryCompletion(chunk);
    const joined = new Uint8Array(this.carry.length + head);
    joined.set(this.carry, 0);
    joined.set(head === chunk.length ? chunk : chunk.subarray(0, head), this.carry.length);
    this.carry = EMPTY;
    this.walkBytes(joined, walk);
    if (head < chunk.length) this.walkBytes(chunk.subarray(head), walk);
  }

  /**
   * How many bytes of `chunk` to join to the carried tail: just those that complete the carried
   * event when its `event_len` is known and sane, else all of it (the cursor then decides).
   */
  private carryCompletion(chunk: Uint8Array): number {
    const carry = this.carry;
    if (carry.length < 4) return chunk.length;
    const eventLen = new DataView(carry.buffer, carry.byteOffset, 4).getUint32(0, this.le);
    if (eventLen < METADATA_LEN || eventLen > this.maxEventLength || eventLen <= carry.length) return chunk.length;
    return Math.min(chunk.length, eventLen - carry.length);
  }

  /**
   * Walks a stream-mode cursor over the carry-free `bytes`: it checks and frames in one pass,
   * stopping at a partial last event (carried) or a too-long `event_len` (reported).
   */
  private walkBytes(bytes: Uint8Array, walk: (cursor: EventCursor<R>) => void): void {
    const cursor = this.codec.cursor(bytes, { byteOrder: this.options.byteOrder, baseOffset: this.consumed, firstIndex: this.events });
    const c = (cursor as unknown as CursorBase)._streaming(this.maxEventLength);
    try {
      walk(cursor);
      while (c.nextEvent());
    } catch (e) {
      this.fail(e);
    }
    this.events = c.index + 1;
    const whole = c._ee;
    // The cursor stopped at a cut-off event (carried) or at one longer than maxEventLength.
    const left = bytes.length - whole;
    const eventLen = left < METADATA_LEN ? 0 : new DataView(bytes.buffer, bytes.byteOffset + whole, 4).getUint32(0, this.le);
    this.commit(bytes, whole, eventLen > this.maxEventLength ? eventLen : 0);
  }

  /** Marks the stream broken by `e` (repeated by a later push) and rethrows it. */
  private fail(e: unknown): never {
    this.failed = true;
    if (e instanceof FanotifyDecodeError) this.failure = e;
    throw e;
  }

  /**
   * Joins the carried tail and `chunk`, and finds the whole events in them: `region` is what
   * to decode now (the whole events, or everything when an `event_len` below the header size
   * stops framing, so the decoder reports it with its offset).
   */
  private frame(chunk: Uint8Array): Framing {
    this.pushedBytes += chunk.length;
    let bytes = chunk;
    if (this.carry.length > 0) {
      bytes = new Uint8Array(this.carry.length + chunk.length);
      bytes.set(this.carry, 0);
      bytes.set(chunk, this.carry.length);
    }
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // Whole events first; the tail is carried.
    let whole = 0;
    // An event_len above the limit is reported after the complete events before it are yielded.
    let tooLong = 0;
    while (bytes.length - whole >= METADATA_LEN) {
      const eventLen = dv.getUint32(whole, this.le);
      if (eventLen < METADATA_LEN) break; // the decoder reports it with the right offset
      if (eventLen > this.maxEventLength) {
        tooLong = eventLen;
        break;
      }
      if (bytes.length - whole < eventLen) break;
      whole += eventLen;
    }
    const stuck = whole < bytes.length && bytes.length - whole >= METADATA_LEN && dv.getUint32(whole, this.le) < METADATA_LEN;
    return { bytes, whole, tooLong, stuck, region: stuck ? bytes : bytes.subarray(0, whole) };
  }

  /**
   * After the events of `bytes` up to `whole` were decoded: reports a too-long `event_len` (the
   * one at `whole`), or carries the tail.
   */
  private commit(bytes: Uint8Array, whole: number, tooLong: number): void {
    if (tooLong) {
      this.failed = true;
      const at = this.consumed + whole;
      const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      // A plausible header with a long event_len may be a newer kernel's event: say how to allow it.
      const hint = headerHint(dv, bytes, whole, this.le, this.events === 0, this.maxEventLength) || ' (the header is otherwise valid: raise maxEventLength if events this long are expected)';
      this.failure = new FanotifyDecodeError('EVENT_TOO_LONG', at, `event[${this.events}].event_len`, `event_len ${tooLong} exceeds maxEventLength ${this.maxEventLength}${hint}`);
      throw this.failure;
    }
    this.consumed += whole;
    this.carry = whole === bytes.length ? EMPTY : bytes.slice(whole);
  }

  /**
   * Declares the end of the stream; throws `DECODE_TRUNCATED`/`DECODE_EVENT_LEN_PAST_END` if a
   * partial event is left, and `DECODE_EMPTY_INPUT` for no bytes at all with `rejectEmpty`.
   */
  end(): void {
    if (this.options.rejectEmpty && this.pushedBytes === 0) {
      throw new FanotifyDecodeError('EMPTY_INPUT', 0, 'event[0]', 'the input is empty (0 bytes): a capture of fanotify read()s holds at least one 24-byte event');
    }
    if (this.failed || this.carry.length === 0) return;
    const tail = this.carry;
    this.carry = EMPTY;
    // Validating the tail alone produces exactly the error a whole-buffer decode would.
    this.codec.validateEvents(tail, { byteOrder: this.options.byteOrder, baseOffset: this.consumed, firstIndex: this.events });
  }
}
