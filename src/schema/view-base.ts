/**
 * The state every zero-copy view carries: where its bytes are and in which byte order. Field
 * getters generated from a schema live on the prototype and read straight from the `DataView`.
 *
 * @packageDocumentation
 */

/**
 * Base class of every generated view. A view is a flyweight: re-pointing it at other bytes
 * costs no allocation.
 *
 * @public
 */
export class StructViewBase {
  /** @internal DataView over the whole decoded buffer. */
  _dv: DataView = EMPTY_VIEW;
  /** @internal Uint8Array over the same bytes as `_dv`. */
  _u8: Uint8Array = EMPTY_BYTES;
  /** @internal Offset of this struct inside `_dv`. */
  _o = 0;
  /** @internal End of this struct's frame inside `_dv` (exclusive). */
  _end = 0;
  /** @internal End of the last field (the start of any padding). */
  _content = 0;
  /** @internal Little-endian? */
  _le = true;
  /** @internal Start and length of each variable-length tail field, in pairs, from index `_tb`. */
  _t: Int32Array = NO_TAIL;
  /** @internal Where this view's pairs start in `_t` (views of one event share one slot table). */
  _tb = 0;

  /** Byte offset of this struct inside the decoded buffer. */
  get byteOffset(): number {
    return this._o;
  }

  /** Size of this struct's frame in bytes (content plus padding). */
  get byteLength(): number {
    return this._end - this._o;
  }

  /** The struct's exact bytes, as a zero-copy view. */
  bytes(): Uint8Array {
    return this._u8.subarray(this._o, this._end);
  }
}

const EMPTY_BYTES = new Uint8Array(0);
const EMPTY_VIEW = new DataView(EMPTY_BYTES.buffer);
const NO_TAIL = new Int32Array(0);
