/**
 * What each live consumer costs per event in JavaScript alone, without a kernel or a storm (so
 * a loaded machine disturbs it far less than `--sections live`): the tests' scripted group (the
 * real group over a binding whose reads copy given bytes into the read buffer) returns one
 * capture (by default corpus/ext4/many-events: 300 DFID_NAME events, 18.8 KB) as the same read
 * many times, and each consumer takes every event, either touching every field through
 * `event.view` (the live bench's `touchEvent`) or only `event.fd` (what the consumer itself
 * costs). CPU ns per event (process.cpuUsage over the consumption), the lowest of `--runs`
 * interleaved runs. `--capture` takes another corpus capture, with its group's init flags, its
 * events repeated to about 16 KiB per read: `ext4/fd-mode-pidfd` has events that own an fd and
 * a pidfd (the scripted binding closes nothing), which batches hand out as real events.
 * `--per-read K` makes each read the capture's first K events instead: the live storm's reads
 * hold 7–21 events, where what a consumer costs per read (waking, the batch's set-up) counts
 * more than in 300-event reads.
 *
 *   npx tsup bench/live/consumer-cost.ts --no-config --format esm --target node20 --out-dir bench/out/live --silent
 *   node bench/out/live/consumer-cost.js [--reads 600] [--runs 7] [--capture ext4/many-events] [--per-read K]
 *   node --cpu-prof --cpu-prof-dir=/tmp/p bench/out/live/consumer-cost.js --only events:view   # one case, to profile
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FAN_Q_OVERFLOW } from '../../src/index.js';
import type { FanotifyGroup } from '../../src/entries/live.js';
import { scriptedGroup } from '../../test/live/support/scripted-group.js';
import { Checksum } from '../checksum.js';
import { eventWalker } from '../../src/index.js';
import { ChecksumVisitor, touchEvent } from '../package-decoders.js';
import { ROOT } from '../paths.js';

type Touch = (event: { readonly fd: number; readonly view: Parameters<typeof touchEvent>[0] }, ck: Checksum) => void;

const TOUCH: Record<'view' | 'fd', Touch> = {
  view: (event, ck) => {
    if (touchEvent(event.view, ck) & FAN_Q_OVERFLOW) ck.n(1);
  },
  fd: (event, ck) => {
    ck.events++;
    ck.n(event.fd);
  },
};

type Consumer = (group: FanotifyGroup, touch: Touch, ck: Checksum) => Promise<void>;

const CONSUMERS: Record<string, Consumer> = {
  /** `for await (const event of group.events())`. */
  events: async (group, touch, ck) => {
    for await (const event of group.events()) touch(event, ck);
  },
  /** `group.consume(handler)` with a handler that returns no promise. */
  consume: (group, touch, ck) => group.consume((event) => touch(event, ck)),
  /** `for await (const batch of group.batches())`, then `for (const event of batch)`. */
  batches: async (group, touch, ck) => {
    for await (const batch of group.batches()) for (const event of batch) touch(event, ck);
  },
  /** `for await (const batch of group.batches())`, then `walker.walk(batch.bytes())`: every field (case `walker:view` only). */
  walker: async (group, _touch, ck) => {
    const visitor = new ChecksumVisitor();
    visitor.ck = ck;
    const walker = eventWalker(visitor);
    for await (const batch of group.batches()) walker.walk(batch.bytes());
  },
};

/**
 * A corpus capture as one read: its events repeated to about 16 KiB, or its first `perRead`
 * events (taken round) when given; and its group's init flags.
 */
function loadCapture(name: string, perRead: number | undefined): { bytes: Uint8Array; events: number; initFlags: number } {
  const dir = path.join(ROOT, 'corpus', name);
  const sidecar = JSON.parse(readFileSync(path.join(dir, 'capture.json'), 'utf8')) as { init: { flags: number }; totals: { events: number } };
  const one = readFileSync(path.join(dir, 'capture.bin'));
  if (perRead !== undefined) return { bytes: firstEvents(one, perRead), events: perRead, initFlags: sidecar.init.flags };
  const times = Math.max(1, Math.floor(16384 / one.byteLength));
  const bytes = new Uint8Array(one.byteLength * times);
  for (let i = 0; i < times; i++) bytes.set(one, i * one.byteLength);
  return { bytes, events: sidecar.totals.events * times, initFlags: sidecar.init.flags };
}

/** The first `n` events of `capture`, starting over at its end as often as needed. */
function firstEvents(capture: Uint8Array, n: number): Uint8Array {
  const dv = new DataView(capture.buffer, capture.byteOffset, capture.byteLength);
  const parts: Uint8Array[] = [];
  for (let at = 0, k = 0; k < n; k++, at = at >= capture.byteLength ? 0 : at) {
    const len = dv.getUint32(at, os.endianness() === 'LE');
    parts.push(capture.subarray(at, at + len));
    at += len;
  }
  return Buffer.concat(parts);
}

/** CPU ns per event of one consumption of `reads` reads of `bytes`, and its checksum. */
async function runOnce(consumer: Consumer, touch: Touch, bytes: Uint8Array, reads: number, initFlags: number): Promise<{ ns: number; digest: string }> {
  const group = scriptedGroup(bytes, reads, initFlags);
  const ck = new Checksum();
  const cpu0 = process.cpuUsage();
  await consumer(group, touch, ck);
  const cpu = process.cpuUsage(cpu0);
  if (group.stats.delivered !== ck.events || ck.events === 0) throw new Error(`touched ${ck.events} events, the group delivered ${group.stats.delivered}`);
  return { ns: ((cpu.user + cpu.system) * 1000) / ck.events, digest: ck.digest() };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      reads: { type: 'string', default: '600' },
      runs: { type: 'string', default: '7' },
      only: { type: 'string' },
      capture: { type: 'string', default: 'ext4/many-events' },
      'per-read': { type: 'string' },
    },
  });
  const reads = Number(values.reads);
  const perRead = values['per-read'] === undefined ? undefined : Number(values['per-read']);
  const { bytes, events, initFlags } = loadCapture(values.capture, perRead);
  const runs = Number(values.runs);
  const cases = Object.keys(CONSUMERS).flatMap((c) => (c === 'walker' ? ['view'] : ['view', 'fd']).map((t) => `${c}:${t}`));
  const chosen = values.only ? values.only.split(',') : cases;
  const best = new Map<string, number>();
  const digests = new Map<string, string>();
  for (let run = 0; run < runs; run++) {
    // Interleaved, the starting case rotated: a burst of load hits every case alike.
    for (let i = 0; i < chosen.length; i++) {
      const name = chosen[(i + run) % chosen.length]!;
      const [consumer, touch] = name.split(':') as [string, 'view' | 'fd'];
      if (!CONSUMERS[consumer] || !TOUCH[touch]) throw new Error(`unknown case ${name} (cases: ${cases.join(', ')})`);
      const { ns, digest } = await runOnce(CONSUMERS[consumer], TOUCH[touch], bytes, reads, initFlags);
      best.set(name, Math.min(best.get(name) ?? Infinity, ns));
      digests.set(touch, digests.get(touch) ?? digest);
      if (digests.get(touch) !== digest) throw new Error(`${name}: checksum ${digest}, another consumer saw ${digests.get(touch)}`);
    }
  }
  console.log(`live consumer cost: ${reads} reads x ${events} events (corpus/${values.capture}, scripted group), CPU ns/event, lowest of ${runs} runs; Node ${process.version}`);
  console.log('consumer   touch   ns/event   vs batches');
  for (const name of chosen) {
    const [consumer, touch] = name.split(':') as [string, string];
    const base = best.get(`batches:${touch}`);
    const ns = best.get(name)!;
    console.log(`${consumer.padEnd(10)} ${touch.padEnd(5)} ${ns.toFixed(0).padStart(10)}   ${base === undefined ? '-' : `${ns - base >= 0 ? '+' : ''}${(ns - base).toFixed(0)} ns`}`);
  }
}

await main();
