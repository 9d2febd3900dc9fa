/**
 * Paths of live events: `readlink(/proc/self/fd/<fd>)` for fd events, and for fid events
 * `open_by_handle_at(mountFd, handle, O_PATH)` followed by the same readlink, plus the entry
 * name of a DFID_NAME record. `O_PATH` opens generate no fanotify events, so resolving does not
 * feed the group its own activity.
 *
 * @packageDocumentation
 */
import { readlinkSync } from 'node:fs';
import type { RecordViewOf } from '../codec/types.js';
import { Errno } from '../kernel/errno.js';
import type { KernelRecordSchema } from '../../spec/records.js';
import type { NativeBinding } from './native/binding.js';
import { FanotifyPathError, FanotifySyscallError } from './errors.js';
import { handleHint } from './hints.js';
import type { MountFdRegistry } from './mount-fds.js';
import type { PathCache } from './path-cache.js';

/**
 * Options of `event.path()`.
 *
 * @public
 */
export interface PathOptions {
  /** For FAN_RENAME events: the `'new'` (default) or the `'old'` side, when the event has both. */
  readonly side?: 'old' | 'new';
}

/** What path resolution needs from the group. @internal */
export interface PathHost {
  readonly binding: NativeBinding;
  readonly mountFds: MountFdRegistry;
  /** The handle→path cache (`pathCache` option), if any. */
  readonly pathCache: PathCache | undefined;
}

interface FidFields {
  readonly fsid: readonly number[];
  readonly handle_bytes: number;
  readonly handle_type: number;
  readonly f_handle: Uint8Array;
}

function readlinkFd(fd: number): Buffer {
  try {
    return readlinkSync(`/proc/self/fd/${fd}`, { encoding: 'buffer' });
  } catch (error) {
    const errno = (error as NodeJS.ErrnoException).errno ?? -Errno.EIO;
    throw new FanotifySyscallError('readlink', errno, { path: `/proc/self/fd/${fd}` }, 'the fd is not open');
  }
}

function openHandle(host: PathHost, record: FidFields): number {
  const mountFd = host.mountFds.find(record.fsid);
  if (mountFd === undefined) {
    throw new FanotifyPathError(
      `no mount fd for filesystem fsid ${record.fsid[0]}:${record.fsid[1]}: give one with the group option mountFds or the mark option mountFd`,
    );
  }
  const { O_PATH, O_CLOEXEC } = host.binding.constants;
  const fd = host.binding.openByHandleAt(mountFd, record.handle_type, record.f_handle, O_PATH | O_CLOEXEC);
  if (fd < 0) {
    throw new FanotifySyscallError(
      'open_by_handle_at',
      fd,
      { mount_fd: String(mountFd), handle_type: String(record.handle_type), handle_bytes: String(record.handle_bytes), flags: 'O_PATH|O_CLOEXEC' },
      handleHint(-fd),
    );
  }
  return fd;
}

function resolveHandle(host: PathHost, record: FidFields, name: Uint8Array | undefined): Buffer {
  const dir = host.pathCache ? host.pathCache.lookup(record, () => handlePath(host, record)) : handlePath(host, record);
  // "." names the directory itself (DFID_NAME of an event on a directory).
  if (name === undefined || name.length === 0 || (name.length === 1 && name[0] === 0x2e)) return dir;
  return Buffer.concat([dir, dir.at(-1) === 0x2f ? Buffer.alloc(0) : Buffer.from('/'), name]);
}

/** `open_by_handle_at` + `readlink`: where the handle's object is now. */
function handlePath(host: PathHost, record: FidFields): Buffer {
  const fd = openHandle(host, record);
  try {
    return readlinkFd(fd);
  } finally {
    host.binding.close(fd);
  }
}

/**
 * Resolves the path of an event: its fd if it has one, else its fid records (DFID_NAME-family
 * record with its name first, then FID, then DFID).
 *
 * @returns The path bytes, or `undefined` when the event names no object.
 * @internal
 */
export function resolveEventPath(
  host: PathHost,
  fd: number | undefined,
  records: () => Iterable<unknown>,
  options: PathOptions,
): Buffer | undefined {
  if (fd !== undefined) return readlinkFd(fd);
  const found: Partial<Record<'dfid_name' | 'old_dfid_name' | 'new_dfid_name' | 'fid' | 'dfid', FidFields & { name?: Uint8Array }>> = {};
  for (const r of records() as Iterable<RecordViewOf<KernelRecordSchema>>) {
    switch (r.type) {
      case 'dfid_name':
      case 'old_dfid_name':
      case 'new_dfid_name':
      case 'fid':
      case 'dfid':
        found[r.type] ??= r as unknown as FidFields & { name?: Uint8Array };
        break;
      default:
        break;
    }
  }
  const side = options.side === 'old' ? [found.old_dfid_name, found.new_dfid_name] : [found.new_dfid_name, found.old_dfid_name];
  for (const named of [found.dfid_name, ...side]) {
    if (named !== undefined && named.handle_bytes > 0) return resolveHandle(host, named, named.name);
  }
  for (const plain of [found.fid, found.dfid]) {
    if (plain !== undefined && plain.handle_bytes > 0) return resolveHandle(host, plain, undefined);
  }
  return undefined;
}
