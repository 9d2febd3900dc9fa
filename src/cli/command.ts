/**
 * The shape of a CLI command, and the exit codes every command shares.
 *
 * @packageDocumentation
 */
import type { Readable, Writable } from 'node:stream';
import { FanotifyCodecError } from '../fanotify-codec-error.js';

/**
 * Exit codes of `fanotify-codec`:
 * 0 success; 1 the input is malformed, or (diff) the inputs differ; 2 usage error;
 * 3 system error (a file, the kernel or the addon failed).
 *
 * @public
 */
export const ExitCode = { OK: 0, MALFORMED_OR_DIFFERENT: 1, USAGE: 2, SYSTEM: 3 } as const;

/** Streams a command reads and writes (injected so tests can run commands in-process). @public */
export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
}

/** One subcommand. @public */
export interface CliCommand {
  /** Name on the command line. */
  readonly name: string;
  /** Full `--help` text, with examples. */
  readonly help: string;
  /** Runs the command and resolves to its exit code. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** A command as the dispatcher lists it: its module is loaded when it runs or its help is shown. @internal */
export interface CliCommandEntry {
  /** Name on the command line. */
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Loads the command. */
  load(): Promise<CliCommand>;
}

/** A usage error: printed with the command's help hint, exit code 2. @public */
export class UsageError extends FanotifyCodecError {
  /** Stable, machine-readable reason (see docs/errors.md). */
  declare readonly code: 'CLI_USAGE';

  /** @param message - What is wrong with the command line. */
  constructor(message: string) {
    super('CLI_USAGE', message);
    this.name = 'UsageError';
  }
}

/**
 * Whether `error` is a {@link UsageError}, of this module's class or of another copy of it: the
 * built CLI's dispatcher and the commands it loads are separate bundles (dist/cli.cjs, each hot
 * command's dist/cli/NAME.cjs, the shared chunks), each with its own class, so the test is the
 * code, which no other error carries.
 *
 * @internal
 */
export function isUsageError(error: unknown): error is UsageError {
  return error instanceof Error && (error as { code?: unknown }).code === ('CLI_USAGE' satisfies UsageError['code']);
}
