/**
 * Constant tables: every kernel constant with its value, the kernel release that introduced it,
 * and whether the installed uapi header is expected to define it.
 *
 * @packageDocumentation
 */

/**
 * One kernel constant.
 *
 * @public
 */
export interface ConstantSpec<V extends number | bigint = number | bigint> {
  /** The value. Event-mask bits are `bigint` (the mask is 64 bits wide); everything else is `number`. */
  readonly value: V;
  /** Kernel release that introduced it, e.g. `'5.9'` (a later mainline fix is noted in `doc`). */
  readonly since: string;
  /**
   * Stable point releases of older series that received it by backport, e.g. `['6.12.4', '6.6.66']`:
   * a `6.12.y` kernel with `y ≥ 4` has it although `since` is 6.13.
   */
  readonly backports?: readonly string[];
  /** One-line description. */
  readonly doc: string;
  /** Not a single bit or value but a union of others (`FAN_CLOSE`), so it is skipped when naming mask bits. */
  readonly aggregate?: boolean;
}

/**
 * A named group of constants (event bits, init flags, …).
 *
 * @public
 */
export interface ConstantGroup<T extends Record<string, ConstantSpec> = Record<string, ConstantSpec>> {
  /** Group name, e.g. `'event-bits'`. */
  readonly name: string;
  /** What the constants are used for. */
  readonly doc: string;
  /** The constants, by kernel name. */
  readonly entries: T;
}

/** Declares a constant group. @public */
export function constantGroup<const T extends Record<string, ConstantSpec>>(name: string, doc: string, entries: T): ConstantGroup<T> {
  return Object.freeze({ name, doc, entries: Object.freeze(entries) });
}

