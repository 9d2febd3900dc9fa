// A storm that never empties the queue must not starve the event loop: every consumer reads on
// in microtasks while events keep coming, and lets timers run now and then. The group here is
// scripted (every read returns 300 events, forever), so the storm is endless by construction.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { FanotifyGroupImpl } from '../../src/live/group.js';
import { scriptedGroup } from './support/scripted-group.js';

const capture = readFileSync(path.resolve(import.meta.dirname, '../../corpus/ext4/many-events/capture.bin'));

const CONSUMERS: Record<string, (g: FanotifyGroupImpl) => Promise<unknown>> = {
  'consumeBatches()': (g) => g.consumeBatches(() => undefined),
  'consume()': (g) => g.consume(() => undefined),
  'for await': async (g) => {
    for await (const _ of g);
  },
};

for (const [name, consume] of Object.entries(CONSUMERS)) {
  it(`${name}: a timer fires while an endless storm is being consumed, and closing from it ends the consumer`, async () => {
    const g = scriptedGroup(capture, Infinity);
    const consuming = consume(g);
    const readsWhenTimerRan = await new Promise<number>((resolve) =>
      setTimeout(() => {
        resolve(g.stats.reads);
        g.close();
      }, 0),
    );
    await consuming;
    // The timer ran in the middle of the storm, not after it.
    expect(readsWhenTimerRan).toBeGreaterThan(0);
    expect(g.stats.events).toBe(g.stats.reads * 300);
  });
}
