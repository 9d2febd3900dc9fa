/**
 * fanotify writes host byte order. Every decode and encode takes an explicit byte order and
 * defaults to the host's, so captures from big-endian machines (s390x, ppc64) read correctly.
 *
 * @packageDocumentation
 */
import { FanotifyArgumentError } from '../fanotify-codec-error.js';

/** Byte order of a fanotify stream. @public */
export type ByteOrder = 'little' | 'big';

/** The byte order of this machine (what the local kernel writes). @public */
export const hostByteOrder: ByteOrder = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 'little' : 'big';

/** Resolves an optional byte order to DataView's `littleEndian` flag. @internal */
export function isLittleEndian(order: ByteOrder | undefined): boolean {
  const resolved = order ?? hostByteOrder;
  if (resolved !== 'little' && resolved !== 'big') throw new FanotifyArgumentError('BAD_OPTION', `byteOrder must be 'little' or 'big', got ${String(order)}`);
  return resolved === 'little';
}

/**
 * `u8`'s whole 32-bit words as a host-order Int32Array, for the generated walks' word reads
 * (`cursor-reads.ts`), or `undefined` where those do not fit: a big-endian stream or host, or
 * `u8` not starting 4-aligned. `last` is returned again when it already covers them (a reader
 * that walks the same buffer after every `read()` allocates nothing); its words past `u8`'s end
 * are never read, because every walk checks lengths against the end of `u8`.
 *
 * @internal
 */
export function hostWords(u8: Uint8Array, le: boolean, last?: Int32Array): Int32Array | undefined {
  if (!le || !HOST_LITTLE || (u8.byteOffset & 3) !== 0) return undefined;
  const n = u8.length >>> 2;
  if (last !== undefined && last.buffer === u8.buffer && last.byteOffset === u8.byteOffset && last.length >= n) return last;
  return new Int32Array(u8.buffer, u8.byteOffset, n);
}

const HOST_LITTLE = hostByteOrder === 'little';

/**
 * A DataView over `u8`'s bytes: `last` again when it starts where `u8` does and covers it (a
 * cursor reset after every `read()` of one read buffer makes none; a DataView costs a call into
 * the runtime to make), else a new one. As with {@link hostWords}, bytes of `last` past `u8`'s
 * end are never read: every walk checks lengths against the end of `u8`.
 *
 * @internal
 */
export function dataViewOver(u8: Uint8Array, last: DataView | undefined): DataView {
  if (last !== undefined && last.buffer === u8.buffer && last.byteOffset === u8.byteOffset && last.byteLength >= u8.byteLength) return last;
  return new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
}

/** A bounded DataView and Uint8Array over exactly the bytes of `input` (honouring its byteOffset). @internal */
export function viewsOf(input: Uint8Array | ArrayBufferView | ArrayBuffer): { dv: DataView; u8: Uint8Array } {
  if (input instanceof ArrayBuffer) return { dv: new DataView(input), u8: new Uint8Array(input) };
  if (ArrayBuffer.isView(input)) {
    return {
      dv: new DataView(input.buffer, input.byteOffset, input.byteLength),
      u8: new Uint8Array(input.buffer, input.byteOffset, input.byteLength),
    };
  }
  throw new FanotifyArgumentError('NOT_BYTES', `expected a Uint8Array, another ArrayBufferView, or an ArrayBuffer, got ${input === null ? 'null' : typeof input}`);
}
