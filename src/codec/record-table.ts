/**
 * The records a codec knows, compiled once: lookup by `info_type` for decoding and by `type`
 * for encoding, plus the fallback for unknown types.
 *
 * @packageDocumentation
 */
import { infoTypes } from '../../spec/constants/info-types.js';
import { unknownRecordStruct } from '../../spec/records.js';
import type { CompiledStruct, JsonObject } from '../schema/compile.js';
import { compileCodecStruct } from './structs.js';
import type { StructViewBase } from '../schema/view-base.js';
import type { AnyRecordSchema } from './types.js';

/** One record type, compiled. @internal */
export interface RecordEntry {
  /** Index in `RecordTable.entries` (kept in the slot table of validated events). */
  readonly id: number;
  /** `record.type`. */
  readonly type: string;
  /** `info_type`, or -1 for the unknown-record fallback. */
  readonly infoType: number;
  /** Constant name for JSON and pretty output. */
  readonly constantName: string;
  /** `len` is the content rounded up to this. */
  readonly align: number;
  /** The compiled layout. */
  readonly compiled: CompiledStruct;
  /** View class (getters + record members). */
  readonly View: new () => StructViewBase;
  /** Points a view of this entry's class at a validated record. */
  readonly point: (view: StructViewBase, dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean, slots: Int32Array, base: number) => void;
}

const INFO_TYPE_NAMES = new Map<number, string>(Object.entries(infoTypes.entries).map(([name, spec]) => [spec.value, name]));

/** Name of an info type for display: the kernel constant, or `'unknown(N)'`. @public */
export function infoTypeName(infoType: number): string {
  return INFO_TYPE_NAMES.get(infoType) ?? `unknown(${infoType})`;
}

/** The JSON form of a record view. */
function jsonOf(view: StructViewBase, entry: RecordEntry, name: string): JsonObject {
  const out: JsonObject = { info_type: (view as unknown as { info_type: number }).info_type, info_type_name: name };
  return entry.compiled.toJSON(view, out);
}

function nameOf(view: StructViewBase, entry: RecordEntry): string {
  return entry.infoType < 0 ? infoTypeName((view as unknown as { info_type: number }).info_type) : entry.constantName;
}

function makeEntry(id: number, type: string, infoType: number, constantName: string, align: number, compiled: CompiledStruct): RecordEntry {
  const Base = compiled.View;
  let self: RecordEntry;
  class RecordViewClass extends Base {
    get infoTypeName(): string {
      return nameOf(this, self);
    }
    toObject(copyBytes = true): unknown {
      return compiled.toObject(this, copyBytes, type);
    }
    toJSON(): JsonObject {
      return jsonOf(this, self, this.infoTypeName);
    }
  }
  // `type` is a constant of the class, so it lives on the prototype as a plain value.
  Object.defineProperty(RecordViewClass.prototype, 'type', { value: type, enumerable: true });
  Object.defineProperty(RecordViewClass, 'name', { value: `${type}_record_view` });
  self = { id, type, infoType, constantName, align, compiled, View: RecordViewClass, point: compiled.point };
  return self;
}

/** Compiled lookup tables of a codec. @internal */
export class RecordTable {
  /** Entries by `info_type` (sparse). */
  readonly byInfoType: (RecordEntry | undefined)[] = new Array<RecordEntry | undefined>(256).fill(undefined);
  /** Entries by `type`. */
  readonly byType = new Map<string, RecordEntry>();
  /** Fallback for `info_type`s nobody declared. */
  readonly unknown: RecordEntry;
  /** Every entry, by id. */
  readonly entries: RecordEntry[] = [];
  /** Ints per record in a validated event's slot table (3 + the most tail slots any record needs). */
  readonly stride: number;

  constructor(records: readonly AnyRecordSchema[]) {
    const compiledByStruct = new Map<object, CompiledStruct>();
    for (const r of records) {
      if (this.byInfoType[r.infoType]) throw new TypeError(`two record schemas for info_type ${r.infoType}: '${this.byInfoType[r.infoType]!.type}' and '${r.type}'`);
      if (this.byType.has(r.type)) throw new TypeError(`two record schemas with type '${r.type}'`);
      let compiled = compiledByStruct.get(r.struct);
      if (!compiled) compiledByStruct.set(r.struct, (compiled = compileCodecStruct(r.struct)));
      const entry = makeEntry(this.entries.length, r.type, r.infoType, r.constantName, r.align, compiled);
      this.entries.push(entry);
      this.byInfoType[r.infoType] = entry;
      this.byType.set(r.type, entry);
    }
    this.unknown = makeEntry(this.entries.length, 'unknown', -1, 'unknown', 1, compileCodecStruct(unknownRecordStruct));
    this.entries.push(this.unknown);
    this.byType.set('unknown', this.unknown);
    this.stride = 3 + Math.max(...this.entries.map((e) => e.compiled.tailSlots));
  }

  /** The entry that decodes `infoType`. */
  entryFor(infoType: number): RecordEntry {
    return this.byInfoType[infoType] ?? this.unknown;
  }
}
