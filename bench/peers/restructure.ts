/**
 * Peer: restructure 3.0.2 describing the same structs. What it cannot express:
 * - u64 (foliojs/restructure#46): mask, offset, count and mnt_id are two uint32le words each;
 * - names as bytes: a NUL-terminated field is always a String; it is decoded with 'ascii'
 *   (TextDecoder's windows-1252, one char per byte) and mapped back to bytes for the checksum;
 * - computed lengths: encoder inputs carry event_len, len, handle_bytes and the padding size;
 * - byte order: the types are little-endian (the host's here).
 * Handles and names are copies (its readBuffer is Uint8Array.slice), not views.
 */
import * as r from 'restructure';
import type { EventValue, KernelRecordSchema } from '../../src/index.js';
import type { Checksum } from '../checksum.js';

/** What the output says about this peer. */
export const RESTRUCTURE_LIMITS =
  'restructure: no u64 (two uint32le words); NUL-terminated fields only as strings (decoded as windows-1252, mapped back to bytes); handles and names are copies; the encoder cannot compute event_len/len/handle_bytes/padding (given to it)';

interface RsRecord {
  version: number;
  pad: number;
  len: number;
  fsid?: number[];
  handle_bytes?: number;
  handle_type?: number;
  f_handle?: Uint8Array;
  name?: string;
  pidfd?: number;
  error?: number;
  error_count?: number;
  range_pad?: number;
  offset_lo?: number;
  offset_hi?: number;
  count_lo?: number;
  count_hi?: number;
  mnt_id_lo?: number;
  mnt_id_hi?: number;
  /** Encoding only: the zero bytes after the record's content (restructure cannot compute it). */
  padding?: number;
}

interface RsEvent {
  event_len: number;
  vers: number;
  reserved: number;
  metadata_len: number;
  mask_lo: number;
  mask_hi: number;
  fd: number;
  pid: number;
  info: RsRecord[];
}

/** Zero bytes up to `len`: while decoding `this` is the record so far, while encoding restructure's context. */
function padding(this: { len?: number; _currentOffset?: number; val?: RsRecord }): number {
  return this._currentOffset !== undefined ? this.len! - this._currentOffset : (this.val!.padding ?? 0);
}

const pad = new r.Reserved(r.uint8, padding as unknown as r.Length);
const fid = { fsid: new r.Array(r.int32le, 2), handle_bytes: r.uint32le, handle_type: r.int32le, f_handle: new r.Buffer('handle_bytes') };
const fidName = { ...fid, name: new r.String(null, 'ascii') };

const Record = new r.VersionedStruct(r.uint8, {
  header: { pad: r.uint8, len: r.uint16le },
  1: { ...fid, _pad: pad },
  2: { ...fidName, _pad: pad },
  3: { ...fid, _pad: pad },
  4: { pidfd: r.int32le, _pad: pad },
  5: { error: r.int32le, error_count: r.uint32le, _pad: pad },
  6: { range_pad: r.uint32le, offset_lo: r.uint32le, offset_hi: r.uint32le, count_lo: r.uint32le, count_hi: r.uint32le, _pad: pad },
  7: { _mnt_hole: new r.Reserved(r.uint32le), mnt_id_lo: r.uint32le, mnt_id_hi: r.uint32le, _pad: pad },
  10: { ...fidName, _pad: pad },
  12: { ...fidName, _pad: pad },
});

const Event = new r.Struct<RsEvent>({
  event_len: r.uint32le,
  vers: r.uint8,
  reserved: r.uint8,
  metadata_len: r.uint16le,
  mask_lo: r.uint32le,
  mask_hi: r.uint32le,
  fd: r.int32le,
  pid: r.int32le,
  info: new r.Array(Record, function (this: RsEvent) {
    return this.event_len - 24;
  } as unknown as r.Length, 'bytes'),
});

// TextDecoder('ascii') is windows-1252: every byte maps to a distinct char; this maps it back.
const BYTE_OF_CHAR = new Map<number, number>();
{
  const decoder = new TextDecoder('ascii');
  for (let b = 0; b < 256; b++) BYTE_OF_CHAR.set(decoder.decode(new Uint8Array([b])).charCodeAt(0), b);
}
const byteOfChar = (code: number): number => BYTE_OF_CHAR.get(code)!;

export function decodeRestructure(u8: Uint8Array, ck: Checksum): void {
  const stream = new r.DecodeStream(u8);
  while (stream.pos < stream.length) {
    const ev = Event.decode(stream);
    ck.event(ev.event_len, ev.vers, ev.reserved, ev.metadata_len, ev.fd, ev.pid);
    ck.u64Words(ev.mask_lo, ev.mask_hi);
    for (const rec of ev.info) {
      ck.header(rec.version, rec.pad, rec.len);
      switch (rec.version) {
        case 1:
        case 3:
          ck.fid(rec.fsid![0]!, rec.fsid![1]!, rec.handle_bytes!, rec.handle_type!, rec.f_handle!);
          break;
        case 2:
        case 10:
        case 12:
          ck.fid(rec.fsid![0]!, rec.fsid![1]!, rec.handle_bytes!, rec.handle_type!, rec.f_handle!);
          ck.byteString(rec.name!, byteOfChar);
          break;
        case 4:
          ck.n(rec.pidfd!);
          break;
        case 5:
          ck.n(rec.error!);
          ck.n(rec.error_count!);
          break;
        case 6:
          ck.n(rec.range_pad!);
          ck.u64Words(rec.offset_lo!, rec.offset_hi!);
          ck.u64Words(rec.count_lo!, rec.count_hi!);
          break;
        case 7:
          ck.u64Words(rec.mnt_id_lo!, rec.mnt_id_hi!);
          break;
      }
    }
  }
}

const INFO_TYPE: Readonly<Record<string, number>> = { fid: 1, dfid_name: 2, dfid: 3, pidfd: 4, error: 5, range: 6, mnt: 7, old_dfid_name: 10, new_dfid_name: 12 };
const lo = (v: bigint): number => Number(v & 0xffffffffn);
const hi = (v: bigint): number => Number(v >> 32n);

/** restructure's input for an event: the package's decoded value with every length filled in. */
export function toRestructureEvent(ev: EventValue<KernelRecordSchema>): RsEvent {
  const info = ev.info.map((rec): RsRecord => {
    const base = { version: INFO_TYPE[rec.type]!, pad: rec.pad, len: rec.len };
    switch (rec.type) {
      case 'fid':
      case 'dfid':
        return { ...base, fsid: [...rec.fsid], handle_bytes: rec.handle_bytes, handle_type: rec.handle_type, f_handle: rec.f_handle, padding: rec.len - 20 - rec.handle_bytes };
      case 'dfid_name':
      case 'old_dfid_name':
      case 'new_dfid_name':
        return {
          ...base,
          fsid: [...rec.fsid],
          handle_bytes: rec.handle_bytes,
          handle_type: rec.handle_type,
          f_handle: rec.f_handle,
          name: String.fromCharCode(...rec.name),
          padding: rec.len - 20 - rec.handle_bytes - rec.name.length - 1,
        };
      case 'pidfd':
        return { ...base, pidfd: rec.pidfd };
      case 'error':
        return { ...base, error: rec.error, error_count: rec.error_count };
      case 'range':
        return { ...base, range_pad: rec.range_pad, offset_lo: lo(rec.offset), offset_hi: hi(rec.offset), count_lo: lo(rec.count), count_hi: hi(rec.count) };
      case 'mnt':
        return { ...base, mnt_id_lo: lo(rec.mnt_id), mnt_id_hi: hi(rec.mnt_id) };
      case 'unknown':
        throw new Error('restructure peer: unknown records are not described');
    }
  });
  return { event_len: ev.event_len, vers: ev.vers, reserved: ev.reserved, metadata_len: ev.metadata_len, mask_lo: lo(ev.mask), mask_hi: hi(ev.mask), fd: ev.fd, pid: ev.pid, info };
}

/** Encodes a stream: size every event, then write them into one buffer. */
export function encodeRestructure(events: readonly RsEvent[]): Uint8Array {
  let total = 0;
  for (const ev of events) total += Event.size(ev);
  const out = new Uint8Array(total);
  const stream = new r.EncodeStream(out);
  for (const ev of events) Event.encode(stream, ev);
  return out;
}

export type { RsEvent };
