/**
 * docs/errors.md, rendered from the one code list (`errorCodeMeanings`) and the class that
 * carries each code. `npm run docs:errors` writes it; test/errors/docs.test.ts fails when the
 * checked-in file differs, and the error-path walk checks each thrown error's class against
 * {@link CLASS_OF}.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorCodeMeanings, type FanotifyErrorCode } from '../../src/fanotify-codec-error.js';

/** The class (its `name`) that carries each code: a code without a class is a type error. */
export const CLASS_OF: Readonly<Record<FanotifyErrorCode, string>> = {
  DECODE_TRUNCATED: 'FanotifyDecodeError',
  DECODE_EMPTY_INPUT: 'FanotifyDecodeError',
  DECODE_BAD_VERSION: 'FanotifyDecodeError',
  DECODE_BAD_METADATA_LEN: 'FanotifyDecodeError',
  DECODE_EVENT_LEN_TOO_SMALL: 'FanotifyDecodeError',
  DECODE_EVENT_LEN_PAST_END: 'FanotifyDecodeError',
  DECODE_EVENT_TOO_LONG: 'FanotifyDecodeError',
  DECODE_RECORD_PAST_EVENT: 'FanotifyDecodeError',
  DECODE_RECORD_LEN_TOO_SMALL: 'FanotifyDecodeError',
  DECODE_RECORD_LEN_MISMATCH: 'FanotifyDecodeError',
  DECODE_FIELD_PAST_RECORD: 'FanotifyDecodeError',
  DECODE_NAME_WITHOUT_NUL: 'FanotifyDecodeError',
  DECODE_NONZERO_PADDING: 'FanotifyDecodeError',
  DECODE_BAD_RECORD: 'FanotifyDecodeError',
  DECODE_STREAM_FAILED: 'FanotifyDecodeError',
  ENCODE_BAD_VALUE: 'FanotifyEncodeError',
  ENCODE_UNKNOWN_FIELD: 'FanotifyEncodeError',
  ENCODE_LENGTH_MISMATCH: 'FanotifyEncodeError',
  ENCODE_UNKNOWN_RECORD: 'FanotifyEncodeError',
  ENCODE_BUFFER_TOO_SMALL: 'FanotifyEncodeError',
  ENCODE_BAD_RESPONSE: 'FanotifyEncodeError',
  ARGUMENT_NOT_BYTES: 'FanotifyArgumentError',
  ARGUMENT_BAD_OPTION: 'FanotifyArgumentError',
  ARGUMENT_UNKNOWN_OPTION: 'FanotifyArgumentError',
  ARGUMENT_BAD_VISITOR: 'FanotifyArgumentError',
  ARGUMENT_NO_CURSOR: 'FanotifyArgumentError',
  EXPORT_BAD_IDENTIFIER: 'FanotifySchemaExportError',
  EXPORT_DUPLICATE_INFO_TYPE: 'FanotifySchemaExportError',
  EXPORT_UNSUPPORTED_FIELD: 'FanotifySchemaExportError',
  JSONL_NOT_JSON: 'JsonLinesError',
  JSONL_NOT_OBJECT: 'JsonLinesError',
  MODEL_BAD_ARGUMENT: 'FanotifyModelError',
  MODEL_NO_SUCH_OBJECT: 'FanotifyModelError',
  MODEL_PROCESS_BLOCKED: 'FanotifyModelError',
  MODEL_WOULD_BLOCK: 'FanotifyModelError',
  MODEL_INTERNAL: 'FanotifyModelError',
  SCENARIO_INVALID: 'ScenarioError',
  SCENARIO_STEP_FAILED: 'ScenarioError',
  LIVE_SYSCALL_FAILED: 'FanotifySyscallError',
  LIVE_BAD_OPTION: 'FanotifyOptionError',
  LIVE_BAD_RESPONSE: 'FanotifyResponseError',
  LIVE_ALREADY_ANSWERED: 'FanotifyResponseError',
  LIVE_DEADLINE_PASSED: 'FanotifyResponseError',
  LIVE_NOT_PERMISSION_EVENT: 'FanotifyResponseError',
  LIVE_AUTO_DENIED: 'FanotifyResponseError',
  LIVE_CLOSED: 'FanotifyStateError',
  LIVE_BUSY: 'FanotifyStateError',
  LIVE_EVENT_EXPIRED: 'FanotifyStateError',
  LIVE_FD_UNAVAILABLE: 'FanotifyStateError',
  LIVE_NO_PATH: 'FanotifyPathError',
  LIVE_NOT_A_GROUP: 'FanotifyAdoptError',
  NATIVE_UNAVAILABLE: 'NativeAddonUnavailableError',
  CLI_USAGE: 'UsageError',
  CLI_BAD_SIDECAR: 'SidecarFormatError',
  CLI_FOLLOWED_FILE_SHRANK: 'FollowedFileShrankError',
  INTERNAL_BAD_TABLE: 'FanotifyInternalError',
};

/** What each area is, for the section headings. */
const AREAS: readonly (readonly [string, string])[] = [
  ['DECODE', 'Decoding bytes (every decode error has the byte `offset` and a `path`)'],
  ['ENCODE', 'Encoding events and responses, golden builders, normalizing (a `path` into the input)'],
  ['ARGUMENT', 'Arguments of codec functions'],
  ['EXPORT', 'Schema export (Kaitai Struct, C header)'],
  ['JSONL', 'JSON Lines input (the `line` and the byte `offset` of its first byte)'],
  ['MODEL', 'The kernel model (misuse of the model; simulated system calls return a negative errno instead)'],
  ['SCENARIO', 'Scenario files (the JSON `path`)'],
  ['LIVE', 'Live fanotify groups (subclasses of `FanotifyError`)'],
  ['NATIVE', 'The native addon'],
  ['CLI', 'The command-line tool'],
  ['INTERNAL', 'Bugs'],
];

/** The text of docs/errors.md. */
export function renderErrorDocs(): string {
  const lines = [
    '# Error codes',
    '',
    '<!-- Generated from src/fanotify-codec-error.ts by `npm run docs:errors`; test/errors checks it. -->',
    '',
    'Every error fanotify-codec throws is an instance of `FanotifyCodecError` with one of the codes',
    'below in `code`: `AREA_REASON`, SCREAMING_SNAKE case. The classes under it add what their area',
    'knows (`offset` and `path` for decoding, `errno` and `syscall` for system calls, …) and set',
    '`name` to their own class name. Only a wrong schema declaration (`struct`, `infoRecord`,',
    '`createCodec` with conflicting records) throws a plain `TypeError`: a programming error, not',
    'bad input.',
    '',
    '```ts',
    "import { FanotifyCodecError, decodeEvents } from 'fanotify-codec';",
    'try { for (const event of decodeEvents(bytes)) use(event); } catch (e) {',
    '  if (e instanceof FanotifyCodecError) console.error(e.code, e.message); else throw e;',
    '}',
    '```',
    '',
    'Input is strict: an unknown field or option is refused with the nearest valid name',
    "(`ENCODE_UNKNOWN_FIELD (event[0].event_lenn): unknown field 'event_lenn' (did you mean event_len?)`),",
    'and an event header that fails (`vers`, `metadata_len`, `event_len`) says whether the bytes',
    'read as the other byte order (decode with `byteOrder`, CLI `--endian`) or are not a fanotify',
    'stream at all.',
  ];
  const codes = Object.keys(errorCodeMeanings) as FanotifyErrorCode[];
  for (const [area, title] of AREAS) {
    lines.push('', `## ${area}_: ${title}`, '', '| code | class | meaning |', '|---|---|---|');
    for (const code of codes.filter((c) => c.startsWith(`${area}_`))) lines.push(`| \`${code}\` | \`${CLASS_OF[code]}\` | ${errorCodeMeanings[code]} |`);
  }
  return lines.join('\n') + '\n';
}

/** Where the generated file lives. */
export const ERROR_DOCS_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../docs/errors.md');

if (process.argv[1] !== undefined && /error-docs\.(?:ts|js)$/.test(process.argv[1])) {
  writeFileSync(ERROR_DOCS_PATH, renderErrorDocs());
  console.log(`wrote ${ERROR_DOCS_PATH}`);
}
