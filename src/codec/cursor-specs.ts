/**
 * Which cursor class a codec gets, chosen here and nowhere else: the kernel codec's record set
 * uses the class generated at build time, any other set compiles its own from the same
 * generator.
 *
 * @packageDocumentation
 */
import { kernelRecords } from '../../spec/records.js';
import { fanotify_event_metadata } from '../../spec/structs/event-metadata.js';
import { kernelCursorClass } from '../generated/kernel-cursor.js';
import { cursorDeps, type CursorBase, type CursorClass } from './cursor.js';
import type { RecordTable } from './record-table.js';
import { cursorSpecsOf, renderCursorBody } from './cursor-source.js';
import type { AnyRecordSchema } from './types.js';

function isKernelSet(records: readonly AnyRecordSchema[]): boolean {
  return records.length === kernelRecords.length && records.every((r, i) => r === kernelRecords[i]);
}

let compiled = 0;
let kernelClass: CursorClass | undefined;

/**
 * One instance of each cursor class lives as long as its class. V8 holds the transitions to a
 * class's final hidden class weakly: with no instance alive (between two reads, after a GC) that
 * hidden class is collected, every optimized reader is thrown away, and the next cursor starts
 * cold. The anchor keeps it alive.
 */
const anchors = new WeakMap<CursorClass, CursorBase>();

function anchored(Cls: CursorClass): CursorClass {
  anchors.set(Cls, new Cls(undefined as unknown as RecordTable, {}).reset(new Uint8Array(0)));
  return Cls;
}

/**
 * The cursor class for a codec's records: the generated kernel class for exactly
 * `kernelRecords` (one class for every such codec), else one compiled now, with its own source
 * text so V8 keeps each codec's feedback apart; `null` where run-time compilation is not
 * allowed (an `EvalError` under a Content-Security-Policy without `unsafe-eval`).
 *
 * @internal
 */
export function cursorClassFor(records: readonly AnyRecordSchema[]): CursorClass | null {
  if (isKernelSet(records)) return (kernelClass ??= anchored(kernelCursorClass(cursorDeps)));
  const body = renderCursorBody(fanotify_event_metadata, cursorSpecsOf(records), { ts: false, tag: `fanotify-codec cursor #${++compiled}` });
  let factory: (deps: typeof cursorDeps) => CursorClass;
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    factory = new Function('deps', body) as typeof factory;
  } catch (error) {
    if (error instanceof EvalError) return null;
    throw error;
  }
  return anchored(factory(cursorDeps));
}
