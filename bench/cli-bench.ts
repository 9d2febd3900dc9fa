/**
 * Issue 10 part 4: the CLI at I/O speed. `decode` (JSON Lines), `stats` and `normalize` run on
 * the main bench stream, each in its own process with stdout on /dev/null, next to
 * `cat FILE > /dev/null` on the same file in the same run (the I/O limit). The process is the
 * shipped CLI, `node dist/cli.cjs` (the bin; `npm run build` first; built here if missing), so rates
 * are over what `time fanotify-codec …` shows, node start-up included; a preloaded script
 * (bench/cli-timing.cjs) reports the time from loading the CLI to exit and the CPU time.
 * Start-up alone is `fanotify-codec --version`, next to `node -e 0`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BENCH_DIR, ROOT } from './paths.js';
import { median, nowNs } from './timing.js';

export interface CliConfig {
  readonly warmup: number;
  /** Runs per row, at least. */
  readonly reps: number;
  /**
   * A row runs again, up to `maxReps` times, until its runs span this long (ns): on this host a
   * slow spell can last a second, which three runs of a 0.2 s command fall into whole, and the
   * median of runs spread over a few seconds does not.
   */
  readonly spanNs: number;
  readonly maxReps: number;
}

export interface CliRow {
  readonly id: string;
  readonly label: string;
  /** Median wall time of the whole process, ns. */
  readonly processNs: number;
  /** Median time from loading the CLI's main module to exit (node's own start-up excluded), ns; undefined for cat. */
  readonly commandNs: number | undefined;
  /** Median CPU time (user + system) of the whole node process, ns; undefined for cat. On a loaded machine it moves less than wall time. */
  readonly cpuNs: number | undefined;
  /** Events per second of process time. */
  readonly eventsPerSec: number;
  /** Input MB (10^6 B) per second of process time. */
  readonly mbPerSec: number;
  readonly reps: number;
  readonly error?: string;
}

export interface CliResult {
  readonly file: string;
  readonly bytes: number;
  readonly events: number;
  /** Events `stats --json` counted: must equal `events` (a correctness check of the run). */
  readonly statsEvents: number | undefined;
  /** Median wall time of `fanotify-codec --version` (start-up and loading the CLI), ns. */
  readonly startupNs: number;
  /** Median wall time of `node -e 0` (node's own start-up), ns. */
  readonly nodeNs: number;
  readonly rows: readonly CliRow[];
}

/** The timed commands: id, label and arguments (the input file is appended). */
const COMMANDS: readonly { id: string; label: string; args: readonly string[] }[] = [
  { id: 'cli-decode', label: 'fanotify-codec decode FILE > /dev/null (JSON Lines)', args: ['decode', '--no-summary'] },
  { id: 'cli-stats', label: 'fanotify-codec stats FILE > /dev/null', args: ['stats'] },
  { id: 'cli-normalize', label: 'fanotify-codec normalize FILE > /dev/null', args: ['normalize'] },
];

/** Row ids, in table order (the smoke check expects each). */
export const CLI_ROW_IDS = ['cat', ...COMMANDS.map((c) => c.id)] as const;

const MARK = 'CLI_COMMAND_NS ';
const CPU_MARK = 'CLI_CPU_NS ';

/** The built CLI the rows run: the package's bin (dist/cli.cjs), what an installed `fanotify-codec` runs. */
const CLI = path.join(ROOT, (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin['fanotify-codec']!);
/** The node arguments that run the CLI with the timing script preloaded. */
const CLI_ARGS = ['--require', path.join(BENCH_DIR, 'cli-timing.cjs'), CLI];

interface OneRun {
  readonly processNs: number;
  readonly commandNs: number | undefined;
  readonly cpuNs: number | undefined;
  readonly error?: string;
}

function runOnce(command: string, args: readonly string[]): OneRun {
  const devNull = openSync('/dev/null', 'w');
  try {
    const started = nowNs();
    const r = spawnSync(command, args, { stdio: ['ignore', devNull, 'pipe'], encoding: 'utf8', maxBuffer: 16 << 20 });
    const processNs = nowNs() - started;
    const marked = (m: string): number | undefined => {
      const line = r.stderr.split('\n').find((l) => l.startsWith(m));
      return line === undefined ? undefined : Number(line.slice(m.length));
    };
    const error = r.error ? r.error.message : r.status !== 0 ? `exit ${String(r.status)}: ${r.stderr.trim().split('\n')[0] ?? ''}` : undefined;
    return { processNs, commandNs: marked(MARK), cpuNs: marked(CPU_MARK), ...(error ? { error } : {}) };
  } finally {
    closeSync(devNull);
  }
}

function timeRow(id: string, label: string, command: string, args: readonly string[], data: { bytes: number; events: number }, cfg: CliConfig, between: () => void): CliRow {
  for (let i = 0; i < cfg.warmup; i++) runOnce(command, args);
  const runs: OneRun[] = [];
  const started = nowNs();
  between();
  while (runs.length < cfg.reps || (runs.length < cfg.maxReps && nowNs() - started < cfg.spanNs)) {
    runs.push(runOnce(command, args));
    between();
  }
  const failed = runs.find((r) => r.error);
  const processNs = median(runs.map((r) => r.processNs));
  const medianOf = (values: (number | undefined)[]): number | undefined => {
    const known = values.filter((n): n is number => n !== undefined);
    return known.length ? median(known) : undefined;
  };
  return {
    id,
    label,
    processNs,
    commandNs: medianOf(runs.map((r) => r.commandNs)),
    cpuNs: medianOf(runs.map((r) => r.cpuNs)),
    eventsPerSec: data.events / (processNs / 1e9),
    mbPerSec: data.bytes / 1e6 / (processNs / 1e9),
    reps: runs.length,
    ...(failed ? { error: failed.error } : {}),
  };
}

/** Events that `stats --json` counts in `file` (run once, untimed). */
function statsEvents(file: string): number | undefined {
  const r = spawnSync(process.execPath, [CLI, 'stats', '--json', file], { encoding: 'utf8', maxBuffer: 64 << 20 });
  try {
    return (JSON.parse(r.stdout) as { events?: number }).events;
  } catch {
    return undefined;
  }
}

/** Median wall time of a short process (start-up figures), ns. */
function startupOf(args: readonly string[], cfg: CliConfig): number {
  for (let i = 0; i < cfg.warmup; i++) runOnce(process.execPath, args);
  return median(Array.from({ length: Math.max(5, cfg.reps) }, () => runOnce(process.execPath, args).processNs));
}

/** Times cat and the CLI commands on `file` (`events` events, `bytes` bytes); the repetitions interleave nothing: each row runs its own. */
export function benchCli(file: string, data: { bytes: number; events: number }, cfg: CliConfig, between: () => void = () => {}): CliResult {
  // A fresh checkout has no dist/ yet (the CI smoke check): build it once. Otherwise the rows
  // time the dist/ there is, so build after changing the sources.
  if (!existsSync(CLI)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  const rows = [timeRow('cat', 'cat FILE > /dev/null (the I/O limit)', 'cat', [file], data, cfg, between)];
  for (const c of COMMANDS) rows.push(timeRow(c.id, c.label, process.execPath, [...CLI_ARGS, ...c.args, file], data, cfg, between));
  return { file, bytes: data.bytes, events: data.events, statsEvents: statsEvents(file), startupNs: startupOf([CLI, '--version'], cfg), nodeNs: startupOf(['-e', '0'], cfg), rows };
}

function rate(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k` : n.toFixed(0);
}

/** The CLI table (events/s and MB/s of process time; x cat = MB/s against cat's). */
export function renderCli(r: CliResult): string {
  const cat = r.rows.find((x) => x.id === 'cat');
  const header = ['command', 'events/s', 'MB/s', 'x cat', 'process ms', 'in CLI ms', 'CPU ms', 'events/CPU-s', 'reps', 'what'];
  const cells = r.rows.map((x) => [
    x.id,
    rate(x.eventsPerSec),
    x.mbPerSec.toFixed(1),
    cat ? `${(x.mbPerSec / cat.mbPerSec).toPrecision(2)}x` : '-',
    (x.processNs / 1e6).toFixed(0),
    x.commandNs === undefined ? '-' : (x.commandNs / 1e6).toFixed(0),
    x.cpuNs === undefined ? '-' : (x.cpuNs / 1e6).toFixed(0),
    x.cpuNs === undefined ? '-' : rate(r.events / (x.cpuNs / 1e9)),
    String(x.reps),
    x.error ? `${x.label} (ERROR: ${x.error})` : x.label,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]): string => c.map((v, i) => (i === c.length - 1 ? v : i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
  const check = r.statsEvents === r.events ? `stats --json counted all ${r.events} events` : `STATS MISCOUNT: stats --json counted ${String(r.statsEvents)} of ${r.events} events`;
  return [
    `CLI (node ${path.relative(ROOT, CLI)}, the package's bin, one process per run, stdout on /dev/null, median of each row's runs (reps); rates over the whole process, node start-up included; in CLI ms = from loading the CLI to exit; CPU = user+system of the node process, which a loaded machine inflates less than wall time)`,
    `${r.file}: ${r.events} events, ${r.bytes} B; ${check}`,
    `start-up: fanotify-codec --version ${(r.startupNs / 1e6).toFixed(0)} ms, node -e 0 ${(r.nodeNs / 1e6).toFixed(0)} ms`,
    line(header),
    ...cells.map(line),
  ].join('\n');
}
