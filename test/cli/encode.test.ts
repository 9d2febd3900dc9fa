/**
 * `fanotify-codec encode`: the exact inverse of decode, with line-numbered errors and an output
 * file that only appears when encoding succeeds.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeEvents, encodeEvents } from '../../src/index.js';
import { fanotifyCodec } from '../../src/codec/codec.js';
import { runInProcess } from '../helpers/run-cli.js';
import { everyRecordStream } from './support/streams.js';
import { CAPTURE_B_RENAME_PIDFD } from '../helpers/golden-captures.js';

const dir = mkdtempSync(path.join(tmpdir(), 'fanotify-encode-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('encode', () => {
  it('decode | encode gives identical bytes', async () => {
    for (const bytes of [everyRecordStream(), CAPTURE_B_RENAME_PIDFD]) {
      const decoded = await runInProcess(['decode', '-'], bytes);
      const encoded = await runInProcess(['encode', '-'], decoded.stdout);
      expect(encoded.code).toBe(0);
      expect(encoded.stderr).toBe('');
      expect(new Uint8Array(encoded.stdout)).toEqual(bytes);
    }
  });

  it('--endian big writes the big-endian encoding of the same events', async () => {
    const bytes = everyRecordStream();
    const decoded = await runInProcess(['decode', '-'], bytes);
    const encoded = await runInProcess(['encode', '--endian', 'big', '-'], decoded.stdout);
    const inputs = [...decodeEvents(bytes)].map((e, i) => fanotifyCodec.eventFromJSON(e.toJSON(), i));
    expect(new Uint8Array(encoded.stdout)).toEqual(encodeEvents(inputs, { byteOrder: 'big' }));
  });

  it('ignores blank lines and CRLF line ends', async () => {
    const decoded = await runInProcess(['decode', '-'], CAPTURE_B_RENAME_PIDFD);
    const encoded = await runInProcess(['encode', '-'], '\n' + decoded.text.replace('\n', '\r\n') + '\n\n');
    expect(new Uint8Array(encoded.stdout)).toEqual(CAPTURE_B_RENAME_PIDFD);
  });

  it('names the line and field of an event that does not encode, and exits 1', async () => {
    const lines = (await runInProcess(['decode', '-'], everyRecordStream())).text.split('\n');
    lines[2] = lines[2]!.replace('"pidfd":9', '"pidfd":"nine"');
    const r = await runInProcess(['encode', '-'], lines.join('\n'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/line 3: ENCODE_BAD_VALUE \(event\[2\]\.info\[0\]\.pidfd\)/);
  });

  it('rejects a length that disagrees with the content', async () => {
    const line = (await runInProcess(['decode', '-'], CAPTURE_B_RENAME_PIDFD)).text.replace('"event_len":124', '"event_len":128');
    const r = await runInProcess(['encode', '-'], line);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/line 1: ENCODE_LENGTH_MISMATCH \(event\[0\]\.event_len\)/);
  });

  it('reports a line that is not JSON with its number and offset', async () => {
    const good = (await runInProcess(['decode', '-'], CAPTURE_B_RENAME_PIDFD)).text;
    const r = await runInProcess(['encode', '-'], good + '{"event_len":\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`line 2 (byte ${Buffer.byteLength(good)}): not JSON`);
  });

  it('-o writes the file only when every line encodes', async () => {
    const good = (await runInProcess(['decode', '-'], CAPTURE_B_RENAME_PIDFD)).text;
    const out = path.join(dir, 'out.bin');
    expect((await runInProcess(['encode', '-o', out, '-'], good)).code).toBe(0);
    expect(new Uint8Array(readFileSync(out))).toEqual(CAPTURE_B_RENAME_PIDFD);

    const failed = path.join(dir, 'failed.bin');
    writeFileSync(path.join(dir, 'in.jsonl'), good + 'nonsense\n');
    expect((await runInProcess(['encode', '--output', failed, path.join(dir, 'in.jsonl')])).code).toBe(1);
    expect(existsSync(failed)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  it('refuses to write bytes to a terminal', async () => {
    const { PassThrough, Readable } = await import('node:stream');
    const { runCli } = await import('../../src/cli/run.js');
    const stdout = Object.assign(new PassThrough(), { isTTY: true });
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await runCli(['encode', '-'], { stdin: Readable.from(['{}']), stdout, stderr });
    expect(code).toBe(2);
    expect(err).toMatch(/refusing to write binary/);
  });
});
