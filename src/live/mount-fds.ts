/**
 * Mount fds for resolving file handles: `open_by_handle_at(2)` needs an fd on the handle's
 * filesystem, and a fid record only names the filesystem by its fsid. The registry maps fsids
 * to fds the group was given (paths it opened `O_PATH`, or fds the caller keeps owning).
 *
 * @packageDocumentation
 */
import { closeSync, openSync } from 'node:fs';
import { FanotifySyscallError } from './errors.js';
import type { NativeBinding } from './native/binding.js';

interface MountFdEntry {
  readonly fsid: string;
  readonly fd: number;
  readonly owned: boolean;
  readonly source: string;
}

/** `fsid` words as a map key. */
function fsidKey(fsid: readonly [number, number] | readonly number[]): string {
  return `${fsid[0]}:${fsid[1]}`;
}

/**
 * fsid → mount fd. Owned fds (opened from paths) are closed by {@link MountFdRegistry.closeAll}.
 *
 * @internal
 */
export class MountFdRegistry {
  private readonly entries: MountFdEntry[] = [];

  /** @param binding - The addon used for `statfs` and for closing owned fds. */
  constructor(private readonly binding: NativeBinding) {}

  /**
   * Registers a path (opened `O_RDONLY | O_CLOEXEC | O_NONBLOCK`, owned) or an fd (borrowed). A filesystem
   * registered twice keeps its first fd.
   *
   * @throws {@link FanotifySyscallError} if the path cannot be opened or its fsid read.
   */
  add(spec: string | number): void {
    let fd: number;
    let owned = false;
    if (typeof spec === 'number') {
      fd = spec;
    } else {
      try {
        const { O_RDONLY, O_CLOEXEC, O_NONBLOCK } = this.binding.constants;
        fd = openSync(spec, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
      } catch (error) {
        const errno = (error as NodeJS.ErrnoException).errno ?? -5;
        throw new FanotifySyscallError('open', errno, { path: spec, flags: 'O_RDONLY|O_CLOEXEC|O_NONBLOCK' }, 'cannot open the mount fd path');
      }
      owned = true;
    }
    const fsid = this.binding.statfsFsid(`/proc/self/fd/${fd}`);
    if (typeof fsid === 'number') {
      if (owned) closeSync(fd);
      throw new FanotifySyscallError('statfs', fsid, { path: typeof spec === 'string' ? spec : `/proc/self/fd/${fd}` }, 'cannot read the filesystem id of the mount fd');
    }
    const key = fsidKey(fsid);
    if (this.entries.some((e) => e.fsid === key)) {
      if (owned) closeSync(fd);
      return;
    }
    this.entries.push({ fsid: key, fd, owned, source: String(spec) });
  }

  /** The fd registered for `fsid`, if any. */
  find(fsid: readonly number[]): number | undefined {
    const key = fsidKey(fsid);
    return this.entries.find((e) => e.fsid === key)?.fd;
  }

  /** Number of registered mount fds. */
  get size(): number {
    return this.entries.length;
  }

  /** Closes the owned fds and forgets every entry. */
  closeAll(): void {
    for (const entry of this.entries.splice(0)) if (entry.owned) this.binding.close(entry.fd);
  }
}
