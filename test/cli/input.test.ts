/**
 * `readChunksReused` (stats' reader): a regular file read into two buffers in turn, the next
 * block in flight while the consumer has the current one. Every byte arrives in order, and the
 * file is closed however the consumer stops, with no read left in flight.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, expect, test } from 'vitest';
import { readChunksReused } from '../../src/cli/input.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'fanotify-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const io = { stdin: Readable.from([]) };
const openFds = (): number => readdirSync('/proc/self/fd').length;

function file(name: string, length: number): { path: string; bytes: Uint8Array } {
  const bytes = Uint8Array.from({ length }, (_, i) => (i * 131 + 7) & 0xff);
  const p = path.join(dir, name);
  writeFileSync(p, bytes);
  return { path: p, bytes };
}

test('yields every byte in order, in blocks of the chunk size, from alternating buffers', async () => {
  const f = file('whole.bin', 1000);
  const copies: Uint8Array[] = [];
  const buffers = new Set<ArrayBufferLike>();
  for await (const chunk of readChunksReused(f.path, io, 64)) {
    copies.push(chunk.slice());
    buffers.add(chunk.buffer);
  }
  expect(copies.map((c) => c.length)).toEqual([...Array<number>(15).fill(64), 40]);
  expect(Buffer.concat(copies).equals(Buffer.from(f.bytes))).toBe(true);
  expect(buffers.size).toBe(2);
});

test('an empty file yields nothing', async () => {
  const f = file('empty.bin', 0);
  const chunks: Uint8Array[] = [];
  for await (const chunk of readChunksReused(f.path, io, 64)) chunks.push(chunk);
  expect(chunks).toEqual([]);
});

test('closes the file when the consumer stops early or throws, after the read in flight ends', async () => {
  const f = file('stop.bin', 4096);
  const before = openFds();
  for await (const chunk of readChunksReused(f.path, io, 64)) {
    expect(chunk.length).toBe(64);
    break;
  }
  expect(openFds()).toBe(before);
  const failing = (async () => {
    for await (const _chunk of readChunksReused(f.path, io, 64)) throw new Error('consumer failed');
  })();
  await expect(failing).rejects.toThrow('consumer failed');
  expect(openFds()).toBe(before);
});
