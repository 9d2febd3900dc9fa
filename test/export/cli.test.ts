/**
 * `fanotify-codec export`: output equals the API's, --help examples run (bundled CLI, scratch
 * directory), a --records module is honoured, and errors map to the documented exit codes.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCommand } from '../../src/cli/commands/export.js';
import { exportCHeader, exportKsy } from '../../src/entries/export.js';
import { bundleEntry, PACKAGE_ROOT, type Bundle } from '../cli/support/cli-bundle.js';
import { runInProcess } from '../helpers/run-cli.js';
import { fsdataRecord, locationRecord } from '../helpers/rfc-fan-error-records.js';

let bundle: Bundle | undefined;
let scratch = '';

beforeAll(async () => {
  bundle = await bundleEntry();
  scratch = mkdtempSync(path.join(tmpdir(), 'fanotify-export-'));
  mkdirSync(path.join(scratch, 'bin'));
  const wrapper = path.join(scratch, 'bin', 'fanotify-codec');
  writeFileSync(wrapper, `#!/bin/sh\nexec "${process.execPath}" "${bundle.file}" "$@"\n`);
  chmodSync(wrapper, 0o755);
});

afterAll(() => {
  bundle?.dispose();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

function examples(help: string): string[] {
  const block = help.split('\nExamples:\n')[1]?.split('\n\n')[0] ?? '';
  return block.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('fanotify-codec '));
}

describe('export', () => {
  it('prints the API’s text', async () => {
    expect((await runInProcess(['export', 'ksy'])).text).toBe(exportKsy());
    expect((await runInProcess(['export', 'ksy', '--endian', 'big', '--id', 'fan_be'])).text).toBe(exportKsy({ byteOrder: 'big', id: 'fan_be' }));
    expect((await runInProcess(['export', 'c-header', '--prefix', 'fc_'])).text).toBe(exportCHeader({ prefix: 'fc_' }));
  });

  it('has help with examples that run and write what they say', async () => {
    const r = await runInProcess(['export', '--help']);
    expect(r.text).toBe(exportCommand.help);
    expect(examples(exportCommand.help).length).toBeGreaterThanOrEqual(4);
    for (const example of examples(exportCommand.help)) {
      const run = spawnSync('bash', ['-o', 'pipefail', '-c', example], { cwd: scratch, env: { ...process.env, PATH: `${path.join(scratch, 'bin')}:${process.env['PATH']}` }, encoding: 'utf8' });
      expect(run.status, `${example}\n${run.stderr}`).toBe(0);
      expect(run.stderr, example).toBe('');
    }
    expect(readFileSync(path.join(scratch, 'fanotify_events.ksy'), 'utf8')).toBe(exportKsy());
    expect(readFileSync(path.join(scratch, 'fanotify-codec.h'), 'utf8')).toBe(exportCHeader({ prefix: 'fc_' }));
  });

  it('describes the records a --records module exports', async () => {
    const good = path.join(scratch, 'records.mjs');
    const helper = path.join(PACKAGE_ROOT, 'test/helpers/rfc-fan-error-records.ts');
    writeFileSync(good, `import { locationRecord, fsdataRecord } from ${JSON.stringify(helper)};\nexport const records = [locationRecord, fsdataRecord];\n`);
    const r = await runInProcess(['export', 'ksy', '--records', good]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.text).toBe(exportKsy({ records: [locationRecord, fsdataRecord] }));
    const bad = path.join(scratch, 'not-records.mjs');
    writeFileSync(bad, "export const records = [{ type: 'location' }];\n");
    const usage = await runInProcess(['export', 'ksy', '--records', bad]);
    expect([usage.code, usage.stderr]).toContain(2);
    expect(usage.stderr).toContain("must export 'records'");
  });

  it('maps errors to exit codes', async () => {
    expect((await runInProcess(['export'])).code).toBe(2);
    expect((await runInProcess(['export', 'protobuf'])).code).toBe(2);
    expect((await runInProcess(['export', 'ksy', '--prefix', 'x'])).code).toBe(2);
    expect((await runInProcess(['export', 'ksy', '--endian', 'middle'])).code).toBe(2);
    const bad = await runInProcess(['export', 'ksy', '--id', 'Not-An-Id']);
    expect([bad.code, bad.stderr]).toEqual([1, 'fanotify-codec export: EXPORT_BAD_IDENTIFIER (meta.id): \'Not-An-Id\' is not a Kaitai identifier ([a-z][a-z0-9_]*)\n']);
    expect((await runInProcess(['export', 'c-header', '-o', path.join(scratch, 'missing-dir', 'x.h')])).code).toBe(3);
    expect((await runInProcess(['export', 'ksy', '--records', path.join(scratch, 'no-such-module.mjs')])).code).toBe(3);
  });
});
