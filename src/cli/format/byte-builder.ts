/**
 * An append-only byte buffer for command output: ASCII, decimal numbers and hex are written
 * straight into bytes (no string per value), and the filled block is handed out whole, so a
 * command writes its output in few, large writes. The `write*` functions take the block and
 * the position and return the new position, so generated writers keep both in locals.
 *
 * @packageDocumentation
 */

/** The two ASCII hex digits of each byte value, as one little-endian 16-bit word. */
const HEX2 = Uint16Array.from({ length: 256 }, (_, b) => {
  const digits = b.toString(16).padStart(2, '0');
  return digits.charCodeAt(0) | (digits.charCodeAt(1) << 8);
});

/** Encodes ASCII `text` (constant keys, punctuation) once. @internal */
export function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

/**
 * Writes integer `n` in decimal at `buf[p]`, as `JSON.stringify` prints it (any safe integer),
 * and returns the position after it. `buf` must have room (the caller reserved it).
 *
 * @internal
 */
export function writeInt(buf: Uint8Array, p: number, n: number): number {
  if (n < 0) {
    buf[p++] = 0x2d;
    n = -n;
  }
  if (n < 10) {
    buf[p] = 0x30 + n;
    return p + 1;
  }
  if (n > 0x7fff_ffff) return writeAscii(buf, p, String(n));
  // Small integer arithmetic: int32 division stays in registers.
  const digits = n < 100 ? 2 : n < 1000 ? 3 : n < 10000 ? 4 : n < 100000 ? 5 : n < 1000000 ? 6 : n < 10000000 ? 7 : n < 100000000 ? 8 : n < 1000000000 ? 9 : 10;
  const end = p + digits;
  for (let x = n | 0, q = end; q > p; x = (x / 10) | 0) buf[--q] = 0x30 + (x % 10);
  return end;
}

/** Writes ASCII `s` at `buf[p]` and returns the position after it. @internal */
export function writeAscii(buf: Uint8Array, p: number, s: string): number {
  for (let i = 0; i < s.length; i++) buf[p++] = s.charCodeAt(i);
  return p;
}

/**
 * Writes `src[start..end)` as lower-case hex (two digits per byte, one 16-bit store) at
 * `dv`'s `p` and returns the position after it.
 *
 * @internal
 */
export function writeHex(dv: DataView, p: number, src: Uint8Array, start: number, end: number): number {
  for (let i = start; i < end; i++, p += 2) dv.setUint16(p, HEX2[src[i]!]!, true);
  return p;
}

/** ASCII text pre-encoded as little-endian 32-bit words, for {@link writeWords}. @internal */
export interface AsciiWords {
  readonly words: Uint32Array;
  /** Length of the text in bytes. */
  readonly length: number;
}

/** Encodes ASCII `text` as words (zero-padded to a multiple of four bytes). @internal */
export function asciiWords(text: string): AsciiWords {
  const bytes = new Uint8Array((text.length + 3) & ~3);
  bytes.set(ascii(text));
  return { words: new Uint32Array(bytes.buffer), length: text.length };
}

/**
 * Writes `text` at `dv`'s `p`, four bytes per store, and returns the position after it. Up to
 * three bytes past the text are overwritten with padding: the caller reserved room beyond it.
 *
 * @internal
 */
export function writeWords(dv: DataView, p: number, text: AsciiWords): number {
  const words = text.words;
  for (let i = 0; i < words.length; i++) dv.setUint32(p + 4 * i, words[i]!, true);
  return p + text.length;
}

/** Writes `src[start..end)` verbatim at `buf[p]` and returns the position after it. @internal */
export function writeBytes(buf: Uint8Array, p: number, src: Uint8Array, start: number, end: number): number {
  // Short runs (keys, names): a loop beats set()'s call.
  if (end - start >= 32) {
    buf.set(src.subarray(start, end), p);
    return p + end - start;
  }
  for (let i = start; i < end; i++) buf[p++] = src[i]!;
  return p;
}

/** A growable output block. @internal */
export class ByteBuilder {
  /** The block being filled. */
  buf: Uint8Array;
  /** A DataView of `buf` (for multi-byte stores). */
  dv: DataView;
  /** Bytes filled in `buf`. */
  pos = 0;

  /** `blockSize`: the size of each block handed out by {@link ByteBuilder.take} (it grows for huge items). */
  constructor(private readonly blockSize = 1 << 20) {
    this.buf = Buffer.allocUnsafe(blockSize);
    this.dv = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  }

  private use(buf: Uint8Array): void {
    this.buf = buf;
    this.dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  /** Makes room for `n` more bytes. */
  reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    bigger.set(this.buf.subarray(0, this.pos));
    this.use(bigger);
  }

  /** The filled bytes; the builder starts a new block (the returned bytes are never reused). */
  take(): Uint8Array {
    const out = this.buf.subarray(0, this.pos);
    this.use(Buffer.allocUnsafe(this.blockSize));
    this.pos = 0;
    return out;
  }

  /** Appends pre-encoded bytes. */
  bytes(b: Uint8Array): void {
    this.pos = writeBytes(this.buf, this.pos, b, 0, b.length);
  }

  /** Appends one ASCII byte. */
  byte(c: number): void {
    this.buf[this.pos++] = c;
  }

  /** Appends `src[start..end)` as lower-case hex, two digits per byte. */
  hex(src: Uint8Array, start = 0, end = src.length): void {
    this.pos = writeHex(this.dv, this.pos, src, start, end);
  }

  /** Appends a JS string as UTF-8 (the rare values that need `JSON.stringify`'s escaping). */
  utf8(s: string): void {
    this.reserve(s.length * 3);
    this.pos += (this.buf as Buffer).write(s, this.pos, 'utf8');
  }
}
