/**
 * `fanotify-codec normalize`: placeholders in order of first appearance, consistent within a
 * file, special values kept, idempotent, and equal for two runs that differ only in run-specific
 * values.
 */
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/run-cli.js';
import { everyRecordStream } from './support/streams.js';

function parse(text: string): Record<string, unknown>[] {
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('normalize', () => {
  it('replaces run-specific values with numbered placeholders and keeps special values', async () => {
    const r = await runInProcess(['normalize', '-'], everyRecordStream());
    expect(r.code).toBe(0);
    const events = parse(r.text) as { pid: unknown; fd: unknown; info: Record<string, unknown>[] }[];
    expect(events.map((e) => e.pid)).toEqual(['pid#1', 'pid#1', 'pid#1', 0, 'pid#1', 'pid#1', 'pid#1', 'pid#1', 'pid#1', 0]);
    expect(events.map((e) => e.fd)).toEqual([-1, -1, 'fd#1', -9, -1, 'fd#2', -1, -1, -1, -1]);
    expect(events[0]!.info.map((r) => [r['fsid'], r['f_handle'], r['handle_bytes'], r['handle_type']])).toEqual([
      ['fsid#1', 'fh#1', 12, 1],
      ['fsid#1', 'fh#2', 12, 1],
    ]);
    // The same handle maps to the same placeholder in a later event.
    expect(events[1]!.info.map((r) => r['f_handle'])).toEqual(['fh#1', 'fh#1', 'fh#2']);
    expect(events[2]!.info[0]!['pidfd']).toBe('pidfd#1');
    expect(events[3]!.info[0]!['pidfd']).toBe(-3);
    expect(events[4]!.info[0]).toMatchObject({ f_handle: '', handle_bytes: 0, handle_type: 255, fsid: 'fsid#1' });
    expect(events[6]!.info[0]!['mnt_id']).toBe('mnt#1');
    expect(events[8]!.info[0]).toMatchObject({ name: 'a\ufffd"\\', name_hex: '61ff225c' });
  });

  it('gives equal output for two runs that differ only in pids, fds, pidfds, fsids and mount ids', async () => {
    const a = await runInProcess(['normalize', '-'], everyRecordStream());
    const b = await runInProcess(['normalize', '-'], everyRecordStream({ pid: 99, fd: 12, pidfd: 13, fsid: [5, 6], mnt: 77n }));
    expect(b.text).toBe(a.text);
    const raw = await runInProcess(['decode', '-'], everyRecordStream({ pid: 99 }));
    expect(raw.text).not.toBe((await runInProcess(['decode', '-'], everyRecordStream())).text);
  });

  it('is idempotent and accepts JSON Lines', async () => {
    const once = await runInProcess(['normalize', '-'], everyRecordStream());
    const twice = await runInProcess(['normalize', '-'], once.stdout);
    expect(twice.code).toBe(0);
    expect(twice.text).toBe(once.text);
    const viaJsonl = await runInProcess(['normalize', '-'], (await runInProcess(['decode', '-'], everyRecordStream())).stdout);
    expect(viaJsonl.text).toBe(once.text);
  });

  it('--keep leaves the chosen kinds untouched', async () => {
    const r = await runInProcess(['normalize', '--keep', 'pid,handle', '-'], everyRecordStream());
    const first = parse(r.text)[0] as { pid: unknown; info: Record<string, unknown>[] };
    expect(first.pid).toBe(4242);
    expect(first.info[0]!['f_handle']).toBe('69c20c863e40000000000000');
    expect(first.info[0]!['fsid']).toBe('fsid#1');
    expect((await runInProcess(['normalize', '--keep', 'uid', '-'])).code).toBe(2);
  });

  it('exits 1 on malformed input after printing the events before it', async () => {
    const bytes = everyRecordStream();
    const r = await runInProcess(['normalize', '--from', 'bytes', '-'], bytes.subarray(0, 100));
    expect(r.code).toBe(1);
    expect(parse(r.text)).toHaveLength(1);
    expect(r.stderr).toMatch(/at byte 92/);
  });
});

describe('normalize (capture sidecars)', () => {
  const sidecar = (hrtime: string, started: string): string =>
    JSON.stringify(
      {
        format: 'fanotify-codec-capture',
        formatVersion: 1,
        kernel: { release: '6.18.44', machine: 'x86_64' },
        marks: [{ object: 'inode', path: 'ext4/fid/d', mask: '0x20' }],
        startedAt: started,
        endedAt: started,
        reads: [
          { offset: 0, length: 92, events: 1, hrtimeNs: hrtime, wallClock: started },
          { offset: 92, length: 24, events: 1, hrtimeNs: hrtime + '1', wallClock: started },
        ],
      },
      null,
      2,
    ) + '\n';

  it('replaces timestamps and keeps everything else, detected from the lone "{" line', async () => {
    const r = await runInProcess(['normalize', '-'], sidecar('123', '2026-01-01T00:00:00.000Z'));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.text);
    // Times are numbered by position: the equal startedAt/endedAt/wallClock values stay distinct.
    expect(out).toMatchObject({ startedAt: 'time#1', endedAt: 'time#2', kernel: { release: '6.18.44' }, marks: [{ path: 'ext4/fid/d' }] });
    expect(out.reads).toEqual([
      { offset: 0, length: 92, events: 1, hrtimeNs: 'time#3', wallClock: 'time#4' },
      { offset: 92, length: 24, events: 1, hrtimeNs: 'time#5', wallClock: 'time#6' },
    ]);
    const other = await runInProcess(['normalize', '--from', 'sidecar', '-'], sidecar('999', '2027-05-05T00:00:00.000Z'));
    expect(other.text).toBe(r.text);
  });

  it('rejects JSON that is not a capture sidecar', async () => {
    const r = await runInProcess(['normalize', '-'], '{\n  "format": "other"\n}\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not a capture sidecar: "format" is "other"/);
  });
});
