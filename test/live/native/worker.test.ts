import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAN, fixturesDir, loadAddon, makeTempDir, removeTempDir, runNode, touchRead } from './support.js';

// Loaded at import time: a missing addon or a non-root run fails the whole
// file loudly instead of reporting skipped tests.
const { binding: native, file: addonFile } = loadAddon();
let dir: string;

beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => removeTempDir(dir));

interface WorkerMessage {
  type: string;
  fd?: number;
  bytes?: number;
  handles?: number;
  calls?: number;
}

function startWorker(mode: string): Worker {
  return new Worker(path.join(fixturesDir, 'worker-poll.cjs'), {
    workerData: { dir, mode },
    env: { ...process.env, FANOTIFY_ADDON: addonFile },
  });
}

async function nextMessage(worker: Worker): Promise<WorkerMessage> {
  const [message] = (await once(worker, 'message')) as [WorkerMessage];
  return message;
}

function generateEvent(): void {
  const file = path.join(dir, 'f');
  fs.writeFileSync(file, '');
  touchRead(file);
}

describe('poll inside worker_threads', () => {
  it('a worker polls its own loop, reads an event and exits cleanly', async () => {
    const worker = startWorker('read');
    const exited = once(worker, 'exit');
    expect(await nextMessage(worker)).toMatchObject({ type: 'ready' });
    generateEvent();
    const result = await nextMessage(worker);
    expect(result.type).toBe('read');
    expect(result.bytes).toBeGreaterThanOrEqual(FAN.EVENT_METADATA_LEN);
    expect((result.bytes ?? -1) % FAN.EVENT_METADATA_LEN).toBe(0);
    expect(result.handles).toBe(1); // its own handle, closing until the next turn
    const [code] = (await exited) as [number];
    expect(code).toBe(0);
    expect(native.pollHandleCount()).toBe(0); // the main thread's count is separate
  });

  it('terminating a worker whose handle is firing does not crash this process', async () => {
    const worker = startWorker('hold');
    const exited = once(worker, 'exit');
    const ready = await nextMessage(worker);
    generateEvent();
    for (;;) {
      const message = await nextMessage(worker);
      if ((message.calls ?? 0) > 3) break;
    }
    await worker.terminate();
    expect(await exited).toEqual([1]);
    // The worker's handle is gone from the process-wide registry.
    expect(native.close(ready.fd ?? -1)).toBe(0);
  });

  it('terminating workers in every handle state is safe (separate process, repeated)', async () => {
    const result = await runNode([path.join(fixturesDir, 'terminate-workers.cjs'), '6'], {
      env: { FANOTIFY_ADDON: addonFile },
      timeoutMs: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(result.signal).toBeNull();
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as { ok: boolean; codes: Record<string, number[]>; handles: number };
    expect(summary.ok).toBe(true);
    expect(summary.handles).toBe(0);
    expect(Object.keys(summary.codes).sort()).toEqual(['closing', 'exit-in-callback', 'hold', 'stopped', 'unref']);
  });
});
