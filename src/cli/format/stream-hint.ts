/**
 * The hint printed after a decode error when the input's first event is implausible: either the
 * bytes read correctly in the other byte order (`try --endian big`), or they do not look like a
 * fanotify stream at all. The one home of this heuristic.
 *
 * @packageDocumentation
 */
import type { ByteOrder } from '../../codec/byte-order.js';
// Every event the kernel writes has both.
import { FAN_EVENT_METADATA_LEN as METADATA_LEN, FANOTIFY_METADATA_VERSION as VERSION } from '../../generated/constants.js';

function plausible(head: Uint8Array, littleEndian: boolean, maxEventLength: number): boolean {
  const dv = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const eventLen = dv.getUint32(0, littleEndian);
  return head[4] === VERSION && dv.getUint16(6, littleEndian) === METADATA_LEN && eventLen >= METADATA_LEN && eventLen % 4 === 0 && eventLen <= maxEventLength;
}

/**
 * A hint for an input that failed to decode, judged from its first bytes `head` (at least the
 * first 8), or `undefined` when the first event looks like a fanotify event in `byteOrder`.
 *
 * @internal
 */
export function streamHint(head: Uint8Array, byteOrder: ByteOrder, maxEventLength: number): string | undefined {
  if (head.length < 8) return head.length === 0 ? undefined : `the input is ${head.length} bytes: shorter than one event (${METADATA_LEN} bytes); is it a fanotify stream?`;
  const little = byteOrder === 'little';
  if (plausible(head, little, maxEventLength)) return undefined;
  if (plausible(head, !little, maxEventLength)) return `the first event reads correctly as ${little ? 'big' : 'little'}-endian: try --endian ${little ? 'big' : 'little'}`;
  const dv = new DataView(head.buffer, head.byteOffset, head.byteLength);
  return `this does not look like a fanotify stream (the first event would have event_len ${dv.getUint32(0, little)}, vers ${head[4]}, metadata_len ${dv.getUint16(6, little)}; expected vers ${VERSION} and metadata_len ${METADATA_LEN})`;
}

/** Remembers the first bytes of a chunked input for {@link streamHint}. @internal */
export class InputHead {
  private head = new Uint8Array(0);
  /** Total bytes seen. */
  bytes = 0;

  /** The chunks of `chunks`, unchanged, noting the first 8 bytes and the byte count. */
  async *tap(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    for await (const chunk of chunks) {
      if (this.head.length < 8) this.head = Uint8Array.from([...this.head, ...chunk.subarray(0, 8 - this.head.length)]);
      this.bytes += chunk.length;
      yield chunk;
    }
  }

  /** The hint for these bytes (see {@link streamHint}). */
  hint(byteOrder: ByteOrder, maxEventLength: number): string | undefined {
    return streamHint(this.head, byteOrder, maxEventLength);
  }
}
