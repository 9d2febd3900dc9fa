/**
 * The kernel this process runs on, as the kernel-rules layer sees it: its release (for the
 * rules that depend on it) and whether the process counts as privileged. Live groups use it
 * only to explain the kernel's answers, never to predict them.
 *
 * @packageDocumentation
 */
import { release as osRelease } from 'node:os';
import { DEFAULT_KERNEL_RELEASE, parseKernelRelease, type KernelRelease } from '../kernel/release.js';

let running: KernelRelease | undefined;

/**
 * The running kernel's release (`os.release()`, e.g. `6.12.57+deb13-amd64`), or
 * {@link DEFAULT_KERNEL_RELEASE} when that text is not a release the package can parse (a
 * custom build's name): the hints then follow the newest release the package is verified on.
 *
 * @internal
 */
export function runningRelease(): KernelRelease {
  // The release cannot change while the process runs.
  running ??= parseKernelRelease(osRelease()) ?? parseKernelRelease(DEFAULT_KERNEL_RELEASE)!;
  return running;
}

/**
 * Whether the rules should take this process as privileged (CAP_SYS_ADMIN): it runs as root.
 * A root without the capability (root of a user namespace) is explained by the hints' second
 * guess, not here.
 *
 * @internal
 */
export function runningAsRoot(): boolean {
  return process.getuid?.() === 0;
}
