/**
 * What decoding the encoding of an input must give: the input with every computed field filled
 * in (lengths, `info_type`, defaults), names as bytes and 64-bit values as `bigint`. Lengths come
 * from the kernel formulas in kernel-lengths.ts, not from the codec, so the round-trip property
 * also checks the encoder's arithmetic.
 */
import type { EventInput, EventValue, KernelRecordSchema, RecordInputOf, RecordValueOf } from '../../src/index.js';
import { FAN_EVENT_METADATA_LEN, fidInfoLen, FIXED_RECORD_LEN } from './kernel-lengths.js';

/** Encoder input of the kernel codec. */
export type KernelEventInput = EventInput<KernelRecordSchema>;
/** Record input of the kernel codec. */
export type KernelRecordInput = RecordInputOf<KernelRecordSchema>;
/** Decoded event of the kernel codec. */
export type KernelEventValue = EventValue<KernelRecordSchema>;
/** Decoded record of the kernel codec. */
export type KernelRecordValue = RecordValueOf<KernelRecordSchema>;

const INFO_TYPE = { fid: 1, dfid_name: 2, dfid: 3, pidfd: 4, error: 5, range: 6, mnt: 7, old_dfid_name: 10, new_dfid_name: 12 } as const;

const utf8 = new TextEncoder();

function nameBytes(name: string | Uint8Array): Uint8Array {
  return typeof name === 'string' ? utf8.encode(name) : Uint8Array.from(name);
}

/** The decoded value of one record input. */
export function expectedRecord(input: KernelRecordInput): KernelRecordValue {
  const pad = input.pad ?? 0;
  switch (input.type) {
    case 'fid':
    case 'dfid': {
      const f_handle = Uint8Array.from(input.f_handle);
      return {
        type: input.type,
        info_type: INFO_TYPE[input.type],
        pad,
        len: fidInfoLen(f_handle.length, 0),
        fsid: [input.fsid[0], input.fsid[1]],
        handle_bytes: f_handle.length,
        handle_type: input.handle_type,
        f_handle,
      };
    }
    case 'dfid_name':
    case 'old_dfid_name':
    case 'new_dfid_name': {
      const f_handle = Uint8Array.from(input.f_handle);
      const name = nameBytes(input.name);
      return {
        type: input.type,
        info_type: INFO_TYPE[input.type],
        pad,
        len: fidInfoLen(f_handle.length, name.length),
        fsid: [input.fsid[0], input.fsid[1]],
        handle_bytes: f_handle.length,
        handle_type: input.handle_type,
        f_handle,
        name,
      };
    }
    case 'pidfd':
      return { type: 'pidfd', info_type: INFO_TYPE.pidfd, pad, len: FIXED_RECORD_LEN.pidfd, pidfd: input.pidfd };
    case 'error':
      return { type: 'error', info_type: INFO_TYPE.error, pad, len: FIXED_RECORD_LEN.error, error: input.error, error_count: input.error_count };
    case 'range':
      return {
        type: 'range',
        info_type: INFO_TYPE.range,
        pad,
        len: FIXED_RECORD_LEN.range,
        range_pad: input.range_pad ?? 0,
        offset: BigInt(input.offset),
        count: BigInt(input.count),
      };
    case 'mnt':
      return { type: 'mnt', info_type: INFO_TYPE.mnt, pad, len: FIXED_RECORD_LEN.mnt, mnt_id: BigInt(input.mnt_id) };
    case 'unknown': {
      // Unknown records are kept verbatim: len is the header plus the data, no alignment.
      const data = Uint8Array.from(input.data);
      return { type: 'unknown', info_type: input.info_type, pad, len: 4 + data.length, data };
    }
  }
}

/** The decoded value of one event input. */
export function expectedEvent(input: KernelEventInput): KernelEventValue {
  const info = (input.info ?? []).map(expectedRecord);
  return {
    event_len: FAN_EVENT_METADATA_LEN + info.reduce((n, r) => n + r.len, 0),
    vers: input.vers ?? 3,
    reserved: input.reserved ?? 0,
    metadata_len: input.metadata_len ?? FAN_EVENT_METADATA_LEN,
    mask: BigInt(input.mask),
    fd: input.fd,
    pid: input.pid,
    info,
  };
}

/** Total encoded size of `events`, from the kernel formulas. */
export function expectedStreamLength(events: readonly KernelEventInput[]): number {
  return events.reduce((n, e) => n + expectedEvent(e).event_len, 0);
}

/**
 * The same input with every computed field given explicitly and correctly (what a caller that
 * copies a decoded value back into the encoder passes): the encoder must accept it unchanged.
 */
export function withExplicitLengths(input: KernelEventInput): KernelEventInput {
  const value = expectedEvent(input);
  return {
    ...input,
    event_len: value.event_len,
    info: (input.info ?? []).map((r, j) => {
      const v = value.info[j]!;
      const explicit: Record<string, unknown> = { ...r, info_type: v.info_type, len: v.len };
      if ('handle_bytes' in v) explicit['handle_bytes'] = v.handle_bytes;
      return explicit as unknown as KernelRecordInput;
    }),
  };
}
