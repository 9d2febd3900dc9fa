/**
 * What a kernel rule returns when it refuses: the errno the kernel gives, which rule fired, and
 * a one-line explanation for people (the live layer's error hints are these lines).
 *
 * @packageDocumentation
 */
import { errnoName } from '../errno.js';
import { describeMissing, type MissingFlag } from '../availability.js';
import type { KernelRelease } from '../release.js';

/**
 * A refused system call: errno, rule id and explanation.
 *
 * @public
 */
export interface RuleFailure {
  /** The positive errno the kernel returns (`22` for EINVAL). */
  readonly errno: number;
  /** Stable id of the rule that fired, e.g. `'init.report-name-needs-dir-fid'`. */
  readonly rule: string;
  /** One line for people, e.g. `'FAN_REPORT_NAME requires FAN_REPORT_DIR_FID'`. */
  readonly message: string;
}

/** Builds a {@link RuleFailure}. @internal */
export function refuse(errno: number, rule: string, message: string): RuleFailure {
  return Object.freeze({ errno, rule, message });
}

/** Whether a rule result is a refusal. @internal */
export function isRefusal(value: unknown): value is RuleFailure {
  return typeof value === 'object' && value !== null && 'errno' in value && 'rule' in value;
}

/** `FAN_REPORT_FD_ERROR needs Linux 6.13 (or 6.12.4, 6.6.66 stable); running 6.1.0-50-amd64`. @internal */
export function missingMessage(missing: readonly MissingFlag[], release: KernelRelease): string {
  return `${missing.map(describeMissing).join('; ')} (running ${release.text})`;
}

/** `EINVAL (init.unknown-flags): …`, for logs and test messages. @internal */
export function formatRefusal(failure: RuleFailure): string {
  return `${errnoName(failure.errno)} (${failure.rule}): ${failure.message}`;
}
