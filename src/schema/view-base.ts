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
 * The fields are declared here but initialized by each concrete view class's own constructor
 * (generated and compiled classes inline the stores; interpreted ones call `initViewFields`): one initializer shared by every view class would see
 * all their hidden classes and make every construction take V8's slow megamorphic path.
 *
 * @public
 */
export class StructViewBase {
  /** @internal DataView over the whole decoded buffer. */
  declare _dv: DataView;
  /** @internal Uint8Array over the same bytes as `_dv`. */
  declare _u8: Uint8Array;
  /** @internal Offset of this struct inside `_dv`. */
  declare _o: number;
  /** @internal End of this struct's frame inside `_dv` (exclusive). */
  declare _end: number;
  /** @internal Little-endian? */
  declare _le: boolean;
  /** @internal Start and length of each variable-length tail field, in pairs, from index `_tb`. */
  declare _t: Int32Array;
  /** @internal Where this view's pairs start in `_t` (views of one event share one slot table). */
  declare _tb: number;

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

/** Empty bytes a view points at before it is bound. @internal */
export const EMPTY_BYTES = new Uint8Array(0);
/** DataView over {@link EMPTY_BYTES}. @internal */
export const EMPTY_VIEW = new DataView(EMPTY_BYTES.buffer);
/** An empty tail-slot table. @internal */
export const NO_TAIL = new Int32Array(0);

/**
 * Initializes a view's fields (for interpreted view classes; generated and compiled classes
 * inline the same stores in their own constructors).
 *
 * @internal
 */
export function initViewFields(view: StructViewBase): void {
  view._dv = EMPTY_VIEW;
  view._u8 = EMPTY_BYTES;
  view._o = 0;
  view._end = 0;
  view._le = true;
  view._t = NO_TAIL;
  view._tb = 0;
}
