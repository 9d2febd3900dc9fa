/**
 * Scenario validation errors name the JSON path of the problem.
 */
import { describe, expect, it } from 'vitest';
import { ScenarioError, validateScenario } from '../../src/model/index.js';

const ok = { steps: [{ do: 'fanotify_init', group: 'g', flags: ['FAN_CLASS_NOTIF'] }] };
function problem(json: unknown): string {
  try {
    validateScenario(json);
  } catch (error) {
    if (error instanceof ScenarioError) return error.message;
    throw error;
  }
  return 'valid';
}

describe('scenario validation', () => {
  it('accepts a minimal scenario', () => {
    expect(problem(ok)).toBe('valid');
  });

  it.each([
    [[], '$: a scenario is a JSON object'],
    [{}, '$.steps: expected a list'],
    [{ steps: [], extra: 1 }, '$.extra: unknown field'],
    [{ steps: [{ do: 'fanotify_ini' }] }, "$.steps[0].do: unknown step 'fanotify_ini' (did you mean fanotify_init"],
    [{ steps: [{ do: 'fanotify_init', group: 'g' }] }, '$.steps[0].flags: missing required field'],
    [{ steps: [{ do: 'fanotify_init', group: 'g', flags: ['FAN_REPORT_FIDD'] }] }, "$.steps[0].flags[0]: unknown fanotify_init flag 'FAN_REPORT_FIDD' (did you mean FAN_REPORT_FID"],
    [{ steps: [{ do: 'fanotify_mark', group: 'g', flags: [], mask: [] }] }, "$.steps[0].group: group 'g' is not created by an earlier fanotify_init step"],
    [{ steps: [{ do: 'close', file: 'f' }] }, "$.steps[0].file: file 'f' is not opened by an earlier open step"],
    [{ steps: [{ do: 'mkdir', path: 'relative' }] }, '$.steps[0].path: expected an absolute path'],
    [{ steps: [{ do: 'mkdir', path: '/x', by: 'nobody' }] }, "$.steps[0].by: unknown process 'nobody'"],
    [{ steps: [{ do: 'mkdir', path: '/x', expect: 'EWHAT' }] }, "$.steps[0].expect: unknown errno name 'EWHAT'"],
    [{ filesystems: [{ name: 'a', type: 'ext4', fsid: [1] }], steps: [] }, '$.filesystems[0].fsid: expected [val0, val1]'],
    [{ filesystems: [{ name: 'a', type: 'ext4', handleBytes: 6 }], steps: [] }, '$.filesystems[0].handleBytes: must be a multiple of 4'],
    [{ processes: [{ name: 'a', pid: 1 }, { name: 'b', pid: 1 }], steps: [] }, "$.processes[1].pid: duplicate pid '1'"],
    [{ steps: [{ do: 'mount', target: '/m' }] }, '$.steps[0]: give exactly one of fs and bind'],
    [{ steps: [{ do: 'mmap', offset: 0, length: 1 }] }, '$.steps[0]: give exactly one of file and path'],
    [{ processes: [{ name: 'a', pid: 1, uid: -1 }], steps: [] }, '$.processes[0].uid: expected a uid/gid from 0 to 2^32-2'],
    [{ steps: [{ do: 'fs_error', fs: 'nope', errno: 'EIO' }] }, "$.steps[0].fs: unknown filesystem 'nope'"],
  ])('%j', (json, message) => {
    expect(problem(json)).toContain(message);
  });
});
