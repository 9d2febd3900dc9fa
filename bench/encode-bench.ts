/**
 * Encode throughput per shape: the package's encodeEvents (which computes and checks every length
 * and pad) against restructure and typed-binary where they can express the shape (their inputs
 * carry precomputed lengths). Each peer's bytes are compared with the package's first: a peer
 * that does not produce the same stream is reported, not timed. Same method as decoding:
 * warm-up, interleaved rotated repetitions with a GC before each, median.
 */
import { decodeEventObjects, encodeEvents } from '../src/index.js';
import { encodeRestructure, toRestructureEvent } from './peers/restructure.js';
import { encodeTypedBinary, toTypedBinaryEvent } from './peers/typed-binary.js';
import { makeShapeEvents, SHAPES, type Shape } from './shapes.js';
import { median, nowNs, rotate, settle } from './timing.js';

export interface EncodeCell {
  readonly eventsPerSec: number;
  /** Why there is no figure (cannot express the shape, or different bytes). */
  readonly missing?: string;
}

export interface EncodeRow {
  readonly shape: Shape;
  readonly events: number;
  readonly package: EncodeCell;
  readonly restructure: EncodeCell;
  readonly typedBinary: EncodeCell;
}

export interface EncodeConfig {
  readonly events: number;
  readonly warmup: number;
  readonly reps: number;
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function benchEncode(cfg: EncodeConfig): EncodeRow[] {
  return SHAPES.map((shape): EncodeRow => {
    const inputs = makeShapeEvents(shape, cfg.events);
    const expected = encodeEvents(inputs);
    const values = decodeEventObjects(expected);
    const rsInputs = values.map(toRestructureEvent);
    const tbMaybe = values.map(toTypedBinaryEvent);
    const tbInputs = tbMaybe.every((x) => x !== undefined) ? tbMaybe.filter((x) => x !== undefined) : undefined;

    const missing: Record<string, string> = {};
    const contenders: { key: 'package' | 'restructure' | 'typedBinary'; run: () => Uint8Array; times: number[] }[] = [
      { key: 'package', run: () => encodeEvents(inputs), times: [] },
    ];
    if (same(encodeRestructure(rsInputs), expected)) contenders.push({ key: 'restructure', run: () => encodeRestructure(rsInputs), times: [] });
    else missing['restructure'] = 'bytes differ';
    if (!tbInputs) missing['typedBinary'] = 'cannot express (f_handle length from handle_bytes)';
    else if (same(encodeTypedBinary(tbInputs), expected)) contenders.push({ key: 'typedBinary', run: () => encodeTypedBinary(tbInputs), times: [] });
    else missing['typedBinary'] = 'bytes differ';

    for (const c of contenders) for (let i = 0; i < cfg.warmup; i++) c.run();
    for (let rep = 0; rep < cfg.reps; rep++) {
      for (const c of rotate(contenders, rep)) {
        settle();
        const t0 = nowNs();
        c.run();
        c.times.push(nowNs() - t0);
      }
    }
    const cell = (key: 'package' | 'restructure' | 'typedBinary'): EncodeCell => {
      const c = contenders.find((x) => x.key === key);
      return c ? { eventsPerSec: (cfg.events / median(c.times)) * 1e9 } : { eventsPerSec: NaN, missing: missing[key] ?? 'not run' };
    };
    return { shape, events: cfg.events, package: cell('package'), restructure: cell('restructure'), typedBinary: cell('typedBinary') };
  });
}
