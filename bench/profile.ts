/**
 * Profiling driver: runs one decoder over one stream for a fixed time, so `node --cpu-prof` sees
 * a steady state (the bench's interleaved, GC-separated runs are too short and mixed for that).
 * Pair it with bench/profile-summary.ts, which folds a .cpuprofile into self/total time per
 * function.
 *
 * Build and run:
 *   tsup bench/profile.ts bench/profile-summary.ts --no-config --format esm --target node20 --out-dir bench/out/profile --silent
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/out/profile/profile.js --decoder zero-copy --data corpus --seconds 10
 *   node bench/out/profile/profile-summary.js /tmp/prof/*.cpuprofile
 *
 * Or the kernel model: --model fid,dfid_name,scenario-fid [--ops N] [--reps N] runs those rows of
 * bench/model.ts once each (no warm-up).
 *
 * --micro construct: the cost of constructing views (class fields vs constructor assignments).
 * --decoder: a bench decoder id, or one of the diagnostics below (zc-dispatch, zc-scalars, zc-fresh).
 * --data corpus (the corpus repeated, as the bench's main stream), mix (the synthetic mix) or a
 * shape name; --bytes the stream size (default 16 MiB).
 */
import { decodeEvents, encodeEvents, type EventView } from '../src/index.js';
import { Checksum } from './checksum.js';
import { loadCorpus, repeatTo, shapeDataset, toDataset, type Dataset } from './data.js';
import { decoderById, type Decoder } from './decoders.js';
import { decodeZeroCopyScalars, touchEvent } from './package-decoders.js';
import { argValue } from './options.js';
import { ROOT } from './paths.js';
import { makeMixEvents, SHAPES, type Shape } from './shapes.js';
import { nowNs } from './timing.js';
import { benchModel } from './model.js';

/**
 * Diagnostic variants of the zero-copy consumer, to test what the profile suggests. Not in the
 * bench tables. All but zc-scalars compute the reference checksum.
 * - zc-dispatch: reads the record header fields inside each `case`, so every property access
 *   site sees at most two record view classes (the bench's touchEvent reads them before the
 *   switch, where all ten classes meet: a megamorphic site).
 * - zc-scalars: skips fsid (an array per read), f_handle and name (a subarray per read).
 * - zc-fresh: decodeEvents without reuseViews (a fresh view per event and record).
 */
function touchDispatch(ev: EventView, ck: Checksum): void {
  ck.event(ev.event_len, ev.vers, ev.reserved, ev.metadata_len, ev.fd, ev.pid);
  ck.u64(ev.mask);
  for (const r of ev.records()) {
    switch (r.type) {
      case 'fid':
      case 'dfid': {
        ck.header(r.info_type, r.pad, r.len);
        const fsid = r.fsid;
        ck.fid(fsid[0], fsid[1], r.handle_bytes, r.handle_type, r.f_handle);
        break;
      }
      case 'dfid_name':
      case 'old_dfid_name':
      case 'new_dfid_name': {
        ck.header(r.info_type, r.pad, r.len);
        const fsid = r.fsid;
        ck.fid(fsid[0], fsid[1], r.handle_bytes, r.handle_type, r.f_handle);
        ck.bytes(r.name);
        break;
      }
      case 'pidfd':
        ck.header(r.info_type, r.pad, r.len);
        ck.n(r.pidfd);
        break;
      case 'error':
        ck.header(r.info_type, r.pad, r.len);
        ck.n(r.error);
        ck.n(r.error_count);
        break;
      case 'range':
        ck.header(r.info_type, r.pad, r.len);
        ck.n(r.range_pad);
        ck.u64(r.offset);
        ck.u64(r.count);
        break;
      case 'mnt':
        ck.header(r.info_type, r.pad, r.len);
        ck.u64(r.mnt_id);
        break;
      case 'unknown':
        ck.header(r.info_type, r.pad, r.len);
        ck.bytes(r.data);
        break;
    }
  }
}

const FLYWEIGHT = { reuseViews: true } as const;
const DIAGNOSTICS: readonly Decoder[] = [
  { id: 'zc-dispatch' as Decoder['id'], label: 'zero-copy, header fields read per case', decode: (u8, ck) => {
    for (const ev of decodeEvents(u8, FLYWEIGHT)) touchDispatch(ev, ck);
  } },
  { id: 'zc-scalars' as Decoder['id'], label: 'zero-copy, scalar fields only', decode: decodeZeroCopyScalars },
  { id: 'zc-fresh' as Decoder['id'], label: 'fresh views (no reuseViews)', decode: (u8, ck) => {
    for (const ev of decodeEvents(u8)) touchEvent(ev, ck);
  } },
];

function decoderFor(id: string): Decoder {
  return DIAGNOSTICS.find((d) => d.id === id) ?? decoderById(id);
}

function dataset(kind: string, bytes: number): Dataset {
  if (kind === 'corpus') {
    const corpus = loadCorpus(ROOT);
    if (!corpus) throw new Error('no corpus/**/*.bin');
    return toDataset('corpus', repeatTo(corpus.bytes, bytes), 'corpus');
  }
  if (kind === 'mix') return toDataset('synthetic mix', repeatTo(encodeEvents(makeMixEvents(4096)), bytes), 'synthetic mix');
  if ((SHAPES as readonly string[]).includes(kind)) return shapeDataset(kind as Shape, bytes);
  throw new Error(`unknown --data ${kind} (corpus, mix or one of ${SHAPES.join(', ')})`);
}

async function profileModel(argv: readonly string[]): Promise<void> {
  const ops = Number(argValue(argv, '--ops') ?? 50_000);
  const result = await benchModel({ ops, warmup: 0, reps: Number(argValue(argv, '--reps') ?? 1) }, argValue(argv, '--model')!.split(','));
  for (const r of result.rows) process.stdout.write(`model ${r.id}: ${r.ops} ops, ${r.events} events in ${(r.medianNs / 1e9).toFixed(2)} s = ${(r.eventsPerSec / 1e3).toFixed(1)} k events/s${r.error ? ` ERROR ${r.error}` : ''}\n`);
}

/**
 * --micro construct: what constructing a view costs, apart from the codec. A base class with the
 * eight fields of StructViewBase, declared as class fields (as src/schema/view-base.ts does) or
 * assigned in the constructor, with 1, 3 or 10 subclasses constructed in turn (the codec has 12
 * view classes: the event views and one per record type); and classes that each have their own
 * initializer code (made with new Function here, as build-time generated classes would be).
 */
function microConstruct(): void {
  const EMPTY = new Uint8Array(0);
  const DV = new DataView(EMPTY.buffer);
  const NO_TAIL = new Int32Array(0);
  class FieldsBase {
    _dv = DV;
    _u8 = EMPTY;
    _o = 0;
    _end = 0;
    _content = 0;
    _le = true;
    _t = NO_TAIL;
    _tb = 0;
  }
  class AssignBase {
    _dv: DataView;
    _u8: Uint8Array;
    _o: number;
    _end: number;
    _content: number;
    _le: boolean;
    _t: Int32Array;
    _tb: number;
    constructor() {
      this._dv = DV;
      this._u8 = EMPTY;
      this._o = 0;
      this._end = 0;
      this._content = 0;
      this._le = true;
      this._t = NO_TAIL;
      this._tb = 0;
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const subclasses = (Base: new (...args: any[]) => object, n: number): (new () => object)[] => Array.from({ length: n }, () => class extends Base {});
  // Own code per class (distinct source, so distinct feedback), as generated classes would have.
  const ownInitializers = (n: number): (new () => object)[] =>
    Array.from(
      { length: n },
      (_, i) =>
        new Function(
          'DV',
          'EMPTY',
          'NO_TAIL',
          `return class View${i} { _dv = DV; _u8 = EMPTY; _o = 0; _end = 0; _content = 0; _le = true; _t = NO_TAIL; _tb = 0; };`,
        )(DV, EMPTY, NO_TAIL) as new () => object,
    );
  const sink: object[] = new Array<object>(1024);
  const variants = [
    ['class fields in a shared base', (n: number) => subclasses(FieldsBase, n)],
    ['constructor assignments in a shared base', (n: number) => subclasses(AssignBase, n)],
    ['class fields, own code per class', ownInitializers],
  ] as const;
  for (const [label, make] of variants) {
    for (const n of [1, 3, 10]) {
      const classes = make(n);
      const N = 2_000_000;
      for (let i = 0; i < N; i++) sink[i & 1023] = new classes[i % n]!(); // warm-up
      const t0 = nowNs();
      for (let i = 0; i < N; i++) sink[i & 1023] = new classes[i % n]!();
      const ns = (nowNs() - t0) / N;
      process.stdout.write(`construct, ${label}, ${n} subclass(es) in turn: ${ns.toFixed(1)} ns per object\n`);
    }
  }
}

async function main(argv: readonly string[]): Promise<void> {
  if (argValue(argv, '--micro') === 'construct') return microConstruct();
  if (argValue(argv, '--model')) return profileModel(argv);
  const decoder = decoderFor(argValue(argv, '--decoder') ?? 'zero-copy');
  const ds = dataset(argValue(argv, '--data') ?? 'corpus', Number(argValue(argv, '--bytes') ?? 16 << 20));
  const seconds = Number(argValue(argv, '--seconds') ?? 10);
  const deadline = nowNs() + seconds * 1e9;
  let events = 0;
  let passes = 0;
  const t0 = nowNs();
  let ck = new Checksum();
  while (nowNs() < deadline) {
    ck = new Checksum();
    for (const b of ds.batches) decoder.decode(b, ck);
    events += ds.events;
    passes++;
  }
  const ns = nowNs() - t0;
  process.stdout.write(
    `${decoder.id} on ${ds.label}: ${passes} passes, ${events} events in ${(ns / 1e9).toFixed(2)} s = ${((events / ns) * 1e3).toFixed(3)} M events/s; checksum ${ck.digest()}\n`,
  );
}

void main(process.argv.slice(2));
