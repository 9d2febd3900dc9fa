/**
 * The conformance vector cases: valid event lists (encoded by the package) and malformed streams
 * (a valid encoding with one patch). Each case says what it exercises; the expectations are not
 * written here but computed by the package's decoder when the vectors are generated.
 */
import {
  encodeEvents,
  FAN_CREATE,
  FAN_MOVED_FROM,
  FAN_NOFD,
  FAN_ONDIR,
  FAN_OPEN,
  FAN_Q_OVERFLOW,
  FAN_RENAME,
  type ByteOrder,
  type EventInput,
  type KernelRecordSchema,
} from '../../../src/index.js';

/** An event list the encoder accepts. */
type Events = readonly EventInput<KernelRecordSchema>[];

/** A valid stream: `events` encoded in `byteOrder`. */
export interface ValidCase {
  readonly name: string;
  readonly description: string;
  readonly byteOrder: ByteOrder;
  readonly events: Events;
}

/** A malformed stream: a valid case's bytes with `patch` applied. */
export interface MalformedCase {
  readonly name: string;
  readonly description: string;
  readonly byteOrder: ByteOrder;
  readonly bytes: () => Uint8Array;
}

const FSID = [-476146931, -2091916051] as const;
const HANDLE = Uint8Array.from([0x0e, 0, 0, 0, 0x8b, 0x93, 0xfb, 0x39]);
const fid = (type: 'fid' | 'dfid', f_handle: Uint8Array = HANDLE, handle_type = 1) => ({ type, fsid: FSID, handle_type, f_handle });
const named = (type: 'dfid_name' | 'old_dfid_name' | 'new_dfid_name', name: string | Uint8Array) => ({ type, fsid: FSID, handle_type: 1, f_handle: HANDLE, name });
const fidEvent = (info: EventInput<KernelRecordSchema>['info'], mask = FAN_CREATE): EventInput<KernelRecordSchema> => ({ mask, fd: FAN_NOFD, pid: 4242, info });

const RENAME = fidEvent([named('old_dfid_name', 'old'), named('new_dfid_name', 'new-name'), fid('fid')], FAN_RENAME);
const RANGE = { mask: 0x10_0000n, fd: 7, pid: 99, info: [{ type: 'pidfd' as const, pidfd: 12 }, { type: 'range' as const, offset: 0x1_0000_0000n, count: 4096n }] };
const MNT = { mask: 0x0300_0000n, fd: FAN_NOFD, pid: 1, info: [{ type: 'mnt' as const, mnt_id: 0x0020_0000_0000_0123n }] };

/** Valid streams: every record type, every name length modulo 4, both byte orders. */
export const validCases: readonly ValidCase[] = [
  { name: 'empty', description: 'no bytes: no events', byteOrder: 'little', events: [] },
  { name: 'overflow', description: 'FAN_Q_OVERFLOW: metadata only, FAN_NOFD', byteOrder: 'little', events: [{ mask: FAN_Q_OVERFLOW, fd: FAN_NOFD, pid: 0 }] },
  { name: 'fd-mode', description: 'fd mode: an fd, no records', byteOrder: 'little', events: [{ mask: FAN_OPEN, fd: 5, pid: 1234 }] },
  { name: 'fd-error', description: 'FAN_REPORT_FD_ERROR: fd = -EROFS', byteOrder: 'little', events: [{ mask: FAN_OPEN, fd: -30, pid: 1234 }] },
  { name: 'fid', description: 'one FID record', byteOrder: 'little', events: [fidEvent([fid('fid')], 0x2n)] },
  { name: 'dfid-fid', description: 'DFID then FID', byteOrder: 'little', events: [fidEvent([fid('dfid'), fid('fid', Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]))])] },
  {
    name: 'dfid-name-lengths',
    description: 'DFID_NAME with names of 1 to 8 bytes: every padding length',
    byteOrder: 'little',
    events: ['a', 'bb', 'ccc', 'dddd', 'eeeee', 'ffffff', 'ggggggg', 'hhhhhhhh'].map((n) => fidEvent([named('dfid_name', n)])),
  },
  { name: 'dfid-name-255', description: 'a 255-byte name (NAME_MAX)', byteOrder: 'little', events: [fidEvent([named('dfid_name', 'n'.repeat(255))])] },
  { name: 'dfid-name-dot', description: 'the directory itself: name "."', byteOrder: 'little', events: [fidEvent([named('dfid_name', '.'), fid('fid')], FAN_CREATE | FAN_ONDIR)] },
  { name: 'dfid-name-not-utf8', description: 'a name that is not UTF-8 (caf\\xe9)', byteOrder: 'little', events: [fidEvent([named('dfid_name', Uint8Array.from([0x63, 0x61, 0x66, 0xe9]))])] },
  { name: 'dfid-name-json-escapes', description: 'a name with a quote, a backslash, a newline and a 4-byte character', byteOrder: 'little', events: [fidEvent([named('dfid_name', 'q"b\\n\n\u{1f600}')])] },
  { name: 'rename', description: 'FAN_RENAME: OLD_DFID_NAME, NEW_DFID_NAME, FID', byteOrder: 'little', events: [RENAME] },
  { name: 'moved-from-ondir', description: 'a directory move: FAN_ONDIR in the mask', byteOrder: 'little', events: [fidEvent([named('dfid_name', 'sub')], FAN_MOVED_FROM | FAN_ONDIR)] },
  { name: 'pidfd', description: 'PIDFD records: a pidfd, FAN_NOPIDFD, FAN_EPIDFD', byteOrder: 'little', events: [12, -1, -2].map((pidfd) => ({ mask: FAN_OPEN, fd: 3, pid: 10, info: [{ type: 'pidfd' as const, pidfd }] })) },
  {
    name: 'fs-error',
    description: 'FAN_FS_ERROR: ERROR and a FID with a zero-length handle (FILEID_INVALID)',
    byteOrder: 'little',
    events: [{ mask: 0x8000n, fd: FAN_NOFD, pid: 0, info: [{ type: 'error', error: 108, error_count: 1 }, fid('fid', new Uint8Array(0), 255)] }],
  },
  { name: 'range', description: 'FAN_PRE_ACCESS: PIDFD then RANGE (64-bit offset)', byteOrder: 'little', events: [RANGE] },
  { name: 'mnt', description: 'mount event: MNT with implicit padding and a mount id above 2^53', byteOrder: 'little', events: [MNT] },
  { name: 'unknown-type', description: 'a record of a type the decoder does not know: kept as raw bytes', byteOrder: 'little', events: [fidEvent([{ type: 'unknown', info_type: 99, data: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]) }, fid('fid')])] },
  { name: 'unknown-empty', description: 'an unknown record with nothing after its header', byteOrder: 'little', events: [fidEvent([{ type: 'unknown', info_type: 200, data: new Uint8Array(0) }])] },
  { name: 'mask-high-bits', description: 'a 64-bit mask with bits above 32 set', byteOrder: 'little', events: [{ mask: 0x8000_0000_4000_0100n, fd: FAN_NOFD, pid: 1 }] },
  { name: 'many', description: 'several events of different shapes back to back', byteOrder: 'little', events: [RENAME, RANGE, MNT, { mask: FAN_Q_OVERFLOW, fd: FAN_NOFD, pid: 0 }] },
  { name: 'be-fid', description: 'big-endian (s390x, ppc64): DFID_NAME and FID', byteOrder: 'big', events: [fidEvent([named('dfid_name', 'big'), fid('fid')])] },
  { name: 'be-many', description: 'big-endian: rename, range, mnt, overflow', byteOrder: 'big', events: [RENAME, RANGE, MNT, { mask: FAN_Q_OVERFLOW, fd: FAN_NOFD, pid: 0 }] },
];

/** Little- or big-endian integer writers for patches. */
function dv(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function patched(events: Events, byteOrder: ByteOrder, patch: (b: Uint8Array, d: DataView, le: boolean) => Uint8Array | void): () => Uint8Array {
  return () => {
    const bytes = encodeEvents(events, { byteOrder });
    return patch(bytes, dv(bytes), byteOrder === 'little') ?? bytes;
  };
}

function appended(bytes: Uint8Array, extra: readonly number[]): Uint8Array {
  const out = new Uint8Array(bytes.length + extra.length);
  out.set(bytes);
  out.set(extra, bytes.length);
  return out;
}

const FID_ONLY: Events = [fidEvent([fid('fid')])];
const NAME_ONLY: Events = [fidEvent([named('dfid_name', 'abc')])];
// 'ab' leaves one byte of padding after its NUL.
const PADDED_NAME: Events = [fidEvent([named('dfid_name', 'ab')])];
const TWO: Events = [{ mask: FAN_OPEN, fd: 5, pid: 1 }, fidEvent([fid('fid')])];
// Offsets inside FID_ONLY: metadata 0..24, record header 24..28, fsid 28..36, handle_bytes 36, handle_type 40, f_handle 44..52.
const REC = 24;

/** Malformed streams: one per error code at least, in both byte orders, and after a valid event. */
export const malformedCases: readonly MalformedCase[] = [
  { name: 'truncated-tail', description: '10 trailing bytes after a whole event', byteOrder: 'little', bytes: patched(FID_ONLY, 'little', (b) => appended(b, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])) },
  { name: 'truncated-short', description: 'a stream shorter than the metadata', byteOrder: 'little', bytes: patched(FID_ONLY, 'little', (b) => b.slice(0, 20)) },
  { name: 'bad-version', description: 'vers = 2', byteOrder: 'little', bytes: patched(FID_ONLY, 'little', (b) => void (b[4] = 2)) },
  { name: 'bad-metadata-len', description: 'metadata_len = 16', byteOrder: 'little', bytes: patched(FID_ONLY, 'little', (_, d, le) => d.setUint16(6, 16, le)) },
  { name: 'event-len-too-small', description: 'event_len = 8', byteOrder: 'little', bytes: patched(FID_ONLY, 'little', (_, d, le) => d.setUint32(0, 8, le)) },
  { name: 'event-len-past-end', description: 'event_len = 1000 in a 52-byte stream', byteOrder: 'little', bytes: patched(FID_ONLY, 'little', (_, d, le) => d.setUint32(0, 1000, le)) },
  { name: 'event-len-past-end-be', description: 'big-endian: event_len read in the wrong order would frame differently', byteOrder: 'big', bytes: patched(FID_ONLY, 'big', (_, d, le) => d.setUint32(0, 53, le)) },
  {
    name: 'record-header-past-event',
    description: 'two bytes after the last record: no room for a header',
    byteOrder: 'little',
    bytes: patched(FID_ONLY, 'little', (b, d, le) => {
      const out = appended(b, [0, 0]);
      dv(out).setUint32(0, d.getUint32(0, le) + 2, le);
      return out;
    }),
  },
  { name: 'record-len-past-event', description: 'len = 60 in a 28-byte remainder', byteOrder: 'little', bytes: patched(FID_ONLY, 'little', (_, d, le) => d.setUint16(REC + 2, 60, le)) },
  { name: 'record-len-below-header', description: 'len = 2', byteOrder: 'little', bytes: patched(FID_ONLY, 'little', (_, d, le) => d.setUint16(REC + 2, 2, le)) },
  { name: 'record-len-below-type', description: 'a FID record with len 12 (its fixed part is 20)', byteOrder: 'little', bytes: patched(FID_ONLY, 'little', (_, d, le) => d.setUint16(REC + 2, 12, le)) },
  {
    name: 'record-len-mismatch',
    description: 'len 4 more than the content pads to (zero filled)',
    byteOrder: 'little',
    bytes: patched(FID_ONLY, 'little', (b, d, le) => {
      const out = appended(b, [0, 0, 0, 0]);
      const o = dv(out);
      o.setUint32(0, d.getUint32(0, le) + 4, le);
      o.setUint16(REC + 2, d.getUint16(REC + 2, le) + 4, le);
      return out;
    }),
  },
  { name: 'handle-past-record', description: 'handle_bytes = 200', byteOrder: 'little', bytes: patched(FID_ONLY, 'little', (_, d, le) => d.setUint32(REC + 12, 200, le)) },
  { name: 'handle-past-record-be', description: 'big-endian: handle_bytes = 9', byteOrder: 'big', bytes: patched(FID_ONLY, 'big', (_, d, le) => d.setUint32(REC + 12, 9, le)) },
  { name: 'name-without-nul', description: 'the NUL and padding of a name overwritten', byteOrder: 'little', bytes: patched(NAME_ONLY, 'little', (b) => void b.fill(0x78, REC + 20 + 8 + 3)) },
  { name: 'empty-name', description: 'a DFID_NAME whose name is empty', byteOrder: 'little', bytes: patched(NAME_ONLY, 'little', (b) => void b.fill(0, REC + 20 + 8)) },
  { name: 'nonzero-padding', description: 'a padding byte after a name is 1', byteOrder: 'little', bytes: patched(PADDED_NAME, 'little', (b) => void (b[b.length - 1] = 1)) },
  { name: 'nonzero-implicit-padding', description: 'the implicit padding of an MNT record is not zero', byteOrder: 'little', bytes: patched([MNT], 'little', (b) => void (b[REC + 5] = 0xff)) },
  { name: 'second-event-bad', description: 'a valid event, then one with vers = 0', byteOrder: 'little', bytes: patched(TWO, 'little', (b) => void (b[24 + 4] = 0)) },
  { name: 'second-event-record-bad', description: 'a valid event, then a FID with handle_bytes = 13', byteOrder: 'big', bytes: patched(TWO, 'big', (_, d, le) => d.setUint32(24 + REC + 12, 13, le)) },
];
