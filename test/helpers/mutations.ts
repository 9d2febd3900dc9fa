/**
 * Hostile variants of valid streams: the positions of every length field, NUL and info_type in
 * an encoded stream (found by a walker written independently of the codec), and fast-check
 * arbitraries that change them, truncate the stream, or flip bits.
 */
import fc from 'fast-check';

const FID_FAMILY = new Set([1, 2, 3, 10, 12]);
const NAME_TYPES = new Set([2, 10, 12]);

/** Where the interesting fields of a valid little-endian stream are. */
export interface FieldLocations {
  /** Offsets of each event's `event_len` (u32). */
  readonly eventLen: number[];
  /** Offsets of each event's `vers` (u8). */
  readonly vers: number[];
  /** Offsets of each event's `metadata_len` (u16). */
  readonly metadataLen: number[];
  /** Offsets of each record's `info_type` (u8). */
  readonly infoType: number[];
  /** Offsets of each record's `len` (u16). */
  readonly recordLen: number[];
  /** Offsets of each fid-family record's `handle_bytes` (u32). */
  readonly handleBytes: number[];
  /** Offsets of the NUL that ends each name. */
  readonly nameNul: number[];
}

/** Finds the fields of a valid little-endian stream (as `encodeEvents` writes it). */
export function locateFields(bytes: Uint8Array): FieldLocations {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: FieldLocations = { eventLen: [], vers: [], metadataLen: [], infoType: [], recordLen: [], handleBytes: [], nameNul: [] };
  for (let pos = 0; pos + 24 <= bytes.length; ) {
    const eventLen = dv.getUint32(pos, true);
    out.eventLen.push(pos);
    out.vers.push(pos + 4);
    out.metadataLen.push(pos + 6);
    const end = pos + eventLen;
    for (let r = pos + 24; r + 4 <= end; ) {
      const type = bytes[r]!;
      const len = dv.getUint16(r + 2, true);
      out.infoType.push(r);
      out.recordLen.push(r + 2);
      if (FID_FAMILY.has(type) && len >= 20) {
        out.handleBytes.push(r + 12);
        if (NAME_TYPES.has(type)) {
          const nul = bytes.indexOf(0, r + 20 + dv.getUint32(r + 12, true));
          if (nul >= 0 && nul < r + len) out.nameNul.push(nul);
        }
      }
      if (len < 4) break;
      r += len;
    }
    if (eventLen < 24) break;
    pos = end;
  }
  return out;
}

/** One hostile change to a stream. */
export type Mutation =
  | { readonly kind: 'set-u32' | 'set-u16' | 'set-u8'; readonly at: number; readonly value: number }
  | { readonly kind: 'truncate'; readonly length: number }
  | { readonly kind: 'bit-flip'; readonly at: number; readonly bit: number };

/** Applies mutations to a copy of `bytes` (writes that fall outside the buffer are dropped). */
export function applyMutations(bytes: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let out = bytes.slice();
  for (const m of mutations) {
    const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
    if (m.kind === 'truncate') out = out.slice(0, Math.min(m.length, out.length));
    else if (m.kind === 'bit-flip') {
      if (m.at < out.length) out[m.at] = out[m.at]! ^ (1 << m.bit);
    } else if (m.kind === 'set-u32') {
      if (m.at + 4 <= out.length) dv.setUint32(m.at, m.value >>> 0, true);
    } else if (m.kind === 'set-u16') {
      if (m.at + 2 <= out.length) dv.setUint16(m.at, m.value & 0xffff, true);
    } else if (m.at < out.length) out[m.at] = m.value & 0xff;
  }
  return out;
}

/** A new value for a length field: near the old one (off by a little) or anything. */
function arbLengthValue(old: number, max: number): fc.Arbitrary<number> {
  return fc.oneof(
    fc.integer({ min: -8, max: 8 }).map((d) => Math.max(0, Math.min(max, old + d))),
    fc.integer({ min: 0, max }),
    fc.constantFrom(0, 1, 3, 4, 23, 24, 25, max),
  );
}

function pick(offsets: readonly number[]): fc.Arbitrary<number> | undefined {
  return offsets.length === 0 ? undefined : fc.constantFrom(...offsets);
}

/**
 * One mutation of `bytes`: a changed `event_len`/`metadata_len`/`vers`/`len`/`handle_bytes`, a
 * removed NUL, an info_type changed to an unknown value, a truncation, or a bit flip.
 */
export function arbMutation(bytes: Uint8Array): fc.Arbitrary<Mutation> {
  const at = locateFields(bytes);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const candidates: fc.Arbitrary<Mutation>[] = [
    fc.integer({ min: 0, max: Math.max(0, bytes.length - 1) }).map((length) => ({ kind: 'truncate' as const, length })),
  ];
  if (bytes.length > 0) {
    candidates.push(fc.record({ kind: fc.constant('bit-flip' as const), at: fc.integer({ min: 0, max: bytes.length - 1 }), bit: fc.integer({ min: 0, max: 7 }) }));
  }
  const u32 = (offsets: readonly number[], max: number): void => {
    const p = pick(offsets);
    if (p) candidates.push(p.chain((o) => arbLengthValue(dv.getUint32(o, true), max).map((value) => ({ kind: 'set-u32' as const, at: o, value }))));
  };
  const u16 = (offsets: readonly number[]): void => {
    const p = pick(offsets);
    if (p) candidates.push(p.chain((o) => arbLengthValue(dv.getUint16(o, true), 0xffff).map((value) => ({ kind: 'set-u16' as const, at: o, value }))));
  };
  u32(at.eventLen, 0xffff_ffff);
  u32(at.handleBytes, 0xffff_ffff);
  u16(at.metadataLen);
  u16(at.recordLen);
  const vers = pick(at.vers);
  if (vers) candidates.push(vers.chain((o) => fc.integer({ min: 0, max: 255 }).map((value) => ({ kind: 'set-u8' as const, at: o, value }))));
  const nul = pick(at.nameNul);
  if (nul) candidates.push(nul.map((o) => ({ kind: 'set-u8' as const, at: o, value: 0x41 })));
  const type = pick(at.infoType);
  if (type) candidates.push(type.chain((o) => fc.integer({ min: 0, max: 255 }).map((value) => ({ kind: 'set-u8' as const, at: o, value }))));
  return fc.oneof(...candidates);
}

/** A stream with 1..3 mutations applied, and the mutations (for failure reports). */
export function arbMutated(bytes: Uint8Array): fc.Arbitrary<{ readonly bytes: Uint8Array; readonly mutations: readonly Mutation[] }> {
  return fc.array(arbMutation(bytes), { minLength: 1, maxLength: 3 }).map((mutations) => ({ bytes: applyMutations(bytes, mutations), mutations }));
}
