/**
 * `fanotify-codec stats`: counts per mask bit, record type, pid and size, for byte dumps and
 * JSON Lines (also normalized ones).
 */
import { describe, expect, it } from 'vitest';
import { concatBytes } from '../helpers/bytes.js';
import { CAPTURE_A_CREATE_MODIFY, VECTOR_2_RENAME } from '../helpers/golden-captures.js';
import { runInProcess } from '../helpers/run-cli.js';
import { everyRecordStream } from './support/streams.js';

describe('stats', () => {
  it('counts events, bytes, bits, record types, pids and sizes (--json)', async () => {
    const bytes = concatBytes(CAPTURE_A_CREATE_MODIFY, VECTOR_2_RENAME);
    const r = await runInProcess(['stats', '--json', '-'], bytes);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.text)).toEqual({
      events: 3,
      bytes: 284,
      event_len: { min: 60, max: 136, mean: 94.67 },
      event_len_counts: { '60': 1, '88': 1, '136': 1 },
      mask_bits: { FAN_MODIFY: 1, FAN_CREATE: 1, FAN_RENAME: 1 },
      record_types: { FAN_EVENT_INFO_TYPE_FID: 2, FAN_EVENT_INFO_TYPE_DFID_NAME: 2, FAN_EVENT_INFO_TYPE_OLD_DFID_NAME: 1, FAN_EVENT_INFO_TYPE_NEW_DFID_NAME: 1 },
      pids: { '11282': 2, '13336': 1 },
      errors: 0,
    });
  });

  it('gives the same counts from JSON Lines, and counts placeholders of a normalized file', async () => {
    const bytes = everyRecordStream();
    const fromBytes = await runInProcess(['stats', '--json', '-'], bytes);
    const fromJsonl = await runInProcess(['stats', '--json', '-'], (await runInProcess(['decode', '-'], bytes)).stdout);
    expect(fromJsonl.text).toBe(fromBytes.text);
    const normalized = await runInProcess(['stats', '--json', '-'], (await runInProcess(['normalize', '-'], bytes)).stdout);
    expect(JSON.parse(normalized.text).pids).toEqual({ '0': 2, 'pid#1': 8 });
  });

  it('prints text tables', async () => {
    const r = await runInProcess(['stats', '-'], everyRecordStream());
    expect(r.text).toMatch(/^events: 10\nbytes: \d+\nevent_len: min 24, max 136, mean [\d.]+\nmask bits/);
    expect(r.text).toMatch(/pids \(events\):\n {2}0 +2\n {2}4242 +8\n/);
    expect(r.text).toMatch(/\(none\) +1\n/);
  });

  it('counts what came before a malformed tail and exits 1', async () => {
    const r = await runInProcess(['stats', '--json', '-'], concatBytes(VECTOR_2_RENAME, new Uint8Array(4)));
    expect(r.code).toBe(1);
    const j = JSON.parse(r.text);
    expect(j.events).toBe(1);
    expect(j.errors).toBe(1);
    expect(j.error_messages[0]).toMatch(/^DECODE_TRUNCATED at byte 136/);
  });
});

describe('stats --sidecar', () => {
  it('adds read() statistics from a real capture', async () => {
    const { PACKAGE_ROOT } = await import('./support/cli-bundle.js');
    const dir = `${PACKAGE_ROOT}/corpus/ext4/many-events`;
    const r = await runInProcess(['stats', '--json', '--sidecar', `${dir}/capture.json`, `${dir}/capture.bin`]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.text);
    const sidecar = JSON.parse((await import('node:fs')).readFileSync(`${dir}/capture.json`, 'utf8'));
    expect(j.reads.count).toBe(sidecar.reads.length);
    expect(j.reads.count).toBeGreaterThan(1);
    expect(j.reads.events.max).toBe(Math.max(...sidecar.reads.map((x: { events: number }) => x.events)));
    expect(j.reads.bytes.max).toBeLessThanOrEqual(4096);
    expect(j.events).toBe(sidecar.totals.events);
  });
});
