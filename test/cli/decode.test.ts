/**
 * `fanotify-codec decode`: JSON Lines and pretty output, stdin, chunked streaming, malformed
 * input, summaries, sidecars and --follow.
 */
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeEvents } from '../../src/index.js';
import { unescapeName } from '../../src/entries/golden.js';
import { runInProcess } from '../helpers/run-cli.js';
import { everyRecordStream } from './support/streams.js';
import { VECTOR_2_RENAME, CAPTURE_A_CREATE_MODIFY } from '../helpers/golden-captures.js';
import { concatBytes } from '../helpers/bytes.js';

const dir = mkdtempSync(path.join(tmpdir(), 'fanotify-decode-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Uint8Array): string {
  const p = path.join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

function expectedLines(bytes: Uint8Array): string {
  return [...decodeEvents(bytes)].map((e) => JSON.stringify(e.toJSON()) + '\n').join('');
}

describe('decode --format jsonl', () => {
  const bytes = everyRecordStream();

  it('prints exactly the codec JSON form of each event, one per line', async () => {
    const r = await runInProcess(['decode', file('every.bin', bytes)]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.text).toBe(expectedLines(bytes));
    expect(r.text.split('\n').filter(Boolean)).toHaveLength(10);
  });

  it('reads stdin with -', async () => {
    const r = await runInProcess(['decode', '-'], bytes);
    expect(r.code).toBe(0);
    expect(r.text).toBe(expectedLines(bytes));
  });

  it('decodes a dump larger than one read chunk, with events straddling chunk boundaries', async () => {
    // 60 + 88 bytes per copy: events land at every offset modulo 4 relative to the 64 KiB chunks.
    const big = concatBytes(...Array.from({ length: 1500 }, () => CAPTURE_A_CREATE_MODIFY));
    expect(big.length).toBeGreaterThan(3 * 65536);
    const r = await runInProcess(['decode', file('big.bin', big)]);
    expect(r.code).toBe(0);
    expect(r.text).toBe(expectedLines(big));
  });

  it('stops at a truncated tail with exit 1 and the byte offset, after printing the whole events', async () => {
    const cut = VECTOR_2_RENAME.subarray(0, 100);
    const r = await runInProcess(['decode', '-'], concatBytes(CAPTURE_A_CREATE_MODIFY, cut));
    expect(r.code).toBe(1);
    expect(r.text).toBe(expectedLines(CAPTURE_A_CREATE_MODIFY));
    expect(r.stderr).toMatch(/DECODE_EVENT_LEN_PAST_END at byte 148 \(event\[2\]\.event_len\)/);
  });

  it('prints the events before a malformed one in the same chunk, then exits 1', async () => {
    const bad = VECTOR_2_RENAME.slice();
    bad[4] = 2; // vers
    const r = await runInProcess(['decode', '-'], concatBytes(CAPTURE_A_CREATE_MODIFY, bad, VECTOR_2_RENAME));
    expect(r.code).toBe(1);
    expect(r.text).toBe(expectedLines(CAPTURE_A_CREATE_MODIFY));
    expect(r.stderr).toMatch(/DECODE_BAD_VERSION at byte 152 \(event\[2\]\.vers\)/);
  });

  it('--lenient skips a malformed event that event_len still frames and exits 1', async () => {
    const bad = VECTOR_2_RENAME.slice();
    bad[4] = 2; // vers
    const r = await runInProcess(['decode', '--lenient', '-'], concatBytes(CAPTURE_A_CREATE_MODIFY, bad, VECTOR_2_RENAME));
    expect(r.code).toBe(1);
    expect(r.text).toBe(expectedLines(CAPTURE_A_CREATE_MODIFY) + expectedLines(VECTOR_2_RENAME));
    expect(r.stderr).toMatch(/skipped: DECODE_BAD_VERSION at byte 152 \(event\[2\]\.vers\)/);
  });

  it('--endian big decodes a big-endian dump to the same JSON', async () => {
    const { encodeEvents } = await import('../../src/index.js');
    const { fanotifyCodec } = await import('../../src/codec/codec.js');
    const inputs = [...decodeEvents(VECTOR_2_RENAME)].map((e, i) => fanotifyCodec.eventFromJSON(e.toJSON(), i));
    const big = encodeEvents(inputs, { byteOrder: 'big' });
    const r = await runInProcess(['decode', '--endian', 'big', '-'], big);
    expect(r.code).toBe(0);
    expect(r.text).toBe(expectedLines(VECTOR_2_RENAME));
  });

  it('exits 3 for a file that cannot be read', async () => {
    const r = await runInProcess(['decode', path.join(dir, 'missing.bin')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/ENOENT/);
  });

  it.each([
    [['decode'], /exactly one input/],
    [['decode', '--format', 'xml', 'x'], /--format must be jsonl or pretty/],
    [['decode', '--follow', '-'], /--follow needs a file/],
    [['decode', '--follow-timeout', '1', 'x'], /--follow-timeout needs --follow/],
    [['decode', '--bogus', 'x'], /unknown option '--bogus' \(options: --help, --endian, /],
    [['decode', '--sumary', 'x'], /unknown option '--sumary' \(did you mean --summary\?\)/],
    [['decode', '--format'], /option --format needs a value/],
    [['decode', '--lenient=yes', 'x'], /option --lenient takes no value/],
    [['decode', '--max-event-len', '10', 'x'], /--max-event-len must be a whole number of bytes, at least 24, got '10'/],
  ])('usage error %j exits 2', async (args, message) => {
    const r = await runInProcess(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('decode --format pretty', () => {
  it('prints the rename vector as aligned header and record lines', async () => {
    const r = await runInProcess(['decode', '--format', 'pretty', '-'], VECTOR_2_RENAME);
    expect(r.code).toBe(0);
    expect(r.text).toBe(
      [
        'event 0      @0          len 136   pid 13336    fd -1 (FAN_NOFD)      mask 0x10000000 FAN_RENAME',
        '    OLD_DFID_NAME  fsid=e39e930d.834fe4ed fh=12:1:69c20c863e40000000000000 name="file"',
        '    NEW_DFID_NAME  fsid=e39e930d.834fe4ed fh=12:1:69c20c863e40000000000000 name="renamed"',
        '    FID            fsid=e39e930d.834fe4ed fh=12:1:12e0197f3f40000000000000',
        '',
      ].join('\n'),
    );
  });

  it('summarises every record type and spells out special values', async () => {
    const r = await runInProcess(['decode', '--format', 'pretty', '-'], everyRecordStream());
    expect(r.code).toBe(0);
    const t = r.text;
    expect(t).toContain('fd -9 (-EBADF)');
    expect(t).toContain('PIDFD          pidfd=-3 (-ESRCH)');
    expect(t).toContain('PIDFD          pidfd=9');
    expect(t).toContain('FID            fsid=e39e930d.834fe4ed fh=0:255:\n    ERROR          error=108 (ESHUTDOWN) error_count=1');
    expect(t).toContain('RANGE          offset=8192 count=4096');
    expect(t).toContain('MNT            mnt_id=2147483754');
    expect(t).toContain('mask 0x3000000 FAN_MNT_ATTACH|FAN_MNT_DETACH');
    expect(t).toContain('DFID           fsid=e39e930d.834fe4ed fh=12:1:69c20c863e40000000000000');
    expect(t).toMatch(/event 9 +@\d+ +len 24 +pid 0 +fd -1 \(FAN_NOFD\) +mask 0x4000 FAN_Q_OVERFLOW\n$/);
  });

  it('escapes names losslessly (bytes that are not UTF-8, quotes, backslashes)', async () => {
    const r = await runInProcess(['decode', '--format', 'pretty', '-'], everyRecordStream());
    const m = /name="((?:[^"])*)"\n(?=event 9)/.exec(r.text);
    expect(m?.[1]).toBe('a\\xff\\x22\\\\');
    expect(unescapeName(m![1]!)).toEqual(new Uint8Array([0x61, 0xff, 0x22, 0x5c]));
  });
});

describe('decode --summary', () => {
  it('prints events, bytes, mask-bit and record-type counts on stderr; stdout is unchanged', async () => {
    const bytes = everyRecordStream();
    const r = await runInProcess(['decode', '--summary', '-'], bytes);
    expect(r.code).toBe(0);
    expect(r.text).toBe(expectedLines(bytes));
    expect(r.stderr).toContain(`events: 10\nbytes: ${bytes.length}\n`);
    expect(r.stderr).toMatch(/FAN_OPEN +2\n/);
    expect(r.stderr).toMatch(/FAN_EVENT_INFO_TYPE_FID +3\n/);
    expect(r.stderr).toMatch(/\(none\) +1\n/);
    expect(r.stderr).toContain('errors: 0\n');
  });

  it('counts the error of a malformed dump', async () => {
    const r = await runInProcess(['decode', '--summary', '-'], concatBytes(VECTOR_2_RENAME, new Uint8Array(5)));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/errors: 1\n {2}DECODE_TRUNCATED at byte 136/);
  });

  it('is off by default for small dumps and with --no-summary', async () => {
    expect((await runInProcess(['decode', '-'], VECTOR_2_RENAME)).stderr).toBe('');
    expect((await runInProcess(['decode', '--no-summary', '-'], VECTOR_2_RENAME)).stderr).toBe('');
  });
});

describe('decode --follow', () => {
  it('keeps reading a growing file (across a partial event) until SIGINT, then exits 0', async () => {
    const p = file('growing.bin', CAPTURE_A_CREATE_MODIFY);
    const baseline = process.listenerCount('SIGINT');
    const chunks: Buffer[] = [];
    const { PassThrough, Readable } = await import('node:stream');
    const { runCli } = await import('../../src/cli/run.js');
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    stdout.on('data', (c: Buffer) => chunks.push(c));
    const lines = (): number => Buffer.concat(chunks).toString().split('\n').length - 1;
    const until = async (n: number): Promise<void> => {
      while (lines() < n) await new Promise((r) => setTimeout(r, 10));
    };
    const done = runCli(['decode', '--follow', p], { stdin: Readable.from([]), stdout, stderr });
    await until(2);
    // Half an event, then the rest: nothing may be printed for the half.
    appendFileSync(p, VECTOR_2_RENAME.subarray(0, 50));
    appendFileSync(p, VECTOR_2_RENAME.subarray(50));
    await until(3);
    expect(process.listenerCount('SIGINT')).toBe(baseline + 1);
    process.emit('SIGINT');
    expect(await done).toBe(0);
    expect(process.listenerCount('SIGINT')).toBe(baseline);
    expect(Buffer.concat(chunks).toString()).toBe(expectedLines(concatBytes(CAPTURE_A_CREATE_MODIFY, VECTOR_2_RENAME)));
  });

  it('stops once the file has not grown for --follow-timeout seconds', async () => {
    const p = file('still.bin', VECTOR_2_RENAME);
    const r = await runInProcess(['decode', '--follow', '--follow-timeout', '0', p]);
    expect(r.code).toBe(0);
    expect(r.text).toBe(expectedLines(VECTOR_2_RENAME));
  });

  it('reports an incomplete event left when following stops', async () => {
    const p = file('partial.bin', concatBytes(VECTOR_2_RENAME, VECTOR_2_RENAME.subarray(0, 30)));
    const r = await runInProcess(['decode', '--follow', '--follow-timeout', '0', p]);
    expect(r.code).toBe(1);
    expect(r.text).toBe(expectedLines(VECTOR_2_RENAME));
    expect(r.stderr).toMatch(/at byte 136/);
  });
});

describe('decode --sidecar', () => {
  /** A sidecar in the capture format: two reads, 1.5 ms apart. */
  function sidecar(reads: { offset: number; length: number; events: number; hrtimeNs: string }[]): string {
    return file('capture.json', new TextEncoder().encode(JSON.stringify({ format: 'fanotify-codec-capture', formatVersion: 1, reads })));
  }

  it('adds the read() index and the time since the first read to the pretty view', async () => {
    const bytes = concatBytes(CAPTURE_A_CREATE_MODIFY, VECTOR_2_RENAME);
    const side = sidecar([
      { offset: 0, length: 148, events: 2, hrtimeNs: '1000000000' },
      { offset: 148, length: 136, events: 1, hrtimeNs: '1001500000' },
    ]);
    const r = await runInProcess(['decode', '--format', 'pretty', '--sidecar', side, '--summary', file('two-reads.bin', bytes)]);
    expect(r.code).toBe(0);
    const headers = r.text.split('\n').filter((l) => l.startsWith('event'));
    expect(headers.map((h) => h.slice(0, 42))).toEqual([
      'event 0      read 0     +0.000000s   @0   ',
      'event 1      read 0     +0.000000s   @60  ',
      'event 2      read 1     +0.001500s   @148 ',
    ]);
    expect(r.stderr).toContain('reads: 2 (bytes per read min 136, max 148, mean 142; events per read min 1, max 2, mean 1.5)');
  });

  it('rejects a sidecar whose reads do not tile the dump', async () => {
    const side = sidecar([{ offset: 4, length: 10, events: 0, hrtimeNs: '1' }]);
    const r = await runInProcess(['decode', '--format', 'pretty', '--sidecar', side, '-'], VECTOR_2_RENAME);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/reads\[0\]\.offset is 4, expected 0/);
  });
});
