/**
 * Runs the CLI in-process with in-memory stdin/stdout/stderr, so command tests need no child
 * process and see exact bytes.
 */
import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../../src/cli/run.js';

/** What one CLI run produced. */
export interface CliRun {
  readonly code: number;
  readonly stdout: Buffer;
  readonly stderr: string;
  /** stdout as UTF-8 text. */
  readonly text: string;
}

/** Runs `fanotify-codec ...args` with `stdin` as standard input. */
export async function runInProcess(args: readonly string[], stdin: Uint8Array | string = new Uint8Array(0)): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const input = Readable.from([typeof stdin === 'string' ? Buffer.from(stdin) : Buffer.from(stdin)]);
  const code = await runCli(args, { stdin: input, stdout, stderr });
  stdout.end();
  stderr.end();
  const buffer = Buffer.concat(out);
  return { code, stdout: buffer, stderr: Buffer.concat(err).toString('utf8'), text: buffer.toString('utf8') };
}
