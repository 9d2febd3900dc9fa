/**
 * Conformance vectors (corpus/vectors/): the checked-in files are exactly what the package
 * generates now; they cover every error code of README "Errors" and both byte orders; `decode`
 * prints each valid vector's .jsonl and `encode` gives its bytes back; and the C reference
 * decoder (test/export/c/vector-decoder.c, built with gcc against the exported C header) agrees
 * with every expectation. gcc is required (CI installs it).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCHeader } from '../../src/entries/export.js';
import { fanotifyCodec } from '../../src/codec/codec.js';
import { encodeEvents } from '../../src/index.js';
import { toHex } from '../../src/entries/golden.js';
import { runInProcess } from '../helpers/run-cli.js';
import { ROOT } from './support/corpus-files.js';
import { buildVectors, VECTORS_FORMAT, type ManifestEntry, type MalformedExpectation } from './vectors/build.js';
import { staleVectors } from './vectors/files.js';

const DIR = path.join(ROOT, 'corpus/vectors');
const manifest = JSON.parse(fs.readFileSync(path.join(DIR, 'manifest.json'), 'utf8')) as { format: string; version: number; vectors: ManifestEntry[] };
const valid = manifest.vectors.filter((v) => v.kind === 'valid');
const malformed = manifest.vectors.filter((v) => v.kind === 'malformed');
let tmp = '';
let decoder = '';

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fanotify-codec-vectors-'));
  fs.writeFileSync(path.join(tmp, 'fanotify-codec.h'), exportCHeader());
  decoder = path.join(tmp, 'vector-decoder');
  execFileSync('/usr/bin/gcc', ['-std=gnu11', '-O1', '-Wall', '-Wextra', '-Werror', '-I', tmp, '-o', decoder, path.join(ROOT, 'test/export/c/vector-decoder.c')], { stdio: ['ignore', 'pipe', 'pipe'] });
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

function read(entry: ManifestEntry, file: string): Buffer {
  return fs.readFileSync(path.join(DIR, file));
}

/** The expected JSON as the C decoder prints it: without the derived names, names as bytes. */
function wireForm(line: string): unknown {
  const event = JSON.parse(line) as Record<string, unknown> & { info: Record<string, unknown>[] };
  delete event['mask_names'];
  for (const record of event.info) {
    delete record['info_type_name'];
    if ('name' in record) {
      record['name_hex'] = record['name_hex'] ?? toHex(new TextEncoder().encode(record['name'] as string));
      delete record['name'];
    }
  }
  return event;
}

function runC(entry: ManifestEntry): { status: number | null; lines: unknown[] } {
  const r = spawnSync(decoder, [entry.byte_order, path.join(DIR, entry.bytes)], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return { status: r.status, lines: r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown) };
}

describe('the checked-in vectors', () => {
  it('are what the package generates now (npm run vectors)', () => {
    expect(staleVectors(DIR, buildVectors())).toEqual([]);
  });

  it('have a manifest naming every file, in both byte orders', () => {
    expect([manifest.format, manifest.version]).toEqual([VECTORS_FORMAT, 1]);
    expect(valid.length).toBeGreaterThanOrEqual(20);
    expect(malformed.length).toBeGreaterThanOrEqual(15);
    for (const v of manifest.vectors) for (const f of [v.bytes, v.expected]) expect(fs.existsSync(path.join(DIR, f)), f).toBe(true);
    expect(new Set(manifest.vectors.map((v) => v.byte_order))).toEqual(new Set(['little', 'big']));
    console.info(`conformance vectors: ${valid.length} valid, ${malformed.length} malformed`);
  });

  it('cover every error code README "Errors" documents', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.split('\n## Errors\n')[1]!.split('\n## ')[0]!;
    const documented = new Set([...section.matchAll(/^\| (`[A-Z_]+`(?: \/ `[A-Z_]+`)*) \|/gm)].flatMap((m) => [...m[1]!.matchAll(/`([A-Z_]+)`/g)].map((c) => c[1]!)));
    const covered = new Set(malformed.map((v) => (JSON.parse(read(v, v.expected).toString('utf8')) as MalformedExpectation).error.code));
    expect(documented.size).toBeGreaterThanOrEqual(11);
    expect([...documented].filter((code) => !covered.has(code))).toEqual([]);
  });
});

describe.each(valid.map((v) => [v.name, v] as const))('valid %s', (_, v) => {
  it('decode prints the .jsonl; encode gives the bytes back', async () => {
    const jsonl = read(v, v.expected).toString('utf8');
    const r = await runInProcess(['decode', '--endian', v.byte_order, path.join(DIR, v.bytes)]);
    // The CLI notes an input of no bytes on stderr (a valid stream, but usually a failed capture).
    const note = jsonl === '' ? `fanotify-codec decode: ${path.join(DIR, v.bytes)}: note: empty input: no events\n` : '';
    expect([r.code, r.stderr, r.text]).toEqual([0, note, jsonl]);
    const inputs = jsonl.split('\n').filter(Boolean).map((line, i) => fanotifyCodec.eventFromJSON(JSON.parse(line), i));
    expect(encodeEvents(inputs, { byteOrder: v.byte_order })).toEqual(new Uint8Array(read(v, v.bytes)));
  });

  it('the C reference decoder agrees', () => {
    const expected = read(v, v.expected).toString('utf8').split('\n').filter(Boolean).map(wireForm);
    expect(runC(v)).toEqual({ status: 0, lines: expected });
  });
});

describe.each(malformed.map((v) => [v.name, v] as const))('malformed %s', (_, v) => {
  it('the C reference decoder stops at the same code, offset and path', () => {
    const expected = JSON.parse(read(v, v.expected).toString('utf8')) as MalformedExpectation;
    const { status, lines } = runC(v);
    expect(status).toBe(1);
    expect(lines.at(-1)).toEqual({ error: expected.error });
    expect(lines.length - 1).toBe(expected.events_before);
  });
});
