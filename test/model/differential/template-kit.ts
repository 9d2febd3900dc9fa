/**
 * Building blocks of the differential templates: the scenario skeleton (`/fs` and the four
 * processes), fanotify steps with the harness's conventions (non-blocking, close-on-exec) and
 * common masks.
 */
import type { Scenario, ScenarioStep } from '../../../src/model/index.js';
import type { LiveFsType } from './live-env.js';

/** A named template. */
export interface Template {
  readonly name: string;
  /** Filesystem types it runs on (default: all). */
  readonly on?: readonly LiveFsType[];
  /** Needs a fresh filesystem of its own: it is shut down (`abort`) or has a corrupted inode `/fs/bad_dir` (`corrupt`). */
  readonly ownFs?: 'abort' | 'corrupt';
  build(type: LiveFsType): Scenario;
}

export const HSM: readonly LiveFsType[] = ['ext4', 'xfs', 'btrfs'];

export const base = (type: LiveFsType, steps: ScenarioStep[], extra: Partial<Scenario> = {}): Scenario => ({
  filesystems: [{ name: 'fs', type, mountAt: '/fs' }],
  processes: [
    { name: 'main', pid: 1 },
    { name: 'child', pid: 2 },
    { name: 'child2', pid: 3 },
    { name: 'mounter', pid: 4 },
  ],
  ...extra,
  steps,
});

/** Close-on-exec everywhere: children spawned later must not inherit the group or event fds. */
export const init = (flags: string[], eventFlags: string[] = ['O_RDONLY'], group = 'g'): ScenarioStep => ({
  do: 'fanotify_init',
  group,
  flags: ['FAN_NONBLOCK', 'FAN_CLOEXEC', ...flags],
  eventFlags: [...eventFlags, 'O_CLOEXEC'],
  expect: 'ok',
});
export const mark = (flags: string[], mask: string[], path: string, expect: number | string = 0, group = 'g'): ScenarioStep => ({
  do: 'fanotify_mark',
  group,
  flags: ['FAN_MARK_ADD', ...flags],
  mask,
  path,
  expect,
});
export const read = (count?: number, expect: number | string = 'ok', group = 'g'): ScenarioStep => ({ do: 'fanotify_read', group, ...(count !== undefined ? { count } : {}), expect });
export const closeFds = (group = 'g'): ScenarioStep => ({ do: 'close_event_fds', group });
export const respond = (event: number, response: string[], errno?: string, expect: number | string = 8): ScenarioStep => ({
  do: 'fanotify_respond',
  group: 'g',
  event,
  response,
  ...(errno ? { errno } : {}),
  expect,
});
export const DIRENT = ['FAN_CREATE', 'FAN_DELETE', 'FAN_MOVED_FROM', 'FAN_MOVED_TO'];
export const ALL_FID = [...DIRENT, 'FAN_ATTRIB', 'FAN_MODIFY', 'FAN_DELETE_SELF', 'FAN_MOVE_SELF', 'FAN_OPEN', 'FAN_CLOSE', 'FAN_ACCESS', 'FAN_ONDIR'];
export const D = [{ path: '/fs/d', type: 'dir' as const }];

