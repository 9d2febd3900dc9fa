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

/** Filesystems with pre-content events (SB_I_ALLOW_HSM). */
export const HSM: readonly LiveFsType[] = ['ext4', 'xfs', 'btrfs'];

/** The scenario skeleton: `fs` at /fs and the processes `main`, `child`, `child2`, `mounter`. */
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
/** A FAN_MARK_ADD mark on a path (with extra mark flags). */
export const mark = (flags: string[], mask: string[], path: string, expect: number | string = 0, group = 'g'): ScenarioStep => ({
  do: 'fanotify_mark',
  group,
  flags: ['FAN_MARK_ADD', ...flags],
  mask,
  path,
  expect,
});
/** A fanotify_read step. */
export const read = (count?: number, expect: number | string = 'ok', group = 'g'): ScenarioStep => ({ do: 'fanotify_read', group, ...(count !== undefined ? { count } : {}), expect });
/** Closes the event fds and pidfds the group's reads installed. */
export const closeFds = (group = 'g'): ScenarioStep => ({ do: 'close_event_fds', group });
/** A response to the `event`-th permission event read. */
export const respond = (event: number, response: string[], errno?: string, expect: number | string = 8): ScenarioStep => ({
  do: 'fanotify_respond',
  group: 'g',
  event,
  response,
  ...(errno ? { errno } : {}),
  expect,
});
/** The directory-entry events. */
export const DIRENT = ['FAN_CREATE', 'FAN_DELETE', 'FAN_MOVED_FROM', 'FAN_MOVED_TO'];
/** Every event a fid group can watch on a filesystem mark (besides FAN_RENAME). */
export const ALL_FID = [...DIRENT, 'FAN_ATTRIB', 'FAN_MODIFY', 'FAN_DELETE_SELF', 'FAN_MOVE_SELF', 'FAN_OPEN', 'FAN_CLOSE', 'FAN_ACCESS', 'FAN_ONDIR'];
/** The tree `/fs/d`. */
export const D = [{ path: '/fs/d', type: 'dir' as const }];

