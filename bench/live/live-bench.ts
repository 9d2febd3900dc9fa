/**
 * Live throughput (root only): the same storm on a private tmpfs, read once by the C reader, once
 * by the package's per-event consumer, once by its batch consumer reading through views and once
 * by the batch consumer reading with a walker (bench/live/js-consumer.ts) per repetition (the
 * starting reader rotated). Per run: events read, overflow events, and the reader's rate =
 * events / (the moment it had handled its last read - storm start), both CLOCK_MONOTONIC, so a
 * reader that lags (or loses events to overflow) shows a lower rate; and its drain time (the same
 * interval), which compares readers that read different numbers of events (a lagging reader
 * lets the kernel merge more). CPU per event = the reader process's user+system time / events.
 * Events hide merging: the kernel merges an event into a queued one with the same object, name
 * and pid (mask bits OR-ed), and a reader that reads later leaves more to merge. So every reader
 * also counts the operations its events report (popcount(mask & STORM_OPS), see setup.ts), which
 * merging keeps — unless it merges two of the same bit: a CREATE|DELETE event of a name still
 * queued when the same process reuses the name 512 files later absorbs the new pair. Those are
 * counted as lost ops = the storm's own count (bench/c/storm.c `ops`) - the reader's.
 * CPU busy = the share of all CPUs not idle while the storm ran (/proc/stat): the targets count
 * only in runs where the storm saturates the machine.
 *
 * Profiling: BENCH_LIVE_JS_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" passes node options to the
 * JavaScript consumer's processes only (NODE_OPTIONS refuses --cpu-prof).
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { createInterface } from 'node:readline';
import { maskNames } from '../../src/index.js';
import { BUILT_ENTRY } from '../paths.js';
import { median } from '../timing.js';
import type { JsReaderSetup } from './js-consumer.js';
import { liveSetup, readerArgs, STORM_OPS, type LiveSetup, type ReaderReport } from './setup.js';
import { withTmpfs } from './tmpfs.js';

/** What the ops columns count, for the bench's METHOD notes. */
export const LIVE_OPS_METHOD =
  `each reader also sums popcount(mask & (${maskNames(STORM_OPS).join('|')})) over its events: the storm's four operation kinds, which a merged event keeps as OR-ed bits, ` +
  'so ops/run and ops/s = ops / drain do not depend on how much the kernel merged; x C compares them. ' +
  "Merging drops an operation only when its bit is set already (fanotify_should_merge keys on directory handle, name, pid and, for MODIFY and CLOSE_WRITE, the file's own handle, new per file): " +
  "a process's CREATE|DELETE event of a name absorbs the create+unlink of that name 512 files later if it is still unread. " +
  "lost ops = storm ops (storm.c: 4 per file, plus mkdir and rmdir per process) - the reader's ops: those merges, plus any overflow loss. A diagnostic: the live targets stay on events/s.";

export interface LiveConfig {
  readonly procs: number;
  readonly iterations: number;
  readonly reps: number;
  readonly bufSize: number;
}

/** The readers: the C reader, the per-event API, the batch API, and the batch API with a walker. */
export const LIVE_READER_IDS = ['c', 'js', 'js-batch', 'js-walk'] as const;
export type LiveReaderId = (typeof LIVE_READER_IDS)[number];

export interface LiveRow {
  readonly reader: LiveReaderId;
  readonly label: string;
  readonly runs: number;
  readonly eventsPerSec: number;
  readonly cpuNsPerEvent: number;
  /** Median events read per run. */
  readonly events: number;
  /** Median operations reported per run (the sum of popcount(mask & STORM_OPS) over the events read). */
  readonly ops: number;
  /** Median of ops / drain time: the operations handled per second, however merged. */
  readonly opsPerSec: number;
  /** Median operations per run that the storm made (what an unmerged queue would report). */
  readonly stormOps: number;
  /** Median per run of the storm's ops - the reader's: same-bit merges (and overflow losses). */
  readonly lostOps: number;
  /** Median events per read() (small when the reader keeps up: it is then syscall-bound). */
  readonly eventsPerRead: number;
  /** Overflow events over all runs. */
  readonly overflows: number;
  /** Median ms from storm start until the reader had handled everything it read. */
  readonly drainMs: number;
  /** Median ms the storm itself took (all its processes done) in this reader's runs. */
  readonly stormMs: number;
  /** Median share of all CPUs busy (not idle, from /proc/stat) while the storm ran: ≈1 when it saturates them. */
  readonly cpuBusy: number;
  readonly error?: string;
}

export interface LiveResult {
  readonly status: 'ok' | 'skipped';
  readonly detail: string;
  readonly rows: readonly LiveRow[];
}

interface Run {
  readonly report: ReaderReport;
  /** The operations the storm made (its `ops`). */
  readonly stormOps: number;
  readonly stormStartNs: number;
  readonly stormNs: number;
  readonly cpuBusy: number;
}

interface Reader {
  readonly reader: LiveReaderId;
  readonly label: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly runs: Run[];
  error?: string;
}

/** Busy and total CPU time of all CPUs so far (the first line of /proc/stat, in clock ticks). */
function cpuTicks(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  // idle + iowait are not busy.
  return { busy: total - (fields[3] ?? 0) - (fields[4] ?? 0), total };
}

const TIMEOUT_MS = 120_000;

/** One storm against one reader. */
async function runOnce(reader: Reader, storm: string, setup: LiveSetup, cfg: LiveConfig): Promise<Run> {
  const child = spawn(reader.command, reader.args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
  try {
    const lines = createInterface({ input: child.stdout });
    const iterator = lines[Symbol.asyncIterator]();
    const first = await iterator.next();
    if (first.done || first.value !== 'ready') throw new Error(`${reader.label} did not start: ${String(first.value ?? '')} ${stderr.trim()}`);
    const ticks0 = cpuTicks();
    const out = spawnSync(storm, [setup.dir, String(cfg.procs), String(cfg.iterations)], { encoding: 'utf8' });
    const ticks1 = cpuTicks();
    const cpuBusy = (ticks1.busy - ticks0.busy) / Math.max(1, ticks1.total - ticks0.total);
    if (out.status !== 0) throw new Error(`storm failed: ${out.stderr.trim()}`);
    const stormReport = JSON.parse(out.stdout.trim()) as { ops: number; startNs: number; ns: number };
    child.stdin.end();
    const last = await iterator.next();
    const code = await exited;
    if (code !== 0 || last.done) throw new Error(`${reader.label} exited with ${String(code)}: ${stderr.trim().split('\n').slice(-3).join(' ')}`);
    const report = JSON.parse(last.value) as ReaderReport;
    checkOps(reader.label, report, stormReport.ops);
    return { report, stormOps: stormReport.ops, stormStartNs: stormReport.startNs, stormNs: stormReport.ns, cpuBusy };
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

/**
 * Refuses an impossible operation count: each event other than an overflow reports one to four
 * of the storm's operations (the mark asks for nothing else), and no reader sees more than the storm made.
 */
function checkOps(label: string, report: ReaderReport, stormOps: number): void {
  const events = report.events - report.overflows;
  if (report.ops < events || report.ops > 4 * events || report.ops > stormOps) {
    throw new Error(`${label} counted ${report.ops} operations in ${events} events, the storm made ${stormOps}`);
  }
}

/** Per second from storm start until the reader had handled its last read (0 if it read nothing). */
function perSecond(n: number, { report, stormStartNs }: Run): number {
  return report.lastNs > stormStartNs ? (n / (report.lastNs - stormStartNs)) * 1e9 : 0;
}

function summarize(r: Reader): LiveRow {
  // The median over the reader's runs of `f`, NaN when it has none.
  const med = (f: (run: Run) => number): number => (r.runs.length ? median(r.runs.map(f)) : NaN);
  return {
    reader: r.reader,
    label: r.label,
    runs: r.runs.length,
    eventsPerSec: med((run) => perSecond(run.report.events, run)),
    cpuNsPerEvent: med(({ report }) => report.cpuNs / Math.max(1, report.events)),
    events: med(({ report }) => report.events),
    ops: med(({ report }) => report.ops),
    opsPerSec: med((run) => perSecond(run.report.ops, run)),
    stormOps: med(({ stormOps }) => stormOps),
    lostOps: med(({ report, stormOps }) => stormOps - report.ops),
    eventsPerRead: med(({ report }) => report.events / Math.max(1, report.reads)),
    overflows: r.runs.reduce((n, { report }) => n + report.overflows, 0),
    drainMs: med(({ report, stormStartNs }) => (report.lastNs - stormStartNs) / 1e6),
    stormMs: med(({ stormNs }) => stormNs / 1e6),
    cpuBusy: med(({ cpuBusy }) => cpuBusy),
    ...(r.error !== undefined ? { error: r.error } : {}),
  };
}

/** A JavaScript reader: this bench's entry as a child running one of the package's consumers. */
function jsReader(reader: LiveReaderId, label: string, setup: JsReaderSetup): Reader {
  const nodeArgs = process.env['BENCH_LIVE_JS_NODE_ARGS']?.split(' ').filter(Boolean) ?? [];
  return { reader, label, command: process.execPath, args: [...nodeArgs, BUILT_ENTRY, '--child', 'live-js', '--setup', JSON.stringify(setup)], runs: [] };
}

export async function benchLive(cfg: LiveConfig, cReader: string | undefined, storm: string | undefined): Promise<LiveResult> {
  if (process.getuid?.() !== 0) return { status: 'skipped', detail: 'live: skipped (needs root for fanotify and the tmpfs mount)', rows: [] };
  if (!cReader || !storm) return { status: 'skipped', detail: 'live: skipped (the C reader or storm did not compile)', rows: [] };
  return withTmpfs(os.tmpdir(), async (dir) => {
    const setup = liveSetup(dir, cfg.bufSize);
    const readers: Reader[] = [{ reader: 'c', label: 'C reader (poll + read)', command: cReader, args: readerArgs(setup), runs: [] }];
    readers.push(jsReader('js', 'fanotify-codec per event: for await (event of group.events()), every field via event.view', { ...setup, consumer: 'events' }));
    readers.push(jsReader('js-batch', 'fanotify-codec batches: for await (batch of group.batches()) for (event of batch), every field via event.view', { ...setup, consumer: 'batches' }));
    readers.push(jsReader('js-walk', 'fanotify-codec batches + walker: for await (batch of group.batches()) walker.walk(batch.bytes()), every field', { ...setup, consumer: 'walk' }));
    for (let rep = 0; rep < cfg.reps; rep++) {
      // Each reader starts a repetition in turn (a warmer page cache must not favour one).
      const order = [...readers.slice(rep % readers.length), ...readers.slice(0, rep % readers.length)];
      for (const r of order) {
        if (r.error) continue;
        try {
          r.runs.push(await runOnce(r, storm, setup, cfg));
        } catch (error) {
          r.error = (error as Error).message;
        }
      }
    }
    const detail = `storm: ${cfg.procs} processes x ${cfg.iterations} create/write/close/unlink on a private tmpfs; group FAN_CLASS_NOTIF|FAN_REPORT_DFID_NAME|FAN_REPORT_FID, filesystem mark, ${cfg.bufSize}-byte reads, default queue (16384); ${os.cpus().length} CPUs shared by the storm and the reader (CPU busy = share of all CPUs not idle while the storm ran, whatever ran: 1.00 = saturated)`;
    return { status: 'ok', detail, rows: readers.map(summarize) };
  });
}
