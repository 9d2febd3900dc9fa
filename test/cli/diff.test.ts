/**
 * `fanotify-codec diff`: exit status, the path of the first difference, and hex context at the
 * right stream offsets, for byte dumps and JSON Lines, with and without normalization.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { concatBytes } from '../helpers/bytes.js';
import { CAPTURE_A_CREATE_MODIFY, VECTOR_2_RENAME } from '../helpers/golden-captures.js';
import { runInProcess } from '../helpers/run-cli.js';
import { everyRecordStream } from './support/streams.js';

const dir = mkdtempSync(path.join(tmpdir(), 'fanotify-diff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, data: Uint8Array | string): string {
  const p = path.join(dir, name);
  writeFileSync(p, data);
  return p;
}

describe('diff', () => {
  it('exits 0 with no output for equal streams, across bytes and JSON Lines', async () => {
    const bytes = everyRecordStream();
    const jsonl = (await runInProcess(['decode', '-'], bytes)).text;
    const r = await runInProcess(['diff', file('a.bin', bytes), file('a.jsonl', jsonl)]);
    expect(r.code).toBe(0);
    expect(r.text).toBe('');
  });

  it('reports the first differing field with its path and hex context of both sides', async () => {
    const a = concatBytes(CAPTURE_A_CREATE_MODIFY, VECTOR_2_RENAME);
    const b = a.slice();
    // event[2] starts at 148; its NEW_DFID_NAME name "renamed" starts at 148 + 24 + 40 + 32 = 244.
    b[244 + 4] = 0x4d; // "renaMed"
    const r = await runInProcess(['diff', file('x.bin', a), file('y.bin', b)]);
    expect(r.code).toBe(1);
    expect(r.text).toContain('first difference at event[2].info[1].name: "renamed" != "renaMed"');
    expect(r.text).toContain('A at byte 248 (0xf8):');
    expect(r.text).toContain('B at byte 248 (0xf8):');
    expect(r.text).toContain('000000e0  0c 00 00 00 01 00 00 00  69 c2 0c 86 3e 40 00 00  |........i...>@..|');
    // The caret sits under byte 0xf8: 8 hex columns in, after the extra gap of the middle.
    expect(r.text).toContain('    000000f0  00 00 00 00 72 65 6e 61  6d 65 64 00 01 00 20 00  |....renamed... .|\n' + ' '.repeat(4 + 10 + 8 * 3 + 1) + '^^\n');
    expect(r.text).toContain('    000000f0  00 00 00 00 72 65 6e 61  4d 65 64 00 01 00 20 00  |....renaMed... .|');
  });

  it('reports a metadata field, with the byte offset inside the field that differs', async () => {
    const b = VECTOR_2_RENAME.slice();
    b[21] = 0x35; // pid 0x3418 -> 0x3518: second byte of pid (offset 20)
    const r = await runInProcess(['diff', file('p1.bin', VECTOR_2_RENAME), file('p2.bin', b)]);
    expect(r.code).toBe(1);
    expect(r.text).toContain('first difference at event[0].pid: 13336 != 13592');
    expect(r.text).toContain('A at byte 21 (0x15):');
  });

  it('reports an event present on one side only', async () => {
    const r = await runInProcess(['diff', file('one.bin', VECTOR_2_RENAME), file('two.bin', concatBytes(VECTOR_2_RENAME, CAPTURE_A_CREATE_MODIFY))]);
    expect(r.code).toBe(1);
    expect(r.text).toContain('first difference at event[1]: event 1 exists only in B');
    expect(r.text).toContain('B at byte 136 (0x88):');
  });

  it('reports a record present on one side only', async () => {
    const { goldenStream } = await import('../../src/golden/index.js');
    const base = goldenStream().event({ mask: ['FAN_OPEN'], pid: 1, fd: 3 });
    const a = base.build();
    const b = goldenStream().event({ mask: ['FAN_OPEN'], pid: 1, fd: 3 }).pidfd(4).build();
    const r = await runInProcess(['diff', file('r1.bin', a), file('r2.bin', b)]);
    expect(r.code).toBe(1);
    // event_len differs first (24 vs 32): the path names it.
    expect(r.text).toContain('first difference at event[0].event_len: 24 != 32');
  });

  it('--normalize ignores run-specific values but not structure', async () => {
    const a = file('n1.bin', everyRecordStream());
    const b = file('n2.bin', everyRecordStream({ pid: 77, fd: 20, pidfd: 21, fsid: [1, 1], mnt: 5n }));
    expect((await runInProcess(['diff', a, b])).code).toBe(1);
    expect((await runInProcess(['diff', '--normalize', a, b])).code).toBe(0);
    const c = file('n3.bin', concatBytes(VECTOR_2_RENAME, VECTOR_2_RENAME));
    const d = file('n4.bin', concatBytes(VECTOR_2_RENAME, CAPTURE_A_CREATE_MODIFY));
    const r = await runInProcess(['diff', '--normalize', c, d]);
    expect(r.code).toBe(1);
    expect(r.text).toContain('first difference at event[1].event_len: 136 != 60');
  });

  it('--normalize --keep compares the kept kind exactly', async () => {
    const a = file('k1.bin', everyRecordStream());
    const b = file('k2.bin', everyRecordStream({ pid: 77 }));
    expect((await runInProcess(['diff', '--normalize', a, b])).code).toBe(0);
    const r = await runInProcess(['diff', '--normalize', '--keep', 'pid', a, b]);
    expect(r.code).toBe(1);
    expect(r.text).toContain('first difference at event[0].pid: 4242 != 77');
  });

  it('reports a malformed side as an error (exit 2, the file and offset named, no hex dump)', async () => {
    const m2 = file('m2.bin', concatBytes(VECTOR_2_RENAME, new Uint8Array(8)));
    const r = await runInProcess(['diff', file('m1.bin', VECTOR_2_RENAME), m2]);
    expect(r.code).toBe(2);
    expect(r.text).toBe('');
    expect(r.stderr.startsWith(`fanotify-codec diff: B (${m2}): malformed: DECODE_TRUNCATED at byte 136 (event[1]`)).toBe(true);
    expect(r.stderr.split('\n')).toHaveLength(2);
  });

  it('reads one side from stdin, quietly with -q', async () => {
    const p = file('s.bin', VECTOR_2_RENAME);
    expect((await runInProcess(['diff', '-', p], VECTOR_2_RENAME)).code).toBe(0);
    const r = await runInProcess(['diff', '-q', '-', p], CAPTURE_A_CREATE_MODIFY);
    expect(r.code).toBe(1);
    expect(r.text).toBe('');
  });

  it.each([
    [['diff', 'a'], /two inputs/],
    [['diff', '-', '-'], /only one input can be stdin/],
    [['diff', '--keep', 'pid', 'a', 'b'], /--keep needs --normalize/],
  ])('usage error %j exits 2', async (args, message) => {
    const r = await runInProcess(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
