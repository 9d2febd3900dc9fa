/**
 * CI smoke check of the bench: builds it, runs `--quick`, and checks the output's shape — every
 * section and row present, every measured number finite and positive, every decoder's checksum
 * equal to the hand-written loop's (a correctness check of all decoders on the same bytes), and
 * the host-steadiness probes taken in every timed section.
 * It checks no speed: the figures of a shared CI machine mean nothing.
 * The live section, which cannot run without root, must say so.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ALLOC_IDS } from './alloc.js';
import { CLI_ROW_IDS } from './cli-bench.js';
import { DECODERS } from './decoders.js';
import { ROOT } from './paths.js';
import { LIVE_READER_IDS, type LiveRow } from './live/live-bench.js';
import type { BenchResults, DecodeRow } from './results.js';
import { SHAPES } from './shapes.js';
import { PROBED } from './steadiness.js';
import { evaluateTargets } from './targets.js';

export interface SmokeResult {
  /** Everything wrong with the run; empty when it passed. */
  readonly problems: string[];
  readonly stdout: string;
  readonly stderr: string;
  readonly results: BenchResults | undefined;
}

const SECTION_HEADERS = ['DECODE (', 'DECODE PER SHAPE', 'ALLOCATION', 'ENCODE', 'MODEL', 'LIVE', 'CLI (', 'HOST STEADINESS', 'TARGETS', 'METHOD'];
const FIXED_SHAPES: readonly string[] = ['metadata', 'pidfd', 'range', 'mnt'];
const MODEL_ROWS = ['fid', 'dfid_name', 'scenario-fid'] as const;

// JSON turns NaN into null, and null >= 0 is true: test the type first.
const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
const positive = (n: unknown): boolean => finite(n) && n > 0;
const nonNegative = (n: unknown): boolean => finite(n) && n >= 0;

function checkDecodeRows(where: string, rows: readonly DecodeRow[], problems: string[]): void {
  const ids = rows.map((r) => r.id);
  for (const d of [...DECODERS.map((x) => x.id), 'c' as const]) if (!ids.includes(d)) problems.push(`${where}: no row for ${d}`);
  const ref = rows.find((r) => r.id === 'hand-written')?.checksum;
  for (const r of rows) {
    if (r.error) problems.push(`${where}: ${r.id} failed: ${r.error}`);
    if (!positive(r.eventsPerSec) || !positive(r.mbPerSec) || !positive(r.medianNs) || !positive(r.sample)) problems.push(`${where}: ${r.id} has a non-positive or non-finite figure`);
    if (!ref || r.checksum !== ref) problems.push(`${where}: ${r.id} checksum ${r.checksum} differs from the hand-written loop's ${String(ref)}`);
  }
}

/** The CLI rows: each present, finite, without error, and stats counted every event. */
function checkCli(r: BenchResults, rowPresent: (id: string) => boolean, problems: string[]): void {
  if (!r.cli) return void problems.push('no cli results');
  if (r.cli.statsEvents !== r.cli.events) problems.push(`cli: stats --json counted ${String(r.cli.statsEvents)} events, the stream has ${r.cli.events}`);
  for (const id of CLI_ROW_IDS) {
    const row = r.cli.rows.find((x) => x.id === id);
    if (!row) problems.push(`cli: no row for ${id}`);
    else if (row.error) problems.push(`cli ${id}: ${row.error}`);
    else if (!positive(row.eventsPerSec) || !positive(row.mbPerSec) || !positive(row.processNs) || (id !== 'cat' && (!positive(row.commandNs) || !positive(row.cpuNs)))) problems.push(`cli ${id}: non-positive or non-finite figure`);
    if (!rowPresent(id)) problems.push(`cli table has no ${id} row`);
  }
}

/** A live row's operation counts: present, and the reader's ops plus the lost ones make the storm's. */
function checkLiveOps(reader: string, row: LiveRow, problems: string[]): void {
  if (!positive(row.ops) || !positive(row.opsPerSec) || !positive(row.stormOps) || !nonNegative(row.lostOps)) problems.push(`live ${reader}: non-positive or non-finite ops figure`);
  else if (row.ops + row.lostOps !== row.stormOps || row.ops < row.events - row.overflows) problems.push(`live ${reader}: ${row.ops} ops + ${row.lostOps} lost != the storm's ${row.stormOps}, or fewer ops than its ${row.events - row.overflows} events`);
}

function checkResults(r: BenchResults, stdout: string, problems: string[]): void {
  for (const h of SECTION_HEADERS) if (!stdout.includes(`\n${h}`)) problems.push(`output has no ${h} section`);
  const lines = stdout.split('\n');
  const rowPresent = (id: string): boolean => lines.some((l) => l.startsWith(`${id} `));

  if (!r.main) problems.push('no main decode results');
  else checkDecodeRows('decode', r.main.rows, problems);
  for (const d of [...DECODERS.map((x) => x.id), 'c']) if (!rowPresent(d)) problems.push(`decode table has no ${d} row`);

  const shapes = r.shapes ?? [];
  for (const s of SHAPES) {
    const found = shapes.find((x) => x.data.label === s);
    if (!found) problems.push(`no per-shape results for ${s}`);
    else checkDecodeRows(`shape ${s}`, found.rows, problems);
    if (!rowPresent(s)) problems.push(`per-shape or encode table has no ${s} row`);
  }

  for (const id of ALLOC_IDS) {
    const a = r.alloc?.find((x) => x.id === id);
    if (!a) problems.push(`allocation: no row for ${id}`);
    else if (a.error) problems.push(`allocation: ${id} failed: ${a.error}`);
    // Allocation may legitimately reach 0 (the zero-copy goal), so only finite and not negative.
    else if (!nonNegative(a.bytesPerEvent) || !nonNegative(a.gcsPerMillion) || !nonNegative(a.majorGcsPerMillion) || !positive(a.events)) problems.push(`allocation: ${id} has a negative or non-finite figure`);
    if (!rowPresent(id)) problems.push(`allocation table has no ${id} row`);
  }

  for (const s of SHAPES) {
    const e = r.encode?.find((x) => x.shape === s);
    if (!e) {
      problems.push(`encode: no row for ${s}`);
      continue;
    }
    if (!positive(e.package.eventsPerSec)) problems.push(`encode ${s}: package figure not positive`);
    // restructure expresses every shape: it must have produced the same bytes.
    if (!positive(e.restructure.eventsPerSec)) problems.push(`encode ${s}: restructure ${e.restructure.missing ?? 'figure not positive'}`);
    if (FIXED_SHAPES.includes(s) && !positive(e.typedBinary.eventsPerSec)) problems.push(`encode ${s}: typed-binary ${e.typedBinary.missing ?? 'figure not positive'}`);
  }

  if (!r.model) problems.push('no model result');
  else {
    if (r.model.status !== 'ok' || !positive(r.model.eventsPerSec)) problems.push(`model: status ${r.model.status} without a figure`);
    for (const id of MODEL_ROWS) {
      const m = r.model.rows.find((x) => x.id === id);
      if (!m) problems.push(`model: no ${id} row`);
      else if (m.error) problems.push(`model ${id}: ${m.error}`);
      else if (!positive(m.eventsPerSec) || !positive(m.mbPerSec) || !positive(m.opsPerSec) || !positive(m.events) || m.overflows !== 0) problems.push(`model ${id}: non-positive figure or overflow`);
      if (!rowPresent(id)) problems.push(`model table has no ${id} row`);
    }
  }

  if (!r.live) problems.push('no live result');
  else if (r.live.status === 'ok') {
    for (const reader of LIVE_READER_IDS) {
      const row = r.live.rows.find((x) => x.reader === reader);
      if (!row) problems.push(`live: no ${reader} row`);
      else if (row.error) problems.push(`live ${reader}: ${row.error}`);
      else if (!positive(row.eventsPerSec) || !positive(row.cpuNsPerEvent) || !positive(row.events) || !nonNegative(row.overflows) || !positive(row.drainMs)) problems.push(`live ${reader}: non-positive figure`);
      else checkLiveOps(reader, row, problems);
    }
    if (!lines.some((l) => l.startsWith('storm ops/run: '))) problems.push('live: the storm\'s operation count is not printed');
    if (!lines.some((l) => l.startsWith('reader ') && l.includes(' ops/s ') && l.includes(' lost ops '))) problems.push('live table has no ops columns');
  } else if (!r.live.detail.startsWith('live: skipped')) problems.push(`live: status ${r.live.status} without a reason`);

  checkCli(r, rowPresent, problems);

  // The steadiness probes: one section per timed decode and CLI section, each probed.
  const probed = r.steadiness?.sections.map((x) => x.section) ?? [];
  for (const section of [PROBED.cli, PROBED.main, ...SHAPES.map(PROBED.shape)]) if (!probed.includes(section)) problems.push(`steadiness: no probe in ${section}`);
  if (!positive(r.steadiness?.fastestNs) || r.steadiness?.sections.some((x) => !positive(x.fastestNs) || x.slowestNs < x.fastestNs || x.probes < 2)) problems.push('steadiness: a non-positive probe, or a section with fewer than 2 probes');

  // Every target is judged in every run (N/A when not measured): as many as on an empty run.
  const expected = evaluateTargets({ ...r, main: undefined, shapes: undefined, alloc: undefined, live: undefined, cli: undefined, targets: [] }).length;
  if (r.targets.length !== expected) problems.push(`expected ${expected} targets, got ${r.targets.length}`);
  for (const t of r.targets) {
    if (t.verdict !== 'N/A' && !nonNegative(t.value)) problems.push(`target "${t.name}": ${t.verdict} without a finite value`);
    if (!lines.some((l) => l.startsWith(t.verdict) && l.includes(t.name))) problems.push(`target "${t.name}" is not printed with its verdict`);
  }
}

/** Builds the bench, runs it with --quick, checks the output. */
export function runBenchSmokeCheck(options: { readonly timeoutMs?: number } = {}): SmokeResult {
  execFileSync(path.join(ROOT, 'node_modules', '.bin', 'tsup'), ['bench/run.ts', '--no-config', '--format', 'esm', '--target', 'node20', '--out-dir', 'bench/out', '--silent'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'fanotify-bench-smoke-'));
  try {
    const json = path.join(tmp, 'results.json');
    const run = spawnSync(process.execPath, ['--expose-gc', path.join('bench', 'out', 'run.js'), '--quick', '--json', json], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: options.timeoutMs ?? 180_000,
      maxBuffer: 16 << 20,
    });
    const problems: string[] = [];
    if (run.error) problems.push(`bench did not finish: ${run.error.message}`);
    if (run.status !== 0) problems.push(`bench exited with ${String(run.status)}${run.status === 1 ? ' (checksum mismatch)' : ''}: ${run.stderr.trim().split('\n').slice(-3).join(' ')}`);
    let results: BenchResults | undefined;
    try {
      results = JSON.parse(readFileSync(json, 'utf8')) as BenchResults;
    } catch {
      problems.push('bench wrote no JSON results');
    }
    if (results) checkResults(results, `\n${run.stdout}`, problems);
    return { problems, stdout: run.stdout, stderr: run.stderr, results };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
