// Event helpers for the live tests: drain a group deterministically (operations are synchronous,
// so their events are queued before we read; `untilDrained` stops at the first empty read) and
// snapshot each event during its step, while its fds and records are valid.
import type { AnyRecordSchema } from '../../../src/codec/types.js';
import type { FanotifyGroup, LiveEvent } from '../../../src/entries/live.js';
import { loadNativeBinding } from '../../../src/live/native/index.js';

/** A record as the codec's plain object (bytes copied). */
export type RecordSnapshot = { type: string; [field: string]: unknown };

/** What an event looked like during its step. */
export interface Snapshot {
  readonly mask: bigint;
  readonly maskNames: string[];
  readonly fd: number;
  readonly pid: number;
  readonly pidfd: number | undefined;
  readonly fdError: string | undefined;
  readonly pidfdError: string | undefined;
  readonly records: RecordSnapshot[];
  /** `event.path()`, or the error message it threw. */
  readonly path: string | undefined;
  readonly pathError: string | undefined;
  readonly isPermission: boolean;
  readonly isOverflow: boolean;
}

/** Takes a snapshot of `event` (call during its step). */
export function snapshot(event: LiveEvent<AnyRecordSchema>, options: { path?: boolean } = {}): Snapshot {
  let path: string | undefined;
  let pathError: string | undefined;
  if (options.path !== false) {
    try {
      path = event.path();
    } catch (error) {
      pathError = error instanceof Error ? error.message : String(error);
    }
  }
  return {
    mask: event.mask,
    maskNames: event.maskNames,
    fd: event.fd,
    pid: event.pid,
    pidfd: event.pidfd,
    fdError: event.fdError,
    pidfdError: event.pidfdError,
    records: event.toObject().info as RecordSnapshot[],
    path,
    pathError,
    isPermission: event.isPermission,
    isOverflow: event.isOverflow,
  };
}

/**
 * Reads every queued event (until a read finds the queue empty) and snapshots each; `onEvent`
 * runs inside the step (e.g. to respond or take fds).
 */
export async function drain<R extends AnyRecordSchema>(
  group: FanotifyGroup<R>,
  onEvent?: (event: LiveEvent<R>) => void,
  options: { path?: boolean } = {},
): Promise<Snapshot[]> {
  const out: Snapshot[] = [];
  for await (const event of group.events({ untilDrained: AbortSignal.abort() })) {
    out.push(snapshot(event as LiveEvent<AnyRecordSchema>, options));
    onEvent?.(event);
  }
  return out;
}

/** Reads events until `done(snapshots)` holds, failing after `timeoutMs` instead of hanging. */
export async function collectUntil<R extends AnyRecordSchema>(
  group: FanotifyGroup<R>,
  done: (events: readonly Snapshot[]) => boolean,
  onEvent?: (event: LiveEvent<R>) => void,
  timeoutMs = 20_000,
): Promise<Snapshot[]> {
  const out: Snapshot[] = [];
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    for await (const event of group.events({ signal })) {
      out.push(snapshot(event as LiveEvent<AnyRecordSchema>, { path: false }));
      onEvent?.(event);
      if (done(out)) break;
    }
  } catch (error) {
    if (signal.aborted) throw new Error(`expected events did not arrive within ${timeoutMs} ms; got ${JSON.stringify(out.map((e) => e.maskNames))}`);
    throw error;
  }
  return out;
}

/** The handle the kernel reports for `path` (name_to_handle_at with AT_HANDLE_FID), as hex. */
export function handleHex(path: string): string {
  const binding = loadNativeBinding();
  const handle = binding.nameToHandleAt(binding.constants.AT_FDCWD, path, binding.constants.AT_HANDLE_FID);
  if (typeof handle === 'number') throw new Error(`name_to_handle_at(${path}) failed with ${handle}`);
  return Buffer.from(handle.handle).toString('hex');
}

/** statfs(path).f_fsid as the two words fid records carry. */
export function fsidOf(path: string): [number, number] {
  const fsid = loadNativeBinding().statfsFsid(path);
  if (typeof fsid === 'number') throw new Error(`statfs(${path}) failed with ${fsid}`);
  return fsid;
}

/** A compact view of a snapshot's records: `type:name:handle-hex`. */
export function recordSummary(records: readonly RecordSnapshot[]): string[] {
  return records.map((r) => {
    const name = r['name'] instanceof Uint8Array ? Buffer.from(r['name']).toString() : '';
    const handle = r['f_handle'] instanceof Uint8Array ? Buffer.from(r['f_handle']).toString('hex') : '';
    return [r.type, name, handle].join(':');
  });
}
