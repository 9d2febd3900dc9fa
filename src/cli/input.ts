/**
 * Reading CLI inputs as chunks: a file path or `-` for stdin, in bounded blocks so that dumps
 * of any size stream through in constant memory.
 *
 * @packageDocumentation
 */
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import type { CliIo } from './command.js';

/** Block size for reading dumps. */
export const READ_CHUNK = 1 << 16;

/**
 * Block size for commands whose work per byte is small (`stats`, `decode` to JSON Lines): each
 * block costs a trip through the thread pool and an await, which at 64 KiB took longer than
 * counting the events.
 */
export const LARGE_READ_CHUNK = 1 << 20;

/**
 * The chunks of `path` (`-` = `io.stdin`), files read `chunkSize` bytes at a time. `io.stdin`
 * is read only for `-`: node makes `process.stdin` on first use (~1 ms of a `stats` run).
 *
 * @internal
 */
export async function* readChunks(path: string, io: Pick<CliIo, 'stdin'>, chunkSize = READ_CHUNK): AsyncGenerator<Uint8Array> {
  const source = path === '-' ? io.stdin : createReadStream(path, { highWaterMark: chunkSize });
  for await (const chunk of source) {
    yield typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array);
  }
}

/**
 * The chunks of `path` for a consumer that is done with each chunk before it asks for the next
 * (`stats`): a regular file is read synchronously into one reused buffer, so no read waits on
 * the thread pool and no block is allocated per read; stdin and other files as {@link readChunks}.
 *
 * @internal
 */
export async function* readChunksReused(path: string, io: Pick<CliIo, 'stdin'>, chunkSize = READ_CHUNK): AsyncGenerator<Uint8Array> {
  // A pipe or device may block, even to open: only regular files are read synchronously, and
  // anything else (a missing file too, so its error reads as before) goes the stream way.
  if (path === '-' || !isRegularFile(path)) return yield* readChunks(path, io, chunkSize);
  const fd = openSync(path, 'r');
  try {
    const block = new Uint8Array(chunkSize);
    for (let n = readSync(fd, block); n > 0; n = readSync(fd, block)) yield block.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Writes `text` to `out`, waiting for `drain` when the stream's buffer is full (backpressure). @internal */
export async function writeWithBackpressure(out: NodeJS.WritableStream, text: string): Promise<void> {
  if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', resolve));
}
