/**
 * `--follow`: the chunks of a file that is still being written (like `tail -f`), until the
 * caller aborts (SIGINT) or the file has not grown for an idle timeout.
 *
 * @packageDocumentation
 */
import { open } from 'node:fs/promises';
import { FanotifyCodecError } from '../../fanotify-codec-error.js';
import { READ_CHUNK } from '../input.js';

/** Options of {@link followChunks}. @internal */
export interface FollowOptions {
  /** Stop after the file has not grown for this many milliseconds (default: never). */
  readonly idleTimeoutMs?: number | undefined;
  /** Stop when aborted (the chunks read so far have been yielded). */
  readonly signal?: AbortSignal | undefined;
  /** How often to look for growth (default 100 ms). */
  readonly pollMs?: number | undefined;
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Raised when a followed file gets shorter (it was truncated or replaced). @internal */
export class FollowedFileShrankError extends FanotifyCodecError {
  /** Stable, machine-readable reason (see docs/errors.md). */
  declare readonly code: 'CLI_FOLLOWED_FILE_SHRANK';

  /**
   * @param path - The followed file.
   * @param size - Its size now.
   * @param position - How many bytes had been read.
   */
  constructor(path: string, size: number, position: number) {
    super('CLI_FOLLOWED_FILE_SHRANK', `${path} shrank to ${size} bytes after ${position} bytes were read (truncated or replaced?)`);
    this.name = 'FollowedFileShrankError';
  }
}

/** Chunks of `path` as it grows. @internal */
export async function* followChunks(path: string, options: FollowOptions = {}): AsyncGenerator<Uint8Array> {
  const pollMs = options.pollMs ?? 100;
  const file = await open(path, 'r');
  try {
    let position = 0;
    let lastGrowth = performance.now();
    for (;;) {
      const buffer = new Uint8Array(READ_CHUNK);
      const { bytesRead } = await file.read(buffer, 0, buffer.length, position);
      if (bytesRead > 0) {
        position += bytesRead;
        lastGrowth = performance.now();
        yield buffer.subarray(0, bytesRead);
        continue;
      }
      const { size } = await file.stat();
      if (size < position) throw new FollowedFileShrankError(path, size, position);
      if (options.signal?.aborted) return;
      if (options.idleTimeoutMs !== undefined && performance.now() - lastGrowth >= options.idleTimeoutMs) return;
      await pause(pollMs, options.signal);
    }
  } finally {
    await file.close();
  }
}
