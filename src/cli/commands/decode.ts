/**
 * `fanotify-codec decode FILE|-`: a dump of read() bytes to JSON Lines (one event per line) or
 * to an aligned, human-readable view; streams in constant memory, follows growing files, and
 * summarises what it decoded.
 *
 * @packageDocumentation
 */
import { statSync } from 'node:fs';
import type { KernelRecordSchema } from '../../../spec/records.js';
import type { ByteOrder } from '../../codec/byte-order.js';
import type { EventCursor } from '../../codec/cursor.js';
import { EventStreamDecoder } from '../../codec/stream.js';
import { FanotifyDecodeError } from '../../errors.js';
import { ExitCode, UsageError, type CliCommand, type CliIo } from '../command.js';
import { ByteBuilder } from '../format/byte-builder.js';
import { Palette } from '../format/colour.js';
import { followChunks } from '../format/follow.js';
import { isSystemFailure } from '../format/input-errors.js';
import { EventJsonWriter } from '../format/json-writer.js';
import { isBrokenPipe, writeOutput } from '../format/output.js';
import { prettyEvent } from '../format/pretty.js';
import { Progress } from '../format/progress.js';
import { noteEmptyInput, reportError } from '../format/report.js';
import { loadCaptureTimeline, type CaptureTimeline } from '../format/sidecar.js';
import { EventStatistics } from '../format/statistics.js';
import { InputHead } from '../format/stream-hint.js';
import { LARGE_READ_CHUNK, READ_CHUNK, readChunks } from '../input.js';
import { MAX_EVENT_LEN_HELP, MAX_EVENT_LEN_OPTION, parseEndian, parseMaxEventLen, parseOptions } from '../options.js';

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
${MAX_EVENT_LEN_HELP}
  -h, --help                 show this help

On a terminal, runs longer than a second show their progress on stderr (bytes, events, rate,
and for files the ETA); the pretty view and errors are coloured unless NO_COLOR is set
(FORCE_COLOR forces colour on).

Examples:
  (the files under examples/ ship with the package: run these in its directory)
  fanotify-codec decode examples/captures/fid.bin
  fanotify-codec decode --format pretty --sidecar examples/captures/dfid-name-target-rename.json \\
    examples/captures/dfid-name-target-rename.bin
  cat examples/captures/fid.bin | fanotify-codec decode - | fanotify-codec encode - | cmp - examples/captures/fid.bin
  fanotify-codec decode --summary examples/captures/many-events.bin > /dev/null
  fanotify-codec decode --follow --follow-timeout 1 --format pretty examples/captures/fs-error-merged.bin

Exit status: 0 all events decoded; 1 malformed input (a one-line message with the byte offset
and path goes to stderr, with a hint when the input is not a fanotify stream or needs
--endian); 2 usage error; 3 the file could not be read. An empty input is noted on stderr.
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


/** Output is written in blocks of about this size (few, large writes). */
const FLUSH_BYTES = 1 << 20;
/** What an output block holds past {@link FLUSH_BYTES}: a kernel event's line, many times over. */
const BLOCK_SLACK = 1 << 18;

interface DecodeState {
  readonly decoder: EventStreamDecoder;
  readonly byteOrder: ByteOrder;
  readonly lenient: boolean;
  readonly stats: EventStatistics;
  /** Count every event (for a summary that may be printed); errors are counted regardless. */
  readonly count: boolean;
  readonly timeline: CaptureTimeline | undefined;
  /** Pretty view (with its palette), or JSON Lines when undefined. */
  readonly pretty: Palette | undefined;
  readonly progress: Progress | undefined;
}

/** Decodes every chunk's events into `out`, writing whole blocks to stdout. */
async function decodeStream(chunks: AsyncIterable<Uint8Array>, io: CliIo, state: DecodeState): Promise<void> {
  const { decoder, progress } = state;
  // Blocks have room for an event past the flush mark, so they rarely grow (a copy each time).
  const json = new EventJsonWriter(new ByteBuilder(FLUSH_BYTES + BLOCK_SLACK), state.byteOrder);
  const out = json.out;
  // JSON Lines from a strict decoder are written from the cursor; the pretty view and lenient
  // decoding (which skips malformed events) go through views.
  const decodeChunk = state.pretty || state.lenient ? viewChunk(state, json) : cursorChunk(state, json);
  const blocks: Uint8Array[] = [];
  const flush = async (): Promise<void> => {
    for (const block of blocks.splice(0)) await writeOutput(io.stdout, block);
    if (out.pos > 0) await writeOutput(io.stdout, out.take());
  };
  try {
    for await (const chunk of chunks) {
      decodeChunk(chunk, blocks);
      // Whole chunks are flushed, so a followed file's events appear as they arrive.
      await flush();
      progress?.update(decoder.bytesDecoded, decoder.eventsDecoded);
    }
    decoder.end();
  } finally {
    progress?.done();
    // The events before a malformed one are still printed.
    await flush();
  }
}

/**
 * Decodes one chunk into the writer's `out`, setting full blocks aside in `blocks` (written
 * after the chunk: the walk is synchronous).
 */
type ChunkDecoder = (chunk: Uint8Array, blocks: Uint8Array[]) => void;

/** The view path: each event as a view, printed pretty or as JSON, counted when asked. */
function viewChunk(state: DecodeState, json: EventJsonWriter): ChunkDecoder {
  const { decoder, stats, timeline, pretty, count } = state;
  const out = json.out;
  return (chunk, blocks) => {
    const base = decoder.bytesDecoded;
    for (const ev of decoder.push(chunk)) {
      const offset = base + ev.byteOffset;
      const position = timeline?.positionOf(offset);
      if (count) stats.addView(ev, position?.readIndex);
      if (pretty) out.utf8(prettyEvent(ev, offset, position, pretty));
      else json.event(ev);
      if (out.pos >= FLUSH_BYTES) blocks.push(out.take());
    }
  };
}

/** The cursor path: JSON written from the cursor's numbers and offsets, nothing allocated per event. */
function cursorChunk(state: DecodeState, json: EventJsonWriter): ChunkDecoder {
  const { decoder, stats, timeline, count } = state;
  const out = json.out;
  let blocks: Uint8Array[] = [];
  const walk = (c: EventCursor<KernelRecordSchema>): void => {
    const base = decoder.bytesDecoded;
    while (c.nextEvent()) {
      const n = json.cursorEvent(c);
      if (count) stats.addCursorRead(c, json.types, n, timeline?.positionOf(base + c.byteOffset).readIndex);
      if (out.pos >= FLUSH_BYTES) blocks.push(out.take());
    }
  };
  return (chunk, into) => {
    blocks = into;
    decoder.pushCursor(chunk, walk);
  };
}

function sidecarTimeline(path: string | undefined, io: CliIo): CaptureTimeline | undefined | number {
  try {
    return path === undefined ? undefined : loadCaptureTimeline(path);
  } catch (error) {
    reportError(io, 'decode', path, error instanceof Error ? error.message : String(error));
    return isSystemFailure(error) ? ExitCode.SYSTEM : ExitCode.MALFORMED_OR_DIFFERENT;
  }
}

/** The exit code of a failed decode, after reporting it (rethrows what is not an input problem). */
function decodeFailure(error: unknown, io: CliIo, path: string, stats: EventStatistics, hint: string | undefined): number {
  if (isBrokenPipe(error)) return ExitCode.OK;
  if (error instanceof FanotifyDecodeError) {
    stats.addError(error.message);
    reportError(io, 'decode', path, error.message, hint);
    return ExitCode.MALFORMED_OR_DIFFERENT;
  }
  if (isSystemFailure(error)) {
    reportError(io, 'decode', path, error.message);
    return ExitCode.SYSTEM;
  }
  throw error;
}

/** Whether the input may reach `bytes` (stdin and followed files may: their size is not known). */
function mayReach(o: DecodeSettings, bytes: number): boolean {
  if (o.path === '-' || o.follow) return true;
  try {
    return statSync(o.path).size >= bytes;
  } catch {
    return true; // the read reports the error
  }
}

interface DecodeSettings {
  readonly path: string;
  readonly byteOrder: ByteOrder;
  readonly maxEventLength: number;
  readonly follow: boolean;
  readonly idleTimeoutMs: number | undefined;
  readonly pretty: boolean;
  readonly lenient: boolean;
  readonly summary: boolean | undefined;
  readonly sidecar: string | undefined;
}

function parseDecodeArgs(args: readonly string[]): DecodeSettings {
  const { values, positionals } = parseOptions(args, {
    endian: { type: 'string' },
    lenient: { type: 'boolean', default: false },
    format: { type: 'string', default: 'jsonl' },
    sidecar: { type: 'string' },
    follow: { type: 'boolean', default: false },
    'follow-timeout': { type: 'string' },
    summary: { type: 'boolean', default: false },
    'no-summary': { type: 'boolean', default: false },
    ...MAX_EVENT_LEN_OPTION,
  });
  if (positionals.length !== 1) throw new UsageError('expected exactly one input (a file, or - for stdin)');
  const path = positionals[0]!;
  if (values.format !== 'jsonl' && values.format !== 'pretty') throw new UsageError(`--format must be jsonl or pretty, got '${values.format}'`);
  if (values.follow && path === '-') throw new UsageError('--follow needs a file, not stdin');
  const idleTimeoutMs = parseSeconds(values['follow-timeout']);
  if (idleTimeoutMs !== undefined && !values.follow) throw new UsageError('--follow-timeout needs --follow');
  if (values.summary && values['no-summary']) throw new UsageError('--summary and --no-summary contradict each other');
  return {
    path,
    byteOrder: parseEndian(values.endian),
    maxEventLength: parseMaxEventLen(values['max-event-len']),
    follow: values.follow === true,
    idleTimeoutMs,
    pretty: values.format === 'pretty',
    lenient: values.lenient === true,
    summary: values.summary ? true : values['no-summary'] ? false : undefined,
    sidecar: values.sidecar,
  };
}

/** The `decode` command. @public */
export const decodeCommand: CliCommand = {
  name: 'decode',
  help,
  async run(args, io) {
    const o = parseDecodeArgs(args);
    const stats = new EventStatistics();
    const timeline = sidecarTimeline(o.sidecar, io);
    if (typeof timeline === 'number') return timeline;
    if (timeline) stats.setReadBytes(timeline.readBytes);
    const decoder = new EventStreamDecoder({
      byteOrder: o.byteOrder,
      maxEventLength: o.maxEventLength,
      lenient: o.lenient,
      onMalformed: (error) => {
        stats.addError(error.message);
        reportError(io, 'decode', o.path, `skipped: ${error.message}`);
      },
    });
    const controller = new AbortController();
    const restoreSignals = o.follow ? stopOnSignals(controller) : () => undefined;
    const head = new InputHead();
    // JSON from the cursor costs little per read block next to its trip through the thread pool: big blocks.
    const chunkSize = o.pretty || o.lenient ? READ_CHUNK : LARGE_READ_CHUNK;
    const chunks = head.tap(o.follow ? followChunks(o.path, { idleTimeoutMs: o.idleTimeoutMs, signal: controller.signal }) : readChunks(o.path, io, chunkSize));
    const progress = Progress.forInput(io.stderr, `decode ${o.path}`, o.path, o.follow);
    let status: number = ExitCode.OK;
    const count = o.summary ?? mayReach(o, LARGE_DUMP_BYTES);
    try {
      await decodeStream(chunks, io, { decoder, byteOrder: o.byteOrder, lenient: o.lenient, stats, count, timeline, pretty: o.pretty ? Palette.for(io.stdout) : undefined, progress });
    } catch (error) {
      status = decodeFailure(error, io, o.path, stats, head.hint(o.byteOrder, o.maxEventLength));
      if (status !== ExitCode.MALFORMED_OR_DIFFERENT) return status;
    } finally {
      restoreSignals();
    }
    if (stats.errorCount > 0) status = ExitCode.MALFORMED_OR_DIFFERENT;
    if (head.bytes === 0) {
      noteEmptyInput(io, 'decode', o.path);
    }
    if (o.summary ?? (count && decoder.bytesDecoded >= LARGE_DUMP_BYTES)) io.stderr.write(`fanotify-codec decode: summary of ${o.path}\n${stats.toText()}`);
    return status;
  },
};
