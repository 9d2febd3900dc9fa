/**
 * File names are bytes on Linux. These helpers render them for people without losing any byte:
 * a lossy display string for valid-looking output, a validity check, and a lossless escaped form.
 *
 * @packageDocumentation
 */

const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const utf8Encoder = new TextEncoder();

/**
 * Length of the valid UTF-8 sequence starting at `i`, or 0 if the bytes there are not one.
 * Rejects overlong forms, surrogates and code points above U+10FFFF, as `TextDecoder` does.
 */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i]!;
  if (b0 < 0x80) return 1;
  const cont = (k: number): boolean => i + k < bytes.length && (bytes[i + k]! & 0xc0) === 0x80;
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    if (!cont(1) || !cont(2)) return 0;
    const b1 = bytes[i + 1]!;
    if (b0 === 0xe0 && b1 < 0xa0) return 0; // overlong
    if (b0 === 0xed && b1 >= 0xa0) return 0; // UTF-16 surrogate
    return 3;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    const b1 = bytes[i + 1]!;
    if (b0 === 0xf0 && b1 < 0x90) return 0; // overlong
    if (b0 === 0xf4 && b1 >= 0x90) return 0; // above U+10FFFF
    return 4;
  }
  return 0;
}

/** Whether `bytes` is well-formed UTF-8. @public */
export function isUtf8(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; ) {
    const n = utf8SequenceLength(bytes, i);
    if (n === 0) return false;
    i += n;
  }
  return true;
}

/**
 * Decodes a name for display: UTF-8, with U+FFFD for bytes that are not. Lossy for non-UTF-8
 * names; pair it with the bytes (or `escapeName`) wherever exactness matters.
 *
 * @public
 */
export function nameToString(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

/** UTF-8 bytes of `text` (how string names are encoded). @public */
export function nameFromString(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/**
 * A lossless, readable rendering: valid printable UTF-8 stays as is; a backslash becomes `\\`;
 * control characters, DEL and every byte that is not valid UTF-8 become `\xNN`.
 * `unescapeName` inverts it exactly.
 *
 * @example `escapeName(new Uint8Array([0x63, 0xe9]))` returns `"c\\xe9"`.
 * @public
 */
export function escapeName(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const n = utf8SequenceLength(bytes, i);
    if (n === 1 && b >= 0x20 && b < 0x7f) {
      out += b === 0x5c ? '\\\\' : String.fromCharCode(b);
      i += 1;
    } else if (n > 1) {
      out += utf8.decode(bytes.subarray(i, i + n));
      i += n;
    } else {
      out += '\\x' + b.toString(16).padStart(2, '0');
      i += 1;
    }
  }
  return out;
}

/**
 * Inverse of `escapeName`; returns `undefined` for text that no `escapeName` output matches
 * (a lone backslash or a malformed `\x` escape).
 *
 * @public
 */
export function unescapeName(text: string): Uint8Array | undefined {
  const out: number[] = [];
  for (let i = 0; i < text.length; ) {
    const ch = text[i]!;
    if (ch === '\\') {
      const next = text[i + 1];
      if (next === '\\') {
        out.push(0x5c);
        i += 2;
      } else if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 4))) {
        out.push(parseInt(text.slice(i + 2, i + 4), 16));
        i += 4;
      } else return undefined;
    } else {
      const cp = text.codePointAt(i)!;
      const width = cp > 0xffff ? 2 : 1;
      for (const b of utf8Encoder.encode(text.slice(i, i + width))) out.push(b);
      i += width;
    }
  }
  return Uint8Array.from(out);
}
