/**
 * `fanotify-codec decode FILE|-`: a dump of read() bytes to JSON Lines, one event per line.
 *
 * @packageDocumentation
 */
import { EventStreamDecoder } from '../../codec/stream.js';
import { FanotifyDecodeError } from '../../errors.js';
import { ExitCode, UsageError, type CliCommand } from '../command.js';
import { readChunks, writeWithBackpressure } from '../input.js';
import { parseEndian, parseOptions } from '../options.js';

const help = `Usage: fanotify-codec decode [options] FILE|-

Decode a fanotify byte stream (the bytes read() returned, e.g. a capture's .bin file) and print
one JSON object per event (JSON Lines). Field names are the kernel's (event_len, vers,
metadata_len, mask, fd, pid, info[] with info_type, len, fsid, handle_bytes, handle_type,
f_handle, name, pidfd, error, error_count, offset, count, mnt_id), plus mask_names and
info_type_name. 64-bit values print as decimal strings (mask as hex), file handles as hex,
names as text with name_hex added when a name is not valid UTF-8.

Options:
  --endian little|big|host   byte order of the stream (default: host)
  --lenient                  report malformed events on stderr and skip them where event_len
                             still frames them (exit status is still 1)
  -h, --help                 show this help

Examples:
  fanotify-codec decode corpus/ext4/dfid-name/capture.bin
  cat dump.bin | fanotify-codec decode - | jq .mask_names

Exit status: 0 all events decoded; 1 malformed input (a one-line message with the byte offset
goes to stderr); 2 usage error; 3 the file could not be read.
`;

/** The `decode` command. @public */
export const decodeCommand: CliCommand = {
  name: 'decode',
  summary: 'decode a fanotify byte stream to JSON Lines',
  help,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      endian: { type: 'string' },
      lenient: { type: 'boolean', default: false },
    });
    if (positionals.length !== 1) throw new UsageError('expected exactly one input (a file, or - for stdin)');
    const path = positionals[0]!;
    const lenient = values.lenient === true;
    let malformed = 0;
    const decoder = new EventStreamDecoder({
      byteOrder: parseEndian(values.endian),
      lenient,
      onMalformed: (error) => {
        malformed++;
        io.stderr.write(`fanotify-codec decode: ${path}: skipped: ${error.message}\n`);
      },
    });
    try {
      for await (const chunk of readChunks(path, io.stdin)) {
        let text = '';
        for (const event of decoder.push(chunk)) text += JSON.stringify(event.toJSON()) + '\n';
        if (text) await writeWithBackpressure(io.stdout, text);
      }
      decoder.end();
    } catch (error) {
      if (error instanceof FanotifyDecodeError) {
        io.stderr.write(`fanotify-codec decode: ${path}: ${error.message}\n`);
        return ExitCode.MALFORMED_OR_DIFFERENT;
      }
      if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
        io.stderr.write(`fanotify-codec decode: ${path}: ${error.message}\n`);
        return ExitCode.SYSTEM;
      }
      throw error;
    }
    return malformed > 0 ? ExitCode.MALFORMED_OR_DIFFERENT : ExitCode.OK;
  },
};
