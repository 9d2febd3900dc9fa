/**
 * fast-check arbitraries for valid fanotify events: every record type the kernel codec knows,
 * unknown info types with arbitrary payloads, arbitrary combinations of records per event,
 * kernel-shaped events (the record sets fanotify_user.c actually emits), and whole streams of
 * several events with their encoding.
 *
 * Values are encoder inputs (`EventInput`); `expectedEvent()` in expected-value.ts gives what
 * decoding their encoding must produce.
 */
import fc from 'fast-check';
import { encodeEvents } from '../../src/index.js';
import { eventBits, kernelRecords } from '../../src/entries/schema.js';
import type { KernelEventInput, KernelRecordInput } from './expected-value.js';

/** info_type values the kernel codec knows. */
export const KNOWN_INFO_TYPES: ReadonlySet<number> = new Set(kernelRecords.map((r) => r.infoType));

/** MAX_HANDLE_SZ. */
export const MAX_HANDLE_SZ = 128;
/** NAME_MAX. */
export const NAME_MAX = 255;

/** Any `__s32`, biased towards the special values the kernel writes (FAN_NOFD, FAN_EPIDFD, -ESRCH, -EBADF). */
export const arbS32: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: -0x8000_0000, max: 0x7fff_ffff }) },
  { weight: 1, arbitrary: fc.constantFrom(-1, -2, -3, -9, 0, 4, 19) },
);

/** Any `__u32`. */
export const arbU32: fc.Arbitrary<number> = fc.oneof(fc.integer({ min: 0, max: 0xffff_ffff }), fc.constantFrom(0, 1, 0xffff_ffff));

/** Any `__u64`, biased towards values just above 2^53 (where `number` would lose precision). */
export const arbU64: fc.Arbitrary<bigint> = fc.oneof(
  fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  fc.bigInt({ min: 2n ** 53n - 2n, max: 2n ** 53n + 2n }),
  fc.constantFrom(0n, 2n ** 63n, 2n ** 64n - 1n, 2147483754n),
);

const SINGLE_EVENT_BITS: readonly bigint[] = Object.values(eventBits.entries)
  .filter((spec) => !('aggregate' in spec && spec.aggregate))
  .map((spec) => spec.value);

/** An event mask: a set of named bits, or any 64-bit value (future or garbage bits). */
export const arbMask: fc.Arbitrary<bigint> = fc.oneof(
  { weight: 3, arbitrary: fc.subarray([...SINGLE_EVENT_BITS]).map((bits) => bits.reduce((m, b) => m | b, 0n)) },
  { weight: 1, arbitrary: arbU64 },
);

/** `__kernel_fsid_t`. */
export const arbFsid: fc.Arbitrary<readonly [number, number]> = fc.tuple(arbS32, arbS32);

/** Opaque handle bytes, 0..MAX_HANDLE_SZ long (8 on ext4, 12 on tmpfs). */
export const arbHandle: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ minLength: 0, maxLength: MAX_HANDLE_SZ }),
  fc.constantFrom(8, 12).chain((n) => fc.uint8Array({ minLength: n, maxLength: n })),
);

/** `handle_type`: any int, biased to FILEID_INO32_GEN (1) and FILEID_INVALID (255). */
export const arbHandleType: fc.Arbitrary<number> = fc.oneof(arbS32, fc.constantFrom(1, 255));

const utf8 = new TextEncoder();

/**
 * A name in a `*_NAME` record: 1..NAME_MAX bytes without NUL, as raw bytes (often not UTF-8) or
 * as a string (encoded as UTF-8). An empty name is not a name: the kernel sends a nameless
 * FID/DFID record instead, so the nameless arbitraries cover length 0.
 */
export const arbName: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: NAME_MAX, min: 1, max: 255 }),
  fc
    .string({ unit: 'binary', minLength: 1, maxLength: 80 })
    .filter((s) => !s.includes('\0') && utf8.encode(s).length >= 1 && utf8.encode(s).length <= NAME_MAX),
  fc.constantFrom('.', 'sub', 'a.txt', 'file\nname', 'back\\slash', 'é', Uint8Array.of(0xff, 0xfe), Uint8Array.of(0xc0, 0xaf)),
);

/** `info_type` values no kernel record uses (0, 8, 9, 11, 13..255). */
export const arbUnknownInfoType: fc.Arbitrary<number> = fc
  .oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0, 8, 11, 13, 99, 200, 255))
  .filter((t) => !KNOWN_INFO_TYPES.has(t));

/** A FID or DFID record (no name). */
export function arbFidRecord(type: 'fid' | 'dfid'): fc.Arbitrary<KernelRecordInput> {
  return fc.record({ type: fc.constant(type), fsid: arbFsid, handle_type: arbHandleType, f_handle: arbHandle });
}

/** A DFID_NAME, OLD_DFID_NAME or NEW_DFID_NAME record. */
export function arbNameRecord(type: 'dfid_name' | 'old_dfid_name' | 'new_dfid_name'): fc.Arbitrary<KernelRecordInput> {
  return fc.record({ type: fc.constant(type), fsid: arbFsid, handle_type: arbHandleType, f_handle: arbHandle, name: arbName });
}

/** A PIDFD record. */
export const arbPidfdRecord: fc.Arbitrary<KernelRecordInput> = fc.record({ type: fc.constant('pidfd' as const), pidfd: arbS32 });

/** An ERROR record. */
export const arbErrorRecord: fc.Arbitrary<KernelRecordInput> = fc.record({ type: fc.constant('error' as const), error: arbS32, error_count: arbU32 });

/** A RANGE record. */
export const arbRangeRecord: fc.Arbitrary<KernelRecordInput> = fc.record({ type: fc.constant('range' as const), offset: arbU64, count: arbU64 });

/** An MNT record. */
export const arbMntRecord: fc.Arbitrary<KernelRecordInput> = fc.record({ type: fc.constant('mnt' as const), mnt_id: arbU64 });

/** A record of an info type the codec does not know, with an arbitrary payload (and header pad). */
export const arbUnknownRecord: fc.Arbitrary<KernelRecordInput> = fc.record(
  { type: fc.constant('unknown' as const), info_type: arbUnknownInfoType, pad: fc.integer({ min: 0, max: 255 }), data: fc.uint8Array({ maxLength: 64 }) },
  { requiredKeys: ['type', 'info_type', 'data'] },
);

/** One record of any type. */
export const arbRecord: fc.Arbitrary<KernelRecordInput> = fc.oneof(
  arbFidRecord('fid'),
  arbFidRecord('dfid'),
  arbNameRecord('dfid_name'),
  arbNameRecord('old_dfid_name'),
  arbNameRecord('new_dfid_name'),
  arbPidfdRecord,
  arbErrorRecord,
  arbRangeRecord,
  arbMntRecord,
  arbUnknownRecord,
);

/** An event with any combination of records (0..6, any order, repeats allowed). */
export const arbEvent: fc.Arbitrary<KernelEventInput> = fc.record({
  mask: arbMask,
  fd: arbS32,
  pid: arbS32,
  info: fc.array(arbRecord, { maxLength: 6 }),
});

const bit = eventBits.entries;
const optionalPidfd = fc.option(arbPidfdRecord, { nil: undefined });
const present = <T>(...xs: (T | undefined)[]): T[] => xs.filter((x): x is T => x !== undefined);

/**
 * Events shaped as Linux 6.18 emits them (kernel-fanotify.md §3.3–3.4): overflow, fd-mode and
 * permission events, every fid reporting mode, FS_ERROR, mount and pre-content events, each
 * with the optional PIDFD record in the kernel's record order.
 */
export const arbKernelShapedEvent: fc.Arbitrary<KernelEventInput> = fc.oneof(
  // FAN_Q_OVERFLOW: no fid record even in fid groups; pid 0.
  fc.record({ mask: fc.constant(bit.FAN_Q_OVERFLOW.value), fd: fc.constantFrom(-1, -9), pid: fc.constant(0), pidfd: optionalPidfd }).map(({ pidfd, ...e }) => ({ ...e, info: present(pidfd) })),
  // fd mode (and content permission events): an open fd, maybe a PIDFD.
  fc
    .record({ mask: fc.constantFrom(0x30n, 0x20n, 0x8n, 0x1n, bit.FAN_OPEN_PERM.value), fd: fc.nat(1 << 20), pid: fc.nat(1 << 22), pidfd: optionalPidfd })
    .map(({ pidfd, ...e }) => ({ ...e, info: present(pidfd) })),
  // fid modes: [dir record][new-dir record][object record][PIDFD].
  fc
    .record({
      mask: fc.constantFrom(0x40000100n, 0x100n, 0x20n, 0x10000000n, 0x40000020n, 0x400n, 0x12cn),
      pid: fc.nat(1 << 22),
      dir: fc.option(fc.oneof(arbNameRecord('dfid_name'), arbFidRecord('dfid'), arbNameRecord('old_dfid_name')), { nil: undefined }),
      newDir: fc.option(arbNameRecord('new_dfid_name'), { nil: undefined }),
      object: fc.option(arbFidRecord('fid'), { nil: undefined }),
      pidfd: optionalPidfd,
    })
    .map(({ mask, pid, dir, newDir, object, pidfd }) => ({ mask, fd: -1, pid, info: present(dir, newDir, object, pidfd) })),
  // FAN_FS_ERROR: FID (maybe the null handle), PIDFD, ERROR.
  fc
    .record({
      fid: fc.oneof(arbFidRecord('fid'), arbFsid.map((fsid) => ({ type: 'fid' as const, fsid, handle_type: 255, f_handle: new Uint8Array(0) }))),
      pidfd: optionalPidfd,
      error: fc.record({ type: fc.constant('error' as const), error: fc.constantFrom(5, 108, 117), error_count: fc.integer({ min: 1, max: 1000 }) }),
      pid: fc.nat(1 << 22),
    })
    .map(({ fid, pidfd, error, pid }) => ({ mask: bit.FAN_FS_ERROR.value, fd: -1, pid, info: present<KernelRecordInput>(fid, pidfd, error) })),
  // Mount events: [PIDFD] MNT.
  fc
    .record({ mask: fc.constantFrom(0x0100_0000n, 0x0200_0000n, 0x0300_0000n), pidfd: optionalPidfd, mnt: arbMntRecord, pid: fc.nat(1 << 22) })
    .map(({ mask, pidfd, mnt, pid }) => ({ mask, fd: -1, pid, info: present(pidfd, mnt) })),
  // FAN_PRE_ACCESS: [PIDFD] RANGE.
  fc
    .record({ pidfd: optionalPidfd, range: arbRangeRecord, fd: fc.nat(1 << 20), pid: fc.nat(1 << 22) })
    .map(({ pidfd, range, fd, pid }) => ({ mask: bit.FAN_PRE_ACCESS.value, fd, pid, info: present(pidfd, range) })),
);

/** Events of either kind: arbitrary combinations and kernel-shaped ones. */
export const arbAnyEvent: fc.Arbitrary<KernelEventInput> = fc.oneof(arbEvent, arbKernelShapedEvent);

/** Several events, as one `read()` returns them (0..8 events). */
export const arbEvents: fc.Arbitrary<KernelEventInput[]> = fc.array(arbAnyEvent, { maxLength: 8 });

/** A stream: the events and their encoding (little-endian). */
export interface EncodedStream {
  readonly events: KernelEventInput[];
  readonly bytes: Uint8Array;
}

/** Valid streams of 1..8 events with their little-endian encoding. */
export const arbEncodedStream: fc.Arbitrary<EncodedStream> = fc
  .array(arbAnyEvent, { minLength: 1, maxLength: 8 })
  .map((events) => ({ events, bytes: encodeEvents(events, { byteOrder: 'little' }) }));
