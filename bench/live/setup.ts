/**
 * The one fanotify setup both live readers use, so the C reader and the JavaScript consumer get
 * the same flags, mark and buffer size by construction: a FAN_CLASS_NOTIF group reporting
 * directory fid + name and child fid (no event fds to close), a filesystem mark on the tmpfs.
 */
import {
  FAN_CLASS_NOTIF,
  FAN_CLOEXEC,
  FAN_CLOSE_WRITE,
  FAN_CREATE,
  FAN_DELETE,
  FAN_MARK_ADD,
  FAN_MARK_FILESYSTEM,
  FAN_MODIFY,
  FAN_NONBLOCK,
  FAN_ONDIR,
  FAN_REPORT_DFID_NAME,
  FAN_REPORT_FID,
} from '../../src/index.js';

/**
 * The storm's four operation kinds (bench/c/storm.c): what the mark asks for besides FAN_ONDIR.
 * A merged event carries several of these bits, so a reader's reported operations (the sum of
 * popcount(mask & STORM_OPS) over its events) do not depend on how much the kernel merged —
 * except for merges of the same bit, which bench/live/live-bench.ts counts against the storm's.
 */
export const STORM_OPS = FAN_CREATE | FAN_DELETE | FAN_MODIFY | FAN_CLOSE_WRITE;
const LOW_STORM_OPS = Number(STORM_OPS);

/**
 * The storm operations an event reports: popcount(mask & STORM_OPS), so a merged event counts
 * every operation it stands for (bench/c/reader.c counts the same).
 */
export function reportedOps(mask: bigint): number {
  return reportedOpsLow(Number(mask & STORM_OPS));
}

/** {@link reportedOps} from the mask's low 32-bit word, where every STORM_OPS bit is (no bigint). */
export function reportedOpsLow(maskLow: number): number {
  let bits = maskLow & LOW_STORM_OPS;
  let n = 0;
  for (; bits !== 0; n++) bits &= bits - 1;
  return n;
}

export interface LiveSetup {
  readonly dir: string;
  readonly initFlags: number;
  /** O_RDONLY | O_LARGEFILE (x86_64 kernel value). */
  readonly eventFFlags: number;
  readonly markFlags: number;
  /** The mask as a decimal string (JSON has no bigint). */
  readonly mask: string;
  readonly bufSize: number;
}

export function liveSetup(dir: string, bufSize: number): LiveSetup {
  return {
    dir,
    initFlags: FAN_CLASS_NOTIF | FAN_CLOEXEC | FAN_NONBLOCK | FAN_REPORT_DFID_NAME | FAN_REPORT_FID,
    eventFFlags: 0o100000,
    markFlags: FAN_MARK_ADD | FAN_MARK_FILESYSTEM,
    mask: String(STORM_OPS | FAN_ONDIR),
    bufSize,
  };
}

/** Argument vector of bench/c/reader.c. */
export function readerArgs(s: LiveSetup): string[] {
  return [s.dir, String(s.initFlags), String(s.eventFFlags), String(s.markFlags), s.mask, String(s.bufSize)];
}

/** What a reader prints at the end (both readers print the same fields). */
export interface ReaderReport {
  readonly events: number;
  /** Reported operations: the sum over events of popcount(mask & STORM_OPS). */
  readonly ops: number;
  readonly overflows: number;
  readonly bytes: number;
  readonly reads: number;
  /** CLOCK_MONOTONIC ns right after the first successful read, and once the last read's events were handled. */
  readonly firstNs: number;
  readonly lastNs: number;
  /** CPU time (user + system) of the reader process from "ready" to the end. */
  readonly cpuNs: number;
  readonly checksum: string;
}
