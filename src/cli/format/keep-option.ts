/**
 * `--keep KINDS`: which run-specific values normalization leaves untouched.
 *
 * @packageDocumentation
 */
import { NORMALIZED_KINDS, type NormalizedKind } from '../../golden/normalize.js';
import { UsageError } from '../command.js';

/** Parses `--keep pid,fd` into kinds (`undefined` → none kept). @internal */
export function parseKeep(value: string | undefined): NormalizedKind[] {
  if (value === undefined || value === '') return [];
  return value.split(',').map((k) => {
    const kind = k.trim() as NormalizedKind;
    if (!NORMALIZED_KINDS.includes(kind)) throw new UsageError(`--keep: unknown kind '${k}' (known: ${NORMALIZED_KINDS.join(', ')})`);
    return kind;
  });
}
