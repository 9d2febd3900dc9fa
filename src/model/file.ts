/**
 * An open file (`struct file`) with the fsnotify mode its open decided
 * (`fsnotify_open_perm_and_set_mode`): later read/write/mmap permission hooks depend on
 * whether permission watchers existed *at open time*.
 *
 * @packageDocumentation
 */
import type { PathRef } from './vfs.js';

/**
 * Which fsnotify hooks fire for a file (the FMODE_NONOTIFY* combinations):
 * `none` (fanotify's own fds: no events), `noperm` (no permission or pre-content events),
 * `hsm` (pre-content events but not FAN_ACCESS_PERM), `all`.
 *
 * @public
 */
export type FileNotifyMode = 'none' | 'noperm' | 'hsm' | 'all';

let nextFileId = 1;

/**
 * An open file description.
 *
 * @public
 */
export class OpenFile {
  readonly id = nextFileId++;
  /** File position for read/write without offset. */
  pos = 0;
  /** fds referring to this description (dup not modelled: 1 until closed). */
  refs = 1;
  /** Holds `deny_write_access` on the inode (a running executable). */
  deniesWrite = false;

  constructor(
    readonly path: PathRef,
    /** open(2) flags as given. */
    readonly flags: number,
    readonly readable: boolean,
    readonly writable: boolean,
    public notifyMode: FileNotifyMode,
    /** Opened by execve (FMODE_EXEC). */
    readonly exec = false,
  ) {}

  get inode() {
    return this.path.dentry.inode;
  }
}
