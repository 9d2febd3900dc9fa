/**
 * `fanotify-codec normalize FILE|-`: JSON Lines with run-specific values (pids, fds, pidfds,
 * fsids, file handles, mount ids, timestamps) replaced by placeholders, so captures from
 * different machines and runs compare.
 *
 * @packageDocumentation
 */
import type { ByteOrder } from '../../codec/byte-order.js';
import { FanotifyDecodeError } from '../../errors.js';
import { EventNormalizer } from '../../golden/normalize.js';
import { ExitCode, UsageError, type CliCommand, type CliIo } from '../command.js';
import { ByteBuilder } from '../format/byte-builder.js';
import { looksLikeJsonDocument, parseInputKind, peekChunks, readStreamEvents, type InputKind } from '../format/event-source.js';
import { readSidecar } from '../format/sidecar.js';
import { exitCodeFor } from '../format/input-errors.js';
import { parseKeep } from '../format/keep-option.js';
import { writeOutput } from '../format/output.js';
import { Progress } from '../format/progress.js';
import { noteEmptyInput, reportError } from '../format/report.js';
import { InputHead } from '../format/stream-hint.js';
import { readChunks } from '../input.js';
import { MAX_EVENT_LEN_HELP, MAX_EVENT_LEN_OPTION, parseEndian, parseMaxEventLen, parseOptions } from '../options.js';

const help = `Usage: fanotify-codec normalize [options] FILE|-

Print the events of FILE (a byte dump, or JSON Lines as decode prints them; detected from the
first byte, or set with --from) as JSON Lines with the values that differ between machines and
runs replaced by placeholders, numbered in order of first appearance within the file: the same
real value always gets the same placeholder, so the structure (which events share a pid, a
directory, a file) survives.

  pid       metadata.pid                  -> "pid#1", "pid#2", ...   (0 is kept)
  fd        metadata.fd                   -> "fd#1", ...             (negative values kept:
                                                                      FAN_NOFD -1, -errno)
  pidfd     PIDFD record pidfd            -> "pidfd#1", ...          (negative values kept:
                                                                      FAN_NOPIDFD, FAN_EPIDFD, -errno)
  fsid      fid records' fsid             -> "fsid#1", ...           ([0,0] kept)
  handle    fid records' f_handle         -> "fh#1", ...             (keyed by handle_type and
            bytes; handle_bytes and handle_type are kept: they say which filesystem and
            object kind it is and do not change between runs; an empty handle is kept)
  mnt_id    MNT record mnt_id             -> "mnt#1", ...            ("0" kept)
  time      timestamp keys (time, *_ns)   -> "time#1", ...         (numbered by position:
                                                                      equal times are a coincidence)

Everything else (masks, lengths, names, errors, ranges) is kept. Normalizing a normalized file
changes nothing. The output is for comparison (diff --normalize, golden files); it does not
encode back into bytes.

A capture sidecar (capture.json, detected by its first line being a lone "{", or --from
sidecar) is printed back with its timestamps (startedAt, endedAt, each read's hrtimeNs and
wallClock) replaced by "time#N"; kernel, flags, marks, command and read sizes are kept, so
\`diff <(fanotify-codec normalize a.json) <(fanotify-codec normalize b.json)\` shows what changed.

Options:
  --from bytes|jsonl|sidecar|auto
                             input kind (default: auto)
  --endian little|big|host   byte order of a byte dump (default: host)
  --keep KINDS               comma-separated kinds to leave untouched, e.g. --keep pid,handle
${MAX_EVENT_LEN_HELP}
  -h, --help                 show this help

Examples:
  (the files under examples/ ship with the package: run these in its directory)
  fanotify-codec normalize examples/captures/fid.bin
  fanotify-codec decode examples/captures/xfs-dfid-name.bin | fanotify-codec normalize - > xfs-dfid-name.norm.jsonl
  fanotify-codec normalize --keep handle examples/captures/fid.jsonl
  fanotify-codec normalize examples/captures/fid.json

Exit status: 0 normalized; 1 malformed input (the events before it are printed, the error with
its byte offset goes to stderr); 2 usage error; 3 the file could not be read.
`;

/** Output is written in blocks of about this size (few, large writes). */
const FLUSH_BYTES = 1 << 20;

interface NormalizeSettings {
  readonly kind: InputKind | undefined;
  readonly byteOrder: ByteOrder;
  readonly maxEventLength: number;
}

/** Normalizes the events of `chunks` to stdout as JSON Lines, in large blocks. */
async function normalizeEvents(chunks: AsyncIterable<Uint8Array>, io: CliIo, normalizer: EventNormalizer, o: NormalizeSettings, progress: { line: Progress | undefined; head: InputHead }): Promise<void> {
  const out = new ByteBuilder();
  let events = 0;
  try {
    for await (const event of readStreamEvents(chunks, o)) {
      out.utf8(JSON.stringify(normalizer.event(event.json)) + '\n');
      if (out.pos >= FLUSH_BYTES) {
        await writeOutput(io.stdout, out.take());
        progress.line?.update(progress.head.bytes, events);
      }
      events++;
    }
  } finally {
    progress.line?.done();
    // The events before a malformed one are still printed.
    if (out.pos > 0) await writeOutput(io.stdout, out.take());
  }
}

/** The `normalize` command. @public */
export const normalizeCommand: CliCommand = {
  name: 'normalize',
  help,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      from: { type: 'string' },
      endian: { type: 'string' },
      keep: { type: 'string' },
      ...MAX_EVENT_LEN_OPTION,
    });
    if (positionals.length !== 1) throw new UsageError('expected exactly one input (a file, or - for stdin)');
    const path = positionals[0]!;
    const sidecar = values.from === 'sidecar';
    const o: NormalizeSettings = { kind: sidecar ? undefined : parseInputKind(values.from), byteOrder: parseEndian(values.endian), maxEventLength: parseMaxEventLen(values['max-event-len']) };
    const normalizer = new EventNormalizer({ keep: parseKeep(values.keep) });
    const head = new InputHead();
    try {
      const { first, all } = await peekChunks(head.tap(readChunks(path, io)));
      if (!first) {
        noteEmptyInput(io, 'normalize', path);
        return ExitCode.OK;
      }
      if (sidecar || (o.kind === undefined && looksLikeJsonDocument(first))) {
        await writeOutput(io.stdout, JSON.stringify(normalizer.document(await readSidecar(all)), null, 2) + '\n');
        return ExitCode.OK;
      }
      await normalizeEvents(all, io, normalizer, o, { line: Progress.forInput(io.stderr, `normalize ${path}`, path), head });
    } catch (error) {
      const code = exitCodeFor(error);
      if (code === undefined) throw error;
      if (code !== ExitCode.OK) reportError(io, 'normalize', path, (error as Error).message, error instanceof FanotifyDecodeError ? head.hint(o.byteOrder, o.maxEventLength) : undefined);
      return code;
    }
    return ExitCode.OK;
  },
};
