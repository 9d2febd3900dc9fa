/**
 * `fanotify-codec encode FILE|-`: JSON Lines (as `decode` prints them) back to the exact bytes,
 * through the codec's one writer.
 *
 * @packageDocumentation
 */
import { fanotifyCodec } from '../../codec/codec.js';
import { FanotifyEncodeError } from '../../errors.js';
import { JsonLinesError } from '../../golden/json-lines.js';
import { ExitCode, UsageError, type CliCommand } from '../command.js';
import { isSystemFailure } from '../format/input-errors.js';
import { readJsonLines } from '../format/json-lines-reader.js';
import { AtomicFileOutput, isBrokenPipe, writeOutput } from '../format/output.js';
import { readChunks } from '../input.js';
import { parseEndian, parseOptions } from '../options.js';

/** Encoded events are written in blocks of about this many bytes (bounded memory, few writes). */
const FLUSH_BYTES = 1 << 16;

const help = `Usage: fanotify-codec encode [options] FILE|-

Encode JSON Lines (one event object per line, exactly what \`fanotify-codec decode\` prints) back
into the fanotify byte stream: the exact inverse of decode, so
  fanotify-codec decode x.bin | fanotify-codec encode - > y.bin
gives y.bin identical to x.bin. Lengths (event_len, len, handle_bytes) are computed and, when
given, checked; padding is written as the kernel writes it (zeros). mask_names and
info_type_name are ignored (mask and info_type are authoritative); a name is taken from
name_hex when present, else from name (UTF-8). Streams in constant memory.

Options:
  --endian little|big|host   byte order to write (default: host)
  -o, --output FILE          write to FILE (replaced only when encoding succeeds) instead of stdout
  -h, --help                 show this help

Examples:
  fanotify-codec decode corpus/ext4/fid/capture.bin | fanotify-codec encode - | cmp - corpus/ext4/fid/capture.bin
  fanotify-codec encode -o fid.bin corpus/ext4/fid/capture.jsonl
  fanotify-codec encode --endian big corpus/ext4/fid/capture.jsonl > fid-big-endian.bin

Exit status: 0 encoded; 1 an input line is not JSON or not an encodable event (the message
names the line and the field path, e.g. line 3: BAD_VALUE (event[2].info[0].f_handle));
2 usage error (also: refusing to write bytes to a terminal); 3 a file could not be read or written.
`;

/** The `encode` command. @public */
export const encodeCommand: CliCommand = {
  name: 'encode',
  summary: 'encode JSON Lines back into the exact fanotify bytes',
  help,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      endian: { type: 'string' },
      output: { type: 'string', short: 'o' },
    });
    if (positionals.length !== 1) throw new UsageError('expected exactly one input (a JSON Lines file, or - for stdin)');
    const path = positionals[0]!;
    const byteOrder = parseEndian(values.endian);
    const outputPath = values.output;
    if (outputPath === undefined && (io.stdout as { isTTY?: boolean }).isTTY) throw new UsageError('refusing to write binary bytes to a terminal; redirect stdout or use -o FILE');

    let file: AtomicFileOutput | undefined;
    let index = 0;
    let line = 0;
    let status: number = ExitCode.OK;
    try {
      // A file output goes to a temporary name first, so a failed run never leaves half a dump behind.
      file = outputPath === undefined ? undefined : await AtomicFileOutput.create(outputPath);
      const sink = file ?? io.stdout;
      let pending: Uint8Array[] = [];
      let pendingBytes = 0;
      const flush = async (): Promise<void> => {
        if (pending.length === 0) return;
        const bytes = Buffer.concat(pending);
        pending = [];
        pendingBytes = 0;
        await (sink instanceof AtomicFileOutput ? sink.write(bytes) : writeOutput(sink, bytes));
      };
      for await (const entry of readJsonLines(readChunks(path, io.stdin))) {
        line = entry.line;
        // One event at a time, so an error names its own line.
        const bytes = fanotifyCodec.encodeEvents([fanotifyCodec.eventFromJSON(entry.json, index++)], { byteOrder });
        pending.push(bytes);
        pendingBytes += bytes.length;
        if (pendingBytes >= FLUSH_BYTES) await flush();
      }
      await flush();
    } catch (error) {
      if (isBrokenPipe(error)) {
        status = ExitCode.OK;
      } else if (error instanceof JsonLinesError) {
        io.stderr.write(`fanotify-codec encode: ${path}: ${error.message}\n`);
        status = ExitCode.MALFORMED_OR_DIFFERENT;
      } else if (error instanceof FanotifyEncodeError) {
        io.stderr.write(`fanotify-codec encode: ${path}: line ${line}: ${error.message}\n`);
        status = ExitCode.MALFORMED_OR_DIFFERENT;
      } else if (isSystemFailure(error)) {
        io.stderr.write(`fanotify-codec encode: ${error.message}\n`);
        status = ExitCode.SYSTEM;
      } else {
        await file?.discard();
        throw error;
      }
    }
    if (file) {
      if (status === ExitCode.OK) await file.commit();
      else await file.discard();
    }
    return status;
  },
};
