/**
 * Hexadecimal rendering of byte strings (file handles, opaque blobs) for the JSON form.
 *
 * @packageDocumentation
 */

const HEX_DIGITS = '0123456789abcdef';

/** Lower-case hex of `bytes`, two digits per byte, no separators. @public */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    out += HEX_DIGITS[b >> 4]! + HEX_DIGITS[b & 15]!;
  }
  return out;
}

/**
 * Parses hex (either case, even length, no separators) into bytes; returns `undefined` when the
 * text is not hex, so callers can raise their own typed error.
 *
 * @public
 */
export function fromHex(text: string): Uint8Array | undefined {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) return undefined;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}
