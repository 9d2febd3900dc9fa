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

/** The chunks of `path` (`-` = `stdin`). @internal */
export async function* readChunks(path: string, stdin: Readable): AsyncGenerator<Uint8Array> {
  const source = path === '-' ? stdin : createReadStream(path, { highWaterMark: READ_CHUNK });
  for await (const chunk of source) {
    yield typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array);
  }
}

/** Writes `text` to `out`, waiting for `drain` when the stream's buffer is full (backpressure). @internal */
export async function writeWithBackpressure(out: NodeJS.WritableStream, text: string): Promise<void> {
  if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', resolve));
}
