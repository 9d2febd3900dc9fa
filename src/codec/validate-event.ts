/**
 * Strict validation of one event in place: framing, metadata, and every info record. The views
 * handed to users are only ever bound to bytes that passed this, so their getters cannot read
 * outside the event.
 *
 * @packageDocumentation
 */
import { FanotifyDecodeError, type DecodeErrorCode } from '../errors.js';
import type { CompiledStruct } from '../schema/compile.js';
import type { StructViewBase } from '../schema/view-base.js';
import type { RecordTable } from './record-table.js';

/** FAN_EVENT_METADATA_LEN. */
export const METADATA_LEN = 24;
/** FANOTIFY_METADATA_VERSION. */
export const METADATA_VERSION = 3;
const RECORD_HEADER_LEN = 4;

/** Codes after which `event_len` still frames the event, so lenient decoding can skip it. @internal */
export function isFramingIntact(code: DecodeErrorCode): boolean {
  return code !== 'TRUNCATED' && code !== 'EVENT_LEN_TOO_SMALL' && code !== 'EVENT_LEN_PAST_END';
}

/** Everything validation needs, bundled so the hot loop passes one object. @internal */
export interface EventContext {
  readonly table: RecordTable;
  readonly metadata: CompiledStruct;
  readonly metadataScratch: StructViewBase;
  readonly dv: DataView;
  readonly u8: Uint8Array;
  readonly le: boolean;
}

function fail(code: DecodeErrorCode, offset: number, path: string, detail: string): FanotifyDecodeError {
  return new FanotifyDecodeError(code, offset, path, detail);
}

function alignUp(value: number, align: number): number {
  return align === 1 ? value : Math.ceil(value / align) * align;
}

/**
 * Validates the event at `offset` (the buffer ends at `end`). Returns `undefined` when it is
 * well-formed, else the first problem; offsets are relative to the start of `ctx.dv`.
 *
 * @internal
 */
export function validateEvent(ctx: EventContext, offset: number, end: number, index: number): FanotifyDecodeError | undefined {
  const { dv, u8, le, table } = ctx;
  const at = `event[${index}]`;
  const remaining = end - offset;
  if (remaining < METADATA_LEN) {
    return fail('TRUNCATED', offset, at, `${remaining} trailing byte(s) do not form an event (metadata needs ${METADATA_LEN})`);
  }
  const eventLen = dv.getUint32(offset, le);
  if (eventLen < METADATA_LEN) return fail('EVENT_LEN_TOO_SMALL', offset, `${at}.event_len`, `event_len ${eventLen} is below FAN_EVENT_METADATA_LEN (${METADATA_LEN})`);
  if (eventLen > remaining) return fail('EVENT_LEN_PAST_END', offset, `${at}.event_len`, `event_len ${eventLen} runs past the end of the buffer (${remaining} bytes left)`);
  const vers = u8[offset + 4]!;
  if (vers !== METADATA_VERSION) return fail('BAD_VERSION', offset + 4, `${at}.vers`, `vers ${vers}, expected FANOTIFY_METADATA_VERSION (${METADATA_VERSION})`);
  const metadataLen = dv.getUint16(offset + 6, le);
  if (metadataLen !== METADATA_LEN) return fail('BAD_METADATA_LEN', offset + 6, `${at}.metadata_len`, `metadata_len ${metadataLen}, expected FAN_EVENT_METADATA_LEN (${METADATA_LEN})`);
  const eventEnd = offset + eventLen;
  ctx.metadata.bind(ctx.metadataScratch, dv, u8, offset, eventEnd, le);

  let pos = offset + METADATA_LEN;
  for (let j = 0; pos < eventEnd; j++) {
    const rat = `${at}.info[${j}]`;
    if (eventEnd - pos < RECORD_HEADER_LEN) {
      return fail('RECORD_PAST_EVENT', pos, rat, `${eventEnd - pos} byte(s) left in the event, an info record header needs ${RECORD_HEADER_LEN}`);
    }
    const len = dv.getUint16(pos + 2, le);
    if (len < RECORD_HEADER_LEN) return fail('RECORD_LEN_TOO_SMALL', pos + 2, `${rat}.len`, `len ${len} is smaller than the record header`);
    if (len > eventEnd - pos) return fail('RECORD_PAST_EVENT', pos + 2, `${rat}.len`, `len ${len} runs past the end of the event (${eventEnd - pos} bytes left)`);
    const entry = table.entryFor(u8[pos]!);
    const issue = entry.compiled.bind(entry.scratch, dv, u8, pos, pos + len, le);
    if (issue) {
      if (issue.code === 'TRUNCATED') return fail('RECORD_LEN_TOO_SMALL', pos + 2, `${rat}.len`, `len ${len} is too small for a ${entry.constantName} record: ${issue.detail}`);
      return fail(issue.code, issue.offset, `${rat}.${issue.field}`, issue.detail);
    }
    const content = entry.scratch._content - pos;
    const expected = alignUp(content, entry.align);
    if (len !== expected) {
      return fail('RECORD_LEN_MISMATCH', pos + 2, `${rat}.len`, `len ${len}, but its ${content} bytes of content pad to ${expected} (FANOTIFY_EVENT_ALIGN)`);
    }
    for (let i = pos + content; i < pos + len; i++) {
      if (u8[i] !== 0) return fail('NONZERO_PADDING', i, `${rat}.padding`, `padding byte is 0x${u8[i]!.toString(16)}, the kernel writes 0`);
    }
    pos += len;
  }
  return undefined;
}
