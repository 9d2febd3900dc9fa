// The machine-wide lock serializes holders across processes, and a holder that dies releases it
// (the kernel drops the flock with the holder's pipe), so a crashed suite never wedges the next.
import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';
import { acquireMachineLock, FLOCK_ARGS, withMachineLock } from '../setup/machine-lock.js';

it('a second holder waits until the first releases', async () => {
  const order: string[] = [];
  const first = await acquireMachineLock('first');
  const second = withMachineLock('second', () => order.push('second'));
  await new Promise((resolve) => setTimeout(resolve, 300));
  order.push('first releases');
  await first();
  await second;
  expect(order).toEqual(['first releases', 'second']);
});

it('a test process killed while holding the lock releases it', async () => {
  // A node process takes the lock the way the helper does, then dies without releasing.
  const script = `const c = require('child_process').spawn('flock', ${JSON.stringify(FLOCK_ARGS)}, { stdio: ['pipe', 'pipe', 'inherit'] });
c.stdout.once('data', () => console.log('holding'));`;
  const holder = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => holder.stdout.once('data', resolve));
  const taken = withMachineLock('after a crash', () => Date.now());
  holder.kill('SIGKILL');
  await expect(taken).resolves.toBeGreaterThan(0);
}, 20_000);
