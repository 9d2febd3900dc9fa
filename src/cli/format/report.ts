/**
 * How commands print a failure on stderr: `fanotify-codec CMD: WHERE: MESSAGE`, the message in
 * red on a colour terminal, then the hint line when there is one.
 *
 * @packageDocumentation
 */
import type { CliIo } from '../command.js';
import { Palette } from './colour.js';

/** Prints `message` (about `where`: a file, `-`, or nothing) for `command`, and `hint` below it. @internal */
export function reportError(io: CliIo, command: string, where: string | undefined, message: string, hint?: string): void {
  const p = Palette.for(io.stderr);
  const prefix = `fanotify-codec ${command}: ${where === undefined ? '' : `${where}: `}`;
  io.stderr.write(`${prefix}${p.paint('red', message)}\n${hint === undefined ? '' : `fanotify-codec ${command}: ${p.paint('yellow', `hint: ${hint}`)}\n`}`);
}

/** The message of an empty input (a stream with no events is reported, never passed silently). @internal */
export const EMPTY_INPUT = 'empty input: no events';
