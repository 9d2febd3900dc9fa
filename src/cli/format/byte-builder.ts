/**
 * An append-only byte buffer for command output: ASCII, decimal numbers and hex are written
 * straight into bytes (no string per value), and the filled block is handed out whole, so a
 * command writes its output in few, large writes.
 *
 * @packageDocumentation
 */

/** The ASCII hex digit of each nibble value. */
const HEX = new Uint8Array([...'0123456789abcdef'].map((c) => c.charCodeAt(0)));

/** Encodes ASCII `text` (constant keys, punctuation) once. @internal */
export function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

/** A growable output block. @internal */
export class ByteBuilder {
  /** The block being filled. */
  buf: Uint8Array;
  /** Bytes filled in `buf`. */
  pos = 0;

  /** `blockSize`: the size of each block handed out by {@link ByteBuilder.take} (it grows for huge items). */
  constructor(private readonly blockSize = 1 << 20) {
    this.buf = Buffer.allocUnsafe(blockSize);
  }

  /** Makes room for `n` more bytes. */
  reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    bigger.set(this.buf.subarray(0, this.pos));
    this.buf = bigger;
  }

  /** The filled bytes; the builder starts a new block (the returned bytes are never reused). */
  take(): Uint8Array {
    const out = this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafe(this.blockSize);
    this.pos = 0;
    return out;
  }

  /** Appends pre-encoded bytes (short constants: a loop beats `set()` for them). */
  bytes(b: Uint8Array): void {
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < b.length; i++) buf[p++] = b[i]!;
    this.pos = p;
  }

  /** Appends one ASCII byte. */
  byte(c: number): void {
    this.buf[this.pos++] = c;
  }

  /** Appends an ASCII string (numbers' and bigints' text). */
  text(s: string): void {
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < s.length; i++) buf[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  /** Appends an integer in decimal, as `JSON.stringify` prints it (any safe integer). */
  int(n: number): void {
    if (n < 0) {
      this.buf[this.pos++] = 0x2d;
      n = -n;
    }
    if (n < 10) {
      this.buf[this.pos++] = 0x30 + n;
      return;
    }
    if (n > 0x7fff_ffff) return this.text(String(n));
    // Small integer arithmetic: int32 division stays in registers.
    const digits = n < 100 ? 2 : n < 1000 ? 3 : n < 10000 ? 4 : n < 100000 ? 5 : n < 1000000 ? 6 : n < 10000000 ? 7 : n < 100000000 ? 8 : n < 1000000000 ? 9 : 10;
    const buf = this.buf;
    const start = this.pos;
    let p = start + digits;
    this.pos = p;
    for (let x = n | 0; p > start; x = (x / 10) | 0) buf[--p] = 0x30 + (x % 10);
  }

  /** Appends `src[start..end)` as lower-case hex, two digits per byte. */
  hex(src: Uint8Array, start = 0, end = src.length): void {
    const buf = this.buf;
    let p = this.pos;
    for (let i = start; i < end; i++) {
      const b = src[i]!;
      buf[p++] = HEX[b >> 4]!;
      buf[p++] = HEX[b & 15]!;
    }
    this.pos = p;
  }

  /** Appends `src` verbatim. */
  copy(src: Uint8Array): void {
    if (src.length < 32) return this.bytes(src);
    this.buf.set(src, this.pos);
    this.pos += src.length;
  }

  /** Appends a JS string as UTF-8 (the rare values that need `JSON.stringify`'s escaping). */
  utf8(s: string): void {
    this.reserve(s.length * 3);
    this.pos += (this.buf as Buffer).write(s, this.pos, 'utf8');
  }
}
