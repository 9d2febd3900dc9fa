/**
 * The records a codec knows, compiled once: lookup by `info_type` for decoding and by `type`
 * for encoding, plus the fallback for unknown types.
 *
 * @packageDocumentation
 */
import { infoTypes } from '../../spec/constants/info-types.js';
import { unknownRecordStruct } from '../../spec/records.js';
import type { CompiledStruct } from '../schema/compile.js';
import { compileCodecStruct } from './structs.js';
import { closureRecordViewClass, type ByteSource, type RecordViewClass, type RecordViewImpl } from './record-view.js';
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
  /** The name shown for a record of this entry with `info_type` `infoType` (the unknown fallback names the number). */
  displayName(infoType: number): string;
}

const INFO_TYPE_NAMES = new Map<number, string>(Object.entries(infoTypes.entries).map(([name, spec]) => [spec.value, name]));

/** Name of an info type for display: the kernel constant, or `'unknown(N)'`. @public */
export function infoTypeName(infoType: number): string {
  return INFO_TYPE_NAMES.get(infoType) ?? `unknown(${infoType})`;
}

function makeEntry(id: number, type: string, infoType: number, constantName: string, align: number, compiled: CompiledStruct): RecordEntry {
  const displayName = infoType < 0 ? infoTypeName : () => constantName;
  return { id, type, infoType, constantName, align, compiled, displayName };
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
  /** The one record view class of this codec (see `record-view.ts`): the closure fallback until `useView`. */
  View: RecordViewClass;
  /** `type` of each entry, by id. */
  readonly types: readonly string[];
  /**
   * One view that lives as long as the table: V8 holds the transitions to a class's final hidden
   * class weakly, so with no view alive (between two reads, after a GC) that hidden class dies and
   * every optimized reader of the views is thrown away ("weak objects" deopts).
   */
  private anchor: RecordViewImpl;

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
    this.View = closureRecordViewClass(this.entries);
    this.anchor = new this.View(this.entries);
    this.types = this.entries.map((e) => e.type);
  }

  /** Switches to the generated view class of the same records. */
  useView(View: RecordViewClass): void {
    this.View = View;
    this.anchor = new View(this.entries);
  }

  /** A new record view of this codec for records of entry `id` in the bytes of `dv`/`u8` (whose `ByteSource` is `bytes`). */
  newView(id: number, dv: DataView, u8: Uint8Array, le: boolean, bytes: ByteSource): RecordViewImpl {
    const view = new this.View(this.entries);
    view._e = id;
    view.type = this.types[id]!;
    view._dv = dv;
    view._u8 = u8;
    view._le = le;
    view._bindSources(bytes);
    return view;
  }

  /** The entry that decodes `infoType`. */
  entryFor(infoType: number): RecordEntry {
    return this.byInfoType[infoType] ?? this.unknown;
  }
}
