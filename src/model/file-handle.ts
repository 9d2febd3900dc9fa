/**
 * File handles as `name_to_handle_at(2)` returns them, and the deterministic ones the model
 * makes up when a scenario does not give the real bytes.
 *
 * @packageDocumentation
 */
import { FanotifyModelError } from './errors.js';
import { MAX_HANDLE_SZ } from '../kernel/bits.js';
import { toHex } from '../text/hex.js';

/**
 * An encoded file handle: `file_handle.handle_type` and `f_handle` (`handle_bytes` is the length).
 *
 * @public
 */
export interface FileHandleValue {
  /** `handle_type` (e.g. 1, FILEID_INO32_GEN). */
  readonly type: number;
  /** The `f_handle` bytes (`handle_bytes` long). */
  readonly bytes: Uint8Array;
}

/**
 * A handle whose bytes come from the inode number and generation: for 8 bytes `[ino u32, gen u32]`
 * (ext4's FILEID_INO32_GEN layout), otherwise `[gen u32, ino u32 low, ino u32 high]` zero-padded
 * (the tmpfs layout), little-endian. Real bytes can always be supplied instead.
 *
 * @public
 */
export function generatedHandle(ino: number, generation: number, type: number, length: number): FileHandleValue {
  if (length % 4 !== 0 || length < 4 || length > MAX_HANDLE_SZ) {
    throw new FanotifyModelError('BAD_ARGUMENT', `handle length must be a multiple of 4 in [4, ${MAX_HANDLE_SZ}], got ${length}`);
  }
  const bytes = new Uint8Array(length);
  const dv = new DataView(bytes.buffer);
  if (length === 8) {
    dv.setUint32(0, ino >>> 0, true);
    dv.setUint32(4, generation >>> 0, true);
  } else {
    dv.setUint32(0, generation >>> 0, true);
    if (length >= 8) dv.setUint32(4, ino >>> 0, true);
    if (length >= 12) dv.setUint32(8, Math.floor(ino / 2 ** 32) >>> 0, true);
  }
  return { type, bytes };
}

/** Hex of a handle's bytes (for keys and messages). @internal */
export function handleKey(handle: FileHandleValue | null): string {
  return handle === null ? '-' : `${handle.type}:${toHex(handle.bytes)}`;
}
