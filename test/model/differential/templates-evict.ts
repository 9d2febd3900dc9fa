/**
 * Differential templates for evicting FAN_MARK_EVICTABLE marks: `drop_caches` runs `sync` and
 * `echo 3 > /proc/sys/vm/drop_caches` for real (nothing to restore: it only empties caches).
 * An unused inode is evicted with its evictable mark, so later events on it are not reported;
 * an open file, another group's ordinary mark or a mark updated without FAN_MARK_EVICTABLE keeps
 * it; tmpfs never evicts a linked inode.
 */
import type { ScenarioStep } from '../../../src/model/index.js';
import type { LiveFsType } from './live-env.js';
import { base, closeFds, D, init, mark, read, type Template } from './template-kit.js';

const F = [...D, { path: '/fs/d/f', type: 'file' as const, size: 1 }];
const touch = (path = '/fs/d/f'): ScenarioStep => ({ do: 'touch', path, expect: 0 });
const drop: ScenarioStep = { do: 'drop_caches', expect: 0 };
/** The read after the eviction: nothing on filesystems that evict, the event on tmpfs. */
const afterDrop = (t: LiveFsType, group = 'g'): ScenarioStep => read(4096, t === 'tmpfs' ? 'ok' : 'EAGAIN', group);

export const EVICT_TEMPLATES: Template[] = [
  {
    name: 'FAN_MARK_EVICTABLE: drop_caches evicts the unused inode and its mark, later opens are not reported (tmpfs keeps it)',
    build: (t) => base(t, [init([]), mark(['FAN_MARK_EVICTABLE'], ['FAN_OPEN'], '/fs/d/f'), touch(), read(), closeFds(), drop, touch(), afterDrop(t), closeFds()], { tree: F }),
  },
  {
    name: 'FAN_MARK_EVICTABLE: an evictable directory mark goes with its directory once its children are unused (DFID_NAME)',
    build: (t) =>
      base(
        t,
        [
          init(['FAN_REPORT_DFID_NAME']),
          mark(['FAN_MARK_EVICTABLE'], ['FAN_CREATE', 'FAN_DELETE', 'FAN_EVENT_ON_CHILD'], '/fs/d'),
          touch('/fs/d/a'),
          read(),
          drop,
          touch('/fs/d/b'),
          { do: 'unlink', path: '/fs/d/a', expect: 0 },
          afterDrop(t),
        ],
        { tree: F },
      ),
  },
  {
    name: 'FAN_MARK_EVICTABLE: what keeps the inode: an open file, another group\'s ordinary mark, an update without EVICTABLE',
    build: (t) =>
      base(
        t,
        [
          init([]),
          init([], ['O_RDONLY'], 'h'),
          init([], ['O_RDONLY'], 'u'),
          mark(['FAN_MARK_EVICTABLE'], ['FAN_OPEN'], '/fs/d/f'),
          mark(['FAN_MARK_EVICTABLE'], ['FAN_OPEN'], '/fs/d/g', 0, 'h'),
          mark([], ['FAN_CLOSE_WRITE'], '/fs/d/g', 0, 'u'),
          mark(['FAN_MARK_EVICTABLE'], ['FAN_OPEN'], '/fs/e', 0, 'u'),
          mark([], ['FAN_OPEN'], '/fs/e', 0, 'u'),
          { do: 'open', path: '/fs/d/f', flags: ['O_RDONLY'], as: 'x', expect: 'ok' },
          read(),
          closeFds(),
          drop,
          touch(),
          touch('/fs/d/g'),
          { do: 'readdir', path: '/fs/e', expect: 0 },
          read(),
          read(4096, 'ok', 'h'),
          read(4096, 'ok', 'u'),
          closeFds(),
          closeFds('h'),
          closeFds('u'),
          { do: 'close', file: 'x', expect: 0 },
        ],
        { tree: [...F, { path: '/fs/d/g', type: 'file' }, { path: '/fs/e', type: 'dir' }] },
      ),
  },
];
