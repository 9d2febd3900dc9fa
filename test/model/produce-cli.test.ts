/**
 * `fanotify-codec produce`: the bytes and sidecar it writes, and its exit codes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/run-cli.js';
import { decodeEventObjects } from '../../src/index.js';
import { toHex } from '../../src/entries/golden.js';
import { runScenario } from '../../src/model/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const scenarios = path.join(here, 'scenarios');
const dir = mkdtempSync(path.join(tmpdir(), 'fanotify-produce-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[]) => runInProcess(args);

describe('fanotify-codec produce', () => {
  it('writes the §7 vectors 1 and 2 for the example scenario, to stdout and to -o', async () => {
    const file = path.join(scenarios, 'dfid-name-create.json');
    const r = await cli(['produce', file]);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBe(92 + 136);
    expect(toHex(r.stdout.subarray(0, 16))).toBe('5c000000030018000001004000000000');
    const out = path.join(dir, 'golden.bin');
    expect((await cli(['produce', file, '-o', out])).code).toBe(0);
    expect(readFileSync(out).equals(r.stdout)).toBe(true);
  });

  it('--endian big re-encodes the same events big-endian', async () => {
    const file = path.join(scenarios, 'dfid-name-create.json');
    const big = (await cli(['produce', '--endian', 'big', file])).stdout;
    const little = (await cli(['produce', file])).stdout;
    expect(decodeEventObjects(big, { byteOrder: 'big' })).toEqual(decodeEventObjects(little, { byteOrder: 'little' }));
    expect(big.equals(little)).toBe(false);
  });

  it('--sidecar records read boundaries and what blocked accessors finally got', async () => {
    const file = path.join(scenarios, 'open-perm-deny.json');
    const sidecar = path.join(dir, 'side.json');
    const r = await cli(['produce', file, '--sidecar', sidecar, '-o', path.join(dir, 'perm.bin')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(sidecar, 'utf8')) as { reads: { offset: number; length: number }[]; permissionAccessors: { do: string; by: string; errno: string | null; result: number }[] };
    expect(json.reads.map((x) => [x.offset, x.length])).toEqual([
      [0, 32],
      [32, 56],
    ]);
    expect(json.permissionAccessors.map((a) => [a.do, a.by, a.errno])).toEqual([
      ['open', 'app', null],
      ['read', 'app', 'EIO'],
    ]);
    expect(readFileSync(path.join(dir, 'perm.bin')).equals(Buffer.from(runScenario(JSON.parse(readFileSync(file, 'utf8'))).stream))).toBe(true);
  });

  it('exit 1 with the JSON path for an invalid scenario or a failed expectation', async () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ steps: [{ do: 'fanotify_init', group: 'g', flags: ['FAN_REPORT_FIDD'] }] }));
    const r = await cli(['produce', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('$.steps[0].flags[0]: unknown fanotify_init flag');
    const wrong = path.join(dir, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ steps: [{ do: 'fanotify_init', group: 'g', flags: ['FAN_REPORT_NAME'], expect: 'ok' }] }));
    const w = await cli(['produce', wrong]);
    expect(w.code).toBe(1);
    expect(w.stderr).toContain('$.steps[0].expect: expected ok, got EINVAL');
    writeFileSync(bad, '{ not json');
    expect((await cli(['produce', bad])).code).toBe(1);
  });

  it('exit 3 for a missing file, 2 for usage errors, 0 for --help with examples', async () => {
    expect((await cli(['produce', path.join(dir, 'missing.json')])).code).toBe(3);
    expect((await cli(['produce'])).code).toBe(2);
    expect((await cli(['produce', 'a', 'b'])).code).toBe(2);
    expect((await cli(['produce', '--endian', 'middle', 'x.json'])).code).toBe(2);
    const h = await cli(['produce', '--help']);
    expect(h.code).toBe(0);
    expect(h.stdout.toString()).toContain('Examples:');
  });
});
