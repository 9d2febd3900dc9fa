/**
 * `fanotify-codec stats FILE|-`: what a stream contains, counted: events, bytes, mask bits,
 * record types, pids, event sizes, and read() calls when a sidecar is given.
 *
 * @packageDocumentation
 */
import { ExitCode, UsageError, type CliCommand } from '../command.js';
import { parseInputKind, readStreamEvents } from '../format/event-source.js';
import { exitCodeFor } from '../format/input-errors.js';
import { loadCaptureTimeline, type CaptureTimeline } from '../format/sidecar.js';
import { EventStatistics } from '../format/statistics.js';
import { readChunks } from '../input.js';
import { parseEndian, parseOptions } from '../options.js';

const help = `Usage: fanotify-codec stats [options] FILE|-

Count what a fanotify stream (a byte dump, or JSON Lines as decode or normalize print them)
contains: events and bytes; event_len min/max/mean and a per-size table; events per mask bit
(an event with FAN_OPEN|FAN_CLOSE_NOWRITE counts once for each); records per info type
("(none)" counts events without records); events per pid; with --sidecar, the number of read()
calls and bytes and events per read. Streams in constant memory.

Options:
  --sidecar FILE             the capture's sidecar (.json), for read() statistics
  --json                     print one JSON object instead of text
  --from bytes|jsonl|auto    input kind (default: auto)
  --endian little|big|host   byte order of a byte dump (default: host)
  -h, --help                 show this help

Examples:
  fanotify-codec stats corpus/ext4/many-events/capture.bin
  fanotify-codec stats --sidecar corpus/ext4/many-events/capture.json --json corpus/ext4/many-events/capture.bin
  fanotify-codec decode corpus/ext4/overflow-fd/capture.bin | fanotify-codec normalize - | fanotify-codec stats -

Exit status: 0 counted; 1 malformed input (the counts up to it are printed, the error goes to
stderr and into the counts); 2 usage error; 3 a file could not be read.
`;

/** The `stats` command. @public */
export const statsCommand: CliCommand = {
  name: 'stats',
  summary: 'count events, bytes, mask bits, record types, pids, sizes and reads',
  help,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      sidecar: { type: 'string' },
      json: { type: 'boolean', default: false },
      from: { type: 'string' },
      endian: { type: 'string' },
    });
    if (positionals.length !== 1) throw new UsageError('expected exactly one input (a file, or - for stdin)');
    const path = positionals[0]!;
    const kind = parseInputKind(values.from);
    const byteOrder = parseEndian(values.endian);
    const stats = new EventStatistics();
    let status: number = ExitCode.OK;
    let timeline: CaptureTimeline | undefined;
    try {
      timeline = values.sidecar === undefined ? undefined : loadCaptureTimeline(values.sidecar);
      if (timeline) stats.setReadBytes(timeline.readBytes);
    } catch (error) {
      io.stderr.write(`fanotify-codec stats: ${values.sidecar}: ${error instanceof Error ? error.message : String(error)}\n`);
      return exitCodeFor(error) ?? ExitCode.MALFORMED_OR_DIFFERENT;
    }
    try {
      let offset = 0;
      for await (const event of readStreamEvents(readChunks(path, io.stdin), { kind, byteOrder })) {
        stats.addJson(event.json, timeline?.positionOf(event.offset ?? offset).readIndex);
        offset += typeof event.json['event_len'] === 'number' ? event.json['event_len'] : 0;
      }
    } catch (error) {
      const code = exitCodeFor(error);
      if (code === undefined) throw error;
      if (code === ExitCode.OK) return code;
      if (code === ExitCode.SYSTEM) {
        io.stderr.write(`fanotify-codec stats: ${path}: ${(error as Error).message}\n`);
        return code;
      }
      stats.addError((error as Error).message);
      io.stderr.write(`fanotify-codec stats: ${path}: ${(error as Error).message}\n`);
      status = code;
    }
    io.stdout.write(values.json ? JSON.stringify(stats.toJSON()) + '\n' : stats.toText({ pids: true, sizes: true }));
    return status;
  },
};
