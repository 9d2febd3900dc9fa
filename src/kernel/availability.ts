/**
 * Which constants and which members of the kernel's aggregates a release has, from the `since`
 * and `backports` of the spec tables: the one place where "this release knows this flag" is
 * decided.
 *
 * @packageDocumentation
 */
import { eventBits } from '../../spec/constants/event-bits.js';
import { experimentalConstants } from '../../spec/constants/experimental.js';
import { infoTypes } from '../../spec/constants/info-types.js';
import { initFlags } from '../../spec/constants/init-flags.js';
import { markFlags } from '../../spec/constants/mark-flags.js';
import { responseValues } from '../../spec/constants/responses.js';
import { specialValues } from '../../spec/constants/special-values.js';
import type { ConstantSpec } from '../schema/constants.js';
import { FanotifyInternalError } from '../fanotify-codec-error.js';
import { AGGREGATE_LEAVES, FANOTIFY_UNPRIV, FS_UNMOUNT, type AggregateName } from '../generated/kernel-aggregates.js';
import { releaseHas, type KernelRelease } from './release.js';

const SPECS = new Map<string, ConstantSpec>();
for (const group of [eventBits, initFlags, markFlags, infoTypes, responseValues, specialValues, experimentalConstants]) {
  for (const [name, spec] of Object.entries(group.entries)) SPECS.set(name, spec as ConstantSpec);
}

/** The spec entry of a uapi constant (`since`, `backports`, value), or `undefined`. @internal */
export function constantSpec(name: string): ConstantSpec | undefined {
  return SPECS.get(name);
}

/**
 * Whether `release` has the constant `name` (kernel-internal bits, which have no spec entry,
 * are always had).
 *
 * @internal
 */
export function releaseHasConstant(release: KernelRelease, name: string): boolean {
  const spec = SPECS.get(name);
  return spec === undefined || releaseHas(release, spec.since, spec.backports);
}

const cache = new Map<string, number>();

/**
 * The value of a kernel aggregate at `release`: only the members that release has
 * (`FANOTIFY_INIT_FLAGS` at 6.1 lacks FAN_REPORT_FD_ERROR and FAN_REPORT_MNT).
 *
 * @internal
 */
export function aggregateAt(name: AggregateName, release: KernelRelease): number {
  const key = `${name}@${release.major}.${release.minor}.${release.patch ?? 'x'}`;
  let value = cache.get(key);
  if (value === undefined) {
    value = 0;
    for (const leaf of AGGREGATE_LEAVES[name]) {
      if (releaseHasConstant(release, leaf)) value = (value | Number(SPECS.get(leaf)?.value ?? leafValue(leaf))) >>> 0;
    }
    cache.set(key, value);
  }
  return value;
}

/** Kernel-internal bits have no spec entry: every release has them. */
const INTERNAL_BITS: Readonly<Record<string, number>> = { FS_UNMOUNT, FANOTIFY_UNPRIV };

function leafValue(leaf: string): number {
  const value = INTERNAL_BITS[leaf];
  if (value === undefined) throw new FanotifyInternalError(`aggregate member ${leaf} has no value`);
  return value;
}

/** A flag that a release lacks, for messages: its name, `since` and backports. @internal */
export interface MissingFlag {
  readonly name: string;
  readonly since: string;
  readonly backports: readonly string[];
}

/**
 * The named (non-aggregate) flags of `table` wholly set in `value` that `release` lacks.
 *
 * @internal
 */
export function missingFlags(table: Readonly<Record<string, ConstantSpec>>, value: number | bigint, release: KernelRelease): MissingFlag[] {
  const v = BigInt(value);
  const out: MissingFlag[] = [];
  for (const [name, spec] of Object.entries(table)) {
    const bit = BigInt(spec.value);
    if (spec.aggregate || bit === 0n || (v & bit) !== bit) continue;
    if (!releaseHas(release, spec.since, spec.backports)) out.push({ name, since: spec.since, backports: spec.backports ?? [] });
  }
  return out;
}

/** `FAN_REPORT_FD_ERROR needs Linux 6.13 (or 6.12.4, 6.6.66 stable)`. @internal */
export function describeMissing(flag: MissingFlag): string {
  if (!/^\d/.test(flag.since)) return `${flag.name} is not in mainline Linux (${flag.since})`;
  const stable = flag.backports.length ? ` (or ${flag.backports.join(', ')} stable)` : '';
  return `${flag.name} needs Linux ${flag.since}${stable}`;
}
