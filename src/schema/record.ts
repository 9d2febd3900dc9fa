/**
 * `infoRecord()`: declares an info record type, a struct that starts with
 * `fanotify_event_info_header` and is framed by its `len`.
 *
 * @packageDocumentation
 */
import type { StructSchema } from './struct.js';

/**
 * A declared info record type.
 *
 * @typeParam T - the discriminant used in code (`record.type`), e.g. `'dfid_name'`.
 * @typeParam I - the `info_type` value on the wire.
 * @typeParam S - the record's struct (header fields included).
 * @public
 */
export interface InfoRecordSchema<T extends string = string, I extends number = number, S extends StructSchema = StructSchema> {
  /** Discriminant of the schema kind. */
  readonly kind: 'info-record';
  /** Discriminant of decoded records (`switch (record.type)`). */
  readonly type: T;
  /** The `info_type` byte on the wire. */
  readonly infoType: I;
  /** Name of the info-type constant, e.g. `FAN_EVENT_INFO_TYPE_DFID_NAME`. */
  readonly constantName: string;
  /** The record's layout; its first fields are `info_type` (u8), `pad` (u8) and `len` (u16). */
  readonly struct: S;
  /** `len` is the content length rounded up to this (the kernel's FANOTIFY_EVENT_ALIGN is 4). */
  readonly align: number;
  /** Kernel release that introduced it, when it is a kernel type. */
  readonly since: string | undefined;
  /** One-line description. */
  readonly doc: string | undefined;
}

/** Options of {@link infoRecord}. @public */
export interface InfoRecordOptions<T extends string, I extends number> {
  /** Discriminant used in code. */
  readonly type: T;
  /** `info_type` on the wire (0–255). */
  readonly infoType: I;
  /** Name of the constant (default: `FAN_EVENT_INFO_TYPE_` + upper-cased `type`). */
  readonly constantName?: string;
  /** Alignment of `len` (default 4, as the kernel pads). Use 1 for records a proposal left unpadded. */
  readonly align?: number;
  /** Kernel release that introduced it. */
  readonly since?: string;
  /** One-line description. */
  readonly doc?: string;
}

function checkHeader(s: StructSchema): void {
  const [a, b, c] = s.layout.fields;
  const ok =
    a?.name === 'info_type' && a.field.kind === 'scalar' && a.field.scalar === 'u8' && a.offset === 0 &&
    b?.name === 'pad' && b.field.kind === 'scalar' && b.field.scalar === 'u8' && b.offset === 1 &&
    c?.name === 'len' && c.field.kind === 'scalar' && c.field.scalar === 'u16' && c.offset === 2;
  if (!ok) throw new TypeError(`${s.name}: an info record must start with the fanotify_event_info_header fields info_type (u8), pad (u8), len (u16)`);
}

/**
 * Declares an info record type. Give it to `createCodec({ records })` to decode and encode it.
 *
 * @example
 * ```ts
 * const location = infoRecord(
 *   struct('fanotify_event_info_location', { ...fanotify_event_info_header.fields, line: s32(), function: cstring() }),
 *   { type: 'location', infoType: 4, align: 1 },
 * );
 * ```
 * @public
 */
export function infoRecord<const T extends string, const I extends number, S extends StructSchema>(
  struct: S,
  options: InfoRecordOptions<T, I>,
): InfoRecordSchema<T, I, S> {
  checkHeader(struct);
  const { type, infoType } = options;
  if (!Number.isInteger(infoType) || infoType < 0 || infoType > 255) throw new TypeError(`${type}: infoType must be 0–255, got ${infoType}`);
  const align = options.align ?? 4;
  if (![1, 2, 4, 8].includes(align)) throw new TypeError(`${type}: align must be 1, 2, 4 or 8`);
  if (type === 'unknown') throw new TypeError(`'unknown' is reserved for records of types the codec does not know`);
  return Object.freeze({
    kind: 'info-record',
    type,
    infoType,
    constantName: options.constantName ?? `FAN_EVENT_INFO_TYPE_${type.toUpperCase()}`,
    struct,
    align,
    since: options.since,
    doc: options.doc,
  });
}
