/**
 * The JavaScript live consumers: the package's own live API, as an application would use it —
 * `openGroup` with the C reader's init flags, event_f_flags and buffer size, `addMark` with its
 * mark, and either the per-event API (`for await (const event of group.events({ untilDrained }))`)
 * or the batch API (`for await (const batch of group.batches({ untilDrained }))`, then
 * `for (const event of batch)`), touching every field of every event through the codec's view
 * of it (`event.view`, the same `touchEvent` as the decode table), or the batch API with a
 * walker over each batch's bytes (`walker.walk(batch.bytes())`, the decode table's walker
 * visitor: every field, as numbers and offsets), and counting the storm
 * operations its mask reports (as the C reader). Each event's fd and pidfd (none here: fid
 * groups report FAN_NOFD) are closed by the group when its step ends. Runs as a child process speaking the C reader's protocol ("ready";
 * EOF on stdin = the storm is over: drain the queue, print one JSON line).
 *
 * Times (CLOCK_MONOTONIC, as the C reader): `firstNs` right after the first read, `lastNs` when
 * the last event of the last read has been handled (the C reader records the same moment).
 */
import { eventWalker, FAN_Q_OVERFLOW, type KernelRecordSchema, type WalkEvent } from '../../src/index.js';
import { openGroup, type FanotifyGroup, type ReadInfo } from '../../src/entries/live.js';
import { Checksum } from '../checksum.js';
import { ChecksumVisitor, touchEvent } from '../package-decoders.js';
import { reportedOps, reportedOpsLow, type LiveSetup, type ReaderReport } from './setup.js';

/** Which of the package's consumers the child runs. */
export type JsConsumer = 'events' | 'batches' | 'walk';

/** The setup of a JavaScript reader: the C reader's, and which consumer. */
export interface JsReaderSetup extends LiveSetup {
  /** Default `'events'`. */
  readonly consumer?: JsConsumer;
}

interface Consumed {
  readonly overflows: number;
  /** Reported operations (see `reportedOps`). */
  readonly ops: number;
  /** CLOCK_MONOTONIC ns once the last event of the last read was handled. */
  readonly lastNs: number;
}

/** The per-event API: `for await (const event of group.events())`, one step per event. */
async function byEvent(group: FanotifyGroup, ck: Checksum, stormOver: AbortSignal): Promise<Consumed> {
  const stats = group.stats;
  let overflows = 0;
  let ops = 0;
  let lastNs = 0;
  for await (const event of group.events({ untilDrained: stormOver })) {
    const mask = touchEvent(event.view, ck);
    if (mask & FAN_Q_OVERFLOW) overflows++;
    ops += reportedOps(mask);
    // The last event of the batch read so far: one clock read per read(), not per event.
    if (stats.delivered === stats.events) lastNs = Number(process.hrtime.bigint());
  }
  return { overflows, ops, lastNs };
}

/** The batch API: `for await (const batch of group.batches())`, one step per read. */
async function byBatch(group: FanotifyGroup, ck: Checksum, stormOver: AbortSignal): Promise<Consumed> {
  let overflows = 0;
  let ops = 0;
  let lastNs = 0;
  for await (const batch of group.batches({ untilDrained: stormOver })) {
    for (const event of batch) {
      const mask = touchEvent(event.view, ck);
      if (mask & FAN_Q_OVERFLOW) overflows++;
      ops += reportedOps(mask);
    }
    lastNs = Number(process.hrtime.bigint());
  }
  return { overflows, ops, lastNs };
}

/** The decode table's walker visitor, also counting overflows and the storm's operations. */
class LiveVisitor extends ChecksumVisitor {
  overflows = 0;
  ops = 0;

  override event(e: WalkEvent<KernelRecordSchema>): void {
    super.event(e);
    if ((e.mask_lo & OVERFLOW_LOW) !== 0) this.overflows++;
    this.ops += reportedOpsLow(e.mask_lo);
  }
}
const OVERFLOW_LOW = Number(FAN_Q_OVERFLOW);

/** The batch API with a walker: `walker.walk(batch.bytes())`, one step per read. */
async function byWalk(group: FanotifyGroup, ck: Checksum, stormOver: AbortSignal): Promise<Consumed> {
  const visitor = new LiveVisitor();
  visitor.ck = ck;
  const walker = eventWalker(visitor);
  let lastNs = 0;
  for await (const batch of group.batches({ untilDrained: stormOver })) {
    walker.walk(batch.bytes());
    lastNs = Number(process.hrtime.bigint());
  }
  return { overflows: visitor.overflows, ops: visitor.ops, lastNs };
}

/** Each consumer's loop. */
const CONSUMERS: Record<JsConsumer, (group: FanotifyGroup, ck: Checksum, stormOver: AbortSignal) => Promise<Consumed>> = { events: byEvent, batches: byBatch, walk: byWalk };

export async function liveJsChild(setup: JsReaderSetup): Promise<void> {
  const stormOver = new AbortController();
  let firstNs = 0;
  const group = openGroup({
    fid: true,
    dirFid: true,
    name: true,
    eventFlags: setup.eventFFlags,
    bufferSize: setup.bufSize,
    onRead: (_bytes: Uint8Array, info: ReadInfo) => {
      if (firstNs === 0) firstNs = Number(info.hrtimeNs);
    },
  });
  try {
    // The same fanotify_init and fanotify_mark calls as the C reader, or no comparison.
    if (group.initFlags !== setup.initFlags || group.eventFFlags !== setup.eventFFlags) {
      throw new Error(`openGroup made fanotify_init(${group.initFlags}, ${group.eventFFlags}), the C reader makes (${setup.initFlags}, ${setup.eventFFlags})`);
    }
    const mark = group.addMark({ path: setup.dir, object: 'filesystem', events: BigInt(setup.mask) });
    if (mark.flags !== setup.markFlags || mark.mask !== BigInt(setup.mask)) {
      throw new Error(`addMark made fanotify_mark(${mark.flags}, ${mark.mask}), the C reader makes (${setup.markFlags}, ${setup.mask})`);
    }
    if (group.bufferSize !== setup.bufSize) throw new Error(`buffer ${group.bufferSize} B, the C reader reads ${setup.bufSize} B`);

    const ck = new Checksum();
    const stats = group.stats;
    process.stdin.on('end', () => stormOver.abort());
    process.stdin.resume();
    const cpu0 = process.cpuUsage();
    process.stdout.write('ready\n');

    const { overflows, ops, lastNs } = await CONSUMERS[setup.consumer ?? 'events'](group, ck, stormOver.signal);

    const cpu = process.cpuUsage(cpu0);
    if (overflows !== stats.overflows) throw new Error(`the views saw ${overflows} overflow events, group.stats ${stats.overflows}`);
    if (ck.events !== stats.delivered || stats.delivered !== stats.events) throw new Error(`touched ${ck.events} events, group delivered ${stats.delivered} of ${stats.events}`);
    if (stats.readErrors !== 0 || stats.cleanupErrors !== 0 || stats.discarded !== 0) throw new Error(`group.stats: ${JSON.stringify(stats)}`);
    const report: ReaderReport = {
      events: ck.events,
      ops,
      overflows,
      bytes: stats.bytes,
      reads: stats.reads,
      firstNs,
      lastNs,
      cpuNs: (cpu.user + cpu.system) * 1000,
      checksum: ck.digest(),
    };
    process.stdout.write(JSON.stringify(report) + '\n');
  } finally {
    group.close();
    process.stdin.pause();
  }
}
