/**
 * `fanotify-codec/kernel`: kernel releases and what each has, the kernel behaviours the model,
 * live hints and probes follow, and the errno table.
 *
 * @packageDocumentation
 */
export { parseKernelRelease, releaseHas, seriesOf, DEFAULT_KERNEL_RELEASE, KNOWN_KERNEL_SERIES } from '../kernel/release.js';
export type { KernelRelease } from '../kernel/release.js';
export { KERNEL_BEHAVIOURS, kernelHas } from '../kernel/behaviours.js';
export type { KernelBehaviour, BehaviourId } from '../kernel/behaviours.js';
export type { RuleFailure } from '../kernel/rules/rule.js';
export { errnoName, errnoNumber } from '../kernel/errno.js';
export type { ErrnoName } from '../kernel/errno.js';
