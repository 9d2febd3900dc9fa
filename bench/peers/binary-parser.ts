/**
 * Peer: binary-parser 2.3.0 (code generated with `new Function` at first parse) describing the
 * same structs. It expresses all of them: u64 as bigint, f_handle by handle_bytes, records by
 * event_len - 24 bytes, padding by seeking to the record's saved start + len. Names are bytes
 * up to the NUL via `buffer({ readUntil })`, a view like the package's; that option calls the
 * predicate once per byte with a fresh subarray, which is what binary-parser offers for bytes
 * (its zero-terminated `string` decodes text instead). No encoder exists (keichi/binary-parser#3).
 */
import { Parser } from 'binary-parser';
import type { Checksum } from '../checksum.js';

/** What the output says about this peer. */
export const BINARY_PARSER_LIMITS =
  'binary-parser: expresses every struct (u64 as bigint, lengths from fields, padding by seek); names via buffer({ readUntil }), which calls a predicate per byte with a new subarray; generates code with new Function; no encoder';

interface BpRecord {
  info_type: number;
  pad: number;
  len: number;
  body: {
    fsid?: number[];
    handle_bytes?: number;
    handle_type?: number;
    f_handle?: Uint8Array;
    name?: Uint8Array;
    pidfd?: number;
    error?: number;
    error_count?: number;
    range_pad?: number;
    offset?: bigint;
    count?: bigint;
    mnt_id?: bigint;
  };
}

interface BpEvent {
  event_len: number;
  vers: number;
  reserved: number;
  metadata_len: number;
  mask: bigint;
  fd: number;
  pid: number;
  info: BpRecord[];
}

const fid = (): Parser =>
  new Parser().endianness('little').array('fsid', { type: 'int32le', length: 2 }).uint32('handle_bytes').int32('handle_type').buffer('f_handle', { length: 'handle_bytes' });
const fidName = (): Parser => fid().buffer('name', { readUntil: (byte: number) => byte === 0 });

const Record = new Parser()
  .endianness('little')
  .saveOffset('_start')
  .uint8('info_type')
  .uint8('pad')
  .uint16('len')
  .choice('body', {
    tag: 'info_type',
    choices: {
      1: fid(),
      2: fidName(),
      3: fid(),
      4: new Parser().endianness('little').int32('pidfd'),
      5: new Parser().endianness('little').int32('error').uint32('error_count'),
      6: new Parser().endianness('little').uint32('range_pad').uint64('offset').uint64('count'),
      7: new Parser().endianness('little').seek(4).uint64('mnt_id'),
      10: fidName(),
      12: fidName(),
    },
  })
  .saveOffset('_contentEnd')
  .seek(function (this: { _start: number; len: number; _contentEnd: number }) {
    return this._start + this.len - this._contentEnd;
  });

const Event = new Parser()
  .endianness('little')
  .uint32('event_len')
  .uint8('vers')
  .uint8('reserved')
  .uint16('metadata_len')
  .uint64('mask')
  .int32('fd')
  .int32('pid')
  .array('info', {
    type: Record,
    lengthInBytes: function (this: { event_len: number }) {
      return this.event_len - 24;
    },
  });

const Stream = new Parser().array('events', { type: Event, readUntil: 'eof' });

export function decodeBinaryParser(u8: Uint8Array, ck: Checksum): void {
  const { events } = Stream.parse(u8) as { events: BpEvent[] };
  for (const ev of events) {
    ck.event(ev.event_len, ev.vers, ev.reserved, ev.metadata_len, ev.fd, ev.pid);
    ck.u64(ev.mask);
    for (const rec of ev.info) {
      ck.header(rec.info_type, rec.pad, rec.len);
      const b = rec.body;
      switch (rec.info_type) {
        case 1:
        case 3:
          ck.fid(b.fsid![0]!, b.fsid![1]!, b.handle_bytes!, b.handle_type!, b.f_handle!);
          break;
        case 2:
        case 10:
        case 12:
          ck.fid(b.fsid![0]!, b.fsid![1]!, b.handle_bytes!, b.handle_type!, b.f_handle!);
          ck.bytes(b.name!);
          break;
        case 4:
          ck.n(b.pidfd!);
          break;
        case 5:
          ck.n(b.error!);
          ck.n(b.error_count!);
          break;
        case 6:
          ck.n(b.range_pad!);
          ck.u64(b.offset!);
          ck.u64(b.count!);
          break;
        case 7:
          ck.u64(b.mnt_id!);
          break;
      }
    }
  }
}
