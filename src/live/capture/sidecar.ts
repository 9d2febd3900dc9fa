/**
 * The capture sidecar: a JSON file next to a capture's `.bin` that says where its bytes came
 * from (kernel, group flags, marks and their filesystems, byte order, buffer size) and how they
 * were read (the offset, length and time of every `read()`), so that a corpus entry can be
 * decoded and re-checked without guessing. The `.bin` holds exactly the bytes the reads
 * returned, concatenated in order.
 *
 * @packageDocumentation
 */
import type { ByteOrder } from '../../codec/byte-order.js';
import type { MarkObject } from '../marks.js';

/** `format` of every sidecar. @public */
export const CAPTURE_FORMAT = 'fanotify-codec-capture';
/** `formatVersion` written by this package; readers reject versions they do not know. @public */
export const CAPTURE_FORMAT_VERSION = 1;

/**
 * One mark of the capture.
 *
 * @public
 */
export interface CaptureMark {
  /** The object type. */
  readonly object: MarkObject | 'unknown';
  /** The marked path, as given. */
  readonly path: string | null;
  /** `fanotify_mark` flags (with FAN_MARK_ADD). */
  readonly flags: number;
  /** The flags in words, object type first. */
  readonly flagNames: readonly string[];
  /** The mask, hex (`"0x40000100"`). */
  readonly mask: string;
  /** The mask in words. */
  readonly maskNames: readonly string[];
  /** Filesystem type of the marked path (`"ext4"`, `"tmpfs"`, `"nsfs"`), `null` if unknown. */
  readonly fsType: string | null;
  /** `statfs().f_type` of the marked path, hex, `null` if unknown. */
  readonly fsMagic: string | null;
}

/**
 * One `read()` of the capture.
 *
 * @public
 */
export interface CaptureRead {
  /** Byte offset of this read's bytes in the `.bin`. */
  readonly offset: number;
  /** Bytes the read returned (one or more whole events). */
  readonly length: number;
  /** Events in those bytes. */
  readonly events: number;
  /** `process.hrtime.bigint()` right after the read returned, as a decimal string (ns, monotonic, arbitrary origin). */
  readonly hrtimeNs: string;
  /** Wall clock at the same moment, ISO 8601 with milliseconds. */
  readonly wallClock: string;
}

/**
 * The sidecar JSON (`FILE.json` for `FILE.bin`).
 *
 * @public
 */
export interface CaptureSidecar {
  /** Always {@link CAPTURE_FORMAT}. */
  readonly format: typeof CAPTURE_FORMAT;
  /** {@link CAPTURE_FORMAT_VERSION} of the writer. */
  readonly formatVersion: number;
  /** The writer. */
  readonly tool: { readonly name: string; readonly version: string };
  /** The kernel that produced the bytes: `os.release()`, `os.machine()`. */
  readonly kernel: { readonly release: string; readonly machine: string };
  /** Byte order of the bytes (the host's). */
  readonly byteOrder: ByteOrder;
  /** The group's `fanotify_init` arguments, as numbers and words. */
  readonly init: {
    readonly flags: number;
    readonly flagNames: readonly string[];
    readonly eventFFlags: number;
    readonly eventFFlagNames: readonly string[];
  };
  /** Size of the buffer each `read()` was given. */
  readonly readBufferSize: number;
  /** The marks, in the order they were added. */
  readonly marks: readonly CaptureMark[];
  /** Verdict given to every permission event. */
  readonly verdict: 'allow' | 'deny';
  /** The command run under capture (`null` without one), with how it ended. */
  readonly command: { readonly argv: readonly string[]; readonly exitCode: number | null; readonly signal: string | null } | null;
  /** Why capturing stopped. */
  readonly stoppedBy: 'command-exit' | 'duration' | 'count' | 'signal' | 'error';
  /** The error that ended the capture, if any (the bytes up to it are valid). */
  readonly error: string | null;
  /** Wall clock when the capture started (ISO 8601). */
  readonly startedAt: string;
  /** Wall clock when the group was closed (ISO 8601). */
  readonly endedAt: string;
  /** Name of the bytes file, relative to the sidecar. */
  readonly binFile: string;
  /** Every read, in order; their lengths add up to the `.bin`'s size. */
  readonly reads: readonly CaptureRead[];
  /** Sums over the reads. */
  readonly totals: {
    readonly reads: number;
    readonly bytes: number;
    readonly events: number;
    readonly overflows: number;
    readonly permissionEvents: number;
  };
}
