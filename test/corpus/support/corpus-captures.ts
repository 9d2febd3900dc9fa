/**
 * The captures of a corpus directory: every `<fs>/<case>/capture.bin` with its sidecar and
 * expected JSON Lines, loaded and decoded once.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CaptureSidecar } from '../../../src/live/capture/sidecar.js';
import type { JsonObject } from '../../../src/schema/compile.js';
import { decodeEvents } from '../../../src/index.js';

/** The committed corpus. */
export const CORPUS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../corpus');

/** One capture. */
export interface Capture {
  /** `<fs>/<case>`. */
  readonly id: string;
  readonly dir: string;
  readonly bytes: Uint8Array;
  readonly sidecar: CaptureSidecar;
  readonly sidecarText: string;
  /** The committed `capture.jsonl`. */
  readonly jsonl: string;
  /** The events decoded from `bytes` (JSON form). */
  readonly events: JsonObject[];
}

/** `<fs>/<case>` of every capture under `root`, sorted. */
export function captureIds(root: string = CORPUS_DIR): string[] {
  const ids: string[] = [];
  for (const fs of readdirSync(root).sort()) {
    const fsDir = path.join(root, fs);
    if (!statSync(fsDir).isDirectory()) continue;
    for (const name of readdirSync(fsDir).sort()) {
      if (existsSync(path.join(fsDir, name, 'capture.bin'))) ids.push(`${fs}/${name}`);
    }
  }
  return ids;
}

/** Loads one capture (its three files must exist). */
export function loadCapture(id: string, root: string = CORPUS_DIR): Capture {
  const dir = path.join(root, id);
  const bytes = new Uint8Array(readFileSync(path.join(dir, 'capture.bin')));
  const sidecarText = readFileSync(path.join(dir, 'capture.json'), 'utf8');
  const jsonl = readFileSync(path.join(dir, 'capture.jsonl'), 'utf8');
  const byteOrder = (JSON.parse(sidecarText) as CaptureSidecar).byteOrder;
  const events = [...decodeEvents(bytes, { byteOrder })].map((e) => e.toJSON());
  return { id, dir, bytes, sidecar: JSON.parse(sidecarText) as CaptureSidecar, sidecarText, jsonl, events };
}

/** Every capture under `root`. */
export function loadCorpus(root: string = CORPUS_DIR): Capture[] {
  return captureIds(root).map((id) => loadCapture(id, root));
}
