/**
 * The reader's RLIMIT_NOFILE in the model: the process option `nofile`, the `setrlimit` step and
 * what a read does at the limit (the live kernel's side is in the differential templates-limits).
 */
import { describe, expect, it } from 'vitest';
import { decodeEventObjects } from '../../src/index.js';
import { runScenario, ScenarioError, validateScenario, type Scenario, type ScenarioStep } from '../../src/entries/model.js';

const touches: ScenarioStep[] = ['a', 'b', 'c'].map((n) => ({ do: 'touch', by: 'w', path: `/d/${n}`, expect: 0 }));

/** A reader with fds 0-2 and a group at fd 3, three CLOSE_WRITE events from another process. */
const scenario = (nofile: number | undefined, steps: ScenarioStep[], initFlags: string[] = []): Scenario => ({
  processes: [{ name: 'r', pid: 10, ...(nofile !== undefined ? { nofile } : {}) }, { name: 'w', pid: 11 }],
  tree: [{ path: '/d', type: 'dir' }],
  steps: [
    { do: 'fanotify_init', group: 'g', flags: ['FAN_NONBLOCK', ...initFlags], expect: 3 },
    { do: 'fanotify_mark', group: 'g', flags: ['FAN_MARK_ADD'], mask: ['FAN_CLOSE_WRITE', 'FAN_EVENT_ON_CHILD'], path: '/d', expect: 0 },
    ...touches,
    ...steps,
  ],
});

describe('RLIMIT_NOFILE of the reader', () => {
  it('a read stops before the event whose fd the limit refuses, and that event is lost', () => {
    const r = runScenario(scenario(6, [{ do: 'fanotify_read', group: 'g', expect: 48 }, { do: 'fanotify_read', group: 'g', expect: 'EAGAIN' }]));
    expect(r.failures).toEqual([]);
    expect(decodeEventObjects(r.stream).map((e) => e.fd)).toEqual([4, 5]);
  });

  it('setrlimit lowers it mid-scenario; fds already open stay and the read fails with EMFILE', () => {
    const r = runScenario(scenario(undefined, [{ do: 'setrlimit', by: 'r', nofile: 2, expect: 0 }, { do: 'fanotify_read', group: 'g', expect: 'EMFILE' }]));
    expect(r.failures).toEqual([]);
    expect(r.stream.length).toBe(0);
  });

  it('with FAN_REPORT_FD_ERROR every event is read, those past the limit with fd -EMFILE', () => {
    const r = runScenario(scenario(5, [{ do: 'fanotify_read', group: 'g', expect: 72 }], ['FAN_REPORT_FD_ERROR']));
    expect(r.failures).toEqual([]);
    expect(decodeEventObjects(r.stream).map((e) => e.fd)).toEqual([4, -24, -24]);
  });

  it.each([
    [{ processes: [{ name: 'r', pid: 1, nofile: -1 }], steps: [] }, '$.processes[0].nofile: expected an RLIMIT_NOFILE from 0 to 1048576'],
    [{ steps: [{ do: 'setrlimit', nofile: 1048577 }] }, '$.steps[0].nofile: expected an RLIMIT_NOFILE from 0 to 1048576'],
    [{ steps: [{ do: 'setrlimit' }] }, '$.steps[0].nofile: missing required field'],
  ])('refuses %j', (json, message) => {
    expect(() => validateScenario(json)).toThrow(ScenarioError);
    expect(() => validateScenario(json)).toThrow(message);
  });
});
