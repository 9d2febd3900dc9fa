/**
 * The human-readable difference report printed by `fanotify-codec diff` and by golden-file
 * failures.
 *
 * @packageDocumentation
 */
import type { DifferenceSide, StreamDifference } from './diff.js';

/** Names of the two sides in a report. @public */
export interface DifferenceLabels {
  /** Name of side A (e.g. the actual bytes, or the first file). */
  readonly a: string;
  /** Name of side B (e.g. the golden file, or the second file). */
  readonly b: string;
}

const MAX_VALUE_CHARS = 400;

function value(v: DifferenceSide['value']): string {
  if (v === undefined) return '(absent)';
  const text = JSON.stringify(v);
  return text.length > MAX_VALUE_CHARS ? text.slice(0, MAX_VALUE_CHARS) + '…' : text;
}

function sideLines(label: string, s: DifferenceSide): string[] {
  const lines: string[] = [];
  if (s.byteOffset !== undefined) lines.push(`  ${label} at byte ${s.byteOffset} (0x${s.byteOffset.toString(16)}):`);
  for (const l of s.context) lines.push(`    ${l}`);
  return lines;
}

/**
 * Renders a difference: the path and what differs, both values, and hex context of both sides.
 *
 * @example
 * ```
 * first difference at event[3].info[1].name: "a.txt" != "b.txt"
 *   A (x.bin): "a.txt"
 *   B (y.bin): "b.txt"
 *   A at byte 412 (0x19c):
 *     00000190  …
 * ```
 * @public
 */
export function formatDifference(d: StreamDifference, labels: DifferenceLabels = { a: 'A', b: 'B' }): string {
  const lines = [`first difference at ${d.path}: ${d.detail}`];
  if (d.kind === 'malformed-a' || d.kind === 'malformed-b') {
    lines.push(`  ${d.kind === 'malformed-a' ? `A is ${labels.a}` : `B is ${labels.b}`}`);
  } else {
    lines.push(`  A (${labels.a}): ${value(d.a.value)}`, `  B (${labels.b}): ${value(d.b.value)}`);
  }
  lines.push(...sideLines('A', d.a), ...sideLines('B', d.b));
  return lines.join('\n') + '\n';
}
