/**
 * A capture session: open a group from raw flags, add marks, optionally run a command, and
 * record exactly the bytes every `read()` returned into `FILE.bin`, with a sidecar `FILE.json`
 * (see `CaptureSidecar`) describing the group, the marks and every read. Event fds and pidfds
 * are closed as events are consumed; permission events get the capture's verdict.
 *
 * @packageDocumentation
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { machine, release } from 'node:os';
import path from 'node:path';
import { hostByteOrder } from '../../codec/byte-order.js';
import type { FanotifyGroup } from '../group.js';
import { openGroup } from '../group.js';
import type { MarkOptions } from '../marks.js';
import { checkKeys, type ReadInfo } from '../options.js';
import { packageVersion } from '../native/package-root.js';
import { FanotifyOptionError } from '../errors.js';
import { eventFFlagNames, initFlagNames, openFlagValuesFrom } from '../flag-words.js';
import { filesystemOf } from './filesystem.js';
import { CAPTURE_FORMAT, CAPTURE_FORMAT_VERSION, type CaptureMark, type CaptureRead, type CaptureSidecar } from './sidecar.js';
import { loadNativeBinding } from '../native/load.js';

export { CAPTURE_FORMAT, CAPTURE_FORMAT_VERSION } from './sidecar.js';

/**
 * Options of {@link captureSession}.
 *
 * @public
 */
export interface CaptureOptions {
  /** `fanotify_init` flags (FAN_NONBLOCK | FAN_CLOEXEC are always added). */
  readonly initFlags: number;
  /** `event_f_flags` (kernel `O_*` values). */
  readonly eventFFlags: number;
  /** The marks, added in order before the command starts. */
  readonly marks: readonly MarkOptions[];
  /** The bytes file (`FILE.bin`); the sidecar is `FILE.json`. Keep it outside trees the capture's permission marks cover. */
  readonly output: string;
  /** A command to run once the marks are in place; capture ends when it exits and the queue is drained. */
  readonly command?: readonly string[];
  /** How the command's stdio is connected (default `'inherit'`). */
  readonly commandStdio?: 'inherit' | 'ignore';
  /** Stop after this many milliseconds (then drain the queue). */
  readonly durationMs?: number;
  /** Stop after the read that brings the number of events to at least this. */
  readonly count?: number;
  /** Verdict for every permission event (default `'allow'`). */
  readonly verdict?: 'allow' | 'deny';
  /** Read buffer size (default 64 KiB). */
  readonly bufferSize?: number;
  /** Stops at once when aborted (what is recorded so far stays valid). */
  readonly signal?: AbortSignal;
}

/**
 * What a capture produced.
 *
 * @public
 */
export interface CaptureResult {
  /** Path of the bytes file. */
  readonly binPath: string;
  /** Path of the sidecar. */
  readonly sidecarPath: string;
  /** The sidecar as written. */
  readonly sidecar: CaptureSidecar;
}

/** `FILE.bin` → `FILE.json` (any other name gets `.json` appended). */
function sidecarPathFor(binPath: string): string {
  return binPath.endsWith('.bin') ? binPath.slice(0, -4) + '.json' : binPath + '.json';
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.byteLength; ) done += writeSync(fd, bytes, done, bytes.byteLength - done);
}

interface CommandState {
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  exitCode: number | null;
  signal: string | null;
  error: Error | undefined;
}

function startCommand(argv: readonly string[], stdio: 'inherit' | 'ignore', onExit: () => void): CommandState {
  const child = spawn(argv[0]!, argv.slice(1), { stdio });
  let resolveExit!: () => void;
  const state: CommandState = { child, exited: new Promise<void>((r) => (resolveExit = r)), exitCode: null, signal: null, error: undefined };
  child.once('error', (error) => {
    state.error = error;
    resolveExit();
    onExit();
  });
  child.once('exit', (code, signal) => {
    state.exitCode = code;
    state.signal = signal;
    resolveExit();
    onExit();
  });
  return state;
}

const CAPTURE_OPTION_KEYS: Readonly<Record<keyof CaptureOptions, true>> = {
  initFlags: true,
  eventFFlags: true,
  marks: true,
  output: true,
  command: true,
  commandStdio: true,
  durationMs: true,
  count: true,
  verdict: true,
  bufferSize: true,
  signal: true,
};

/**
 * Runs a capture (see the module documentation) and writes `FILE.bin` and `FILE.json`. The
 * sidecar is written even when the capture fails part-way (with `error` set), and the failure
 * is then thrown.
 *
 * @throws {@link FanotifySyscallError} from `fanotify_init`/`fanotify_mark`/`read`;
 *   {@link FanotifyOptionError}; `NativeAddonUnavailableError`.
 * @public
 */
export async function captureSession(options: CaptureOptions): Promise<CaptureResult> {
  checkKeys(options, CAPTURE_OPTION_KEYS, 'captureSession()');
  if (options.command !== undefined && options.command.length === 0) throw new FanotifyOptionError('command must name a program');
  if (options.count !== undefined && (!Number.isInteger(options.count) || options.count < 1)) throw new FanotifyOptionError(`count must be a positive integer, got ${options.count}`);
  if (options.durationMs !== undefined && !(options.durationMs >= 0)) throw new FanotifyOptionError(`duration must be a non-negative number, got ${options.durationMs}`);
  const binding = loadNativeBinding();
  const binPath = options.output;
  const sidecarPath = sidecarPathFor(binPath);
  const verdict = options.verdict ?? 'allow';
  const reads: { offset: number; length: number; eventsAfter: number; hrtimeNs: bigint; wallClockMs: number }[] = [];
  const marks: CaptureMark[] = [];
  let offset = 0;
  let group: FanotifyGroup | undefined;
  let command: CommandState | undefined;
  // The first reason to stop wins (killing the command afterwards must not overwrite 'count').
  let stoppedBy: CaptureSidecar['stoppedBy'] | undefined;
  const stopBecause = (reason: CaptureSidecar['stoppedBy']): void => {
    stoppedBy ??= reason;
  };
  let failure: unknown;
  let timer: NodeJS.Timeout | undefined;
  const startedAt = new Date();
  // Opened before any mark exists, so opening it cannot wait on the capture's own permission events.
  const out = openSync(binPath, 'w');
  try {
    group = openGroup({
      rawInitFlags: options.initFlags,
      eventFlags: options.eventFFlags,
      defaultVerdict: verdict,
      ...(options.bufferSize !== undefined ? { bufferSize: options.bufferSize } : {}),
      onRead: (bytes: Uint8Array, info: ReadInfo) => {
        writeAll(out, bytes);
        // onRead runs after the read's events were decoded and counted.
        reads.push({ offset, length: bytes.byteLength, eventsAfter: group?.stats.events ?? 0, hrtimeNs: info.hrtimeNs, wallClockMs: info.wallClockMs });
        offset += bytes.byteLength;
      },
    });
    for (const mark of options.marks) {
      const d = group.addMark(mark);
      const fs = d.path === null ? { type: null, magic: null } : filesystemOf(binding, d.path);
      marks.push({ object: d.object, path: d.path, flags: d.flags, flagNames: d.flagNames, mask: '0x' + d.mask.toString(16), maskNames: d.maskNames, fsType: fs.type, fsMagic: fs.magic });
    }
    const drain = new AbortController();
    if (options.command) {
      command = startCommand(options.command, options.commandStdio ?? 'inherit', () => {
        stopBecause('command-exit');
        drain.abort();
      });
    }
    if (options.durationMs !== undefined) {
      timer = setTimeout(() => {
        stopBecause('duration');
        drain.abort();
      }, options.durationMs);
    }
    try {
      for await (const _event of group.events({ untilDrained: drain.signal, ...(options.signal ? { signal: options.signal } : {}) })) {
        if (options.count !== undefined && group.stats.events >= options.count) {
          stopBecause('count');
          break;
        }
      }
    } catch (error) {
      if (!options.signal?.aborted || error !== options.signal.reason) throw error;
      stopBecause('signal');
    }
    if (command?.error) throw command.error;
  } catch (error) {
    failure = error;
    stoppedBy = 'error';
  } finally {
    if (timer) clearTimeout(timer);
    group?.close();
    closeSync(out);
    // The command may be blocked on nothing now (closing the group allowed its permission events);
    // one that outlives the capture (duration, count, signal) is terminated.
    if (command && command.exitCode === null && command.signal === null && command.error === undefined) {
      command.child.kill('SIGTERM');
    }
    if (command) await command.exited;
  }
  const events = group?.stats.events ?? 0;
  const readRecords: CaptureRead[] = reads.map((r, i) => ({
    offset: r.offset,
    length: r.length,
    events: r.eventsAfter - (reads[i - 1]?.eventsAfter ?? 0),
    hrtimeNs: r.hrtimeNs.toString(),
    wallClock: new Date(r.wallClockMs).toISOString(),
  }));
  const sidecar: CaptureSidecar = {
    format: CAPTURE_FORMAT,
    formatVersion: CAPTURE_FORMAT_VERSION,
    tool: { name: 'fanotify-codec', version: packageVersion() },
    kernel: { release: release(), machine: machine() },
    byteOrder: hostByteOrder,
    init: {
      flags: group?.initFlags ?? options.initFlags,
      flagNames: group?.initFlagNames ?? initFlagNames(options.initFlags),
      eventFFlags: group?.eventFFlags ?? options.eventFFlags,
      eventFFlagNames: group?.eventFFlagNames ?? eventFFlagNames(options.eventFFlags, openFlagValuesFrom(binding.constants)),
    },
    readBufferSize: group?.bufferSize ?? options.bufferSize ?? 0,
    marks,
    verdict,
    command: command ? { argv: [...options.command!], exitCode: command.exitCode, signal: command.signal } : null,
    stoppedBy: stoppedBy ?? 'signal',
    error: failure === undefined ? null : failure instanceof Error ? failure.message : String(failure),
    startedAt: startedAt.toISOString(),
    endedAt: new Date().toISOString(),
    binFile: path.basename(binPath),
    reads: readRecords,
    totals: {
      reads: reads.length,
      bytes: offset,
      events,
      overflows: group?.stats.overflows ?? 0,
      permissionEvents: group?.stats.permissionEvents ?? 0,
    },
  };
  writeFileSync(sidecarPath, JSON.stringify(sidecar, null, 2) + '\n');
  if (failure !== undefined) throw failure;
  return { binPath, sidecarPath, sidecar };
}
