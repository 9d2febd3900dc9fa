/**
 * Differential templates for the reader's RLIMIT_NOFILE (`setrlimit` steps): what a read does
 * when the kernel cannot install an event fd or a pidfd (`copy_event_to_user` in
 * fs/notify/fanotify/fanotify_user.c). The events come from child processes, started before the
 * limit is lowered (a process at its limit cannot spawn), and the live runner turns the template's
 * `nofile` — the number of fds left free — into the reader's absolute limit.
 */
import type { ScenarioStep } from '../../../src/model/index.js';
import { base, closeFds, D, init, mark, read, respond, type Template } from './template-kit.js';

const touch = (name: string, by = 'child'): ScenarioStep => ({ do: 'touch', by, path: `/fs/d/${name}`, expect: 0 });
const nofile = (free: number): ScenarioStep => ({ do: 'setrlimit', nofile: free, expect: 0 });
const exit = (by: string): ScenarioStep => ({ do: 'exit', by });

/** Three CLOSE_WRITE events from `child`, read with two fds free. */
const threeEvents = (flags: string[], secondRead: string): ScenarioStep[] => [
  init(flags),
  mark(['FAN_MARK_FILESYSTEM'], ['FAN_CLOSE_WRITE'], '/fs'),
  touch('a'),
  touch('b'),
  touch('c'),
  nofile(2),
  read(),
  read(4096, secondRead),
  closeFds(),
  exit('child'),
];

const eventFds: Template[] = [
  {
    name: 'RLIMIT_NOFILE: a read stops at the event fd the limit refuses and returns the events before it; that event is lost',
    build: (t) => base(t, threeEvents([], 'EAGAIN'), { tree: D }),
  },
  {
    name: 'RLIMIT_NOFILE with FAN_REPORT_FD_ERROR: events past the limit carry fd -EMFILE',
    build: (t) => base(t, threeEvents(['FAN_REPORT_FD_ERROR'], 'EAGAIN'), { tree: D }),
  },
  {
    name: 'RLIMIT_NOFILE: nothing read at all when the first event fd is refused (read fails with EMFILE)',
    build: (t) =>
      base(
        t,
        [
          init([]),
          mark(['FAN_MARK_FILESYSTEM'], ['FAN_CLOSE_WRITE'], '/fs'),
          touch('a'),
          touch('b'),
          // One fd free, taken by an open of our own: the read has none left.
          nofile(1),
          { do: 'open', path: '/fs/d/a', flags: ['O_RDONLY'], as: 'x', expect: 'ok' },
          read(4096, 'EMFILE'),
          { do: 'close', file: 'x', expect: 0 },
          read(),
          closeFds(),
          exit('child'),
        ],
        { tree: D },
      ),
  },
];

const pidfds: Template[] = [
  ...[false, true].map(
    (fdError): Template => ({
      name: `RLIMIT_NOFILE with FAN_REPORT_PIDFD: the event fd takes the last free fd, the pidfd is ${fdError ? '-EMFILE (FD_ERROR)' : 'FAN_EPIDFD'}`,
      build: (t) =>
        base(
          t,
          [
            init(['FAN_REPORT_PIDFD', ...(fdError ? ['FAN_REPORT_FD_ERROR'] : [])]),
            mark(['FAN_MARK_FILESYSTEM'], ['FAN_CLOSE_WRITE'], '/fs'),
            touch('a'),
            nofile(1),
            read(),
            closeFds(),
            exit('child'),
          ],
          { tree: D },
        ),
    }),
  ),
];

const permission: Template[] = [
  {
    name: 'RLIMIT_NOFILE and permission events: the event whose fd is refused is denied (EPERM), the one read is answered',
    build: (t) =>
      base(
        t,
        [
          init(['FAN_CLASS_CONTENT']),
          mark([], ['FAN_OPEN_PERM', 'FAN_EVENT_ON_CHILD'], '/fs/d'),
          { do: 'open', by: 'child', path: '/fs/d/a', flags: ['O_RDONLY'], expect: 'blocked' },
          { do: 'open', by: 'child2', path: '/fs/d/b', flags: ['O_RDONLY'], expect: 'blocked' },
          nofile(1),
          read(),
          respond(0, ['FAN_ALLOW']),
          exit('child2'),
          exit('child'),
          closeFds(),
        ],
        { tree: [...D, { path: '/fs/d/a', type: 'file' }, { path: '/fs/d/b', type: 'file' }] },
      ),
  },
];

/** The RLIMIT_NOFILE templates. */
export const LIMIT_TEMPLATES: Template[] = [...eventFds, ...pidfds, ...permission];
