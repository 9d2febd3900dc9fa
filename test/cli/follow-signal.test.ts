/**
 * `decode --follow` in a real process: a growing file is decoded as it grows, and SIGINT ends
 * the command gracefully (exit 0, everything read printed) instead of killing it.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { decodeEvents } from '../../src/index.js';
import { concatBytes } from '../helpers/bytes.js';
import { CAPTURE_A_CREATE_MODIFY, VECTOR_2_RENAME } from '../helpers/golden-captures.js';
import { bundleEntry, type Bundle } from './support/cli-bundle.js';

let bundle: Bundle | undefined;
const dir = mkdtempSync(path.join(tmpdir(), 'fanotify-follow-'));
beforeAll(async () => {
  bundle = await bundleEntry();
});
afterAll(() => {
  bundle?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

it('follows a growing file and stops cleanly on SIGINT', async () => {
  const file = path.join(dir, 'live.bin');
  writeFileSync(file, CAPTURE_A_CREATE_MODIFY);
  const child = spawn(process.execPath, [bundle!.file, 'decode', '--follow', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    for (const w of waiters.splice(0)) w();
  });
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const lines = async (n: number): Promise<void> => {
    while (out.split('\n').length - 1 < n) await new Promise<void>((r) => waiters.push(r));
  };
  await lines(2);
  appendFileSync(file, VECTOR_2_RENAME);
  await lines(3);
  child.kill('SIGINT');
  expect(await exited).toBe(0);
  expect(err).toBe('');
  const all = concatBytes(CAPTURE_A_CREATE_MODIFY, VECTOR_2_RENAME);
  expect(out).toBe([...decodeEvents(all)].map((e) => JSON.stringify(e.toJSON()) + '\n').join(''));
});
