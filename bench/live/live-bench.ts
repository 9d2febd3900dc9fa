/**
 * Live throughput (root only): the same storm on a private tmpfs, read once by the C reader and
 * once by the package's live consumer (bench/live/js-consumer.ts) per repetition (alternating,
 * starting reader rotated). Per run: events read, overflow events, and the reader's rate =
 * events / (the moment it had handled its last read - storm start), both CLOCK_MONOTONIC, so a
 * reader that lags (or loses events to overflow) shows a lower rate; and its drain time (the same
 * interval), which compares readers that read different numbers of events (a lagging reader
 * lets the kernel merge more). CPU per event = the reader process's user+system time / events.
 *
 * Profiling: BENCH_LIVE_JS_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" passes node options to the
 * JavaScript consumer's processes only (NODE_OPTIONS refuses --cpu-prof).
 */
import { spawn, spawnSync } from 'node:child_process';
import os from 'node:os';
import { createInterface } from 'node:readline';
import { BUILT_ENTRY } from '../paths.js';
import { median } from '../timing.js';
import { liveSetup, readerArgs, type LiveSetup, type ReaderReport } from './setup.js';
import { withTmpfs } from './tmpfs.js';

export interface LiveConfig {
  readonly procs: number;
  readonly iterations: number;
  readonly reps: number;
  readonly bufSize: number;
}

export interface LiveRow {
  readonly reader: 'c' | 'js';
  readonly label: string;
  readonly runs: number;
  readonly eventsPerSec: number;
  readonly cpuNsPerEvent: number;
  /** Median events read per run. */
  readonly events: number;
  /** Median events per read() (small when the reader keeps up: it is then syscall-bound). */
  readonly eventsPerRead: number;
  /** Overflow events over all runs. */
  readonly overflows: number;
  /** Median ms from storm start until the reader had handled everything it read. */
  readonly drainMs: number;
  /** Median ms the storm itself took (all its processes done) in this reader's runs. */
  readonly stormMs: number;
  readonly error?: string;
}

export interface LiveResult {
  readonly status: 'ok' | 'skipped';
  readonly detail: string;
  readonly rows: readonly LiveRow[];
}

interface Reader {
  readonly reader: 'c' | 'js';
  readonly label: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly runs: { report: ReaderReport; stormStartNs: number; stormNs: number }[];
  error?: string;
}

const TIMEOUT_MS = 120_000;

/** One storm against one reader. */
async function runOnce(reader: Reader, storm: string, setup: LiveSetup, cfg: LiveConfig): Promise<{ report: ReaderReport; stormStartNs: number; stormNs: number }> {
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
    const out = spawnSync(storm, [setup.dir, String(cfg.procs), String(cfg.iterations)], { encoding: 'utf8' });
    if (out.status !== 0) throw new Error(`storm failed: ${out.stderr.trim()}`);
    const stormReport = JSON.parse(out.stdout.trim()) as { startNs: number; ns: number };
    child.stdin.end();
    const last = await iterator.next();
    const code = await exited;
    if (code !== 0 || last.done) throw new Error(`${reader.label} exited with ${String(code)}: ${stderr.trim().split('\n').slice(-3).join(' ')}`);
    return { report: JSON.parse(last.value) as ReaderReport, stormStartNs: stormReport.startNs, stormNs: stormReport.ns };
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

function summarize(r: Reader): LiveRow {
  const rates = r.runs.map(({ report, stormStartNs }) => (report.lastNs > stormStartNs ? (report.events / (report.lastNs - stormStartNs)) * 1e9 : 0));
  return {
    reader: r.reader,
    label: r.label,
    runs: r.runs.length,
    eventsPerSec: r.runs.length ? median(rates) : NaN,
    cpuNsPerEvent: r.runs.length ? median(r.runs.map(({ report }) => report.cpuNs / Math.max(1, report.events))) : NaN,
    events: r.runs.length ? median(r.runs.map(({ report }) => report.events)) : NaN,
    eventsPerRead: r.runs.length ? median(r.runs.map(({ report }) => report.events / Math.max(1, report.reads))) : NaN,
    overflows: r.runs.reduce((n, { report }) => n + report.overflows, 0),
    drainMs: r.runs.length ? median(r.runs.map(({ report, stormStartNs }) => (report.lastNs - stormStartNs) / 1e6)) : NaN,
    stormMs: r.runs.length ? median(r.runs.map(({ stormNs }) => stormNs / 1e6)) : NaN,
    ...(r.error !== undefined ? { error: r.error } : {}),
  };
}

export async function benchLive(cfg: LiveConfig, cReader: string | undefined, storm: string | undefined): Promise<LiveResult> {
  if (process.getuid?.() !== 0) return { status: 'skipped', detail: 'live: skipped (needs root for fanotify and the tmpfs mount)', rows: [] };
  if (!cReader || !storm) return { status: 'skipped', detail: 'live: skipped (the C reader or storm did not compile)', rows: [] };
  return withTmpfs(os.tmpdir(), async (dir) => {
    const setup = liveSetup(dir, cfg.bufSize);
    const readers: Reader[] = [{ reader: 'c', label: 'C reader (poll + read)', command: cReader, args: readerArgs(setup), runs: [] }];
    const js: Reader = {
      reader: 'js',
      label: 'fanotify-codec openGroup + for await, every field via event.view',
      command: process.execPath,
      args: [...(process.env['BENCH_LIVE_JS_NODE_ARGS']?.split(' ').filter(Boolean) ?? []), BUILT_ENTRY, '--child', 'live-js', '--setup', JSON.stringify(setup)],
      runs: [],
    };
    readers.push(js);
    for (let rep = 0; rep < cfg.reps; rep++) {
      const order = rep % 2 === 0 ? readers : [...readers].reverse();
      for (const r of order) {
        if (r.error) continue;
        try {
          r.runs.push(await runOnce(r, storm, setup, cfg));
        } catch (error) {
          r.error = (error as Error).message;
        }
      }
    }
    const detail = `storm: ${cfg.procs} processes x ${cfg.iterations} create/write/close/unlink on a private tmpfs; group FAN_CLASS_NOTIF|FAN_REPORT_DFID_NAME|FAN_REPORT_FID, filesystem mark, ${cfg.bufSize}-byte reads, default queue (16384); ${os.cpus().length} CPUs shared by the storm and the reader`;
    return { status: 'ok', detail, rows: readers.map(summarize) };
  });
}
