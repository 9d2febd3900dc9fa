/**
 * `fanotify-codec decode FILE|-`: a dump of read() bytes to JSON Lines (one event per line) or
 * to an aligned, human-readable view; streams in constant memory, follows growing files, and
 * summarises what it decoded.
 *
 * @packageDocumentation
 */
import { EventStreamDecoder } from '../../codec/stream.js';
import { FanotifyDecodeError } from '../../errors.js';
import { ExitCode, UsageError, type CliCommand, type CliIo } from '../command.js';
import { followChunks } from '../format/follow.js';
import { isSystemFailure } from '../format/input-errors.js';
import { isBrokenPipe, writeOutput } from '../format/output.js';
import { prettyEvent } from '../format/pretty.js';
import { loadCaptureTimeline, type CaptureTimeline } from '../format/sidecar.js';
import { EventStatistics } from '../format/statistics.js';
import { readChunks } from '../input.js';
import { parseEndian, parseOptions } from '../options.js';

/** Dumps at least this large get a summary on stderr without `--summary`. */
const LARGE_DUMP_BYTES = 16 << 20;

const help = `Usage: fanotify-codec decode [options] FILE|-

Decode a fanotify byte stream (the bytes read() returned, e.g. a capture's .bin file) and print
one JSON object per event (JSON Lines), or an aligned human-readable view with --format pretty.
Dumps of any size decode in constant memory.

JSON Lines field names are the kernel's (event_len, vers, reserved, metadata_len, mask, fd, pid,
info[] with info_type, pad, len, fsid, handle_bytes, handle_type, f_handle, name, pidfd, error,
error_count, range_pad, offset, count, mnt_id), plus mask_names and info_type_name. 64-bit values
print as decimal strings (mask as hex), file handles as hex, names as text with name_hex added
when a name is not valid UTF-8. \`fanotify-codec encode\` turns this back into identical bytes.

The pretty view prints per event: index, read() index and time (with --sidecar), stream offset,
event_len, pid, fd (FAN_NOFD and -errno spelled out), the mask in hex with its bit names; then
one line per record, e.g.
    DFID_NAME      fsid=e39e930d.834fe4ed fh=8:1:48c020005e32e503 name="a.txt"
(fsid = the two val words in hex; fh = handle_bytes:handle_type:f_handle; names escaped
losslessly: \\xNN for bytes that are not printable UTF-8, \\\\ for a backslash, \\x22 for ").

Options:
  --format jsonl|pretty      output format (default: jsonl)
  --endian little|big|host   byte order of the stream (default: host)
  --lenient                  report malformed events on stderr and skip them where event_len
                             still frames them (the exit status is still 1)
  --sidecar FILE             the capture's sidecar (.json): adds read() index and time to the
                             pretty view, and read() counts to the summary
  --follow                   keep reading FILE as it grows (like tail -f) until SIGINT/SIGTERM
                             or --follow-timeout; not with -
  --follow-timeout SECONDS   with --follow: stop once FILE has not grown for SECONDS
  --summary                  print a summary on stderr: events, bytes, per-mask-bit and
                             per-record-type counts, errors (automatic for dumps of 16 MiB or more)
  --no-summary               never print the summary
  -h, --help                 show this help

Examples:
  fanotify-codec decode corpus/ext4/fid/capture.bin
  fanotify-codec decode --format pretty --sidecar corpus/ext4/dfid-name-target-rename/capture.json \
    corpus/ext4/dfid-name-target-rename/capture.bin
  cat corpus/ext4/fid/capture.bin | fanotify-codec decode - | fanotify-codec encode - | cmp - corpus/ext4/fid/capture.bin
  fanotify-codec decode --summary corpus/ext4/many-events/capture.bin > /dev/null
  fanotify-codec decode --follow --follow-timeout 1 --format pretty corpus/ext4/fs-error-merged/capture.bin

Exit status: 0 all events decoded; 1 malformed input (a one-line message with the byte offset
and path goes to stderr); 2 usage error; 3 the file could not be read.
`;

function parseSeconds(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0) throw new UsageError(`--follow-timeout must be a number of seconds, got '${value}'`);
  return seconds * 1000;
}

/** SIGINT/SIGTERM end a follow gracefully (what was read is decoded and summarised). */
function stopOnSignals(controller: AbortController): () => void {
  const stop = (): void => controller.abort();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return () => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  };
}


async function decodeStream(chunks: AsyncIterable<Uint8Array>, io: CliIo, options: { pretty: boolean; decoder: EventStreamDecoder; stats: EventStatistics; timeline: CaptureTimeline | undefined }): Promise<void> {
  const { decoder, stats, timeline, pretty } = options;
  for await (const chunk of chunks) {
    const base = decoder.bytesDecoded;
    let text = '';
    try {
      for (const ev of decoder.push(chunk)) {
        const offset = base + ev.byteOffset;
        const position = timeline?.positionOf(offset);
        stats.addView(ev, position?.readIndex);
        text += pretty ? prettyEvent(ev, offset, position) : JSON.stringify(ev.toJSON()) + '\n';
      }
    } finally {
      // The events before a malformed one in the same chunk are still printed.
      await writeOutput(io.stdout, text);
    }
  }
  decoder.end();
}

/** The `decode` command. @public */
export const decodeCommand: CliCommand = {
  name: 'decode',
  summary: 'decode a fanotify byte stream to JSON Lines or a pretty view',
  help,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      endian: { type: 'string' },
      lenient: { type: 'boolean', default: false },
      format: { type: 'string', default: 'jsonl' },
      sidecar: { type: 'string' },
      follow: { type: 'boolean', default: false },
      'follow-timeout': { type: 'string' },
      summary: { type: 'boolean', default: false },
      'no-summary': { type: 'boolean', default: false },
    });
    if (positionals.length !== 1) throw new UsageError('expected exactly one input (a file, or - for stdin)');
    const path = positionals[0]!;
    if (values.format !== 'jsonl' && values.format !== 'pretty') throw new UsageError(`--format must be jsonl or pretty, got '${values.format}'`);
    if (values.follow && path === '-') throw new UsageError('--follow needs a file, not stdin');
    const idleTimeoutMs = parseSeconds(values['follow-timeout']);
    if (idleTimeoutMs !== undefined && !values.follow) throw new UsageError('--follow-timeout needs --follow');
    if (values.summary && values['no-summary']) throw new UsageError('--summary and --no-summary contradict each other');
    const byteOrder = parseEndian(values.endian);

    const stats = new EventStatistics();
    let timeline: CaptureTimeline | undefined;
    try {
      timeline = values.sidecar === undefined ? undefined : loadCaptureTimeline(values.sidecar);
    } catch (error) {
      io.stderr.write(`fanotify-codec decode: ${values.sidecar}: ${error instanceof Error ? error.message : String(error)}\n`);
      return isSystemFailure(error) ? ExitCode.SYSTEM : ExitCode.MALFORMED_OR_DIFFERENT;
    }
    if (timeline) stats.setReadBytes(timeline.readBytes);
    const decoder = new EventStreamDecoder({
      byteOrder,
      lenient: values.lenient === true,
      onMalformed: (error) => {
        stats.addError(error.message);
        io.stderr.write(`fanotify-codec decode: ${path}: skipped: ${error.message}\n`);
      },
    });
    const controller = new AbortController();
    const restoreSignals = values.follow ? stopOnSignals(controller) : () => undefined;
    const chunks = values.follow ? followChunks(path, { idleTimeoutMs, signal: controller.signal }) : readChunks(path, io.stdin);
    let status: number = ExitCode.OK;
    try {
      await decodeStream(chunks, io, { pretty: values.format === 'pretty', decoder, stats, timeline });
    } catch (error) {
      if (isBrokenPipe(error)) return ExitCode.OK;
      if (error instanceof FanotifyDecodeError) {
        stats.addError(error.message);
        io.stderr.write(`fanotify-codec decode: ${path}: ${error.message}\n`);
        status = ExitCode.MALFORMED_OR_DIFFERENT;
      } else if (isSystemFailure(error)) {
        io.stderr.write(`fanotify-codec decode: ${path}: ${error.message}\n`);
        return ExitCode.SYSTEM;
      } else throw error;
    } finally {
      restoreSignals();
    }
    if (stats.errorCount > 0) status = ExitCode.MALFORMED_OR_DIFFERENT;
    const wantSummary = values.summary === true || (values['no-summary'] !== true && decoder.bytesDecoded >= LARGE_DUMP_BYTES);
    if (wantSummary) io.stderr.write(`fanotify-codec decode: summary of ${path}\n${stats.toText()}`);
    return status;
  },
};
