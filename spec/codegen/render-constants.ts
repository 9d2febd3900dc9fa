/**
 * Renders `src/generated/constants.ts` from the constant tables, so every constant is a named,
 * documented, tree-shakeable export whose value is written exactly once (in `spec/constants`).
 */
import type { ConstantGroup } from '../../src/schema/constants.js';
import { eventBits } from '../constants/event-bits.js';
import { experimentalConstants } from '../constants/experimental.js';
import { infoTypes } from '../constants/info-types.js';
import { initFlags } from '../constants/init-flags.js';
import { markFlags } from '../constants/mark-flags.js';
import { responseValues } from '../constants/responses.js';
import { specialValues } from '../constants/special-values.js';

/** Every mainline constant group (what kernel headers define), in the order they are rendered. */
export const allConstantGroups: readonly ConstantGroup[] = [eventBits, initFlags, markFlags, infoTypes, responseValues, specialValues];

/** Proposed constants no mainline kernel has; rendered after the mainline ones. */
export const experimentalConstantGroups: readonly ConstantGroup[] = [experimentalConstants];

function literal(value: number | bigint): string {
  if (typeof value === 'bigint') return `0x${value.toString(16)}n`;
  return value < 0 || value < 16 ? String(value) : `0x${value.toString(16)}`;
}

/** The source text of the generated module. */
export function renderConstantsModule(): string {
  const lines = [
    '// Generated from spec/constants by spec/codegen. Do not edit: run `npm run generate`.',
    '/* eslint-disable */',
    '',
  ];
  for (const group of [...allConstantGroups, ...experimentalConstantGroups]) {
    lines.push(`// ${group.name}: ${group.doc}`, '');
    for (const [name, spec] of Object.entries(group.entries)) {
      const since = /^[0-9]/.test(spec.since) ? `Since Linux ${spec.since}.` : `Status: ${spec.since}.`;
      lines.push(`/** ${spec.doc} ${since} @public */`);
      lines.push(`export const ${name} = ${literal(spec.value)};`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
