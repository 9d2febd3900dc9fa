/**
 * `captureGroup()`: a {@link FanotifyGroup} that replays a capture (the `.bin` and its sidecar)
 * read by read, with the group's flags from the sidecar. Responses are recorded, not sent
 * (nobody waits for them any more); event fds and pidfds are the recording process's numbers,
 * tracked as fake fds that the end of a step "closes"; this process's fds are never touched.
 * When the last read has been consumed the group closes, so iteration ends.
 *
 * @packageDocumentation
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { KernelRecordSchema } from '../../../spec/records.js';
import { hostByteOrder } from '../../codec/byte-order.js';
import { decodeEvents } from '../../codec/default-codec.js';
import { Errno } from '../../kernel/errno.js';
import { DEFAULT_KERNEL_RELEASE, parseKernelRelease } from '../../kernel/release.js';
import { FanotifyOptionError } from '../errors.js';
import { FanotifyGroupImpl, type FanotifyGroup } from '../group.js';
import type { MarkDescription, MarkObject, MarkOptions } from '../marks.js';
import { bufferSizeOf, permissionTimeoutOf, refuseUnknownKeys, type GroupOptions } from '../options.js';
import { CAPTURE_FORMAT, CAPTURE_FORMAT_VERSION, type CaptureRead, type CaptureSidecar } from '../capture/sidecar.js';
import { ResponseLog, type RecordedResponse } from './responses.js';
import { simulatedBinding, type SimulatedCalls } from './simulated-binding.js';

/**
 * Options of {@link captureGroup}: how the replayed events are consumed (the group's flags
 * are the capture's).
 *
 * @public
 */
export type CaptureGroupOptions = Pick<GroupOptions, 'bufferSize' | 'defaultVerdict' | 'permissionTimeoutMs' | 'signal' | 'onRead'>;

const CAPTURE_OPTION_KEYS = ['bufferSize', 'defaultVerdict', 'permissionTimeoutMs', 'signal', 'onRead'];

/**
 * A capture to replay: the path of its sidecar (`capture.json`) or of its bytes (`capture.bin`,
 * with the sidecar next to it under the same name), or both in memory.
 *
 * @public
 */
export type CaptureSource = string | { readonly bytes: Uint8Array; readonly sidecar: CaptureSidecar };

/** The fds and pidfds the events of `bytes` carry (the fake fds a step closes). */
function eventFds(bytes: Uint8Array): number[] {
  const fds: number[] = [];
  for (const event of decodeEvents(bytes, { lenient: true })) {
    if (event.fd >= 0) fds.push(event.fd);
    for (const record of event.records()) if (record.type === 'pidfd' && record.pidfd >= 0) fds.push(record.pidfd);
  }
  return fds;
}

/** The capture side of the group: the recorded reads, in order. @internal */
export class CaptureReplay implements SimulatedCalls {
  readonly log = new ResponseLog();
  /** Fake fds of the events read whose step has not ended. */
  readonly open = new Set<number>();
  /** A number no event of the capture uses. */
  readonly groupFd: number;
  private next = 0;
  /** Called when a consumer waits after the last read (the group closes itself). */
  onExhausted: () => void = () => {};

  /**
   * @param bytes - The capture's bytes.
   * @param reads - Where each recorded read's bytes are in them.
   */
  constructor(
    private readonly bytes: Uint8Array,
    private readonly reads: readonly CaptureRead[],
  ) {
    const used = new Set(reads.flatMap((r) => eventFds(this.slice(r))));
    let fd = 3;
    while (used.has(fd)) fd++;
    this.groupFd = fd;
  }

  private slice(read: CaptureRead): Uint8Array {
    return this.bytes.subarray(read.offset, read.offset + read.length);
  }

  /** Marks cannot change (the group refuses them before this is reached). */
  mark(): number {
    return -Errno.ENOSYS;
  }

  /** The next recorded read, copied into `buf`; its events' fds become open fake fds. */
  read(_fd: number, buf: Uint8Array, offset: number, length: number): number {
    const read = this.reads[this.next];
    if (read === undefined) return -Errno.EAGAIN;
    // As the kernel: a buffer too small for the first event is EINVAL.
    if (read.length > length) return -Errno.EINVAL;
    this.next++;
    const bytes = this.slice(read);
    buf.set(bytes, offset);
    this.log.observeRead(bytes);
    for (const fd of eventFds(bytes)) this.open.add(fd);
    return read.length;
  }

  /** Records a response (ENOENT unless it names a permission event read and not answered). */
  write(fd: number, buf: Uint8Array, offset: number, length: number): number {
    const bytes = buf.slice(offset, offset + length);
    // As the kernel: ENOENT unless the response names an event read and not yet answered.
    return this.log.record(bytes, (eventFd) => (fd === this.groupFd && this.log.isPending(eventFd) ? length : -Errno.ENOENT));
  }

  /** "Closes" a fake event fd, or the group. */
  close(fd: number): number {
    if (fd === this.groupFd) {
      this.log.clear();
      return 0;
    }
    return this.open.delete(fd) ? 0 : -Errno.EBADF;
  }

  /** Bytes of the reads not yet replayed. */
  fionread(): number {
    return this.reads.slice(this.next).reduce((n, r) => n + r.length, 0);
  }

  /** Whether a recorded read is left. */
  readable(): boolean {
    return this.next < this.reads.length;
  }

  /** The last read was consumed: the group closes. */
  exhausted(): void {
    this.onExhausted();
  }
}

/**
 * A replayed capture with the whole live API (see {@link captureGroup}). Its marks are the
 * capture's: `addMark`, `removeMark` and `flushMarks` throw {@link FanotifyOptionError}.
 *
 * @public
 */
export interface CaptureFanotifyGroup extends FanotifyGroup<KernelRecordSchema> {
  /** The capture's sidecar. */
  readonly sidecar: CaptureSidecar;
  /** Every permission response the consumer gave (or the default verdict), in order; none reaches a kernel. */
  readonly responses: readonly RecordedResponse[];
  /** The fake event fds and pidfds still open (read, step not ended, or taken). */
  openFds(): number[];
}

/**
 * The one implementation of {@link CaptureFanotifyGroup}.
 *
 * @internal
 */
export class CaptureFanotifyGroupImpl extends FanotifyGroupImpl<KernelRecordSchema> implements CaptureFanotifyGroup {
  readonly sidecar: CaptureSidecar;
  private readonly source: CaptureReplay;

  /** Use {@link captureGroup}. */
  constructor(source: CaptureReplay, sidecar: CaptureSidecar, options: GroupOptions) {
    const release = parseKernelRelease(sidecar.kernel.release) ?? parseKernelRelease(DEFAULT_KERNEL_RELEASE)!;
    super(simulatedBinding(source, false), source.groupFd, sidecar.init.flags, sidecar.init.eventFFlags, options, {
      release,
      noPaths: "event.path(): a capture group has no paths (its fds and handles were the recording process's)",
    });
    this.sidecar = sidecar;
    this.source = source;
    source.onExhausted = () => this.close();
  }

  get responses(): readonly RecordedResponse[] {
    return this.source.log.responses;
  }

  openFds(): number[] {
    return [...this.source.open].sort((a, b) => a - b);
  }

  /**
   * Refused: a capture's marks are fixed (they are in `sidecar.marks`).
   *
   * @throws {@link FanotifyOptionError} always.
   */
  override addMark(_options: MarkOptions): MarkDescription {
    throw this.noMarks('addMark');
  }

  /** Refused, as {@link CaptureFanotifyGroupImpl.addMark}. @throws {@link FanotifyOptionError} always. */
  override removeMark(_options: MarkOptions): MarkDescription {
    throw this.noMarks('removeMark');
  }

  /** Refused, as {@link CaptureFanotifyGroupImpl.addMark}. @throws {@link FanotifyOptionError} always. */
  override flushMarks(_object?: MarkObject): void {
    throw this.noMarks('flushMarks');
  }

  private noMarks(call: string): FanotifyOptionError {
    return new FanotifyOptionError(`${call}(): a capture group replays recorded events; its marks are the capture's (sidecar.marks)`);
  }
}

/** The sidecar's JSON and the bytes it describes, from the paths of either file. */
function loadCapture(file: string): { bytes: Uint8Array; sidecar: CaptureSidecar } {
  const sidecarPath = file.endsWith('.bin') ? `${file.slice(0, -4)}.json` : file;
  const sidecar = JSON.parse(readFileSync(sidecarPath, 'utf8')) as CaptureSidecar;
  checkSidecar(sidecar);
  const binPath = file.endsWith('.bin') ? file : path.join(path.dirname(sidecarPath), sidecar.binFile);
  return { bytes: readFileSync(binPath), sidecar };
}

/** Refuses a sidecar this package cannot replay, saying why. */
function checkSidecar(sidecar: CaptureSidecar): void {
  const bad = (why: string): FanotifyOptionError => new FanotifyOptionError(`captureGroup(): ${why}`);
  if (sidecar?.format !== CAPTURE_FORMAT || sidecar.formatVersion !== CAPTURE_FORMAT_VERSION) {
    throw bad(`not a ${CAPTURE_FORMAT} sidecar of version ${CAPTURE_FORMAT_VERSION} (format ${JSON.stringify(sidecar?.format)}, version ${JSON.stringify(sidecar?.formatVersion)})`);
  }
  if (sidecar.byteOrder !== hostByteOrder) throw bad(`the capture is ${sidecar.byteOrder}-endian; a group decodes the host's (${hostByteOrder}-endian) byte order`);
}

/** Refuses bytes whose length differs from the reads the sidecar lists. */
function checkBytes(bytes: Uint8Array, sidecar: CaptureSidecar): void {
  const end = sidecar.reads.reduce((max, r) => Math.max(max, r.offset + r.length), 0);
  if (end !== bytes.byteLength) throw new FanotifyOptionError(`captureGroup(): the sidecar's reads cover ${end} bytes, the capture has ${bytes.byteLength}`);
}

/**
 * A group that replays a capture through the live API (iteration, `'event'` listeners,
 * `stream()`, `consume()`, `respond()`, `stats`, fd ownership, `close()`), one recorded read at a
 * time, typed with every record type (its flags are only known at run time). Responses are
 * checked against the capture kernel's rules and recorded in `group.responses`; marks cannot be
 * changed; `event.path()` is refused. The group closes after the last read is consumed.
 *
 * @example
 * ```ts
 * const group = captureGroup('corpus/ext4/permission/capture.json');
 * await group.consume((event) => event.respond('deny'));
 * console.log(group.responses.map((r) => r.verdict)); // ['deny', …]
 * ```
 * @throws {@link FanotifyOptionError} for an unknown or invalid option, a sidecar of another
 *   format, version or byte order, or bytes the sidecar's reads do not cover; the `fs` error
 *   when a file cannot be read.
 * @public
 */
export function captureGroup(source: CaptureSource, options: CaptureGroupOptions = {}): CaptureFanotifyGroup {
  refuseUnknownKeys(options, CAPTURE_OPTION_KEYS);
  options.signal?.throwIfAborted();
  permissionTimeoutOf(options);
  const { bytes, sidecar } = typeof source === 'string' ? loadCapture(source) : (checkSidecar(source.sidecar), source);
  checkBytes(bytes, sidecar);
  // Every recorded read must fit the buffer, as it fitted the recording's.
  const groupOptions: GroupOptions = { ...options, bufferSize: options.bufferSize ?? Math.max(sidecar.readBufferSize, ...sidecar.reads.map((r) => r.length)) };
  bufferSizeOf(groupOptions);
  const group = new CaptureFanotifyGroupImpl(new CaptureReplay(bytes, sidecar.reads), sidecar, groupOptions);
  if (options.signal) group.watchSignal(options.signal);
  return group;
}
