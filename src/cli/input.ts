/**
 * Reading CLI inputs as chunks: a file path or `-` for stdin, in bounded blocks so that dumps
 * of any size stream through in constant memory.
 *
 * @packageDocumentation
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';

/** Block size for reading dumps. */
export const READ_CHUNK = 1 << 16;

/**
 * Block size for commands whose work per byte is small (`stats`, `decode` to JSON Lines): each
 * block costs a trip through the thread pool and an await, which at 64 KiB took longer than
 * counting the events.
 */
export const LARGE_READ_CHUNK = 1 << 20;

/** The chunks of `path` (`-` = `stdin`), files read `chunkSize` bytes at a time. @internal */
export async function* readChunks(path: string, stdin: Readable, chunkSize = READ_CHUNK): AsyncGenerator<Uint8Array> {
  const source = path === '-' ? stdin : createReadStream(path, { highWaterMark: chunkSize });
  for await (const chunk of source) {
    yield typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array);
  }
}

/** Writes `text` to `out`, waiting for `drain` when the stream's buffer is full (backpressure). @internal */
export async function writeWithBackpressure(out: NodeJS.WritableStream, text: string): Promise<void> {
  if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', resolve));
}
