/**
 * The generator of walkers (see `walker.ts`): from a codec's record specs and the methods one
 * visitor has, the text of a loop that walks a buffer's events and, for each record, reads and
 * checks it and calls the visitor's method for its type, directly. Every call site has one
 * target, so V8 inlines the visitor's methods into the loop. That is why each visitor gets its
 * own text (and so its own compiled code and type feedback): one loop shared by several
 * visitors turns polymorphic, and ran at about half the speed in the planning measurements
 * (../shared/reference/read-path-performance.md).
 *
 * The loop holds the cursor's own reading code, word-read form: the event header `nextEvent()`
 * reads (`eventHeader`) and each record type's reader (`readRecord`), with the record's `type`
 * and `info_type` as constants. It runs while events and records start 4-aligned in a buffer
 * word reads fit (every kernel stream); from an event or record where they do not, the walk
 * goes on through the cursor's `nextEvent()`/`nextRecord()` (`walker.ts`). Either way it
 * checks exactly what the cursor checks.
 *
 * Runs of events that each hold one record of the same type, or none, go to a lane of that
 * kind, a loop of its own (see `lane`): V8 inlines at most 920 bytes of bytecode into one
 * optimized function, and a loop that had walked a mixed stream first spent that budget on the
 * mixed stream's types, so a later run of pidfd, range or mnt events called their methods
 * instead of inlining them (1.3× the bench's hand-written loop there, 1.7–2.2× with the lanes).
 *
 * @packageDocumentation
 */
import type { StructSchema } from '../schema/struct.js';
import { misaligned, wordReads } from './cursor-reads.js';
import { eventHeader, readRecord, recordLen, storedNumbers, type CursorRecordSpec } from './cursor-source.js';
import { fanotify_event_info_header } from '../../spec/structs/info-header.js';
import { scalarOffset } from './field-offset.js';
import { AT_RECORD_LEN, RECORD_HEADER_LEN } from './validate-event.js';

/** The visitor methods a walk calls around the records of each event. @internal */
export const EVENT_METHODS = ['event', 'eventEnd'] as const;

/** The header byte `name` out of the record's first word (`word`, little-endian). */
function byteOf(name: 'info_type' | 'pad', word = 'hw'): string {
  const at = scalarOffset(fanotify_event_info_header, name, 'u8');
  return at === 0 ? `${word} & 255` : `(${word} >>> ${8 * at}) & 255`;
}

/** The reading of one record at `o` (header word `hw`, end `x`), then the visitor's call. */
function recordBody(spec: CursorRecordSpec, stored: ReadonlySet<string>, methods: ReadonlySet<string>): string[] {
  const known = spec.infoType >= 0;
  // The reading code has `c`, `o` and `end` of its own; the cursor is `cur` in the loop.
  const header = { type: JSON.stringify(spec.type), infoType: known ? `${spec.infoType}` : byteOf('info_type'), pad: byteOf('pad') };
  const read = readRecord(spec, wordReads(false), stored, 'cur._failRecord();', header);
  return ['const end = x;', ...read, ...(methods.has(spec.type) ? [`v[${JSON.stringify(spec.type)}](r, cur);`] : [])];
}

/** The `case` of one record type: read and check it, then hand it to the visitor. */
function recordCase(spec: CursorRecordSpec, stored: ReadonlySet<string>, methods: ReadonlySet<string>): string[] {
  return [
    `      ${spec.infoType >= 0 ? `case ${spec.infoType}:` : 'default:'} {`,
    ...recordBody(spec, stored, methods).map((l) => '        ' + l),
    '        break;',
    '      }',
  ];
}

/**
 * The records of the event `[o, e)` from `rs`; one that does not start 4-aligned hands the rest
 * to `rest`. The header is one word `hw` (`info_type`, `pad` and `len`, where
 * `fanotify_event_info_header` lays them out).
 */
function recordLoop(records: readonly CursorRecordSpec[], stored: ReadonlySet<string>, methods: ReadonlySet<string>): string[] {
  const [, rejects] = recordLen('o', 'e');
  return [
    '    for (let o = rs; o < e; ) {',
    `      if (${misaligned('o')}) { cur._rp = o; rest(cur); break; }`,
    `      const hw = e - o < ${RECORD_HEADER_LEN} ? 0 : ${wordReads(false).word!('o', 0)};`,
    `      const len = hw >>> ${8 * AT_RECORD_LEN};`,
    `      if (${rejects}) cur._failRecord();`,
    '      const x = o + len;',
    `      switch (${byteOf('info_type')}) {`,
    ...records.flatMap((spec) => recordCase(spec, stored, methods)),
    '      }',
    '      o = x;',
    '    }',
  ];
}

/**
 * The visitor's `event` call, in a loop over events: a visitor that declines an event still gets
 * it checked, by the cursor's own walk.
 */
function eventCall(methods: ReadonlySet<string>): string[] {
  return methods.has('event') ? ['    if (v.event(cur) === false) { cur._rp = rs; cur._drain(); continue; }'] : [];
}

/** The visitor's `eventEnd` call, after an event's records. */
function eventEndCall(methods: ReadonlySet<string>): string[] {
  return methods.has('eventEnd') ? ['    v.eventEnd(cur);'] : [];
}

/** Events in a row of the same kind (see `laneEntry`) before the walk hands them to that kind's lane. */
const LANE_RUN = 4;

/** The lane key of events without records (a record type's key is its info type, a byte). */
const NO_RECORDS = 256;

/** The event header at `o`: `n` and the checks, read but not yet stored. */
function headerOf(metadata: StructSchema): ReturnType<typeof eventHeader> {
  return eventHeader(metadata, wordReads(false), (at) => `u8[o + ${at}]`, 'cur');
}

/** The record types with a lane: every known one (the unknown fallback has none). */
function laned(records: readonly CursorRecordSpec[]): CursorRecordSpec[] {
  return records.filter((spec) => spec.infoType >= 0);
}

/**
 * After an event `[o, e)`: its lane key, if it held no record or one record (of a type with a
 * lane); if the `LANE_RUN - 1` events before it had the same key, the events from `p` on go to
 * that key's lane. `last` and `run` outlive the walk: a lane that reached the end of the buffer
 * leaves the run one event short, so the next buffer (the next read of the same group, most
 * likely alike) enters the lane after its first event.
 */
function laneEntry(records: readonly CursorRecordSpec[]): string[] {
  return [
    `    const one = e - rs < ${RECORD_HEADER_LEN} ? -1 : w[rs >>> 2];`,
    `    const key = e === rs ? ${NO_RECORDS} : one >>> ${8 * AT_RECORD_LEN} === e - rs ? ${byteOf('info_type', 'one')} : -1;`,
    '    if (key !== last) { last = key; run = 1; continue; }',
    `    if (++run < ${LANE_RUN}) continue;`,
    '    switch (key) {',
    `      case ${NO_RECORDS}: p = laneNone(cur, p); count += lanedCount; break;`,
    ...laned(records).map((spec) => `      case ${spec.infoType}: p = lane${spec.infoType}(cur, p); count += lanedCount; break;`),
    '    }',
    `    run = p < end ? 0 : ${LANE_RUN - 1};`,
  ];
}

/** The events loop: the header, the visitor's `event`, the records, its `eventEnd`; `p` is where it stops. */
function eventLoop(metadata: StructSchema, records: readonly CursorRecordSpec[], stored: ReadonlySet<string>, methods: ReadonlySet<string>): string[] {
  const header = headerOf(metadata);
  return [
    '  const end = bufferEnd;',
    `  while (p < end && !(${misaligned('p')})) {`,
    '    const o = p;',
    ...header.read.map((l) => '    ' + l),
    `    if (${header.rejects}) cur._fail(o, cur.index + 1);`,
    ...header.stores.map((l) => '    ' + l),
    '    count++;',
    '    const e = o + n;',
    `    const rs = o + ${metadata.layout.fixedEnd};`,
    '    p = e;',
    ...eventCall(methods),
    ...recordLoop(records, stored, methods),
    ...eventEndCall(methods),
    ...laneEntry(records),
    '  }',
  ];
}

/**
 * The lane of one record type (`spec`), or of events without records (no `spec`): a loop of its
 * own over the events from `p` that hold exactly one record of that type, or none (most of a
 * group's events look alike: a group reporting pidfds gets one pidfd record per event, an fd
 * group none). A function of its own, so V8 inlines the visitor's `event`, that type's method
 * and `eventEnd` into it, whatever the main loop spent its inlining budget on. It stops before
 * the first event that is not such an event, or not well-formed (the main loop then reads or
 * rejects it), and leaves in `lanedCount` how many events it passed.
 */
function lane(metadata: StructSchema, spec: CursorRecordSpec | undefined, stored: ReadonlySet<string>, methods: ReadonlySet<string>): string[] {
  const header = headerOf(metadata);
  const only = spec === undefined
    ? ['    if (e !== rs) break;']
    : [
        `    if (e - rs < ${RECORD_HEADER_LEN}) break;`,
        '    const hw = w[rs >>> 2];',
        `    if ((${byteOf('info_type')}) !== ${spec.infoType} || hw >>> ${8 * AT_RECORD_LEN} !== e - rs) break;`,
      ];
  const record = spec === undefined ? [] : ['    {', '      const o = rs, x = e;', ...recordBody(spec, stored, methods).map((l) => '      ' + l), '    }'];
  return [
    `function lane${spec === undefined ? 'None' : spec.infoType}(cur, p) {`,
    '  const dv = cur._dv, u8 = cur._u8, w = cur._w, r = cur.record, end = cur._end;',
    '  let k = 0;',
    `  while (p < end && !(${misaligned('p')})) {`,
    '    const o = p;',
    ...header.read.map((l) => '    ' + l),
    `    if (${header.rejects}) break;`,
    '    const e = o + n;',
    `    const rs = o + ${metadata.layout.fixedEnd};`,
    ...only,
    ...header.stores.map((l) => '    ' + l),
    '    k++;',
    '    p = e;',
    ...eventCall(methods),
    ...record,
    ...eventEndCall(methods),
    '  }',
    '  lanedCount = k;',
    '  return p;',
    '}',
  ];
}

/**
 * The body of a factory `(v, rest, general) => walk`, where `walk(cur)` walks the buffer cursor
 * `cur` was reset to (events laid out by `metadata`), calls visitor `v`'s `methods`, and returns
 * how many events it passed. `rest(cur)` takes the current event's records from `cur._rp` on,
 * `general(cur)` the events from `cur._ee` on, both through the cursor. `tag` makes the text
 * unique per visitor.
 *
 * @internal
 */
export function renderWalkerBody(metadata: StructSchema, records: readonly CursorRecordSpec[], methods: ReadonlySet<string>, tag: string): string {
  const stored = storedNumbers(records.map((r) => r.struct));
  return [
    `// ${tag}`,
    // What the lanes share with the main loop (see `laneEntry`).
    'let lanedCount = 0, last = -1, run = 0;',
    ...[undefined, ...laned(records)].flatMap((spec) => lane(metadata, spec, stored, methods)),
    // `cur` was just reset: its walk starts at 0, with nothing read.
    'return function walk(cur) {',
    '  const dv = cur._dv, le = cur._le, u8 = cur._u8, w = cur._w, r = cur.record, bufferEnd = cur._end;',
    '  let count = 0;',
    '  let p = 0;',
    '  if (cur._words) {',
    ...eventLoop(metadata, records, stored, methods).map((l) => '  ' + l),
    '  }',
    '  cur._rp = cur._ee = p;',
    '  return count + general(cur);',
    '};',
  ].join('\n');
}
