/**
 * The checksum every decoder feeds with every field it decoded, so no decoder can skip work and
 * all of them can be checked against each other. The C loop (bench/c/walk.h) computes the same
 * value with the same rules:
 * - `a`: sum, wrapping at 2^32, of every field of 32 bits or fewer (signed ones as their u32 bits),
 *   plus, for each byte field (f_handle, name, unknown data), its length, first and last byte;
 * - `w`: sum, wrapping at 2^64, of every 64-bit field (mask, offset, count, mnt_id).
 */

/** The word sums move into the bigint sum past 2^52: one more u32 keeps them below 2^53, exact. */
const FOLD_AT = 2 ** 52;

export class Checksum {
  /** Events seen. */
  events = 0;
  /** Info records seen. */
  records = 0;
  private a = 0;
  // A BigUint64Array element wraps at 2^64 and, unlike a bigint field, is updated without
  // allocating: the harness adds no allocation of its own to the decoders' figures.
  private readonly w = new BigUint64Array(1);
  // Decoders without 64-bit integers hand in two u32 words, summed here as plain numbers: exact
  // while each sum stays below 2^53, so they move into `w` before that (foldWords).
  private lo = 0;
  private hi = 0;

  event(eventLen: number, vers: number, reserved: number, metadataLen: number, fd: number, pid: number): void {
    this.events++;
    this.a = (this.a + eventLen + vers + reserved + metadataLen + fd + pid) | 0;
  }

  header(infoType: number, pad: number, len: number): void {
    this.records++;
    this.a = (this.a + infoType + pad + len) | 0;
  }

  /** One 32-bit-or-smaller field. */
  n(value: number): void {
    this.a = (this.a + value) | 0;
  }

  fid(fsid0: number, fsid1: number, handleBytes: number, handleType: number, handle: Uint8Array): void {
    this.a = (this.a + fsid0 + fsid1 + handleBytes + handleType) | 0;
    this.bytes(handle);
  }

  /** A byte field (a view or a copy): its length, first and last byte. */
  bytes(b: Uint8Array): void {
    const n = b.length;
    this.a = (this.a + n + (n > 0 ? b[0]! + b[n - 1]! : 0)) | 0;
  }

  /** A byte field given as an offset and a length into `u8` (decoders that make no views). */
  span(u8: Uint8Array, start: number, n: number): void {
    this.a = (this.a + n + (n > 0 ? u8[start]! + u8[start + n - 1]! : 0)) | 0;
  }

  /** A name some peer decoded to a string, one char per byte (restructure's 'ascii' = windows-1252). */
  byteString(s: string, byteOfChar: (code: number) => number): void {
    const n = s.length;
    this.a = (this.a + n + (n > 0 ? byteOfChar(s.charCodeAt(0)) + byteOfChar(s.charCodeAt(n - 1)) : 0)) | 0;
  }

  /** A 64-bit field as a bigint. */
  u64(value: bigint): void {
    this.w[0] = this.w[0]! + value;
  }

  /** A 64-bit field split into its low and high u32 words. */
  u64Words(lo: number, hi: number): void {
    // Two number adds: summing into a Uint32Array with a carry (the form before) took a third
    // of the walker's time on the range shape (bench/RESULTS.md, "A lighter checksum"), and a
    // `%` on doubles is a call to fmod.
    this.lo += lo;
    this.hi += hi;
    if (this.lo + this.hi > FOLD_AT) this.foldWords();
  }

  /** Moves the word sums into `w` (wrapping at 2^64), exactly. */
  private foldWords(): void {
    this.w[0] = this.w[0]! + (BigInt(this.hi) << 32n) + BigInt(this.lo);
    this.lo = this.hi = 0;
  }

  /** `events/records/a/w`, all decoders must agree on it. */
  digest(): string {
    const w = BigInt.asUintN(64, this.w[0]! + (BigInt(this.hi) << 32n) + BigInt(this.lo));
    return `${this.events}/${this.records}/${(this.a >>> 0).toString(16).padStart(8, '0')}/${w.toString(16).padStart(16, '0')}`;
  }
}
