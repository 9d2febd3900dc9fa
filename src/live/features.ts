/**
 * `probeFeatures()`: which fanotify features this kernel has, found by asking the kernel
 * (fanotify_init with each flag, fanotify_mark with each newer event or mark flag on a
 * temporary object, a FAN_INFO response probe written with FAN_NOFD), never by parsing version
 * strings: distribution kernels backport features, and the errno is the only reliable answer.
 *
 * The answers hold for the calling process's privileges (run as root to learn what the kernel
 * supports; EPERM means "not allowed for you", not "missing").
 *
 * @packageDocumentation
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { release, tmpdir } from 'node:os';
import path from 'node:path';
import { encodeResponse } from '../codec/response.js';
import * as K from '../generated/constants.js';
import { errnoName } from '../kernel/errno.js';
import { FAN_RESTARTABLE_EVENTS } from '../generated/constants.js';
import { initFlagNames } from './flag-words.js';
import { initHint, markHint } from './hints.js';
import type { NativeBinding } from './native/binding.js';
import { loadNativeBinding } from './native/load.js';
import { FAN_DENY_ERRNO } from '../codec/response.js';

/**
 * The kernel's answer to one probe.
 *
 * @public
 */
export interface FeatureProbe {
  /** Whether the kernel accepted the call. */
  readonly supported: boolean;
  /** The errno name when it did not (`'EINVAL'`: unknown to this kernel; `'EPERM'`: not allowed for this process). */
  readonly errno?: string;
  /** What was asked, e.g. `fanotify_init(FAN_CLASS_NOTIF|FAN_REPORT_MNT)`. */
  readonly probe: string;
  /** Why it failed, in one line, when known. */
  readonly hint?: string;
}

/**
 * What {@link probeFeatures} found.
 *
 * @public
 */
export interface FanotifyFeatures {
  /** `os.release()`, for the record only: nothing is inferred from it. */
  readonly kernelRelease: string;
  /** Whether the process is root (answers are for these privileges). */
  readonly privileged: boolean;
  /** A plain notification group can be created at all (ENOSYS: no fanotify). */
  readonly fanotify: FeatureProbe;
  /** Each init flag, with the companions it needs (e.g. FAN_REPORT_NAME with FAN_REPORT_DIR_FID). Includes the experimental FAN_RESTARTABLE_EVENTS. */
  readonly initFlags: Readonly<Record<string, FeatureProbe>>;
  /** Flag combinations whose validity changed between releases. */
  readonly combinations: Readonly<Record<string, FeatureProbe>>;
  /** Each mark flag, on a temporary object. */
  readonly markFlags: Readonly<Record<string, FeatureProbe>>;
  /** Each newer event bit, marked on a temporary object with a group that can report it. */
  readonly events: Readonly<Record<string, FeatureProbe>>;
  /** Response features: FAN_INFO (audit-rule record, 6.3) and FAN_DENY_ERRNO (6.14), via a FAN_NOFD probe write. */
  readonly responses: Readonly<Record<string, FeatureProbe>>;
}

/**
 * Options of {@link probeFeatures}.
 *
 * @public
 */
export interface ProbeOptions {
  /**
   * Directory for the temporary probe objects (default `os.tmpdir()`). Pre-content support is a
   * property of the filesystem: FAN_PRE_ACCESS is reported for this directory's filesystem
   * (tmpfs says EOPNOTSUPP, ext4/xfs/btrfs accept it).
   */
  readonly directory?: string;
}

const BASE = K.FAN_NONBLOCK | K.FAN_CLOEXEC;
const FID_FLAGS = K.FAN_REPORT_FID | K.FAN_REPORT_DIR_FID | K.FAN_REPORT_NAME;

/** Init probes: flag name → the flags to try (the flag plus what it requires). */
const INIT_PROBES: readonly (readonly [string, number])[] = [
  ['FAN_CLASS_CONTENT', K.FAN_CLASS_CONTENT],
  ['FAN_CLASS_PRE_CONTENT', K.FAN_CLASS_PRE_CONTENT],
  ['FAN_UNLIMITED_QUEUE', K.FAN_UNLIMITED_QUEUE],
  ['FAN_UNLIMITED_MARKS', K.FAN_UNLIMITED_MARKS],
  ['FAN_ENABLE_AUDIT', K.FAN_ENABLE_AUDIT],
  ['FAN_REPORT_PIDFD', K.FAN_REPORT_PIDFD],
  ['FAN_REPORT_TID', K.FAN_REPORT_TID],
  ['FAN_REPORT_FID', K.FAN_REPORT_FID],
  ['FAN_REPORT_DIR_FID', K.FAN_REPORT_DIR_FID],
  ['FAN_REPORT_NAME', K.FAN_REPORT_DIR_FID | K.FAN_REPORT_NAME],
  ['FAN_REPORT_TARGET_FID', FID_FLAGS | K.FAN_REPORT_TARGET_FID],
  ['FAN_REPORT_FD_ERROR', K.FAN_REPORT_FD_ERROR],
  ['FAN_REPORT_MNT', K.FAN_REPORT_MNT],
  ['FAN_RESTARTABLE_EVENTS', K.FAN_CLASS_CONTENT | FAN_RESTARTABLE_EVENTS],
];

interface EventProbe {
  readonly init: number;
  readonly markFlags: number;
  readonly mask: bigint;
  /** Which temporary object: the directory, a regular file in it, or our mount namespace. */
  readonly object: 'dir' | 'file' | 'mntns';
}

const EVENT_PROBES: readonly (readonly [string, EventProbe])[] = [
  ['FAN_OPEN_EXEC', { init: 0, markFlags: K.FAN_MARK_INODE, mask: K.FAN_OPEN_EXEC, object: 'file' }],
  ['FAN_OPEN_EXEC_PERM', { init: K.FAN_CLASS_CONTENT, markFlags: K.FAN_MARK_INODE, mask: K.FAN_OPEN_EXEC_PERM, object: 'file' }],
  ['FAN_CREATE', { init: K.FAN_REPORT_FID, markFlags: K.FAN_MARK_INODE, mask: K.FAN_CREATE, object: 'dir' }],
  ['FAN_RENAME', { init: K.FAN_REPORT_DFID_NAME, markFlags: K.FAN_MARK_INODE, mask: K.FAN_RENAME, object: 'dir' }],
  ['FAN_FS_ERROR', { init: K.FAN_REPORT_FID, markFlags: K.FAN_MARK_FILESYSTEM, mask: K.FAN_FS_ERROR, object: 'dir' }],
  ['FAN_PRE_ACCESS', { init: K.FAN_CLASS_PRE_CONTENT, markFlags: K.FAN_MARK_INODE, mask: K.FAN_PRE_ACCESS, object: 'file' }],
  ['FAN_MNT_ATTACH', { init: K.FAN_REPORT_MNT, markFlags: K.FAN_MARK_MNTNS, mask: K.FAN_MNT_ATTACH | K.FAN_MNT_DETACH, object: 'mntns' }],
];

const MARK_PROBES: readonly (readonly [string, EventProbe])[] = [
  ['FAN_MARK_FILESYSTEM', { init: 0, markFlags: K.FAN_MARK_FILESYSTEM, mask: K.FAN_OPEN, object: 'dir' }],
  ['FAN_MARK_EVICTABLE', { init: 0, markFlags: K.FAN_MARK_INODE | K.FAN_MARK_EVICTABLE, mask: K.FAN_OPEN, object: 'file' }],
  ['FAN_MARK_IGNORE', { init: 0, markFlags: K.FAN_MARK_INODE | K.FAN_MARK_IGNORE, mask: K.FAN_OPEN, object: 'file' }],
  ['FAN_MARK_MNTNS', { init: K.FAN_REPORT_MNT, markFlags: K.FAN_MARK_MNTNS, mask: K.FAN_MNT_ATTACH, object: 'mntns' }],
];

/** Opens a group, runs `body` with its fd, always closes it. */
function withGroup<T>(binding: NativeBinding, flags: number, body: (fd: number) => T): T | FeatureProbe {
  const fd = binding.init(BASE | flags, binding.constants.O_RDONLY);
  if (fd < 0) return failed(`fanotify_init(${initFlagNames(BASE | flags).join('|')})`, fd, initHint(-fd, BASE | flags, 0, 0));
  try {
    return body(fd);
  } finally {
    binding.close(fd);
  }
}

function failed(probe: string, result: number, hint: string): FeatureProbe {
  return hint ? { supported: false, errno: errnoName(result), probe, hint } : { supported: false, errno: errnoName(result), probe };
}

function probeInit(binding: NativeBinding, name: string, flags: number): FeatureProbe {
  const probe = `fanotify_init(${initFlagNames(BASE | flags).join('|')})`;
  const result = withGroup(binding, flags, () => ({ supported: true, probe }));
  return name === 'FAN_RESTARTABLE_EVENTS' && !result.supported
    ? { ...result, hint: 'experimental (linux-fsdevel/vfs tree, restartable permission events), not in mainline Linux through 6.18: this kernel rejects it' }
    : result;
}

function probeMark(binding: NativeBinding, p: EventProbe, objects: { dir: string; file: string; mntns: string }): FeatureProbe {
  const target = objects[p.object];
  return withGroup(binding, p.init, (fd) => {
    const flags = K.FAN_MARK_ADD | p.markFlags;
    const probe = `fanotify_mark(${initFlagNames(BASE | p.init).join('|')} group, flags 0x${flags.toString(16)}, mask 0x${p.mask.toString(16)}, ${target})`;
    const result = binding.mark(fd, flags, p.mask, binding.constants.AT_FDCWD, target);
    return result < 0 ? failed(probe, result, markHint(-result, { groupInitFlags: BASE | p.init, markFlags: flags, mask: p.mask })) : { supported: true, probe };
  });
}

/** A FAN_INFO response written with FAN_NOFD is validated and then answers nothing (6.3+). */
function probeResponse(binding: NativeBinding, groupFlags: number, response: number): FeatureProbe {
  return withGroup(binding, groupFlags, (fd) => {
    const bytes = encodeResponse({ fd: K.FAN_NOFD, response: response | K.FAN_INFO, audit_rule: { rule_number: 0, subj_trust: 2, obj_trust: 2 } });
    const probe = `write(${initFlagNames(BASE | groupFlags).join('|')} group, { fd: FAN_NOFD, response: 0x${((response | K.FAN_INFO) >>> 0).toString(16)} } + audit rule)`;
    const n = binding.write(fd, bytes, 0, bytes.byteLength);
    return n < 0 ? failed(probe, n, '') : { supported: true, probe };
  });
}

/**
 * Asks the kernel which fanotify features it has (see the module documentation). Creates and
 * removes a temporary directory, and briefly marks it, its filesystem and this process's mount
 * namespace from throwaway groups.
 *
 * @throws `NativeAddonUnavailableError` when the addon cannot be loaded.
 * @public
 */
export function probeFeatures(options: ProbeOptions = {}): FanotifyFeatures {
  const binding = loadNativeBinding();
  const base = withGroup(binding, K.FAN_CLASS_NOTIF, () => ({ supported: true, probe: 'fanotify_init(FAN_CLASS_NOTIF)' }));
  const dir = mkdtempSync(path.join(options.directory ?? tmpdir(), 'fanotify-probe-'));
  try {
    const file = path.join(dir, 'file');
    writeFileSync(file, 'probe');
    const objects = { dir, file, mntns: '/proc/self/ns/mnt' };
    const initFlags = Object.fromEntries(INIT_PROBES.map(([name, flags]) => [name, probeInit(binding, name, flags)]));
    const events = Object.fromEntries(EVENT_PROBES.map(([name, p]) => [name, probeMark(binding, p, objects)]));
    const markFlags = Object.fromEntries(MARK_PROBES.map(([name, p]) => [name, probeMark(binding, p, objects)]));
    return {
      kernelRelease: release(),
      privileged: process.getuid?.() === 0,
      fanotify: base,
      initFlags,
      combinations: {
        'FAN_REPORT_PIDFD|FAN_REPORT_TID': probeInit(binding, 'FAN_REPORT_PIDFD|FAN_REPORT_TID', K.FAN_REPORT_PIDFD | K.FAN_REPORT_TID),
        'FAN_REPORT_MNT|FAN_REPORT_PIDFD': probeInit(binding, 'FAN_REPORT_MNT|FAN_REPORT_PIDFD', K.FAN_REPORT_MNT | K.FAN_REPORT_PIDFD),
      },
      markFlags,
      events,
      responses: {
        FAN_INFO: probeResponse(binding, K.FAN_CLASS_CONTENT, K.FAN_ALLOW),
        FAN_DENY_ERRNO: probeResponse(binding, K.FAN_CLASS_PRE_CONTENT, FAN_DENY_ERRNO(5)),
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
