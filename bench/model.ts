/**
 * Kernel-model producer throughput: how fast the model (src/model, through the package's public
 * API) turns file operations into the bytes read() would return.
 *
 * Workload (deterministic, from a seeded PRNG): an ext4 filesystem at /mnt with 64 directories
 * of 32 files each (created before the clock starts, without events), 32 processes taking turns,
 * and `ops` file operations — write_file (open+write+close), open/read/close (three operations),
 * chmod, touch, mknod, unlink, rename, mkdir, rmdir — across those files and the processes' own
 * temporary ones. A listener process holds one group with a filesystem mark on /mnt and reads
 * with a 64 KiB buffer until EAGAIN after every 64 operations, and at the end, as a consumer
 * keeping up would (so the queue never overflows, and events merge only within those windows,
 * as they would in the kernel's queue).
 *
 * Rows: the same operations for a FAN_REPORT_FID group and for a FAN_REPORT_DFID_NAME|FID group
 * (with FAN_RENAME too) driven through `KernelModel` directly, and the FID workload as a
 * `Scenario` object through `runScenario` (validation and bookkeeping of every step included).
 * Events are counted from the bytes the reads return (walking event_len; cross-checked against
 * the model's own list of events). Timed: from the first operation to the last read, per run;
 * setup is not timed. Warm-up runs, then `reps` runs, median reported.
 */
import {
  FAN_ACCESS,
  FAN_ATTRIB,
  FAN_CLASS_NOTIF,
  FAN_CLOSE_NOWRITE,
  FAN_CLOSE_WRITE,
  FAN_CREATE,
  FAN_DELETE,
  FAN_DELETE_SELF,
  FAN_MARK_ADD,
  FAN_MARK_FILESYSTEM,
  FAN_MODIFY,
  FAN_MOVE_SELF,
  FAN_MOVED_FROM,
  FAN_MOVED_TO,
  FAN_NONBLOCK,
  FAN_ONDIR,
  FAN_OPEN,
  FAN_Q_OVERFLOW,
  FAN_RENAME,
  FAN_REPORT_DFID_NAME,
  FAN_REPORT_FID,
} from '../src/index.js';
import { KernelModel, runScenario, type Operation, type Scenario, type ScenarioObject, type ScenarioStep } from '../src/entries/model.js';
import { Prng } from './prng.js';
import { median, nowNs, settle } from './timing.js';

export interface ModelConfig {
  /** File operations per run (each open, read, close, write_file, chmod… counts as one). */
  readonly ops: number;
  readonly warmup: number;
  readonly reps: number;
}

export interface ModelRow {
  readonly id: 'fid' | 'dfid_name' | 'scenario-fid';
  readonly label: string;
  readonly ops: number;
  /** Events read per run (the same in every run: the workload is deterministic). */
  readonly events: number;
  readonly bytes: number;
  readonly reads: number;
  readonly overflows: number;
  readonly medianNs: number;
  readonly reps: number;
  readonly eventsPerSec: number;
  readonly mbPerSec: number;
  readonly opsPerSec: number;
  readonly error?: string;
}

export interface ModelResult {
  readonly status: 'ok' | 'failed';
  /** The FAN_REPORT_FID row's rate (the headline figure). */
  readonly eventsPerSec?: number;
  readonly detail: string;
  readonly rows: readonly ModelRow[];
}

const DIRS = 64;
const FILES_PER_DIR = 32;
const PROCESSES = 32;
const READ_EVERY = 64;
const READ_BYTES = 64 * 1024;
const LISTENER_PID = 1000;
const FIRST_PID = 2000;
const FSID: readonly [number, number] = [0x4d2a11c3, -0x1f00ba61];

const BASE_MASK = [FAN_ACCESS, FAN_MODIFY, FAN_ATTRIB, FAN_CLOSE_WRITE, FAN_CLOSE_NOWRITE, FAN_OPEN, FAN_MOVED_FROM, FAN_MOVED_TO, FAN_CREATE, FAN_DELETE, FAN_DELETE_SELF, FAN_MOVE_SELF, FAN_ONDIR].reduce((a, b) => a | b, 0n);

interface Variant {
  readonly id: 'fid' | 'dfid_name';
  readonly initFlags: number;
  readonly mask: bigint;
}

const VARIANTS: Readonly<Record<'fid' | 'dfid_name', Variant>> = {
  fid: { id: 'fid', initFlags: FAN_CLASS_NOTIF | FAN_REPORT_FID | FAN_NONBLOCK, mask: BASE_MASK },
  dfid_name: { id: 'dfid_name', initFlags: FAN_CLASS_NOTIF | FAN_REPORT_DFID_NAME | FAN_REPORT_FID | FAN_NONBLOCK, mask: BASE_MASK | FAN_RENAME },
};

/** One file operation of the workload, by process index. `openReadClose` is three operations. */
type Op =
  | { readonly p: number; readonly k: 'write_file'; readonly path: string }
  | { readonly p: number; readonly k: 'openReadClose'; readonly path: string }
  | { readonly p: number; readonly k: 'chmod' | 'touch' | 'mknod' | 'unlink' | 'mkdir' | 'rmdir'; readonly path: string }
  | { readonly p: number; readonly k: 'rename'; readonly path: string; readonly to: string };

const dir = (d: number): string => `/mnt/d${String(d).padStart(2, '0')}`;
const file = (d: number, f: number): string => `${dir(d)}/f${String(f).padStart(3, '0')}`;

/** The operations, generated before the clock starts. Returns them and how many file operations they are. */
export function makeWorkload(ops: number, seed = 6): { ops: Op[]; count: number } {
  const rng = new Prng(seed);
  const temps: string[][] = Array.from({ length: PROCESSES }, () => []);
  const subdirs: string[][] = Array.from({ length: PROCESSES }, () => []);
  const serial = new Array<number>(PROCESSES).fill(0);
  const out: Op[] = [];
  let count = 0;
  for (let i = 0; count < ops; i++) {
    const p = i % PROCESSES;
    const existing = (): string => file(rng.int(DIRS), rng.int(FILES_PER_DIR));
    const fresh = (kind: string): string => `${dir(rng.int(DIRS))}/${kind}-${p}-${(serial[p] = serial[p]! + 1)}`;
    const x = rng.int(100);
    let op: Op;
    if (x < 25) op = { p, k: 'write_file', path: existing() };
    else if (x < 40) op = { p, k: 'openReadClose', path: existing() };
    else if (x < 50) op = { p, k: 'chmod', path: existing() };
    else if (x < 55) op = { p, k: 'touch', path: existing() };
    else if (x < 70 || (x < 93 && temps[p]!.length === 0)) {
      const path = fresh('t');
      temps[p]!.push(path);
      op = { p, k: 'mknod', path };
    } else if (x < 85) op = { p, k: 'unlink', path: temps[p]!.splice(rng.int(temps[p]!.length), 1)[0]! };
    else if (x < 93) {
      const j = rng.int(temps[p]!.length);
      const to = fresh('r');
      op = { p, k: 'rename', path: temps[p]![j]!, to };
      temps[p]![j] = to;
    } else if (x < 97 || subdirs[p]!.length === 0) {
      const path = fresh('s');
      subdirs[p]!.push(path);
      op = { p, k: 'mkdir', path };
    } else op = { p, k: 'rmdir', path: subdirs[p]!.pop()! };
    out.push(op);
    count += op.k === 'openReadClose' ? 3 : 1;
  }
  return { ops: out, count };
}

/** What a run read. */
interface Tally {
  events: number;
  bytes: number;
  reads: number;
  overflows: number;
  /** Events as the model listed them (cross-check of the byte walk). */
  listed: number;
}

/** Counts the events in the bytes of one read by walking event_len (the stream is the model's). */
function countEvents(bytes: Uint8Array, tally: Tally): void {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let pos = 0; pos < bytes.length; ) {
    const len = dv.getUint32(pos, true);
    if (len < 24 || pos + len > bytes.length) throw new Error(`model read: bad event_len ${len} at ${pos}`);
    tally.events++;
    if ((dv.getBigUint64(pos + 8, true) & FAN_Q_OVERFLOW) !== 0n) tally.overflows++;
    pos += len;
  }
  tally.bytes += bytes.length;
  tally.reads++;
}

function fail(what: string, result: number): never {
  throw new Error(`model: ${what} returned ${result}`);
}

/** One run on a fresh KernelModel; returns the timed nanoseconds and what was read. */
function runDirect(variant: Variant, workload: readonly Op[]): { ns: number; tally: Tally } {
  const k = new KernelModel({ byteOrder: 'little' });
  k.addFilesystem('ext4', { type: 'ext4', fsid: FSID }, '/mnt');
  for (let d = 0; d < DIRS; d++) for (let f = 0; f < FILES_PER_DIR; f++) k.createObject(file(d, f), 'file', { size: 8192 });
  const listener = k.task(k.addProcess('listener', LISTENER_PID));
  const tasks = Array.from({ length: PROCESSES }, (_, i) => k.task(k.addProcess(`p${i}`, FIRST_PID + i)));
  const fd = k.fanotifyInit(listener, variant.initFlags, 0);
  if (fd < 0) fail('fanotify_init', fd);
  const marked = k.fanotifyMark(listener, fd, FAN_MARK_ADD | FAN_MARK_FILESYSTEM, variant.mask, { path: '/mnt' });
  if (marked < 0) fail('fanotify_mark', marked);

  const tally: Tally = { events: 0, bytes: 0, reads: 0, overflows: 0, listed: 0 };
  const drain = (): void => {
    for (;;) {
      const r = k.read(listener, fd, READ_BYTES);
      if (r.result < 0) {
        if (r.result !== -11) fail('read', r.result);
        return;
      }
      countEvents(r.bytes, tally);
      tally.listed += r.events.length;
    }
  };
  const run = (task: (typeof tasks)[number], op: Operation): number => {
    const outcome = k.run(task, op);
    if (outcome.status !== 'done' || outcome.result < 0) fail(`${op.op} ${JSON.stringify(op)}`, outcome.status === 'done' ? outcome.result : NaN);
    return outcome.result;
  };

  settle();
  const t0 = nowNs();
  for (let i = 0; i < workload.length; i++) {
    const op = workload[i]!;
    const task = tasks[op.p]!;
    switch (op.k) {
      case 'write_file':
        run(task, { op: 'write_file', path: op.path, count: 4096 });
        break;
      case 'openReadClose': {
        const f = run(task, { op: 'open', path: op.path });
        run(task, { op: 'read', fd: f, count: 4096 });
        run(task, { op: 'close', fd: f });
        break;
      }
      case 'rename':
        run(task, { op: 'rename', from: op.path, to: op.to });
        break;
      default:
        run(task, { op: op.k, path: op.path });
    }
    if (i % READ_EVERY === READ_EVERY - 1) drain();
  }
  drain();
  const ns = nowNs() - t0;
  if (tally.listed !== tally.events) throw new Error(`model: the reads' bytes hold ${tally.events} events, the model listed ${tally.listed}`);
  return { ns, tally };
}

/** The FID workload as a scenario: the same operations and reads, as JSON-able steps. */
export function workloadScenario(variant: Variant, workload: readonly Op[]): Scenario {
  const by = (p: number): string => `p${p}`;
  const steps: ScenarioStep[] = [
    { do: 'fanotify_init', by: 'listener', group: 'g', flags: variant.initFlags, expect: 'ok' },
    { do: 'fanotify_mark', by: 'listener', group: 'g', flags: FAN_MARK_ADD | FAN_MARK_FILESYSTEM, mask: `0x${variant.mask.toString(16)}`, path: '/mnt', expect: 0 },
  ];
  const read = (): void => {
    // A scenario has no loop: enough reads to drain what 64 operations can queue, the last ones EAGAIN.
    steps.push({ do: 'fanotify_read', by: 'listener', group: 'g', count: READ_BYTES }, { do: 'fanotify_read', by: 'listener', group: 'g', count: READ_BYTES, expect: 'EAGAIN' });
  };
  workload.forEach((op, i) => {
    const b = by(op.p);
    switch (op.k) {
      case 'write_file':
        steps.push({ do: 'write_file', by: b, path: op.path, count: 4096, expect: 0 });
        break;
      case 'openReadClose':
        steps.push({ do: 'open', by: b, path: op.path, as: `${b}-f`, expect: 'ok' }, { do: 'read', by: b, file: `${b}-f`, count: 4096, expect: 'ok' }, { do: 'close', by: b, file: `${b}-f`, expect: 0 });
        break;
      case 'rename':
        steps.push({ do: 'rename', by: b, from: op.path, to: op.to, expect: 0 });
        break;
      default:
        steps.push({ do: op.k, by: b, path: op.path, expect: 0 });
    }
    if (i % READ_EVERY === READ_EVERY - 1) read();
  });
  read();
  const tree: ScenarioObject[] = [];
  for (let d = 0; d < DIRS; d++) for (let f = 0; f < FILES_PER_DIR; f++) tree.push({ path: file(d, f), type: 'file', size: 8192 });
  return {
    byteOrder: 'little',
    filesystems: [{ name: 'ext4', type: 'ext4', mountAt: '/mnt', fsid: FSID }],
    tree,
    processes: [{ name: 'listener', pid: LISTENER_PID }, ...Array.from({ length: PROCESSES }, (_, i) => ({ name: by(i), pid: FIRST_PID + i }))],
    steps,
  };
}

/** One runScenario call, timed whole (validation, setup, every step). */
function runViaScenario(scenario: Scenario): { ns: number; tally: Tally } {
  settle();
  const t0 = nowNs();
  const result = runScenario(scenario);
  const ns = nowNs() - t0;
  if (result.failures.length > 0) {
    const f = result.failures[0]!;
    throw new Error(`scenario: ${result.failures.length} expectation(s) failed, first ${f.path}: expected ${f.expected}, got ${f.actual}`);
  }
  const tally: Tally = { events: 0, bytes: 0, reads: 0, overflows: 0, listed: 0 };
  for (const r of result.reads) {
    if (r.result <= 0) continue;
    countEvents(result.stream.subarray(r.offset, r.offset + r.length), tally);
    tally.listed += r.events;
  }
  if (tally.listed !== tally.events) throw new Error(`scenario: the stream holds ${tally.events} events, the reads listed ${tally.listed}`);
  // The scenario's reads are fixed steps: a drain that needed more reads than given would leave events queued.
  const last = result.reads.at(-1);
  if (!last || last.errno !== 'EAGAIN') throw new Error('scenario: the queue was not drained at the end');
  return { ns, tally };
}

function measure(id: ModelRow['id'], label: string, ops: number, cfg: ModelConfig, once: () => { ns: number; tally: Tally }): ModelRow {
  const times: number[] = [];
  let tally: Tally | undefined;
  try {
    for (let i = 0; i < cfg.warmup + cfg.reps; i++) {
      const r = once();
      if (tally && (r.tally.events !== tally.events || r.tally.bytes !== tally.bytes)) throw new Error('model: two runs of the same workload read different streams');
      tally = r.tally;
      if (i >= cfg.warmup) times.push(r.ns);
    }
  } catch (error) {
    return { id, label, ops, events: 0, bytes: 0, reads: 0, overflows: 0, medianNs: NaN, reps: 0, eventsPerSec: NaN, mbPerSec: NaN, opsPerSec: NaN, error: (error as Error).message };
  }
  const ns = median(times);
  const t = tally!;
  return {
    id,
    label,
    ops,
    events: t.events,
    bytes: t.bytes,
    reads: t.reads,
    overflows: t.overflows,
    medianNs: ns,
    reps: times.length,
    eventsPerSec: (t.events / ns) * 1e9,
    mbPerSec: (t.bytes / ns) * 1e3,
    opsPerSec: (ops / ns) * 1e9,
  };
}

const ROW_IDS = ['fid', 'dfid_name', 'scenario-fid'] as const;

/** Runs the rows `only` names (default all). */
export function benchModel(cfg: ModelConfig, only: readonly string[] = ROW_IDS): Promise<ModelResult> {
  const { ops: workload, count } = makeWorkload(cfg.ops);
  const rows: ModelRow[] = [];
  if (only.includes('fid')) rows.push(measure('fid', 'KernelModel, FAN_REPORT_FID, filesystem mark', count, cfg, () => runDirect(VARIANTS.fid, workload)));
  if (only.includes('dfid_name')) {
    rows.push(measure('dfid_name', 'KernelModel, FAN_REPORT_DFID_NAME|FID (+FAN_RENAME), filesystem mark', count, cfg, () => runDirect(VARIANTS.dfid_name, workload)));
  }
  if (only.includes('scenario-fid')) {
    const scenario = workloadScenario(VARIANTS.fid, workload);
    rows.push(measure('scenario-fid', 'runScenario, the FID workload as scenario steps (validation included)', count, cfg, () => runViaScenario(scenario)));
  }
  const fid = rows.find((r) => r.id === 'fid') ?? rows[0]!;
  const failed = rows.some((r) => r.error !== undefined);
  const detail =
    `${count} file operations by ${PROCESSES} processes over ${DIRS * FILES_PER_DIR} files in ${DIRS} directories (ext4 model) plus their temporaries; ` +
    `the listener reads 64 KiB until EAGAIN every ${READ_EVERY} operations; events counted from the bytes read; median of ${cfg.reps} after ${cfg.warmup} warm-up`;
  return Promise.resolve({ status: failed ? 'failed' : 'ok', ...(fid.error === undefined ? { eventsPerSec: fid.eventsPerSec } : {}), detail, rows });
}
