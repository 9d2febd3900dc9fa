// A group used from a worker thread: the addon's poll handle runs on the worker's own libuv
// loop, events arrive there, and closing the group in the worker releases every fd (fds are
// process-wide, so the main thread can count them).
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { bundleFixture } from './support/bundle.js';
import { Cleanup, makeTempDir, openFds, requireRoot } from './support/env.js';

const cleanup = new Cleanup();
beforeEach(() => requireRoot());
afterEach(() => cleanup.run());

it('a worker opens a group, receives events on its own loop and closes it without leaks', async () => {
  const dir = makeTempDir(cleanup, 'fanotify-worker-');
  const script = bundleFixture(cleanup, 'worker-group');
  const before = openFds().length;
  const worker = new Worker(script, { workerData: { dir, count: 3 } });
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  const result = await new Promise<{ paths: string[]; stats: Record<string, number> }>((resolve, reject) => {
    worker.on('error', reject);
    worker.on('message', (message: { type: string; paths: string[]; stats: Record<string, number> }) => {
      if (message.type === 'ready') for (const name of ['a', 'b', 'c']) fs.writeFileSync(path.join(dir, name), '');
      if (message.type === 'done') resolve(message);
    });
  });
  // The worker exits by itself once the group is closed: nothing it opened keeps its loop alive.
  expect(await exited).toBe(0);
  expect(result.paths).toEqual(['a', 'b', 'c'].map((n) => path.join(dir, n)));
  expect(result.stats).toMatchObject({ events: 3, delivered: 3, cleanupErrors: 0 });
  expect(openFds().length).toBe(before);
});
