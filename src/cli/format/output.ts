/**
 * Writing command output (text or bytes) with backpressure, so a slow reader of stdout never
 * makes a command buffer a whole dump in memory, and a failing stream (EPIPE) rejects instead
 * of hanging.
 *
 * @packageDocumentation
 */
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';

/** The first error each output stream emitted (a write to a closed pipe fails asynchronously). */
const failures = new WeakMap<NodeJS.WritableStream, Error>();

function watch(out: NodeJS.WritableStream): void {
  if (failures.has(out) || out.listeners('error').includes(record)) return;
  out.on('error', record);
}

function record(this: NodeJS.WritableStream, error: Error): void {
  if (!failures.has(this)) failures.set(this, error);
}

/**
 * Writes `data` to `out`, waiting for `drain` when the stream's buffer is full. Rejects with the
 * stream's error (EPIPE when the reader went away) instead of waiting forever.
 *
 * @internal
 */
export async function writeOutput(out: NodeJS.WritableStream, data: string | Uint8Array): Promise<void> {
  watch(out);
  const failed = failures.get(out);
  if (failed) throw failed;
  if (data.length === 0) return;
  if (out.write(data)) return;
  await new Promise<void>((resolve, reject) => {
    const onDrain = (): void => {
      out.off('error', onError);
      resolve();
    };
    const onError = (error: Error): void => {
      out.off('drain', onDrain);
      reject(error);
    };
    out.once('drain', onDrain);
    out.once('error', onError);
  });
}

/** Whether `error` says the reader of our output went away (`… | head`): not worth a message. @internal */
export function isBrokenPipe(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'EPIPE';
}

/**
 * A file written under a temporary name and renamed into place only on `commit()`, so a failed
 * command never leaves half an output behind (`discard()` removes it).
 *
 * @internal
 */
export class AtomicFileOutput {
  private constructor(
    private readonly handle: FileHandle,
    private readonly temporary: string,
    private readonly path: string,
  ) {}

  /** Creates `path`'s temporary sibling. */
  static async create(path: string): Promise<AtomicFileOutput> {
    const temporary = `${path}.partial-${process.pid}`;
    try {
      return new AtomicFileOutput(await open(temporary, 'w'), temporary, path);
    } catch (error) {
      throw naming(error, temporary, path);
    }
  }

  /** Appends `data`. */
  async write(data: Uint8Array): Promise<void> {
    try {
      for (let done = 0; done < data.length; ) {
        const { bytesWritten } = await this.handle.write(data, done, data.length - done, null);
        done += bytesWritten;
      }
    } catch (error) {
      throw naming(error, this.temporary, this.path);
    }
  }

  /** Closes and renames into place. */
  async commit(): Promise<void> {
    try {
      await this.handle.close();
      await rename(this.temporary, this.path);
    } catch (error) {
      await unlink(this.temporary).catch(() => undefined);
      throw naming(error, this.temporary, this.path);
    }
  }

  /** Closes and removes the temporary file. */
  async discard(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await unlink(this.temporary).catch(() => undefined);
  }
}

/**
 * `error` with the temporary name replaced by the name the user gave: the `.partial-PID` file
 * is an implementation detail and is gone by the time the message is read.
 */
function naming(error: unknown, temporary: string, path: string): unknown {
  if (!(error instanceof Error)) return error;
  error.message = error.message.replaceAll(temporary, path);
  const e = error as Error & { path?: unknown; dest?: unknown };
  if (e.path === temporary) e.path = path;
  if (e.dest === temporary) e.dest = path;
  return error;
}
