/**
 * The CLI's rough edges of issue 11: messages in the package's words, binary never echoed or
 * written to a terminal, files named in I/O errors, empty input reported, --max-event-len, the
 * not-a-stream / --endian hint, colour (NO_COLOR, FORCE_COLOR) and progress only on a terminal.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Progress } from '../../src/cli/format/progress.js';
import { printable } from '../../src/cli/format/report.js';
import { runCli } from '../../src/cli/run.js';
import { decodeEvents, encodeEvents } from '../../src/index.js';
import { fanotifyCodec } from '../../src/codec/codec.js';
import { concatBytes } from '../helpers/bytes.js';
import { CAPTURE_A_CREATE_MODIFY, VECTOR_2_RENAME } from '../helpers/golden-captures.js';
import { runInProcess } from '../helpers/run-cli.js';
import { PACKAGE_ROOT } from './support/cli-bundle.js';

const dir = mkdtempSync(path.join(tmpdir(), 'fanotify-rough-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, data: Uint8Array | string): string {
  const p = path.join(dir, name);
  writeFileSync(p, data);
  return p;
}

/** Runs the CLI with terminals where asked (streams with isTTY set). */
async function runTty(args: string[], tty: { stdout?: boolean; stderr?: boolean }, stdin: Uint8Array = new Uint8Array(0)): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = Object.assign(new PassThrough(), { isTTY: tty.stdout === true });
  const stderr = Object.assign(new PassThrough(), { isTTY: tty.stderr === true });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const code = await runCli(args, { stdin: Readable.from([Buffer.from(stdin)]), stdout, stderr });
  return { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}

const BIG_ENDIAN_RENAME = encodeEvents([...decodeEvents(VECTOR_2_RENAME)].map((e, i) => fanotifyCodec.eventFromJSON(e.toJSON(), i)), { byteOrder: 'big' });
const RANDOM = Uint8Array.from({ length: 300 }, (_, i) => (i * 7919 + 13) % 251);

describe('messages in the package\'s words', () => {
  it.each([
    [['stats', '--jsn', 'x'], /^fanotify-codec stats: unknown option '--jsn' \(did you mean --json\?\)\n/],
    [['normalize', '--kep', 'pid', 'x'], /unknown option '--kep' \(did you mean --keep\?\)/],
    [['encode', '--frobnicate', 'f'], /unknown option '--frobnicate' \(options: --help, --endian, --output\)/],
    [['encode', '-x', 'f'], /unknown option '-x' \(did you mean -o\?\)/],
    [['help', 'decod'], /unknown command 'decod' \(did you mean decode\?\)/],
  ])('%j', async (args, message) => {
    const r = await runInProcess(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/To specify a positional argument/);
  });

  it('help CMD prints that command\'s usage', async () => {
    const r = await runInProcess(['help', 'stats']);
    expect(r.code).toBe(0);
    expect(r.text).toMatch(/^Usage: fanotify-codec stats /);
  });

  it('control characters and undecodable bytes in a message are escaped', () => {
    expect(printable('bad \u0000\u001b[31m\ufffd"x"')).toBe('bad \\x00\\x1b[31m\\ufffd"x"');
    expect(printable('y'.repeat(2000)).length).toBeLessThan(600);
  });
});

describe('binary bytes', () => {
  it('produce refuses to write the stream to a terminal, as encode does', async () => {
    const scenario = path.join(PACKAGE_ROOT, 'examples', 'scenarios', 'dfid-name-create.json');
    const r = await runTty(['produce', scenario], { stdout: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refusing to write binary bytes to a terminal/);
    expect(r.stdout).toBe('');
  });

  it('encode of a byte dump says so without echoing a byte of it', async () => {
    for (const bytes of [RANDOM, VECTOR_2_RENAME]) {
      const r = await runInProcess(['encode', file('random.bin', bytes)]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/random\.bin: not JSON Lines: byte \d+ is 0x[0-9a-f]{2}, a binary byte \(a byte dump\? `fanotify-codec decode` reads those\)\n$/);
      expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\ufffd]/);
    }
  });
});

describe('I/O errors name the file', () => {
  it('encode: the missing input, or the -o file (never its .partial-PID temporary)', async () => {
    const missing = path.join(dir, 'no-such.jsonl');
    const r = await runInProcess(['encode', missing]);
    expect([r.code, r.stderr.startsWith(`fanotify-codec encode: ${missing}: ENOENT`)]).toEqual([3, true]);
    const jsonl = file('ok.jsonl', (await runInProcess(['decode', '-'], VECTOR_2_RENAME)).text);
    const out = path.join(dir, 'no-such-dir', 'out.bin');
    const w = await runInProcess(['encode', '-o', out, jsonl]);
    expect(w.code).toBe(3);
    expect(w.stderr).toContain(`fanotify-codec encode: ${out}: ENOENT`);
    expect(w.stderr).not.toContain('.partial-');
    const sub = path.join(dir, 'a-dir');
    mkdirSync(sub);
    const d = await runInProcess(['encode', '-o', sub, jsonl]);
    expect(d.code).toBe(3);
    expect(d.stderr).toContain(`fanotify-codec encode: ${sub}: `);
    expect(d.stderr).not.toContain('.partial-');
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  it('diff: the input that failed', async () => {
    const good = file('good.bin', VECTOR_2_RENAME);
    const r = await runInProcess(['diff', good, dir]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(new RegExp(`^fanotify-codec diff: ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: EISDIR`));
  });
});

describe('empty input', () => {
  const empty = (): string => file('empty.bin', new Uint8Array(0));
  it.each([['decode'], ['stats'], ['normalize'], ['encode']])('%s notes it on stderr and exits 0 (no events is a valid stream)', async (command) => {
    const r = await runInProcess([command, empty()]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`fanotify-codec ${command}: ${path.join(dir, 'empty.bin')}: note: empty input: no events\n`);
  });

  it('diff notes an empty side and compares it as a stream without events', async () => {
    const r = await runInProcess(['diff', empty(), file('one.bin', VECTOR_2_RENAME)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('empty.bin: note: empty input: no events');
    expect(r.text).toContain('event 0 exists only in B');
  });
});

describe('--max-event-len', () => {
  // VECTOR_2_RENAME is one 136-byte event.
  const stream = (): string => file('rename.bin', concatBytes(CAPTURE_A_CREATE_MODIFY, VECTOR_2_RENAME));
  it.each([['decode'], ['stats'], ['normalize']])('%s: an event above the limit is an error at its offset; at the limit it decodes', async (command) => {
    const low = await runInProcess([command, '--max-event-len', '135', stream()]);
    expect(low.code).toBe(1);
    expect(low.stderr).toMatch(/at byte 148 .*event_len 136 exceeds maxEventLength 135/);
    expect((await runInProcess([command, '--max-event-len', '136', stream()])).code).toBe(0);
  });

  it('diff: the same limit for both inputs', async () => {
    const a = stream();
    expect((await runInProcess(['diff', a, a])).code).toBe(0);
    const r = await runInProcess(['diff', '--max-event-len', '100', a, a]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/malformed: .*exceeds maxEventLength 100/);
  });
});

describe('the not-a-stream / --endian hint', () => {
  it('suggests --endian big for a big-endian dump', async () => {
    const r = await runInProcess(['decode', file('be.bin', BIG_ENDIAN_RENAME)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\nfanotify-codec decode: hint: the first event reads correctly as big-endian: try --endian big\n$/);
    expect((await runInProcess(['decode', '--endian', 'big', file('be.bin', BIG_ENDIAN_RENAME)])).code).toBe(0);
  });

  it.each([['decode'], ['stats'], ['normalize']])('%s says random bytes do not look like a fanotify stream', async (command) => {
    const r = await runInProcess([command, '--from', 'bytes', file('random.bin', RANDOM)].filter((a) => command !== 'decode' || a !== '--from' && a !== 'bytes'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/hint: this does not look like a fanotify stream \(the first event would have event_len \d+, vers \d+, metadata_len \d+; expected vers 3 and metadata_len 24\)/);
  });

  it('gives no hint when the first event is plausible', async () => {
    const r = await runInProcess(['decode', '-'], concatBytes(VECTOR_2_RENAME, new Uint8Array(8)));
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain('hint');
  });
});

describe('colour', () => {
  const saved = { NO_COLOR: process.env['NO_COLOR'], FORCE_COLOR: process.env['FORCE_COLOR'], TERM: process.env['TERM'] };
  beforeEach(() => {
    delete process.env['NO_COLOR'];
    delete process.env['FORCE_COLOR'];
    process.env['TERM'] = 'xterm';
  });
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
  const pretty = ['decode', '--format', 'pretty', '-'];

  it('colours the pretty view and errors on a terminal, and nothing else', async () => {
    expect((await runTty(pretty, { stdout: true }, VECTOR_2_RENAME)).stdout).toContain('\x1b[1mevent 0');
    expect((await runTty(pretty, {}, VECTOR_2_RENAME)).stdout).not.toContain('\x1b[');
    const bad = await runTty(['decode', '-'], { stderr: true }, VECTOR_2_RENAME.subarray(0, 30));
    expect(bad.stderr).toContain('\x1b[31m');
    expect((await runTty(['decode', '-'], {}, VECTOR_2_RENAME.subarray(0, 30))).stderr).not.toContain('\x1b[');
  });

  it('honours NO_COLOR, and FORCE_COLOR over it', async () => {
    process.env['NO_COLOR'] = '1';
    expect((await runTty(pretty, { stdout: true }, VECTOR_2_RENAME)).stdout).not.toContain('\x1b[');
    process.env['FORCE_COLOR'] = '1';
    expect((await runTty(pretty, {}, VECTOR_2_RENAME)).stdout).toContain('\x1b[');
    process.env['FORCE_COLOR'] = '0';
    expect((await runTty(pretty, { stdout: true }, VECTOR_2_RENAME)).stdout).not.toContain('\x1b[');
  });

  it('highlights the first difference of diff', async () => {
    const a = file('c1.bin', VECTOR_2_RENAME);
    const b = VECTOR_2_RENAME.slice();
    b[21] = 0x35;
    const r = await runTty(['diff', a, file('c2.bin', b)], { stdout: true });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^\x1b\[1mfirst difference at event\[0\]\.pid/);
    expect(r.stdout).toMatch(/\x1b\[31m +\^\^\x1b\[39m/);
  });
});

describe('progress on a terminal', () => {
  it('shows bytes, events, rate, percentage and ETA, and clears its line', () => {
    const err = new PassThrough();
    let text = '';
    err.on('data', (c: Buffer) => (text += c.toString()));
    const p = new Progress(err, 'decode x.bin', 4 << 20, 0);
    p.update(1 << 20, 5000);
    expect(text).toMatch(/^\rdecode x\.bin: 1\.0 MiB of 4\.0 MiB \(25%\), 5\.0 k events, [\d.]+ [kM]? ?events\/s, [\d.]+ MiB\/s, ETA \d+ s\x1b\[K$/);
    p.done();
    expect(text.endsWith('\r\x1b[K')).toBe(true);
  });

  it('is never shown when stderr is not a terminal, nor for a run shorter than a second', async () => {
    expect(Progress.forInput(new PassThrough(), 'x', '-')).toBeUndefined();
    const r = await runTty(['decode', '-'], { stderr: true }, VECTOR_2_RENAME);
    expect(r.stderr).toBe('');
  });
});
