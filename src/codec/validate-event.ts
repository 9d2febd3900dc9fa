/**
 * Strict validation of one event in place: framing, metadata, and every info record. Each
 * record is checked exactly once; the offsets of its variable-length fields are kept in a slot
 * table, so record views are later pointed at them without scanning again. Views handed to
 * users are only ever bound to bytes that passed this, so their getters cannot read outside
 * the event.
 *
 * @packageDocumentation
 */
import { FanotifyDecodeError, type DecodeErrorCode, type DecodeErrorReason } from '../errors.js';
import { headerHint } from './stream-hint.js';
import { FAN_EVENT_METADATA_LEN, FANOTIFY_METADATA_VERSION } from '../generated/constants.js';
import type { RecordTable } from './record-table.js';
import { fanotify_event_info_header } from '../../spec/structs/info-header.js';
import { scalarOffset } from './field-offset.js';

/** FAN_EVENT_METADATA_LEN (spec/constants/special-values.ts). */
export const METADATA_LEN = FAN_EVENT_METADATA_LEN;
/** FANOTIFY_METADATA_VERSION (spec/constants/special-values.ts). */
export const METADATA_VERSION = FANOTIFY_METADATA_VERSION;
/** Size of an info record's header (`struct fanotify_event_info_header`, from its schema). */
export const RECORD_HEADER_LEN = fanotify_event_info_header.layout.fixedEnd;
/** Offset of `len` in an info record's header. */
export const AT_RECORD_LEN = scalarOffset(fanotify_event_info_header, 'len', 'u16');

/** Per-record slots: [0] offset, [1] len, [2] entry id, then the record's tail-field pairs. */
export const SLOT_OFFSET = 0;
/** Slot of the record length. */
export const SLOT_LEN = 1;
/** Slot of the record entry id. */
export const SLOT_ENTRY = 2;
/** First tail-field slot. */
export const SLOT_TAIL = 3;
/**
 * Slots per event that the cursor's scan (`scanEventsOf`) writes: `event_len`, `pid`, the
 * mask's low and high words (as int32) and the record count. @internal
 */
export const SCAN_STRIDE = 5;

/**
 * Where validation leaves each record's offsets: `stride` ints per record, event rows from
 * `start` in a growable Int32Array. The flyweight iteration keeps `start` at 0 (one event's rows
 * at a time); the fresh one frames each event straight after the rows of the events it handed
 * out, which keep referencing `table` (see `FreshEventIterator`).
 *
 * @internal
 */
export class RecordSlots {
  table: Int32Array;
  count = 0;
  /** Where the current event's rows start in `table`. */
  start = 0;
  /** A pass outgrew the table it started with (see {@link RecordSlots.rewind}). */
  private spilled = false;

  constructor(readonly stride: number, records = 8) {
    this.table = new Int32Array(stride * records);
  }

  /**
   * Keeps the current event's rows for the view handed out with them: the next event is framed
   * after them. Returns where they start.
   */
  keep(): number {
    const base = this.start;
    this.start = base + this.count * this.stride;
    return base;
  }

  /** Base index of record `j`, moving the current event's rows to a new table when it is full. */
  base(j: number): number {
    const base = this.start + j * this.stride;
    if (base + this.stride > this.table.length) return this.grow(j);
    return base;
  }

  /**
   * A new table for the current event (at least as long as this one, twice its `j + 1` rows):
   * its `j` rows copied to the start, the old table left as it is (views may hold it).
   */
  private grow(j: number): number {
    const rows = j * this.stride;
    const bigger = new Int32Array(Math.max(this.table.length, 2 * (rows + this.stride)));
    bigger.set(this.table.subarray(this.start, this.start + rows));
    this.table = bigger;
    this.start = 0;
    this.spilled = true;
    return rows;
  }

  /**
   * Starts a new pass at row 0 of the same table, for an owner whose views of the previous pass
   * are all expired (the live reader: the next read overwrote their bytes). A pass that needed
   * more than one table gets one twice as long, so a reader's table settles at its reads' size
   * and later passes allocate nothing.
   */
  rewind(): void {
    if (this.spilled) this.table = new Int32Array(2 * this.table.length);
    this.spilled = false;
    this.start = 0;
    this.count = 0;
  }
}

/** Codes after which `event_len` still frames the event, so lenient decoding can skip it. @internal */
export function isFramingIntact(code: DecodeErrorCode): boolean {
  return code !== 'DECODE_TRUNCATED' && code !== 'DECODE_EVENT_LEN_TOO_SMALL' && code !== 'DECODE_EVENT_LEN_PAST_END' && code !== 'DECODE_EVENT_TOO_LONG';
}

/** Everything validation needs, bundled so the hot loop passes one object. @internal */
export interface EventContext {
  readonly table: RecordTable;
  readonly dv: DataView;
  readonly u8: Uint8Array;
  readonly le: boolean;
}

// Paths and messages are built only on failure: the success path allocates nothing.
function fail(code: DecodeErrorReason, offset: number, index: number, record: number, field: string, detail: string): FanotifyDecodeError {
  const path = `event[${index}]` + (record >= 0 ? `.info[${record}]` : '') + (field ? `.${field}` : '');
  return new FanotifyDecodeError(code, offset, path, detail);
}

/**
 * Validates the event at `offset` (the buffer ends at `end`) and records where its records are
 * in `slots`. Returns `undefined` when it is well-formed, else the first problem; offsets are
 * relative to the start of `ctx.dv`.
 *
 * @internal
 */
export function validateEvent(ctx: EventContext, offset: number, end: number, index: number, slots: RecordSlots): FanotifyDecodeError | undefined {
  const { dv, u8, le, table } = ctx;
  const remaining = end - offset;
  if (remaining < METADATA_LEN) {
    return fail('TRUNCATED', offset, index, -1, '', `${remaining} trailing byte(s) do not form an event (metadata needs ${METADATA_LEN})`);
  }
  const eventLen = dv.getUint32(offset, le);
  // Header failures carry a hint (random bytes and the other byte order fail here first), built only on failure.
  if (eventLen < METADATA_LEN) return fail('EVENT_LEN_TOO_SMALL', offset, index, -1, 'event_len', `event_len ${eventLen} is below FAN_EVENT_METADATA_LEN (${METADATA_LEN})${headerHint(dv, u8, offset, le, index === 0)}`);
  if (eventLen > remaining) return fail('EVENT_LEN_PAST_END', offset, index, -1, 'event_len', `event_len ${eventLen} runs past the end of the buffer (${remaining} bytes left)${headerHint(dv, u8, offset, le, index === 0)}`);
  const vers = u8[offset + 4]!;
  if (vers !== METADATA_VERSION) return fail('BAD_VERSION', offset + 4, index, -1, 'vers', `vers ${vers}, expected FANOTIFY_METADATA_VERSION (${METADATA_VERSION})${headerHint(dv, u8, offset, le, index === 0)}`);
  const metadataLen = dv.getUint16(offset + 6, le);
  if (metadataLen !== METADATA_LEN) return fail('BAD_METADATA_LEN', offset + 6, index, -1, 'metadata_len', `metadata_len ${metadataLen}, expected FAN_EVENT_METADATA_LEN (${METADATA_LEN})${headerHint(dv, u8, offset, le, index === 0)}`);

  const eventEnd = offset + eventLen;
  let pos = offset + METADATA_LEN;
  let j = 0;
  for (; pos < eventEnd; j++) {
    if (eventEnd - pos < RECORD_HEADER_LEN) {
      return fail('RECORD_PAST_EVENT', pos, index, j, '', `${eventEnd - pos} byte(s) left in the event, an info record header needs ${RECORD_HEADER_LEN}`);
    }
    const len = dv.getUint16(pos + AT_RECORD_LEN, le);
    if (len < RECORD_HEADER_LEN) return fail('RECORD_LEN_TOO_SMALL', pos + AT_RECORD_LEN, index, j, 'len', `len ${len} is smaller than the record header`);
    if (len > eventEnd - pos) return fail('RECORD_PAST_EVENT', pos + AT_RECORD_LEN, index, j, 'len', `len ${len} runs past the end of the event (${eventEnd - pos} bytes left)`);
    const entry = table.entryFor(u8[pos]!);
    const base = slots.base(j);
    const t = slots.table;
    const contentEnd = entry.compiled.check(dv, u8, pos, pos + len, le, t, base + SLOT_TAIL);
    if (contentEnd < 0) {
      const issue = entry.compiled.lastIssue()!;
      if (issue.code === 'TRUNCATED') return fail('RECORD_LEN_TOO_SMALL', pos + AT_RECORD_LEN, index, j, 'len', `len ${len} is too small for a ${entry.constantName} record: ${issue.detail}`);
      return fail(issue.code, issue.offset, index, j, issue.field, issue.detail);
    }
    const content = contentEnd - pos;
    const align = entry.align;
    const expected = align === 1 ? content : Math.ceil(content / align) * align;
    if (len !== expected) {
      return fail('RECORD_LEN_MISMATCH', pos + AT_RECORD_LEN, index, j, 'len', `len ${len}, but its ${content} bytes of content pad to ${expected} (FANOTIFY_EVENT_ALIGN)`);
    }
    for (let i = contentEnd; i < pos + len; i++) {
      if (u8[i] !== 0) return fail('NONZERO_PADDING', i, index, j, 'padding', `padding byte is 0x${u8[i]!.toString(16)}, the kernel writes 0`);
    }
    t[base + SLOT_OFFSET] = pos;
    t[base + SLOT_LEN] = len;
    t[base + SLOT_ENTRY] = entry.id;
    pos += len;
  }
  slots.count = j;
  return undefined;
}
