/**
 * Reading CLI inputs as chunks: a file path or `-` for stdin, in bounded blocks so that dumps
 * of any size stream through in constant memory.
 *
 * @packageDocumentation
 */
import { closeSync, createReadStream, openSync, read, statSync } from 'node:fs';
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
 * (`stats`): a regular file is read into two reused buffers in turn, the next block read on the
 * thread pool while the consumer counts the one it has, so the copy from the page cache (~9 ms
 * of the 64 MiB bench stream) runs on another core; no block is allocated per read. Stdin and
 * other files as {@link readChunks}.
 *
 * @internal
 */
export async function* readChunksReused(path: string, io: Pick<CliIo, 'stdin'>, chunkSize = READ_CHUNK): AsyncGenerator<Uint8Array> {
  // A pipe or device may block, even to open: only regular files are read this way, and
  // anything else (a missing file too, so its error reads as before) goes the stream way.
  if (path === '-' || !isRegularFile(path)) return yield* readChunks(path, io, chunkSize);
  const fd = openSync(path, 'r');
  let block = new Uint8Array(chunkSize);
  let spare = new Uint8Array(chunkSize);
  let next = readBlock(fd, block);
  try {
    for (let n = await next; n > 0; n = await next) {
      // The consumer is done with the spare block: it asked for this one.
      next = readBlock(fd, spare);
      yield block.subarray(0, n);
      [block, spare] = [spare, block];
    }
  } finally {
    // A read still in flight (the consumer stopped early) must end before its fd is closed.
    await next.catch(() => 0);
    closeSync(fd);
  }
}

/** Reads up to `block.length` bytes at the file position of `fd` into `block`, on the thread pool. */
function readBlock(fd: number, block: Uint8Array): Promise<number> {
  return new Promise((resolve, reject) => read(fd, block, 0, block.length, null, (error, n) => (error ? reject(error) : resolve(n))));
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
