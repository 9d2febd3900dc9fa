/**
 * toMatchFanotifyGolden through vitest's expect.extend (the type augmentation is in
 * fanotify-matchers.d.ts): pass, fail with the report, `.not`, update mode, wrong input.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fanotifyMatchers } from '../../src/golden/index.js';
import { CAPTURE_A_CREATE_MODIFY, VECTOR_2_RENAME } from '../helpers/golden-captures.js';

expect.extend(fanotifyMatchers);

const dir = mkdtempSync(path.join(tmpdir(), 'fanotify-matchers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const golden = path.join(dir, 'rename.bin');
writeFileSync(golden, VECTOR_2_RENAME);

describe('toMatchFanotifyGolden', () => {
  it('passes for matching bytes (Uint8Array, Buffer, ArrayBuffer)', () => {
    expect(VECTOR_2_RENAME).toMatchFanotifyGolden(golden);
    expect(Buffer.from(VECTOR_2_RENAME)).toMatchFanotifyGolden(golden);
    expect(VECTOR_2_RENAME.slice().buffer).toMatchFanotifyGolden(golden);
  });

  it('fails with the difference report', () => {
    expect(() => expect(CAPTURE_A_CREATE_MODIFY).toMatchFanotifyGolden(golden)).toThrow(/first difference at event\[0\]\.event_len: 60 != 136/);
  });

  it('supports .not without ever updating', () => {
    expect(CAPTURE_A_CREATE_MODIFY).not.toMatchFanotifyGolden(golden, { update: true });
    expect(new Uint8Array(readFileSync(golden))).toEqual(VECTOR_2_RENAME);
    expect(() => expect(VECTOR_2_RENAME).not.toMatchFanotifyGolden(golden)).toThrow(/expected the stream not to match/);
  });

  it('update mode rewrites the golden and passes', () => {
    const target = path.join(dir, 'updated.jsonl');
    expect(CAPTURE_A_CREATE_MODIFY).toMatchFanotifyGolden(target, { update: true, normalize: true });
    expect(readFileSync(target, 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
    expect(CAPTURE_A_CREATE_MODIFY).toMatchFanotifyGolden(target, { normalize: true });
  });

  it('fails clearly for something that is not bytes', () => {
    expect(() => expect('not bytes').toMatchFanotifyGolden(golden)).toThrow(/expects bytes .* received string/);
  });
});
