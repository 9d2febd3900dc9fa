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
  return scriptedReads((i) => (i < reads ? bytes : undefined), initFlags);
}

/**
 * A group whose `i`-th read returns `readAt(i)` (`null`: EAGAIN, so the consumer waits, and the
 * group is readable again), until that is `undefined` (as {@link scriptedGroup}). `onClose`
 * sees each fd the group closes.
 */
export function scriptedReads(readAt: (i: number) => Uint8Array | null | undefined, initFlags = DFID_NAME_INIT_FLAGS, onClose?: (fd: number) => void): FanotifyGroupImpl {
  let next = 0;
  let group: FanotifyGroupImpl | undefined;
  const calls = {
    mark: () => -38,
    read: (_fd: number, buf: Uint8Array, offset: number): number => {
      const bytes = readAt(next);
      if (bytes === undefined) return -11;
      next++;
      if (bytes === null) return -11;
      buf.set(bytes, offset);
      return bytes.byteLength;
    },
    write: () => 0,
    close: (fd: number) => {
      onClose?.(fd);
      return 0;
    },
    fionread: () => 0,
    readable: () => readAt(next) !== undefined,
    exhausted: () => group?.close(),
  };
  const simulation = { release: parseKernelRelease('6.18.0')!, noPaths: 'scripted group' };
  group = new FanotifyGroupImpl(simulatedBinding(calls, false), 1000, initFlags, 0o100000, { bufferSize: 65536 }, simulation);
  return group;
}
