/**
 * The writer: plain objects to exactly the bytes the kernel writes. Lengths (`event_len`, `len`,
 * `handle_bytes`) and padding are computed as `fanotify_user.c` computes them; lengths given in
 * the input are checked, never trusted.
 *
 * @packageDocumentation
 */
import { FanotifyEncodeError } from '../errors.js';
import type { CompiledStruct } from '../schema/compile.js';
import { alignUp } from '../schema/struct.js';
import { unknownNameMessage } from '../text/nearest.js';
import { isLittleEndian, type ByteOrder } from './byte-order.js';
import { compiledMetadata } from './event-view.js';
import { infoTypeName, type RecordEntry, type RecordTable } from './record-table.js';
import { METADATA_LEN } from './validate-event.js';

/** Options of event encoding. @public */
export interface EncodeOptions {
  /** Byte order to write (default: the host's). */
  readonly byteOrder?: ByteOrder;
  /** Write into this buffer (from its start) instead of a new one; the result is a view of the written part. */
  readonly target?: Uint8Array;
}

type Input = Readonly<Record<string, unknown>>;

interface PlannedRecord {
  readonly input: Input;
  readonly entry: RecordEntry;
  readonly tails: Uint8Array[];
  /** Values the writer sets itself: `info_type` and `len`. */
  readonly preset: { info_type: number; len: number };
}

interface PlannedEvent {
  readonly input: Input;
  readonly len: number;
  readonly records: PlannedRecord[];
}

const NO_TAILS: Uint8Array[] = [];
/** Keys an event input has besides the metadata fields. */
const EVENT_EXTRA = ['info'];
/** Keys a record input has besides its struct's fields. */
const RECORD_EXTRA = ['type'];
const NO_RECORDS: readonly Input[] = [];

const fieldSets = new WeakMap<CompiledStruct, ReadonlySet<string>>();

/** The field names of a compiled struct plus `extra` (cached: planning runs per event). */
function fieldsOf(compiled: CompiledStruct, extra: readonly string[]): ReadonlySet<string> {
  let set = fieldSets.get(compiled);
  if (!set) {
    set = new Set([...Object.keys(compiled.schema.fields), ...extra]);
    fieldSets.set(compiled, set);
  }
  return set;
}

/**
 * Refuses a key of `input` that `known` does not hold, naming the nearest valid field: a
 * misspelt `event_lenn` would otherwise be ignored and the computed value written silently.
 * `path` is where `input` is (relative paths, like the planner's, start with `.`).
 *
 * @internal
 */
export function rejectUnknownFields(input: object, known: ReadonlySet<string>, path: string): void {
  for (const key in input) {
    if (!known.has(key)) throw new FanotifyEncodeError('UNKNOWN_FIELD', `${path}.${key}`, unknownNameMessage('field', key, known));
  }
}

// Planning builds no path strings: errors carry a relative path that the caller prefixes.
function planRecord(table: RecordTable, input: Input): PlannedRecord {
  if (input === null || typeof input !== 'object') throw new FanotifyEncodeError('BAD_VALUE', '', 'a record must be an object');
  const type = input['type'];
  const entry = typeof type === 'string' ? table.byType.get(type) : undefined;
  if (!entry) throw new FanotifyEncodeError('UNKNOWN_RECORD', '.type', `record type ${JSON.stringify(type)} is not known to this codec`);
  let infoType = entry.infoType;
  const given = input['info_type'];
  if (entry === table.unknown) {
    if (typeof given !== 'number' || !Number.isInteger(given) || given < 0 || given > 255) {
      throw new FanotifyEncodeError('BAD_VALUE', '.info_type', 'an unknown record needs its info_type (0–255)');
    }
    // A known info_type encoded as raw bytes would decode as the known type: refuse the ambiguity.
    if (table.byInfoType[given]) {
      throw new FanotifyEncodeError('BAD_VALUE', '.info_type', `info_type ${given} is ${infoTypeName(given)}; encode it as type '${table.byInfoType[given]!.type}'`);
    }
    infoType = given;
  } else if (given !== undefined && given !== infoType) {
    throw new FanotifyEncodeError('BAD_VALUE', '.info_type', `a '${entry.type}' record has info_type ${infoType}, got ${String(given)}`);
  }
  rejectUnknownFields(input, fieldsOf(entry.compiled, RECORD_EXTRA), '');
  const tails = entry.compiled.encodeTails(input, '');
  const len = alignUp(entry.compiled.measure(input, '', tails), entry.align);
  if (len > 0xffff) throw new FanotifyEncodeError('BAD_VALUE', '.len', `record of ${len} bytes does not fit the u16 len`);
  const givenLen = input['len'];
  if (givenLen !== undefined && givenLen !== len) throw new FanotifyEncodeError('LENGTH_MISMATCH', '.len', `len is ${String(givenLen)} but the record encodes to ${len} bytes`);
  return { input, entry, tails, preset: { info_type: infoType, len } };
}

function planEvent(table: RecordTable, input: Input): PlannedEvent {
  if (input === null || typeof input !== 'object') throw new FanotifyEncodeError('BAD_VALUE', '', 'an event must be an object');
  const info = (input['info'] ?? NO_RECORDS) as readonly Input[];
  if (!Array.isArray(info)) throw new FanotifyEncodeError('BAD_VALUE', '.info', 'info must be an array of records');
  rejectUnknownFields(input, fieldsOf(compiledMetadata, EVENT_EXTRA), '');
  const records: PlannedRecord[] = [];
  let len = METADATA_LEN;
  for (let j = 0; j < info.length; j++) {
    let record: PlannedRecord;
    try {
      record = planRecord(table, info[j]!);
    } catch (error) {
      if (error instanceof FanotifyEncodeError) throw error.prefixed(`.info[${j}]`);
      throw error;
    }
    records.push(record);
    len += record.preset.len;
  }
  const metadataLen = input['metadata_len'];
  if (metadataLen !== undefined && metadataLen !== METADATA_LEN) {
    throw new FanotifyEncodeError('BAD_VALUE', '.metadata_len', `metadata_len must be ${METADATA_LEN} (the only layout the kernel writes)`);
  }
  const givenLen = input['event_len'];
  if (givenLen !== undefined && givenLen !== len) throw new FanotifyEncodeError('LENGTH_MISMATCH', '.event_len', `event_len is ${String(givenLen)} but the event encodes to ${len} bytes`);
  return { input, len, records };
}

function planEvents(table: RecordTable, events: readonly Input[]): { plan: PlannedEvent[]; total: number } {
  if (!Array.isArray(events)) throw new FanotifyEncodeError('BAD_VALUE', 'event', 'expected an array of events');
  const plan: PlannedEvent[] = [];
  let total = 0;
  for (let i = 0; i < events.length; i++) {
    let event: PlannedEvent;
    try {
      event = planEvent(table, events[i]!);
    } catch (error) {
      if (error instanceof FanotifyEncodeError) throw error.prefixed(`event[${i}]`);
      throw error;
    }
    plan.push(event);
    total += event.len;
  }
  return { plan, total };
}

/** Bytes `events` encode to. @internal */
export function encodedLengthOf(table: RecordTable, events: readonly Input[]): number {
  return planEvents(table, events).total;
}

/** Encodes events. @internal */
export function encodeEventsWith(table: RecordTable, events: readonly Input[], options: EncodeOptions = {}): Uint8Array {
  const le = isLittleEndian(options.byteOrder);
  const { plan, total } = planEvents(table, events);
  let u8: Uint8Array;
  if (options.target) {
    if (options.target.length < total) throw new FanotifyEncodeError('BUFFER_TOO_SMALL', 'target', `needs ${total} bytes, target has ${options.target.length}`);
    u8 = options.target.subarray(0, total);
  } else u8 = new Uint8Array(total);
  const dv = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  let pos = 0;
  for (let i = 0; i < plan.length; i++) {
    const event = plan[i]!;
    let j = -1;
    try {
      compiledMetadata.write(event.input, dv, u8, pos, le, '', { event_len: event.len }, NO_TAILS);
      let rpos = pos + METADATA_LEN;
      for (j = 0; j < event.records.length; j++) {
        const r = event.records[j]!;
        const end = r.entry.compiled.write(r.input, dv, u8, rpos, le, '', r.preset, r.tails);
        u8.fill(0, end, rpos + r.preset.len);
        rpos += r.preset.len;
      }
    } catch (error) {
      // Paths are only built here, on failure.
      if (error instanceof FanotifyEncodeError) throw error.prefixed(j < 0 ? `event[${i}]` : `event[${i}].info[${j}]`);
      throw error;
    }
    pos += event.len;
  }
  return u8;
}
