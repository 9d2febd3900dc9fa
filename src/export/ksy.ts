/**
 * Kaitai Struct export: the event stream as a `.ksy` description, built from the same schemas
 * the codec compiles (spec/ for the kernel's records, or a user's `infoRecord`s), so any of
 * Kaitai's target languages gets a decoder that frames and dispatches exactly as this one.
 *
 * @packageDocumentation
 */
import { fanotify_event_metadata } from '../../spec/structs/event-metadata.js';
import { fanotify_event_info_header } from '../../spec/structs/info-header.js';
import { kernelRecords } from '../../spec/records.js';
import type { ByteOrder } from '../codec/byte-order.js';
import type { AnyRecordSchema } from '../codec/types.js';
import { rejectUnknownOptions } from '../fanotify-codec-error.js';
import type { Field } from '../schema/fields.js';
import type { ScalarKind } from '../schema/scalar.js';
import type { FieldLayout, StructSchema } from '../schema/struct.js';
import { FanotifySchemaExportError } from './errors.js';
import { toYaml, type YamlValue } from './yaml.js';

/** Options of {@link ksyDocument} and {@link exportKsy}. @public */
export interface KsyExportOptions {
  /** The record types to describe (default: every kernel record type). Others decode as raw bytes. */
  readonly records?: readonly AnyRecordSchema[];
  /** `meta/id` of the document, which names the generated parser class (default `fanotify_events`). */
  readonly id?: string;
  /**
   * Byte order: `'little'` or `'big'` fixes it; `'param'` (default) makes it a parameter of the
   * root type (`is_le`), so one parser reads streams of either order.
   */
  readonly byteOrder?: ByteOrder | 'param';
}

/** A `.ksy` document as plain data (what a YAML parser returns for the emitted text). @public */
export type KsyDocument = { readonly [key: string]: unknown };

type KsyAttr = { [key: string]: YamlValue };
type KsyType = { [key: string]: YamlValue };

const KSY_TYPES: Readonly<Record<ScalarKind, string>> = { u8: 'u1', u16: 'u2', u32: 'u4', u64: 'u8', s8: 's1', s16: 's2', s32: 's4', s64: 's8' };
const IDENTIFIER = /^[a-z][a-z0-9_]*$/;
// Record body types append a `padding` member; a field called so would clash.
const RESERVED_IDS = new Set(['padding']);

function checkId(id: string, path: string): string {
  if (!IDENTIFIER.test(id)) throw new FanotifySchemaExportError('BAD_IDENTIFIER', path, `'${id}' is not a Kaitai identifier ([a-z][a-z0-9_]*)`);
  return id;
}

function withDoc(attr: KsyAttr, doc: string | undefined): KsyAttr {
  return doc === undefined ? attr : { ...attr, doc };
}

/** The Kaitai attribute of one field (its size or terminator says how it is framed). */
function fieldAttr(name: string, field: Field, path: string): KsyAttr {
  const id = checkId(name, path);
  switch (field.kind) {
    case 'scalar':
      return withDoc({ id, type: KSY_TYPES[field.scalar] }, field.doc);
    case 'array':
      return withDoc({ id, type: KSY_TYPES[field.element.scalar], repeat: 'expr', 'repeat-expr': field.count }, field.doc);
    case 'bytes':
      return withDoc({ id, size: checkId(field.lengthField, path) }, field.doc);
    case 'cstring':
      // Bytes, not `strz`: Linux names need not be valid in any encoding.
      return withDoc({ id, terminator: 0 }, field.doc);
    case 'rest':
      return withDoc({ id, 'size-eos': true }, field.doc);
  }
}

/** The implicit C padding before a fixed field, as an explicit skipped run of bytes. */
function holeBefore(previousEnd: number, layout: FieldLayout): KsyAttr[] {
  if (layout.offset === undefined || layout.offset <= previousEnd) return [];
  return [{ id: `hole_${previousEnd}`, size: layout.offset - previousEnd, doc: 'Implicit C alignment padding (zero).' }];
}

/** Attributes of `schema`'s fields from `skip` on (its header is read by the enclosing type). */
function structSeq(schema: StructSchema, skip: number): KsyAttr[] {
  const seq: KsyAttr[] = [];
  let end = skip === 0 ? 0 : (schema.layout.fields[skip - 1]!.offset ?? 0) + sizeOf(schema.layout.fields[skip - 1]!.field);
  for (const layout of schema.layout.fields.slice(skip)) {
    const path = `${schema.name}.${layout.name}`;
    if (RESERVED_IDS.has(layout.name)) throw new FanotifySchemaExportError('BAD_IDENTIFIER', path, `'${layout.name}' is reserved by the exported description`);
    seq.push(...holeBefore(end, layout), fieldAttr(layout.name, layout.field, path));
    if (layout.offset !== undefined) end = layout.offset + sizeOf(layout.field);
  }
  return seq;
}

function sizeOf(field: Field): number {
  return field.kind === 'scalar' || field.kind === 'array' ? field.size : 0;
}

/** A record body: the fields after the info header, then the zero padding up to `len`. */
function recordBodyType(record: AnyRecordSchema, header: StructSchema): KsyType {
  const seq = structSeq(record.struct, header.layout.fields.length);
  const hasRest = record.struct.layout.fields.some((f) => f.field.kind === 'rest');
  // `len` is the content rounded up to the record's alignment: whatever follows the fields is padding.
  if (!hasRest) seq.push({ id: 'padding', 'size-eos': true, doc: `Zero padding up to len (a multiple of ${record.align}).` });
  return withDoc({ seq }, record.struct.doc);
}

function typeIdOf(schema: StructSchema, taken: Set<string>): string {
  const base = schema.name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  let id = /^[a-z]/.test(base) ? base : `t_${base}`;
  for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
  taken.add(id);
  return id;
}

/** One body type per distinct struct (DFID_NAME, OLD_ and NEW_DFID_NAME share theirs), keyed by info_type. */
function recordTypes(records: readonly AnyRecordSchema[]): { types: Record<string, KsyType>; cases: Record<string, string> } {
  const types: Record<string, KsyType> = {};
  const cases: Record<string, string> = {};
  const ids = new Map<StructSchema, string>();
  const taken = new Set(['event', 'info_records', 'info_record']);
  for (const record of records) {
    if (cases[record.infoType] !== undefined) throw new FanotifySchemaExportError('DUPLICATE_INFO_TYPE', record.struct.name, `info_type ${record.infoType} is declared twice`);
    let id = ids.get(record.struct);
    if (id === undefined) {
      id = typeIdOf(record.struct, taken);
      ids.set(record.struct, id);
      types[id] = recordBodyType(record, fanotify_event_info_header);
    }
    cases[record.infoType] = id;
  }
  return { types, cases };
}

function infoRecordType(cases: Record<string, string>): KsyType {
  const header = fanotify_event_info_header;
  return withDoc(
    {
      seq: [
        ...structSeq(header, 0),
        {
          id: 'body',
          size: `len - ${header.layout.sizeof}`,
          // No default case: a type this description does not know stays raw bytes, as in the codec.
          type: { 'switch-on': 'info_type', cases },
          doc: 'The record after its header, dispatched on info_type; unknown types are raw bytes.',
        },
      ],
    },
    header.doc,
  );
}

function eventType(): KsyType {
  const metadata = fanotify_event_metadata;
  return withDoc(
    {
      seq: [
        ...structSeq(metadata, 0),
        { id: 'info', size: `event_len - ${metadata.layout.sizeof}`, type: 'info_records', doc: 'The info records up to event_len.' },
      ],
    },
    metadata.doc,
  );
}

function meta(id: string, byteOrder: ByteOrder | 'param'): KsyAttr {
  const endian: YamlValue = byteOrder === 'param' ? { 'switch-on': 'is_le', cases: { true: 'le', false: 'be' } } : byteOrder === 'little' ? 'le' : 'be';
  return { id, title: 'Linux fanotify event stream (what read() on a fanotify fd returns)', license: 'MIT', endian };
}

/**
 * The `.ksy` description of the event stream as plain data: metadata, the info-header switch on
 * `info_type`, one type per record layout (file handles sized by `handle_bytes`, NUL-terminated
 * names as bytes, explicit implicit padding, trailing zero padding), unknown types as raw bytes.
 *
 * @throws {@link FanotifySchemaExportError} when a schema cannot be expressed in Kaitai.
 * @public
 */
export function ksyDocument(options: KsyExportOptions = {}): KsyDocument {
  rejectUnknownOptions('ksyDocument', options, KSY_OPTIONS);
  return buildDocument(options);
}

const KSY_OPTIONS = ['records', 'id', 'byteOrder'] satisfies (keyof KsyExportOptions)[];

function buildDocument(options: KsyExportOptions): KsyAttr {
  const byteOrder = options.byteOrder ?? 'param';
  const { types, cases } = recordTypes(options.records ?? kernelRecords);
  const root: KsyAttr = {
    meta: meta(checkId(options.id ?? 'fanotify_events', 'meta.id'), byteOrder),
    doc: 'Events back to back, each framed by event_len; info records framed by len (see fanotify-codec README, Wire format).',
  };
  if (byteOrder === 'param') root['params'] = [{ id: 'is_le', type: 'bool', doc: 'true: little-endian stream (x86, arm64); false: big-endian (s390x, ppc64).' }];
  root['seq'] = [{ id: 'events', type: 'event', repeat: 'eos' }];
  root['types'] = { event: eventType(), info_records: { seq: [{ id: 'records', type: 'info_record', repeat: 'eos' }] }, info_record: infoRecordType(cases), ...types };
  return root;
}

/**
 * The `.ksy` text of {@link ksyDocument}, with a header comment naming its source.
 *
 * @example
 * ```ts
 * fs.writeFileSync('fanotify_events.ksy', exportKsy({ records: [...kernelRecords, locationRecord] }));
 * ```
 * @public
 */
export function exportKsy(options: KsyExportOptions = {}): string {
  return toYaml(buildDocument(options), 'Generated by `fanotify-codec export ksy` from the package\'s schemas (spec/). Do not edit.');
}
