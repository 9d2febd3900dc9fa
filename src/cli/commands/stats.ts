/**
 * `fanotify-codec stats FILE|-`: what a stream contains, counted: events, bytes, mask bits,
 * record types, pids, event sizes, and read() calls when a sidecar is given.
 *
 * @packageDocumentation
 */
import type { KernelRecordSchema } from '../../../spec/records.js';
import type { ByteOrder } from '../../codec/byte-order.js';
import type { EventCursor } from '../../codec/cursor.js';
import { EventStreamDecoder } from '../../codec/stream.js';
import { FanotifyDecodeError } from '../../errors.js';
import { ExitCode, UsageError, type CliCommand, type CliIo } from '../command.js';
import { inputKindOf, parseInputKind, peekChunks, readStreamEvents, type InputKind } from '../format/event-source.js';
import { exitCodeFor } from '../format/input-errors.js';
import { Progress } from '../format/progress.js';
import { noteEmptyInput, reportError } from '../format/report.js';
import { loadCaptureTimeline, type CaptureTimeline } from '../format/sidecar.js';
import { EventStatistics } from '../format/statistics.js';
import { InputHead } from '../format/stream-hint.js';
import { LARGE_READ_CHUNK, readChunksReused } from '../input.js';
import { MAX_EVENT_LEN_HELP, MAX_EVENT_LEN_OPTION, parseEndian, parseMaxEventLen, parseOptions } from '../options.js';

const help = `Usage: fanotify-codec stats [options] FILE|-

Count what a fanotify stream (a byte dump, or JSON Lines as decode or normalize print them)
contains: events and bytes; event_len min/max/mean and a per-size table; events per mask bit
(an event with FAN_OPEN|FAN_CLOSE_NOWRITE counts once for each); records per info type
("(none)" counts events without records); events per pid; with --sidecar, the number of read()
calls and bytes and events per read. Streams in constant memory; on a terminal, runs longer
than a second show their progress on stderr.

Options:
  --sidecar FILE             the capture's sidecar (.json), for read() statistics
  --json                     print one JSON object instead of text
  --from bytes|jsonl|auto    input kind (default: auto)
  --endian little|big|host   byte order of a byte dump (default: host)
${MAX_EVENT_LEN_HELP}
  -h, --help                 show this help

Examples:
  (the files under examples/ ship with the package: run these in its directory)
  fanotify-codec stats examples/captures/many-events.bin
  fanotify-codec stats --sidecar examples/captures/many-events.json --json examples/captures/many-events.bin
  fanotify-codec decode examples/captures/overflow-fd.bin | fanotify-codec normalize - | fanotify-codec stats -

Exit status: 0 counted; 1 malformed input (the counts up to it are printed, the error goes to
stderr and into the counts); 2 usage error; 3 a file could not be read.
`;

interface CountOptions {
  readonly kind: InputKind | undefined;
  readonly byteOrder: ByteOrder;
  readonly maxEventLength: number;
  readonly progress: Progress | undefined;
}

/** Counts a byte dump with the decoder's cursor (numbers read in place, nothing allocated per event). */
async function countDump(chunks: AsyncIterable<Uint8Array>, stats: EventStatistics, timeline: CaptureTimeline | undefined, o: CountOptions): Promise<void> {
  const decoder = new EventStreamDecoder({ byteOrder: o.byteOrder, maxEventLength: o.maxEventLength });
  const walk = (c: EventCursor<KernelRecordSchema>): void => {
    const base = decoder.bytesDecoded;
    if (timeline) while (c.nextEvent()) stats.addCursor(c, timeline.positionOf(base + c.byteOffset).readIndex);
    else stats.countEvents(c);
  };
  for await (const chunk of chunks) {
    decoder.pushCursor(chunk, walk);
    o.progress?.update(decoder.bytesDecoded, stats.events);
  }
  decoder.end();
}

/** Counts JSON Lines (possibly normalized). */
async function countJsonLines(chunks: AsyncIterable<Uint8Array>, stats: EventStatistics, timeline: CaptureTimeline | undefined): Promise<void> {
  let offset = 0;
  for await (const event of readStreamEvents(chunks, { kind: 'jsonl' })) {
    stats.addJson(event.json, timeline?.positionOf(event.offset ?? offset).readIndex);
    offset += typeof event.json['event_len'] === 'number' ? event.json['event_len'] : 0;
  }
}

async function count(chunks: AsyncIterable<Uint8Array>, stats: EventStatistics, timeline: CaptureTimeline | undefined, o: CountOptions): Promise<void> {
  const { first, all } = await peekChunks(chunks);
  if (!first) return;
  try {
    await (inputKindOf(first, o.kind) === 'jsonl' ? countJsonLines(all, stats, timeline) : countDump(all, stats, timeline, o));
  } finally {
    o.progress?.done();
  }
}

function sidecarTimeline(path: string | undefined, stats: EventStatistics, io: CliIo): CaptureTimeline | undefined | number {
  try {
    const timeline = path === undefined ? undefined : loadCaptureTimeline(path);
    if (timeline) stats.setReadBytes(timeline.readBytes);
    return timeline;
  } catch (error) {
    reportError(io, 'stats', path, error instanceof Error ? error.message : String(error));
    return exitCodeFor(error) ?? ExitCode.MALFORMED_OR_DIFFERENT;
  }
}

/** The `stats` command. @public */
export const statsCommand: CliCommand = {
  name: 'stats',
  help,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      sidecar: { type: 'string' },
      json: { type: 'boolean', default: false },
      from: { type: 'string' },
      endian: { type: 'string' },
      ...MAX_EVENT_LEN_OPTION,
    });
    if (positionals.length !== 1) throw new UsageError('expected exactly one input (a file, or - for stdin)');
    const path = positionals[0]!;
    const o: CountOptions = { kind: parseInputKind(values.from), byteOrder: parseEndian(values.endian), maxEventLength: parseMaxEventLen(values['max-event-len']), progress: Progress.forInput(io.stderr, `stats ${path}`, path) };
    const stats = new EventStatistics();
    const timeline = sidecarTimeline(values.sidecar, stats, io);
    if (typeof timeline === 'number') return timeline;
    let status: number = ExitCode.OK;
    const head = new InputHead();
    try {
      await count(head.tap(readChunksReused(path, io, LARGE_READ_CHUNK)), stats, timeline, o);
    } catch (error) {
      const code = exitCodeFor(error);
      if (code === undefined) throw error;
      if (code === ExitCode.OK) return code;
      const message = (error as Error).message;
      if (code === ExitCode.SYSTEM) {
        reportError(io, 'stats', path, message);
        return code;
      }
      stats.addError(message);
      reportError(io, 'stats', path, message, error instanceof FanotifyDecodeError ? head.hint(o.byteOrder, o.maxEventLength) : undefined);
      status = code;
    }
    if (head.bytes === 0) {
      noteEmptyInput(io, 'stats', path);
    }
    io.stdout.write(values.json ? JSON.stringify(stats.toJSON()) + '\n' : stats.toText({ pids: true, sizes: true }));
    return status;
  },
};
