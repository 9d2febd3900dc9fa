/**
 * Constants of proposed kernel APIs that no mainline release (through 6.18) has. They are named
 * so that probes, the kernel model's experimental mode and error messages can call them by
 * name; a 6.18 kernel rejects them.
 */
import { constantGroup } from '../../src/schema/constants.js';

/** Proposed, not-yet-mainline constants. @public */
export const experimentalConstants = constantGroup(
  'experimental',
  'Proposed in the linux-fsdevel/vfs tree, not in mainline through 6.18 (rejected with EINVAL).',
  {
    FAN_RESTARTABLE_EVENTS: {
      value: 0x0001_0000,
      since: 'not mainline (linux-fsdevel/vfs)',
      doc: 'Init flag: restartable permission events, answered through a queue fd opened with FAN_IOC_OPEN_QUEUE_FD.',
    },
  },
);
