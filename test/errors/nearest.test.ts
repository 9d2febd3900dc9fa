/**
 * The one "did you mean" helper: typos find their name, unrelated words find nothing.
 */
import { describe, expect, it } from 'vitest';
import { nearestNames, unknownNameMessage } from '../../src/text/nearest.js';
import { parseWords, wordTable } from '../../src/schema/flag-words.js';

const EVENT_FIELDS = ['event_len', 'vers', 'reserved', 'metadata_len', 'mask', 'fd', 'pid', 'info'];

describe('nearestNames', () => {
  it('finds the name one typo away (insertion, deletion, substitution, transposition, case)', () => {
    expect(nearestNames('event_lenn', EVENT_FIELDS)).toEqual(['event_len']);
    expect(nearestNames('evnt_len', EVENT_FIELDS)).toEqual(['event_len']);
    expect(nearestNames('event_lan', EVENT_FIELDS)).toEqual(['event_len']);
    expect(nearestNames('evnet_len', EVENT_FIELDS)).toEqual(['event_len']);
    expect(nearestNames('EVENT_LEN', EVENT_FIELDS)).toEqual(['event_len']);
    expect(nearestNames('fidd', ['fid', 'fd', 'class', 'dfidName'])).toEqual(['fid']);
  });

  it('finds nothing for a word near no name', () => {
    expect(nearestNames('bogus_field', EVENT_FIELDS)).toEqual([]);
  });

  it('puts the nearest first and keeps at most `limit`', () => {
    expect(nearestNames('FAN_CRATE', ['FAN_DELETE', 'FAN_CREATE', 'FAN_CLOSE_WRITE'])[0]).toBe('FAN_CREATE');
    expect(nearestNames('ab', ['aa', 'ab', 'ac', 'ad', 'ae'], 2)).toEqual(['ab', 'aa']);
  });
});

describe('unknownNameMessage', () => {
  it('suggests the near name, or lists every name when none is near', () => {
    expect(unknownNameMessage('field', 'event_lenn', EVENT_FIELDS)).toBe("unknown field 'event_lenn' (did you mean event_len?)");
    expect(unknownNameMessage('field', 'bogus_field', ['mask', 'fd'])).toBe("unknown field 'bogus_field' (expected one of mask, fd)");
  });

  it('is what flag words use', () => {
    const table = wordTable('event', { FAN_CREATE: { value: 0x100 }, FAN_DELETE: { value: 0x200 } });
    const r = parseWords(table, ['FAN_CRATE']);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toBe("unknown event 'FAN_CRATE' (did you mean FAN_CREATE?)");
  });
});
