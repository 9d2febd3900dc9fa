/**
 * `fanotify-codec produce SCENARIO`: runs a scenario on the kernel model and writes the bytes
 * of every fanotify read (a golden stream, no kernel or root needed).
 *
 * @packageDocumentation
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { ByteOrder } from '../../codec/byte-order.js';
import { runScenario, type ScenarioResult } from '../../model/scenario/run.js';
import { ScenarioError } from '../../model/scenario/scenario-error.js';
import { ExitCode, UsageError, type CliCommand } from '../command.js';
import { isSystemFailure } from '../format/input-errors.js';
import { isBrokenPipe, writeOutput } from '../format/output.js';
import { reportError } from '../format/report.js';
import { parseEndian, parseOptions } from '../options.js';

const help = `Usage: fanotify-codec produce [options] SCENARIO

Run a scenario file (JSON: filesystems, a tree, processes, then steps such as fanotify_init,
fanotify_mark, file operations, fanotify_read and fanotify_respond) on the kernel model and
write the bytes every fanotify_read step returned, concatenated in step order: exactly what
the kernel release would have returned (Linux 6.18 unless the scenario's "kernel" or --kernel
names another), without a kernel and without root.

Options:
  -o, --output FILE          write the stream to FILE (default: standard output)
  --endian little|big|host   byte order of the stream (default: the scenario's byteOrder,
                             else host)
  --kernel RELEASE           behave as this kernel release (e.g. 6.1, 6.12.57 or a uname -r
                             string; default: the scenario's "kernel", else 6.18)
  --sidecar FILE             also write JSON with the boundaries of every read (offset, length,
                             result), every step's result, and what each operation that waited
                             for a permission response finally returned
  -h, --help                 show this help

The stream is binary: it is not written to a terminal (use -o FILE or a pipe).

Examples:
  (the files under examples/ ship with the package: run these in its directory)
  fanotify-codec produce examples/scenarios/dfid-name-create.json -o golden.bin
  fanotify-codec produce examples/scenarios/dfid-name-create.json --sidecar golden.json | fanotify-codec decode -
  fanotify-codec produce --endian big examples/scenarios/dfid-name-create.json -o golden-be.bin
  fanotify-codec produce --kernel 6.1 examples/scenarios/dfid-name-create.json -o golden-6.1.bin
  fanotify-codec produce examples/scenarios/open-perm-deny.json | fanotify-codec decode --format pretty -

Exit status: 0 the stream was produced; 1 the scenario is invalid (a message names the JSON
path, e.g. steps[3].mask[1]) or one of its "expect" values did not hold (the stream and
sidecar are still written); 2 usage error (also: refusing to write bytes to a terminal); 3 a
file could not be read or written (the message names it).
`;

function sidecarOf(path: string, result: ScenarioResult): string {
  const json = {
    scenario: path,
    byteOrder: result.byteOrder,
    kernel: result.kernel,
    length: result.stream.length,
    reads: result.reads,
    steps: result.steps,
    permissionAccessors: result.accessors,
    failedExpectations: result.failures,
  };
  return JSON.stringify(json, null, 2) + '\n';
}

/** The `produce` command. @public */
export const produceCommand: CliCommand = {
  name: 'produce',
  help,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      output: { type: 'string', short: 'o' },
      endian: { type: 'string' },
      sidecar: { type: 'string' },
      kernel: { type: 'string' },
    });
    if (positionals.length !== 1) throw new UsageError('expected exactly one scenario file');
    const path = positionals[0]!;
    if (values.output === undefined && (io.stdout as { isTTY?: boolean }).isTTY) throw new UsageError('refusing to write binary bytes to a terminal; redirect stdout or use -o FILE');
    const byteOrder: ByteOrder | undefined = values.endian === undefined ? undefined : parseEndian(values.endian);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (!isSystemFailure(error)) throw error;
      io.stderr.write(`fanotify-codec produce: ${path}: ${error.message}\n`);
      return ExitCode.SYSTEM;
    }
    let result: ScenarioResult;
    try {
      result = runScenario(JSON.parse(text) as unknown, { ...(byteOrder ? { byteOrder } : {}), ...(values.kernel !== undefined ? { kernel: values.kernel } : {}) });
    } catch (error) {
      if (error instanceof SyntaxError || error instanceof ScenarioError) {
        io.stderr.write(`fanotify-codec produce: ${path}: ${error.message}\n`);
        return ExitCode.MALFORMED_OR_DIFFERENT;
      }
      throw error;
    }
    let writing = values.output ?? '-';
    try {
      if (values.output !== undefined) await writeFile(values.output, result.stream);
      else await writeOutput(io.stdout, result.stream);
      writing = values.sidecar ?? writing;
      if (values.sidecar !== undefined) await writeFile(values.sidecar, sidecarOf(path, result));
    } catch (error) {
      if (isBrokenPipe(error)) return ExitCode.OK;
      if (!isSystemFailure(error)) throw error;
      reportError(io, 'produce', writing, error.message);
      return ExitCode.SYSTEM;
    }
    for (const f of result.failures) io.stderr.write(`fanotify-codec produce: ${path}: ${f.path}: expected ${f.expected}, got ${f.actual}\n`);
    return result.failures.length > 0 ? ExitCode.MALFORMED_OR_DIFFERENT : ExitCode.OK;
  },
};
