/**
 * Dumps of any size decode in constant memory: a ~200 MB dump is decoded by a child process
 * whose V8 heap is capped at 64 MB, and its peak RSS must stay far below the dump's size.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goldenStream } from '../../src/golden/index.js';
import { bundleEntry, type Bundle } from './support/cli-bundle.js';

const DUMP_BYTES = 200 * 1024 * 1024;
/** Peak RSS allowed: node's baseline (~45 MB) + a 64 MB old space + young generation; a decoder that held the dump would need over 200 MB. */
const MAX_RSS_BYTES = 150 * 1024 * 1024;

/** About 1 MiB of large events (255-byte names, 128-byte handles: the largest fid records). */
function block(): { bytes: Uint8Array; events: number } {
  const b = goldenStream();
  let events = 0;
  const handle = new Uint8Array(128).fill(0xab);
  for (let size = 0; size < 1 << 20; ) {
    const name = 'n'.repeat(200 + (events % 56));
    b.event({ mask: ['FAN_RENAME'], pid: 1000 + (events % 7) })
      .oldDfidName({ fsid: [1, 2], handle, name })
      .newDfidName({ fsid: [1, 2], handle, name: name + 'x' })
      .fid({ fsid: [1, 2], handle: handle.subarray(0, 8) });
    events++;
    size += 24 + 2 * 404 + 28;
  }
  const bytes = b.build();
  return { bytes, events };
}

const dir = mkdtempSync(path.join(tmpdir(), 'fanotify-memory-'));
let cli: Bundle | undefined;
let dump = '';
let totalEvents = 0;

beforeAll(async () => {
  cli = await bundleEntry('test/cli/support/memory-harness.ts', 'memory-harness');
  dump = path.join(dir, 'big.bin');
  const { bytes, events } = block();
  const fd = openSync(dump, 'w');
  try {
    for (let written = 0; written < DUMP_BYTES; written += bytes.length) {
      writeSync(fd, bytes);
      totalEvents += events;
    }
  } finally {
    closeSync(fd);
  }
});

afterAll(() => {
  cli?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

function run(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=64', cli!.file, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('decode in constant memory', () => {
  it('decodes a ~200 MB dump with a 64 MB heap, peak RSS far below the dump size, and summarises it', async () => {
    expect(statSync(dump).size).toBeGreaterThanOrEqual(DUMP_BYTES);
    const r = await run(['decode', dump]);
    expect(r.stderr).not.toMatch(/heap out of memory/);
    expect(r.code).toBe(0);
    // Dumps this large get the summary without --summary: it proves every event was decoded.
    expect(r.stderr).toContain(`events: ${totalEvents}\nbytes: ${statSync(dump).size}\n`);
    const rss = Number(/MAXRSS_KB (\d+)/.exec(r.stderr)?.[1]) * 1024;
    expect(rss).toBeGreaterThan(0);
    expect(rss).toBeLessThan(MAX_RSS_BYTES);
    console.info(`decode of ${statSync(dump).size} bytes: peak RSS ${(rss / 2 ** 20).toFixed(1)} MiB`);
  }, 300_000);
});
