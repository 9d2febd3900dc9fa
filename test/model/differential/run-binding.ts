/**
 * Where one differential run happens: a fresh directory on the shared filesystem of its type,
 * or a filesystem of its own for templates that shut it down (`abort`) or need a corrupted inode
 * (`corrupt`). Shared by the host's differential test and the QEMU guests of test/kernels.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { NativeBinding } from '../../../src/live/native/binding.js';
import type { LiveEnv, LiveFs, LiveFsType } from './live-env.js';
import type { FsBinding } from './live-runner.js';
import type { Template } from './templates.js';

const AT_FDCWD = -100;
const AT_HANDLE_FID = 0x200;

/** The binding of the scenario's `fs` and the objects that exist before the run (with their real handles). */
export interface RunBinding {
  readonly binding: FsBinding;
  readonly preexisting: Map<string, { type: number; hex: string }>;
}

/** Prepares the filesystem for one run of `template` on `type`. */
export function bindRun(env: LiveEnv, b: NativeBinding, shared: LiveFs, template: Template, type: LiveFsType): RunBinding {
  const preexisting = new Map<string, { type: number; hex: string }>();
  if (template.ownFs === 'abort') {
    const own = env.mount(type);
    return { binding: { dir: env.scenarioDir(own), mountpoint: own.mountpoint }, preexisting };
  }
  if (template.ownFs === 'corrupt') {
    // An inode whose mode ext4 rejects at lookup (LTP fanotify22's "sif bad_dir mode 0xff").
    const own = env.mount(type, {
      populate: (mnt) => {
        mkdirSync(`${mnt}/scenario/bad_dir`, { recursive: true });
        const h = b.nameToHandleAt(AT_FDCWD, `${mnt}/scenario/bad_dir`, AT_HANDLE_FID);
        if (typeof h === 'number') throw new Error(`name_to_handle_at: ${h}`);
        preexisting.set('/fs/bad_dir', { type: h.handleType, hex: Buffer.from(h.handle).toString('hex') });
      },
      prepare: (image) => execFileSync('debugfs', ['-w', '-R', 'sif /scenario/bad_dir mode 0xff', image], { stdio: 'pipe' }),
    });
    return { binding: { dir: `${own.mountpoint}/scenario`, mountpoint: own.mountpoint }, preexisting };
  }
  return { binding: { dir: env.scenarioDir(shared), mountpoint: shared.mountpoint }, preexisting };
}
