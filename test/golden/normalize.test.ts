/**
 * EventNormalizer: placeholders by first appearance, special values kept, idempotence.
 */
import { describe, expect, it } from 'vitest';
import { decodeEvents } from '../../src/index.js';
import { EventNormalizer, normalizeEvents } from '../../src/golden/index.js';
import { CAPTURE_B_RENAME_PIDFD, VECTOR_1_MKDIR } from '../helpers/golden-captures.js';

describe('EventNormalizer', () => {
  it('numbers each kind separately in order of first appearance', () => {
    const n = new EventNormalizer();
    expect(n.placeholder('pid', '7')).toBe('pid#1');
    expect(n.placeholder('fd', '7')).toBe('fd#1');
    expect(n.placeholder('pid', '8')).toBe('pid#2');
    expect(n.placeholder('pid', '7')).toBe('pid#1');
  });

  it('normalizes the rename capture: one directory handle, distinct file handle, pidfd', () => {
    const [event] = normalizeEvents([...decodeEvents(CAPTURE_B_RENAME_PIDFD)].map((e) => e.toJSON()));
    expect(event).toMatchObject({ pid: 'pid#1', fd: -1, mask: '0x10000000' });
    const info = event!['info'] as Record<string, unknown>[];
    expect(info.map((r) => [r['fsid'], r['f_handle'], r['handle_bytes'], r['handle_type'], r['name']])).toEqual([
      ['fsid#1', 'fh#1', 8, 1, 'a'],
      ['fsid#1', 'fh#1', 8, 1, 'b'],
      ['fsid#1', 'fh#2', 8, 1, undefined],
      [undefined, undefined, undefined, undefined, undefined],
    ]);
    expect(info[3]).toMatchObject({ info_type: 4, pidfd: 'pidfd#1' });
  });

  it('keys handles by type and bytes: the same bytes with another handle_type are another handle', () => {
    const json = [...decodeEvents(VECTOR_1_MKDIR)].map((e) => e.toJSON())[0]!;
    const other = structuredClone(json);
    const info = other['info'] as Record<string, unknown>[];
    info[1]!['f_handle'] = info[0]!['f_handle']!;
    info[1]!['handle_type'] = 2;
    const [out] = normalizeEvents([other]);
    expect((out!['info'] as Record<string, unknown>[]).map((r) => r['f_handle'])).toEqual(['fh#1', 'fh#2']);
  });

  it('replaces timestamp keys and keeps mnt_id "0", zero fsids and pid 0', () => {
    const n = new EventNormalizer();
    expect(n.event({ pid: 0, fd: -2, time: '123', info: [{ fsid: [0, 0], mnt_id: '0', f_handle: '', handle_bytes: 0 }] })).toEqual({
      pid: 0,
      fd: -2,
      time: 'time#1',
      info: [{ fsid: [0, 0], mnt_id: '0', f_handle: '', handle_bytes: 0 }],
    });
  });

  it('is the identity on its own output, and does not modify its input', () => {
    const json = [...decodeEvents(CAPTURE_B_RENAME_PIDFD)].map((e) => e.toJSON());
    const copy = structuredClone(json);
    const once = normalizeEvents(json);
    expect(json).toEqual(copy);
    expect(normalizeEvents(once)).toEqual(once);
  });

  it('keep: leaves chosen kinds as they are', () => {
    const [event] = normalizeEvents([...decodeEvents(CAPTURE_B_RENAME_PIDFD)].map((e) => e.toJSON()), { keep: ['pid', 'pidfd'] });
    expect(event!['pid']).toBe(0x3167);
    expect((event!['info'] as Record<string, unknown>[])[3]!['pidfd']).toBe(19);
  });
});
