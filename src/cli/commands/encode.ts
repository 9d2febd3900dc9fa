/**
 * `fanotify-codec encode FILE|-`: JSON Lines (as `decode` prints them) back to the exact bytes,
 * through the codec's one writer.
 *
 * @packageDocumentation
 */
import type { ByteOrder } from '../../codec/byte-order.js';
import { fanotifyCodec } from '../../codec/codec.js';
import { FanotifyEncodeError } from '../../errors.js';
import { JsonLinesError } from '../../golden/json-lines.js';
import { ExitCode, UsageError, type CliCommand, type CliIo } from '../command.js';
import { peekChunks } from '../format/event-source.js';
import { isSystemFailure } from '../format/input-errors.js';
import { readJsonLines } from '../format/json-lines-reader.js';
import { AtomicFileOutput, isBrokenPipe, writeOutput } from '../format/output.js';
import { noteEmptyInput, reportError } from '../format/report.js';
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
  (the files under examples/ ship with the package: run these in its directory)
  fanotify-codec decode examples/captures/fid.bin | fanotify-codec encode - | cmp - examples/captures/fid.bin
  fanotify-codec encode -o fid.bin examples/captures/fid.jsonl
  fanotify-codec encode --endian big examples/captures/fid.jsonl > fid-big-endian.bin

Exit status: 0 encoded; 1 an input line is not JSON or not an encodable event (the message
names the line and the field path, e.g. line 3: BAD_VALUE (event[2].info[0].f_handle)), the
input is binary (a byte dump: decode it instead) or empty; 2 usage error (also: refusing to
write bytes to a terminal); 3 a file could not be read or written (the message names it).
`;

/**
 * Where the first bytes of an input show it is not text (a NUL, or another control character
 * than tab, CR and LF): its offset, or -1. JSON Lines never has them, byte dumps always do.
 */
function binaryOffset(first: Uint8Array): number {
  const n = Math.min(first.length, 4096);
  for (let i = 0; i < n; i++) {
    const b = first[i]!;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return i;
  }
  return -1;
}

/** Encodes the JSON Lines of `chunks` into `sink` in blocks; returns the number of events. */
async function encodeLines(chunks: AsyncIterable<Uint8Array>, sink: AtomicFileOutput | NodeJS.WritableStream, byteOrder: ByteOrder, where: { line: number }): Promise<number> {
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const bytes = Buffer.concat(pending);
    pending = [];
    pendingBytes = 0;
    await (sink instanceof AtomicFileOutput ? sink.write(bytes) : writeOutput(sink, bytes));
  };
  let index = 0;
  for await (const entry of readJsonLines(chunks)) {
    where.line = entry.line;
    // One event at a time, so an error names its own line.
    const bytes = fanotifyCodec.encodeEvents([fanotifyCodec.eventFromJSON(entry.json, index++)], { byteOrder });
    pending.push(bytes);
    pendingBytes += bytes.length;
    if (pendingBytes >= FLUSH_BYTES) await flush();
  }
  await flush();
  return index;
}

/** The exit code for a failed encode, after reporting it (rethrows what is not an input or file problem). */
function encodeFailure(error: unknown, io: CliIo, files: { input: string; output: string | undefined }, line: number): number {
  if (isBrokenPipe(error)) return ExitCode.OK;
  if (error instanceof JsonLinesError) {
    reportError(io, 'encode', files.input, error.message);
    return ExitCode.MALFORMED_OR_DIFFERENT;
  }
  if (error instanceof FanotifyEncodeError) {
    reportError(io, 'encode', files.input, `line ${line}: ${error.message}`);
    return ExitCode.MALFORMED_OR_DIFFERENT;
  }
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    // A system error of the output file or of the input: name the one it came from.
    const output = files.output !== undefined && (error as { path?: unknown }).path === files.output;
    reportError(io, 'encode', output ? files.output : files.input, error.message);
    return ExitCode.SYSTEM;
  }
  throw error;
}

/** The `encode` command. @public */
export const encodeCommand: CliCommand = {
  name: 'encode',
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
    const where = { line: 0 };
    let status: number = ExitCode.OK;
    try {
      const { first, all } = await peekChunks(readChunks(path, io));
      const binary = first === undefined ? -1 : binaryOffset(first);
      if (first === undefined) noteEmptyInput(io, 'encode', path);
      else if (binary >= 0) {
        reportError(io, 'encode', path, `not JSON Lines: byte ${binary} is 0x${first[binary]!.toString(16).padStart(2, '0')}, a binary byte (a byte dump? \`fanotify-codec decode\` reads those)`);
        return ExitCode.MALFORMED_OR_DIFFERENT;
      }
      // A file output goes to a temporary name first, so a failed run never leaves half a dump behind.
      file = outputPath === undefined ? undefined : await AtomicFileOutput.create(outputPath);
      await encodeLines(all, file ?? io.stdout, byteOrder, where);
    } catch (error) {
      status = encodeFailure(error, io, { input: path, output: outputPath }, where.line);
      if (file && status !== ExitCode.OK) await file.discard();
      if (status !== ExitCode.OK) return status;
    }
    if (file) {
      try {
        await file.commit();
      } catch (error) {
        return encodeFailure(error, io, { input: path, output: outputPath }, where.line);
      }
    }
    return status;
  },
};
