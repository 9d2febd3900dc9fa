/**
 * Renders `src/generated/kernel-cursor.ts`: the kernel codec's cursor class, from the same
 * generator (`src/codec/cursor-source.ts`) that codecs with user-declared records compile at
 * run time.
 */
import { cursorSpecsOf, renderCursorBody } from '../../src/codec/cursor-source.js';
import { kernelRecords } from '../records.js';
import { fanotify_event_metadata } from '../structs/event-metadata.js';

/** The tag of the kernel codec's cursor source (run-time compilations use others). */
export const KERNEL_CURSOR_TAG = 'fanotify-codec kernel cursor';

/** The source text of the generated module. */
export function renderKernelCursorModule(): string {
  const records = cursorSpecsOf(kernelRecords);
  const body = renderCursorBody(fanotify_event_metadata, records, { ts: true, tag: KERNEL_CURSOR_TAG });
  return [
    '// Generated from spec/ by spec/codegen. Do not edit: run `npm run generate`.',
    '/* eslint-disable */',
    "import type { CursorClass, CursorDeps, SlotSink } from '../codec/cursor.js';",
    '',
    `/** The cursor class of the kernel codec (${records.map((r) => r.type).join(', ')}). @internal */`,
    'export function kernelCursorClass(deps: CursorDeps): CursorClass {',
    ...body.split('\n').map((l) => '  ' + l),
    '}',
    '',
  ].join('\n');
}
