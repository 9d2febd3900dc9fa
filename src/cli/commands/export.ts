/**
 * `fanotify-codec export ksy|c-header`: the schemas of spec/ (or a user's record schemas) as a
 * Kaitai Struct description or a C header, for decoders in other languages.
 *
 * @packageDocumentation
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnyRecordSchema } from '../../codec/types.js';
import { exportCHeader } from '../../export/c-header.js';
import { FanotifySchemaExportError } from '../../export/errors.js';
import { exportKsy } from '../../export/ksy.js';
import { ExitCode, UsageError, type CliCommand, type CliIo } from '../command.js';
import { parseOptions } from '../options.js';

const help = `Usage: fanotify-codec export ksy|c-header [options]

Write the package's schemas in a form other languages use. Both are generated from spec/, the
schemas the TypeScript codec itself is built from.

  ksy        a Kaitai Struct description (.ksy) of the event stream: metadata, the info-header
             switch on info_type, every record type (file handles sized by handle_bytes,
             NUL-terminated names as bytes, implicit and trailing padding), unknown types as raw
             bytes. By default one description reads either byte order through its is_le
             parameter. Compile it with kaitai-struct-compiler for C++, Go, Java, JavaScript,
             Python, Rust and more.
  c-header   the kernel structs and constants as a C header, each constant with the release
             that introduced it, including those newer than the installed <linux/fanotify.h>.

Options:
  -o, --output FILE              write to FILE (default: standard output)
  --endian little|big|param      ksy: fixed byte order, or a root parameter (default: param)
  --id ID                        ksy: meta/id, the generated parser's name (default: fanotify_events)
  --records MODULE               ksy: describe the record schemas that an ES module exports as
                                 'records' (an array of infoRecord(...)) instead of the kernel's
  --prefix PREFIX                c-header: prefix struct names with PREFIX and macros with it
                                 upper-cased (fc_ -> struct fc_file_handle, FC_FAN_OPEN), so the
                                 header can be included next to <linux/fanotify.h>
  -h, --help                     show this help

Examples:
  fanotify-codec export ksy -o fanotify_events.ksy
  fanotify-codec export ksy --endian little --id fanotify_le | grep -c 'id:'
  fanotify-codec export c-header --prefix fc_ -o fanotify-codec.h
  fanotify-codec export c-header | grep FAN_EVENT_INFO_TYPE_MNT

Exit status: 0 written; 1 a schema cannot be expressed in the target (the error names the
struct and field); 2 usage error; 3 the output could not be written or the --records module
could not be loaded.
`;

/** Loads the `records` export of a user's module (a path relative to the working directory). */
async function loadRecords(modulePath: string): Promise<readonly AnyRecordSchema[]> {
  const module = (await import(pathToFileURL(path.resolve(modulePath)).href)) as { records?: unknown };
  const records = module.records;
  if (!Array.isArray(records) || records.some((r) => (r as { kind?: unknown })?.kind !== 'info-record')) {
    throw new UsageError(`${modulePath} must export 'records': an array of infoRecord(...) schemas`);
  }
  return records as readonly AnyRecordSchema[];
}

function parseKsyEndian(value: string | undefined): 'little' | 'big' | 'param' {
  if (value === undefined) return 'param';
  if (value === 'little' || value === 'big' || value === 'param') return value;
  throw new UsageError(`--endian must be little, big or param, got '${value}'`);
}

type ExportValues = { endian?: string; id?: string; records?: string; prefix?: string };

async function render(target: string, values: ExportValues): Promise<string> {
  if (target === 'ksy') {
    if (values.prefix !== undefined) throw new UsageError('--prefix applies to c-header only');
    const records = values.records === undefined ? undefined : await loadRecords(values.records);
    return exportKsy({ byteOrder: parseKsyEndian(values.endian), ...(values.id === undefined ? {} : { id: values.id }), ...(records ? { records } : {}) });
  }
  if (target === 'c-header') {
    if (values.endian !== undefined || values.id !== undefined || values.records !== undefined) throw new UsageError('--endian, --id and --records apply to ksy only');
    return exportCHeader(values.prefix === undefined ? {} : { prefix: values.prefix });
  }
  throw new UsageError(`unknown export target '${target}' (expected ksy or c-header)`);
}

async function emit(text: string, output: string | undefined, io: CliIo): Promise<void> {
  if (output === undefined) io.stdout.write(text);
  else await writeFile(output, text);
}

/** The `export` command. @public */
export const exportCommand: CliCommand = {
  name: 'export',
  help,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      output: { type: 'string', short: 'o' },
      endian: { type: 'string' },
      id: { type: 'string' },
      records: { type: 'string' },
      prefix: { type: 'string' },
    });
    if (positionals.length !== 1) throw new UsageError('expected exactly one target: ksy or c-header');
    let text: string;
    try {
      text = await render(positionals[0]!, values);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      const status = error instanceof FanotifySchemaExportError ? ExitCode.MALFORMED_OR_DIFFERENT : ExitCode.SYSTEM;
      io.stderr.write(`fanotify-codec export: ${error instanceof Error ? error.message : String(error)}\n`);
      return status;
    }
    try {
      await emit(text, values.output, io);
    } catch (error) {
      io.stderr.write(`fanotify-codec export: ${values.output}: ${(error as Error).message}\n`);
      return ExitCode.SYSTEM;
    }
    return ExitCode.OK;
  },
};
