/**
 * How the generated cursor reads a scalar at a constant offset from an event or record start:
 * the expressions `cursor-source.ts` writes into its walks. Two forms:
 *
 * - **view reads**: DataView getters with the byte order `le` as a variable; any byte order, any
 *   alignment. Every walk can use them.
 * - **word reads**: elements of `w`, an `Int32Array` over the same bytes, and of `u8`. An element
 *   load is what V8 compiles best (no getter call, no byte-order branch): the same unchecked loop
 *   read the small-record shapes 1.6–1.8× faster that way (bench/RESULTS.md, "Word reads"). They
 *   are right only for a little-endian stream on a little-endian host, with the start `base`
 *   4-aligned in the buffer; the cursor takes them only then (`CursorBase._words`) and the view
 *   reads everywhere else. A field a layout puts off its natural alignment is read as a view
 *   read in either form (user-declared layouts may; the kernel's do not).
 *
 * @packageDocumentation
 */
import { scalarAccess, type ScalarKind } from '../schema/scalar.js';

/** Expressions reading scalars at `base + off`, in code that has `dv`, `le`, `u8` (and `w`) in scope. @internal */
export interface ScalarReads {
  /** A scalar of 32 bits or fewer, as a number. */
  scalar(kind: ScalarKind, base: string, off: number): string;
  /** The low and high u32 words of a 64-bit scalar (the high one signed for `s64`). */
  words(kind: ScalarKind, base: string, off: number): [lo: string, hi: string];
  /**
   * Word reads only: the 32-bit word at `base + off` (`off` a multiple of 4), as a signed
   * number, little-endian (byte k of the word is bits 8k..8k+7): several small fields in one load.
   */
  readonly word?: (base: string, off: number) => string;
}

/** `base + n`, or `base` when n is 0. @internal */
export function plus(base: string, n: number): string {
  return n === 0 ? base : `${base} + ${n}`;
}

/** The DataView getter of each kind (the one table of them is `scalarAccess`). @internal */
export const GET = Object.fromEntries(Object.entries(scalarAccess).map(([kind, [get]]) => [kind, get])) as Record<ScalarKind, string>;

/** DataView getters with byte order `le`: a variable's name, or `true` where the order is known. */
function viewReads(le: string): ScalarReads {
  return {
    scalar: (kind, base, off) => (kind === 'u8' || kind === 's8' ? `dv.${GET[kind]}(${plus(base, off)})` : `dv.${GET[kind]}(${plus(base, off)}, ${le})`),
    words(kind, base, off) {
      const hiGet = kind === 's64' ? 'getInt32' : 'getUint32';
      const lo = `dv.getUint32(${plus(base, off)}, true)`;
      const hi = `dv.${hiGet}(${plus(base, off + 4)}, true)`;
      if (le === 'true') return [lo, hi];
      return [`(${le} ? ${lo} : dv.getUint32(${plus(base, off + 4)}, false))`, `(${le} ? ${hi} : dv.${hiGet}(${plus(base, off)}, false))`];
    },
  };
}

/** DataView getters, byte order `le`. @internal */
export const VIEW_READS: ScalarReads = viewReads('le');

/** The view reads a word-read walk falls back to: the stream is little-endian there. */
const LITTLE = viewReads('true');

/**
 * The test, true when word reads cannot serve the event or record starting at `start`: it is
 * not on a word boundary of the buffer (`w` holds 4-byte words from the buffer's start).
 *
 * @internal
 */
export function misaligned(start: string): string {
  return `(${start} & ${Int32Array.BYTES_PER_ELEMENT - 1}) !== 0`;
}

/**
 * Word reads (little-endian stream and host, `base` 4-aligned); `ts` adds the non-null
 * assertions TypeScript wants on element loads.
 *
 * @internal
 */
export function wordReads(ts: boolean): ScalarReads {
  const bang = ts ? '!' : '';
  // The word holding byte `off` (little-endian: its byte k is bits 8k..8k+7).
  const word = (base: string, off: number): string => `w[${(off & ~3) === 0 ? base : `(${plus(base, off & ~3)})`} >>> 2]${bang}`;
  return {
    word,
    scalar(kind, base, off) {
      if (kind === 'u8') return `u8[${plus(base, off)}]${bang}`;
      if (kind === 's8') return `(u8[${plus(base, off)}]${bang} << 24 >> 24)`;
      if ((kind === 'u16' || kind === 's16') && off % 2 === 0) {
        const shift = kind === 'u16' ? '>>>' : '>>';
        return off % 4 === 0 ? `(${word(base, off)} << 16 ${shift} 16)` : `(${word(base, off)} ${shift} 16)`;
      }
      if ((kind === 'u32' || kind === 's32') && off % 4 === 0) return kind === 'u32' ? `(${word(base, off)} >>> 0)` : word(base, off);
      return LITTLE.scalar(kind, base, off);
    },
    words(kind, base, off) {
      if (off % 4 !== 0) return LITTLE.words(kind, base, off);
      const hi = word(base, off + 4);
      return [`(${word(base, off)} >>> 0)`, kind === 's64' ? hi : `(${hi} >>> 0)`];
    },
  };
}
