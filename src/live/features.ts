/**
 * `probeFeatures()`: which fanotify features this kernel has, found by asking the kernel
 * (fanotify_init with each flag, fanotify_mark with each newer event or mark flag on a
 * temporary object, a FAN_INFO response probe written with FAN_NOFD), never by parsing version
 * strings: distribution kernels backport features, and the errno is the only reliable answer.
 * The release is used only to explain: each probe carries the release that brought what it
 * probes (from the spec tables), and a failed probe's hint is the kernel rule for the running
 * release, naming both (`FAN_REPORT_MNT needs Linux 6.15 (running 6.12.57)`).
 *
 * The answers hold for the calling process's privileges (run as root to learn what the kernel
 * supports; EPERM means "not allowed for you", not "missing").
 *
 * @packageDocumentation
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { release as osRelease, tmpdir } from 'node:os';
import path from 'node:path';
import { encodeResponse, FAN_DENY_ERRNO, type PermissionResponse } from '../codec/response.js';
import * as K from '../generated/constants.js';
import { constantSpec } from '../kernel/availability.js';
import { KERNEL_BEHAVIOURS } from '../kernel/behaviours.js';
import { errnoName } from '../kernel/errno.js';
import { initFlagNames } from './flag-words.js';
import { checkKeys } from './options.js';
import { initHint, markHint, writeHint } from './hints.js';
import type { NativeBinding } from './native/binding.js';
import { loadNativeBinding } from './native/load.js';
import { traitsOf } from './options.js';
import { responseRefusal } from './permission.js';
import { runningAsRoot, runningRelease } from './running-release.js';

/**
 * The kernel's answer to one probe, with the release that brought what it probes.
 *
 * @example
 * ```ts
 * const p = probeFeatures().initFlags['FAN_REPORT_MNT'];
 * // 'FAN_REPORT_MNT: no (EINVAL; FAN_REPORT_MNT needs Linux 6.15 (running 6.12.57))'
 * console.log(`FAN_REPORT_MNT: ${p.supported ? 'yes' : `no (${p.errno}; ${p.hint})`}`);
 * ```
 * @public
 */
export interface FeatureProbe {
  /** Whether the kernel accepted the call. */
  readonly supported: boolean;
  /** The errno name when it did not (`'EINVAL'`: unknown to this kernel; `'EPERM'`: not allowed for this process). */
  readonly errno?: string;
  /** What was asked, e.g. `fanotify_init(FAN_CLASS_NOTIF|FAN_REPORT_MNT)`. */
  readonly probe: string;
  /**
   * Why it failed, in one line, when known: the kernel rule for the running release, which names
   * the release a missing flag needs and the running one
   * (`FAN_REPORT_FD_ERROR needs Linux 6.13 (or 6.12.4, 6.6.66 stable) (running 6.1.0-50-amd64)`),
   * or what the errno usually means.
   */
  readonly hint?: string;
  /**
   * The mainline release that brought what is probed (`'6.15'`), or the status of an
   * experimental flag (`'not mainline (linux-fsdevel/vfs)'`); from the package's spec tables, for
   * the record: the kernel's answer decides `supported`.
   */
  readonly since?: string;
  /** Stable point releases of older series that got it by backport (`['6.12.4', '6.6.66']`). */
  readonly backports?: readonly string[];
}

/**
 * What {@link probeFeatures} found. Every probe says what the kernel answered and, from the
 * spec tables, since when mainline has it.
 *
 * @public
 */
export interface FanotifyFeatures {
  /** `os.release()`: the hints name it; nothing is inferred from it. */
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
  ['FAN_RESTARTABLE_EVENTS', K.FAN_CLASS_CONTENT | K.FAN_RESTARTABLE_EVENTS],
];

/** Flag combinations whose validity changed between releases. */
const COMBINATION_PROBES: readonly (readonly [string, number])[] = [
  ['FAN_REPORT_PIDFD|FAN_REPORT_TID', K.FAN_REPORT_PIDFD | K.FAN_REPORT_TID],
  ['FAN_REPORT_MNT|FAN_REPORT_PIDFD', K.FAN_REPORT_MNT | K.FAN_REPORT_PIDFD],
];

/** Response probes: the group's init flags and the response word (FAN_INFO is added). */
const RESPONSE_PROBES: readonly (readonly [string, readonly [number, number]])[] = [
  ['FAN_INFO', [K.FAN_CLASS_CONTENT, K.FAN_ALLOW]],
  ['FAN_DENY_ERRNO', [K.FAN_CLASS_PRE_CONTENT, FAN_DENY_ERRNO(5)]],
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
  if (fd < 0) return failed(`fanotify_init(${initFlagNames(BASE | flags).join('|')})`, fd, initHint(-fd, BASE | flags, binding.constants.O_RDONLY));
  try {
    return body(fd);
  } finally {
    binding.close(fd);
  }
}

function failed(probe: string, result: number, hint: string): FeatureProbe {
  return hint ? { supported: false, errno: errnoName(result), probe, hint } : { supported: false, errno: errnoName(result), probe };
}

function probeInit(binding: NativeBinding, flags: number): FeatureProbe {
  const probe = `fanotify_init(${initFlagNames(BASE | flags).join('|')})`;
  return withGroup(binding, flags, () => ({ supported: true, probe }));
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
    const written: PermissionResponse = { fd: K.FAN_NOFD, response: (response | K.FAN_INFO) >>> 0, audit_rule: { rule_number: 0, subj_trust: 2, obj_trust: 2 } };
    const bytes = encodeResponse(written);
    const probe = `write(${initFlagNames(BASE | groupFlags).join('|')} group, { fd: FAN_NOFD, response: 0x${written.response.toString(16)} } + audit rule)`;
    const n = binding.write(fd, bytes, 0, bytes.byteLength);
    return n < 0 ? failed(probe, n, responseHint(-n, written, groupFlags)) : { supported: true, probe };
  });
}

/** The kernel rule a probe response breaks on the running release, when it gives the kernel's errno. */
function responseHint(errno: number, written: PermissionResponse, groupFlags: number): string {
  const refusal = responseRefusal(written, traitsOf(BASE | groupFlags, 0), runningRelease());
  return refusal?.errno === errno ? refusal.message : writeHint(errno, written.fd);
}

/** Probes whose `since` is not the spec entry of their own name: a behaviour, or the newer part. */
const SINCE_FROM: Readonly<Record<string, string>> = {
  'FAN_REPORT_PIDFD|FAN_REPORT_TID': 'pidfd-with-tid',
  'FAN_REPORT_MNT|FAN_REPORT_PIDFD': 'FAN_REPORT_MNT',
  FAN_DENY_ERRNO: 'FAN_ERRNO_BITS',
};

/** `since` and `backports` of what the probe `name` probes: its spec entry, or a kernel behaviour. */
function availability(name: string): Pick<FeatureProbe, 'since' | 'backports'> {
  const key = SINCE_FROM[name] ?? name;
  const entry = constantSpec(key) ?? KERNEL_BEHAVIOURS.find((b) => b.id === key);
  if (!entry) return {};
  return entry.backports?.length ? { since: entry.since, backports: entry.backports } : { since: entry.since };
}

/** Runs each probe and records, by name, the kernel's answer and the release that brought it. */
function probeEach<P>(entries: readonly (readonly [string, P])[], run: (p: P) => FeatureProbe): Record<string, FeatureProbe> {
  return Object.fromEntries(entries.map(([name, p]) => [name, { ...run(p), ...availability(name) }]));
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
  checkKeys(options, { directory: true }, 'probeFeatures()');
  const binding = loadNativeBinding();
  const base = { ...probeInit(binding, K.FAN_CLASS_NOTIF), ...availability('FAN_CLASS_NOTIF') };
  const dir = mkdtempSync(path.join(options.directory ?? tmpdir(), 'fanotify-probe-'));
  try {
    const file = path.join(dir, 'file');
    writeFileSync(file, 'probe');
    const objects = { dir, file, mntns: '/proc/self/ns/mnt' };
    return {
      kernelRelease: osRelease(),
      privileged: runningAsRoot(),
      fanotify: base,
      initFlags: probeEach(INIT_PROBES, (flags) => probeInit(binding, flags)),
      combinations: probeEach(COMBINATION_PROBES, (flags) => probeInit(binding, flags)),
      markFlags: probeEach(MARK_PROBES, (p) => probeMark(binding, p, objects)),
      events: probeEach(EVENT_PROBES, (p) => probeMark(binding, p, objects)),
      responses: probeEach(RESPONSE_PROBES, ([group, response]) => probeResponse(binding, group, response)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
