/**
 * What read() copies out for one event (`fanotify_event_len`, `copy_event_to_user`,
 * `copy_info_records_to_user` of fanotify_user.c): the record set and order, fd and pidfd
 * values. The result is an encoder input; bytes come only from the codec's encoder.
 *
 * @packageDocumentation
 */
import { fanotify_event_info_fid, file_handle } from '../../spec/structs/info-fid.js';
import { fanotify_event_info_error, fanotify_event_info_mnt, fanotify_event_info_pidfd, fanotify_event_info_range } from '../../spec/structs/info-fixed.js';
import type { EventInput, RecordInputOf } from '../codec/types.js';
import { FAN_EVENT_METADATA_LEN } from '../generated/constants.js';
import { Errno } from '../kernel/errno.js';
import { pidfdForReapedTask } from '../kernel/rules/read.js';
import type { KernelRelease } from '../kernel/release.js';
import type { ModelEvent } from './event.js';
import type { FileHandleValue } from './file-handle.js';
import type { ModelGroup } from './group.js';
import {
  ALL_FSNOTIFY_DIRENT_EVENTS,
  FANOTIFY_INFO_MODES,
  FANOTIFY_OUTGOING_EVENTS,
  FANOTIFY_UNPRIV,
  FILEID_INVALID,
  FS,
  INIT,
} from '../kernel/bits.js';
import type { Process } from './process.js';
import type { PathRef } from './vfs.js';


/** FANOTIFY_FID_INFO_HDR_LEN: the fid info struct and the file_handle header before f_handle. */
const FID_INFO_HDR_LEN = fanotify_event_info_fid.layout.sizeof + file_handle.layout.sizeof;
const PIDFD_INFO_LEN = fanotify_event_info_pidfd.layout.sizeof;
const ERROR_INFO_LEN = fanotify_event_info_error.layout.sizeof;
const RANGE_INFO_LEN = fanotify_event_info_range.layout.sizeof;
const MNT_INFO_LEN = fanotify_event_info_mnt.layout.sizeof;

/** `fanotify_fid_info_len`: the NUL is counted only when a name is present. @internal */
export function fidInfoLen(fhLen: number, nameLen: number): number {
  const len = FID_INFO_HDR_LEN + fhLen + (nameLen ? nameLen + 1 : 0);
  return (len + 3) & ~3;
}

/** `fanotify_event_len` for the group's info mode. @internal */
export function eventLength(group: ModelGroup, event: ModelEvent): number {
  const infoMode = group.flags & FANOTIFY_INFO_MODES;
  let len = FAN_EVENT_METADATA_LEN;
  let dotLen = 0;
  if (event.mask & FS.ERROR) len += ERROR_INFO_LEN;
  if (event.hasDirFh() || event.hasDir2Fh()) {
    if (event.hasDirFh()) len += fidInfoLen(event.dirFh!.bytes.length, event.name?.length ?? 0);
    if (event.hasDir2Fh()) len += fidInfoLen(event.dir2Fh!.bytes.length, event.name2?.length ?? 0);
  } else if (infoMode & INIT.REPORT_NAME && event.mask & FS.ISDIR) {
    // The name "." is reported for a directory event that recorded no name.
    dotLen = 1;
  }
  if (event.hasObjectFh()) len += fidInfoLen(event.objectFhLen(), dotLen);
  if (event.mask & (FS.MNT_ATTACH | FS.MNT_DETACH)) len += MNT_INFO_LEN;
  if (infoMode & INIT.REPORT_PIDFD) len += PIDFD_INFO_LEN;
  if (event.hasRange) len += RANGE_INFO_LEN;
  return len;
}

function fidRecord(type: 'fid' | 'dfid' | 'dfid_name' | 'old_dfid_name' | 'new_dfid_name', fsid: readonly [number, number], fh: FileHandleValue | null, name: Uint8Array | null): RecordInputOf {
  const bytes = fh?.bytes ?? new Uint8Array(0);
  // A missing handle is reported with FILEID_INVALID.
  const handle_type = bytes.length === 0 ? FILEID_INVALID : fh!.type;
  const base = { fsid: [fsid[0], fsid[1]] as [number, number], handle_type, f_handle: bytes };
  if (type === 'fid' || type === 'dfid') return { type, ...base };
  return { type, ...base, name: name ?? new Uint8Array(0) };
}

/** `copy_info_records_to_user`: the records, in the kernel's fixed order. @internal */
export function infoRecords(group: ModelGroup, event: ModelEvent, pidfd: number): RecordInputOf[] {
  const records: RecordInputOf[] = [];
  const fidMode = group.fidMode;
  let dirRecord = false;
  if (event.hasDirFh()) {
    const type = event.mask & FS.RENAME ? 'old_dfid_name' : event.name?.length ? 'dfid_name' : 'dfid';
    records.push(fidRecord(type, event.fsid, event.dirFh, event.name));
    dirRecord = true;
  }
  if (event.hasDir2Fh()) {
    records.push(fidRecord('new_dfid_name', event.fsid, event.dir2Fh, event.name2));
    dirRecord = true;
  }
  if (event.hasObjectFh()) {
    const fh = event.type === 'fid_name' ? event.fileFh : event.objectFh;
    if (fidMode === INIT.REPORT_FID || dirRecord) {
      records.push(fidRecord('fid', event.fsid, fh, null));
    } else if (fidMode & INIT.REPORT_NAME && event.mask & FS.ISDIR) {
      records.push(fidRecord('dfid_name', event.fsid, fh, new Uint8Array([0x2e])));
    } else if (event.mask & (ALL_FSNOTIFY_DIRENT_EVENTS | FS.ISDIR)) {
      records.push(fidRecord('dfid', event.fsid, fh, null));
    } else {
      records.push(fidRecord('fid', event.fsid, fh, null));
    }
  }
  if (group.has(INIT.REPORT_PIDFD)) records.push({ type: 'pidfd', pidfd });
  if (event.mask & FS.ERROR) records.push({ type: 'error', error: event.error, error_count: event.errorCount });
  if (event.hasRange) records.push({ type: 'range', offset: event.range!.offset, count: event.range!.count });
  if (event.mask & (FS.MNT_ATTACH | FS.MNT_DETACH)) records.push({ type: 'mnt', mnt_id: event.mntId });
  return records;
}

/**
 * How the reader's side opens objects for event fds (`create_fd`) and creates pidfds; the
 * model's kernel implements it on the reading process's fd table.
 *
 * @internal
 */
export interface ReaderFds {
  /** Reserves an fd and opens `path` with event_f_flags; returns the fd or -errno. */
  openEventFile(path: PathRef): number;
  /** Reserves an fd for a pidfd of `process`; returns the fd or -errno. */
  reservePidfd(process: Process): number;
  /** Installs what was reserved (`fd_install`). */
  install(fds: readonly number[]): void;
  /** Gives reserved fds back (`put_unused_fd` on a failed copy). */
  release(fds: readonly number[]): void;
}

/** Outcome of copying one event. @internal */
export type CopyResult = { readonly ok: true; readonly input: EventInput; readonly fd: number } | { readonly ok: false; readonly errno: number };

/** `copy_event_to_user` for the event at the head of the queue, read by `reader`. @internal */
export function copyEventToUser(group: ModelGroup, event: ModelEvent, reader: Process, fds: ReaderFds, release: KernelRelease): CopyResult {
  const unpriv = (group.flags & FANOTIFY_UNPRIV) !== 0;
  let pid = event.pid;
  // Unprivileged listeners only see their own pid.
  if (unpriv && event.process !== reader) pid = 0;
  let fd = -Errno.EBADF;
  const reserved: number[] = [];
  if (!unpriv && event.path) {
    fd = fds.openEventFile(event.path);
    if (fd < 0 && !group.has(INIT.REPORT_FD_ERROR)) return { ok: false, errno: -fd };
    if (fd >= 0) reserved.push(fd);
  }
  const metadataFd = group.has(INIT.REPORT_FD_ERROR) ? fd : fd >= 0 ? fd : -1;
  let pidfd = -Errno.ESRCH;
  if (group.has(INIT.REPORT_PIDFD)) {
    // Before 7.2 a task that is gone has no pidfd; from 7.2 pidfs hands one out for reaped tasks too.
    if (pid !== 0 && event.process && (event.process.alive || pidfdForReapedTask(release))) pidfd = fds.reservePidfd(event.process);
    if (pidfd >= 0) reserved.push(pidfd);
    if (!group.has(INIT.REPORT_FD_ERROR) && pidfd < 0) pidfd = pidfd === -Errno.ESRCH ? -1 : -2;
  }
  const input: EventInput = {
    mask: BigInt((event.mask & FANOTIFY_OUTGOING_EVENTS) >>> 0),
    fd: metadataFd,
    pid,
    info: infoRecords(group, event, pidfd),
  };
  fds.install(reserved);
  return { ok: true, input, fd };
}
