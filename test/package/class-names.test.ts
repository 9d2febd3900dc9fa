/**
 * The built package keeps its class names: errors print, inspect and log as
 * `FanotifyDecodeError`, not as a bundler's renamed `_FanotifyDecodeError`. And every entry point
 * shares one copy of each class (shared chunks), so an error thrown through `fanotify-codec/live`
 * or `/golden` is an instance of the class the root and the other subpaths export.
 */
import { createRequire } from 'node:module';
import { expect, test } from 'vitest';

const require = createRequire(import.meta.url);
type Root = typeof import('../../src/index.js');
type Live = typeof import('../../src/entries/live.js');
type Model = typeof import('../../src/entries/model.js');
type Golden = typeof import('../../src/entries/golden.js');

/** The built root, `/live`, `/model` and `/golden` entries, as ESM or as CommonJS. */
async function built(format: 'esm' | 'cjs'): Promise<{ root: Root; live: Live; model: Model; golden: Golden }> {
  const load = async (name: string): Promise<unknown> => (format === 'esm' ? import(`../../dist/${name}.js`) : require(`../../dist/${name}.cjs`));
  return {
    root: (await load('index')) as Root,
    live: (await load('live')) as Live,
    model: (await load('model')) as Model,
    golden: (await load('golden')) as Golden,
  };
}

test.each(['esm', 'cjs'] as const)('%s build keeps error and class names', async (format) => {
  const { root, live, model } = await built(format);
  let caught: unknown;
  try {
    root.decodeEventObjects(new Uint8Array(30));
  } catch (error) {
    caught = error;
  }
  expect((caught as Error).constructor.name).toBe('FanotifyDecodeError');
  for (const cls of [root.FanotifyDecodeError, root.FanotifyEncodeError, live.FanotifySyscallError, model.KernelModel, root.EventStreamDecoder]) {
    expect(cls.name.startsWith('_')).toBe(false);
  }
});

test.each(['esm', 'cjs'] as const)('%s entries share one class per concept: a decode error from /golden is the root FanotifyDecodeError', async (format) => {
  const { root, golden } = await built(format);
  let caught: unknown;
  try {
    [...golden.streamEventsOfBytes(new Uint8Array(30))];
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(root.FanotifyDecodeError);
});
