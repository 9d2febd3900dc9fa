/**
 * Byte-level helpers for tests: hex dumps to bytes, buffers embedded in larger ones, and
 * comparisons that report the first differing offset.
 */

/**
 * Parses a hex dump into bytes. Whitespace is ignored, and so is everything after `|` or `#` on
 * a line (annotations in the reference dumps), so the dumps can be pasted as documented.
 */
export function hexBytes(dump: string): Uint8Array {
  const digits = dump
    .split('\n')
    .map((line) => line.replace(/[|#].*$/, ''))
    .join('')
    .replace(/\s+/g, '');
  if (digits.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(digits)) throw new Error(`not a hex dump: ${JSON.stringify(dump.slice(0, 60))}`);
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Concatenates byte strings into a fresh buffer. */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}

/** How {@link embed} surrounds the bytes. */
export interface EmbedOptions {
  /** Bytes of garbage before the copy (the view's byteOffset). */
  readonly before: number;
  /** Bytes of garbage after the copy. */
  readonly after: number;
  /** Value of every garbage byte (default 0xa5, which is neither a valid length nor a NUL). */
  readonly fill?: number;
}

/**
 * A copy of `bytes` placed inside a larger ArrayBuffer, surrounded by garbage, returned as a
 * view of exactly the copied bytes (non-zero byteOffset). A decoder that reads outside its view
 * sees the garbage instead of a clean end.
 */
export function embed(bytes: Uint8Array, options: EmbedOptions): Uint8Array {
  const backing = new Uint8Array(options.before + bytes.length + options.after);
  backing.fill(options.fill ?? 0xa5);
  backing.set(bytes, options.before);
  return backing.subarray(options.before, options.before + bytes.length);
}

/** Offset of the first byte where `a` and `b` differ (or where the shorter ends), -1 if equal. */
export function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

/** Lower-case hex with a space between bytes, for readable failure messages. */
export function hexDump(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}
