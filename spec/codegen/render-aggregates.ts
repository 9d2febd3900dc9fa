/**
 * Renders `src/generated/kernel-aggregates.ts`: every aggregate of spec/kernel/aggregates.ts as
 * a literal 32-bit number, plus the uapi constants it is made of (its leaves), so that the
 * kernel-rules layer can narrow an aggregate to the members a release has.
 */
import type { ConstantGroup } from '../../src/schema/constants.js';
import { aggregates, internalBits, type AggregateSpec } from '../kernel/aggregates.js';
import { allConstantGroups } from './render-constants.js';

const uapi = new Map<string, number>();
for (const group of allConstantGroups as readonly ConstantGroup[]) {
  for (const [name, spec] of Object.entries(group.entries)) uapi.set(name, Number(spec.value));
}

/** The uapi constants and internal bits an aggregate is made of, recursively, in order. */
function leaves(name: string, seen: string[] = []): string[] {
  const spec = (aggregates as Record<string, AggregateSpec>)[name];
  if (!spec) {
    if (!uapi.has(name) && !(name in internalBits)) throw new Error(`aggregate member ${name} is neither a constant nor an aggregate`);
    return seen.includes(name) ? seen : [...seen, name];
  }
  return spec.of.reduce((acc, member) => leaves(member, acc), seen);
}

function valueOf(leaf: string): number {
  return uapi.get(leaf) ?? (internalBits as Record<string, number>)[leaf]!;
}

/** The source text of the generated module. */
export function renderAggregatesModule(): string {
  const lines = [
    '// Generated from spec/kernel/aggregates.ts by spec/codegen. Do not edit: run `npm run generate`.',
    '/* eslint-disable */',
    '',
  ];
  for (const [name, value] of Object.entries(internalBits)) {
    lines.push(`/** Kernel-internal bit ${name} (no uapi name). @internal */`, `export const ${name} = 0x${value.toString(16)};`);
  }
  lines.push('');
  const table: string[] = [];
  for (const [name, spec] of Object.entries(aggregates as Record<string, AggregateSpec>)) {
    const ls = leaves(name);
    const value = ls.reduce((acc, leaf) => (acc | valueOf(leaf)) >>> 0, 0);
    lines.push(`/** ${name} (include/linux/${spec.header}): ${spec.of.join(' | ')}. @internal */`);
    lines.push(`export const ${name} = 0x${value.toString(16)};`);
    table.push(`  ${name}: [${ls.map((l) => `'${l}'`).join(', ')}],`);
  }
  lines.push('', '/** The constants each aggregate is made of (recursively), for narrowing it to a release. @internal */');
  lines.push('export const AGGREGATE_LEAVES = {', ...table, '} as const;', '');
  lines.push('/** The name of an aggregate. @internal */', 'export type AggregateName = keyof typeof AGGREGATE_LEAVES;', '');
  return lines.join('\n');
}
