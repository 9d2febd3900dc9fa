/**
 * `fanotify-codec --version` prints the version of the package.json it belongs to.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { runInProcess } from '../helpers/run-cli.js';

test('--version and -V print "fanotify-codec <version>" and exit 0', async () => {
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  for (const flag of ['--version', '-V']) {
    const r = await runInProcess([flag]);
    expect(r.code).toBe(0);
    expect(r.text).toBe(`fanotify-codec ${version}\n`);
  }
});
