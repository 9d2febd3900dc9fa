// A real group implementation over a scripted binding: its reads copy the given bytes into the
// read buffer (the kernel's part), a given number of times or forever, and it owns no real fd.
// Rootless and deterministic: for what the consumers themselves do (allocation, fairness).
import { FanotifyGroupImpl } from '../../../src/live/group.js';
import { simulatedBinding } from '../../../src/live/rootless/simulated-binding.js';
import { parseKernelRelease } from '../../../src/kernel/release.js';

/** FAN_CLASS_NOTIF | FAN_CLOEXEC | FAN_NONBLOCK | FAN_REPORT_DIR_FID | FAN_REPORT_NAME (as corpus/ext4/many-events). */
export const DFID_NAME_INIT_FLAGS = 3075;

/**
 * A group whose reads return `bytes` `reads` times (`Infinity`: a storm that never ends), then
 * closes itself when a consumer waits.
 */
export function scriptedGroup(bytes: Uint8Array, reads: number, initFlags = DFID_NAME_INIT_FLAGS): FanotifyGroupImpl {
  let next = 0;
  let group: FanotifyGroupImpl | undefined;
  const calls = {
    mark: () => -38,
    read: (_fd: number, buf: Uint8Array, offset: number): number => {
      if (next >= reads) return -11;
      next++;
      buf.set(bytes, offset);
      return bytes.byteLength;
    },
    write: () => 0,
    close: () => 0,
    fionread: () => 0,
    readable: () => next < reads,
    exhausted: () => group?.close(),
  };
  const simulation = { release: parseKernelRelease('6.18.0')!, noPaths: 'scripted group' };
  group = new FanotifyGroupImpl(simulatedBinding(calls, false), 1000, initFlags, 0o100000, { bufferSize: 65536 }, simulation);
  return group;
}
