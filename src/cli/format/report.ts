/**
 * How commands print a failure on stderr: `fanotify-codec CMD: WHERE: MESSAGE`, the message in
 * red on a colour terminal, then the hint line when there is one.
 *
 * @packageDocumentation
 */
import type { CliIo } from '../command.js';
import { Palette } from './colour.js';

/** Messages longer than this are cut (a parser may quote a whole line of someone's input). */
const MAX_MESSAGE = 500;

/**
 * `text` safe for a terminal: control characters (C0, DEL, C1) and U+FFFD (what undecodable
 * bytes became) shown as escapes, so binary input quoted by a parser never reaches the terminal
 * raw; cut to a readable length.
 *
 * @internal
 */
export function printable(text: string): string {
  const safe = text.replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, (c) => (c === '\ufffd' ? '\\ufffd' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
  return safe.length > MAX_MESSAGE ? `${safe.slice(0, MAX_MESSAGE)}…` : safe;
}

/** Prints `message` (about `where`: a file, `-`, or nothing) for `command`, and `hint` below it. @internal */
export function reportError(io: CliIo, command: string, where: string | undefined, message: string, hint?: string): void {
  const p = Palette.for(io.stderr);
  const prefix = `fanotify-codec ${command}: ${where === undefined ? '' : `${printable(where)}: `}`;
  io.stderr.write(`${prefix}${p.paint('red', printable(message))}\n${hint === undefined ? '' : `fanotify-codec ${command}: ${p.paint('yellow', `hint: ${hint}`)}\n`}`);
}

/**
 * The note for an empty input. A stream of no events is a valid stream (the conformance vector
 * `valid/empty` decodes to nothing), so it is not a failure: the command exits 0 but says so on
 * stderr, since an empty dump is usually a capture that went wrong.
 *
 * @internal
 */
export const EMPTY_INPUT = 'note: empty input: no events';

/** Prints the empty-input note for `command` about `where` (not in red: it is not an error). @internal */
export function noteEmptyInput(io: CliIo, command: string, where: string): void {
  io.stderr.write(`fanotify-codec ${command}: ${printable(where)}: ${EMPTY_INPUT}\n`);
}
