/**
 * Types of decoded events and records, all derived from the schemas in `spec/`.
 *
 * @packageDocumentation
 */
import type { fanotify_event_metadata } from '../../spec/structs/event-metadata.js';
import type { KernelRecordSchema, unknownRecordStruct } from '../../spec/records.js';
import type { JsonObject } from '../schema/compile.js';
import type { Simplify, StructFields, StructInput, StructValue } from '../schema/infer.js';
import type { InfoRecordSchema } from '../schema/record.js';
import type { StructSchema } from '../schema/struct.js';

/** Any info record schema. @public */
export type AnyRecordSchema = InfoRecordSchema<string, number, StructSchema>;

/** The metadata struct's schema type. @public */
export type MetadataSchema = typeof fanotify_event_metadata;

/** Plain value of one record of schema `R` (owned bytes, `bigint` for 64-bit fields). @public */
export type RecordValue<R extends AnyRecordSchema> = Simplify<{ type: R['type'] } & StructValue<R['struct']>>;

/** Plain value of a record whose `info_type` the codec does not know. @public */
export type UnknownRecordValue = Simplify<{ type: 'unknown' } & StructValue<typeof unknownRecordStruct>>;

/** Plain value of any record a codec with record schemas `R` decodes. @public */
export type RecordValueOf<R extends AnyRecordSchema> = (R extends AnyRecordSchema ? RecordValue<R> : never) | UnknownRecordValue;

/** Encoder input for one record of schema `R`: `info_type` and `len` are computed, `pad` defaults to 0. @public */
export type RecordInput<R extends AnyRecordSchema> = Simplify<{ type: R['type'] } & StructInput<R['struct'], 'info_type' | 'len'>>;

/** Encoder input for a record of a type the codec does not know (its bytes after the header). @public */
export type UnknownRecordInput = Simplify<{ type: 'unknown' } & StructInput<typeof unknownRecordStruct, 'len'>>;

/** Encoder input for any record of a codec with record schemas `R`. @public */
export type RecordInputOf<R extends AnyRecordSchema = KernelRecordSchema> = (R extends AnyRecordSchema ? RecordInput<R> : never) | UnknownRecordInput;

/** Members every record view has besides its fields. @public */
export interface RecordViewMembers<V> {
  /** Name of the info-type constant (`FAN_EVENT_INFO_TYPE_FID`), or `'unknown'`. */
  readonly infoTypeName: string;
  /** Byte offset of the record inside the decoded buffer. */
  readonly byteOffset: number;
  /** `len`: the record's size in bytes. */
  readonly byteLength: number;
  /** The record's exact bytes (zero-copy). */
  bytes(): Uint8Array;
  /** A plain object that owns its bytes. */
  toObject(): V;
  /** The JSON form (what the CLI prints). */
  toJSON(): JsonObject;
}

/** Zero-copy view of one record of schema `R`. @public */
export type RecordView<R extends AnyRecordSchema> = StructFields<R['struct']> & { readonly type: R['type'] } & RecordViewMembers<RecordValue<R>>;

/** Zero-copy view of a record of a type the codec does not know. @public */
export type UnknownRecordView = StructFields<typeof unknownRecordStruct> & { readonly type: 'unknown' } & RecordViewMembers<UnknownRecordValue>;

/** Zero-copy view of any record of a codec with record schemas `R`; `switch (r.type)` narrows it. @public */
export type RecordViewOf<R extends AnyRecordSchema> = (R extends AnyRecordSchema ? RecordView<R> : never) | UnknownRecordView;

/** Plain value of one event: the metadata fields and its records. @public */
export type EventValue<R extends AnyRecordSchema> = Simplify<StructValue<MetadataSchema> & { info: RecordValueOf<R>[] }>;

/**
 * Encoder input for one event. `event_len` is computed (and checked if given); `vers`,
 * `reserved` and `metadata_len` default to the kernel's values.
 *
 * @public
 */
export type EventInput<R extends AnyRecordSchema = KernelRecordSchema> = Simplify<StructInput<MetadataSchema, 'event_len'> & { info?: readonly RecordInputOf<R>[] }>;
