/**
 * What the inspection commands take from a capture's sidecar (written by `capture`, format in
 * src/live/capture/sidecar.ts): where each read() starts in the dump and when it returned.
 *
 * @packageDocumentation
 */
import { readFileSync } from 'node:fs';
import { FanotifyCodecError } from '../../fanotify-codec-error.js';
import { CAPTURE_FORMAT } from '../../live/capture/sidecar.js';
import type { JsonObject } from '../../schema/compile.js';
import type { PrettyPosition } from './pretty.js';

/** The read() timeline of a capture. @internal */
export interface CaptureTimeline {
  /** Bytes each read() returned, in order. */
  readonly readBytes: readonly number[];
  /** Read index and relative time of the read() that returned the byte at `streamOffset`. */
  positionOf(streamOffset: number): PrettyPosition;
}

/** Raised for a sidecar that does not describe reads. @internal */
export class SidecarFormatError extends FanotifyCodecError {
  /** Stable, machine-readable reason (see docs/errors.md). */
  declare readonly code: 'CLI_BAD_SIDECAR';

  /** @param detail - What the sidecar lacks, in words. */
  constructor(detail: string) {
    super('CLI_BAD_SIDECAR', `not a capture sidecar: ${detail}`);
    this.name = 'SidecarFormatError';
  }
}

interface ReadEntry {
  readonly offset: number;
  readonly length: number;
  readonly timeNs: bigint | undefined;
}

function readEntries(sidecar: unknown): ReadEntry[] {
  const format = (sidecar as { format?: unknown } | null)?.format;
  if (format !== CAPTURE_FORMAT) throw new SidecarFormatError(`"format" is ${JSON.stringify(format)}, expected "${CAPTURE_FORMAT}"`);
  const reads = (sidecar as { reads?: unknown }).reads;
  if (!Array.isArray(reads)) throw new SidecarFormatError('no "reads" array');
  let expected = 0;
  return reads.map((r: unknown, i) => {
    const entry = r as { offset?: unknown; length?: unknown; hrtimeNs?: unknown } | null;
    if (typeof entry?.offset !== 'number' || typeof entry.length !== 'number') throw new SidecarFormatError(`reads[${i}] needs numeric offset and length`);
    // Reads partition the dump: each starts where the previous ended.
    if (entry.offset !== expected) throw new SidecarFormatError(`reads[${i}].offset is ${entry.offset}, expected ${expected}`);
    expected += entry.length;
    const t = entry.hrtimeNs;
    return { offset: entry.offset, length: entry.length, timeNs: typeof t === 'string' && /^\d+$/.test(t) ? BigInt(t) : undefined };
  });
}

function relativeSeconds(ns: bigint, origin: bigint): string {
  const micros = Number((ns - origin) / 1000n);
  return `+${(micros / 1e6).toFixed(6)}s`;
}

/** Builds the timeline of a parsed sidecar (times are relative to the first read). @internal */
export function captureTimeline(sidecar: unknown): CaptureTimeline {
  const entries = readEntries(sidecar);
  const end = entries.reduce((n, e) => n + e.length, 0);
  const origin = entries[0]?.timeNs;
  return {
    readBytes: entries.map((e) => e.length),
    positionOf(streamOffset) {
      if (entries.length === 0 || streamOffset < 0 || streamOffset >= end) return {};
      let lo = 0;
      let hi = entries.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (entries[mid]!.offset <= streamOffset) lo = mid;
        else hi = mid - 1;
      }
      const t = entries[lo]!.timeNs;
      return { readIndex: lo, time: t !== undefined && origin !== undefined ? relativeSeconds(t, origin) : undefined };
    },
  };
}

/** Sidecars are small; anything larger than this is not one (and is not read into memory). */
const MAX_SIDECAR_BYTES = 64 << 20;

/** Reads a whole sidecar from chunks and checks its format. @internal */
export async function readSidecar(chunks: AsyncIterable<Uint8Array>): Promise<JsonObject> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (size > MAX_SIDECAR_BYTES) throw new SidecarFormatError(`larger than ${MAX_SIDECAR_BYTES} bytes`);
    parts.push(chunk);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(parts).toString('utf8'));
  } catch (error) {
    throw new SidecarFormatError(`not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const format = (parsed as { format?: unknown } | null)?.format;
  if (format !== CAPTURE_FORMAT) throw new SidecarFormatError(`"format" is ${JSON.stringify(format)}, expected "${CAPTURE_FORMAT}"`);
  return parsed as JsonObject;
}

/** Reads and parses a sidecar file. @internal */
export function loadCaptureTimeline(path: string): CaptureTimeline {
  let parsed: unknown;
  const text = readFileSync(path, 'utf8');
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SidecarFormatError(`not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return captureTimeline(parsed);
}
