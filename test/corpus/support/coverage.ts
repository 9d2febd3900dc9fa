/**
 * What the corpus must demonstrate (issue 4), each requirement judged from the captures' own
 * evidence: the sidecar (init flags, marks and their filesystems, reads) and the decoded
 * records — never from file names.
 */
import { kernelRecords } from '../../../spec/records.js';
import type { JsonObject } from '../../../src/schema/compile.js';
import type { Capture } from './corpus-captures.js';

type Records = JsonObject[];

const FID_FLAGS = ['FAN_REPORT_FID', 'FAN_REPORT_DIR_FID', 'FAN_REPORT_NAME', 'FAN_REPORT_TARGET_FID'] as const;

/** The fid-related report flags of a capture's group, e.g. `['FAN_REPORT_DIR_FID', 'FAN_REPORT_NAME']`. */
export function fidMode(c: Capture): string[] {
  return FID_FLAGS.filter((f) => c.sidecar.init.flagNames.includes(f));
}

function hasInit(c: Capture, flag: string): boolean {
  return c.sidecar.init.flagNames.includes(flag);
}

function records(e: JsonObject): Records {
  return Array.isArray(e['info']) ? (e['info'] as Records) : [];
}

function maskNames(e: JsonObject): string[] {
  return Array.isArray(e['mask_names']) ? (e['mask_names'] as string[]) : [];
}

function allRecords(c: Capture): Records {
  return c.events.flatMap(records);
}

function recordTypes(c: Capture): Set<string> {
  return new Set(allRecords(c).map((r) => String(r['info_type_name'])));
}

/** The filesystem types the capture's marks are on (from the sidecar). */
export function filesystems(c: Capture): string[] {
  return [...new Set(c.sidecar.marks.map((m) => m.fsType ?? 'unknown'))];
}

function sameFidMode(c: Capture, mode: readonly string[]): boolean {
  const m = fidMode(c);
  return m.length === mode.length && mode.every((f) => m.includes(f));
}

function isFdMode(c: Capture): boolean {
  return fidMode(c).length === 0 && !hasInit(c, 'FAN_REPORT_MNT');
}

function name(r: JsonObject): Uint8Array | undefined {
  if (typeof r['name_hex'] === 'string') return Buffer.from(r['name_hex'], 'hex');
  return typeof r['name'] === 'string' ? Buffer.from(r['name'], 'utf8') : undefined;
}

/** One requirement: a description and a predicate over the whole corpus. */
export interface Requirement {
  readonly what: string;
  readonly met: (corpus: readonly Capture[]) => boolean;
}

const some = (pred: (c: Capture) => boolean) => (corpus: readonly Capture[]) => corpus.some(pred);

const FID_MODES: readonly (readonly string[])[] = [
  ['FAN_REPORT_FID'],
  ['FAN_REPORT_DIR_FID'],
  ['FAN_REPORT_DIR_FID', 'FAN_REPORT_FID'],
  ['FAN_REPORT_DIR_FID', 'FAN_REPORT_NAME'],
  ['FAN_REPORT_DIR_FID', 'FAN_REPORT_NAME', 'FAN_REPORT_FID'],
  ['FAN_REPORT_DIR_FID', 'FAN_REPORT_NAME', 'FAN_REPORT_FID', 'FAN_REPORT_TARGET_FID'],
];

const eventsWith = (c: Capture, bit: string): JsonObject[] => c.events.filter((e) => maskNames(e).includes(bit));

/** Every requirement of issue 4, item 3. */
export const REQUIREMENTS: readonly Requirement[] = [
  ...kernelRecords.map((r) => ({ what: `a ${r.constantName} record`, met: some((c) => recordTypes(c).has(r.constantName)) })),
  {
    what: 'fd mode: open/access/modify/close on a directory marked with FAN_EVENT_ON_CHILD',
    met: some((c) => isFdMode(c) && c.sidecar.marks.some((m) => m.maskNames.includes('FAN_EVENT_ON_CHILD')) && ['FAN_OPEN', 'FAN_ACCESS', 'FAN_MODIFY', 'FAN_CLOSE_WRITE', 'FAN_CLOSE_NOWRITE'].every((b) => eventsWith(c, b).length > 0)),
  },
  ...['ext4', 'xfs', 'btrfs', 'tmpfs'].flatMap((fs) =>
    FID_MODES.map((mode) => ({ what: `${mode.join('|')} on ${fs}`, met: some((c) => sameFidMode(c, mode) && filesystems(c).includes(fs) && c.events.length > 0) })),
  ),
  { what: 'DFID_NAME|FID with FAN_ONDIR', met: some((c) => sameFidMode(c, FID_MODES[4]!) && eventsWith(c, 'FAN_ONDIR').length > 0) },
  ...['ext4', 'xfs', 'btrfs', 'tmpfs'].map((fs) => ({
    what: `FAN_RENAME on ${fs}: within one directory and across two`,
    met: some((c) => {
      if (!filesystems(c).includes(fs)) return false;
      const pairs = eventsWith(c, 'FAN_RENAME').map((e) => {
        const rs = records(e);
        const old = rs.find((r) => r['info_type_name'] === 'FAN_EVENT_INFO_TYPE_OLD_DFID_NAME');
        const neu = rs.find((r) => r['info_type_name'] === 'FAN_EVENT_INFO_TYPE_NEW_DFID_NAME');
        const fid = rs.find((r) => r['info_type_name'] === 'FAN_EVENT_INFO_TYPE_FID');
        return old && neu && fid ? old['f_handle'] === neu['f_handle'] : undefined;
      });
      return pairs.includes(true) && pairs.includes(false);
    }),
  })),
  { what: '12-byte handles (tmpfs)', met: some((c) => filesystems(c).includes('tmpfs') && allRecords(c).some((r) => r['handle_bytes'] === 12)) },
  { what: '20-byte handles (btrfs)', met: some((c) => filesystems(c).includes('btrfs') && allRecords(c).some((r) => r['handle_bytes'] === 20)) },
  { what: 'PIDFD in fd mode, with a live pidfd', met: some((c) => isFdMode(c) && hasInit(c, 'FAN_REPORT_PIDFD') && allRecords(c).some((r) => typeof r['pidfd'] === 'number' && r['pidfd'] >= 0)) },
  { what: 'PIDFD in fid mode, with a live pidfd', met: some((c) => fidMode(c).length > 0 && hasInit(c, 'FAN_REPORT_PIDFD') && allRecords(c).some((r) => typeof r['pidfd'] === 'number' && r['pidfd'] >= 0)) },
  { what: 'FAN_NOPIDFD for an exited process', met: some((c) => allRecords(c).some((r) => r['pidfd'] === -1)) },
  { what: 'FAN_REPORT_TID', met: some((c) => hasInit(c, 'FAN_REPORT_TID') && c.events.length > 0) },
  { what: 'permission events (FAN_OPEN_PERM, FAN_ACCESS_PERM, FAN_OPEN_EXEC_PERM)', met: some((c) => hasInit(c, 'FAN_CLASS_CONTENT') && ['FAN_OPEN_PERM', 'FAN_ACCESS_PERM', 'FAN_OPEN_EXEC_PERM'].every((b) => eventsWith(c, b).length > 0)) },
  { what: 'FAN_PRE_ACCESS with a RANGE record on ext4', met: some((c) => filesystems(c).includes('ext4') && eventsWith(c, 'FAN_PRE_ACCESS').some((e) => records(e).some((r) => r['info_type_name'] === 'FAN_EVENT_INFO_TYPE_RANGE'))) },
  ...[['FAN_MNT_ATTACH'], ['FAN_MNT_DETACH'], ['FAN_MNT_ATTACH', 'FAN_MNT_DETACH']].map((bits) => ({
    what: `mount event ${bits.join('|')} with MNT on a mount namespace mark`,
    met: some((c) => c.sidecar.marks.some((m) => m.object === 'mntns') && c.events.some((e) => maskNames(e).join('|') === bits.join('|') && records(e).some((r) => r['info_type_name'] === 'FAN_EVENT_INFO_TYPE_MNT'))),
  })),
  { what: 'FAN_Q_OVERFLOW in fd mode', met: some((c) => isFdMode(c) && eventsWith(c, 'FAN_Q_OVERFLOW').length === 1) },
  { what: 'FAN_Q_OVERFLOW in fid mode', met: some((c) => fidMode(c).length > 0 && eventsWith(c, 'FAN_Q_OVERFLOW').length === 1) },
  { what: 'FAN_FS_ERROR, a single error', met: some((c) => eventsWith(c, 'FAN_FS_ERROR').some((e) => records(e).some((r) => r['error_count'] === 1 && r['error'] === 117))) },
  { what: 'FAN_FS_ERROR, merged errors (error_count > 1)', met: some((c) => allRecords(c).some((r) => typeof r['error_count'] === 'number' && r['error_count'] > 1)) },
  {
    what: 'FAN_FS_ERROR at superblock level: a zero-length handle (FILEID_INVALID)',
    met: some((c) => eventsWith(c, 'FAN_FS_ERROR').some((e) => records(e).some((r) => r['handle_bytes'] === 0 && r['handle_type'] === 255))),
  },
  { what: 'FAN_REPORT_FD_ERROR: fd = -EBADF', met: some((c) => hasInit(c, 'FAN_REPORT_FD_ERROR') && c.events.some((e) => e['fd'] === -9)) },
  { what: 'FAN_REPORT_FD_ERROR: fd = -errno of a failed open', met: some((c) => hasInit(c, 'FAN_REPORT_FD_ERROR') && c.events.some((e) => typeof e['fd'] === 'number' && e['fd'] < -1 && e['fd'] !== -9)) },
  { what: 'FAN_REPORT_FD_ERROR: pidfd = -ESRCH', met: some((c) => hasInit(c, 'FAN_REPORT_FD_ERROR') && allRecords(c).some((r) => r['pidfd'] === -3)) },
  ...[0, 1, 2, 3].map((k) => ({ what: `a name whose length is ${k} modulo 4`, met: some((c) => allRecords(c).some((r) => (name(r)?.length ?? -1) % 4 === k)) })),
  { what: 'a 255-byte name (NAME_MAX)', met: some((c) => allRecords(c).some((r) => name(r)?.length === 255)) },
  { what: 'a name that is not valid UTF-8', met: some((c) => allRecords(c).some((r) => typeof r['name_hex'] === 'string')) },
  { what: 'many events in one read (32 or more)', met: some((c) => c.sidecar.reads.some((r) => r.events >= 32)) },
  { what: 'several reads in one capture', met: some((c) => c.sidecar.reads.length > 1) },
];
