/**
 * Issue 6: benchmarks against peers and the limits — decode, encode, model, live throughput and
 * memory — measured in one run on the same data, printed as tables with PASS/MISS per target.
 *
 * Build and run (npm run bench): tsup bench/run.ts --no-config --format esm --target node20 --out-dir bench/out --silent && node --expose-gc bench/out/run.js [--quick] [--json FILE] [--sections ...]
 * The same file is the entry of its child processes (--child alloc | live-js).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { allocChild, benchAlloc } from './alloc.js';
import { compileC } from './c-build.js';
import { benchCli } from './cli-bench.js';
import { alsoOnInterrupt } from './interrupt.js';
import { mainDataset, shapeDataset, type Dataset } from './data.js';
import { benchDecode } from './decode-bench.js';
import { benchEncode } from './encode-bench.js';
import { liveJsChild } from './live/js-consumer.js';
import { benchLive } from './live/live-bench.js';
import { benchPathCache, renderPathCache, type PathCacheConfig } from './live/path-cache-bench.js';
import type { LiveSetup } from './live/setup.js';
import { benchModel } from './model.js';
import { argValue, parseConfig, type BenchConfig } from './options.js';
import { ROOT } from './paths.js';
import { referenceChecksum, renderReport } from './report.js';
import type { BenchResults, DatasetInfo, DecodeRow } from './results.js';
import { SHAPES } from './shapes.js';
import { PROBED, Steadiness } from './steadiness.js';
import { evaluateTargets } from './targets.js';

function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function info(ds: Dataset): DatasetInfo {
  return { label: ds.label, source: ds.source, bytes: ds.bytes.length, events: ds.events, batches: ds.batches.length };
}

function writeData(tmp: string, name: string, ds: Dataset): string {
  const file = path.join(tmp, `${name}.bin`);
  writeFileSync(file, ds.bytes);
  return file;
}

function tryCompile(name: 'decode' | 'reader' | 'storm', tmp: string, notes: string[]): string | undefined {
  try {
    return compileC(name, tmp);
  } catch (error) {
    const e = error as { stderr?: Buffer; message: string };
    notes.push(`bench/c/${name}.c did not compile: ${(e.stderr?.toString() || e.message).trim().split('\n')[0]}`);
    return undefined;
  }
}

function checksumsAgree(rows: readonly DecodeRow[]): boolean {
  const ref = referenceChecksum(rows);
  return ref !== undefined && rows.every((r) => !r.error && r.checksum === ref);
}

async function runBench(cfg: BenchConfig): Promise<{ results: BenchResults; ok: boolean }> {
  const started = Date.now();
  const cpus = os.cpus();
  const results: BenchResults = {
    quick: cfg.quick,
    startedAt: new Date(started).toISOString(),
    seconds: 0,
    machine: { node: process.version, cpu: cpus[0]?.model.trim() ?? 'unknown', cores: cpus.length, kernel: os.release(), loadavg: os.loadavg() },
    notes: [],
    targets: [],
  };
  if (os.endianness() !== 'LE') results.notes.push('big-endian host: the peers describe little-endian structs and will fail');
  if (!(globalThis as { gc?: unknown }).gc) results.notes.push('run without --expose-gc: no GC between timed runs, allocation figures still come from child processes');
  let ok = true;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'fanotify-bench-'));
  const removeTmp = (): void => rmSync(tmp, { recursive: true, force: true });
  // A signal during the live section skips this function's finally (see bench/interrupt.ts).
  const unregister = alsoOnInterrupt(removeTmp);
  const steadiness = new Steadiness();
  try {
    const s = cfg.sections;
    const cDecode = s.has('decode') || s.has('shapes') ? tryCompile('decode', tmp, results.notes) : undefined;

    if (s.has('decode') || s.has('alloc') || s.has('cli')) {
      progress(`building the main stream (~${cfg.mainBytes} B)`);
      const { dataset, notes } = mainDataset(ROOT, cfg.mainBytes);
      results.notes.push(...notes);
      const file = writeData(tmp, 'main', dataset);
      if (s.has('cli')) {
        progress('cli: cat, decode, stats, normalize on the main stream');
        results.cli = benchCli(file, { bytes: dataset.bytes.length, events: dataset.events }, cfg.cli, () => steadiness.probe(PROBED.cli));
      }
      if (s.has('decode')) {
        progress('decode: main stream');
        results.main = { data: info(dataset), rows: benchDecode(dataset, file, cfg.decode, cDecode, { between: () => steadiness.probe(PROBED.main) }) };
        ok &&= checksumsAgree(results.main.rows);
      }
      if (s.has('alloc')) {
        progress(`allocation: ${cfg.allocEvents} events per decoder, one child each`);
        results.alloc = benchAlloc(file, cfg.allocEvents);
      }
    }

    if (s.has('shapes')) {
      results.shapes = [];
      for (const shape of SHAPES) {
        progress(`decode: shape ${shape}`);
        const ds = shapeDataset(shape, cfg.shapeBytes);
        const rows = benchDecode(ds, writeData(tmp, `shape-${shape.replace(/\W/g, '_')}`, ds), cfg.shapeDecode, cDecode, { between: () => steadiness.probe(PROBED.shape(shape)) });
        results.shapes.push({ data: info(ds), rows });
        ok &&= checksumsAgree(rows);
      }
    }

    if (s.has('encode')) {
      progress('encode');
      results.encode = benchEncode(cfg.encode);
    }

    if (s.has('model')) {
      progress('model');
      results.model = await benchModel(cfg.model);
    }

    if (s.has('live')) {
      progress('live');
      const root = process.getuid?.() === 0;
      results.live = await benchLive(cfg.live, root ? tryCompile('reader', tmp, results.notes) : undefined, root ? tryCompile('storm', tmp, results.notes) : undefined);
      if (root) {
        progress('live: event.path() with and without pathCache');
        const pc = pathCacheConfig(cfg.quick ? ['--events', '5000', '--rounds', '1'] : []);
        results.notes.push(renderPathCache(await benchPathCache(pc), pc).replaceAll('\n', '\n  '));
      }
    }
  } finally {
    unregister();
    removeTmp();
  }
  results.steadiness = steadiness.result();
  results.targets = evaluateTargets(results);
  results.seconds = (Date.now() - started) / 1000;
  if (!ok) results.notes.push('CHECKSUM MISMATCH: a decoder disagrees with the hand-written loop (see the checksum columns); exit code 1');
  return { results, ok };
}

/** The path-cache storm's sizes from `--events`, `--dirs`, `--rounds`. */
function pathCacheConfig(argv: readonly string[]): PathCacheConfig {
  return { events: Number(argValue(argv, '--events') ?? 50_000), dirs: Number(argValue(argv, '--dirs') ?? 16), rounds: Number(argValue(argv, '--rounds') ?? 3) };
}

async function main(argv: readonly string[]): Promise<number> {
  const child = argValue(argv, '--child');
  if (child === 'path-cache') {
    const pc = pathCacheConfig(argv);
    process.stdout.write(renderPathCache(await benchPathCache(pc), pc) + '\n');
    return 0;
  }
  if (child === 'alloc') {
    await allocChild(argValue(argv, '--decoder')!, argValue(argv, '--file')!, Number(argValue(argv, '--events')));
    return 0;
  }
  if (child === 'live-js') {
    await liveJsChild(JSON.parse(argValue(argv, '--setup')!) as LiveSetup);
    return 0;
  }
  let cfg: BenchConfig;
  try {
    cfg = parseConfig(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  const { results, ok } = await runBench(cfg);
  process.stdout.write(renderReport(results) + '\n');
  if (cfg.json) writeFileSync(cfg.json, JSON.stringify(results, null, 2) + '\n');
  return ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
