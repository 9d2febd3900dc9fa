/**
 * LTP fanotify24 (oracle table C, kernel-fanotify.md §6.3): pre-content events of a
 * FAN_CLASS_PRE_CONTENT group. A child opens the file O_RDWR, mmaps 2 pages at page 100,
 * pwrites 1 byte at page 1, preads 256 bytes at page 2, closes, and executes the test app
 * (after opening it O_RDWR when the exec is expected to be allowed). Each permission event is
 * answered as the table says; the child must see EPERM / the deny errno, the masks are exact
 * (permission events never merge) and every FAN_PRE_ACCESS carries a page-granular range.
 */
import { describe, expect, it } from 'vitest';
import { FAN_OPEN_EXEC_PERM, FAN_OPEN_PERM, FAN_PRE_ACCESS } from '../../../src/index.js';
import type { Scenario, ScenarioStep } from '../../../src/model/index.js';
import { runAndDecode } from './support.js';

type Response = 'ALLOW' | 'DENY' | 'EIO' | 'EBUSY';
interface Expected {
  readonly mask: bigint;
  readonly response: Response;
  readonly pages?: readonly [number, number];
}
interface Case {
  readonly name: string;
  readonly mark: 'inode' | 'mount' | 'filesystem' | 'parent';
  readonly mask: string[];
  readonly events: readonly Expected[];
}

const P = FAN_PRE_ACCESS;
const CASES: Case[] = [
  { name: 'inode mark, OPEN_PERM|PRE_ACCESS', mark: 'inode', mask: ['FAN_OPEN_PERM', 'FAN_PRE_ACCESS'], events: [{ mask: FAN_OPEN_PERM, response: 'ALLOW' }, { mask: P, response: 'ALLOW', pages: [2, 100] }, { mask: P, response: 'ALLOW' }, { mask: P, response: 'EIO' }, { mask: FAN_OPEN_PERM, response: 'EBUSY' }] },
  { name: 'inode mark, PRE_ACCESS|OPEN_EXEC_PERM', mark: 'inode', mask: ['FAN_PRE_ACCESS', 'FAN_OPEN_EXEC_PERM'], events: [{ mask: P, response: 'ALLOW', pages: [2, 100] }, { mask: P, response: 'DENY' }, { mask: P, response: 'EIO' }, { mask: FAN_OPEN_EXEC_PERM, response: 'EBUSY' }] },
  { name: 'mount mark, OPEN_PERM|PRE_ACCESS', mark: 'mount', mask: ['FAN_OPEN_PERM', 'FAN_PRE_ACCESS'], events: [{ mask: FAN_OPEN_PERM, response: 'ALLOW' }, { mask: P, response: 'ALLOW', pages: [2, 100] }, { mask: P, response: 'ALLOW', pages: [1, 1] }, { mask: P, response: 'EIO' }, { mask: FAN_OPEN_PERM, response: 'EBUSY' }] },
  { name: 'mount mark, PRE_ACCESS|OPEN_EXEC_PERM', mark: 'mount', mask: ['FAN_PRE_ACCESS', 'FAN_OPEN_EXEC_PERM'], events: [{ mask: P, response: 'ALLOW', pages: [2, 100] }, { mask: P, response: 'DENY' }, { mask: P, response: 'EIO' }, { mask: FAN_OPEN_EXEC_PERM, response: 'EBUSY' }] },
  { name: 'filesystem mark, OPEN_PERM|PRE_ACCESS', mark: 'filesystem', mask: ['FAN_OPEN_PERM', 'FAN_PRE_ACCESS'], events: [{ mask: FAN_OPEN_PERM, response: 'ALLOW' }, { mask: P, response: 'ALLOW', pages: [2, 100] }, { mask: P, response: 'ALLOW', pages: [1, 1] }, { mask: P, response: 'EIO' }, { mask: FAN_OPEN_PERM, response: 'EBUSY' }] },
  { name: 'filesystem mark, PRE_ACCESS|OPEN_EXEC_PERM', mark: 'filesystem', mask: ['FAN_PRE_ACCESS', 'FAN_OPEN_EXEC_PERM'], events: [{ mask: P, response: 'ALLOW', pages: [2, 100] }, { mask: P, response: 'DENY' }, { mask: P, response: 'EIO' }, { mask: FAN_OPEN_EXEC_PERM, response: 'EBUSY' }] },
  { name: 'parent watching children', mark: 'parent', mask: ['FAN_PRE_ACCESS', 'FAN_OPEN_EXEC_PERM', 'FAN_EVENT_ON_CHILD'], events: [{ mask: P, response: 'ALLOW', pages: [2, 100] }, { mask: P, response: 'DENY' }, { mask: P, response: 'DENY' }, { mask: FAN_OPEN_EXEC_PERM, response: 'DENY' }] },
  { name: 'parent not watching children', mark: 'parent', mask: ['FAN_PRE_ACCESS', 'FAN_OPEN_EXEC_PERM'], events: [] },
  { name: 'inode mark, PRE_ACCESS only (allowed)', mark: 'inode', mask: ['FAN_PRE_ACCESS'], events: [{ mask: P, response: 'ALLOW', pages: [2, 100] }, { mask: P, response: 'ALLOW', pages: [1, 1] }, { mask: P, response: 'ALLOW', pages: [1, 2] }] },
];

const M = '/fs_mnt';
const FNAME = `${M}/fname`;
const APP = `${M}/fanotify_child`;
const PAGE = 4096;
const errnoOf = (r: Response): string | number => (r === 'ALLOW' ? 0 : r === 'DENY' ? 'EPERM' : r);

function scenarioOf(c: Case): Scenario {
  const flags = c.mark === 'mount' ? ['FAN_MARK_MOUNT'] : c.mark === 'filesystem' ? ['FAN_MARK_FILESYSTEM'] : [];
  const steps: ScenarioStep[] = [
    { do: 'fanotify_init', group: 'g', flags: ['FAN_CLASS_PRE_CONTENT', 'FAN_NONBLOCK'], eventFlags: ['O_RDONLY'], expect: 'ok' },
    ...(c.mark === 'parent'
      ? [{ do: 'fanotify_mark', group: 'g', flags: ['FAN_MARK_ADD', 'FAN_MARK_ONLYDIR'], mask: c.mask, path: M, expect: 0 } as ScenarioStep]
      : [FNAME, APP].map((path): ScenarioStep => ({ do: 'fanotify_mark', group: 'g', flags: ['FAN_MARK_ADD', ...flags], mask: c.mask, path, expect: 0 }))),
  ];
  let n = 0;
  const watched = c.events.length > 0;
  /** A child step, then (if it raises a permission event) the read and the table's answer. */
  const act = (step: ScenarioStep, result: string | number): void => {
    const expected = c.events[n];
    const perm = expected !== undefined && step.do !== 'close' && !(step.do === 'open' && expected.mask !== FAN_OPEN_PERM) && !(step.do === 'exec' && expected.mask === P);
    if (!perm) {
      steps.push({ ...step, by: 'child', expect: result } as ScenarioStep);
      return;
    }
    steps.push({ ...step, by: 'child', expect: 'blocked', expectFinal: result } as ScenarioStep);
    steps.push({ do: 'fanotify_read', group: 'g', expect: 'ok' });
    const r = expected.response;
    steps.push({ do: 'fanotify_respond', group: 'g', event: n, response: [r === 'ALLOW' ? 'FAN_ALLOW' : 'FAN_DENY'], ...(r === 'EIO' || r === 'EBUSY' ? { errno: r } : {}), expect: 8 });
    n++;
  };
  act({ do: 'open', path: FNAME, flags: ['O_RDWR', 'O_CREAT'], as: 'f' }, 'ok');
  act({ do: 'mmap', file: 'f', offset: 100 * PAGE, length: 2 * PAGE }, 0);
  act({ do: 'write', file: 'f', count: 1, offset: PAGE }, c.events[n] ? errnoOfR(c.events[n]!.response, 1) : 1);
  act({ do: 'read', file: 'f', count: 256, offset: 2 * PAGE }, c.events[n] ? errnoOfR(c.events[n]!.response, 256) : 256);
  act({ do: 'close', file: 'f' }, 0);
  const last = c.events[n];
  const execAllowed = !last || last.response === 'ALLOW';
  if (execAllowed) steps.push({ do: 'open', by: 'child', path: APP, flags: ['O_RDWR'], as: 'x', expect: 'ok' });
  if (execAllowed && watched) {
    // The exec's own reads — prepare_binprm's header and load_elf_phdrs's program headers — are
    // allowed like every other pre-content event (LTP allows whatever follows its table; the
    // model does not raise the mapping's and page faults' pre-content events).
    steps.push({ do: 'exec', by: 'child', path: APP, runs: true, expect: 'blocked', expectFinal: 0 });
    for (const event of [n, n + 1]) {
      steps.push({ do: 'fanotify_read', group: 'g', expect: 'ok' });
      steps.push({ do: 'fanotify_respond', group: 'g', event, response: ['FAN_ALLOW'], expect: 8 });
    }
  } else {
    // A file watched for pre-content events may run while open for write; otherwise ETXTBSY.
    act({ do: 'exec', path: APP, runs: true }, execAllowed ? 'ETXTBSY' : errnoOf(last.response));
  }
  steps.push({ do: 'fanotify_read', group: 'g', expect: 'EAGAIN' });
  return {
    description: `LTP fanotify24: ${c.name}`,
    filesystems: [{ name: 'fs', type: 'ext4', mountAt: M }],
    tree: [
      { path: FNAME, type: 'file', size: 102 * PAGE },
      { path: APP, type: 'file', size: 8000, mode: 0o755 },
    ],
    processes: [{ name: 'ltp', pid: 2400, fds: [0, 1, 2] }, { name: 'child', pid: 2401 }],
    steps,
  };
}

function errnoOfR(r: Response, count: number): string | number {
  return r === 'ALLOW' ? count : errnoOf(r);
}

describe('LTP fanotify24 expectations (table C) on the model', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { result, reads } = runAndDecode(scenarioOf(c));
    const events = reads.flat();
    // After the table, the exec's two reads (header, program headers), both within page 0.
    const execReads = [{ mask: P, response: 'ALLOW' as const, pages: [1, 0] as const }, { mask: P, response: 'ALLOW' as const, pages: [1, 0] as const }];
    const table = c.events.length ? [...c.events, ...(c.events.at(-1)!.response === 'ALLOW' && c.mark === 'inode' && c.mask.length === 1 ? execReads : [])] : [];
    expect(events.map((e) => e.mask)).toEqual(table.map((e) => e.mask));
    events.forEach((e, i) => {
      expect(e.pid).toBe(2401);
      const range = e.info.find((r) => r.type === 'range') as { offset: bigint; count: bigint } | undefined;
      if (e.mask === P) {
        expect(range, 'every FAN_PRE_ACCESS carries a RANGE record').toBeDefined();
        const pages = table[i]!.pages;
        if (pages) expect([Number(range!.count) / PAGE, Number(range!.offset) / PAGE]).toEqual([...pages]);
      } else {
        expect(range).toBeUndefined();
      }
    });
    // The child saw what each answer says (expectFinal), and nothing is left blocked.
    expect(result.accessors.every((a) => a.completedAt !== null)).toBe(true);
  });
});
