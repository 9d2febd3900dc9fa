/**
 * A few lines of hex dump around one byte, with a caret under it: the "where exactly" part of
 * a difference report.
 *
 * @packageDocumentation
 */

const BYTES_PER_LINE = 16;

function printable(b: number): string {
  return b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
}

/**
 * Hex dump lines of `bytes` around `bytes[at]`: the 16-byte line holding it plus `radius` lines
 * before and after (clipped to `bytes`), each prefixed with its stream offset (`base + index`,
 * lines aligned to multiples of 16 in the stream), followed by a caret line under `at`.
 *
 * @example
 * ```ts
 * hexContext(eventBytes, 45, 1024).join('\n');
 * // 00000410  …
 * // 00000420  02 00 24 00 …
 * //                 ^^
 * ```
 * @public
 */
export function hexContext(bytes: Uint8Array, at: number, base = 0, radius = 1): string[] {
  if (bytes.length === 0) return [];
  const target = Math.min(Math.max(at, 0), bytes.length - 1);
  const lineOf = (index: number): number => Math.floor((base + index) / BYTES_PER_LINE) * BYTES_PER_LINE - base;
  const first = Math.max(lineOf(target) - radius * BYTES_PER_LINE, lineOf(0));
  const last = Math.min(lineOf(target) + radius * BYTES_PER_LINE, lineOf(bytes.length - 1));
  const lines: string[] = [];
  for (let start = first; start <= last; start += BYTES_PER_LINE) {
    let hex = '';
    let text = '';
    for (let k = 0; k < BYTES_PER_LINE; k++) {
      const i = start + k;
      const inside = i >= 0 && i < bytes.length;
      hex += (k === 8 ? '  ' : k === 0 ? '' : ' ') + (inside ? bytes[i]!.toString(16).padStart(2, '0') : '  ');
      text += inside ? printable(bytes[i]!) : ' ';
    }
    const prefix = (base + start).toString(16).padStart(8, '0') + '  ';
    lines.push(`${prefix}${hex}  |${text}|`);
    if (target >= start && target < start + BYTES_PER_LINE) {
      const k = target - start;
      lines.push(' '.repeat(prefix.length + k * 3 + (k >= 8 ? 1 : 0)) + '^^');
    }
  }
  return lines;
}
