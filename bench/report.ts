/** Renders the results as the plain-text tables the bench prints. */
import { ALLOC_METHOD } from './alloc.js';
import { renderCli } from './cli-bench.js';
import { PROBE_RUNS, renderSteadiness, SLOW_AT } from './steadiness.js';
import { LIVE_OPS_METHOD } from './live/live-bench.js';
import { BINARY_PARSER_LIMITS } from './peers/binary-parser.js';
import { RESTRUCTURE_LIMITS } from './peers/restructure.js';
import { TYPED_BINARY_LIMITS } from './peers/typed-binary.js';
import type { BenchResults, DatasetInfo, DecodeRow, LiveResult, ShapeResult } from './results.js';
import { CURSOR_BYTES_PER_EVENT } from './targets.js';

type Cell = string | number | undefined;

function table(header: readonly string[], rows: readonly (readonly Cell[])[], leftColumns = 1): string {
  const text = rows.map((r) => r.map((c) => (c === undefined ? '-' : String(c))));
  const widths = header.map((h, i) => Math.max(h.length, ...text.map((r) => r[i]?.length ?? 0)));
  // The last column is free text: no padding.
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : i < leftColumns ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...text.map(line)].join('\n');
}

export function fmtRate(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '-';
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k`;
  return n.toFixed(0);
}

export function fmtRatio(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '-';
  return `${n < 0.01 ? n.toPrecision(2) : n < 0.1 ? n.toFixed(3) : n.toFixed(2)}x`;
}

function fmtNum(n: number | undefined, digits = 1): string {
  return n === undefined || !Number.isFinite(n) ? '-' : n.toFixed(digits);
}

function dataLine(d: DatasetInfo): string {
  return `${d.source} — ${d.events} events, ${d.bytes} B, ${d.batches} batches of whole events <= 64 KiB`;
}

/** The checksum all decoders must produce: the hand-written loop's (it is the simplest). */
export function referenceChecksum(rows: readonly DecodeRow[]): string | undefined {
  return rows.find((r) => r.id === 'hand-written' && !r.error)?.checksum;
}

function decodeTable(rows: readonly DecodeRow[]): string {
  const ref = referenceChecksum(rows);
  const hand = rows.find((r) => r.id === 'hand-written')?.eventsPerSec;
  const strict = rows.find((r) => r.id === 'strict')?.eventsPerSec;
  const c = rows.find((r) => r.id === 'c')?.eventsPerSec;
  return table(
    ['decoder', 'events/s', 'MB/s', 'x hand', 'x strict', 'x C', 'sample', 'checksum', 'what'],
    rows.map((r) =>
      r.error
        ? [r.id, '-', '-', '-', '-', '-', '-', 'ERROR', `${r.label}: ${r.error}`]
        : [
            r.id,
            fmtRate(r.eventsPerSec),
            fmtNum(r.mbPerSec),
            fmtRatio(hand && r.eventsPerSec / hand),
            fmtRatio(strict && r.eventsPerSec / strict),
            fmtRatio(c && r.eventsPerSec / c),
            `${(r.sample * 100).toFixed(r.sample < 0.1 ? 1 : 0)}%`,
            r.checksum === ref ? 'ok' : `MISMATCH ${r.checksum}`,
            r.label,
          ],
    ),
  );
}

/** The per-shape decode table, with the ratios the per-shape targets judge. */
function renderShapes(shapes: readonly ShapeResult[]): string {
  const ids = shapes[0]!.rows.map((x) => x.id);
  return [
    'DECODE PER SHAPE (events/s; synthetic streams built with encodeEvents)',
    table(
      ['shape', 'events', 'B/event', ...ids, 'walk/hand', 'cur/hand', 'floor/hand', 'walk/strict', 'cur/strict', 'zc/hand', 'checksums'],
      shapes.map((s) => {
        const get = (id: string): number | undefined => s.rows.find((x) => x.id === id && !x.error)?.eventsPerSec;
        const ref = referenceChecksum(s.rows);
        const bad = s.rows.filter((x) => x.error || x.checksum !== ref).map((x) => x.id);
        const zc = get('zero-copy');
        const cur = get('cursor');
        const walk = get('walker');
        const hand = get('hand-written');
        const strict = get('strict');
        const floor = get('floor');
        return [
          s.data.label,
          s.data.events,
          fmtNum(s.data.bytes / s.data.events, 0),
          ...ids.map((id) => fmtRate(get(id))),
          fmtRatio(walk && hand && walk / hand),
          fmtRatio(cur && hand && cur / hand),
          fmtRatio(floor && hand && floor / hand),
          fmtRatio(walk && strict && walk / strict),
          fmtRatio(cur && strict && cur / strict),
          fmtRatio(zc && hand && zc / hand),
          bad.length ? `MISMATCH: ${bad.join(',')}` : 'all agree',
        ];
      }),
    ),
  ].join('\n');
}

/** The live table (issue 6 and 10's storm, see bench/live/live-bench.ts). */
function renderLive(live: LiveResult): string {
  const out = ['LIVE (root; the same storm per reader; rate = events / (last read handled - storm start); drain = that interval; ops = operations the events report, however merged; medians)', live.detail];
  if (live.rows.length) {
    const c = live.rows.find((x) => x.reader === 'c');
    const storm = live.rows.find((x) => x.runs > 0)?.stormOps;
    if (storm !== undefined) out.push(`storm ops/run: ${storm} (what a reader would count if no event merged; lost ops = this - the reader's ops)`);
    out.push(
      table(
        ['reader', 'events/s', 'x C', 'CPU ns/event', 'x C', 'drain ms', 'storm ms', 'events/run', 'events/read', 'overflows', 'ops/run', 'ops/s', 'x C', 'lost ops', 'runs', 'what'],
        live.rows.map((l) =>
          l.error && l.runs === 0
            ? [l.reader, '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', 0, l.error]
            : [
                l.reader,
                fmtRate(l.eventsPerSec),
                fmtRatio(c && l.eventsPerSec / c.eventsPerSec),
                fmtNum(l.cpuNsPerEvent, 0),
                fmtRatio(c && l.cpuNsPerEvent / c.cpuNsPerEvent),
                fmtNum(l.drainMs, 0),
                fmtNum(l.stormMs, 0),
                l.events,
                fmtNum(l.eventsPerRead),
                l.overflows,
                l.ops,
                fmtRate(l.opsPerSec),
                fmtRatio(c && l.opsPerSec / c.opsPerSec),
                l.lostOps,
                l.runs,
                l.error ? `${l.label} (ERROR: ${l.error})` : l.label,
              ],
        ),
      ),
    );
  }
  return out.join('\n');
}

export function renderReport(r: BenchResults): string {
  const out: string[] = [];
  const m = r.machine;
  out.push(
    `fanotify-codec benchmarks (${r.quick ? 'QUICK: small data, few repetitions, smoke-test figures only' : 'full'}) — Node ${m.node}, ${m.cpu} x${m.cores}, Linux ${m.kernel}, load ${m.loadavg.map((x) => x.toFixed(2)).join(' ')} at start`,
  );
  for (const n of r.notes) out.push(`NOTE: ${n}`);

  if (r.main) {
    out.push('', `DECODE (every field of every record; events/s and MB/s = 10^6 B/s; median of ${r.main.rows[0]?.reps ?? 0})`, dataLine(r.main.data));
    out.push(`reference checksum events/records/sum32/sum64: ${referenceChecksum(r.main.rows) ?? '-'}`);
    out.push(decodeTable(r.main.rows));
  }

  if (r.shapes?.length) out.push('', renderShapes(r.shapes));

  if (r.alloc) {
    out.push('', `ALLOCATION (main stream, ${r.alloc[0]?.events ?? 0} events per decoder, each in a fresh child process)`);
    out.push(
      table(
        ['decoder', 'B/event (= MB/Mevent)', 'GCs/Mevent', 'major GCs/Mevent', 'what'],
        r.alloc.map((a) =>
          a.error
            ? [a.id, '-', '-', '-', `ERROR: ${a.error}`]
            : [a.id, fmtNum(a.bytesPerEvent), fmtNum(a.gcsPerMillion), fmtNum(a.majorGcsPerMillion), a.label],
        ),
      ),
    );
  }

  if (r.encode) {
    out.push('', `ENCODE (events/s building a stream of ${r.encode[0]?.events ?? 0} events; x = fanotify-codec / peer)`);
    out.push(
      table(
        ['shape', 'fanotify-codec', 'restructure', 'x', 'typed-binary', 'x', 'notes'],
        r.encode.map((e) => {
          const p = e.package.eventsPerSec;
          const notes = [e.restructure.missing && `restructure: ${e.restructure.missing}`, e.typedBinary.missing && `typed-binary: ${e.typedBinary.missing}`].filter(Boolean).join('; ');
          return [
            e.shape,
            fmtRate(p),
            fmtRate(e.restructure.eventsPerSec),
            fmtRatio(p / e.restructure.eventsPerSec),
            fmtRate(e.typedBinary.eventsPerSec),
            fmtRatio(p / e.typedBinary.eventsPerSec),
            notes,
          ];
        }),
      ),
    );
  }

  if (r.model) {
    out.push('', 'MODEL (kernel-model producer: file operations in, read() bytes out; events/s and MB/s of the bytes read)');
    out.push(r.model.detail);
    out.push(
      table(
        ['producer', 'events/s', 'MB/s', 'ops/s', 'ops', 'events/run', 'B/event', 'reads', 'overflows', 'what'],
        r.model.rows.map((m) =>
          m.error
            ? [m.id, '-', '-', '-', m.ops, '-', '-', '-', '-', `${m.label} (ERROR: ${m.error})`]
            : [m.id, fmtRate(m.eventsPerSec), fmtNum(m.mbPerSec), fmtRate(m.opsPerSec), m.ops, m.events, fmtNum(m.bytes / m.events), m.reads, m.overflows, m.label],
        ),
      ),
    );
  }

  if (r.live) out.push('', renderLive(r.live));

  if (r.cli) out.push('', renderCli(r.cli));

  if (r.steadiness) out.push('', renderSteadiness(r.steadiness));

  out.push('', 'TARGETS (ratios on this machine)');
  out.push(
    table(
      ['verdict', 'target', 'measured', 'goal', 'note'],
      r.targets.map((t) => [t.verdict, t.name, t.value === undefined ? '-' : t.goal.includes('events/s') ? fmtRate(t.value) : t.goal.includes('B/event') || t.goal.includes('overflow') ? fmtNum(t.value, t.goal.includes('overflow') ? 0 : 1) : fmtRatio(t.value), t.goal, t.note ?? '']),
      2,
    ),
  );

  out.push(
    '',
    'METHOD',
    '- decode: batches of whole events <= 64 KiB (one read() each); one full pass per decoder gives its checksum, then warm-up; timed repetitions interleave the decoders with a rotating start and a gc() before each run; median reported. A decoder slower than the per-run budget is timed on every k-th batch (column "sample"). The C loop times itself (clock_gettime) over the whole stream after one untimed walk, once per repetition.',
    '- every decoder feeds the same checksum with every field it decoded (bench/checksum.ts, bench/c/walk.h): 32-bit fields summed mod 2^32 with each byte field\'s length, first and last byte; 64-bit fields summed mod 2^64. Peers without u64 read two u32 words; restructure decodes names to strings (mapped back to bytes).',
    `- ${ALLOC_METHOD}`,
    `- walker and cursor allocation <= ${CURSOR_BYTES_PER_EVENT} B/event: nothing per field or record (u64 as numbers and u32 words, byte fields as offsets). The checksum's own 64-bit sums live in a BigUint64Array and two numbers and allocate nothing.`,
    '- baselines: hand-written = the loop a tool builder writes first (bigint u64, subarray byte fields, no padding checks); strict = the same without allocation and with every check the package makes (the real JS limit); floor = the consumer alone over a loop that checks nothing and reads through host-order typed arrays, not DataView (a diagnostic: no checksum-fed decoder should beat it, so a ratio target above floor/hand on a shape is beyond any decoder). cursor: one eventCursor reset per batch, as a reader resets it per read(). walker: one eventWalker for the run (compiled for its visitor, a class with a method per record type), walk() per batch; the read-path targets judge the walker, the package’s fastest non-allocating path, and note the cursor’s ratio beside each.',
    `- peers: ${RESTRUCTURE_LIMITS}.`,
    `- peers: ${TYPED_BINARY_LIMITS}.`,
    `- peers: ${BINARY_PARSER_LIMITS}.`,
    `- host steadiness: before the first timed round of each decode section and after every round, and around every CLI run, a fixed probe (integer arithmetic over a 16 KiB typed array, fastest of ${PROBE_RUNS} runs of about 1 ms) is timed; a section with a probe past ${SLOW_AT}x the run's fastest ran partly in a slow spell (another tenant, a throttled CPU). Its figures are printed as measured, not corrected or re-run.`,
    '- encode: peers get precomputed lengths (they cannot compute event_len/len/handle_bytes/padding); their bytes are checked identical to encodeEvents before timing.',
    '- live: CPU = the reader process\'s user+system time from "ready" to exit / events read (getrusage for C, process.cpuUsage for JS: all threads, GC included). A reader that lags lets the kernel merge more events in its queue, so it reads fewer events for the same storm (see events/run); drain ms compares the readers on the same storm whatever they read.',
    `- live ops: ${LIVE_OPS_METHOD}`,
    '- model: events/s and MB/s over the bytes the model\'s reads return, timed from the first file operation to the last read on a fresh KernelModel per run (setup untimed); runScenario is timed whole.',
    `- run took ${r.seconds.toFixed(1)} s.`,
  );
  return out.join('\n');
}
