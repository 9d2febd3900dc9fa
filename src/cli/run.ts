/**
 * Command dispatch and the top-level help.
 *
 * @packageDocumentation
 */
import { ExitCode, isUsageError, type CliCommand, type CliCommandEntry, type CliIo } from './command.js';
import { commands } from './commands/index.js';
import { Palette } from './format/colour.js';
import { printable, reportError } from './format/report.js';
import { packageVersion } from '../live/native/package-root.js';

function topHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: fanotify-codec <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `fanotify-codec help <command>` (or `fanotify-codec <command> --help`) for a',
    'command\'s options and examples; `fanotify-codec --version` prints the version.',
    'The examples use files shipped under examples/ in the package\'s directory.',
    '',
    'Exit codes: 0 success; 1 malformed input (or, for diff, inputs differ); 2 usage error',
    '(for diff also a malformed input); 3 system error.',
    '',
  ].join('\n');
}

/**
 * Runs the CLI with `args` (without `node` and the script) and resolves to the exit code.
 *
 * @public
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || (name === 'help' && rest.length === 0)) {
    io.stdout.write(topHelp());
    return name === undefined ? ExitCode.USAGE : ExitCode.OK;
  }
  if (name === '--version' || name === '-V') {
    io.stdout.write(`fanotify-codec ${packageVersion()}\n`);
    return ExitCode.OK;
  }
  if (name === 'help') return helpOf(rest, io);
  const entry: CliCommandEntry | undefined = commands.find((c) => c.name === name);
  if (!entry) return unknownCommand(name, io);
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) return printHelp(command, io);
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (isUsageError(error)) {
      reportError(io, command.name, undefined, error.message);
      io.stderr.write(`Run \`fanotify-codec ${command.name} --help\` for usage.\n`);
      return ExitCode.USAGE;
    }
    throw error;
  }
}

function printHelp(command: CliCommand, io: CliIo): number {
  io.stdout.write(command.help.endsWith('\n') ? command.help : command.help + '\n');
  return ExitCode.OK;
}

/** `help CMD`: that command's help. */
async function helpOf(rest: readonly string[], io: CliIo): Promise<number> {
  const entry = rest.length === 1 ? commands.find((c) => c.name === rest[0]) : undefined;
  if (entry) return printHelp(await entry.load(), io);
  if (rest.length > 1) reportError(io, 'help', undefined, `expected one command, got ${rest.length}`);
  else return unknownCommand(rest[0]!, io);
  return ExitCode.USAGE;
}

function unknownCommand(name: string, io: CliIo): number {
  const close = commands.filter((c) => c.name.startsWith(name.slice(0, 2)) || name.startsWith(c.name)).map((c) => c.name);
  const p = Palette.for(io.stderr);
  io.stderr.write(`fanotify-codec: ${p.paint('red', printable(`unknown command '${name}'${close.length ? ` (did you mean ${close.join(', ')}?)` : ''}`))}\n\n${topHelp()}`);
  return ExitCode.USAGE;
}
