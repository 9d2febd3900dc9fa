/**
 * What reading a fanotify fd reports, where it depends on the release: FIONREAD and the pidfd
 * of a task that is gone.
 *
 * @packageDocumentation
 */
import { FAN_EVENT_METADATA_LEN } from '../../generated/constants.js';
import { kernelHas } from '../behaviours.js';
import type { KernelRelease } from '../release.js';

/**
 * `ioctl(FIONREAD)` on a group with queued events of these lengths: 24 bytes
 * (FAN_EVENT_METADATA_LEN) per event before 7.3 (measured on 6.1, 6.12 and 6.18), the sum of
 * their `event_len` from 7.3.
 *
 * @internal
 */
export function fionreadBytes(release: KernelRelease, eventLengths: readonly number[]): number {
  if (kernelHas(release, 'fionread-event-len')) return eventLengths.reduce((sum, n) => sum + n, 0);
  return eventLengths.length * FAN_EVENT_METADATA_LEN;
}

/**
 * Whether a PIDFD record gets a pidfd for a task that has exited and been reaped (7.2); before,
 * it gets FAN_NOPIDFD (or -ESRCH with FAN_REPORT_FD_ERROR).
 *
 * @internal
 */
export function pidfdForReapedTask(release: KernelRelease): boolean {
  return kernelHas(release, 'pidfd-of-reaped-task');
}
