/**
 * The package under test, through its public API only: the zero-copy flyweight iteration and the
 * plain-object decode, each touching every field of every record.
 */
import { decodeEventObjects, decodeEvents, eventCursor, eventWalker, type EventVisitor, type EventView, type KernelRecordSchema, type WalkEvent } from '../src/index.js';
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

type Visit<K extends keyof EventVisitor<KernelRecordSchema>> = Parameters<NonNullable<EventVisitor<KernelRecordSchema>[K]>>[0];
type Ev = WalkEvent<KernelRecordSchema>;
type Named = Visit<'dfid_name'> | Visit<'old_dfid_name'> | Visit<'new_dfid_name'>;

/**
 * The walker's consumer: one method per record type, as a tool that handles each type its own
 * way writes it. The same fields reach the checksum as from the cursor's consumer.
 */
export class ChecksumVisitor implements EventVisitor<KernelRecordSchema> {
  ck: Checksum | undefined;

  event(e: Ev): void {
    const ck = this.ck!;
    ck.event(e.event_len, e.vers, e.reserved, e.metadata_len, e.fd, e.pid);
    ck.u64Words(e.mask_lo, e.mask_hi);
  }
  private fidFields(r: Visit<'fid'> | Visit<'dfid'> | Named, e: Ev): void {
    const ck = this.ck!;
    ck.header(r.info_type, r.pad, r.len);
    ck.n((r.fsid_0 + r.fsid_1 + r.handle_bytes + r.handle_type) | 0);
    ck.span(e.buffer, r.f_handle_start, r.f_handle_length);
  }
  fid(r: Visit<'fid'>, e: Ev): void {
    this.fidFields(r, e);
  }
  dfid(r: Visit<'dfid'>, e: Ev): void {
    this.fidFields(r, e);
  }
  private named(r: Named, e: Ev): void {
    this.fidFields(r, e);
    this.ck!.span(e.buffer, r.name_start, r.name_length);
  }
  dfid_name(r: Visit<'dfid_name'>, e: Ev): void {
    this.named(r, e);
  }
  old_dfid_name(r: Visit<'old_dfid_name'>, e: Ev): void {
    this.named(r, e);
  }
  new_dfid_name(r: Visit<'new_dfid_name'>, e: Ev): void {
    this.named(r, e);
  }
  pidfd(r: Visit<'pidfd'>): void {
    this.ck!.header(r.info_type, r.pad, r.len);
    this.ck!.n(r.pidfd);
  }
  error(r: Visit<'error'>): void {
    const ck = this.ck!;
    ck.header(r.info_type, r.pad, r.len);
    ck.n(r.error);
    ck.n(r.error_count);
  }
  range(r: Visit<'range'>): void {
    const ck = this.ck!;
    ck.header(r.info_type, r.pad, r.len);
    ck.n(r.range_pad);
    ck.u64Words(r.offset_lo, r.offset_hi);
    ck.u64Words(r.count_lo, r.count_hi);
  }
  mnt(r: Visit<'mnt'>): void {
    this.ck!.header(r.info_type, r.pad, r.len);
    this.ck!.u64Words(r.mnt_id_lo, r.mnt_id_hi);
  }
  unknown(r: Visit<'unknown'>, e: Ev): void {
    this.ck!.header(r.info_type, r.pad, r.len);
    this.ck!.span(e.buffer, r.data_start, r.data_length);
  }
}

// One walker for the whole run, as a reader keeps one: it is compiled for its visitor.
const VISITOR = new ChecksumVisitor();
const WALKER = eventWalker(VISITOR);

/** The walker read path: the same values as the cursor, the loop run by the package. */
export function decodeWalker(u8: Uint8Array, ck: Checksum): void {
  VISITOR.ck = ck;
  WALKER.walk(u8);
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
