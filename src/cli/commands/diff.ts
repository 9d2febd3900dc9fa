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
import { ExitCode, UsageError, type CliCommand, type CliIo } from '../command.js';
import { parseInputKind, readStreamEvents, type InputKind } from '../format/event-source.js';
import { exitCodeFor } from '../format/input-errors.js';
import { parseKeep } from '../format/keep-option.js';
import { readChunks } from '../input.js';
import { parseEndian, parseOptions } from '../options.js';
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
  -h, --help                 show this help

Examples:
  fanotify-codec diff corpus/ext4/fid/capture.bin corpus/ext4/fid/capture.jsonl
  fanotify-codec decode corpus/xfs/names/capture.bin | fanotify-codec diff - corpus/xfs/names/capture.jsonl
  fanotify-codec diff --normalize corpus/xfs/dfid-name/capture.bin corpus/tmpfs/dfid-name/capture.bin
    (exit 1: the same workload, but xfs and tmpfs write different handle types)

Exit status: 0 the streams are equal (after normalization with --normalize); 1 they differ, or
one is malformed (reported like a difference, with the byte offset); 2 usage error; 3 a file
could not be read.
`;

function events(path: string, io: CliIo, kind: InputKind | undefined, byteOrder: ByteOrder, normalize: readonly NormalizedKind[] | undefined): AsyncIterable<StreamEvent> {
  const source = readStreamEvents(readChunks(path, io.stdin), { kind, byteOrder, withBytes: true });
  return normalize ? normalizedStreamAsync(source, { keep: normalize }) : source;
}

/** The `diff` command. @public */
export const diffCommand: CliCommand = {
  name: 'diff',
  summary: 'report the first differing event, record and field of two streams',
  help,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      normalize: { type: 'boolean', default: false },
      keep: { type: 'string' },
      from: { type: 'string' },
      endian: { type: 'string' },
      quiet: { type: 'boolean', short: 'q', default: false },
    });
    if (positionals.length !== 2) throw new UsageError('expected two inputs, A and B');
    const [a, b] = positionals as [string, string];
    if (a === '-' && b === '-') throw new UsageError('only one input can be stdin (-)');
    if (values.keep !== undefined && !values.normalize) throw new UsageError('--keep needs --normalize');
    const kind = parseInputKind(values.from);
    const byteOrder = parseEndian(values.endian);
    const normalize = values.normalize ? parseKeep(values.keep) : undefined;
    let difference;
    try {
      difference = await diffEventStreamsAsync(events(a, io, kind, byteOrder, normalize), events(b, io, kind, byteOrder, normalize));
    } catch (error) {
      const code = exitCodeFor(error);
      if (code === undefined) throw error;
      if (code !== ExitCode.OK) io.stderr.write(`fanotify-codec diff: ${(error as Error).message}\n`);
      return code;
    }
    if (!difference) return ExitCode.OK;
    if (!values.quiet) io.stdout.write(formatDifference(difference, { a, b }));
    return ExitCode.MALFORMED_OR_DIFFERENT;
  },
};
