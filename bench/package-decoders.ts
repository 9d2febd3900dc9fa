/**
 * The package under test, through its public API only: the zero-copy flyweight iteration and the
 * plain-object decode, each touching every field of every record.
 */
import { decodeEventObjects, decodeEvents, eventCursor, type EventView } from '../src/index.js';
import type { Checksum } from './checksum.js';

const FLYWEIGHT = { reuseViews: true } as const;

/** Touches every field of one event view and its records; returns the mask (the live consumer tests it for overflow). */
export function touchEvent(ev: EventView, ck: Checksum): bigint {
  const mask = ev.mask;
  ck.event(ev.event_len, ev.vers, ev.reserved, ev.metadata_len, ev.fd, ev.pid);
  ck.u64(mask);
  for (const r of ev.records()) {
    ck.header(r.info_type, r.pad, r.len);
    switch (r.type) {
      case 'fid':
      case 'dfid': {
        const fsid = r.fsid;
        ck.fid(fsid[0], fsid[1], r.handle_bytes, r.handle_type, r.f_handle);
        break;
      }
      case 'dfid_name':
      case 'old_dfid_name':
      case 'new_dfid_name': {
        const fsid = r.fsid;
        ck.fid(fsid[0], fsid[1], r.handle_bytes, r.handle_type, r.f_handle);
        ck.bytes(r.name);
        break;
      }
      case 'pidfd':
        ck.n(r.pidfd);
        break;
      case 'error':
        ck.n(r.error);
        ck.n(r.error_count);
        break;
      case 'range':
        ck.n(r.range_pad);
        ck.u64(r.offset);
        ck.u64(r.count);
        break;
      case 'mnt':
        ck.u64(r.mnt_id);
        break;
      case 'unknown':
        ck.bytes(r.data);
        break;
    }
  }
  return mask;
}

// One cursor re-pointed at each batch, as a reader re-points it at each read() (reset).
const CURSOR = eventCursor(new Uint8Array(0));

/** The cursor read path: every field as numbers and offsets, nothing allocated. */
export function decodeCursor(u8: Uint8Array, ck: Checksum): void {
  const c = CURSOR.reset(u8);
  const buf = c.buffer;
  while (c.nextEvent()) {
    ck.event(c.event_len, c.vers, c.reserved, c.metadata_len, c.fd, c.pid);
    ck.u64Words(c.mask_lo, c.mask_hi);
    for (let r = c.nextRecord(); r !== null; r = c.nextRecord()) {
      ck.header(r.info_type, r.pad, r.len);
      switch (r.type) {
        case 'fid':
        case 'dfid':
          ck.n((r.fsid_0 + r.fsid_1 + r.handle_bytes + r.handle_type) | 0);
          ck.span(buf, r.f_handle_start, r.f_handle_length);
          break;
        case 'dfid_name':
        case 'old_dfid_name':
        case 'new_dfid_name':
          ck.n((r.fsid_0 + r.fsid_1 + r.handle_bytes + r.handle_type) | 0);
          ck.span(buf, r.f_handle_start, r.f_handle_length);
          ck.span(buf, r.name_start, r.name_length);
          break;
        case 'pidfd':
          ck.n(r.pidfd);
          break;
        case 'error':
          ck.n(r.error);
          ck.n(r.error_count);
          break;
        case 'range':
          ck.n(r.range_pad);
          ck.u64Words(r.offset_lo, r.offset_hi);
          ck.u64Words(r.count_lo, r.count_hi);
          break;
        case 'mnt':
          ck.u64Words(r.mnt_id_lo, r.mnt_id_hi);
          break;
        case 'unknown':
          ck.span(buf, r.data_start, r.data_length);
          break;
      }
    }
  }
}

export function decodeZeroCopy(u8: Uint8Array, ck: Checksum): void {
  for (const ev of decodeEvents(u8, FLYWEIGHT)) touchEvent(ev, ck);
}

// The same walk as touchEvent, over plain objects. Kept separate on purpose: one function fed
// both views and objects would be polymorphic in V8 and slow down both rows of the table.
export function decodeObjects(u8: Uint8Array, ck: Checksum): void {
  for (const ev of decodeEventObjects(u8)) {
    ck.event(ev.event_len, ev.vers, ev.reserved, ev.metadata_len, ev.fd, ev.pid);
    ck.u64(ev.mask);
    for (const r of ev.info) {
      ck.header(r.info_type, r.pad, r.len);
      switch (r.type) {
        case 'fid':
        case 'dfid':
          ck.fid(r.fsid[0], r.fsid[1], r.handle_bytes, r.handle_type, r.f_handle);
          break;
        case 'dfid_name':
        case 'old_dfid_name':
        case 'new_dfid_name':
          ck.fid(r.fsid[0], r.fsid[1], r.handle_bytes, r.handle_type, r.f_handle);
          ck.bytes(r.name);
          break;
        case 'pidfd':
          ck.n(r.pidfd);
          break;
        case 'error':
          ck.n(r.error);
          ck.n(r.error_count);
          break;
        case 'range':
          ck.n(r.range_pad);
          ck.u64(r.offset);
          ck.u64(r.count);
          break;
        case 'mnt':
          ck.u64(r.mnt_id);
          break;
        case 'unknown':
          ck.bytes(r.data);
          break;
      }
    }
  }
}

/**
 * Diagnostic for the allocation table only: the zero-copy path reading every scalar field but
 * not fsid (an array per read), f_handle or name (a subarray per read), to show what the
 * per-record objects cost. Its checksum differs from the others by design.
 */
export function decodeZeroCopyScalars(u8: Uint8Array, ck: Checksum): void {
  for (const ev of decodeEvents(u8, FLYWEIGHT)) {
    ck.event(ev.event_len, ev.vers, ev.reserved, ev.metadata_len, ev.fd, ev.pid);
    ck.u64(ev.mask);
    for (const r of ev.records()) {
      ck.header(r.info_type, r.pad, r.len);
      switch (r.type) {
        case 'fid':
        case 'dfid':
        case 'dfid_name':
        case 'old_dfid_name':
        case 'new_dfid_name':
          ck.n(r.handle_bytes + r.handle_type);
          break;
        case 'pidfd':
          ck.n(r.pidfd);
          break;
        case 'error':
          ck.n(r.error);
          ck.n(r.error_count);
          break;
        case 'range':
          ck.n(r.range_pad);
          ck.u64(r.offset);
          ck.u64(r.count);
          break;
        case 'mnt':
          ck.u64(r.mnt_id);
          break;
        case 'unknown':
          break;
      }
    }
  }
}
