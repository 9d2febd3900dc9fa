/**
 * The fuzz targets and their oracles. Beyond "no error but the package's own", each checks a
 * property the README promises: decode → encode is byte-identical; strict and validate agree;
 * lenient decoding never throws and every event it yields re-encodes to its bytes; chunked
 * streaming decodes what one-shot decoding does; the encoder's output always decodes; scenario
 * validation and the CLI's input reader fail only with their typed errors.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FuzzTarget } from './engine.js';
import {
  decodeEventObjects,
  decodeEvents,
  encodeEvents,
  EventStreamDecoder,
  exitCodeFor,
  fanotifyCodec,
  FanotifyDecodeError,
  FanotifyEncodeError,
  readStreamEvents,
  runScenario,
  ScenarioError,
  validateEvents,
  validateScenario,
} from './package-surface.js';

/** A broken promise of the package (not a crash, but as much a finding). */
export class InvariantError extends Error {
  override readonly name = 'InvariantError';
  /** The values involved (kept out of the message so one broken promise is one finding). */
  readonly detail: string;
  constructor(message: string, detail = '') {
    super(message);
    this.detail = detail;
  }
}

const ORDERS = ['little', 'big'] as const;
const decoder = new TextDecoder();
const encoder = new TextEncoder();

function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function check(ok: boolean, message: string, detail?: () => string): void {
  if (!ok) throw new InvariantError(message, detail?.() ?? '');
}

function files(root: string, suffix: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(root, e.name), suffix) : e.name.endsWith(suffix) ? [path.join(root, e.name)] : [])).sort();
}

/** Seeds: the corpus captures and conformance vectors (`.bin`) or their JSON Lines. */
function corpusSeeds(root: string, suffix: '.bin' | '.jsonl', maxLength: number): Uint8Array[] {
  return files(path.join(root, 'corpus'), suffix).map((f) => new Uint8Array(fs.readFileSync(f)).slice(0, maxLength));
}

function strictError(data: Uint8Array, byteOrder: 'little' | 'big'): FanotifyDecodeError | undefined {
  try {
    decodeEventObjects(data, { byteOrder });
    return undefined;
  } catch (error) {
    if (error instanceof FanotifyDecodeError) return error;
    throw error;
  }
}

function decodeStrict(data: Uint8Array): void {
  for (const byteOrder of ORDERS) {
    const error = strictError(data, byteOrder);
    let validated: unknown;
    try {
      validateEvents(data, { byteOrder });
    } catch (e) {
      validated = e;
    }
    check(error?.message === (validated as Error | undefined)?.message, 'validateEvents and decode disagree', () => `${String(validated)} vs ${String(error)}`);
    if (error) continue;
    const lines: string[] = [];
    for (const event of decodeEvents(data, { byteOrder })) {
      lines.push(JSON.stringify(event.toJSON()));
      for (const record of event.records()) record.toObject();
    }
    check(same(encodeEvents(decodeEventObjects(data, { byteOrder }), { byteOrder }), data), 'decode → encode is not byte-identical');
    const fromJson = lines.map((line, i) => fanotifyCodec.eventFromJSON(JSON.parse(line), i));
    check(same(encodeEvents(fromJson, { byteOrder }), data), 'decode → JSON → encode is not byte-identical');
  }
}

function decodeLenient(data: Uint8Array): void {
  for (const byteOrder of ORDERS) {
    for (const event of decodeEvents(data, { byteOrder, lenient: true, onMalformed: () => undefined })) {
      check(same(encodeEvents([event.toObject()], { byteOrder }), event.bytes()), 'a leniently decoded event does not re-encode to its bytes');
    }
  }
}

/** Chunk sizes from the input itself, so the corpus explores splits too. */
function chunks(data: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  const step = 1 + ((data[data.length - 1] ?? 0) % 37);
  for (let at = 0; at < data.length; at += step) out.push(data.subarray(at, at + step));
  return out;
}

function decodeStreaming(data: Uint8Array): void {
  const byteOrder = 'little';
  const expected: string[] = [];
  const oneShot = strictError(data, byteOrder);
  try {
    for (const e of decodeEvents(data, { byteOrder })) expected.push(JSON.stringify(e.toJSON()));
  } catch {
    // The events before the error are what the stream must yield too.
  }
  const got: string[] = [];
  const stream = new EventStreamDecoder({ byteOrder });
  let streamed: FanotifyDecodeError | undefined;
  try {
    for (const chunk of chunks(data)) for (const e of stream.push(chunk)) got.push(JSON.stringify(e.toJSON()));
    stream.end();
  } catch (error) {
    if (!(error instanceof FanotifyDecodeError)) throw error;
    streamed = error;
  }
  check((oneShot === undefined) === (streamed === undefined), 'one-shot and streaming decoding disagree on whether the stream is malformed', () => `one-shot ${String(oneShot)}, streaming ${String(streamed)}`);
  check(JSON.stringify(got) === JSON.stringify(expected), 'streaming yields different events than one-shot decoding');
}

function encodeJson(data: Uint8Array): void {
  decoder
    .decode(data)
    .split('\n')
    .forEach((line, i) => {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        return; // Not JSON: the CLI reports that before the codec sees it.
      }
      const input = fanotifyCodec.eventFromJSON(json, i);
      const bytes = encodeEvents([input], { byteOrder: 'little' });
      // The encoder computes every length; only an explicit vers other than 3 may make its output undecodable.
      const error = strictError(bytes, 'little');
      if (error) {
        check(error.code === 'DECODE_BAD_VERSION' && input.vers !== undefined && input.vers !== 3, 'the encoder wrote a stream that does not decode', () => error.message);
        return;
      }
      const view = [...decodeEvents(bytes, { byteOrder: 'little' })][0]!;
      const again = encodeEvents([fanotifyCodec.eventFromJSON(JSON.parse(JSON.stringify(view.toJSON())), i)], { byteOrder: 'little' });
      check(same(again, bytes), 'encode → decode → JSON → encode is not byte-identical');
    });
}

function scenario(data: Uint8Array): void {
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(data));
  } catch {
    return;
  }
  validateScenario(json);
  runScenario(json, { byteOrder: 'little' });
}

async function* once(data: Uint8Array): AsyncGenerator<Uint8Array> {
  yield* chunks(data);
}

async function cliInput(data: Uint8Array): Promise<void> {
  for await (const event of readStreamEvents(once(data), { byteOrder: 'little', withBytes: true })) JSON.stringify(event.json);
}

/** The targets, seeded from the package root's corpus/ and test/model/scenarios/. */
export function fuzzTargets(root: string): FuzzTarget[] {
  const bytesSeeds = () => corpusSeeds(root, '.bin', 16_384);
  const jsonSeeds = () => corpusSeeds(root, '.jsonl', 16_384);
  const decodeError = (e: unknown) => e instanceof FanotifyDecodeError;
  return [
    { name: 'decode-strict', input: 'bytes', maxLength: 16_384, seeds: bytesSeeds, run: decodeStrict, isExpected: decodeError },
    { name: 'decode-lenient', input: 'bytes', maxLength: 16_384, seeds: bytesSeeds, run: decodeLenient, isExpected: () => false },
    { name: 'decode-streaming', input: 'bytes', maxLength: 16_384, seeds: bytesSeeds, run: decodeStreaming, isExpected: decodeError },
    { name: 'encode-json', input: 'jsonl', maxLength: 16_384, seeds: jsonSeeds, run: encodeJson, isExpected: (e) => e instanceof FanotifyEncodeError },
    {
      name: 'scenario',
      input: 'jsonl',
      maxLength: 16_384,
      seeds: () => files(path.join(root, 'test/model/scenarios'), '.json').map((f) => encoder.encode(JSON.stringify(JSON.parse(fs.readFileSync(f, 'utf8'))))),
      run: scenario,
      isExpected: (e) => e instanceof ScenarioError,
    },
    { name: 'cli-input', input: 'bytes', maxLength: 16_384, seeds: () => [...bytesSeeds(), ...jsonSeeds()], run: cliInput, isExpected: (e) => exitCodeFor(e) !== undefined },
  ];
}
