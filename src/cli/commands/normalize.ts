/**
 * `fanotify-codec normalize FILE|-`: JSON Lines with run-specific values (pids, fds, pidfds,
 * fsids, file handles, mount ids, timestamps) replaced by placeholders, so captures from
 * different machines and runs compare.
 *
 * @packageDocumentation
 */
import { EventNormalizer } from '../../golden/normalize.js';
import { ExitCode, UsageError, type CliCommand } from '../command.js';
import { looksLikeJsonDocument, parseInputKind, peekChunks, readStreamEvents } from '../format/event-source.js';
import { readSidecar } from '../format/sidecar.js';
import { exitCodeFor } from '../format/input-errors.js';
import { parseKeep } from '../format/keep-option.js';
import { writeOutput } from '../format/output.js';
import { readChunks } from '../input.js';
import { parseEndian, parseOptions } from '../options.js';

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
  -h, --help                 show this help

Examples:
  fanotify-codec normalize corpus/ext4/fid/capture.bin
  fanotify-codec decode corpus/xfs/fid/capture.bin | fanotify-codec normalize - > xfs-fid.norm.jsonl
  fanotify-codec normalize --keep handle corpus/tmpfs/fid/capture.jsonl
  fanotify-codec normalize corpus/ext4/fid/capture.json

Exit status: 0 normalized; 1 malformed input (the events before it are printed, the error with
its byte offset goes to stderr); 2 usage error; 3 the file could not be read.
`;

/** The `normalize` command. @public */
export const normalizeCommand: CliCommand = {
  name: 'normalize',
  summary: 'replace pids, fds, fsids, handles, mount ids and times with stable placeholders',
  help,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      from: { type: 'string' },
      endian: { type: 'string' },
      keep: { type: 'string' },
    });
    if (positionals.length !== 1) throw new UsageError('expected exactly one input (a file, or - for stdin)');
    const path = positionals[0]!;
    const sidecar = values.from === 'sidecar';
    const kind = sidecar ? undefined : parseInputKind(values.from);
    const byteOrder = parseEndian(values.endian);
    const normalizer = new EventNormalizer({ keep: parseKeep(values.keep) });
    try {
      const { first, all } = await peekChunks(readChunks(path, io.stdin));
      if (first && (sidecar || (kind === undefined && looksLikeJsonDocument(first)))) {
        await writeOutput(io.stdout, JSON.stringify(normalizer.document(await readSidecar(all)), null, 2) + '\n');
        return ExitCode.OK;
      }
      for await (const event of readStreamEvents(all, { kind, byteOrder })) {
        await writeOutput(io.stdout, JSON.stringify(normalizer.event(event.json)) + '\n');
      }
    } catch (error) {
      const code = exitCodeFor(error);
      if (code === undefined) throw error;
      if (code !== ExitCode.OK) io.stderr.write(`fanotify-codec normalize: ${path}: ${(error as Error).message}\n`);
      return code;
    }
    return ExitCode.OK;
  },
};
