/**
 * `fanotify-codec capture`: record a live fanotify group's read() bytes into FILE.bin plus a
 * sidecar FILE.json, the format corpus/ entries use.
 *
 * @packageDocumentation
 */
import { captureSession } from '../../live/capture/session.js';
import { parseMarkSpec } from '../../live/capture/mark-spec.js';
import { FanotifyError, FanotifyOptionError } from '../../live/errors.js';
import { openFlagValuesFrom, parseEventFFlags, parseInitFlags } from '../../live/flag-words.js';
import type { MarkOptions } from '../../live/marks.js';
import { NativeAddonUnavailableError } from '../../live/native/errors.js';
import { loadNativeBinding } from '../../live/native/load.js';
import { ExitCode, UsageError, type CliCommand } from '../command.js';
import { parseOptions } from '../options.js';

const help = `Usage: fanotify-codec capture [options] --mark SPEC... -o FILE.bin [-- COMMAND [ARG...]]

Open a fanotify group, add marks, and record exactly the bytes every read() returns into
FILE.bin, with a sidecar FILE.json describing the kernel, the group's flags, the marks (with
their filesystem types), the byte order, the read buffer size and the offset, length and time of
every read. Event fds and pidfds are closed as events are read; permission events are answered
with --verdict. Needs root (CAP_SYS_ADMIN) and the native addon.

Capturing stops when COMMAND exits (after the queue is drained), after --duration, after
--count events (the whole read that reaches the count is kept), or on Ctrl-C. A COMMAND still
running then gets SIGTERM.

Options:
  --init FLAGS            fanotify_init flags, ',' or '|' separated kernel names or hex
                          (default FAN_CLASS_NOTIF); FAN_NONBLOCK|FAN_CLOEXEC are always added
  --event-flags FLAGS     event_f_flags (default O_RDONLY,O_LARGEFILE,O_CLOEXEC)
  --mark SPEC             OBJECT:PATH:EVENTS[:FLAGS], repeatable; OBJECT is inode, mount,
                          filesystem or mntns; EVENTS are FAN_* event names; FLAGS are extra
                          FAN_MARK_* names (e.g. FAN_MARK_ONLYDIR). PATH may contain ':'
  -o, --output FILE.bin   the bytes file; the sidecar is FILE.json
  --duration SECONDS      stop after this long (then drain the queue)
  --count N               stop once N events were read
  --verdict allow|deny    answer for permission events (default allow)
  --buffer-size BYTES     read buffer size (default 65536)
  -h, --help              show this help

Examples:
  fanotify-codec capture --init FAN_CLASS_NOTIF,FAN_REPORT_DFID_NAME \\
    --mark inode:/tmp/d:FAN_CREATE,FAN_DELETE,FAN_ONDIR -o corpus/dfid-name.bin -- touch /tmp/d/x
  fanotify-codec capture --init FAN_CLASS_CONTENT --mark inode:/tmp/f:FAN_OPEN_PERM \\
    --verdict deny -o perm.bin --duration 5

Exit status: 0 captured; 2 usage error; 3 the kernel, a file or the addon failed (the sidecar
then has "error" set and the bytes read so far).
`;

function positiveNumber(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`${name} must be a non-negative number, got '${value}'`);
  return n;
}

/** The `capture` command. @public */
export const captureCommand: CliCommand = {
  name: 'capture',
  help,
  async run(args, io) {
    const split = args.indexOf('--');
    const own = split < 0 ? args : args.slice(0, split);
    const command = split < 0 ? undefined : args.slice(split + 1);
    const { values, positionals } = parseOptions(own, {
      init: { type: 'string' },
      'event-flags': { type: 'string' },
      mark: { type: 'string', multiple: true },
      output: { type: 'string', short: 'o' },
      duration: { type: 'string' },
      count: { type: 'string' },
      verdict: { type: 'string' },
      'buffer-size': { type: 'string' },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (put the command after --)`);
    if (values.output === undefined) throw new UsageError('-o FILE.bin is required');
    if (command !== undefined && command.length === 0) throw new UsageError('-- must be followed by a command');
    const verdict = values.verdict ?? 'allow';
    if (verdict !== 'allow' && verdict !== 'deny') throw new UsageError(`--verdict must be allow or deny, got '${verdict}'`);
    const durationS = positiveNumber(values.duration, '--duration');
    const count = positiveNumber(values.count, '--count');
    const bufferSize = positiveNumber(values['buffer-size'], '--buffer-size');
    let binding;
    try {
      binding = loadNativeBinding();
    } catch (error) {
      if (error instanceof NativeAddonUnavailableError) {
        io.stderr.write(`fanotify-codec capture: ${error.message}\n`);
        return ExitCode.SYSTEM;
      }
      throw error;
    }
    let marks: MarkOptions[];
    let initFlags: number;
    let eventFFlags: number;
    try {
      marks = (values.mark ?? []).map(parseMarkSpec);
      initFlags = parseInitFlags(values.init ?? 'FAN_CLASS_NOTIF');
      eventFFlags = parseEventFFlags(values['event-flags'] ?? 'O_RDONLY,O_LARGEFILE,O_CLOEXEC', openFlagValuesFrom(binding.constants));
    } catch (error) {
      if (error instanceof FanotifyOptionError) throw new UsageError(error.message);
      throw error;
    }
    if (marks.length === 0) throw new UsageError('at least one --mark is required');
    const stop = new AbortController();
    const onSigint = (): void => stop.abort();
    process.once('SIGINT', onSigint);
    try {
      const result = await captureSession({
        initFlags,
        eventFFlags,
        marks,
        output: values.output,
        verdict,
        signal: stop.signal,
        ...(command ? { command } : {}),
        ...(durationS !== undefined ? { durationMs: durationS * 1000 } : {}),
        ...(count !== undefined ? { count } : {}),
        ...(bufferSize !== undefined ? { bufferSize } : {}),
      });
      const t = result.sidecar.totals;
      io.stderr.write(`fanotify-codec capture: ${t.events} events in ${t.reads} reads (${t.bytes} bytes) -> ${result.binPath}, ${result.sidecarPath}\n`);
      return ExitCode.OK;
    } catch (error) {
      if (error instanceof FanotifyOptionError) throw new UsageError(error.message);
      if (error instanceof FanotifyError || error instanceof NativeAddonUnavailableError || (error instanceof Error && 'code' in error)) {
        io.stderr.write(`fanotify-codec capture: ${error.message}\n`);
        return ExitCode.SYSTEM;
      }
      throw error;
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
  },
};
