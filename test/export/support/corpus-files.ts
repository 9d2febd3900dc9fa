/** Every capture in corpus/ (all subdirectories, per-kernel ones included) with its byte order. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ByteOrder } from '../../../src/index.js';

/** The package root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** One capture: its bytes file (relative to the root) and the byte order its sidecar names. */
export interface Capture {
  readonly file: string;
  readonly byteOrder: ByteOrder;
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : entry.name.endsWith('.bin') ? [full] : [];
  });
}

/** The sidecar's byteOrder (captures record it); little-endian when a capture has no sidecar. */
function byteOrderOf(bin: string): ByteOrder {
  const sidecar = bin.replace(/\.bin$/, '.json');
  if (!fs.existsSync(sidecar)) return 'little';
  const order = (JSON.parse(fs.readFileSync(sidecar, 'utf8')) as { byteOrder?: unknown }).byteOrder;
  return order === 'big' ? 'big' : 'little';
}

/** Every `.bin` under corpus/ except the conformance vectors (which include malformed streams). */
export function corpusCaptures(): Capture[] {
  const corpus = path.join(ROOT, 'corpus');
  return walk(corpus)
    .filter((file) => !file.startsWith(path.join(corpus, 'vectors') + path.sep))
    .sort()
    .map((file) => ({ file: path.relative(ROOT, file), byteOrder: byteOrderOf(file) }));
}
