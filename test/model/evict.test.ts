/**
 * Evicting FAN_MARK_EVICTABLE marks in the model (`drop_caches` steps); the live kernel's side
 * is in the differential templates-evict.
 */
import { describe, expect, it } from 'vitest';
import { runScenario, ScenarioError, validateScenario, type Scenario, type ScenarioStep } from '../../src/entries/model.js';

const scenario = (type: string, marks: ScenarioStep[], between: ScenarioStep[] = []): Scenario => ({
  filesystems: [{ name: 'fs', type, mountAt: '/fs' }],
  tree: [{ path: '/fs/d/f', type: 'file', size: 1 }],
  steps: [
    { do: 'fanotify_init', group: 'g', flags: ['FAN_NONBLOCK', 'FAN_REPORT_FID'], expect: 'ok' },
    ...marks,
    ...between,
    { do: 'drop_caches', expect: 0 },
    { do: 'touch', path: '/fs/d/f', expect: 0 },
  ],
});
const evictable: ScenarioStep = { do: 'fanotify_mark', group: 'g', flags: ['FAN_MARK_ADD', 'FAN_MARK_EVICTABLE'], mask: ['FAN_OPEN'], path: '/fs/d/f', expect: 0 };
const reported = (s: Scenario): boolean => {
  const r = runScenario({ ...s, steps: [...s.steps, { do: 'fanotify_read', group: 'g' }] });
  expect(r.failures).toEqual([]);
  return r.stream.length > 0;
};

describe('drop_caches', () => {
  it('evicts an unused inode with its evictable mark on ext4, not on tmpfs', () => {
    expect(reported(scenario('ext4', [evictable]))).toBe(false);
    expect(reported(scenario('tmpfs', [evictable]))).toBe(true);
  });

  it('keeps an inode that is open, or that an ordinary mark pins', () => {
    expect(reported(scenario('xfs', [evictable], [{ do: 'open', path: '/fs/d/f', as: 'x', expect: 'ok' }]))).toBe(true);
    const ordinary: ScenarioStep = { do: 'fanotify_mark', group: 'g', flags: ['FAN_MARK_ADD'], mask: ['FAN_OPEN'], path: '/fs/d/f', expect: 0 };
    expect(reported(scenario('btrfs', [evictable, ordinary]))).toBe(true);
  });

  it('takes no fields', () => {
    expect(() => validateScenario({ steps: [{ do: 'drop_caches', level: 3 }] })).toThrow(ScenarioError);
  });
});
