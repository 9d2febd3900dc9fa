/**
 * The JavaScript live consumer (placeholder until the package's live consumer API exists): the
 * raw native addon's init/mark/poll/read, decoding each read with decodeEvents (reuseViews)
 * and touching every field, like the C reader. Runs as a child process speaking the C reader's
 * protocol ("ready", stdin EOF = storm over, one JSON line).
 *
 * LEAD: when src/live has its consumer, add a second JS row that uses it instead of the addon.
 */
import { decodeEvents, FAN_Q_OVERFLOW } from '../../src/index.js';
import { Checksum } from '../checksum.js';
import { importBuilt } from '../dynamic-import.js';
import { touchEvent } from '../package-decoders.js';
import type { LiveSetup, ReaderReport } from './setup.js';

/** The part of the addon (src/live/native/binding.ts) this consumer uses. */
interface Addon {
  readonly constants: { readonly EAGAIN: number; readonly AT_FDCWD: number };
  init(flags: number, eventFFlags: number): number;
  mark(fd: number, flags: number, mask: bigint, dirfd: number, path: string | null): number;
  read(fd: number, buf: Uint8Array, offset: number, length: number): number;
  close(fd: number): number;
  poll(fd: number, callback: (status: number, events: number) => void): { close(): void } | number;
}

function check(what: string, result: number): number {
  if (result < 0) throw new Error(`${what} failed: errno ${-result}`);
  return result;
}

export async function liveJsChild(setup: LiveSetup, nativeFile: string): Promise<void> {
  const load = (await importBuilt(nativeFile))['loadNativeBinding'] as () => Addon;
  const addon = load();
  const fd = check('fanotify_init', addon.init(setup.initFlags, setup.eventFFlags));
  check('fanotify_mark', addon.mark(fd, setup.markFlags, BigInt(setup.mask), addon.constants.AT_FDCWD, setup.dir));
  const buf = new Uint8Array(setup.bufSize);
  const ck = new Checksum();
  const eagain = -addon.constants.EAGAIN;
  const flyweight = { reuseViews: true } as const;
  let overflows = 0;
  let bytes = 0;
  let reads = 0;
  let firstNs = 0;
  let lastNs = 0;

  const drain = (): void => {
    for (;;) {
      const n = addon.read(fd, buf, 0, buf.length);
      if (n === eagain) return;
      check('read', n);
      const t = Number(process.hrtime.bigint());
      if (firstNs === 0) firstNs = t;
      lastNs = t;
      reads++;
      bytes += n;
      for (const ev of decodeEvents(buf.subarray(0, n), flyweight)) if (touchEvent(ev, ck) & FAN_Q_OVERFLOW) overflows++;
    }
  };

  const handle = addon.poll(fd, (status) => {
    check('poll', status);
    drain();
  });
  if (typeof handle === 'number') check('poll', handle);
  const cpu0 = process.cpuUsage();
  process.stdout.write('ready\n');

  process.stdin.resume();
  process.stdin.on('end', () => {
    drain();
    const cpu = process.cpuUsage(cpu0);
    if (typeof handle !== 'number') handle.close();
    addon.close(fd);
    const report: ReaderReport = {
      events: ck.events,
      overflows,
      bytes,
      reads,
      firstNs,
      lastNs,
      cpuNs: (cpu.user + cpu.system) * 1000,
      checksum: ck.digest(),
    };
    process.stdout.write(JSON.stringify(report) + '\n');
  });
}
