/**
 * The scenario file format (JSON): a group setup, marks, a filesystem tree and a sequence of
 * operations and reads, from which the model produces the exact bytes of every read.
 *
 * Flags are given as lists of kernel names (`["FAN_CLASS_NOTIF", "FAN_REPORT_DFID_NAME"]`), a
 * single name, a number, or a `"0x…"` string (for bits the kernel must reject).
 *
 * @packageDocumentation
 */

/** Flag words: names, one name, a number or a hex string. @public */
export type FlagWords = readonly string[] | string | number;

/** Expected outcome of a step: `ok` (any success), a result number, an errno name, or `blocked`. @public */
export type Expectation = 'ok' | 'blocked' | number | string;

/** A file handle: `handle_type` and the `f_handle` bytes in hex. @public */
export interface ScenarioHandle {
  /** `handle_type` (e.g. 1, FILEID_INO32_GEN). */
  readonly type: number;
  /** The `f_handle` bytes in hex. */
  readonly hex: string;
}

/** A filesystem and where it is mounted in the initial namespace. @public */
export interface ScenarioFilesystem {
  /** Name that steps (`fs_error`, `mount`) refer to. */
  readonly name: string;
  /** `ext4`, `tmpfs`, `xfs`, `btrfs`… (decides defaults: handle size, pre-content support). */
  readonly type: string;
  /** Where it is mounted in the initial namespace (omit for a filesystem only mounted by steps). */
  readonly mountAt?: string;
  /** `statfs().f_fsid` (default: derived from the filesystem's position). */
  readonly fsid?: readonly [number, number];
  /** `handle_type` of generated handles (default 1, FILEID_INO32_GEN). */
  readonly handleType?: number;
  /** Length of generated handles in bytes, a multiple of 4 in [4, 128] (default 8; tmpfs 12). */
  readonly handleBytes?: number;
  /** Pre-content events allowed (default: by type; ext4, xfs, btrfs yes, tmpfs no). */
  readonly allowHsm?: boolean;
  /** Mount `mountAt` read-only (default false). */
  readonly readOnly?: boolean;
  /** Unique mount id (decimal string or number). */
  readonly mountId?: string | number;
  /** Root directory inode number (default 2; tmpfs 1). */
  readonly rootIno?: number;
  /** Handle of the filesystem's root directory. */
  readonly rootHandle?: ScenarioHandle;
}

/** An object that exists before the first step (no events). @public */
export interface ScenarioObject {
  /** Absolute path (missing parent directories are created too). */
  readonly path: string;
  /** Kind of object. */
  readonly type: 'dir' | 'file' | 'symlink';
  /** File size in bytes (default 0). */
  readonly size?: number;
  /** Symlink target. */
  readonly target?: string;
  /** Permission bits (default 0o644 for files, 0o755 for directories; exec needs an execute bit). */
  readonly mode?: number;
  /** The object's real handle (default: generated from its inode number). */
  readonly handle?: ScenarioHandle;
  /** Mount namespace the path is resolved in (default `init`). */
  readonly ns?: string;
}

/** A simulated process. @public */
export interface ScenarioProcess {
  /** Name that steps' `by` refer to. */
  readonly name: string;
  /** Thread-group id (unique among the processes). */
  readonly pid: number;
  /** Further thread ids (the leader's tid is the pid). */
  readonly tids?: readonly number[];
  /** Open fds at start (default `[0, 1, 2]`). */
  readonly fds?: readonly number[];
  /** CAP_SYS_ADMIN (default true). */
  readonly privileged?: boolean;
  /**
   * User id (default 0). 0 passes the permission checks (CAP_DAC_OVERRIDE); another uid gets the
   * owner's, group's or others' mode bits: open needs read/write permission on the file, creating
   * or unlinking a name needs write and search permission on the directory (else EACCES, before
   * any event).
   */
  readonly uid?: number;
  /** Group id (default 0). */
  readonly gid?: number;
  /** RLIMIT_NOFILE (soft limit) at start, 0 to 1048576 (default 1024): fds at or above it are refused with EMFILE. */
  readonly nofile?: number;
  /** Mount namespace (default `init`). */
  readonly ns?: string;
}

/** A mount namespace cloned from another (`unshare -m`). @public */
export interface ScenarioNamespace {
  /** Name that processes, objects and steps refer to. */
  readonly name: string;
  /** Namespace to copy (default `init`). */
  readonly from?: string;
}

/** Fields every step may have. @public */
export interface StepBase {
  /** Process performing the step (default: the first process). */
  readonly by?: string;
  /** Thread id (default: the process leader). */
  readonly tid?: number;
  /** Expected immediate outcome. */
  readonly expect?: Expectation;
  /** Expected final result of an operation that blocked on a permission event. */
  readonly expectFinal?: Expectation;
  /** Free text. */
  readonly note?: string;
}

/** A scenario step. @public */
export type ScenarioStep = StepBase &
  (
    | { readonly do: 'fanotify_init'; readonly group: string; readonly flags: FlagWords; readonly eventFlags?: FlagWords }
    | { readonly do: 'fanotify_mark'; readonly group: string; readonly flags: FlagWords; readonly mask: FlagWords; readonly path?: string; readonly mntns?: string; readonly file?: string }
    | { readonly do: 'fanotify_read'; readonly group: string; readonly count?: number }
    | {
        readonly do: 'fanotify_respond';
        readonly group: string;
        /** Index of the permission event (0-based, in read order) whose fd to answer. */
        readonly event?: number;
        /** Or an explicit fd (e.g. -1 for a FAN_INFO probe). */
        readonly fd?: number;
        readonly response?: FlagWords;
        /** FAN_DENY_ERRNO(errno). */
        readonly errno?: string | number;
        readonly auditRule?: { readonly rule_number: number; readonly subj_trust: number; readonly obj_trust: number };
        /** Raw bytes to write instead (hex). */
        readonly hex?: string;
      }
    | { readonly do: 'fionread'; readonly group: string }
    | { readonly do: 'close_group'; readonly group: string }
    | { readonly do: 'open_queue'; readonly group: string }
    | { readonly do: 'close_queue'; readonly group: string }
    | { readonly do: 'close_event_fds'; readonly group: string }
    | { readonly do: 'open'; readonly path: string; readonly flags?: FlagWords; readonly as?: string; readonly handle?: ScenarioHandle }
    | { readonly do: 'close'; readonly file: string }
    | { readonly do: 'read' | 'write'; readonly file: string; readonly count: number; readonly offset?: number }
    /**
     * mmap(2) with PROT_READ of `length` bytes at `offset` (page-aligned) of an open `file`: only a
     * pre-content event (FAN_PRE_ACCESS with the range) on a filesystem that allows them.
     */
    | { readonly do: 'mmap'; readonly file: string; readonly offset: number; readonly length: number }
    /** The same as a program does it: open(`path`, O_RDONLY), mmap, munmap, close; the result is mmap's. */
    | { readonly do: 'mmap'; readonly path: string; readonly offset: number; readonly length: number }
    | { readonly do: 'truncate'; readonly path: string; readonly length: number }
    | { readonly do: 'ftruncate'; readonly file: string; readonly length: number }
    | { readonly do: 'mkdir' | 'touch'; readonly path: string; readonly handle?: ScenarioHandle }
    /** mknod(2): a regular file (default) or a fifo (`"type": "fifo"`). */
    | { readonly do: 'mknod'; readonly path: string; readonly type?: 'file' | 'fifo'; readonly handle?: ScenarioHandle }
    | { readonly do: 'write_file'; readonly path: string; readonly count: number; readonly handle?: ScenarioHandle }
    | { readonly do: 'symlink'; readonly path: string; readonly target: string; readonly handle?: ScenarioHandle }
    | { readonly do: 'link'; readonly path: string; readonly target: string }
    | { readonly do: 'unlink' | 'rmdir'; readonly path: string }
    /** chmod(2) with `mode` (default 0o640): FAN_ATTRIB. */
    | { readonly do: 'chmod'; readonly path: string; readonly mode?: number }
    /** chown(2) (`nofollow`: lchown); -1 (the default) leaves an id unchanged, and with both unchanged there is no event. */
    | { readonly do: 'chown'; readonly path: string; readonly uid?: number; readonly gid?: number; readonly nofollow?: boolean }
    /** utimensat(2): set the access and/or modification time (an omitted one is UTIME_OMIT). Both: FAN_ATTRIB; atime only: FAN_ACCESS; mtime only: FAN_MODIFY. */
    | { readonly do: 'utimes'; readonly path: string; readonly atime?: boolean; readonly mtime?: boolean }
    /** setxattr(2) of `size` bytes (default 4); `flags` XATTR_CREATE / XATTR_REPLACE. */
    | { readonly do: 'setxattr'; readonly path: string; readonly name: string; readonly size?: number; readonly flags?: 'create' | 'replace' }
    /** removexattr(2). */
    | { readonly do: 'removexattr'; readonly path: string; readonly name: string }
    /** chattr: open O_RDONLY, FS_IOC_SETFLAGS with FS_NOATIME_FL, close (FAN_ATTRIB from 6.19). */
    | { readonly do: 'chattr'; readonly path: string }
    /** renameat2(2): `flags` are RENAME_NOREPLACE, RENAME_EXCHANGE, RENAME_WHITEOUT (names or a number). */
    | { readonly do: 'rename'; readonly from: string; readonly to: string; readonly flags?: FlagWords }
    /** open(`path`, O_TMPFILE | O_RDWR [| O_EXCL]), write `count` bytes, linkat it to `link` (if given), close; the result is linkat's. */
    | { readonly do: 'tmpfile'; readonly path: string; readonly link?: string; readonly count?: number; readonly excl?: boolean; readonly handle?: ScenarioHandle }
    /** Reads a directory as readdir(3) does (open O_DIRECTORY, getdents64 to the end, close); the result is the number of entries besides `.` and `..`. */
    | { readonly do: 'readdir'; readonly path: string }
    /**
     * execve(2): EACCES before any event for a non-regular file or one without an execute bit
     * (`mode`); else the exec open's events, one 256-byte header read, then ENOEXEC (`runs`
     * false: the file is closed) or a running image that keeps the file open until `exit`.
     */
    | { readonly do: 'exec'; readonly path: string; readonly runs?: boolean }
    | { readonly do: 'fs_error'; readonly fs: string; readonly errno: string | number; readonly path?: string }
    | {
        readonly do: 'mount';
        readonly target: string;
        readonly fs?: string;
        readonly bind?: string;
        readonly readOnly?: boolean;
        /** Unique id of the new mount (decimal string or number; default: the next free one). */
        readonly mountId?: string | number;
      }
    | { readonly do: 'umount'; readonly target: string }
    | { readonly do: 'move_mount'; readonly from: string; readonly to: string }
    | { readonly do: 'setns'; readonly ns: string }
    /**
     * setrlimit(RLIMIT_NOFILE) of the acting process (soft limit, 0 to 1048576): fds already
     * open stay, new ones at or above it get EMFILE — an event fd a read cannot install ends the
     * read (or is reported as `-EMFILE` with FAN_REPORT_FD_ERROR), a pidfd becomes FAN_EPIDFD.
     */
    | { readonly do: 'setrlimit'; readonly nofile: number }
    /**
     * `sync; echo 3 > /proc/sys/vm/drop_caches`: unused inodes are evicted, and with them their
     * FAN_MARK_EVICTABLE marks (no event; later events on the object are not reported). Open,
     * mounted-on or otherwise marked inodes stay, and tmpfs never evicts a linked inode.
     */
    | { readonly do: 'drop_caches' }
    /** Replaces the process's open fds (used to mirror a real reader's fd table). */
    | { readonly do: 'set_fds'; readonly fds: readonly number[] }
    | { readonly do: 'exit' }
  );

/** The name of a step kind. @public */
export type StepKind = ScenarioStep['do'];

/**
 * A scenario.
 *
 * @public
 */
export interface Scenario {
  /** Free text. */
  readonly description?: string;
  /** Byte order of the produced stream (default: the host's). */
  readonly byteOrder?: 'little' | 'big' | 'host';
  /**
   * The kernel release to behave as (default `'6.18'`): `'6.1'` (the mainline release),
   * `'6.12.57'` (a stable point, with its backports) or a `uname -r` string. See
   * {@link KernelModelOptions.kernel}.
   */
  readonly kernel?: string;
  /** `/proc/sys/fs/fanotify` limits (defaults as in {@link KernelModelOptions}). */
  readonly sysctl?: { readonly maxQueuedEvents?: number; readonly maxUserGroups?: number; readonly maxUserMarks?: number };
  /** Not-yet-mainline kernel features (see {@link KernelModelOptions}). */
  readonly experimental?: { readonly restartableEvents?: boolean };
  /** Filesystems besides the root filesystem. */
  readonly filesystems?: readonly ScenarioFilesystem[];
  /** Mount namespaces besides `init`, created after the filesystems are mounted. */
  readonly namespaces?: readonly ScenarioNamespace[];
  /** Objects that exist before the first step. */
  readonly tree?: readonly ScenarioObject[];
  /** Processes (default: one process `main`, pid 1000). The first one is the default actor. */
  readonly processes?: readonly ScenarioProcess[];
  /** The steps, run in order. */
  readonly steps: readonly ScenarioStep[];
}
