/**
 * Command dispatch and the top-level help.
 *
 * @packageDocumentation
 */
import { ExitCode, UsageError, type CliCommand, type CliIo } from './command.js';
import { commands } from './commands/index.js';
import { packageVersion } from '../live/native/package-root.js';

function topHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: fanotify-codec <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `fanotify-codec <command> --help` for a command\'s options and examples;',
    '`fanotify-codec --version` prints the version.',
    '',
    'Exit codes: 0 success; 1 malformed input (or, for diff, inputs differ); 2 usage error; 3 system error.',
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
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(topHelp());
    return name === undefined ? ExitCode.USAGE : ExitCode.OK;
  }
  if (name === '--version' || name === '-V') {
    io.stdout.write(`fanotify-codec ${packageVersion()}\n`);
    return ExitCode.OK;
  }
  const command: CliCommand | undefined = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`fanotify-codec: unknown command '${name}'\n\n${topHelp()}`);
    return ExitCode.USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.help.endsWith('\n') ? command.help : command.help + '\n');
    return ExitCode.OK;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`fanotify-codec ${command.name}: ${error.message}\nRun \`fanotify-codec ${command.name} --help\` for usage.\n`);
      return ExitCode.USAGE;
    }
    throw error;
  }
}
