/**
 * Builds the conformance vectors (corpus/vectors/) from the cases: the bytes, and what this
 * package's decoder makes of them — the JSON Lines `decode` prints for valid streams; the error
 * `code`, `offset` and `path`, the events before it, and the lenient outcome for malformed ones.
 */
import { decodeEvents, encodeEvents, FanotifyDecodeError, type ByteOrder } from '../../../src/index.js';
import { malformedCases, validCases } from './cases.js';

/** Format name and version of `manifest.json`. */
export const VECTORS_FORMAT = 'fanotify-codec-vectors';
export const VECTORS_VERSION = 1;

/** A decode error as the vectors record it. */
export interface ExpectedError {
  readonly code: string;
  readonly offset: number;
  readonly path: string;
}

/** `malformed/<name>.json`. */
export interface MalformedExpectation {
  readonly error: ExpectedError;
  /** Events a strict decoder yields before the error. */
  readonly events_before: number;
  /** What `{ lenient: true }` decoding yields: events, and each malformed event reported. */
  readonly lenient: { readonly events: number; readonly malformed: readonly ExpectedError[] };
}

/** One entry of `manifest.json`. */
export interface ManifestEntry {
  readonly name: string;
  readonly kind: 'valid' | 'malformed';
  readonly description: string;
  readonly byte_order: ByteOrder;
  readonly bytes: string;
  readonly expected: string;
}

function errorOf(error: unknown): ExpectedError {
  if (!(error instanceof FanotifyDecodeError)) throw error;
  return { code: error.code, offset: error.offset, path: error.path };
}

function strict(bytes: Uint8Array, byteOrder: ByteOrder): { lines: string[]; error: ExpectedError | undefined } {
  const lines: string[] = [];
  try {
    for (const event of decodeEvents(bytes, { byteOrder })) lines.push(JSON.stringify(event.toJSON()));
    return { lines, error: undefined };
  } catch (error) {
    return { lines, error: errorOf(error) };
  }
}

function lenient(bytes: Uint8Array, byteOrder: ByteOrder): MalformedExpectation['lenient'] {
  const malformed: ExpectedError[] = [];
  let events = 0;
  for (const _ of decodeEvents(bytes, { byteOrder, lenient: true, onMalformed: (e) => malformed.push(errorOf(e)) })) events++;
  return { events, malformed };
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/** Every vector file by its path under corpus/vectors/ (README.md, hand-written, excepted). */
export function buildVectors(): Map<string, Uint8Array | string> {
  const files = new Map<string, Uint8Array | string>();
  const manifest: ManifestEntry[] = [];
  for (const c of validCases) {
    const bytes = encodeEvents(c.events, { byteOrder: c.byteOrder });
    const { lines, error } = strict(bytes, c.byteOrder);
    if (error) throw new Error(`valid vector ${c.name} does not decode: ${error.code} at ${error.offset} (${error.path})`);
    files.set(`valid/${c.name}.bin`, bytes);
    files.set(`valid/${c.name}.jsonl`, lines.map((l) => l + '\n').join(''));
    manifest.push({ name: c.name, kind: 'valid', description: c.description, byte_order: c.byteOrder, bytes: `valid/${c.name}.bin`, expected: `valid/${c.name}.jsonl` });
  }
  for (const c of malformedCases) {
    const bytes = c.bytes();
    const { lines, error } = strict(bytes, c.byteOrder);
    if (!error) throw new Error(`malformed vector ${c.name} decodes without an error`);
    const expectation: MalformedExpectation = { error, events_before: lines.length, lenient: lenient(bytes, c.byteOrder) };
    files.set(`malformed/${c.name}.bin`, bytes);
    files.set(`malformed/${c.name}.json`, json(expectation));
    manifest.push({ name: c.name, kind: 'malformed', description: c.description, byte_order: c.byteOrder, bytes: `malformed/${c.name}.bin`, expected: `malformed/${c.name}.json` });
  }
  files.set('manifest.json', json({ format: VECTORS_FORMAT, version: VECTORS_VERSION, vectors: manifest }));
  return files;
}
