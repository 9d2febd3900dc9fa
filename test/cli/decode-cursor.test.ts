/**
 * `decode`'s cursor path (JSON Lines from a strict decoder): what it prints and counts is what
 * the view path (`--lenient`) prints and counts, and an event whose record turns out malformed
 * after its metadata was written leaves no partial line.
 */
import { describe, expect, it } from 'vitest';
import { decodeEvents } from '../../src/index.js';
import { runInProcess } from '../helpers/run-cli.js';
import { concatBytes } from '../helpers/bytes.js';
import { CAPTURE_A_CREATE_MODIFY, VECTOR_2_RENAME } from '../helpers/golden-captures.js';
import { everyRecordStream } from './support/streams.js';

function expectedLines(bytes: Uint8Array): string {
  return [...decodeEvents(bytes)].map((e) => JSON.stringify(e.toJSON()) + '\n').join('');
}

describe('decode on the cursor', () => {
  it('drops the partial line of an event whose record is malformed, and prints the events before it', async () => {
    const bad = VECTOR_2_RENAME.slice();
    // The third record's len (bytes 106-107; the two before it hold names, written when it is
    // read): 6 is below the fid record's fixed size.
    new DataView(bad.buffer).setUint16(106, 6, true);
    const r = await runInProcess(['decode', '-'], concatBytes(CAPTURE_A_CREATE_MODIFY, bad, VECTOR_2_RENAME));
    expect(r.code).toBe(1);
    expect(r.text).toBe(expectedLines(CAPTURE_A_CREATE_MODIFY));
    expect(r.stderr).toMatch(/DECODE_\w+ at byte \d+ \(event\[2\]/);
  });

  it('writes the same JSON for a big-endian dump on the view path (--lenient)', async () => {
    const { encodeEvents } = await import('../../src/index.js');
    const { fanotifyCodec } = await import('../../src/codec/codec.js');
    const bytes = everyRecordStream();
    const big = encodeEvents([...decodeEvents(bytes)].map((e, i) => fanotifyCodec.eventFromJSON(e.toJSON(), i)), { byteOrder: 'big' });
    const r = await runInProcess(['decode', '--endian', 'big', '--lenient', '-'], big);
    expect(r.code).toBe(0);
    expect(r.text).toBe(expectedLines(bytes));
  });

  it('counts in its summary what the view path counts', async () => {
    const bytes = concatBytes(everyRecordStream(), CAPTURE_A_CREATE_MODIFY, VECTOR_2_RENAME);
    const cursor = await runInProcess(['decode', '--summary', '-'], bytes);
    const views = await runInProcess(['decode', '--summary', '--lenient', '-'], bytes);
    expect(cursor.code).toBe(0);
    expect(views.code).toBe(0);
    expect(cursor.text).toBe(expectedLines(bytes));
    expect(views.text).toBe(cursor.text);
    expect(cursor.stderr).toContain('events: 13\n');
    expect(cursor.stderr).toBe(views.stderr);
  });
});
