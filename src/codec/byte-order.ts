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
