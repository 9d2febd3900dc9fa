/**
 * The built package keeps its class names: errors print, inspect and log as
 * `FanotifyDecodeError`, not as a bundler's renamed `_FanotifyDecodeError`.
 */
import { createRequire } from 'node:module';
import { expect, test } from 'vitest';

const require = createRequire(import.meta.url);

test('ESM and CJS builds keep error and class names', async () => {
  const esm = (await import('../../dist/index.js')) as unknown as typeof import('../../src/index.js');
  const cjs = require('../../dist/index.cjs') as unknown as typeof import('../../src/index.js');
  for (const m of [esm, cjs]) {
    let caught: unknown;
    try {
      m.decodeEventObjects(new Uint8Array(30));
    } catch (error) {
      caught = error;
    }
    expect((caught as Error).constructor.name).toBe('FanotifyDecodeError');
    for (const cls of [m.FanotifyDecodeError, m.FanotifyEncodeError, m.FanotifySyscallError, m.KernelModel, m.EventStreamDecoder]) {
      expect(cls.name.startsWith('_')).toBe(false);
    }
  }
});
