/**
 * Walks the package's error-producing paths — decode, stream, response, encode, golden,
 * normalize, JSON Lines, export, model, scenario, CLI, live options and system calls — and
 * checks each error is a FanotifyCodecError carrying a documented code, the class docs/errors.md
 * names for it, a readable `name`, and (for byte input) the byte offset. The last test checks
 * that every documented code was seen here, except the few listed with where they are tested.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decodeEvents,
  decodeResponse,
  eventWalker,
  encodeEvents,
  encodeResponse,
  EventStreamDecoder,
  FAN_ALLOW,
  FAN_CREATE,
  FAN_INFO,
  FAN_NOFD,
  FanotifyCodecError,
  FanotifyDecodeError,
  type EventInput,
  type KernelRecordSchema,
} from '../../src/index.js';
import { kernelRecords } from '../../src/entries/schema.js';
import { compareToGolden, goldenStream, normalizeEvents, parseJsonLine } from '../../src/entries/golden.js';
import { exportCHeader, exportKsy, ksyDocument } from '../../src/entries/export.js';
import { KernelModel, runScenario } from '../../src/entries/model.js';
import { openGroup } from '../../src/entries/live.js';
import { fanotifyCodec } from '../../src/codec/codec.js';
import { errorCodeMeanings, type FanotifyErrorCode } from '../../src/fanotify-codec-error.js';
import { decodeCommand } from '../../src/cli/commands/decode.js';
import { followChunks } from '../../src/cli/format/follow.js';
import { loadCaptureTimeline } from '../../src/cli/format/sidecar.js';
import { hostByteOrder } from '../../src/codec/byte-order.js';
import { CLASS_OF } from './error-docs.js';
import { PassThrough, Readable } from 'node:stream';

const seen = new Set<FanotifyErrorCode>();
let tmp = '';

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fanotify-codec-errors-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** What `fn` throws (synchronously or as a rejection); fails when it does not throw. */
async function thrown(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, none was thrown');
}

interface Expected {
  readonly code: FanotifyErrorCode;
  readonly offset?: number;
  readonly message?: RegExp;
}

/** The checks every package error passes; records the code as walked. */
async function expectPackageError(fn: () => unknown, expected: Expected): Promise<FanotifyCodecError> {
  const error = await thrown(fn);
  expect(error).toBeInstanceOf(FanotifyCodecError);
  const e = error as FanotifyCodecError;
  expect(Object.keys(errorCodeMeanings)).toContain(e.code);
  expect(e.code).toBe(expected.code);
  expect(e.name).toBe(CLASS_OF[e.code]);
  expect(e.constructor.name).toBe(e.name);
  if (expected.offset !== undefined) expect((e as unknown as { offset: unknown }).offset).toBe(expected.offset);
  if (expected.message) expect(e.message).toMatch(expected.message);
  seen.add(e.code);
  return e;
}

const other = hostByteOrder === 'little' ? 'big' : 'little';
const EVENT: EventInput<KernelRecordSchema> = { mask: FAN_CREATE, fd: FAN_NOFD, pid: 7, info: [{ type: 'pidfd', pidfd: 5 }] };

describe('decoding bytes', () => {
  const dir = path.join(__dirname, '../../corpus/vectors');
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { vectors: { kind: string; bytes: string; expected: string; byte_order: 'little' | 'big' }[] };
  const malformed = manifest.vectors.filter((v) => v.kind === 'malformed');

  it.each(malformed.map((v) => [v.bytes, v] as const))('conformance vector %s', async (_, v) => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(dir, v.bytes)));
    const want = (JSON.parse(fs.readFileSync(path.join(dir, v.expected), 'utf8')) as { error: { code: FanotifyErrorCode; offset: number } }).error;
    await expectPackageError(() => [...decodeEvents(bytes, { byteOrder: v.byte_order })], want);
  });

  it('random bytes say the input is not a fanotify stream', async () => {
    const text = new TextEncoder().encode('this is a plain text file, not a capture of fanotify read()s\n');
    await expectPackageError(() => [...decodeEvents(text)], { code: 'DECODE_EVENT_LEN_PAST_END', offset: 0, message: /does not start with a fanotify event header/ });
  });

  it('the other byte order is named', async () => {
    const bytes = encodeEvents([EVENT], { byteOrder: other });
    await expectPackageError(() => [...decodeEvents(bytes)], { code: 'DECODE_EVENT_LEN_PAST_END', offset: 0, message: new RegExp(`decode with byteOrder '${other}', CLI --endian ${other}`) });
  });

  it('an unknown option of the decoders, encoders and response codec names the nearest', async () => {
    await expectPackageError(() => [...decodeEvents(new Uint8Array(0), { lenent: true } as never)], { code: 'ARGUMENT_UNKNOWN_OPTION', message: /decodeEvents: unknown option 'lenent' \(did you mean lenient\?\)/ });
    await expectPackageError(() => encodeEvents([EVENT], { byteorder: 'big' } as never), { code: 'ARGUMENT_UNKNOWN_OPTION', message: /did you mean byteOrder/ });
    await expectPackageError(() => decodeResponse(new Uint8Array(8), { endian: 'big' } as never), { code: 'ARGUMENT_UNKNOWN_OPTION' });
    await expectPackageError(() => eventWalker({ dfidname() {} } as never), { code: 'ARGUMENT_BAD_VISITOR', message: /did you mean dfid_name/ });
  });

  it('not bytes, and a byte order that does not exist, are argument errors', async () => {
    await expectPackageError(() => [...decodeEvents('abc' as never)], { code: 'ARGUMENT_NOT_BYTES' });
    await expectPackageError(() => [...decodeEvents(new Uint8Array(0), { byteOrder: 'middle' as never })], { code: 'ARGUMENT_BAD_OPTION', message: /byteOrder/ });
  });
});

describe('stream decoding', () => {
  const bytes = encodeEvents([EVENT, EVENT]);

  it('an event_len above maxEventLength is EVENT_TOO_LONG at the stream offset, and push() after it STREAM_FAILED', async () => {
    const decoder = new EventStreamDecoder({ maxEventLength: 24 });
    await expectPackageError(() => [...decoder.push(bytes)], { code: 'DECODE_EVENT_TOO_LONG', offset: 0, message: /exceeds maxEventLength 24 \(the header is otherwise valid: raise maxEventLength/ });
    await expectPackageError(() => [...decoder.push(bytes)], { code: 'DECODE_STREAM_FAILED', offset: 0, message: /DECODE_EVENT_TOO_LONG at byte 0/ });
  });

  it('random bytes get the not-a-stream hint instead of only the limit', async () => {
    const decoder = new EventStreamDecoder();
    const text = new TextEncoder().encode('#!/bin/sh\necho this is no capture of fanotify events\n');
    await expectPackageError(() => [...decoder.push(text)], { code: 'DECODE_EVENT_TOO_LONG', offset: 0, message: /does not start with a fanotify event header/ });
  });

  it('a partial event at the end is reported by end() with its offset', async () => {
    const decoder = new EventStreamDecoder();
    expect([...decoder.push(bytes.subarray(0, bytes.length - 3))]).toHaveLength(1);
    await expectPackageError(() => decoder.end(), { code: 'DECODE_EVENT_LEN_PAST_END', offset: bytes.length / 2 });
  });

  it('rejectEmpty reports an empty input; without it no bytes are no events', async () => {
    expect(() => new EventStreamDecoder().end()).not.toThrow();
    await expectPackageError(() => new EventStreamDecoder({ rejectEmpty: true }).end(), { code: 'DECODE_EMPTY_INPUT', offset: 0 });
  });

  it('options are checked: an unknown one names the nearest, a bad maxEventLength is refused', async () => {
    await expectPackageError(() => new EventStreamDecoder({ maxEventLen: 100 } as never), { code: 'ARGUMENT_UNKNOWN_OPTION', message: /did you mean maxEventLength/ });
    await expectPackageError(() => new EventStreamDecoder({ maxEventLength: 23 }), { code: 'ARGUMENT_BAD_OPTION', message: /maxEventLength/ });
  });
});

describe('permission responses', () => {
  it('decodeResponse: empty is EMPTY_INPUT, short is TRUNCATED where the bytes end', async () => {
    await expectPackageError(() => decodeResponse(new Uint8Array(0)), { code: 'DECODE_EMPTY_INPUT', offset: 0 });
    await expectPackageError(() => decodeResponse(new Uint8Array(6)), { code: 'DECODE_TRUNCATED', offset: 6 });
  });

  it('encodeResponse refuses FAN_INFO without an audit rule', async () => {
    await expectPackageError(() => encodeResponse({ fd: 3, response: FAN_ALLOW | FAN_INFO }), { code: 'ENCODE_BAD_RESPONSE' });
  });
});

describe('encoding', () => {
  it('a misspelt event field names the nearest valid one', async () => {
    const e = await expectPackageError(() => encodeEvents([{ ...EVENT, event_lenn: 32 } as never]), { code: 'ENCODE_UNKNOWN_FIELD', message: /unknown field 'event_lenn' \(did you mean event_len\?\)/ });
    expect((e as unknown as { path: string }).path).toBe('event[0].event_lenn');
  });

  it('an unknown record field lists the valid ones', async () => {
    const bad = { ...EVENT, info: [{ type: 'pidfd', pidfd: 5, bogus_field: 1 }] } as never;
    const e = await expectPackageError(() => encodeEvents([bad]), { code: 'ENCODE_UNKNOWN_FIELD', message: /unknown field 'bogus_field' \(expected one of .*pidfd/ });
    expect((e as unknown as { path: string }).path).toBe('event[0].info[0].bogus_field');
  });

  it('the JSON form is strict too', async () => {
    const json = { ...[...decodeEvents(encodeEvents([EVENT]))][0]!.toJSON(), mask_nmes: [] };
    await expectPackageError(() => fanotifyCodec.eventFromJSON(json), { code: 'ENCODE_UNKNOWN_FIELD', message: /did you mean mask_names/ });
  });

  it('bad values, lengths, record types and targets', async () => {
    await expectPackageError(() => encodeEvents([{ ...EVENT, pid: 'x' } as never]), { code: 'ENCODE_BAD_VALUE' });
    await expectPackageError(() => encodeEvents([{ ...EVENT, event_len: 99 }]), { code: 'ENCODE_LENGTH_MISMATCH' });
    await expectPackageError(() => encodeEvents([{ ...EVENT, info: [{ type: 'nope' }] } as never]), { code: 'ENCODE_UNKNOWN_RECORD' });
    await expectPackageError(() => encodeEvents([EVENT], { target: new Uint8Array(8) }), { code: 'ENCODE_BUFFER_TOO_SMALL' });
  });
});

describe('golden builders and normalize', () => {
  it('a misspelt mask word names the nearest constant', async () => {
    await expectPackageError(() => goldenStream().event({ mask: ['FAN_CRATE'] }), { code: 'ENCODE_BAD_VALUE', message: /did you mean FAN_CREATE/ });
  });

  it('unknown fields, non-hex handles and bad fsids are refused with their path', async () => {
    await expectPackageError(() => goldenStream().event({ mask: 1, pdi: 3 } as never), { code: 'ENCODE_UNKNOWN_FIELD', message: /did you mean pid/ });
    const e = await expectPackageError(() => goldenStream().event({ mask: 1 }).fid({ fsid: [1, 2], handle: 'zz' }), { code: 'ENCODE_BAD_VALUE' });
    expect((e as unknown as { path: string }).path).toBe('event[0].info[0].f_handle');
    await expectPackageError(() => goldenStream().event({ mask: 1 }).dfid({ fsid: 'nope', handle: '' }), { code: 'ENCODE_BAD_VALUE', message: /fsid/ });
    await expectPackageError(() => goldenStream().fid({ fsid: [1, 2], handle: '' }), { code: 'ENCODE_BAD_VALUE', message: /call event\(\) before/ });
  });

  it('a fractional range offset is an encode error, not a platform RangeError', async () => {
    await expectPackageError(() => goldenStream().event({ mask: 1 }).range({ offset: 1.5, count: 1 }).build(), { code: 'ENCODE_BAD_VALUE' });
  });

  it('normalize refuses a non-hex f_handle with its path', async () => {
    const event = { mask: '0x100', pid: 1, fd: -1, info: [{ info_type: 1, fsid: [1, 2], handle_bytes: 1, handle_type: 1, f_handle: 'zz' }] };
    const e = await expectPackageError(() => normalizeEvents([event, event]), { code: 'ENCODE_BAD_VALUE', message: /"zz"/ });
    expect((e as unknown as { path: string }).path).toBe('event[0].info[0].f_handle');
  });

  it('golden and normalize options are strict', async () => {
    await expectPackageError(() => normalizeEvents([], { kep: ['pid'] } as never), { code: 'ARGUMENT_UNKNOWN_OPTION', message: /did you mean keep/ });
    await expectPackageError(() => normalizeEvents([], { keep: ['pids' as never] }), { code: 'ARGUMENT_BAD_OPTION', message: /unknown kind 'pids' \(did you mean pid/ });
    await expectPackageError(() => compareToGolden(encodeEvents([EVENT]), path.join(tmp, 'never-written.golden'), { updte: true } as never), { code: 'ARGUMENT_UNKNOWN_OPTION', message: /did you mean update/ });
    expect(fs.existsSync(path.join(tmp, 'never-written.golden'))).toBe(false);
  });

  it('JSON Lines errors carry the line and its byte offset', async () => {
    await expectPackageError(() => parseJsonLine('{"mask":', 3, 120), { code: 'JSONL_NOT_JSON', offset: 120 });
    await expectPackageError(() => parseJsonLine('[1, 2]', 4, 130), { code: 'JSONL_NOT_OBJECT', offset: 130 });
  });
});

describe('schema export', () => {
  it('a bad identifier and a duplicate info_type', async () => {
    await expectPackageError(() => exportKsy({ id: 'Bad-Id' }), { code: 'EXPORT_BAD_IDENTIFIER' });
    await expectPackageError(() => ksyDocument({ records: [kernelRecords[0]!, kernelRecords[0]!] }), { code: 'EXPORT_DUPLICATE_INFO_TYPE' });
    await expectPackageError(() => exportCHeader({ prefx: 'fc_' } as never), { code: 'ARGUMENT_UNKNOWN_OPTION', message: /did you mean prefix/ });
  });
});

describe('kernel model and scenarios', () => {
  it('misuse of the model', async () => {
    const k = new KernelModel();
    await expectPackageError(() => k.process('nobody'), { code: 'MODEL_NO_SUCH_OBJECT' });
    k.addProcess('app', 100);
    await expectPackageError(() => k.addProcess('app', 101), { code: 'MODEL_BAD_ARGUMENT' });
    const task = k.task('app');
    const fd = k.fanotifyInit(task, 0, 0);
    expect(fd).toBeGreaterThanOrEqual(0);
    await expectPackageError(() => k.read(task, fd, 4096), { code: 'MODEL_WOULD_BLOCK' });
  });

  it('an invalid scenario, and a step the model refuses', async () => {
    await expectPackageError(() => runScenario({ steps: [{ do: 'mkdri', path: '/x' }] }), { code: 'SCENARIO_INVALID', message: /unknown step 'mkdri' \(did you mean mkdir\?\)/ });
    await expectPackageError(() => runScenario({ stepz: [] }), { code: 'SCENARIO_INVALID', message: /did you mean steps/ });
    await expectPackageError(() => runScenario({ tree: [{ path: '/a', type: 'dir' }, { path: '/a', type: 'dir' }], steps: [] }), { code: 'SCENARIO_STEP_FAILED', message: /^\$\.tree\[1\]: MODEL_BAD_ARGUMENT/ });
  });
});

describe('CLI', () => {
  const io = () => ({ stdin: Readable.from([]), stdout: new PassThrough(), stderr: new PassThrough() });

  it('a usage error is a CLI_USAGE error (run() prints it with the help hint)', async () => {
    await expectPackageError(() => decodeCommand.run(['a.bin', 'b.bin'], io()), { code: 'CLI_USAGE' });
  });

  it('a sidecar that does not describe reads', async () => {
    const file = path.join(tmp, 'bad.sidecar.json');
    fs.writeFileSync(file, '{"format": "something-else"}');
    await expectPackageError(() => loadCaptureTimeline(file), { code: 'CLI_BAD_SIDECAR' });
  });

  it('a followed file that shrinks', async () => {
    const file = path.join(tmp, 'followed.bin');
    fs.writeFileSync(file, new Uint8Array(48));
    const chunks = followChunks(file, { pollMs: 5, idleTimeoutMs: 5000 });
    expect((await chunks.next()).value).toHaveLength(48);
    fs.truncateSync(file, 0);
    await expectPackageError(() => chunks.next(), { code: 'CLI_FOLLOWED_FILE_SHRANK', message: /shrank to 0 bytes/ });
  });
});

describe('live groups (options are checked before the kernel is asked; the kernel refuses the rest)', () => {
  it('a bad option', async () => {
    await expectPackageError(() => openGroup({ bufferSize: 1 }), { code: 'LIVE_BAD_OPTION', message: /bufferSize/ });
  });

  it.runIf(process.platform === 'linux' && process.getuid?.() === 0)('a refused system call keeps its errno', async () => {
    const e = await expectPackageError(() => openGroup({ class: 'content', fid: true }), { code: 'LIVE_SYSCALL_FAILED' });
    expect(e).toMatchObject({ errno: 'EINVAL', errnoValue: 22, syscall: 'fanotify_init' });
  });

  it.runIf(process.platform === 'linux')('an fd that is not a group', async () => {
    const file = path.join(tmp, 'not-a-group');
    fs.writeFileSync(file, '');
    const fd = fs.openSync(file, 'r');
    try {
      await expectPackageError(() => openGroup({ fd }), { code: 'LIVE_NOT_A_GROUP' });
    } finally {
      fs.closeSync(fd);
    }
  });

  it.runIf(process.platform === 'linux' && process.getuid?.() === 0)('a closed group', async () => {
    const group = openGroup({});
    group.close();
    await expectPackageError(() => group.addMark({ path: tmp, events: ['FAN_OPEN'] }), { code: 'LIVE_CLOSED' });
  });
});

/** Codes this walk does not reach, and where they are tested instead. */
const WALKED_ELSEWHERE: Partial<Record<FanotifyErrorCode, string>> = {
  ARGUMENT_NO_CURSOR: 'needs new Function forbidden (a CSP without unsafe-eval): test/codec/cursor.test.ts replaces Function to show it',
  EXPORT_UNSUPPORTED_FIELD: 'no shipped field kind lacks a C or Kaitai form; a guard for future kinds',
  MODEL_PROCESS_BLOCKED: 'needs a task blocked on a permission event: test/model permission suites',
  MODEL_INTERNAL: 'a model bug by definition',
  LIVE_BAD_RESPONSE: 'test/live/hints.test.ts, test/live/permission.test.ts (real permission events)',
  LIVE_ALREADY_ANSWERED: 'test/live/permission.test.ts',
  LIVE_DEADLINE_PASSED: 'test/live/permission-deadline.test.ts',
  LIVE_NOT_PERMISSION_EVENT: 'test/live/permission.test.ts',
  LIVE_AUTO_DENIED: 'test/live/errors.test.ts',
  LIVE_BUSY: 'test/live/consumers.test.ts',
  LIVE_EVENT_EXPIRED: 'test/live/consumers.test.ts',
  LIVE_FD_UNAVAILABLE: 'test/live/fd-ownership.test.ts',
  LIVE_NO_PATH: 'test/live path-resolution tests',
  NATIVE_UNAVAILABLE: 'test/live/native/load.test.ts and test/live/import.test.ts (a platform without the addon)',
  INTERNAL_BAD_TABLE: "the package's tables are consistent; a bug by definition",
};

it('every documented code was walked here, or is listed with where it is tested', () => {
  const root = process.getuid?.() === 0 && process.platform === 'linux';
  const rootOnly: FanotifyErrorCode[] = root ? [] : ['LIVE_SYSCALL_FAILED', 'LIVE_CLOSED', 'LIVE_NOT_A_GROUP'];
  const missing = (Object.keys(errorCodeMeanings) as FanotifyErrorCode[]).filter((c) => !seen.has(c) && !(c in WALKED_ELSEWHERE) && !rootOnly.includes(c));
  expect(missing).toEqual([]);
  // The list of exceptions stays honest: nothing in it is walked here.
  expect(Object.keys(WALKED_ELSEWHERE).filter((c) => seen.has(c as FanotifyErrorCode))).toEqual([]);
});

it('FanotifyDecodeError keeps its reason next to the namespaced code', () => {
  const e = new FanotifyDecodeError('TRUNCATED', 3, 'event[0]', 'x');
  expect([e.code, e.reason, e.message]).toEqual(['DECODE_TRUNCATED', 'TRUNCATED', 'DECODE_TRUNCATED at byte 3 (event[0]): x']);
});
