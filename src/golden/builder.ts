/**
 * A small builder for expected fanotify streams: describe events and records readably, get the
 * exact bytes the kernel would write (through the package's one encoder).
 *
 * @packageDocumentation
 */
import type { KernelRecordSchema } from '../../spec/records.js';
import type { EncodeOptions } from '../codec/encode.js';
import { fanotifyCodec } from '../codec/codec.js';
import { rejectUnknownFields } from '../codec/encode.js';
import { FanotifyEncodeError } from '../errors.js';
import { parseFlagWords } from '../kernel/flag-words.js';
import type { EventInput, RecordInputOf } from '../codec/types.js';
import { fromHex } from '../text/hex.js';

/** FAN_NOFD: the default `fd` (what fid-mode, mount, error and overflow events carry). */
const FAN_NOFD = -1;
/** FILEID_INVALID: the handle type the kernel writes for an empty handle. */
const FILEID_INVALID = 255;
/** FILEID_INO32_GEN: the handle type ext4 and tmpfs report for files and directories. */
const FILEID_INO32_GEN = 1;

/** An event mask: a number, a bigint, or constant names (`['FAN_CREATE', 'FAN_ONDIR']`, aggregates like `FAN_CLOSE` too). @public */
export type GoldenMask = number | bigint | readonly string[];

/** Metadata of one event. @public */
export interface GoldenEventFields {
  /** Event bits. */
  readonly mask: GoldenMask;
  /** `metadata.pid` (default 0). */
  readonly pid?: number;
  /** `metadata.fd` (default FAN_NOFD, -1). */
  readonly fd?: number;
}

/**
 * An fsid: the two `val` words (signed or unsigned 32-bit), or the text `pretty` prints
 * (`"e39e930d.834fe4ed"`, each word in hex).
 *
 * @public
 */
export type GoldenFsid = readonly [number, number] | string;

/** A fid record without a name (FID, DFID). @public */
export interface GoldenFidFields {
  /** `fsid` of the record. */
  readonly fsid: GoldenFsid;
  /** `f_handle`: bytes or hex (`handle_bytes` is its length). */
  readonly handle: Uint8Array | string;
  /** `handle_type` (default FILEID_INO32_GEN, 1; FILEID_INVALID, 255, for an empty handle). */
  readonly handle_type?: number;
}

/** A fid record with a name (DFID_NAME, OLD_DFID_NAME, NEW_DFID_NAME). @public */
export interface GoldenNameFields extends GoldenFidFields {
  /** The entry name: text (UTF-8) or raw bytes (for names that are not UTF-8). */
  readonly name: string | Uint8Array;
}

type MutableEvent = { mask: bigint; pid: number; fd: number; info: RecordInputOf[] };

const EVENT_FIELDS = new Set(['mask', 'pid', 'fd']);
const FID_FIELDS = new Set(['fsid', 'handle', 'handle_type']);
const NAME_FIELDS = new Set([...FID_FIELDS, 'name']);
const ERROR_FIELDS = new Set(['error', 'error_count']);
const RANGE_FIELDS = new Set(['offset', 'count']);

function bigintJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v)) ?? String(value);
}

function toMask(mask: GoldenMask, path: string): bigint {
  const result = parseFlagWords('event', mask);
  if (!result.ok) throw new FanotifyEncodeError('BAD_VALUE', `${path}.mask`, `${result.message} in mask ${bigintJson(mask)}`);
  return result.value;
}

function toFsid(fsid: GoldenFsid, path: string): [number, number] {
  if (typeof fsid === 'string') {
    const m = /^([0-9a-fA-F]{1,8})\.([0-9a-fA-F]{1,8})$/.exec(fsid);
    if (!m) throw new FanotifyEncodeError('BAD_VALUE', `${path}.fsid`, `fsid ${JSON.stringify(fsid)} is not "hex.hex"`);
    return [parseInt(m[1]!, 16) | 0, parseInt(m[2]!, 16) | 0];
  }
  if (!Array.isArray(fsid) || fsid.length !== 2 || !fsid.every((w) => Number.isInteger(w) && w >= -0x80000000 && w <= 0xffffffff)) {
    throw new FanotifyEncodeError('BAD_VALUE', `${path}.fsid`, `expected two 32-bit words or "hex.hex", got ${bigintJson(fsid)}`);
  }
  // Unsigned words (as statfs prints them) are the same bits as the kernel's signed int val[2].
  return [fsid[0] | 0, fsid[1] | 0];
}

function toHandle(handle: Uint8Array | string, path: string): Uint8Array {
  if (handle instanceof Uint8Array) return handle;
  const bytes = typeof handle === 'string' ? fromHex(handle) : undefined;
  if (!bytes) throw new FanotifyEncodeError('BAD_VALUE', `${path}.f_handle`, `handle ${bigintJson(handle)} is not hex bytes`);
  return bytes;
}

function fidFields(f: GoldenFidFields, path: string, known: ReadonlySet<string> = FID_FIELDS): { fsid: [number, number]; handle_type: number; f_handle: Uint8Array } {
  rejectUnknownFields(f, known, path);
  const f_handle = toHandle(f.handle, path);
  return { fsid: toFsid(f.fsid, path), handle_type: f.handle_type ?? (f_handle.length === 0 ? FILEID_INVALID : FILEID_INO32_GEN), f_handle };
}

/**
 * Builder of an expected event stream; start one with {@link goldenStream}. Each `event()`
 * starts an event; record methods append records to it, in wire order.
 *
 * @public
 */
export class GoldenStreamBuilder {
  private readonly list: MutableEvent[] = [];

  /** Starts a new event. */
  event(fields: GoldenEventFields): this {
    const path = `event[${this.list.length}]`;
    rejectUnknownFields(fields, EVENT_FIELDS, path);
    this.list.push({ mask: toMask(fields.mask, path), pid: fields.pid ?? 0, fd: fields.fd ?? FAN_NOFD, info: [] });
    return this;
  }

  /** Path of the record the next record method appends, for errors. */
  private nextRecordPath(): string {
    const current = this.list[this.list.length - 1];
    return `event[${this.list.length - 1}].info[${current?.info.length ?? 0}]`;
  }

  /** Appends any record, in the encoder's input form (`{ type: 'range', offset: 0n, count: 4096n }`). */
  record(record: RecordInputOf): this {
    const current = this.list[this.list.length - 1];
    if (!current) throw new FanotifyEncodeError('BAD_VALUE', 'event[0]', 'goldenStream: call event() before adding records');
    current.info.push(record);
    return this;
  }

  /** FAN_EVENT_INFO_TYPE_FID: the object's handle. */
  fid(f: GoldenFidFields): this {
    return this.record({ type: 'fid', ...fidFields(f, this.nextRecordPath()) });
  }

  /** FAN_EVENT_INFO_TYPE_DFID: a directory's handle. */
  dfid(f: GoldenFidFields): this {
    return this.record({ type: 'dfid', ...fidFields(f, this.nextRecordPath()) });
  }

  /** FAN_EVENT_INFO_TYPE_DFID_NAME: a directory's handle and an entry name. */
  dfidName(f: GoldenNameFields): this {
    return this.record({ type: 'dfid_name', ...fidFields(f, this.nextRecordPath(), NAME_FIELDS), name: f.name });
  }

  /** FAN_EVENT_INFO_TYPE_OLD_DFID_NAME: the old side of a FAN_RENAME. */
  oldDfidName(f: GoldenNameFields): this {
    return this.record({ type: 'old_dfid_name', ...fidFields(f, this.nextRecordPath(), NAME_FIELDS), name: f.name });
  }

  /** FAN_EVENT_INFO_TYPE_NEW_DFID_NAME: the new side of a FAN_RENAME. */
  newDfidName(f: GoldenNameFields): this {
    return this.record({ type: 'new_dfid_name', ...fidFields(f, this.nextRecordPath(), NAME_FIELDS), name: f.name });
  }

  /** FAN_EVENT_INFO_TYPE_PIDFD (`pidfd` may be FAN_NOPIDFD -1, FAN_EPIDFD -2 or -errno). */
  pidfd(pidfd: number): this {
    return this.record({ type: 'pidfd', pidfd });
  }

  /** FAN_EVENT_INFO_TYPE_ERROR of a FAN_FS_ERROR event (`error_count` defaults to 1). */
  error(f: { readonly error: number; readonly error_count?: number }): this {
    rejectUnknownFields(f, ERROR_FIELDS, this.nextRecordPath());
    return this.record({ type: 'error', error: f.error, error_count: f.error_count ?? 1 });
  }

  /** FAN_EVENT_INFO_TYPE_RANGE of a FAN_PRE_ACCESS event. */
  range(f: { readonly offset: number | bigint; readonly count: number | bigint }): this {
    rejectUnknownFields(f, RANGE_FIELDS, this.nextRecordPath());
    // The encoder checks the values (a BigInt() here would throw a platform RangeError for 1.5).
    return this.record({ type: 'range', offset: f.offset, count: f.count });
  }

  /** FAN_EVENT_INFO_TYPE_MNT of a mount event. */
  mnt(mnt_id: number | bigint): this {
    return this.record({ type: 'mnt', mnt_id });
  }

  /** The events described so far, as encoder inputs. */
  events(): EventInput<KernelRecordSchema>[] {
    return this.list.map((e) => ({ mask: e.mask, pid: e.pid, fd: e.fd, info: [...e.info] }));
  }

  /** The exact bytes (throws `FanotifyEncodeError` with a path for an invalid description). */
  build(options?: EncodeOptions): Uint8Array {
    return fanotifyCodec.encodeEvents(this.events(), options);
  }
}

/**
 * Starts describing an expected stream.
 *
 * @example
 * ```ts
 * const expected = goldenStream()
 *   .event({ mask: ['FAN_CREATE', 'FAN_ONDIR'], pid: 1 })
 *   .dfidName({ fsid: [1, 2], handle: '48c020005e32e503', name: 'sub' })
 *   .fid({ fsid: [1, 2], handle: '49c02000250b9343' })
 *   .build();
 * ```
 * @public
 */
export function goldenStream(): GoldenStreamBuilder {
  return new GoldenStreamBuilder();
}
