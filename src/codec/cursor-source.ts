/**
 * The one generator of the cursor read path: from the metadata schema and a codec's record
 * schemas it writes the source of a cursor class whose `nextEvent()`/`nextRecord()` validate
 * and read in one pass, with straight-line code per record type, and the plain-object builders
 * of the same records. The kernel codec's copy is written to `src/generated/kernel-cursor.ts` at
 * build time (`npm run generate`); codecs with user-declared records compile the same text at
 * run time (see `cursor.ts`). Only the type annotations differ between the two.
 *
 * Field naming on the cursor (one rule, mirrored by the `CursorFields` type): a scalar keeps its
 * name (a number; 64-bit ones also as `<name>_lo`/`<name>_hi` words), an array becomes
 * `<name>_0`…, a byte field becomes `<name>_start`/`<name>_length` (offsets into the buffer).
 *
 * @packageDocumentation
 */
import { unknownRecordStruct } from '../../spec/records.js';
import { scalarAccess, type ScalarKind } from '../schema/scalar.js';
import { GET, misaligned, plus, VIEW_READS, wordReads, type ScalarReads } from './cursor-reads.js';
import { nulScan } from '../schema/struct-source.js';
import { alignUp, type FieldLayout, type StructSchema } from '../schema/struct.js';
import type { AnyRecordSchema } from './types.js';
import { scalarOffset } from './field-offset.js';
import { TWO_32 } from './u64-words.js';
import { AT_RECORD_LEN, METADATA_VERSION, RECORD_HEADER_LEN, SCAN_STRIDE, SLOT_ENTRY, SLOT_LEN, SLOT_OFFSET, SLOT_TAIL } from './validate-event.js';

/** One record type as the generator needs it. @internal */
export interface CursorRecordSpec {
  readonly type: string;
  /** `info_type`, or -1 for the fallback of unknown types. */
  readonly infoType: number;
  readonly align: number;
  readonly struct: StructSchema;
}

/** The generator's input for a codec's records: the declared ones, then the unknown fallback (RecordTable's order). @internal */
export function cursorSpecsOf(records: readonly AnyRecordSchema[]): CursorRecordSpec[] {
  const specs: CursorRecordSpec[] = records.map((r) => ({ type: r.type, infoType: r.infoType, align: r.align, struct: r.struct }));
  specs.push({ type: 'unknown', infoType: -1, align: 1, struct: unknownRecordStruct });
  return specs;
}

/** What the generated source is for. @internal */
export interface CursorSourceOptions {
  /** Add TypeScript annotations (the build-time module) or not (run-time compilation). */
  readonly ts: boolean;
  /** A comment that makes the text unique per codec, so V8 shares no feedback between codecs. */
  readonly tag: string;
}

const HEADER = new Set(['info_type', 'pad', 'len']);
/** No 64-bit number stored as a property (the metadata's, and checks that read nothing). */
const NONE: ReadonlySet<string> = new Set();

function is64(kind: ScalarKind): boolean {
  return kind === 'u64' || kind === 's64';
}

/**
 * The record-header test of every walk: `[read, rejects]`, the statement reading into `len` the
 * length of the info record at `p` (0 when its header does not fit before the event's end `e`)
 * and the condition rejecting it (shorter than its header, or running past the event).
 *
 * @internal
 */
export function recordLen(p: string, e: string, reads: ScalarReads = VIEW_READS): [read: string, rejects: string] {
  return [`const len = ${e} - ${p} < ${RECORD_HEADER_LEN} ? 0 : ${recordLenAt(p, reads)};`, `len < ${RECORD_HEADER_LEN} || len > ${e} - ${p}`];
}

/** The `len` of the info record at `p`. @internal */
export function recordLenAt(p: string, reads: ScalarReads = VIEW_READS): string {
  return reads.scalar('u16', p, AT_RECORD_LEN);
}

/** The `event_len` of the event at `o`. */
function eventLenAt(metadata: StructSchema, reads: ScalarReads): string {
  return reads.scalar('u32', 'o', scalarOffset(metadata, 'event_len', 'u32'));
}

/** The cursor property names of one field (the naming rule above). @internal */
export function cursorNames(f: FieldLayout): string[] {
  const field = f.field;
  if (field.kind === 'scalar') return is64(field.scalar) ? [f.name, `${f.name}_lo`, `${f.name}_hi`] : [f.name];
  if (field.kind === 'array') return Array.from({ length: field.count }, (_, i) => `${f.name}_${i}`);
  return [`${f.name}_start`, `${f.name}_length`];
}

/**
 * The 64-bit scalar fields whose number is stored as a property: those whose name another record
 * of the codec gives to a narrower field (the record object has one property per name). Every
 * other 64-bit field's number is a getter over its `_lo`/`_hi` words (`wideGetters`): a double
 * store per field per record cost the walks 10% on the small shapes.
 *
 * @internal
 */
export function storedNumbers(structs: readonly StructSchema[]): ReadonlySet<string> {
  const wide = new Set<string>();
  const narrow = new Set<string>();
  for (const s of structs) for (const f of s.layout.fields) if (f.field.kind === 'scalar') (is64(f.field.scalar) ? wide : narrow).add(f.name);
  return new Set([...wide].filter((n) => narrow.has(n)));
}

/** Names of the 64-bit scalar fields of `structs` served by a getter (see `storedNumbers`). */
function gotNumbers(structs: readonly StructSchema[], stored: ReadonlySet<string>): string[] {
  const names = new Set<string>();
  for (const s of structs) for (const f of s.layout.fields) if (f.field.kind === 'scalar' && is64(f.field.scalar) && !stored.has(f.name)) names.add(f.name);
  return [...names];
}

/** The getters of 64-bit numbers: exact below 2^53, like every number the cursor holds. */
function wideGetters(names: readonly string[], ts: boolean): string[] {
  return names.map((n) => `  get ${n}()${ts ? ': number' : ''} { return this.${n}_hi * ${TWO_32} + this.${n}_lo; }`);
}

/**
 * Initial value of each cursor property of `f`. The properties of 64-bit fields (the number,
 * or its u32 words, often above 2^31 - 1 and so not small integers) start as doubles (`-0`):
 * otherwise the first large value, often many streams into a process's life, changes the
 * field's representation, deprecates the object's hidden class and deoptimizes every walk that
 * reads it (measured: the walker on the range shape after the other shapes at 16 M events/s,
 * 21 M with this). The 32-bit fields stay small integers: as doubles, the loads and stores of
 * `event_len` and `handle_bytes` on every event cost the walks 20-40% (measured). A 64-bit
 * number not in `stored` is a getter, not a property.
 */
function cursorInits(f: FieldLayout, stored: ReadonlySet<string>): [name: string, init: string][] {
  const field = f.field;
  const kind = field.kind === 'scalar' ? field.scalar : field.kind === 'array' ? field.element.scalar : undefined;
  const wide = kind !== undefined && is64(kind);
  const names = field.kind === 'scalar' && is64(field.scalar) && !stored.has(f.name) ? [`${f.name}_lo`, `${f.name}_hi`] : cursorNames(f);
  return names.map((n) => [n, wide ? '-0' : '0']);
}

/** Statements storing a 64-bit scalar at `base + off` into `target` as words, and as a number if `stored` has it. */
function store64(kind: ScalarKind, target: string, name: string, base: string, off: number, reads: ScalarReads, stored: ReadonlySet<string>): string[] {
  const [lo, hi] = reads.words(kind, base, off);
  const number = stored.has(name) ? ` ${target}.${name} = hi * ${TWO_32} + lo;` : '';
  return [`{ const lo = ${lo};`, `  const hi = ${hi};`, `  ${target}.${name}_lo = lo; ${target}.${name}_hi = hi;${number} }`];
}

/**
 * Statements reading every fixed field of `s` (except the record header) into `target`; a
 * field in `known` is set to that expression instead (a value the caller has already read).
 */
function fixedStores(s: StructSchema, target: string, base: string, skipHeader: boolean, known: ReadonlyMap<string, string>, reads: ScalarReads, stored: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const f of s.layout.fields) {
    if (skipHeader && HEADER.has(f.name)) continue;
    const field = f.field;
    const value = known.get(f.name);
    if (value !== undefined) out.push(`${target}.${f.name} = ${value};`);
    else if (field.kind === 'scalar') {
      if (is64(field.scalar)) out.push(...store64(field.scalar, target, f.name, base, f.offset!, reads, stored));
      else out.push(`${target}.${f.name} = ${reads.scalar(field.scalar, base, f.offset!)};`);
    } else if (field.kind === 'array') {
      const el = field.element;
      for (let i = 0; i < field.count; i++) {
        const at = f.offset! + i * el.size;
        // 64-bit array elements are numbers (exact below 2^53); the struct views give bigints.
        const value = is64(el.scalar) ? `Number(dv.${GET[el.scalar]}(${plus(base, at)}, le))` : reads.scalar(el.scalar, base, at);
        out.push(`${target}.${f.name}_${i} = ${value};`);
      }
    }
  }
  return out;
}

/**
 * Where `tailStores` puts what it finds: the expression of a counted field's length (its source
 * field `g`) and the statement recording a tail field's start and length.
 */
interface TailSink {
  length(g: FieldLayout, reads: ScalarReads): string;
  store(f: FieldLayout, start: string, length: string): string;
}

/** The cursor's record object: lengths already read into it, offsets as `<name>_start`/`<name>_length`. */
const RECORD_SINK: TailSink = {
  length: (g) => `r.${g.name}`,
  store: (f, start, length) => `r.${f.name}_start = ${start}; r.${f.name}_length = ${length};`,
};

/** A slot-table row at `t[b…]` (the views' layout, see `validate-event.ts`): lengths read from the bytes. */
const SLOT_SINK: TailSink = {
  length(g, reads) {
    const field = g.field;
    if (field.kind !== 'scalar') throw new TypeError(`length field ${g.name} is not a scalar`);
    return is64(field.scalar) ? `Number(dv.${GET[field.scalar]}(${plus('o', g.offset!)}, le))` : reads.scalar(field.scalar, 'o', g.offset!);
  },
  store: (f, start, length) => `t[b + ${SLOT_TAIL + 2 * f.tailIndex}] = ${start}; t[b + ${SLOT_TAIL + 2 * f.tailIndex + 1}] = ${length};`,
};

/** Nowhere: the tail is checked, its offsets are not kept (the scan only counts records). */
const NO_SINK: TailSink = { length: (g, reads) => SLOT_SINK.length(g, reads), store: () => '' };

/** Statements on one line, without the empty ones. */
function join(...statements: string[]): string {
  return statements.filter((x) => x !== '').join(' ');
}

/** Statements validating and recording the variable-length tail; `c` is the cursor into it. */
function tailStores(s: StructSchema, fail: string, sink: TailSink, reads: ScalarReads): string[] {
  const out: string[] = [];
  for (const f of s.layout.fields) {
    const field = f.field;
    if (field.kind === 'bytes') {
      const source = s.layout.fields.find((g) => g.name === field.lengthField)!;
      const n = `n_${f.name}`;
      out.push(`const ${n} = ${sink.length(source, reads)};`, `if (${n} > end - c) ${fail}`, join(sink.store(f, 'c', n), `c += ${n};`));
    } else if (field.kind === 'cstring') {
      const z = `z_${f.name}`;
      out.push(`let ${z} = c;`, ...nulScan(z, 'end'), `if (${z} >= end || ${z} - c < ${field.minLength}) ${fail}`);
      out.push(join(sink.store(f, 'c', `${z} - c`), `c = ${z} + 1;`));
    } else if (field.kind === 'rest') {
      out.push(join(sink.store(f, 'c', 'end - c'), 'c = end;'));
    }
  }
  return out;
}

function sig(ts: boolean, params: readonly (readonly [string, string])[], ret: string): string {
  return `(${params.map(([n, t]) => (ts ? `${n}: ${t}` : n)).join(', ')})${ts ? `: ${ret}` : ''}`;
}

/** Checks that the layout's hole `[a, b)` is zero: a word at a time where a word fits, else a byte. */
function holeChecks(a: number, b: number, fail: string, reads: ScalarReads): string[] {
  const lines: string[] = [];
  for (let i = a; i < b; ) {
    const word = i % 4 === 0 && b - i >= 4;
    lines.push(`if (${word ? reads.scalar('u32', 'o', i) : `u8[o + ${i}]`} !== 0) ${fail}`);
    i += word ? 4 : 1;
  }
  return lines;
}

/**
 * Statements validating one record layout with alignment `align` (the record is `[o, end)`, its
 * header already checked); `fail` is the statement that reports a malformed record. With
 * `read`, every fixed field is read into the cursor's record `r` too; without, the tail goes to
 * a slot-table row. Every failure is the same `fail` (the validator then says which rule), so
 * the order of the tests is free.
 */
function checkBody(s: StructSchema, align: number, fail: string, read: boolean, sink: TailSink = read ? RECORD_SINK : SLOT_SINK, reads: ScalarReads = VIEW_READS, stored = NONE): string[] {
  const { fixedEnd, holes } = s.layout;
  const tail = tailStores(s, fail, sink, reads);
  const fields = [...holes.flatMap(([a, b]) => holeChecks(a, b, fail, reads)), ...(read ? fixedStores(s, 'r', 'o', true, new Map(), reads, stored) : [])];
  // A layout without a tail (pidfd, error, range, mnt) has one valid len, its size rounded up:
  // one test, and its padding bytes checked one by one (a loop from `c` cost about a tenth of
  // a pidfd event's walk).
  if (tail.length === 0) {
    const size = alignUp(fixedEnd, align);
    return [`if (end - o !== ${size}) ${fail}`, ...fields, ...holeChecks(fixedEnd, size, fail, reads)];
  }
  // len is the content rounded up to the record's alignment, and the padding is zero.
  const want = align === 1 ? 'c - o' : `(c - o + ${align - 1}) & ${-align}`;
  return [`if (end - o < ${fixedEnd}) ${fail}`, ...fields, `let c = o + ${fixedEnd};`, ...tail, `if (end - o !== (${want})) ${fail}`, `for (let i = c; i < end; i++) if (u8[i] !== 0) ${fail}`];
}

/** Straight-line plain-object builder of one record type (the `RecordValue` shape, key order of the struct). */
function renderObjectBuilder(spec: CursorRecordSpec, name: string, ts: boolean): string[] {
  const params = [['r', 'Rec'], ['dv', 'DataView'], ['u8', 'Uint8Array'], ['le', 'boolean'], ['copy', 'boolean']] as const;
  const props = spec.struct.layout.fields.map((f) => `    ${f.name}: ${objectValue(f, name)},`);
  return [...bigintSlots(spec.struct, name), `function ${name}${sig(ts, params, 'Record<string, unknown>')} {`, '  const o = r.byteOffset;', `  return {`, `    type: ${JSON.stringify(spec.type)},`, ...props, '  };', '}'];
}

/** The 64-bit value `kind` at `at`, as the object's bigint, through its field's slot `slot` (`reusedBigint`). */
function bigValue(kind: ScalarKind, at: string, slot: string): string {
  return `reusedBigint(${slot}, dv, ${at}, le, ${kind === 's64'})`;
}

/** The name of the bigint slot of the 64-bit scalar `field` (element `i`) in the builder `owner`. */
function bigintSlotName(owner: string, field: string, i?: number): string {
  return `big_${owner}_${field}${i === undefined ? '' : `_${i}`}`;
}

/** The bigint slots of the 64-bit scalars of `struct` in the builder `owner`: each field reuses its own last bigint. */
function bigintSlots(struct: StructSchema, owner: string): string[] {
  const names: string[] = [];
  for (const f of struct.layout.fields) {
    const field = f.field;
    if (field.kind === 'scalar' && is64(field.scalar)) names.push(bigintSlotName(owner, f.name));
    if (field.kind === 'array' && is64(field.element.scalar)) for (let i = 0; i < field.count; i++) names.push(bigintSlotName(owner, f.name, i));
  }
  return names.map((n) => `const ${n} = deps.bigintSlot();`);
}

function objectValue(f: FieldLayout, owner: string, t = 'r'): string {
  const field = f.field;
  if (field.kind === 'scalar') return is64(field.scalar) ? bigValue(field.scalar, plus('o', f.offset!), bigintSlotName(owner, f.name)) : `${t}.${f.name}`;
  if (field.kind === 'array') {
    const el = field.element;
    const items = Array.from({ length: field.count }, (_, i) => (is64(el.scalar) ? bigValue(el.scalar, plus('o', f.offset! + i * el.size), bigintSlotName(owner, f.name, i)) : `${t}.${f.name}_${i}`));
    return `[${items.join(', ')}]`;
  }
  const s = `${t}.${f.name}_start`;
  return `copy ? copyOf(u8, ${s}, ${t}.${f.name}_length) : u8.subarray(${s}, ${s} + ${t}.${f.name}_length)`;
}

// A byte loop into a new small array beats `slice` (species lookup, a builtin call) for the
// handles and names of real events (8-40 bytes); past that, slice's memcpy wins.
function renderCopyOf(ts: boolean): string[] {
  return [
    `function copyOf${sig(ts, [['u8', 'Uint8Array'], ['s', 'number'], ['n', 'number']] as const, 'Uint8Array')} {`,
    '  if (n > 48) return u8.slice(s, s + n);',
    '  const c = new Uint8Array(n);',
    `  for (let i = 0; i < n; i++) c[i] = u8[s + i]${ts ? '!' : ''};`,
    '  return c;',
    '}',
  ];
}

/** The record class: every cursor property any record type of the codec has, initialized once, and the getters of 64-bit numbers. */
function renderRecordClass(records: readonly CursorRecordSpec[], stored: ReadonlySet<string>, ts: boolean): string[] {
  const inits = new Map<string, string>();
  for (const spec of records) for (const f of spec.struct.layout.fields) for (const [n, v] of cursorInits(f, stored)) if (inits.get(n) !== '-0') inits.set(n, v);
  const lines = ['class Rec extends deps.RecordBase {', "  type = '';", '  byteOffset = 0;'];
  for (const [n, v] of inits) lines.push(`  ${n} = ${v};`);
  lines.push(...wideGetters(gotNumbers(records.map((r) => r.struct), stored), ts));
  return lines;
}

function caseLabel(spec: CursorRecordSpec): string {
  return spec.infoType < 0 ? 'default:' : `case ${spec.infoType}:`;
}

/** Record types sharing a layout and an alignment share one block of reading code. @internal */
export function groupsOf(records: readonly CursorRecordSpec[]): CursorRecordSpec[][] {
  const groups: CursorRecordSpec[][] = [];
  for (const spec of records) {
    const same = spec.infoType >= 0 ? groups.find((g) => g[0]!.infoType >= 0 && g[0]!.struct === spec.struct && g[0]!.align === spec.align) : undefined;
    if (same) same.push(spec);
    else groups.push([spec]);
  }
  return groups;
}

const READ_PARAMS = [
  ['r', 'Rec'],
  ['dv', 'DataView'],
  ['u8', 'Uint8Array'],
  ['o', 'number'],
  ['end', 'number'],
  ['le', 'boolean'],
] as const;

/** A record reader's parameters: `READ_PARAMS`, then the words `w` (see `cursor-reads.ts`). */
const READER_PARAMS = [...READ_PARAMS, ['w', 'Int32Array']] as const;
const READER_TYPE = `(${READER_PARAMS.map(([n, t]) => `${n}: ${t}`).join(', ')}) => boolean`;

/** The two sets of record readers: view reads (`read_N`, table `READERS`) and word reads (`wread_N`, `WREADERS`). */
interface ReaderSet {
  readonly prefix: string;
  readonly table: string;
  reads(ts: boolean): ScalarReads;
}
const VIEW_READERS: ReaderSet = { prefix: 'read_', table: 'READERS', reads: () => VIEW_READS };
const WORD_READERS: ReaderSet = { prefix: 'wread_', table: 'WREADERS', reads: wordReads };

/** Expressions of a record's header fields where its reader stores them (see `readRecord`). @internal */
export interface RecordHeader {
  readonly type: string;
  readonly infoType: string;
  readonly pad: string;
}

/**
 * Statements reading the record `[o, end)` of layout `spec` into the cursor's record `r` and
 * validating it, `fail` where it is malformed: what a reader does. `header` has the expressions
 * of its `type`, `info_type` and `pad` (constants or an already loaded word where the caller
 * has them).
 *
 * @internal
 */
export function readRecord(spec: CursorRecordSpec, reads: ScalarReads, stored: ReadonlySet<string>, fail: string, header: RecordHeader): string[] {
  return [
    `r.type = ${header.type}; r.info_type = ${header.infoType}; r.pad = ${header.pad}; r.len = end - o; r.byteOffset = o;`,
    ...checkBody(spec.struct, spec.align, fail, true, RECORD_SINK, reads, stored),
  ];
}

/** One validating reader per layout group: true when the record is well-formed. */
function renderReaders(groups: readonly CursorRecordSpec[][], ts: boolean, set: ReaderSet, stored: ReadonlySet<string>): string[] {
  const reads = set.reads(ts);
  return groups.flatMap((group, i) => [
    `function ${set.prefix}${i}${sig(ts, READER_PARAMS, 'boolean')} {`,
    `  const t = ${reads.scalar('u8', 'o', 0)};`,
    ...readRecord(group[0]!, reads, stored, 'return false;', { type: `TYPES[t]${ts ? '!' : ''}`, infoType: 't', pad: reads.scalar('u8', 'o', 1) }).map((l) => '  ' + l),
    '  return true;',
    '}',
  ]);
}

// nextRecord stays small (header checks, then one reader from a table by info_type) so V8
// inlines it into the consumer's loop; the readers are separate functions, one per layout.
// It reads words; a record that does not start 4-aligned, or a stream that word reads do not
// fit (see `cursor-reads.ts`), goes to `_nextRecordView`, the same walk with view reads.
function renderNextRecord(ts: boolean): string[] {
  const [read, rejects] = recordLen('o', 'e', wordReads(ts));
  const [viewRead, viewRejects] = recordLen('o', 'e');
  const tail = (table: string, reads: ScalarReads, le: string, w: string): string =>
    `!${table}[${reads.scalar('u8', 'o', 0)}]${ts ? '!' : ''}(this.record, dv, u8, o, o + len, ${le}, ${w})) return this._failRecord();`;
  const done = ['    this._rp = o + len;', '    return this.record;', '  }'];
  return [
    `  nextRecord()${ts ? ': Rec | null' : ''} {`,
    '    const o = this._rp;',
    '    const e = this._ee;',
    '    if (o >= e) return null;',
    `    if (!this._words || ${misaligned('o')}) return this._nextRecordView();`,
    '    const dv = this._dv;',
    '    const u8 = this._u8;',
    '    const w = this._w;',
    `    ${read}`,
    `    if (${rejects} || ${tail('WREADERS', wordReads(ts), 'true', 'w')}`,
    ...done,
    `  _nextRecordView()${ts ? ': Rec | null' : ''} {`,
    '    const o = this._rp;',
    '    const e = this._ee;',
    '    const dv = this._dv;',
    '    const u8 = this._u8;',
    '    const le = this._le;',
    `    ${viewRead}`,
    `    if (${viewRejects} || ${tail('READERS', VIEW_READS, 'le', 'this._w')}`,
    ...done,
  ];
}

// Counting needs only each record's info_type: the views' checks validate a record exactly as
// its reader does, into a scratch slot row instead of the record object's fields.
function renderRecordTypes(groups: readonly CursorRecordSpec[][], ts: boolean): string[] {
  const cases = checkCalls(groups, '        ', 'row, 0, dv, u8, o, end, le');
  const [read, rejects] = recordLen('o', 'e');
  return [
    `  _recordTypes(types${ts ? ': number[]' : ''})${ts ? ': number' : ''} {`,
    '    const e = this._ee;',
    '    const dv = this._dv;',
    '    const u8 = this._u8;',
    '    const le = this._le;',
    '    const row = this._row;',
    '    let o = this._rp;',
    '    let n = 0;',
    '    while (o < e) {',
    `      ${read}`,
    `      if (${rejects}) return this._failRecord();`,
    `      const t = u8[o]${ts ? '!' : ''};`,
    '      const end = o + len;',
    '      let ok = false;',
    '      switch (t) {',
    ...cases,
    '      }',
    '      if (!ok) return this._failRecord();',
    '      types[n++] = t;',
    '      o += len;',
    '    }',
    '    this._rp = e;',
    '    return n;',
    '  }',
  ];
}

/**
 * The `switch` setting `ok` to whether the record at `[p, rend)` is valid: each layout's check
 * written out in its case (a labelled block the failures break out of), not called, so V8 has
 * no separate check functions to optimize before the scan, and nothing is stored.
 */
function checkSwitch(groups: readonly CursorRecordSpec[][], indent: string, reads: ScalarReads): string[] {
  const lines = [`${indent}switch (t) {`];
  for (const g of groups) {
    lines.push(...g.map((spec) => `${indent}  ${caseLabel(spec)}`), `${indent}  {`, `${indent}    const o = p;`, `${indent}    const end = rend;`, `${indent}    ok = false;`, `${indent}    check: {`);
    lines.push(...checkBody(g[0]!.struct, g[0]!.align, 'break check;', false, NO_SINK, reads).map((l) => `${indent}      ${l}`));
    lines.push(`${indent}      ok = true;`, `${indent}    }`, `${indent}    break;`, `${indent}  }`);
  }
  lines.push(`${indent}}`);
  return lines;
}

/**
 * The header test of every walk, true when the event at `o` whose `event_len` is `n` is
 * malformed: shorter than its metadata, longer than each of `bounds`, or `vers`/`metadata_len`
 * not at their one valid value. `vers` reads the version byte at an offset (each walk in the
 * form that keeps its bytecode smallest).
 */
function headerRejects(metadata: StructSchema, bounds: readonly string[], vers: (at: number) => string, reads: ScalarReads = VIEW_READS): string {
  const len = metadata.layout.fixedEnd;
  const over = bounds.map((b) => ` || n > ${b}`).join('');
  const versAt = scalarOffset(metadata, 'vers', 'u8');
  const lenAt = scalarOffset(metadata, 'metadata_len', 'u16');
  const at = versAt & ~3;
  // Word reads test vers and metadata_len with one load where one word holds both (the kernel's
  // layout: bytes 4 and 6-7); the masked word is compared as a signed 32-bit number, as read.
  if (reads.word && (lenAt & ~3) === at && lenAt % 2 === 0) {
    const mask = ((0xff << (8 * (versAt - at))) | (0xffff << (8 * (lenAt - at)))) | 0;
    const want = ((METADATA_VERSION << (8 * (versAt - at))) | (len << (8 * (lenAt - at)))) | 0;
    return `n < ${len}${over} || (${reads.word('o', at)} & ${mask}) !== ${want}`;
  }
  return `n < ${len}${over} || ${vers(versAt)} !== ${METADATA_VERSION} || ${reads.scalar('u16', 'o', lenAt)} !== ${len}`;
}

const U8_AT = (at: number): string => `u8[o + ${at}]`;

/**
 * `_scanEvents(out, counts)`: the whole, valid events from the current position on, as
 * `nextEvent()` then `_recordTypes()` would pass them, in one loop of locals (no property
 * stores, no call per event): per event `event_len`, `pid`, the mask's low and high words and
 * the record count go to `out` (`SCAN_STRIDE` slots), and each record adds 1 to
 * `counts[info_type]` (taken back if a later record of its event fails). It stops before
 * anything else — the end, an event the stream mode stops at, a malformed event, a full `out`
 * — where the exact walk takes over with the same result or error. The cursor is left after
 * the last event passed, as if it had been walked (its metadata fields are not set).
 */
function renderScanEvents(metadata: StructSchema, groups: readonly CursorRecordSpec[][], ts: boolean): string[] {
  // Word reads where they fit (see `cursor-reads.ts`); at an event or record that does not start
  // 4-aligned the scan stops like at any other unusual event, and the exact walk takes it.
  const words: ScanForm = { name: '_scanEvents', reads: wordReads(ts), locals: ['const w = this._w;'], misaligned };
  const view: ScanForm = { name: '_scanEventsView', reads: VIEW_READS, locals: [] };
  const [head, ...body] = renderScan(metadata, groups, ts, words);
  return [head!, '    if (!this._words) return this._scanEventsView(out, counts);', ...body, ...renderScan(metadata, groups, ts, view)];
}

/** One form of the scan: its method name, reads, extra locals, and the test of a start its reads cannot serve. */
interface ScanForm {
  readonly name: string;
  readonly reads: ScalarReads;
  readonly locals: readonly string[];
  readonly misaligned?: (start: string) => string;
}

function renderScan(metadata: StructSchema, groups: readonly CursorRecordSpec[][], ts: boolean, form: ScanForm): string[] {
  const metadataLen = metadata.layout.fixedEnd;
  const { reads } = form;
  const [read, rejects] = recordLen('p', 'e', reads);
  return [
    `  ${form.name}(out${ts ? ': Int32Array' : ''}, counts${ts ? ': Float64Array' : ''})${ts ? ': number' : ''} {`,
    '    if (this._rp < this._ee) return 0;',
    '    const dv = this._dv;',
    '    const u8 = this._u8;',
    '    const le = this._le;',
    ...form.locals.map((l) => '    ' + l),
    '    const end = this._end;',
    '    const max = this._max;',
    `    const last = out.length - ${SCAN_STRIDE};`,
    '    let o = this._ee;',
    '    let prev = o;',
    '    let k = 0;',
    `    while (k <= last && end - o >= ${metadataLen}) {`,
    ...(form.misaligned ? [`      if (${form.misaligned('o')}) break;`] : []),
    `      const n = ${eventLenAt(metadata, reads)};`,
    `      if (${headerRejects(metadata, ['end - o', 'max'], U8_AT, reads)}) break;`,
    '      const e = o + n;',
    `      let p = o + ${metadataLen};`,
    '      let r = 0;',
    '      let ok = true;',
    '      while (p < e) {',
    ...scanRecord(groups, ts, form, read, rejects),
    '      }',
    '      if (!ok) {',
    `        for (let q = o + ${metadataLen}; q < p; q += ${recordLenAt('q')}) counts[u8[q]${ts ? '!' : ''}]${ts ? '!' : ''}--;`,
    '        break;',
    '      }',
    ...scanStores(metadata, reads),
    '      prev = o;',
    '      o = e;',
    '    }',
    `    const count = k / ${SCAN_STRIDE};`,
    '    if (count === 0) return 0;',
    '    this.index += count;',
    '    this._eo = prev;',
    '    this._rp = this._ee = o;',
    '    return count;',
    '  }',
  ];
}

/** The scan's step over the record at `p`: checked, counted, or `ok = false` to stop. */
function scanRecord(groups: readonly CursorRecordSpec[][], ts: boolean, form: ScanForm, read: string, rejects: string): string[] {
  return [
    ...(form.misaligned ? [`        if (${form.misaligned('p')}) {`, '          ok = false;', '          break;', '        }'] : []),
    `        ${read}`,
    `        if (${rejects}) {`,
    '          ok = false;',
    '          break;',
    '        }',
    `        const t = u8[p]${ts ? '!' : ''};`,
    '        const rend = p + len;',
    ...checkSwitch(groups, '        ', form.reads),
    '        if (!ok) break;',
    `        counts[t]${ts ? '!' : ''}++;`,
    '        r++;',
    '        p = rend;',
  ];
}

/** The `SCAN_STRIDE` slots of a passed event: event_len, pid, the mask's low and high words, the record count. */
function scanStores(metadata: StructSchema, reads: ScalarReads): string[] {
  const [lo, hi] = reads.words('u64', 'o', scalarOffset(metadata, 'mask', 'u64'));
  return [
    '      out[k] = n;',
    `      out[k + 1] = ${reads.scalar('s32', 'o', scalarOffset(metadata, 'pid', 's32'))};`,
    `      out[k + 2] = ${lo};`,
    `      out[k + 3] = ${hi};`,
    '      out[k + 4] = r;',
    `      k += ${SCAN_STRIDE};`,
  ];
}

/** The reader of each `info_type` (unknown ones: the unknown layout's). */
function renderReaderTable(groups: readonly CursorRecordSpec[][], ts: boolean, set: ReaderSet): string[] {
  const fallback = groups.findIndex((g) => g[0]!.infoType < 0);
  const lines = [`const ${set.table}${ts ? `: (${READER_TYPE})[]` : ''} = new Array(256).fill(${set.prefix}${fallback});`];
  groups.forEach((g, i) => {
    for (const spec of g) if (spec.infoType >= 0) lines.push(`${set.table}[${spec.infoType}] = ${set.prefix}${i};`);
  });
  return lines;
}

const CHECK_PARAMS = [['t', 'Int32Array'], ['b', 'number'], ...READ_PARAMS.slice(1)] as const;
/** The word-read checks' parameters: `CHECK_PARAMS`, then the words `w`. */
const WORD_CHECK_PARAMS = [...CHECK_PARAMS, ['w', 'Int32Array']] as const;

/**
 * One validating check per layout group for the views: it fills the record's slot-table row
 * (offset, len, entry id, tail offsets) instead of reading fields, and is true when the record
 * is well-formed. The entry id is the record's index in the codec's records (RecordTable's order).
 */
function renderChecks(records: readonly CursorRecordSpec[], groups: readonly CursorRecordSpec[][], ts: boolean): string[] {
  const unknownId = records.findIndex((r) => r.infoType < 0);
  const lines = [`const ENTRY_IDS = new Uint16Array(256).fill(${unknownId});`];
  records.forEach((spec, i) => {
    if (spec.infoType >= 0) lines.push(`ENTRY_IDS[${spec.infoType}] = ${i};`);
  });
  const forms = [['check_', CHECK_PARAMS, VIEW_READS], ['wcheck_', WORD_CHECK_PARAMS, wordReads(ts)]] as const;
  for (const [prefix, params, reads] of forms) {
    groups.forEach((group, i) => {
      lines.push(`function ${prefix}${i}${sig(ts, params, 'boolean')} {`);
      lines.push(...checkBody(group[0]!.struct, group[0]!.align, 'return false;', false, SLOT_SINK, reads).map((l) => '  ' + l));
      lines.push(`  t[b + ${SLOT_OFFSET}] = o; t[b + ${SLOT_LEN}] = end - o; t[b + ${SLOT_ENTRY}] = ENTRY_IDS[u8[o]${ts ? '!' : ''}]${ts ? '!' : ''};`, '  return true;', '}');
    });
  }
  return lines;
}

/**
 * The cases of a `switch (info_type)` setting `ok` to each layout's check of the record, called
 * with `args`. Direct calls, which V8 inlines into the walk; a call through a table of the
 * checks stayed an indirect call per record (about 4% of the corpus walk).
 */
function checkCalls(groups: readonly CursorRecordSpec[][], indent: string, args: string, prefix = 'check_'): string[] {
  return groups.flatMap((g, i) => [`${indent}${g.map(caseLabel).join(' ')}`, `${indent}  ok = ${prefix}${i}(${args});`, `${indent}  break;`]);
}

/**
 * The views' framing: validates the event at `o` completely, as `validateEvent` does, leaving
 * its records' rows in `s`; returns `event_len`, or -1 when the event is malformed (the
 * validator then says why). Each layout's check is called directly (see `checkCalls`), so V8
 * inlines them into the framing, and the framing into the event iterator. `frame` reads words
 * (`cursor-reads.ts`); without them, or at an event or record that does not start 4-aligned,
 * `frameView` frames the event with DataView reads.
 */
function renderFrame(metadata: StructSchema, groups: readonly CursorRecordSpec[][], ts: boolean): string[] {
  const params = [['dv', 'DataView'], ['u8', 'Uint8Array'], ['o', 'number'], ['end', 'number'], ['le', 'boolean'], ['s', 'SlotSink']] as const;
  const fallback = 'return frameView(dv, u8, o, end, le, s);';
  const wordCases = checkCalls(groups, '      ', 's.table, b, dv, u8, p, p + len, le, w', 'wcheck_');
  return [
    `function frame${sig(ts, [...params, ['w', 'Int32Array | undefined']], 'number')} {`,
    `  if (w === undefined || ${misaligned('o')}) ${fallback}`,
    ...frameBody(metadata, wordReads(ts), wordCases, [`    if (${misaligned('p')}) ${fallback}`]),
    `function frameView${sig(ts, params, 'number')} {`,
    ...frameBody(metadata, VIEW_READS, checkCalls(groups, '      ', 's.table, b, dv, u8, p, p + len, le'), []),
  ];
}

/** A framing's body after its parameters: `reads` and `cases` (the checks' calls), `atRecord` first in each record's step. */
function frameBody(metadata: StructSchema, reads: ScalarReads, cases: readonly string[], atRecord: readonly string[]): string[] {
  const metadataLen = metadata.layout.fixedEnd;
  const [read, rejects] = recordLen('p', 'e', reads);
  return [
    `  const n = end - o < ${metadataLen} ? 0 : ${eventLenAt(metadata, reads)};`,
    `  if (${headerRejects(metadata, ['end - o'], U8_AT, reads)}) return -1;`,
    '  const e = o + n;',
    `  let p = o + ${metadataLen};`,
    '  let j = 0;',
    '  while (p < e) {',
    ...atRecord,
    `    ${read}`,
    `    if (${rejects}) return -1;`,
    '    const b = s.base(j++);',
    '    let ok = false;',
    `    switch (u8[p]) {`,
    ...cases,
    '    }',
    '    if (!ok) return -1;',
    '    p += len;',
    '  }',
    '  s.count = j;',
    '  return n;',
    '}',
  ];
}

/** What field `f` reads like, so record types whose fields read alike share one getter body. @internal */
export function shapeOf(f: FieldLayout): string {
  const field = f.field;
  if (field.kind === 'scalar') return `${field.scalar}@${f.offset}`;
  if (field.kind === 'array') return `${field.element.scalar}x${field.count}@${f.offset}`;
  return `tail${f.tailIndex}`;
}

/**
 * The block returning field `f`'s view value: bigints for 64-bit fields, subarrays for byte
 * fields (the general form, for a name record types declare differently or a long array).
 */
function viewValue(f: FieldLayout, ts: boolean): string {
  const field = f.field;
  const get = (kind: ScalarKind, at: number, dv: string, o: string, le: string): string => (kind === 'u8' || kind === 's8' ? `${dv}.${GET[kind]}(${plus(o, at)})` : `${dv}.${GET[kind]}(${plus(o, at)}, ${le})`);
  if (field.kind === 'scalar') return `return ${get(field.scalar, f.offset!, 'this._dv', 'this._o', 'this._le')};`;
  if (field.kind === 'array') {
    const items = Array.from({ length: field.count }, (_, i) => get(field.element.scalar, f.offset! + i * field.element.size, 'dv', 'o', 'le'));
    return `{ const dv = this._dv; const o = this._o; const le = this._le; return [${items.join(', ')}]; }`;
  }
  const bang = ts ? '!' : '';
  return `{ const t = this._t; const b = this._tb + ${2 * f.tailIndex}; const s = t[b]${bang}; return this._u8.subarray(s, s + t[b + 1]${bang}); }`;
}

/** The condition that entry id `e` is one of `ids` (a bit mask while ids are small). */
function entryTest(ids: readonly number[], total: number): string {
  if (total <= 31) return `((${ids.reduce((m, i) => m | (1 << i), 0)} >>> this._e) & 1) !== 0`;
  return ids.map((i) => `this._e === ${i}`).join(' || ');
}

/** A field the views hold as a plain number, read when the view is pointed: a scalar of 32 bits or fewer. */
function isEager(f: FieldLayout): boolean {
  return f.field.kind === 'scalar' && !is64(f.field.scalar);
}

/**
 * How a getter reads a field that every record type having it declares alike, in one call on
 * per-view state: a byte field as `source.subarray(begin, length)`, a 64-bit scalar as
 * `source.getBig…64(at, le)`, a pair of small scalars as `source(first, second)`. The source
 * is the buffer's `ByteSource`, the view's `DataView` or `Array` on the record types with the
 * field, and `ABSENT` or `NO_PAIR` (every read `undefined`) on the others, set once per view by
 * `_bindSources(bytes)`; `_at()` stores the offsets (a byte field's `begin` counted from the
 * start of the buffer: the source's `base` plus its offset in the decoded bytes). Such a getter
 * is 22-27 bytes of bytecode, within V8's "small function" size (27, counting what its own
 * optimized code inlined), which TurboFan inlines into the consumer whatever its inlining budget
 * has left (the entry test of the general form made getters of 50-94 bytes, and a consumer
 * reading every field ran out of budget before `f_handle` and `fsid`); `ByteSource.subarray` is
 * 26 bytes, so it is inlined into the getter in turn.
 */
type Direct = 'bytes' | 'u64' | 's64' | 'pair';

function directKind(f: FieldLayout): Direct | undefined {
  const field = f.field;
  if (field.kind === 'bytes' || field.kind === 'cstring' || field.kind === 'rest') return 'bytes';
  if (field.kind === 'scalar') return field.scalar === 'u64' || field.scalar === 's64' ? field.scalar : undefined;
  if (field.kind === 'array' && field.count === 2 && !is64(field.element.scalar)) return 'pair';
  return undefined;
}

/** The per-view state of a direct field `name`: the source, then what `_at()` stores. */
function directProps(name: string, kind: Direct): string[] {
  if (kind === 'bytes') return [`_src$${name}`, `_beg$${name}`, `_len$${name}`];
  if (kind === 'pair') return [`_src$${name}`, `_p0$${name}`, `_p1$${name}`];
  return [`_src$${name}`, `_at$${name}`];
}

/** The type of a direct field's source, in the build-time module. */
const SOURCE_TYPE: Record<Direct, string> = {
  bytes: '{ readonly base: number; subarray(begin: number, length: number): unknown }',
  pair: '(first: number, second: number) => unknown',
  u64: '{ getBigUint64(at: number, le: boolean): unknown }',
  s64: '{ getBigInt64(at: number, le: boolean): unknown }',
};

function directGetter(name: string, kind: Direct): string {
  const [src, a, b] = directProps(name, kind);
  if (kind === 'bytes') return `return this.${src}.subarray(this.${a}, this.${b});`;
  if (kind === 'pair') return `return this.${src}(this.${a}, this.${b});`;
  return `return this.${src}.${scalarAccess[kind][0]}(this.${a}, this._le);`;
}

/** `_at()`'s stores of direct field `f` (in a case with `dv`, `o`, `le`, `t`, `tb` in scope). */
function directStores(f: FieldLayout, kind: Direct, ts: boolean): string[] {
  const [src, a, b] = directProps(f.name, kind);
  const bang = ts ? '!' : '';
  if (kind === 'bytes') return [`this.${a} = this.${src}.base + t[tb + ${2 * f.tailIndex}]${bang};`, `this.${b} = t[tb + ${2 * f.tailIndex + 1}]${bang};`];
  if (kind === 'pair') {
    const el = (f.field as { element: { scalar: ScalarKind; size: number } }).element;
    return [`this.${a} = ${VIEW_READS.scalar(el.scalar, 'o', f.offset!)};`, `this.${b} = ${VIEW_READS.scalar(el.scalar, 'o', f.offset! + el.size)};`];
  }
  return [`this.${a} = ${plus('o', f.offset!)};`];
}

/** Every record type having field name `name`, and how they declare it. */
type Shapes = Map<string, { f: FieldLayout; ids: number[] }>;

/** The direct kind of a field name, when every record type having it declares it alike. */
function directOf(shapes: Shapes): Direct | undefined {
  return shapes.size === 1 ? directKind([...shapes.values()][0]!.f) : undefined;
}

/**
 * Properties a view may spend on direct fields. A fresh view is one object per record: this
 * caps its growth (9 properties, 72 bytes: the kernel's `fsid`, `f_handle` and `name`).
 */
const DIRECT_PROPS = 9;

/**
 * The direct fields of a view class: the names most record types share first (the kernel's
 * handles and names), while their state fits `DIRECT_PROPS`; the others keep the entry test.
 */
function directFieldsOf(byName: ReadonlyMap<string, Shapes>): Map<string, Direct> {
  const direct = new Map<string, Direct>();
  const shared = (shapes: Shapes): number => [...shapes.values()][0]!.ids.length;
  let props = 0;
  for (const [name, shapes] of [...byName].sort((a, b) => shared(b[1]) - shared(a[1]))) {
    const kind = directOf(shapes);
    if (!kind || props + directProps(name, kind).length > DIRECT_PROPS) continue;
    direct.set(name, kind);
    props += directProps(name, kind).length;
  }
  return direct;
}

/**
 * `_at(t, row)`: points the view at the record of slot-table row `t[row…]` (as the base class's
 * `_at` does), then reads its eager fields and the offsets of its direct fields, one case per
 * layout. A record type never writes another's fields, so on a view they stay `undefined`.
 */
function renderFill(records: readonly CursorRecordSpec[], eager: ReadonlySet<string>, direct: ReadonlyMap<string, Direct>, ts: boolean): string[] {
  const bang = ts ? '!' : '';
  const lines = [
    `  ${ts ? 'override ' : ''}_at${sig(ts, [['t', 'Int32Array'], ['row', 'number']], 'void')} {`,
    `    const o = t[row + ${SLOT_OFFSET}]${bang};`,
    '    this._o = o;',
    `    this._end = o + t[row + ${SLOT_LEN}]${bang};`,
    '    this._t = t;',
    `    const tb = row + ${SLOT_TAIL};`,
    '    this._tb = tb;',
    '    const dv = this._dv;',
    '    const le = this._le;',
    '    switch (this._e) {',
  ];
  const layouts = new Map<StructSchema, number[]>();
  records.forEach((spec, id) => layouts.set(spec.struct, [...(layouts.get(spec.struct) ?? []), id]));
  for (const [struct, ids] of layouts) {
    const stores: string[] = [];
    for (const f of struct.layout.fields) {
      if (eager.has(f.name)) stores.push(`this.${f.name} = ${VIEW_READS.scalar((f.field as { scalar: ScalarKind }).scalar, 'o', f.offset!)};`);
      const kind = direct.get(f.name);
      if (kind) stores.push(...directStores(f, kind, ts));
    }
    lines.push(`      ${ids.map((id) => `case ${id}:`).join(' ')}`, ...stores.map((l) => '        ' + l), '        break;');
  }
  lines.push('    }', '  }');
  return lines;
}

/** `_bindSources()`: each direct field's source for the view's record type (its entry `_e`), once per view. */
function renderBindSources(records: readonly CursorRecordSpec[], byName: ReadonlyMap<string, Shapes>, direct: ReadonlyMap<string, Direct>, ts: boolean): string[] {
  const lines = [`  ${ts ? 'override ' : ''}_bindSources(bytes${ts ? `: ${SOURCE_TYPE.bytes}` : ''})${ts ? ': void' : ''} {`];
  for (const [name, kind] of direct) {
    const ids = [...byName.get(name)!.values()][0]!.ids;
    const real = kind === 'bytes' ? 'bytes' : kind === 'pair' ? 'PAIR' : 'this._dv';
    lines.push(`    this._src$${name} = ${entryTest(ids, records.length)} ? ${real} : ${kind === 'pair' ? 'NO_PAIR' : 'ABSENT'};`);
  }
  lines.push('  }');
  return lines;
}

/** The class fields of the direct fields' state, typed for the build-time module. */
function directFields(name: string, kind: Direct, ts: boolean): string[] {
  const [src, ...rest] = directProps(name, kind);
  return [`  ${src}${ts ? `: ${SOURCE_TYPE[kind]}` : ''} = ${kind === 'pair' ? 'NO_PAIR' : 'ABSENT'};`, ...rest.map((p) => `  ${p} = 0;`)];
}

/**
 * The views' record class: one for every record type of the codec (see `record-view.ts`). The
 * 32-bit-or-smaller scalars are data properties `_at()` sets, so a consumer's loads need no
 * getter inlined; 64-bit fields (bigints), arrays and byte fields (subarrays) are getters, made
 * only when read (see `Direct` for their form). A record without a field reads `undefined`.
 */
function renderRecordView(records: readonly CursorRecordSpec[], ts: boolean): string[] {
  const byName = new Map<string, Shapes>();
  records.forEach((spec, id) => {
    for (const f of spec.struct.layout.fields) {
      const shapes: Shapes = byName.get(f.name) ?? new Map();
      byName.set(f.name, shapes);
      const shape = shapes.get(shapeOf(f)) ?? { f, ids: [] };
      shapes.set(shapeOf(f), shape);
      shape.ids.push(id);
    }
  });
  // A name is eager only where every record type that has it holds a small scalar there.
  const eager = new Set([...byName].filter(([, shapes]) => [...shapes.values()].every((sh) => isEager(sh.f))).map(([name]) => name));
  const direct = directFieldsOf(byName);
  const lines = ['const ABSENT = deps.RecordViewImpl.ABSENT;', 'const PAIR = deps.RecordViewImpl.PAIR;', 'const NO_PAIR = deps.RecordViewImpl.NO_PAIR;', 'class View extends deps.RecordViewImpl {'];
  for (const name of eager) lines.push(`  ${name}${ts ? ': number | undefined' : ''} = undefined;`);
  for (const [name, kind] of direct) lines.push(...directFields(name, kind, ts));
  lines.push(...renderFill(records, eager, direct, ts), ...renderBindSources(records, byName, direct, ts));
  for (const [name, shapes] of byName) {
    if (eager.has(name)) continue;
    lines.push(`  get ${name}()${ts ? ': unknown' : ''} {`);
    const kind = direct.get(name);
    if (kind) {
      lines.push(`    ${directGetter(name, kind)}`, '  }');
      continue;
    }
    for (const { f, ids } of shapes.values()) {
      const value = viewValue(f, ts);
      lines.push(ids.length === records.length ? `    ${value}` : `    if (${entryTest(ids, records.length)}) ${value}`);
    }
    if (![...shapes.values()].some((sh) => sh.ids.length === records.length)) lines.push('    return undefined;');
    lines.push('  }');
  }
  lines.push('}');
  return lines;
}

/** The `type` of each `info_type` (unknown ones: 'unknown'). */
function renderTypeTable(records: readonly CursorRecordSpec[], ts: boolean): string[] {
  const lines = [`const TYPES${ts ? ': string[]' : ''} = new Array(256).fill('unknown');`];
  for (const spec of records) if (spec.infoType >= 0) lines.push(`TYPES[${spec.infoType}] = ${JSON.stringify(spec.type)};`);
  return lines;
}

// nextEvent reads words; an event that does not start 4-aligned, or a stream that word reads
// do not fit (see `cursor-reads.ts`), goes to `_nextEventView`, the same walk with view reads.
function renderNextEvent(metadata: StructSchema, ts: boolean): string[] {
  const words = wordReads(ts);
  return [
    `  nextEvent()${ts ? ': boolean' : ''} {`,
    '    if (this._rp < this._ee) this._drain();',
    '    const o = this._ee;',
    '    const end = this._end;',
    '    if (o >= end) return false;',
    `    if (!this._words || ${misaligned('o')}) return this._nextEventView();`,
    '    const dv = this._dv;',
    '    const u8 = this._u8;',
    '    const w = this._w;',
    ...eventBody(metadata, words, (at) => `u8[o + ${at}]`),
    `  _nextEventView()${ts ? ': boolean' : ''} {`,
    '    const o = this._ee;',
    '    const end = this._end;',
    '    const dv = this._dv;',
    '    const le = this._le;',
    ...eventBody(metadata, VIEW_READS, (at) => `dv.getUint8(o + ${at})`),
  ];
}

/**
 * The event header at `o` (the buffer ends at `end`) as a walk reads it into `target`: `read`
 * sets `left` and `n` (`event_len`, 0 when the header does not fit), `rejects` is true for a
 * malformed header, `stores` set the metadata fields, `index` and the event's bounds
 * (`byteOffset`, `byteLength` are getters over them), as `nextEvent()` leaves them except for
 * the next record's position `_rp`.
 *
 * @internal
 */
export function eventHeader(metadata: StructSchema, reads: ScalarReads, vers: (at: number) => string, target: string): { read: string[]; rejects: string; stores: string[] } {
  const metadataLen = metadata.layout.fixedEnd;
  // The header test has read event_len (n) and found vers and metadata_len at their only valid
  // values: storing those, not reading them again, keeps nextEvent's bytecode under V8's
  // inlining limit (460 bytes), so a caller's walk (`stats`) inlines it instead of calling it.
  const known = new Map([['event_len', 'n'], ['vers', `${METADATA_VERSION}`], ['metadata_len', `${metadataLen}`]]);
  return {
    read: ['const left = end - o;', `const n = left < ${metadataLen} ? 0 : ${eventLenAt(metadata, reads)};`],
    rejects: headerRejects(metadata, ['left'], vers, reads),
    stores: [
      ...fixedStores(metadata, target, 'o', false, known, reads, NONE),
      `${target}.index++;`,
      `${target}._eo = o;`,
      `${target}._ee = o + n;`,
    ],
  };
}

/** The rest of a `nextEvent` walk, with `o`, `end` and what `reads` uses in scope. */
function eventBody(metadata: StructSchema, reads: ScalarReads, vers: (at: number) => string): string[] {
  const metadataLen = metadata.layout.fixedEnd;
  const header = eventHeader(metadata, reads, vers, 'this');
  return [
    ...header.read.map((l) => '    ' + l),
    // In stream mode a cut-off event or one longer than `_max` ends the walk (`_ee` stays at
    // it). Tested on every event, so its comparisons have type feedback when V8 optimizes the
    // walk, which then does not deoptimize where the first chunk ends.
    `    if (this._stream && (n > left || n > this._max || left < ${metadataLen})) return false;`,
    `    if (${header.rejects}) return this._fail(o, this.index + 1);`,
    ...header.stores.map((l) => '    ' + l),
    `    this._rp = o + ${metadataLen};`,
    '    return true;',
    '  }',
  ];
}

function renderRecordObject(records: readonly CursorRecordSpec[], builders: readonly string[], ts: boolean): string[] {
  const lines = [`  _object(copy${ts ? ': boolean' : ''})${ts ? ': Record<string, unknown>' : ''} {`, '    switch (this.info_type) {'];
  records.forEach((spec, i) => lines.push(`      ${caseLabel(spec)} return ${builders[i]}(this, this._dv, this._u8, this._le, copy);`));
  lines.push('    }', '  }');
  return lines;
}

/** The event's plain object: the metadata fields in struct order, then `info`. */
function renderEventObject(metadata: StructSchema, ts: boolean): string[] {
  const props = metadata.layout.fields.map((f) => `      ${f.name}: ${objectValue(f, EVENT_OBJECT, 'this')},`);
  return [
    `  _eventObject(info${ts ? ': unknown[]' : ''})${ts ? ': Record<string, unknown>' : ''} {`,
    '    const dv = this._dv;',
    '    const le = this._le;',
    '    const o = this.byteOffset;',
    '    return {',
    ...props,
    '      info,',
    '    };',
    '  }',
  ];
}

/** The owner name of the event object's bigint slots. */
const EVENT_OBJECT = 'event';

/**
 * The body of a factory `(deps) => CursorClass`: straight-line readers and object builders per
 * record layout, the record class, and the cursor class.
 *
 * @internal
 */
export function renderCursorBody(metadata: StructSchema, records: readonly CursorRecordSpec[], options: CursorSourceOptions): string {
  const { ts, tag } = options;
  const builders = records.map((_, i) => `object_${i}`);
  const metadataFields = metadata.layout.fields.flatMap((f) => cursorInits(f, NONE));
  const groups = groupsOf(records);
  const stored = storedNumbers(records.map((r) => r.struct));
  const lines = [`// ${tag}`, ...renderTypeTable(records, ts)];
  for (const set of [VIEW_READERS, WORD_READERS]) lines.push(...renderReaders(groups, ts, set, stored), ...renderReaderTable(groups, ts, set));
  lines.push(...renderChecks(records, groups, ts), ...renderFrame(metadata, groups, ts), ...renderCopyOf(ts), 'const reusedBigint = deps.reusedBigint;', ...bigintSlots(metadata, EVENT_OBJECT));
  records.forEach((spec, i) => lines.push(...renderObjectBuilder(spec, builders[i]!, ts)));
  lines.push(...renderRecordClass(records, stored, ts), ...renderRecordObject(records, builders, ts), '}', ...renderRecordView(records, ts));
  lines.push(
    'class Cursor extends deps.CursorBase {',
    '  static frame = frame;',
    '  static View = View;',
    ...metadataFields.map(([n, v]) => `  ${n} = ${v};`),
    `  record${ts ? ': Rec' : ''} = new Rec();`,
    ...wideGetters(gotNumbers([metadata], NONE), ts),
    ...renderNextEvent(metadata, ts),
    ...renderNextRecord(ts),
    ...renderRecordTypes(groups, ts),
    ...renderScanEvents(metadata, groups, ts),
    ...renderEventObject(metadata, ts),
    '}',
    'return Cursor;',
  );
  return lines.join('\n');
}
