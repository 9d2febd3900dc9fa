/**
 * compareToGolden: bytes or JSON Lines goldens, normalization, missing goldens, update mode
 * (option and environment variable), and malformed actual bytes never written.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { compareToGolden, GOLDEN_UPDATE_ENV, goldenStream } from '../../src/golden/index.js';
import { decodeEvents } from '../../src/index.js';
import { concatBytes } from '../helpers/bytes.js';
import { CAPTURE_B_RENAME_PIDFD, VECTOR_2_RENAME } from '../helpers/golden-captures.js';

const dir = mkdtempSync(path.join(tmpdir(), 'fanotify-golden-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());

const jsonl = (bytes: Uint8Array): string => [...decodeEvents(bytes)].map((e) => JSON.stringify(e.toJSON()) + '\n').join('');

describe('compareToGolden', () => {
  it('passes for equal bytes against a .bin and a .jsonl golden', () => {
    writeFileSync(path.join(dir, 'rename.bin'), VECTOR_2_RENAME);
    writeFileSync(path.join(dir, 'rename.jsonl'), jsonl(VECTOR_2_RENAME));
    expect(compareToGolden(VECTOR_2_RENAME, path.join(dir, 'rename.bin'))).toMatchObject({ pass: true, updated: false, difference: undefined });
    expect(compareToGolden(VECTOR_2_RENAME, path.join(dir, 'rename.jsonl')).pass).toBe(true);
  });

  it('fails with the first difference and hex context', () => {
    const golden = path.join(dir, 'rename-other.bin');
    writeFileSync(golden, VECTOR_2_RENAME);
    const actual = VECTOR_2_RENAME.slice();
    actual[56] = 0x46; // OLD_DFID_NAME name "file" → "File"
    const r = compareToGolden(actual, golden);
    expect(r.pass).toBe(false);
    expect(r.difference?.path).toBe('event[0].info[0].name');
    expect(r.message).toContain('actual stream differs from');
    expect(r.message).toContain('first difference at event[0].info[0].name: "File" != "file"');
    expect(r.message).toContain('A at byte 56 (0x38):');
    expect(readFileSync(golden)).toEqual(Buffer.from(VECTOR_2_RENAME));
  });

  it('normalize compares captures that differ only in run-specific values', () => {
    const golden = path.join(dir, 'pidfd.bin');
    writeFileSync(golden, CAPTURE_B_RENAME_PIDFD);
    const otherRun = CAPTURE_B_RENAME_PIDFD.slice();
    otherRun[20] = 0x99; // pid
    otherRun[120] = 7; // pidfd
    expect(compareToGolden(otherRun, golden).pass).toBe(false);
    expect(compareToGolden(otherRun, golden, { normalize: true }).pass).toBe(true);
    expect(compareToGolden(otherRun, golden, { normalize: { keep: ['pidfd'] } }).difference?.path).toBe('event[0].info[3].pidfd');
  });

  it('fails for a missing golden unless updating, and then writes it (normalized for .jsonl)', () => {
    const missing = path.join(dir, 'new', 'created.jsonl');
    const r = compareToGolden(CAPTURE_B_RENAME_PIDFD, missing, { normalize: true });
    expect(r.pass).toBe(false);
    expect(r.message).toContain(`run with ${GOLDEN_UPDATE_ENV}=1`);
    expect(existsSync(missing)).toBe(false);

    const u = compareToGolden(CAPTURE_B_RENAME_PIDFD, missing, { normalize: true, update: true });
    expect(u).toMatchObject({ pass: true, updated: true });
    const written = readFileSync(missing, 'utf8');
    expect(written).toContain('"pid":"pid#1"');
    expect(written).toContain('"pidfd":"pidfd#1"');
    expect(compareToGolden(CAPTURE_B_RENAME_PIDFD, missing, { normalize: true }).pass).toBe(true);
  });

  it('FANOTIFY_GOLDEN_UPDATE=1 rewrites a differing golden; an equal one is left untouched', () => {
    const golden = path.join(dir, 'env.bin');
    writeFileSync(golden, VECTOR_2_RENAME);
    vi.stubEnv(GOLDEN_UPDATE_ENV, '1');
    const before = statSync(golden).mtimeMs;
    expect(compareToGolden(VECTOR_2_RENAME, golden)).toMatchObject({ pass: true, updated: false });
    expect(statSync(golden).mtimeMs).toBe(before);
    const both = concatBytes(VECTOR_2_RENAME, CAPTURE_B_RENAME_PIDFD);
    const r = compareToGolden(both, golden);
    expect(r).toMatchObject({ pass: true, updated: true });
    expect(r.message).toContain('first difference at event[1]: event 1 exists only in A');
    expect(new Uint8Array(readFileSync(golden))).toEqual(both);
    // An explicit option wins over the environment.
    expect(compareToGolden(VECTOR_2_RENAME, golden, { update: false }).pass).toBe(false);
  });

  it('never writes malformed actual bytes, even when updating', () => {
    const golden = path.join(dir, 'kept.bin');
    writeFileSync(golden, VECTOR_2_RENAME);
    const r = compareToGolden(VECTOR_2_RENAME.subarray(0, 30), golden, { update: true });
    expect(r.pass).toBe(false);
    expect(r.message).toMatch(/actual bytes are malformed \(the golden file was not touched\): DECODE_EVENT_LEN_PAST_END at byte 0/);
    expect(new Uint8Array(readFileSync(golden))).toEqual(VECTOR_2_RENAME);
  });

  it('reports a golden that is not JSON Lines', () => {
    const golden = path.join(dir, 'broken.jsonl');
    writeFileSync(golden, jsonl(VECTOR_2_RENAME) + '[1,2]\n');
    const r = compareToGolden(concatBytes(VECTOR_2_RENAME, VECTOR_2_RENAME), golden);
    expect(r.pass).toBe(false);
    expect(r.message).toMatch(/first difference at event\[1\]: B is malformed: line 2 \(byte \d+\): expected a JSON object/);
  });

  it('builds expectations with goldenStream', () => {
    const golden = path.join(dir, 'built.jsonl');
    const expected = goldenStream().event({ mask: ['FAN_OPEN'], pid: 7, fd: 3 }).pidfd(4).build();
    compareToGolden(expected, golden, { update: true });
    expect(compareToGolden(goldenStream().event({ mask: ['FAN_OPEN'], pid: 7, fd: 3 }).pidfd(4).build(), golden).pass).toBe(true);
    expect(compareToGolden(goldenStream().event({ mask: ['FAN_OPEN'], pid: 7, fd: 3 }).pidfd(5).build(), golden).difference?.path).toBe('event[0].info[0].pidfd');
  });
});
