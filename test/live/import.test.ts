// Importing the live API never loads the addon; without fanotify (macOS, simulated) the import
// still works and openGroup() throws the loader's NativeAddonUnavailableError.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { bundleFixture } from './support/bundle.js';
import { Cleanup, requireRoot } from './support/env.js';
import { lastJson, run } from './support/processes.js';

const cleanup = new Cleanup();
beforeEach(() => requireRoot());
afterEach(() => cleanup.run());

it('the addon is loaded when the first group is opened, not at import', async () => {
  const script = bundleFixture(cleanup, 'import-without-addon');
  const report = lastJson<{ exports: number; afterImport: string[]; afterOpen: string[]; error?: unknown }>((await run(process.execPath, [script, 'linux'])).stdout);
  expect(report.exports).toBeGreaterThan(20);
  expect(report.afterImport).toEqual([]);
  expect(report.afterOpen).toEqual([expect.stringMatching(/fanotify_codec\.node$/)]);
  expect(report.error).toBeUndefined();
});

it('on a platform without fanotify the import works and openGroup() says why it cannot', async () => {
  const script = bundleFixture(cleanup, 'import-without-addon');
  const report = lastJson<{ afterOpen: string[]; error: { name: string; code: string; reason: string; message: string } }>((await run(process.execPath, [script, 'darwin'])).stdout);
  expect(report.afterOpen).toEqual([]);
  expect(report.error).toMatchObject({ name: 'NativeAddonUnavailableError', code: 'NATIVE_UNAVAILABLE', reason: 'unsupported-platform' });
  expect(report.error.message).toMatch(/not available on macOS/);
});
