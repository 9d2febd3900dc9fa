// Generated from spec/ by spec/codegen. Do not edit: run `npm run generate`.
/* eslint-disable */
import { fanotify_event_metadata } from '../../spec/structs/event-metadata.js';
import { fidRecordStruct, fidNameRecordStruct } from '../../spec/structs/info-fid.js';
import { fanotify_event_info_pidfd, fanotify_event_info_error, fanotify_event_info_range, fanotify_event_info_mnt } from '../../spec/structs/info-fixed.js';
import { unknownRecordStruct } from '../../spec/records.js';
import { fanotify_response, fanotify_response_info_audit_rule } from '../../spec/structs/response.js';
import { structDeps, type GeneratedStruct, type StructDeps } from '../schema/generated-struct.js';
import type { StructSchema } from '../schema/struct.js';
import type { StructViewBase } from '../schema/view-base.js';

/** Straight-line code of `fanotify_event_metadata`. @internal */
function fanotify_event_metadata_code(deps: StructDeps): GeneratedStruct {
  // generated from spec/: fanotify_event_metadata
  const { EMPTY_BYTES, EMPTY_VIEW, NO_TAIL, badScalar, badValue, lengthMismatch } = deps;
  class fanotify_event_metadata_View extends deps.StructViewBase {
    constructor() {
      super();
      this._dv = EMPTY_VIEW;
      this._u8 = EMPTY_BYTES;
      this._o = 0;
      this._end = 0;
      this._le = true;
      this._t = NO_TAIL;
      this._tb = 0;
    }
    get event_len(): number {
      return this._dv.getUint32(this._o, this._le);
    }
    get vers(): number {
      return this._dv.getUint8(this._o + 4);
    }
    get reserved(): number {
      return this._dv.getUint8(this._o + 5);
    }
    get metadata_len(): number {
      return this._dv.getUint16(this._o + 6, this._le);
    }
    get mask(): bigint {
      return this._dv.getBigUint64(this._o + 8, this._le);
    }
    get fd(): number {
      return this._dv.getInt32(this._o + 16, this._le);
    }
    get pid(): number {
      return this._dv.getInt32(this._o + 20, this._le);
    }
  }
  function point(view: StructViewBase, dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean, slots: Int32Array, base: number): void {
    view._dv = dv;
    view._u8 = u8;
    view._o = offset;
    view._end = end;
    view._le = le;
    view._t = slots;
    view._tb = base;
  }
  function check(dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean, slots: Int32Array, base: number): number {
    if (end - offset < 24) return -1;
    return offset + 24;
  }
  function toObject(v: StructViewBase, copy: boolean | undefined, type: string | undefined): Record<string, unknown> {
    const dv = v._dv;
    const o = v._o;
    const le = v._le;
    if (type !== undefined) {
      return {
        type,
        event_len: dv.getUint32(o, le),
        vers: dv.getUint8(o + 4),
        reserved: dv.getUint8(o + 5),
        metadata_len: dv.getUint16(o + 6, le),
        mask: dv.getBigUint64(o + 8, le),
        fd: dv.getInt32(o + 16, le),
        pid: dv.getInt32(o + 20, le),
      };
    }
    return {
      event_len: dv.getUint32(o, le),
      vers: dv.getUint8(o + 4),
      reserved: dv.getUint8(o + 5),
      metadata_len: dv.getUint16(o + 6, le),
      mask: dv.getBigUint64(o + 8, le),
      fd: dv.getInt32(o + 16, le),
      pid: dv.getInt32(o + 20, le),
    };
  }
  function write(input: Readonly<Record<string, unknown>>, dv: DataView, u8: Uint8Array, offset: number, le: boolean, path: string, preset: Readonly<Record<string, number | bigint>> | undefined, tails: readonly Uint8Array[]): number {
    let v: unknown;
    v = preset !== undefined && preset["event_len"] !== undefined ? preset["event_len"] : input["event_len"];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffffffff) throw badScalar(path, "event_len", 'u32', v);
    dv.setUint32(offset, v, le);
    v = preset !== undefined && preset["vers"] !== undefined ? preset["vers"] : input["vers"];
    if (v === undefined) v = 3;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xff) throw badScalar(path, "vers", 'u8', v);
    dv.setUint8(offset + 4, v);
    v = preset !== undefined && preset["reserved"] !== undefined ? preset["reserved"] : input["reserved"];
    if (v === undefined) v = 0;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xff) throw badScalar(path, "reserved", 'u8', v);
    dv.setUint8(offset + 5, v);
    v = preset !== undefined && preset["metadata_len"] !== undefined ? preset["metadata_len"] : input["metadata_len"];
    if (v === undefined) v = 24;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffff) throw badScalar(path, "metadata_len", 'u16', v);
    dv.setUint16(offset + 6, v, le);
    v = preset !== undefined && preset["mask"] !== undefined ? preset["mask"] : input["mask"];
    if (typeof v === 'number' && Number.isSafeInteger(v)) v = BigInt(v);
    if (typeof v !== 'bigint' || v < 0n || v > 0xffffffffffffffffn) throw badScalar(path, "mask", 'u64', v);
    dv.setBigUint64(offset + 8, v, le);
    v = preset !== undefined && preset["fd"] !== undefined ? preset["fd"] : input["fd"];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff) throw badScalar(path, "fd", 's32', v);
    dv.setInt32(offset + 16, v, le);
    v = preset !== undefined && preset["pid"] !== undefined ? preset["pid"] : input["pid"];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff) throw badScalar(path, "pid", 's32', v);
    dv.setInt32(offset + 20, v, le);
    let cursor = offset + 24;
    return cursor;
  }
  return { View: fanotify_event_metadata_View, point, check, toObject, write };
}

/** Straight-line code of `fanotify_event_info_fid+file_handle`. @internal */
function fanotify_event_info_fid_file_handle_code(deps: StructDeps): GeneratedStruct {
  // generated from spec/: fanotify_event_info_fid+file_handle
  const { EMPTY_BYTES, EMPTY_VIEW, NO_TAIL, badScalar, badValue, lengthMismatch } = deps;
  class fanotify_event_info_fid_file_handle_View extends deps.StructViewBase {
    constructor() {
      super();
      this._dv = EMPTY_VIEW;
      this._u8 = EMPTY_BYTES;
      this._o = 0;
      this._end = 0;
      this._le = true;
      this._t = NO_TAIL;
      this._tb = 0;
    }
    get info_type(): number {
      return this._dv.getUint8(this._o);
    }
    get pad(): number {
      return this._dv.getUint8(this._o + 1);
    }
    get len(): number {
      return this._dv.getUint16(this._o + 2, this._le);
    }
    get fsid(): [number, number] {
      return [this._dv.getInt32(this._o + 4, this._le), this._dv.getInt32(this._o + 8, this._le)];
    }
    get handle_bytes(): number {
      return this._dv.getUint32(this._o + 12, this._le);
    }
    get handle_type(): number {
      return this._dv.getInt32(this._o + 16, this._le);
    }
    get f_handle(): Uint8Array {
      return this._u8.subarray(this._t[this._tb]!, this._t[this._tb]! + this._t[this._tb + 1]!);
    }
  }
  function point(view: StructViewBase, dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean, slots: Int32Array, base: number): void {
    view._dv = dv;
    view._u8 = u8;
    view._o = offset;
    view._end = end;
    view._le = le;
    view._t = slots;
    view._tb = base;
  }
  function check(dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean, slots: Int32Array, base: number): number {
    if (end - offset < 20) return -1;
    let cursor = offset + 20;
    const length_0 = dv.getUint32(offset + 12, le);
    if (length_0 > end - cursor) return -1;
    slots[base] = cursor;
    slots[base + 1] = length_0;
    cursor += length_0;
    return cursor;
  }
  function toObject(v: StructViewBase, copy: boolean | undefined, type: string | undefined): Record<string, unknown> {
    const dv = v._dv;
    const o = v._o;
    const le = v._le;
    const u8 = v._u8;
    const t = v._t;
    const tb = v._tb;
    if (copy !== false) {
      if (type !== undefined) {
        return {
          type,
          info_type: dv.getUint8(o),
          pad: dv.getUint8(o + 1),
          len: dv.getUint16(o + 2, le),
          fsid: [dv.getInt32(o + 4, le), dv.getInt32(o + 8, le)],
          handle_bytes: dv.getUint32(o + 12, le),
          handle_type: dv.getInt32(o + 16, le),
          f_handle: u8.slice(t[tb]!, t[tb]! + t[tb + 1]!),
        };
      }
      return {
        info_type: dv.getUint8(o),
        pad: dv.getUint8(o + 1),
        len: dv.getUint16(o + 2, le),
        fsid: [dv.getInt32(o + 4, le), dv.getInt32(o + 8, le)],
        handle_bytes: dv.getUint32(o + 12, le),
        handle_type: dv.getInt32(o + 16, le),
        f_handle: u8.slice(t[tb]!, t[tb]! + t[tb + 1]!),
      };
    }
    if (type !== undefined) {
      return {
        type,
        info_type: dv.getUint8(o),
        pad: dv.getUint8(o + 1),
        len: dv.getUint16(o + 2, le),
        fsid: [dv.getInt32(o + 4, le), dv.getInt32(o + 8, le)],
        handle_bytes: dv.getUint32(o + 12, le),
        handle_type: dv.getInt32(o + 16, le),
        f_handle: u8.subarray(t[tb]!, t[tb]! + t[tb + 1]!),
      };
    }
    return {
      info_type: dv.getUint8(o),
      pad: dv.getUint8(o + 1),
      len: dv.getUint16(o + 2, le),
      fsid: [dv.getInt32(o + 4, le), dv.getInt32(o + 8, le)],
      handle_bytes: dv.getUint32(o + 12, le),
      handle_type: dv.getInt32(o + 16, le),
      f_handle: u8.subarray(t[tb]!, t[tb]! + t[tb + 1]!),
    };
  }
  function write(input: Readonly<Record<string, unknown>>, dv: DataView, u8: Uint8Array, offset: number, le: boolean, path: string, preset: Readonly<Record<string, number | bigint>> | undefined, tails: readonly Uint8Array[]): number {
    let v: unknown;
    v = preset !== undefined && preset["info_type"] !== undefined ? preset["info_type"] : input["info_type"];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xff) throw badScalar(path, "info_type", 'u8', v);
    dv.setUint8(offset, v);
    v = preset !== undefined && preset["pad"] !== undefined ? preset["pad"] : input["pad"];
    if (v === undefined) v = 0;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xff) throw badScalar(path, "pad", 'u8', v);
    dv.setUint8(offset + 1, v);
    v = preset !== undefined && preset["len"] !== undefined ? preset["len"] : input["len"];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffff) throw badScalar(path, "len", 'u16', v);
    dv.setUint16(offset + 2, v, le);
    {
      const a = input["fsid"];
      if (!Array.isArray(a) || a.length !== 2) throw badValue(path + '.' + "fsid", 'an array of 2 integers', a);
      v = a[0];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff) throw badScalar(path, "fsid[0]", 's32', v);
      dv.setInt32(offset + 4, v, le);
      v = a[1];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff) throw badScalar(path, "fsid[1]", 's32', v);
      dv.setInt32(offset + 8, v, le);
    }
    v = preset !== undefined && preset["handle_bytes"] !== undefined ? preset["handle_bytes"] : input["handle_bytes"];
    if (v === undefined) v = tails[0]!.length;
    else if (Number(v) !== tails[0]!.length) throw lengthMismatch(path, "handle_bytes", v, "f_handle", tails[0]!.length);
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffffffff) throw badScalar(path, "handle_bytes", 'u32', v);
    dv.setUint32(offset + 12, v, le);
    v = preset !== undefined && preset["handle_type"] !== undefined ? preset["handle_type"] : input["handle_type"];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff) throw badScalar(path, "handle_type", 's32', v);
    dv.setInt32(offset + 16, v, le);
    let cursor = offset + 20;
    u8.set(tails[0]!, cursor);
    cursor += tails[0]!.length;
    return cursor;
  }
  return { View: fanotify_event_info_fid_file_handle_View, point, check, toObject, write };
}

/** Straight-line code of `fanotify_event_info_fid+file_handle+name`. @internal */
function fanotify_event_info_fid_file_handle_name_code(deps: StructDeps): GeneratedStruct {
  // generated from spec/: fanotify_event_info_fid+file_handle+name
  const { EMPTY_BYTES, EMPTY_VIEW, NO_TAIL, badScalar, badValue, lengthMismatch } = deps;
  class fanotify_event_info_fid_file_handle_name_View extends deps.StructViewBase {
    constructor() {
      super();
      this._dv = EMPTY_VIEW;
      this._u8 = EMPTY_BYTES;
      this._o = 0;
      this._end = 0;
      this._le = true;
      this._t = NO_TAIL;
      this._tb = 0;
    }
    get info_type(): number {
      return this._dv.getUint8(this._o);
    }
    get pad(): number {
      return this._dv.getUint8(this._o + 1);
    }
    get len(): number {
      return this._dv.getUint16(this._o + 2, this._le);
    }
    get fsid(): [number, number] {
      return [this._dv.getInt32(this._o + 4, this._le), this._dv.getInt32(this._o + 8, this._le)];
    }
    get handle_bytes(): number {
      return this._dv.getUint32(this._o + 12, this._le);
    }
    get handle_type(): number {
      return this._dv.getInt32(this._o + 16, this._le);
    }
    get f_handle(): Uint8Array {
      return this._u8.subarray(this._t[this._tb]!, this._t[this._tb]! + this._t[this._tb + 1]!);
    }
    get name(): Uint8Array {
      return this._u8.subarray(this._t[this._tb + 2]!, this._t[this._tb + 2]! + this._t[this._tb + 3]!);
    }
  }
  function point(view: StructViewBase, dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean, slots: Int32Array, base: number): void {
    view._dv = dv;
    view._u8 = u8;
    view._o = offset;
    view._end = end;
    view._le = le;
    view._t = slots;
    view._tb = base;
  }
  function check(dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean, slots: Int32Array, base: number): number {
    if (end - offset < 20) return -1;
    let cursor = offset + 20;
    const length_0 = dv.getUint32(offset + 12, le);
    if (length_0 > end - cursor) return -1;
    slots[base] = cursor;
    slots[base + 1] = length_0;
    cursor += length_0;
    let nul_1 = cursor;
    while (nul_1 + 4 <= end) { const w = dv.getInt32(nul_1, true); if (((w - 0x01010101) & ~w & 0x80808080) !== 0) break; nul_1 += 4; }
    while (nul_1 < end && u8[nul_1] !== 0) nul_1++;
    if (nul_1 >= end || nul_1 - cursor < 1) return -1;
    slots[base + 2] = cursor;
    slots[base + 3] = nul_1 - cursor;
    cursor = nul_1 + 1;
    return cursor;
  }
  function toObject(v: StructViewBase, copy: boolean | undefined, type: string | undefined): Record<string, unknown> {
    const dv = v._dv;
    const o = v._o;
    const le = v._le;
    const u8 = v._u8;
    const t = v._t;
    const tb = v._tb;
    if (copy !== false) {
      if (type !== undefined) {
        return {
          type,
          info_type: dv.getUint8(o),
          pad: dv.getUint8(o + 1),
          len: dv.getUint16(o + 2, le),
          fsid: [dv.getInt32(o + 4, le), dv.getInt32(o + 8, le)],
          handle_bytes: dv.getUint32(o + 12, le),
          handle_type: dv.getInt32(o + 16, le),
          f_handle: u8.slice(t[tb]!, t[tb]! + t[tb + 1]!),
          name: u8.slice(t[tb + 2]!, t[tb + 2]! + t[tb + 3]!),
        };
      }
      return {
        info_type: dv.getUint8(o),
        pad: dv.getUint8(o + 1),
        len: dv.getUint16(o + 2, le),
        fsid: [dv.getInt32(o + 4, le), dv.getInt32(o + 8, le)],
        handle_bytes: dv.getUint32(o + 12, le),
        handle_type: dv.getInt32(o + 16, le),
        f_handle: u8.slice(t[tb]!, t[tb]! + t[tb + 1]!),
        name: u8.slice(t[tb + 2]!, t[tb + 2]! + t[tb + 3]!),
      };
    }
    if (type !== undefined) {
      return {
        type,
        info_type: dv.getUint8(o),
        pad: dv.getUint8(o + 1),
        len: dv.getUint16(o + 2, le),
        fsid: [dv.getInt32(o + 4, le), dv.getInt32(o + 8, le)],
        handle_bytes: dv.getUint32(o + 12, le),
        handle_type: dv.getInt32(o + 16, le),
        f_handle: u8.subarray(t[tb]!, t[tb]! + t[tb + 1]!),
        name: u8.subarray(t[tb + 2]!, t[tb + 2]! + t[tb + 3]!),
      };
    }
    return {
      info_type: dv.getUint8(o),
      pad: dv.getUint8(o + 1),
      len: dv.getUint16(o + 2, le),
      fsid: [dv.getInt32(o + 4, le), dv.getInt32(o + 8, le)],
      handle_bytes: dv.getUint32(o + 12, le),
      handle_type: dv.getInt32(o + 16, le),
      f_handle: u8.subarray(t[tb]!, t[tb]! + t[tb + 1]!),
      name: u8.subarray(t[tb + 2]!, t[tb + 2]! + t[tb + 3]!),
    };
  }
  function write(input: Readonly<Record<string, unknown>>, dv: DataView, u8: Uint8Array, offset: number, le: boolean, path: string, preset: Readonly<Record<string, number | bigint>> | undefined, tails: readonly Uint8Array[]): number {
    let v: unknown;
    v = preset !== undefined && preset["info_type"] !== undefined ? preset["info_type"] : input["info_type"];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xff) throw badScalar(path, "info_type", 'u8', v);
    dv.setUint8(offset, v);
    v = preset !== undefined && preset["pad"] !== undefined ? preset["pad"] : input["pad"];
    if (v === undefined) v = 0;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xff) throw badScalar(path, "pad", 'u8', v);
    dv.setUint8(offset + 1, v);
    v = preset !== undefined && preset["len"] !== undefined ? preset["len"] : input["len"];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffff) throw badScalar(path, "len", 'u16', v);
    dv.setUint16(offset + 2, v, le);
    {
      const a = input["fsid"];
      if (!Array.isArray(a) || a.length !== 2) throw badValue(path + '.' + "fsid", 'an array of 2 integers', a);
      v = a[0];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff) throw badScalar(path, "fsid[0]", 's32', v);
      dv.setInt32(offset + 4, v, le);
      v = a[1];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff) throw badScalar(path, "fsid[1]", 's32', v);
      dv.setInt32(offset + 8, v, le);
    }
    v = preset !== undefined && preset["handle_bytes"] !== undefined ? preset["handle_bytes"] : input["handle_bytes"];
    if (v === undefined) v = tails[0]!.length;
    else if (Number(v) !== tails[0]!.length) throw lengthMismatch(path, "handle_bytes", v, "f_handle", tails[0]!.length);
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffffffff) throw badScalar(path, "handle_bytes", 'u32', v);
    dv.setUint32(offset + 12, v, le);
    v = preset !== undefined && preset["handle_type"] !== undefined ? preset["handle_type"] : input["handle_type"];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff) throw badScalar(path, "handle_type", 's32', v);
    dv.setInt32(offset + 16, v, le);
    let cursor = offset + 20;
    u8.set(tails[0]!, cursor);
    cursor += tails[0]!.length;
    u8.set(tails[1]!, cursor);
    cursor += tails[1]!.length;
    u8[cursor++] = 0;
    return cursor;
  }
  return { View: fanotify_event_info_fid_file_handle_name_View, point, check, toObject, write };
}

/** Straight-line code of `fanotify_event_info_pidfd`. @internal */
function fanotify_event_info_pidfd_code(deps: StructDeps): GeneratedStruct {
  // generated from spec/: fanotify_event_info_pidfd
  const { EMPTY_BYTES, EMPTY_VIEW, NO_TAIL, badScalar, badValue, lengthMismatch } = deps;
  class fanotify_event_info_pidfd_View extends deps.StructViewBase {
    constructor() {
      super();
      this._dv = EMPTY_VIEW;
      this._u8 = EMPTY_BYTES;
      this._o = 0;
      this._end = 0;
      this._le = true;
      this._t = NO_TAIL;
      this._tb = 0;
    }
    get info_type(): number {
      return this._dv.getUint8(this._o);
    }
    get pad(): number {
      return this._dv.getUint8(this._o + 1);
    }
    get len(): number {
      return this._dv.getUint16(this._o + 2, this._le);
    }
    get pidfd(): number {
      return this._dv.getInt32(this._o + 4, this._le);
    }
  }
  function point(view: StructViewBase, dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean, slots: Int32Array, base: number): void {
    view._dv = dv;
    view._u8 = u8;
    view._o = offset;
    view._end = end;
    view._le = le;
    view._t = slots;
    view._tb = base;
  }
  function check(dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean, slots: Int32Array, base: number): number {
    if (end - offset < 8) return -1;
    return offset + 8;
  }
  function toObject(v: StructViewBase, copy: boolean | undefined, type: string | undefined): Record<string, unknown> {
    const dv = v._dv;
    const o = v._o;
    const le = v._le;
    if (type !== undefined) {
      return {
        type,
        info_type: dv.getUint8(o),
        pad: dv.getUint8(o + 1),
        len: dv.getUint16(o + 2, le),
        pidfd: dv.getInt32(o + 4, le),
      };
    }
    return {
      info_type: dv.getUint8(o),
      pad: dv.getUint8(o + 1),
      len: dv.getUint16(o + 2, le),
      pidfd: dv.getInt32(o + 4, le),
    };
  }
  function write(input: Readonly<Record<string, unknown>>, dv: DataView, u8: Uint8Array, offset: number, le: boolean, path: string, preset: Readonly<Record<string, number | bigint>> | undefined, tails: readonly Uint8Array[]): number {
    let v: unknown;
    v = preset !== undefined && preset["info_type"] !== undefined ? preset["info_type"] : input["info_type"];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xff) throw badScalar(path, "info_type", 'u8', v);
    dv.setUint8(offset, v);
    v = preset !== undefined && preset["pad"] !== undefined ? preset["pad"] : input["pad"];
    if (v === undefined) v = 0;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xff) throw badScalar(path, "pad", 'u8', v);
    dv.setUint8(offset + 1, v);
    v = preset !== undefined && preset["len"] !== undefined ? preset["len"] : input["len"];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffff) throw badScalar(path, "len", 'u16', v);
    dv.setUint16(offset + 2, v, le);
    v = preset !== undefined && preset["pidfd"] !== undefined ? preset["pidfd"] : input["pidfd"];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff) throw badScalar(path, "pidfd", 's32', v);
    dv.setInt32(offset + 4, v, le);
    let cursor = offset + 8;
    return cursor;
  }
  return { View: fanotify_event_info_pidfd_View, point, check, toObject, write };
}

/** Straight-line code of `fanotify_event_info_error`. @internal */
function fanotify_event_info_error_code(deps: StructDeps): GeneratedStruct {
  // generated from spec/: fanotify_event_info_error
  const { EMPTY_BYTES, EMPTY_VIEW, NO_TAIL, badScalar, badValue, lengthMismatch } = deps;
  class fanotify_event_info_error_View extends deps.StructViewBase {
    constructor() {
      super();
      this._dv = EMPTY_VIEW;
      this._u8 = EMPTY_BYTES;
      this._o = 0;
      this._end = 0;
      this._le = true;
      this._t = NO_TAIL;
      this._tb = 0;
    }
    get info_type(): number {
      return this._dv.getUint8(this._o);
    }
    get pad(): number {
      return this._dv.getUint8(this._o + 1);
    }
    get len(): number {
      return this._dv.getUint16(this._o + 2, this._le);
    }
    get error(): number {
      return this._dv.getInt32(this._o + 4, this._le);
    }
    get error_count(): number {
      return this._dv.getUint32(this._o + 8, this._le);
    }
  }
  function point(view: StructViewBase, dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean, slots: Int32Array, base: number): void {
    view._dv = dv;
    view._u8 = u8;
    view._o = offset;
    view._end = end;
    view._le = le;
    view._t = slots;
    view._tb = base;
  }
  function check(dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean, slots: Int32Array, base: number): number {
    if (end - offset < 12) return -1;
    return offset + 12;
  }
  function toObject(v: StructViewBase, copy: boolean | undefined, type: string | undefined): Record<string, unknown> {
    const dv = v._dv;
    const o = v._o;
    const le = v._le;
    if (type !== undefined) {
      return {
        type,
        info_type: dv.getUint8(o),
        pad: dv.getUint8(o + 1),
        len: dv.getUint16(o + 2, le),
        error: dv.getInt32(o + 4, le),
        error_count: dv.getUint32(o + 8, le),
      };
    }
    return {
      info_type: dv.getUint8(o),
      pad: dv.getUint8(o + 1),
      len: dv.getUint16(o + 2, le),
      error: dv.getInt32(o + 4, le),
      error_count: dv.getUint32(o + 8, le),
    };
  }
  function write(input: Readonly<Record<string, unknown>>, dv: DataView, u8: Uint8Array, offset: number, le: boolean, path: string, preset: Readonly<Record<string, number | bigint>> | undefined, tails: readonly Uint8Array[]): number {
    let v: unknown;
    v = preset !== undefined && preset["info_type"] !== undefined ? preset["info_type"] : input["info_type"];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xff) throw badScalar(path, "info_type", 'u8', v);
    dv.setUint8(offset, v);
    v = preset !== undefined && preset["pad"] !== undefined ? preset["pad"] : input["pad"];
    if (v === undefined) v = 0;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xff) throw badScalar(path, "pad", 'u8', v);
    dv.setUint8(offset + 1, v);
    v = preset !== undefined && preset["len"] !== undefined ? preset["len"] : input["len"];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffff) throw badScalar(path, "len", 'u16', v);
    dv.setUint16(offset + 2, v, le);
    v = preset !== undefined && preset["error"] !== undefined ? preset["error"] : input["error"];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff) throw badScalar(path, "error", 's32', v);
    dv.setInt32(offset + 4, v, le);
    v = preset !== undefined && preset["error_count"] !== undefined ? preset["error_count"] : input["error_count"];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffffffff) throw badScalar(path, "error_count", 'u32', v);
    dv.setUint32(offset + 8, v, le);
    let cursor = offset + 12;
    return cursor;
  }
  return { View: fanotify_event_info_error_View, point, check, toObject, write };
}

/** Straight-line code of `fanotify_event_info_range`. @internal */
function fanotify_event_info_range_code(deps: StructDeps): GeneratedStruct {
  // generated from spec/: fanotify_event_info_range
  const { EMPTY_BYTES, EMPTY_VIEW, NO_TAIL, badScalar, badValue, lengthMismatch } = deps;
  class fanotify_event_info_range_View extends deps.StructViewBase {
    constructor() {
      super();
      this._dv = EMPTY_VIEW;
      this._u8 = EMPTY_BYTES;
      this._o = 0;
      this._end = 0;
      this._le = true;
      this._t = NO_TAIL;
      this._tb = 0;
    }
    get info_type(): number {
      return this._dv.getUint8(this._o);
    }
    get pad(): number {
      return this._dv.getUint8(this._o + 1);
    }
    get len(): number {
      return this._dv.getUint16(this._o + 2, this._le);
    }
    get range_pad(): number {
      return this._dv.getUint32(this._o + 4, this._le);
    }
    get offset(): bigint {
      return this._dv.getBigUint64(this._o + 8, this._le);
    }
    get count(): bigint {
      return this._dv.getBigUint64(this._o + 16, this._le);
    }
  }
  function point(view: StructViewBase, dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean, slots: Int32Array, base: number): void {
    view._dv = dv;
    view._u8 = u8;
    view._o = offset;
    view._end = end;
    view._le = le;
    view._t = slots;
    view._tb = base;
  }
  function check(dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean, slots: Int32Array, base: number): number {
    if (end - offset < 24) return -1;
    return offset + 24;
  }
  function toObject(v: StructViewBase, copy: boolean | undefined, type: string | undefined): Record<string, unknown> {
    const dv = v._dv;
    const o = v._o;
    const le = v._le;
    if (type !== undefined) {
      return {
        type,
        info_type: dv.getUint8(o),
        pad: dv.getUint8(o + 1),
        len: dv.getUint16(o + 2, le),
        range_pad: dv.getUint32(o + 4, le),
        offset: dv.getBigUint64(o + 8, le),
        count: dv.getBigUint64(o + 16, le),
      };
    }
    return {
      info_type: dv.getUint8(o),
      pad: dv.getUint8(o + 1),
      len: dv.getUint16(o + 2, le),
      range_pad: dv.getUint32(o + 4, le),
      offset: dv.getBigUint64(o + 8, le),
      count: dv.getBigUint64(o + 16, le),
    };
  }
  function write(input: Readonly<Record<string, unknown>>, dv: DataView, u8: Uint8Array, offset: number, le: boolean, path: string, preset: Readonly<Record<string, number | bigint>> | undefined, tails: readonly Uint8Array[]): number {
    let v: unknown;
    v = preset !== undefined && preset["info_type"] !== undefined ? preset["info_type"] : input["info_type"];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xff) throw badScalar(path, "info_type", 'u8', v);
    dv.setUint8(offset, v);
    v = preset !== undefined && preset["pad"] !== undefined ? preset["pad"] : input["pad"];
    if (v === undefined) v = 0;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xff) throw badScalar(path, "pad", 'u8', v);
    dv.setUint8(offset + 1, v);
    v = preset !== undefined && preset["len"] !== undefined ? preset["len"] : input["len"];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffff) throw badScalar(path, "len", 'u16', v);
    dv.setUint16(offset + 2, v, le);
    v = preset !== undefined && preset["range_pad"] !== undefined ? preset["range_pad"] : input["range_pad"];
    if (v === undefined) v = 0;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffffffff) throw badScalar(path, "range_pad", 'u32', v);
    dv.setUint32(offset + 4, v, le);
    v = preset !== undefined && preset["offset"] !== undefined ? preset["offset"] : input["offset"];
    if (typeof v === 'number' && Number.isSafeInteger(v)) v = BigInt(v);
    if (typeof v !== 'bigint' || v < 0n || v > 0xffffffffffffffffn) throw badScalar(path, "offset", 'u64', v);
    dv.setBigUint64(offset + 8, v, le);
    v = preset !== undefined && preset["count"] !== undefined ? preset["count"] : input["count"];
    if (typeof v === 'number' && Number.isSafeInteger(v)) v = BigInt(v);
    if (typeof v !== 'bigint' || v < 0n || v > 0xffffffffffffffffn) throw badScalar(path, "count", 'u64', v);
    dv.setBigUint64(offset + 16, v, le);
    let cursor = offset + 24;
    return cursor;
  }
  return { View: fanotify_event_info_range_View, point, check, toObject, write };
}

/** Straight-line code of `fanotify_event_info_mnt`. @internal */
function fanotify_event_info_mnt_code(deps: StructDeps): GeneratedStruct {
  // generated from spec/: fanotify_event_info_mnt
  const { EMPTY_BYTES, EMPTY_VIEW, NO_TAIL, badScalar, badValue, lengthMismatch } = deps;
  class fanotify_event_info_mnt_View extends deps.StructViewBase {
    constructor() {
      super();
      this._dv = EMPTY_VIEW;
      this._u8 = EMPTY_BYTES;
      this._o = 0;
      this._end = 0;
      this._le = true;
      this._t = NO_TAIL;
      this._tb = 0;
    }
    get info_type(): number {
      return this._dv.getUint8(this._o);
    }
    get pad(): number {
      return this._dv.getUint8(this._o + 1);
    }
    get len(): number {
      return this._dv.getUint16(this._o + 2, this._le);
    }
    get mnt_id(): bigint {
      return this._dv.getBigUint64(this._o + 8, this._le);
    }
  }
  function point(view: StructViewBase, dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean, slots: Int32Array, base: number): void {
    view._dv = dv;
    view._u8 = u8;
    view._o = offset;
    view._end = end;
    view._le = le;
    view._t = slots;
    view._tb = base;
  }
  function check(dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean, slots: Int32Array, base: number): number {
    if (end - offset < 16) return -1;
    if (u8[offset + 4] !== 0) return -1;
    if (u8[offset + 5] !== 0) return -1;
    if (u8[offset + 6] !== 0) return -1;
    if (u8[offset + 7] !== 0) return -1;
    return offset + 16;
  }
  function toObject(v: StructViewBase, copy: boolean | undefined, type: string | undefined): Record<string, unknown> {
    const dv = v._dv;
    const o = v._o;
    const le = v._le;
    if (type !== undefined) {
      return {
        type,
        info_type: dv.getUint8(o),
        pad: dv.getUint8(o + 1),
        len: dv.getUint16(o + 2, le),
        mnt_id: dv.getBigUint64(o + 8, le),
      };
    }
    return {
      info_type: dv.getUint8(o),
      pad: dv.getUint8(o + 1),
      len: dv.getUint16(o + 2, le),
      mnt_id: dv.getBigUint64(o + 8, le),
    };
  }
  function write(input: Readonly<Record<string, unknown>>, dv: DataView, u8: Uint8Array, offset: number, le: boolean, path: string, preset: Readonly<Record<string, number | bigint>> | undefined, tails: readonly Uint8Array[]): number {
    let v: unknown;
    u8.fill(0, offset + 4, offset + 8);
    v = preset !== undefined && preset["info_type"] !== undefined ? preset["info_type"] : input["info_type"];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xff) throw badScalar(path, "info_type", 'u8', v);
    dv.setUint8(offset, v);
    v = preset !== undefined && preset["pad"] !== undefined ? preset["pad"] : input["pad"];
    if (v === undefined) v = 0;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xff) throw badScalar(path, "pad", 'u8', v);
    dv.setUint8(offset + 1, v);
    v = preset !== undefined && preset["len"] !== undefined ? preset["len"] : input["len"];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffff) throw badScalar(path, "len", 'u16', v);
    dv.setUint16(offset + 2, v, le);
    v = preset !== undefined && preset["mnt_id"] !== undefined ? preset["mnt_id"] : input["mnt_id"];
    if (typeof v === 'number' && Number.isSafeInteger(v)) v = BigInt(v);
    if (typeof v !== 'bigint' || v < 0n || v > 0xffffffffffffffffn) throw badScalar(path, "mnt_id", 'u64', v);
    dv.setBigUint64(offset + 8, v, le);
    let cursor = offset + 16;
    return cursor;
  }
  return { View: fanotify_event_info_mnt_View, point, check, toObject, write };
}

/** Straight-line code of `fanotify_event_info_unknown`. @internal */
function fanotify_event_info_unknown_code(deps: StructDeps): GeneratedStruct {
  // generated from spec/: fanotify_event_info_unknown
  const { EMPTY_BYTES, EMPTY_VIEW, NO_TAIL, badScalar, badValue, lengthMismatch } = deps;
  class fanotify_event_info_unknown_View extends deps.StructViewBase {
    constructor() {
      super();
      this._dv = EMPTY_VIEW;
      this._u8 = EMPTY_BYTES;
      this._o = 0;
      this._end = 0;
      this._le = true;
      this._t = NO_TAIL;
      this._tb = 0;
    }
    get info_type(): number {
      return this._dv.getUint8(this._o);
    }
    get pad(): number {
      return this._dv.getUint8(this._o + 1);
    }
    get len(): number {
      return this._dv.getUint16(this._o + 2, this._le);
    }
    get data(): Uint8Array {
      return this._u8.subarray(this._t[this._tb]!, this._t[this._tb]! + this._t[this._tb + 1]!);
    }
  }
  function point(view: StructViewBase, dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean, slots: Int32Array, base: number): void {
    view._dv = dv;
    view._u8 = u8;
    view._o = offset;
    view._end = end;
    view._le = le;
    view._t = slots;
    view._tb = base;
  }
  function check(dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean, slots: Int32Array, base: number): number {
    if (end - offset < 4) return -1;
    let cursor = offset + 4;
    slots[base] = cursor;
    slots[base + 1] = end - cursor;
    cursor = end;
    return cursor;
  }
  function toObject(v: StructViewBase, copy: boolean | undefined, type: string | undefined): Record<string, unknown> {
    const dv = v._dv;
    const o = v._o;
    const le = v._le;
    const u8 = v._u8;
    const t = v._t;
    const tb = v._tb;
    if (copy !== false) {
      if (type !== undefined) {
        return {
          type,
          info_type: dv.getUint8(o),
          pad: dv.getUint8(o + 1),
          len: dv.getUint16(o + 2, le),
          data: u8.slice(t[tb]!, t[tb]! + t[tb + 1]!),
        };
      }
      return {
        info_type: dv.getUint8(o),
        pad: dv.getUint8(o + 1),
        len: dv.getUint16(o + 2, le),
        data: u8.slice(t[tb]!, t[tb]! + t[tb + 1]!),
      };
    }
    if (type !== undefined) {
      return {
        type,
        info_type: dv.getUint8(o),
        pad: dv.getUint8(o + 1),
        len: dv.getUint16(o + 2, le),
        data: u8.subarray(t[tb]!, t[tb]! + t[tb + 1]!),
      };
    }
    return {
      info_type: dv.getUint8(o),
      pad: dv.getUint8(o + 1),
      len: dv.getUint16(o + 2, le),
      data: u8.subarray(t[tb]!, t[tb]! + t[tb + 1]!),
    };
  }
  function write(input: Readonly<Record<string, unknown>>, dv: DataView, u8: Uint8Array, offset: number, le: boolean, path: string, preset: Readonly<Record<string, number | bigint>> | undefined, tails: readonly Uint8Array[]): number {
    let v: unknown;
    v = preset !== undefined && preset["info_type"] !== undefined ? preset["info_type"] : input["info_type"];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xff) throw badScalar(path, "info_type", 'u8', v);
    dv.setUint8(offset, v);
    v = preset !== undefined && preset["pad"] !== undefined ? preset["pad"] : input["pad"];
    if (v === undefined) v = 0;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xff) throw badScalar(path, "pad", 'u8', v);
    dv.setUint8(offset + 1, v);
    v = preset !== undefined && preset["len"] !== undefined ? preset["len"] : input["len"];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffff) throw badScalar(path, "len", 'u16', v);
    dv.setUint16(offset + 2, v, le);
    let cursor = offset + 4;
    u8.set(tails[0]!, cursor);
    cursor += tails[0]!.length;
    return cursor;
  }
  return { View: fanotify_event_info_unknown_View, point, check, toObject, write };
}

/** Straight-line code of `fanotify_response`. @internal */
function fanotify_response_code(deps: StructDeps): GeneratedStruct {
  // generated from spec/: fanotify_response
  const { EMPTY_BYTES, EMPTY_VIEW, NO_TAIL, badScalar, badValue, lengthMismatch } = deps;
  class fanotify_response_View extends deps.StructViewBase {
    constructor() {
      super();
      this._dv = EMPTY_VIEW;
      this._u8 = EMPTY_BYTES;
      this._o = 0;
      this._end = 0;
      this._le = true;
      this._t = NO_TAIL;
      this._tb = 0;
    }
    get fd(): number {
      return this._dv.getInt32(this._o, this._le);
    }
    get response(): number {
      return this._dv.getUint32(this._o + 4, this._le);
    }
  }
  function point(view: StructViewBase, dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean, slots: Int32Array, base: number): void {
    view._dv = dv;
    view._u8 = u8;
    view._o = offset;
    view._end = end;
    view._le = le;
    view._t = slots;
    view._tb = base;
  }
  function check(dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean, slots: Int32Array, base: number): number {
    if (end - offset < 8) return -1;
    return offset + 8;
  }
  function toObject(v: StructViewBase, copy: boolean | undefined, type: string | undefined): Record<string, unknown> {
    const dv = v._dv;
    const o = v._o;
    const le = v._le;
    if (type !== undefined) {
      return {
        type,
        fd: dv.getInt32(o, le),
        response: dv.getUint32(o + 4, le),
      };
    }
    return {
      fd: dv.getInt32(o, le),
      response: dv.getUint32(o + 4, le),
    };
  }
  function write(input: Readonly<Record<string, unknown>>, dv: DataView, u8: Uint8Array, offset: number, le: boolean, path: string, preset: Readonly<Record<string, number | bigint>> | undefined, tails: readonly Uint8Array[]): number {
    let v: unknown;
    v = preset !== undefined && preset["fd"] !== undefined ? preset["fd"] : input["fd"];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff) throw badScalar(path, "fd", 's32', v);
    dv.setInt32(offset, v, le);
    v = preset !== undefined && preset["response"] !== undefined ? preset["response"] : input["response"];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffffffff) throw badScalar(path, "response", 'u32', v);
    dv.setUint32(offset + 4, v, le);
    let cursor = offset + 8;
    return cursor;
  }
  return { View: fanotify_response_View, point, check, toObject, write };
}

/** Straight-line code of `fanotify_response_info_audit_rule`. @internal */
function fanotify_response_info_audit_rule_code(deps: StructDeps): GeneratedStruct {
  // generated from spec/: fanotify_response_info_audit_rule
  const { EMPTY_BYTES, EMPTY_VIEW, NO_TAIL, badScalar, badValue, lengthMismatch } = deps;
  class fanotify_response_info_audit_rule_View extends deps.StructViewBase {
    constructor() {
      super();
      this._dv = EMPTY_VIEW;
      this._u8 = EMPTY_BYTES;
      this._o = 0;
      this._end = 0;
      this._le = true;
      this._t = NO_TAIL;
      this._tb = 0;
    }
    get type(): number {
      return this._dv.getUint8(this._o);
    }
    get pad(): number {
      return this._dv.getUint8(this._o + 1);
    }
    get len(): number {
      return this._dv.getUint16(this._o + 2, this._le);
    }
    get rule_number(): number {
      return this._dv.getUint32(this._o + 4, this._le);
    }
    get subj_trust(): number {
      return this._dv.getUint32(this._o + 8, this._le);
    }
    get obj_trust(): number {
      return this._dv.getUint32(this._o + 12, this._le);
    }
  }
  function point(view: StructViewBase, dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean, slots: Int32Array, base: number): void {
    view._dv = dv;
    view._u8 = u8;
    view._o = offset;
    view._end = end;
    view._le = le;
    view._t = slots;
    view._tb = base;
  }
  function check(dv: DataView, u8: Uint8Array, offset: number, end: number, le: boolean, slots: Int32Array, base: number): number {
    if (end - offset < 16) return -1;
    return offset + 16;
  }
  function toObject(v: StructViewBase, copy: boolean | undefined, type: string | undefined): Record<string, unknown> {
    const dv = v._dv;
    const o = v._o;
    const le = v._le;
    return {
      type: dv.getUint8(o),
      pad: dv.getUint8(o + 1),
      len: dv.getUint16(o + 2, le),
      rule_number: dv.getUint32(o + 4, le),
      subj_trust: dv.getUint32(o + 8, le),
      obj_trust: dv.getUint32(o + 12, le),
    };
  }
  function write(input: Readonly<Record<string, unknown>>, dv: DataView, u8: Uint8Array, offset: number, le: boolean, path: string, preset: Readonly<Record<string, number | bigint>> | undefined, tails: readonly Uint8Array[]): number {
    let v: unknown;
    v = preset !== undefined && preset["type"] !== undefined ? preset["type"] : input["type"];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xff) throw badScalar(path, "type", 'u8', v);
    dv.setUint8(offset, v);
    v = preset !== undefined && preset["pad"] !== undefined ? preset["pad"] : input["pad"];
    if (v === undefined) v = 0;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xff) throw badScalar(path, "pad", 'u8', v);
    dv.setUint8(offset + 1, v);
    v = preset !== undefined && preset["len"] !== undefined ? preset["len"] : input["len"];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffff) throw badScalar(path, "len", 'u16', v);
    dv.setUint16(offset + 2, v, le);
    v = preset !== undefined && preset["rule_number"] !== undefined ? preset["rule_number"] : input["rule_number"];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffffffff) throw badScalar(path, "rule_number", 'u32', v);
    dv.setUint32(offset + 4, v, le);
    v = preset !== undefined && preset["subj_trust"] !== undefined ? preset["subj_trust"] : input["subj_trust"];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffffffff) throw badScalar(path, "subj_trust", 'u32', v);
    dv.setUint32(offset + 8, v, le);
    v = preset !== undefined && preset["obj_trust"] !== undefined ? preset["obj_trust"] : input["obj_trust"];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffffffff) throw badScalar(path, "obj_trust", 'u32', v);
    dv.setUint32(offset + 12, v, le);
    let cursor = offset + 16;
    return cursor;
  }
  return { View: fanotify_response_info_audit_rule_View, point, check, toObject, write };
}

/** Generated code of the spec/ structs, by schema object (the codec layer hands it to the compiler). @internal */
export const generatedStructs: ReadonlyMap<StructSchema, GeneratedStruct> = new Map<StructSchema, GeneratedStruct>([
  [fanotify_event_metadata, fanotify_event_metadata_code(structDeps)],
  [fidRecordStruct, fanotify_event_info_fid_file_handle_code(structDeps)],
  [fidNameRecordStruct, fanotify_event_info_fid_file_handle_name_code(structDeps)],
  [fanotify_event_info_pidfd, fanotify_event_info_pidfd_code(structDeps)],
  [fanotify_event_info_error, fanotify_event_info_error_code(structDeps)],
  [fanotify_event_info_range, fanotify_event_info_range_code(structDeps)],
  [fanotify_event_info_mnt, fanotify_event_info_mnt_code(structDeps)],
  [unknownRecordStruct, fanotify_event_info_unknown_code(structDeps)],
  [fanotify_response, fanotify_response_code(structDeps)],
  [fanotify_response_info_audit_rule, fanotify_response_info_audit_rule_code(structDeps)],
]);
