/**
 * The bytes every decoder reads: the captured corpus (corpus/<fs>/<case>/capture.bin) repeated to the
 * target size, or the synthetic mix while there is no corpus, plus one synthetic stream per shape.
 * Streams are cut into read()-sized batches of whole events, as a consumer would decode them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { encodeEvents, validateEvents } from '../src/index.js';
import { makeMixEvents, makeShapeEvents, type Shape } from './shapes.js';

/** Batch size: what one read() of a fanotify fd returns at most with a 64 KiB buffer. */
export const BATCH_BYTES = 64 * 1024;
/** Distinct synthetic events encoded before repetition. */
const BLOCK_EVENTS = 4096;

export interface Dataset {
  /** Row label. */
  readonly label: string;
  /** The whole stream, in its own ArrayBuffer at offset 0. */
  readonly bytes: Uint8Array;
  /** Views of `bytes`, each ≤ BATCH_BYTES of whole events. */
  readonly batches: readonly Uint8Array[];
  /** Events in each batch. */
  readonly batchEvents: readonly number[];
  readonly events: number;
  /** Where the bytes came from, for the output. */
  readonly source: string;
}

/** Offsets where events start, by event_len (the stream must be well-formed). */
function eventStarts(bytes: Uint8Array): number[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const starts: number[] = [];
  for (let pos = 0; pos < bytes.length; ) {
    starts.push(pos);
    const len = dv.getUint32(pos, true);
    if (len < 24 || pos + len > bytes.length) throw new Error(`bad event_len ${len} at ${pos}`);
    pos += len;
  }
  return starts;
}

/** Cuts `bytes` into batches of whole events. */
export function toDataset(label: string, bytes: Uint8Array, source: string): Dataset {
  const starts = eventStarts(bytes);
  const batches: Uint8Array[] = [];
  const batchEvents: number[] = [];
  let begin = 0;
  let first = 0;
  for (let i = 0; i < starts.length; i++) {
    const next = starts[i + 1] ?? bytes.length;
    if (next - begin > BATCH_BYTES && i > first) {
      batches.push(bytes.subarray(begin, starts[i]!));
      batchEvents.push(i - first);
      begin = starts[i]!;
      first = i;
    }
  }
  if (begin < bytes.length) {
    batches.push(bytes.subarray(begin));
    batchEvents.push(starts.length - first);
  }
  return { label, bytes, batches, batchEvents, events: starts.length, source };
}

/** `block` repeated to about `target` bytes, cut at an event boundary (at least one event). */
export function repeatTo(block: Uint8Array, target: number): Uint8Array {
  if (block.length >= target) {
    const starts = eventStarts(block);
    const cut = starts.find((s) => s >= target) ?? block.length;
    return block.slice(0, Math.max(cut, starts[1] ?? block.length));
  }
  const copies = Math.round(target / block.length);
  const out = new Uint8Array(block.length * copies);
  for (let i = 0; i < copies; i++) out.set(block, i * block.length);
  return out;
}

/**
 * The host kernel's captures (corpus/<fs>/<case>/capture.bin): not the per-kernel copies
 * (corpus/linux-*, the same shapes again) nor the conformance vectors (corpus/vectors, synthetic
 * streams with record types the peer decoders do not know).
 */
function binFiles(dir: string, top = true): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (!(top && (entry === 'vectors' || entry.startsWith('linux-')))) out.push(...binFiles(full, false));
    } else if (entry === 'capture.bin') out.push(full);
  }
  return out;
}

export interface CorpusLoad {
  readonly bytes: Uint8Array;
  readonly files: number;
  /** Files that did not validate, with the reason; they are left out. */
  readonly skipped: readonly string[];
}

/** Concatenates every valid capture of the host kernel's corpus, or undefined when there is none. */
export function loadCorpus(root: string): CorpusLoad | undefined {
  const dir = path.join(root, 'corpus');
  if (!existsSync(dir)) return undefined;
  const parts: Uint8Array[] = [];
  const skipped: string[] = [];
  for (const file of binFiles(dir)) {
    const bytes = new Uint8Array(readFileSync(file));
    try {
      if (validateEvents(bytes) > 0) parts.push(bytes);
    } catch (error) {
      skipped.push(`${path.relative(root, file)}: ${(error as Error).message}`);
    }
  }
  if (parts.length === 0) return undefined;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return { bytes: out, files: parts.length, skipped };
}

/** The main stream: the corpus repeated to `target`, or the synthetic mix. */
export function mainDataset(root: string, target: number): { dataset: Dataset; notes: string[] } {
  const corpus = loadCorpus(root);
  const notes = corpus?.skipped.map((s) => `corpus file skipped: ${s}`) ?? [];
  if (corpus) {
    const bytes = repeatTo(corpus.bytes, target);
    return { dataset: toDataset('corpus', bytes, `corpus: ${corpus.files} file(s), ${corpus.bytes.length} B, repeated to ${bytes.length} B`), notes };
  }
  notes.push('corpus/ has no *.bin yet: the main stream is the SYNTHETIC MIX (see bench/shapes.ts MIX_WEIGHTS), not captured data');
  const bytes = repeatTo(encodeEvents(makeMixEvents(BLOCK_EVENTS)), target);
  return { dataset: toDataset('synthetic mix', bytes, `synthetic mix: ${BLOCK_EVENTS} distinct events repeated to ${bytes.length} B`), notes };
}

/** One synthetic stream per shape, built with the package's encoder. */
export function shapeDataset(shape: Shape, target: number): Dataset {
  const bytes = repeatTo(encodeEvents(makeShapeEvents(shape, BLOCK_EVENTS)), target);
  return toDataset(shape, bytes, `synthetic ${shape}`);
}

/** Reads a stream written by the parent (child processes decode exactly the parent's bytes). */
export function datasetFromFile(label: string, file: string): Dataset {
  return toDataset(label, new Uint8Array(readFileSync(file)), file);
}
