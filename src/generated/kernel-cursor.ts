// Generated from spec/ by spec/codegen. Do not edit: run `npm run generate`.
/* eslint-disable */
import type { CursorClass, CursorDeps, SlotSink } from '../codec/cursor.js';

/** The cursor class of the kernel codec (fid, dfid_name, dfid, pidfd, error, range, mnt, old_dfid_name, new_dfid_name, unknown). @internal */
export function kernelCursorClass(deps: CursorDeps): CursorClass {
  // fanotify-codec kernel cursor
  const TYPES: string[] = new Array(256).fill('unknown');
  TYPES[1] = "fid";
  TYPES[2] = "dfid_name";
  TYPES[3] = "dfid";
  TYPES[4] = "pidfd";
  TYPES[5] = "error";
  TYPES[6] = "range";
  TYPES[7] = "mnt";
  TYPES[10] = "old_dfid_name";
  TYPES[12] = "new_dfid_name";
  function read_0(r: Rec, dv: DataView, u8: Uint8Array, o: number, end: number, le: boolean, w: Int32Array): boolean {
    const t = dv.getUint8(o);
    r.type = TYPES[t]!; r.info_type = t; r.pad = dv.getUint8(o + 1); r.len = end - o; r.byteOffset = o;
    if (end - o < 20) return false;
    r.fsid_0 = dv.getInt32(o + 4, le);
    r.fsid_1 = dv.getInt32(o + 8, le);
    r.handle_bytes = dv.getUint32(o + 12, le);
    r.handle_type = dv.getInt32(o + 16, le);
    let c = o + 20;
    const n_f_handle = r.handle_bytes;
    if (n_f_handle > end - c) return false;
    r.f_handle_start = c; r.f_handle_length = n_f_handle; c += n_f_handle;
    if (end - o !== ((c - o + 3) & -4)) return false;
    for (let i = c; i < end; i++) if (u8[i] !== 0) return false;
    return true;
  }
  function read_1(r: Rec, dv: DataView, u8: Uint8Array, o: number, end: number, le: boolean, w: Int32Array): boolean {
    const t = dv.getUint8(o);
    r.type = TYPES[t]!; r.info_type = t; r.pad = dv.getUint8(o + 1); r.len = end - o; r.byteOffset = o;
    if (end - o < 20) return false;
    r.fsid_0 = dv.getInt32(o + 4, le);
    r.fsid_1 = dv.getInt32(o + 8, le);
    r.handle_bytes = dv.getUint32(o + 12, le);
    r.handle_type = dv.getInt32(o + 16, le);
    let c = o + 20;
    const n_f_handle = r.handle_bytes;
    if (n_f_handle > end - c) return false;
    r.f_handle_start = c; r.f_handle_length = n_f_handle; c += n_f_handle;
    let z_name = c;
    while (z_name + 4 <= end) { const w = dv.getInt32(z_name, true); if (((w - 0x01010101) & ~w & 0x80808080) !== 0) break; z_name += 4; }
    while (z_name < end && u8[z_name] !== 0) z_name++;
    if (z_name >= end || z_name - c < 1) return false;
    r.name_start = c; r.name_length = z_name - c; c = z_name + 1;
    if (end - o !== ((c - o + 3) & -4)) return false;
    for (let i = c; i < end; i++) if (u8[i] !== 0) return false;
    return true;
  }
  function read_2(r: Rec, dv: DataView, u8: Uint8Array, o: number, end: number, le: boolean, w: Int32Array): boolean {
    const t = dv.getUint8(o);
    r.type = TYPES[t]!; r.info_type = t; r.pad = dv.getUint8(o + 1); r.len = end - o; r.byteOffset = o;
    if (end - o !== 8) return false;
    r.pidfd = dv.getInt32(o + 4, le);
    return true;
  }
  function read_3(r: Rec, dv: DataView, u8: Uint8Array, o: number, end: number, le: boolean, w: Int32Array): boolean {
    const t = dv.getUint8(o);
    r.type = TYPES[t]!; r.info_type = t; r.pad = dv.getUint8(o + 1); r.len = end - o; r.byteOffset = o;
    if (end - o !== 12) return false;
    r.error = dv.getInt32(o + 4, le);
    r.error_count = dv.getUint32(o + 8, le);
    return true;
  }
  function read_4(r: Rec, dv: DataView, u8: Uint8Array, o: number, end: number, le: boolean, w: Int32Array): boolean {
    const t = dv.getUint8(o);
    r.type = TYPES[t]!; r.info_type = t; r.pad = dv.getUint8(o + 1); r.len = end - o; r.byteOffset = o;
    if (end - o !== 24) return false;
    r.range_pad = dv.getUint32(o + 4, le);
    { const lo = (le ? dv.getUint32(o + 8, true) : dv.getUint32(o + 12, false));
      const hi = (le ? dv.getUint32(o + 12, true) : dv.getUint32(o + 8, false));
      r.offset_lo = lo; r.offset_hi = hi; }
    { const lo = (le ? dv.getUint32(o + 16, true) : dv.getUint32(o + 20, false));
      const hi = (le ? dv.getUint32(o + 20, true) : dv.getUint32(o + 16, false));
      r.count_lo = lo; r.count_hi = hi; }
    return true;
  }
  function read_5(r: Rec, dv: DataView, u8: Uint8Array, o: number, end: number, le: boolean, w: Int32Array): boolean {
    const t = dv.getUint8(o);
    r.type = TYPES[t]!; r.info_type = t; r.pad = dv.getUint8(o + 1); r.len = end - o; r.byteOffset = o;
    if (end - o !== 16) return false;
    if (dv.getUint32(o + 4, le) !== 0) return false;
    { const lo = (le ? dv.getUint32(o + 8, true) : dv.getUint32(o + 12, false));
      const hi = (le ? dv.getUint32(o + 12, true) : dv.getUint32(o + 8, false));
      r.mnt_id_lo = lo; r.mnt_id_hi = hi; }
    return true;
  }
  function read_6(r: Rec, dv: DataView, u8: Uint8Array, o: number, end: number, le: boolean, w: Int32Array): boolean {
    const t = dv.getUint8(o);
    r.type = TYPES[t]!; r.info_type = t; r.pad = dv.getUint8(o + 1); r.len = end - o; r.byteOffset = o;
    if (end - o < 4) return false;
    let c = o + 4;
    r.data_start = c; r.data_length = end - c; c = end;
    if (end - o !== (c - o)) return false;
    for (let i = c; i < end; i++) if (u8[i] !== 0) return false;
    return true;
  }
  const READERS: ((r: Rec, dv: DataView, u8: Uint8Array, o: number, end: number, le: boolean, w: Int32Array) => boolean)[] = new Array(256).fill(read_6);
  READERS[1] = read_0;
  READERS[3] = read_0;
  READERS[2] = read_1;
  READERS[10] = read_1;
  READERS[12] = read_1;
  READERS[4] = read_2;
  READERS[5] = read_3;
  READERS[6] = read_4;
  READERS[7] = read_5;
  function wread_0(r: Rec, dv: DataView, u8: Uint8Array, o: number, end: number, le: boolean, w: Int32Array): boolean {
    const t = u8[o]!;
    r.type = TYPES[t]!; r.info_type = t; r.pad = u8[o + 1]!; r.len = end - o; r.byteOffset = o;
    if (end - o < 20) return false;
    r.fsid_0 = w[(o + 4) >>> 2]!;
    r.fsid_1 = w[(o + 8) >>> 2]!;
    r.handle_bytes = (w[(o + 12) >>> 2]! >>> 0);
    r.handle_type = w[(o + 16) >>> 2]!;
    let c = o + 20;
    const n_f_handle = r.handle_bytes;
    if (n_f_handle > end - c) return false;
    r.f_handle_start = c; r.f_handle_length = n_f_handle; c += n_f_handle;
    if (end - o !== ((c - o + 3) & -4)) return false;
    for (let i = c; i < end; i++) if (u8[i] !== 0) return false;
    return true;
  }
  function wread_1(r: Rec, dv: DataView, u8: Uint8Array, o: number, end: number, le: boolean, w: Int32Array): boolean {
    const t = u8[o]!;
    r.type = TYPES[t]!; r.info_type = t; r.pad = u8[o + 1]!; r.len = end - o; r.byteOffset = o;
    if (end - o < 20) return false;
    r.fsid_0 = w[(o + 4) >>> 2]!;
    r.fsid_1 = w[(o + 8) >>> 2]!;
    r.handle_bytes = (w[(o + 12) >>> 2]! >>> 0);
    r.handle_type = w[(o + 16) >>> 2]!;
    let c = o + 20;
    const n_f_handle = r.handle_bytes;
    if (n_f_handle > end - c) return false;
    r.f_handle_start = c; r.f_handle_length = n_f_handle; c += n_f_handle;
    let z_name = c;
    while (z_name + 4 <= end) { const w = dv.getInt32(z_name, true); if (((w - 0x01010101) & ~w & 0x80808080) !== 0) break; z_name += 4; }
    while (z_name < end && u8[z_name] !== 0) z_name++;
    if (z_name >= end || z_name - c < 1) return false;
    r.name_start = c; r.name_length = z_name - c; c = z_name + 1;
    if (end - o !== ((c - o + 3) & -4)) return false;
    for (let i = c; i < end; i++) if (u8[i] !== 0) return false;
    return true;
  }
  function wread_2(r: Rec, dv: DataView, u8: Uint8Array, o: number, end: number, le: boolean, w: Int32Array): boolean {
    const t = u8[o]!;
    r.type = TYPES[t]!; r.info_type = t; r.pad = u8[o + 1]!; r.len = end - o; r.byteOffset = o;
    if (end - o !== 8) return false;
    r.pidfd = w[(o + 4) >>> 2]!;
    return true;
  }
  function wread_3(r: Rec, dv: DataView, u8: Uint8Array, o: number, end: number, le: boolean, w: Int32Array): boolean {
    const t = u8[o]!;
    r.type = TYPES[t]!; r.info_type = t; r.pad = u8[o + 1]!; r.len = end - o; r.byteOffset = o;
    if (end - o !== 12) return false;
    r.error = w[(o + 4) >>> 2]!;
    r.error_count = (w[(o + 8) >>> 2]! >>> 0);
    return true;
  }
  function wread_4(r: Rec, dv: DataView, u8: Uint8Array, o: number, end: number, le: boolean, w: Int32Array): boolean {
    const t = u8[o]!;
    r.type = TYPES[t]!; r.info_type = t; r.pad = u8[o + 1]!; r.len = end - o; r.byteOffset = o;
    if (end - o !== 24) return false;
    r.range_pad = (w[(o + 4) >>> 2]! >>> 0);
    { const lo = (w[(o + 8) >>> 2]! >>> 0);
      const hi = (w[(o + 12) >>> 2]! >>> 0);
      r.offset_lo = lo; r.offset_hi = hi; }
    { const lo = (w[(o + 16) >>> 2]! >>> 0);
      const hi = (w[(o + 20) >>> 2]! >>> 0);
      r.count_lo = lo; r.count_hi = hi; }
    return true;
  }
  function wread_5(r: Rec, dv: DataView, u8: Uint8Array, o: number, end: number, le: boolean, w: Int32Array): boolean {
    const t = u8[o]!;
    r.type = TYPES[t]!; r.info_type = t; r.pad = u8[o + 1]!; r.len = end - o; r.byteOffset = o;
    if (end - o !== 16) return false;
    if ((w[(o + 4) >>> 2]! >>> 0) !== 0) return false;
    { const lo = (w[(o + 8) >>> 2]! >>> 0);
      const hi = (w[(o + 12) >>> 2]! >>> 0);
      r.mnt_id_lo = lo; r.mnt_id_hi = hi; }
    return true;
  }
  function wread_6(r: Rec, dv: DataView, u8: Uint8Array, o: number, end: number, le: boolean, w: Int32Array): boolean {
    const t = u8[o]!;
    r.type = TYPES[t]!; r.info_type = t; r.pad = u8[o + 1]!; r.len = end - o; r.byteOffset = o;
    if (end - o < 4) return false;
    let c = o + 4;
    r.data_start = c; r.data_length = end - c; c = end;
    if (end - o !== (c - o)) return false;
    for (let i = c; i < end; i++) if (u8[i] !== 0) return false;
    return true;
  }
  const WREADERS: ((r: Rec, dv: DataView, u8: Uint8Array, o: number, end: number, le: boolean, w: Int32Array) => boolean)[] = new Array(256).fill(wread_6);
  WREADERS[1] = wread_0;
  WREADERS[3] = wread_0;
  WREADERS[2] = wread_1;
  WREADERS[10] = wread_1;
  WREADERS[12] = wread_1;
  WREADERS[4] = wread_2;
  WREADERS[5] = wread_3;
  WREADERS[6] = wread_4;
  WREADERS[7] = wread_5;
  const ENTRY_IDS = new Uint16Array(256).fill(9);
  ENTRY_IDS[1] = 0;
  ENTRY_IDS[2] = 1;
  ENTRY_IDS[3] = 2;
  ENTRY_IDS[4] = 3;
  ENTRY_IDS[5] = 4;
  ENTRY_IDS[6] = 5;
  ENTRY_IDS[7] = 6;
  ENTRY_IDS[10] = 7;
  ENTRY_IDS[12] = 8;
  function check_0(t: Int32Array, b: number, dv: DataView, u8: Uint8Array, o: number, end: number, le: boolean): boolean {
    if (end - o < 20) return false;
    let c = o + 20;
    const n_f_handle = dv.getUint32(o + 12, le);
    if (n_f_handle > end - c) return false;
    t[b + 3] = c; t[b + 4] = n_f_handle; c += n_f_handle;
    if (end - o !== ((c - o + 3) & -4)) return false;
    for (let i = c; i < end; i++) if (u8[i] !== 0) return false;
    t[b + 0] = o; t[b + 1] = end - o; t[b + 2] = ENTRY_IDS[u8[o]!]!;
    return true;
  }
  function check_1(t: Int32Array, b: number, dv: DataView, u8: Uint8Array, o: number, end: number, le: boolean): boolean {
    if (end - o < 20) return false;
    let c = o + 20;
    const n_f_handle = dv.getUint32(o + 12, le);
    if (n_f_handle > end - c) return false;
    t[b + 3] = c; t[b + 4] = n_f_handle; c += n_f_handle;
    let z_name = c;
    while (z_name + 4 <= end) { const w = dv.getInt32(z_name, true); if (((w - 0x01010101) & ~w & 0x80808080) !== 0) break; z_name += 4; }
    while (z_name < end && u8[z_name] !== 0) z_name++;
    if (z_name >= end || z_name - c < 1) return false;
    t[b + 5] = c; t[b + 6] = z_name - c; c = z_name + 1;
    if (end - o !== ((c - o + 3) & -4)) return false;
    for (let i = c; i < end; i++) if (u8[i] !== 0) return false;
    t[b + 0] = o; t[b + 1] = end - o; t[b + 2] = ENTRY_IDS[u8[o]!]!;
    return true;
  }
  function check_2(t: Int32Array, b: number, dv: DataView, u8: Uint8Array, o: number, end: number, le: boolean): boolean {
    if (end - o !== 8) return false;
    t[b + 0] = o; t[b + 1] = end - o; t[b + 2] = ENTRY_IDS[u8[o]!]!;
    return true;
  }
  function check_3(t: Int32Array, b: number, dv: DataView, u8: Uint8Array, o: number, end: number, le: boolean): boolean {
    if (end - o !== 12) return false;
    t[b + 0] = o; t[b + 1] = end - o; t[b + 2] = ENTRY_IDS[u8[o]!]!;
    return true;
  }
  function check_4(t: Int32Array, b: number, dv: DataView, u8: Uint8Array, o: number, end: number, le: boolean): boolean {
    if (end - o !== 24) return false;
    t[b + 0] = o; t[b + 1] = end - o; t[b + 2] = ENTRY_IDS[u8[o]!]!;
    return true;
  }
  function check_5(t: Int32Array, b: number, dv: DataView, u8: Uint8Array, o: number, end: number, le: boolean): boolean {
    if (end - o !== 16) return false;
    if (dv.getUint32(o + 4, le) !== 0) return false;
    t[b + 0] = o; t[b + 1] = end - o; t[b + 2] = ENTRY_IDS[u8[o]!]!;
    return true;
  }
  function check_6(t: Int32Array, b: number, dv: DataView, u8: Uint8Array, o: number, end: number, le: boolean): boolean {
    if (end - o < 4) return false;
    let c = o + 4;
    t[b + 3] = c; t[b + 4] = end - c; c = end;
    if (end - o !== (c - o)) return false;
    for (let i = c; i < end; i++) if (u8[i] !== 0) return false;
    t[b + 0] = o; t[b + 1] = end - o; t[b + 2] = ENTRY_IDS[u8[o]!]!;
    return true;
  }
  function wcheck_0(t: Int32Array, b: number, dv: DataView, u8: Uint8Array, o: number, end: number, le: boolean, w: Int32Array): boolean {
    if (end - o < 20) return false;
    let c = o + 20;
    const n_f_handle = (w[(o + 12) >>> 2]! >>> 0);
    if (n_f_handle > end - c) return false;
    t[b + 3] = c; t[b + 4] = n_f_handle; c += n_f_handle;
    if (end - o !== ((c - o + 3) & -4)) return false;
    for (let i = c; i < end; i++) if (u8[i] !== 0) return false;
    t[b + 0] = o; t[b + 1] = end - o; t[b + 2] = ENTRY_IDS[u8[o]!]!;
    return true;
  }
  function wcheck_1(t: Int32Array, b: number, dv: DataView, u8: Uint8Array, o: number, end: number, le: boolean, w: Int32Array): boolean {
    if (end - o < 20) return false;
    let c = o + 20;
    const n_f_handle = (w[(o + 12) >>> 2]! >>> 0);
    if (n_f_handle > end - c) return false;
    t[b + 3] = c; t[b + 4] = n_f_handle; c += n_f_handle;
    let z_name = c;
    while (z_name + 4 <= end) { const w = dv.getInt32(z_name, true); if (((w - 0x01010101) & ~w & 0x80808080) !== 0) break; z_name += 4; }
    while (z_name < end && u8[z_name] !== 0) z_name++;
    if (z_name >= end || z_name - c < 1) return false;
    t[b + 5] = c; t[b + 6] = z_name - c; c = z_name + 1;
    if (end - o !== ((c - o + 3) & -4)) return false;
    for (let i = c; i < end; i++) if (u8[i] !== 0) return false;
    t[b + 0] = o; t[b + 1] = end - o; t[b + 2] = ENTRY_IDS[u8[o]!]!;
    return true;
  }
  function wcheck_2(t: Int32Array, b: number, dv: DataView, u8: Uint8Array, o: number, end: number, le: boolean, w: Int32Array): boolean {
    if (end - o !== 8) return false;
    t[b + 0] = o; t[b + 1] = end - o; t[b + 2] = ENTRY_IDS[u8[o]!]!;
    return true;
  }
  function wcheck_3(t: Int32Array, b: number, dv: DataView, u8: Uint8Array, o: number, end: number, le: boolean, w: Int32Array): boolean {
    if (end - o !== 12) return false;
    t[b + 0] = o; t[b + 1] = end - o; t[b + 2] = ENTRY_IDS[u8[o]!]!;
    return true;
  }
  function wcheck_4(t: Int32Array, b: number, dv: DataView, u8: Uint8Array, o: number, end: number, le: boolean, w: Int32Array): boolean {
    if (end - o !== 24) return false;
    t[b + 0] = o; t[b + 1] = end - o; t[b + 2] = ENTRY_IDS[u8[o]!]!;
    return true;
  }
  function wcheck_5(t: Int32Array, b: number, dv: DataView, u8: Uint8Array, o: number, end: number, le: boolean, w: Int32Array): boolean {
    if (end - o !== 16) return false;
    if ((w[(o + 4) >>> 2]! >>> 0) !== 0) return false;
    t[b + 0] = o; t[b + 1] = end - o; t[b + 2] = ENTRY_IDS[u8[o]!]!;
    return true;
  }
  function wcheck_6(t: Int32Array, b: number, dv: DataView, u8: Uint8Array, o: number, end: number, le: boolean, w: Int32Array): boolean {
    if (end - o < 4) return false;
    let c = o + 4;
    t[b + 3] = c; t[b + 4] = end - c; c = end;
    if (end - o !== (c - o)) return false;
    for (let i = c; i < end; i++) if (u8[i] !== 0) return false;
    t[b + 0] = o; t[b + 1] = end - o; t[b + 2] = ENTRY_IDS[u8[o]!]!;
    return true;
  }
  function frame(dv: DataView, u8: Uint8Array, o: number, end: number, le: boolean, s: SlotSink, w: Int32Array | undefined): number {
    if (w === undefined || (o & 3) !== 0) return frameView(dv, u8, o, end, le, s);
    const n = end - o < 24 ? 0 : (w[o >>> 2]! >>> 0);
    if (n < 24 || n > end - o || (w[(o + 4) >>> 2]! & -65281) !== 1572867) return -1;
    const e = o + n;
    let p = o + 24;
    let j = 0;
    while (p < e) {
      if ((p & 3) !== 0) return frameView(dv, u8, o, end, le, s);
      const len = e - p < 4 ? 0 : (w[p >>> 2]! >>> 16);
      if (len < 4 || len > e - p) return -1;
      const b = s.base(j++);
      let ok = false;
      switch (u8[p]) {
        case 1: case 3:
          ok = wcheck_0(s.table, b, dv, u8, p, p + len, le, w);
          break;
        case 2: case 10: case 12:
          ok = wcheck_1(s.table, b, dv, u8, p, p + len, le, w);
          break;
        case 4:
          ok = wcheck_2(s.table, b, dv, u8, p, p + len, le, w);
          break;
        case 5:
          ok = wcheck_3(s.table, b, dv, u8, p, p + len, le, w);
          break;
        case 6:
          ok = wcheck_4(s.table, b, dv, u8, p, p + len, le, w);
          break;
        case 7:
          ok = wcheck_5(s.table, b, dv, u8, p, p + len, le, w);
          break;
        default:
          ok = wcheck_6(s.table, b, dv, u8, p, p + len, le, w);
          break;
      }
      if (!ok) return -1;
      p += len;
    }
    s.count = j;
    return n;
  }
  function frameView(dv: DataView, u8: Uint8Array, o: number, end: number, le: boolean, s: SlotSink): number {
    const n = end - o < 24 ? 0 : dv.getUint32(o, le);
    if (n < 24 || n > end - o || u8[o + 4] !== 3 || dv.getUint16(o + 6, le) !== 24) return -1;
    const e = o + n;
    let p = o + 24;
    let j = 0;
    while (p < e) {
      const len = e - p < 4 ? 0 : dv.getUint16(p + 2, le);
      if (len < 4 || len > e - p) return -1;
      const b = s.base(j++);
      let ok = false;
      switch (u8[p]) {
        case 1: case 3:
          ok = check_0(s.table, b, dv, u8, p, p + len, le);
          break;
        case 2: case 10: case 12:
          ok = check_1(s.table, b, dv, u8, p, p + len, le);
          break;
        case 4:
          ok = check_2(s.table, b, dv, u8, p, p + len, le);
          break;
        case 5:
          ok = check_3(s.table, b, dv, u8, p, p + len, le);
          break;
        case 6:
          ok = check_4(s.table, b, dv, u8, p, p + len, le);
          break;
        case 7:
          ok = check_5(s.table, b, dv, u8, p, p + len, le);
          break;
        default:
          ok = check_6(s.table, b, dv, u8, p, p + len, le);
          break;
      }
      if (!ok) return -1;
      p += len;
    }
    s.count = j;
    return n;
  }
  function copyOf(u8: Uint8Array, s: number, n: number): Uint8Array {
    if (n > 48) return u8.slice(s, s + n);
    const c = new Uint8Array(n);
    for (let i = 0; i < n; i++) c[i] = u8[s + i]!;
    return c;
  }
  const reusedBigint = deps.reusedBigint;
  const big_event_mask = deps.bigintSlot();
  function object_0(r: Rec, dv: DataView, u8: Uint8Array, le: boolean, copy: boolean): Record<string, unknown> {
    const o = r.byteOffset;
    return {
      type: "fid",
      info_type: r.info_type,
      pad: r.pad,
      len: r.len,
      fsid: [r.fsid_0, r.fsid_1],
      handle_bytes: r.handle_bytes,
      handle_type: r.handle_type,
      f_handle: copy ? copyOf(u8, r.f_handle_start, r.f_handle_length) : u8.subarray(r.f_handle_start, r.f_handle_start + r.f_handle_length),
    };
  }
  function object_1(r: Rec, dv: DataView, u8: Uint8Array, le: boolean, copy: boolean): Record<string, unknown> {
    const o = r.byteOffset;
    return {
      type: "dfid_name",
      info_type: r.info_type,
      pad: r.pad,
      len: r.len,
      fsid: [r.fsid_0, r.fsid_1],
      handle_bytes: r.handle_bytes,
      handle_type: r.handle_type,
      f_handle: copy ? copyOf(u8, r.f_handle_start, r.f_handle_length) : u8.subarray(r.f_handle_start, r.f_handle_start + r.f_handle_length),
      name: copy ? copyOf(u8, r.name_start, r.name_length) : u8.subarray(r.name_start, r.name_start + r.name_length),
    };
  }
  function object_2(r: Rec, dv: DataView, u8: Uint8Array, le: boolean, copy: boolean): Record<string, unknown> {
    const o = r.byteOffset;
    return {
      type: "dfid",
      info_type: r.info_type,
      pad: r.pad,
      len: r.len,
      fsid: [r.fsid_0, r.fsid_1],
      handle_bytes: r.handle_bytes,
      handle_type: r.handle_type,
      f_handle: copy ? copyOf(u8, r.f_handle_start, r.f_handle_length) : u8.subarray(r.f_handle_start, r.f_handle_start + r.f_handle_length),
    };
  }
  function object_3(r: Rec, dv: DataView, u8: Uint8Array, le: boolean, copy: boolean): Record<string, unknown> {
    const o = r.byteOffset;
    return {
      type: "pidfd",
      info_type: r.info_type,
      pad: r.pad,
      len: r.len,
      pidfd: r.pidfd,
    };
  }
  function object_4(r: Rec, dv: DataView, u8: Uint8Array, le: boolean, copy: boolean): Record<string, unknown> {
    const o = r.byteOffset;
    return {
      type: "error",
      info_type: r.info_type,
      pad: r.pad,
      len: r.len,
      error: r.error,
      error_count: r.error_count,
    };
  }
  const big_object_5_offset = deps.bigintSlot();
  const big_object_5_count = deps.bigintSlot();
  function object_5(r: Rec, dv: DataView, u8: Uint8Array, le: boolean, copy: boolean): Record<string, unknown> {
    const o = r.byteOffset;
    return {
      type: "range",
      info_type: r.info_type,
      pad: r.pad,
      len: r.len,
      range_pad: r.range_pad,
      offset: reusedBigint(big_object_5_offset, dv, o + 8, le, false),
      count: reusedBigint(big_object_5_count, dv, o + 16, le, false),
    };
  }
  const big_object_6_mnt_id = deps.bigintSlot();
  function object_6(r: Rec, dv: DataView, u8: Uint8Array, le: boolean, copy: boolean): Record<string, unknown> {
    const o = r.byteOffset;
    return {
      type: "mnt",
      info_type: r.info_type,
      pad: r.pad,
      len: r.len,
      mnt_id: reusedBigint(big_object_6_mnt_id, dv, o + 8, le, false),
    };
  }
  function object_7(r: Rec, dv: DataView, u8: Uint8Array, le: boolean, copy: boolean): Record<string, unknown> {
    const o = r.byteOffset;
    return {
      type: "old_dfid_name",
      info_type: r.info_type,
      pad: r.pad,
      len: r.len,
      fsid: [r.fsid_0, r.fsid_1],
      handle_bytes: r.handle_bytes,
      handle_type: r.handle_type,
      f_handle: copy ? copyOf(u8, r.f_handle_start, r.f_handle_length) : u8.subarray(r.f_handle_start, r.f_handle_start + r.f_handle_length),
      name: copy ? copyOf(u8, r.name_start, r.name_length) : u8.subarray(r.name_start, r.name_start + r.name_length),
    };
  }
  function object_8(r: Rec, dv: DataView, u8: Uint8Array, le: boolean, copy: boolean): Record<string, unknown> {
    const o = r.byteOffset;
    return {
      type: "new_dfid_name",
      info_type: r.info_type,
      pad: r.pad,
      len: r.len,
      fsid: [r.fsid_0, r.fsid_1],
      handle_bytes: r.handle_bytes,
      handle_type: r.handle_type,
      f_handle: copy ? copyOf(u8, r.f_handle_start, r.f_handle_length) : u8.subarray(r.f_handle_start, r.f_handle_start + r.f_handle_length),
      name: copy ? copyOf(u8, r.name_start, r.name_length) : u8.subarray(r.name_start, r.name_start + r.name_length),
    };
  }
  function object_9(r: Rec, dv: DataView, u8: Uint8Array, le: boolean, copy: boolean): Record<string, unknown> {
    const o = r.byteOffset;
    return {
      type: "unknown",
      info_type: r.info_type,
      pad: r.pad,
      len: r.len,
      data: copy ? copyOf(u8, r.data_start, r.data_length) : u8.subarray(r.data_start, r.data_start + r.data_length),
    };
  }
  class Rec extends deps.RecordBase {
    type = '';
    byteOffset = 0;
    info_type = 0;
    pad = 0;
    len = 0;
    fsid_0 = 0;
    fsid_1 = 0;
    handle_bytes = 0;
    handle_type = 0;
    f_handle_start = 0;
    f_handle_length = 0;
    name_start = 0;
    name_length = 0;
    pidfd = 0;
    error = 0;
    error_count = 0;
    range_pad = 0;
    offset_lo = -0;
    offset_hi = -0;
    count_lo = -0;
    count_hi = -0;
    mnt_id_lo = -0;
    mnt_id_hi = -0;
    data_start = 0;
    data_length = 0;
    get offset(): number { return this.offset_hi * 4294967296 + this.offset_lo; }
    get count(): number { return this.count_hi * 4294967296 + this.count_lo; }
    get mnt_id(): number { return this.mnt_id_hi * 4294967296 + this.mnt_id_lo; }
    _object(copy: boolean): Record<string, unknown> {
      switch (this.info_type) {
        case 1: return object_0(this, this._dv, this._u8, this._le, copy);
        case 2: return object_1(this, this._dv, this._u8, this._le, copy);
        case 3: return object_2(this, this._dv, this._u8, this._le, copy);
        case 4: return object_3(this, this._dv, this._u8, this._le, copy);
        case 5: return object_4(this, this._dv, this._u8, this._le, copy);
        case 6: return object_5(this, this._dv, this._u8, this._le, copy);
        case 7: return object_6(this, this._dv, this._u8, this._le, copy);
        case 10: return object_7(this, this._dv, this._u8, this._le, copy);
        case 12: return object_8(this, this._dv, this._u8, this._le, copy);
        default: return object_9(this, this._dv, this._u8, this._le, copy);
      }
    }
  }
  const ABSENT = deps.RecordViewImpl.ABSENT;
  const PAIR = deps.RecordViewImpl.PAIR;
  const NO_PAIR = deps.RecordViewImpl.NO_PAIR;
  class View extends deps.RecordViewImpl {
    info_type: number | undefined = undefined;
    pad: number | undefined = undefined;
    len: number | undefined = undefined;
    handle_bytes: number | undefined = undefined;
    handle_type: number | undefined = undefined;
    pidfd: number | undefined = undefined;
    error: number | undefined = undefined;
    error_count: number | undefined = undefined;
    range_pad: number | undefined = undefined;
    _src$fsid: (first: number, second: number) => unknown = NO_PAIR;
    _p0$fsid = 0;
    _p1$fsid = 0;
    _src$f_handle: { readonly base: number; subarray(begin: number, length: number): unknown } = ABSENT;
    _beg$f_handle = 0;
    _len$f_handle = 0;
    _src$name: { readonly base: number; subarray(begin: number, length: number): unknown } = ABSENT;
    _beg$name = 0;
    _len$name = 0;
    override _at(t: Int32Array, row: number): void {
      const o = t[row + 0]!;
      this._o = o;
      this._end = o + t[row + 1]!;
      this._t = t;
      const tb = row + 3;
      this._tb = tb;
      const dv = this._dv;
      const le = this._le;
      switch (this._e) {
        case 0: case 2:
          this.info_type = dv.getUint8(o);
          this.pad = dv.getUint8(o + 1);
          this.len = dv.getUint16(o + 2, le);
          this._p0$fsid = dv.getInt32(o + 4, le);
          this._p1$fsid = dv.getInt32(o + 8, le);
          this.handle_bytes = dv.getUint32(o + 12, le);
          this.handle_type = dv.getInt32(o + 16, le);
          this._beg$f_handle = this._src$f_handle.base + t[tb + 0]!;
          this._len$f_handle = t[tb + 1]!;
          break;
        case 1: case 7: case 8:
          this.info_type = dv.getUint8(o);
          this.pad = dv.getUint8(o + 1);
          this.len = dv.getUint16(o + 2, le);
          this._p0$fsid = dv.getInt32(o + 4, le);
          this._p1$fsid = dv.getInt32(o + 8, le);
          this.handle_bytes = dv.getUint32(o + 12, le);
          this.handle_type = dv.getInt32(o + 16, le);
          this._beg$f_handle = this._src$f_handle.base + t[tb + 0]!;
          this._len$f_handle = t[tb + 1]!;
          this._beg$name = this._src$name.base + t[tb + 2]!;
          this._len$name = t[tb + 3]!;
          break;
        case 3:
          this.info_type = dv.getUint8(o);
          this.pad = dv.getUint8(o + 1);
          this.len = dv.getUint16(o + 2, le);
          this.pidfd = dv.getInt32(o + 4, le);
          break;
        case 4:
          this.info_type = dv.getUint8(o);
          this.pad = dv.getUint8(o + 1);
          this.len = dv.getUint16(o + 2, le);
          this.error = dv.getInt32(o + 4, le);
          this.error_count = dv.getUint32(o + 8, le);
          break;
        case 5:
          this.info_type = dv.getUint8(o);
          this.pad = dv.getUint8(o + 1);
          this.len = dv.getUint16(o + 2, le);
          this.range_pad = dv.getUint32(o + 4, le);
          break;
        case 6:
          this.info_type = dv.getUint8(o);
          this.pad = dv.getUint8(o + 1);
          this.len = dv.getUint16(o + 2, le);
          break;
        case 9:
          this.info_type = dv.getUint8(o);
          this.pad = dv.getUint8(o + 1);
          this.len = dv.getUint16(o + 2, le);
          break;
      }
    }
    override _bindSources(bytes: { readonly base: number; subarray(begin: number, length: number): unknown }): void {
      this._src$fsid = ((391 >>> this._e) & 1) !== 0 ? PAIR : NO_PAIR;
      this._src$f_handle = ((391 >>> this._e) & 1) !== 0 ? bytes : ABSENT;
      this._src$name = ((386 >>> this._e) & 1) !== 0 ? bytes : ABSENT;
    }
    get fsid(): unknown {
      return this._src$fsid(this._p0$fsid, this._p1$fsid);
    }
    get f_handle(): unknown {
      return this._src$f_handle.subarray(this._beg$f_handle, this._len$f_handle);
    }
    get name(): unknown {
      return this._src$name.subarray(this._beg$name, this._len$name);
    }
    get offset(): unknown {
      if (((32 >>> this._e) & 1) !== 0) return this._dv.getBigUint64(this._o + 8, this._le);
      return undefined;
    }
    get count(): unknown {
      if (((32 >>> this._e) & 1) !== 0) return this._dv.getBigUint64(this._o + 16, this._le);
      return undefined;
    }
    get mnt_id(): unknown {
      if (((64 >>> this._e) & 1) !== 0) return this._dv.getBigUint64(this._o + 8, this._le);
      return undefined;
    }
    get data(): unknown {
      if (((512 >>> this._e) & 1) !== 0) { const t = this._t; const b = this._tb + 0; const s = t[b]!; return this._u8.subarray(s, s + t[b + 1]!); }
      return undefined;
    }
  }
  class Cursor extends deps.CursorBase {
    static frame = frame;
    static View = View;
    event_len = 0;
    vers = 0;
    reserved = 0;
    metadata_len = 0;
    mask_lo = -0;
    mask_hi = -0;
    fd = 0;
    pid = 0;
    record: Rec = new Rec();
    get mask(): number { return this.mask_hi * 4294967296 + this.mask_lo; }
    nextEvent(): boolean {
      if (this._rp < this._ee) this._drain();
      const o = this._ee;
      const end = this._end;
      if (o >= end) return false;
      if (!this._words || (o & 3) !== 0) return this._nextEventView();
      const dv = this._dv;
      const u8 = this._u8;
      const w = this._w;
      const left = end - o;
      const n = left < 24 ? 0 : (w[o >>> 2]! >>> 0);
      if (this._stream && (n > left || n > this._max || left < 24)) return false;
      if (n < 24 || n > left || (w[(o + 4) >>> 2]! & -65281) !== 1572867) return this._fail(o, this.index + 1);
      this.event_len = n;
      this.vers = 3;
      this.reserved = u8[o + 5]!;
      this.metadata_len = 24;
      { const lo = (w[(o + 8) >>> 2]! >>> 0);
        const hi = (w[(o + 12) >>> 2]! >>> 0);
        this.mask_lo = lo; this.mask_hi = hi; }
      this.fd = w[(o + 16) >>> 2]!;
      this.pid = w[(o + 20) >>> 2]!;
      this.index++;
      this._eo = o;
      this._ee = o + n;
      this._rp = o + 24;
      return true;
    }
    _nextEventView(): boolean {
      const o = this._ee;
      const end = this._end;
      const dv = this._dv;
      const le = this._le;
      const left = end - o;
      const n = left < 24 ? 0 : dv.getUint32(o, le);
      if (this._stream && (n > left || n > this._max || left < 24)) return false;
      if (n < 24 || n > left || dv.getUint8(o + 4) !== 3 || dv.getUint16(o + 6, le) !== 24) return this._fail(o, this.index + 1);
      this.event_len = n;
      this.vers = 3;
      this.reserved = dv.getUint8(o + 5);
      this.metadata_len = 24;
      { const lo = (le ? dv.getUint32(o + 8, true) : dv.getUint32(o + 12, false));
        const hi = (le ? dv.getUint32(o + 12, true) : dv.getUint32(o + 8, false));
        this.mask_lo = lo; this.mask_hi = hi; }
      this.fd = dv.getInt32(o + 16, le);
      this.pid = dv.getInt32(o + 20, le);
      this.index++;
      this._eo = o;
      this._ee = o + n;
      this._rp = o + 24;
      return true;
    }
    nextRecord(): Rec | null {
      const o = this._rp;
      const e = this._ee;
      if (o >= e) return null;
      if (!this._words || (o & 3) !== 0) return this._nextRecordView();
      const dv = this._dv;
      const u8 = this._u8;
      const w = this._w;
      const len = e - o < 4 ? 0 : (w[o >>> 2]! >>> 16);
      if (len < 4 || len > e - o || !WREADERS[u8[o]!]!(this.record, dv, u8, o, o + len, true, w)) return this._failRecord();
      this._rp = o + len;
      return this.record;
    }
    _nextRecordView(): Rec | null {
      const o = this._rp;
      const e = this._ee;
      const dv = this._dv;
      const u8 = this._u8;
      const le = this._le;
      const len = e - o < 4 ? 0 : dv.getUint16(o + 2, le);
      if (len < 4 || len > e - o || !READERS[dv.getUint8(o)]!(this.record, dv, u8, o, o + len, le, this._w)) return this._failRecord();
      this._rp = o + len;
      return this.record;
    }
    _recordTypes(types: number[]): number {
      const e = this._ee;
      const dv = this._dv;
      const u8 = this._u8;
      const le = this._le;
      const row = this._row;
      let o = this._rp;
      let n = 0;
      while (o < e) {
        const len = e - o < 4 ? 0 : dv.getUint16(o + 2, le);
        if (len < 4 || len > e - o) return this._failRecord();
        const t = u8[o]!;
        const end = o + len;
        let ok = false;
        switch (t) {
          case 1: case 3:
            ok = check_0(row, 0, dv, u8, o, end, le);
            break;
          case 2: case 10: case 12:
            ok = check_1(row, 0, dv, u8, o, end, le);
            break;
          case 4:
            ok = check_2(row, 0, dv, u8, o, end, le);
            break;
          case 5:
            ok = check_3(row, 0, dv, u8, o, end, le);
            break;
          case 6:
            ok = check_4(row, 0, dv, u8, o, end, le);
            break;
          case 7:
            ok = check_5(row, 0, dv, u8, o, end, le);
            break;
          default:
            ok = check_6(row, 0, dv, u8, o, end, le);
            break;
        }
        if (!ok) return this._failRecord();
        types[n++] = t;
        o += len;
      }
      this._rp = e;
      return n;
    }
    _scanEvents(out: Int32Array, counts: Float64Array): number {
      if (!this._words) return this._scanEventsView(out, counts);
      if (this._rp < this._ee) return 0;
      const dv = this._dv;
      const u8 = this._u8;
      const le = this._le;
      const w = this._w;
      const end = this._end;
      const max = this._max;
      const last = out.length - 5;
      let o = this._ee;
      let prev = o;
      let k = 0;
      while (k <= last && end - o >= 24) {
        if ((o & 3) !== 0) break;
        const n = (w[o >>> 2]! >>> 0);
        if (n < 24 || n > end - o || n > max || (w[(o + 4) >>> 2]! & -65281) !== 1572867) break;
        const e = o + n;
        let p = o + 24;
        let r = 0;
        let ok = true;
        while (p < e) {
          if ((p & 3) !== 0) {
            ok = false;
            break;
          }
          const len = e - p < 4 ? 0 : (w[p >>> 2]! >>> 16);
          if (len < 4 || len > e - p) {
            ok = false;
            break;
          }
          const t = u8[p]!;
          const rend = p + len;
          switch (t) {
            case 1:
            case 3:
            {
              const o = p;
              const end = rend;
              ok = false;
              check: {
                if (end - o < 20) break check;
                let c = o + 20;
                const n_f_handle = (w[(o + 12) >>> 2]! >>> 0);
                if (n_f_handle > end - c) break check;
                c += n_f_handle;
                if (end - o !== ((c - o + 3) & -4)) break check;
                for (let i = c; i < end; i++) if (u8[i] !== 0) break check;
                ok = true;
              }
              break;
            }
            case 2:
            case 10:
            case 12:
            {
              const o = p;
              const end = rend;
              ok = false;
              check: {
                if (end - o < 20) break check;
                let c = o + 20;
                const n_f_handle = (w[(o + 12) >>> 2]! >>> 0);
                if (n_f_handle > end - c) break check;
                c += n_f_handle;
                let z_name = c;
                while (z_name + 4 <= end) { const w = dv.getInt32(z_name, true); if (((w - 0x01010101) & ~w & 0x80808080) !== 0) break; z_name += 4; }
                while (z_name < end && u8[z_name] !== 0) z_name++;
                if (z_name >= end || z_name - c < 1) break check;
                c = z_name + 1;
                if (end - o !== ((c - o + 3) & -4)) break check;
                for (let i = c; i < end; i++) if (u8[i] !== 0) break check;
                ok = true;
              }
              break;
            }
            case 4:
            {
              const o = p;
              const end = rend;
              ok = false;
              check: {
                if (end - o !== 8) break check;
                ok = true;
              }
              break;
            }
            case 5:
            {
              const o = p;
              const end = rend;
              ok = false;
              check: {
                if (end - o !== 12) break check;
                ok = true;
              }
              break;
            }
            case 6:
            {
              const o = p;
              const end = rend;
              ok = false;
              check: {
                if (end - o !== 24) break check;
                ok = true;
              }
              break;
            }
            case 7:
            {
              const o = p;
              const end = rend;
              ok = false;
              check: {
                if (end - o !== 16) break check;
                if ((w[(o + 4) >>> 2]! >>> 0) !== 0) break check;
                ok = true;
              }
              break;
            }
            default:
            {
              const o = p;
              const end = rend;
              ok = false;
              check: {
                if (end - o < 4) break check;
                let c = o + 4;
                c = end;
                if (end - o !== (c - o)) break check;
                for (let i = c; i < end; i++) if (u8[i] !== 0) break check;
                ok = true;
              }
              break;
            }
          }
          if (!ok) break;
          counts[t]!++;
          r++;
          p = rend;
        }
        if (!ok) {
          for (let q = o + 24; q < p; q += dv.getUint16(q + 2, le)) counts[u8[q]!]!--;
          break;
        }
        out[k] = n;
        out[k + 1] = w[(o + 20) >>> 2]!;
        out[k + 2] = (w[(o + 8) >>> 2]! >>> 0);
        out[k + 3] = (w[(o + 12) >>> 2]! >>> 0);
        out[k + 4] = r;
        k += 5;
        prev = o;
        o = e;
      }
      const count = k / 5;
      if (count === 0) return 0;
      this.index += count;
      this._eo = prev;
      this._rp = this._ee = o;
      return count;
    }
    _scanEventsView(out: Int32Array, counts: Float64Array): number {
      if (this._rp < this._ee) return 0;
      const dv = this._dv;
      const u8 = this._u8;
      const le = this._le;
      const end = this._end;
      const max = this._max;
      const last = out.length - 5;
      let o = this._ee;
      let prev = o;
      let k = 0;
      while (k <= last && end - o >= 24) {
        const n = dv.getUint32(o, le);
        if (n < 24 || n > end - o || n > max || u8[o + 4] !== 3 || dv.getUint16(o + 6, le) !== 24) break;
        const e = o + n;
        let p = o + 24;
        let r = 0;
        let ok = true;
        while (p < e) {
          const len = e - p < 4 ? 0 : dv.getUint16(p + 2, le);
          if (len < 4 || len > e - p) {
            ok = false;
            break;
          }
          const t = u8[p]!;
          const rend = p + len;
          switch (t) {
            case 1:
            case 3:
            {
              const o = p;
              const end = rend;
              ok = false;
              check: {
                if (end - o < 20) break check;
                let c = o + 20;
                const n_f_handle = dv.getUint32(o + 12, le);
                if (n_f_handle > end - c) break check;
                c += n_f_handle;
                if (end - o !== ((c - o + 3) & -4)) break check;
                for (let i = c; i < end; i++) if (u8[i] !== 0) break check;
                ok = true;
              }
              break;
            }
            case 2:
            case 10:
            case 12:
            {
              const o = p;
              const end = rend;
              ok = false;
              check: {
                if (end - o < 20) break check;
                let c = o + 20;
                const n_f_handle = dv.getUint32(o + 12, le);
                if (n_f_handle > end - c) break check;
                c += n_f_handle;
                let z_name = c;
                while (z_name + 4 <= end) { const w = dv.getInt32(z_name, true); if (((w - 0x01010101) & ~w & 0x80808080) !== 0) break; z_name += 4; }
                while (z_name < end && u8[z_name] !== 0) z_name++;
                if (z_name >= end || z_name - c < 1) break check;
                c = z_name + 1;
                if (end - o !== ((c - o + 3) & -4)) break check;
                for (let i = c; i < end; i++) if (u8[i] !== 0) break check;
                ok = true;
              }
              break;
            }
            case 4:
            {
              const o = p;
              const end = rend;
              ok = false;
              check: {
                if (end - o !== 8) break check;
                ok = true;
              }
              break;
            }
            case 5:
            {
              const o = p;
              const end = rend;
              ok = false;
              check: {
                if (end - o !== 12) break check;
                ok = true;
              }
              break;
            }
            case 6:
            {
              const o = p;
              const end = rend;
              ok = false;
              check: {
                if (end - o !== 24) break check;
                ok = true;
              }
              break;
            }
            case 7:
            {
              const o = p;
              const end = rend;
              ok = false;
              check: {
                if (end - o !== 16) break check;
                if (dv.getUint32(o + 4, le) !== 0) break check;
                ok = true;
              }
              break;
            }
            default:
            {
              const o = p;
              const end = rend;
              ok = false;
              check: {
                if (end - o < 4) break check;
                let c = o + 4;
                c = end;
                if (end - o !== (c - o)) break check;
                for (let i = c; i < end; i++) if (u8[i] !== 0) break check;
                ok = true;
              }
              break;
            }
          }
          if (!ok) break;
          counts[t]!++;
          r++;
          p = rend;
        }
        if (!ok) {
          for (let q = o + 24; q < p; q += dv.getUint16(q + 2, le)) counts[u8[q]!]!--;
          break;
        }
        out[k] = n;
        out[k + 1] = dv.getInt32(o + 20, le);
        out[k + 2] = (le ? dv.getUint32(o + 8, true) : dv.getUint32(o + 12, false));
        out[k + 3] = (le ? dv.getUint32(o + 12, true) : dv.getUint32(o + 8, false));
        out[k + 4] = r;
        k += 5;
        prev = o;
        o = e;
      }
      const count = k / 5;
      if (count === 0) return 0;
      this.index += count;
      this._eo = prev;
      this._rp = this._ee = o;
      return count;
    }
    _eventObject(info: unknown[]): Record<string, unknown> {
      const dv = this._dv;
      const le = this._le;
      const o = this.byteOffset;
      return {
        event_len: this.event_len,
        vers: this.vers,
        reserved: this.reserved,
        metadata_len: this.metadata_len,
        mask: reusedBigint(big_event_mask, dv, o + 8, le, false),
        fd: this.fd,
        pid: this.pid,
        info,
      };
    }
  }
  return Cursor;
}
