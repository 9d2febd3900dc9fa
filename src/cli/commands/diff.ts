/**
 * `fanotify-codec diff A B`: the first differing event, record and field of two streams, with
 * hex context of both sides.
 *
 * @packageDocumentation
 */
import { diffEventStreamsAsync } from '../../golden/diff.js';
import { formatDifference } from '../../golden/format-difference.js';
import { normalizedStreamAsync } from '../../golden/normalized-stream.js';
import type { StreamEvent } from '../../golden/stream-event.js';
import type { StreamDifference } from '../../golden/diff.js';
import { ExitCode, UsageError, type CliCommand, type CliIo } from '../command.js';
import { Palette } from '../format/colour.js';
import { parseInputKind, readStreamEvents, type InputKind } from '../format/event-source.js';
import { exitCodeFor } from '../format/input-errors.js';
import { parseKeep } from '../format/keep-option.js';
import { noteEmptyInput, reportError } from '../format/report.js';
import { InputHead } from '../format/stream-hint.js';
import { readChunks } from '../input.js';
import { MAX_EVENT_LEN_HELP, MAX_EVENT_LEN_OPTION, parseEndian, parseMaxEventLen, parseOptions } from '../options.js';
import type { ByteOrder } from '../../codec/byte-order.js';
import type { NormalizedKind } from '../../golden/normalize.js';

const help = `Usage: fanotify-codec diff [options] A B

Compare two fanotify streams event by event and report the first difference: the event,
record and field (a path like event[3].info[1].name), both values, and a hex dump of both
sides around the first differing byte (stream offsets; for JSON Lines inputs the bytes are
those the event encodes to). Each input is a byte dump or JSON Lines as decode prints them
(detected from the first byte, or set with --from). One of them may be - (stdin). Streams in
constant memory and stops at the first difference.

Options:
  --normalize                compare normalized forms (see \`fanotify-codec normalize --help\`):
                             pids, fds, pidfds, fsids, handles, mount ids and times are
                             replaced by placeholders on each side independently
  --keep KINDS               with --normalize: kinds to compare exactly, e.g. --keep handle
  --from bytes|jsonl|auto    kind of both inputs (default: auto, per input)
  --endian little|big|host   byte order of byte dumps (default: host)
  -q, --quiet                print nothing; only the exit status tells
${MAX_EVENT_LEN_HELP}
  -h, --help                 show this help

On a colour terminal the difference is highlighted, unless NO_COLOR is set (FORCE_COLOR
forces colour on). An empty input is noted on stderr and compared as a stream without events.

Examples:
  (the files under examples/ ship with the package: run these in its directory)
  fanotify-codec diff examples/captures/fid.bin examples/captures/fid.jsonl
  fanotify-codec decode examples/captures/xfs-names.bin | fanotify-codec diff - examples/captures/xfs-names.jsonl
  fanotify-codec diff --normalize examples/captures/xfs-dfid-name.bin examples/captures/tmpfs-dfid-name.bin
    (exit 1: the same workload, but xfs and tmpfs write different handle types)

Exit status: 0 the streams are equal (after normalization with --normalize); 1 they differ;
2 usage error, or an input is malformed (as diff(1) and cmp(1) say "trouble": the message on
stderr names the file, the byte offset and the field); 3 a file could not be read.
`;

interface DiffSettings {
  readonly kind: InputKind | undefined;
  readonly byteOrder: ByteOrder;
  readonly maxEventLength: number;
  readonly normalize: readonly NormalizedKind[] | undefined;
}

/** Which input a file or stream error came from (so its message can name the file). */
const failedInput = new WeakMap<object, string>();

async function* namingFailures(path: string, events: AsyncIterable<StreamEvent>): AsyncGenerator<StreamEvent> {
  try {
    yield* events;
  } catch (error) {
    if (error instanceof Error) failedInput.set(error, path);
    throw error;
  }
}

function events(path: string, io: CliIo, head: InputHead, o: DiffSettings): AsyncIterable<StreamEvent> {
  const source = readStreamEvents(head.tap(readChunks(path, io)), { kind: o.kind, byteOrder: o.byteOrder, maxEventLength: o.maxEventLength, withBytes: true });
  return namingFailures(path, o.normalize ? normalizedStreamAsync(source, { keep: o.normalize }) : source);
}

/** Reports a malformed side (not a difference: no hex dump, exit 2). */
function reportMalformed(io: CliIo, difference: StreamDifference, files: { a: string; b: string }, heads: { a: InputHead; b: InputHead }, o: DiffSettings): number {
  const which = difference.kind === 'malformed-a' ? 'a' : 'b';
  const message = difference.detail.replace(/^[AB] is malformed: /, '');
  reportError(io, 'diff', `${which.toUpperCase()} (${files[which]})`, `malformed: ${message}`, heads[which].hint(o.byteOrder, o.maxEventLength));
  return ExitCode.USAGE;
}

/** The difference for people: its first line and the carets under the differing bytes highlighted. */
function paintDifference(text: string, palette: Palette): string {
  if (!palette.enabled) return text;
  return text
    .split('\n')
    .map((line, i) => (i === 0 ? palette.paint('bold', line) : /^\s+\^+$/.test(line) ? palette.paint('red', line) : line))
    .join('\n');
}

/** The `diff` command. @public */
export const diffCommand: CliCommand = {
  name: 'diff',
  help,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      normalize: { type: 'boolean', default: false },
      keep: { type: 'string' },
      from: { type: 'string' },
      endian: { type: 'string' },
      quiet: { type: 'boolean', short: 'q', default: false },
      ...MAX_EVENT_LEN_OPTION,
    });
    if (positionals.length !== 2) throw new UsageError('expected two inputs, A and B');
    const [a, b] = positionals as [string, string];
    if (a === '-' && b === '-') throw new UsageError('only one input can be stdin (-)');
    if (values.keep !== undefined && !values.normalize) throw new UsageError('--keep needs --normalize');
    const o: DiffSettings = { kind: parseInputKind(values.from), byteOrder: parseEndian(values.endian), maxEventLength: parseMaxEventLen(values['max-event-len']), normalize: values.normalize ? parseKeep(values.keep) : undefined };
    const heads = { a: new InputHead(), b: new InputHead() };
    let difference;
    try {
      difference = await diffEventStreamsAsync(events(a, io, heads.a, o), events(b, io, heads.b, o));
    } catch (error) {
      const code = exitCodeFor(error);
      if (code === undefined) throw error;
      if (code !== ExitCode.OK) reportError(io, 'diff', failedInput.get(error as Error), (error as Error).message);
      return code;
    }
    for (const [file, head] of [[a, heads.a], [b, heads.b]] as const) if (head.bytes === 0) noteEmptyInput(io, 'diff', file);
    if (!difference) return ExitCode.OK;
    if (difference.kind === 'malformed-a' || difference.kind === 'malformed-b') return reportMalformed(io, difference, { a, b }, heads, o);
    if (!values.quiet) io.stdout.write(paintDifference(formatDifference(difference, { a, b }), Palette.for(io.stdout)));
    return ExitCode.MALFORMED_OR_DIFFERENT;
  },
};
