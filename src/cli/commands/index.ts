/**
 * Every CLI command, in the order `--help` lists them: its name and summary, and its module,
 * loaded only when the command runs (a run pays for the one command it uses).
 *
 * @packageDocumentation
 */
import type { CliCommandEntry } from '../command.js';

/** The registered commands. @internal */
export const commands: readonly CliCommandEntry[] = [
  { name: 'decode', summary: 'decode a fanotify byte stream to JSON Lines or a pretty view', load: async () => (await import('./decode.js')).decodeCommand },
  { name: 'encode', summary: 'encode JSON Lines back into the exact fanotify bytes', load: async () => (await import('./encode.js')).encodeCommand },
  { name: 'normalize', summary: 'replace pids, fds, fsids, handles, mount ids and times with stable placeholders', load: async () => (await import('./normalize.js')).normalizeCommand },
  { name: 'diff', summary: 'report the first differing event, record and field of two streams', load: async () => (await import('./diff.js')).diffCommand },
  { name: 'stats', summary: 'count events, bytes, mask bits, record types, pids, sizes and reads', load: async () => (await import('./stats.js')).statsCommand },
  { name: 'capture', summary: 'record a live fanotify group\'s read() bytes and a sidecar JSON', load: async () => (await import('./capture.js')).captureCommand },
  { name: 'produce', summary: 'run a scenario on the kernel model and write the fanotify bytes it produces', load: async () => (await import('./produce.js')).produceCommand },
  { name: 'export', summary: 'write the schemas as a Kaitai Struct .ksy or a C header', load: async () => (await import('./export.js')).exportCommand },
];
