/**
 * LTP fanotify16 (oracle table A, kernel-fanotify.md §6.1): dirent events, events on children
 * and self events for the DFID_NAME, DIR_FID, DIR_FID|FID, DFID_NAME|FID and DFID_NAME_TARGET
 * groups, on filesystem and inode marks, with and without FAN_RENAME. The 14 cases and the
 * matching rule (an event may carry more bits than expected; merged bits are matched against
 * the next expected entry) follow the LTP test at the commit cited in the reference.
 */
import { describe, expect, it } from 'vitest';
import {
  FAN_CLOSE_NOWRITE,
  FAN_CLOSE_WRITE,
  FAN_CREATE,
  FAN_DELETE,
  FAN_DELETE_SELF,
  FAN_EVENT_INFO_TYPE_DFID,
  FAN_EVENT_INFO_TYPE_DFID_NAME,
  FAN_EVENT_INFO_TYPE_FID,
  FAN_EVENT_INFO_TYPE_NEW_DFID_NAME,
  FAN_EVENT_INFO_TYPE_OLD_DFID_NAME,
  FAN_MOVE_SELF,
  FAN_MOVED_FROM,
  FAN_MOVED_TO,
  FAN_ONDIR,
  FAN_OPEN,
  FAN_RENAME,
} from '../../../src/index.js';
import type { Scenario, ScenarioStep } from '../../../src/model/index.js';
import { fixedHandle, runAndDecode, type DecodedEvent } from './support.js';

type GroupName = 'FAN_REPORT_DFID_NAME' | 'FAN_REPORT_DIR_FID' | 'DFID_FID' | 'DFID_NAME_FID' | 'FAN_REPORT_DFID_NAME_TARGET';
const GROUP_FLAGS: Record<GroupName, string[]> = {
  FAN_REPORT_DFID_NAME: ['FAN_REPORT_DFID_NAME'],
  FAN_REPORT_DIR_FID: ['FAN_REPORT_DIR_FID'],
  DFID_FID: ['FAN_REPORT_DIR_FID', 'FAN_REPORT_FID'],
  DFID_NAME_FID: ['FAN_REPORT_DFID_NAME', 'FAN_REPORT_FID'],
  FAN_REPORT_DFID_NAME_TARGET: ['FAN_REPORT_DFID_NAME_TARGET'],
};
const FS_MASK = ['FAN_CREATE', 'FAN_DELETE', 'FAN_MOVE', 'FAN_DELETE_SELF', 'FAN_MOVE_SELF', 'FAN_ONDIR'];
const FS_SUB = ['FAN_OPEN', 'FAN_CLOSE', 'FAN_ONDIR'];
const DIR_MASK = ['FAN_CREATE', 'FAN_DELETE', 'FAN_MOVE', 'FAN_ONDIR'];
const DIR_SUB = ['FAN_CREATE', 'FAN_DELETE', 'FAN_MOVE', 'FAN_DELETE_SELF', 'FAN_MOVE_SELF', 'FAN_ONDIR', 'FAN_OPEN', 'FAN_CLOSE', 'FAN_EVENT_ON_CHILD'];

interface Case {
  readonly group: GroupName;
  readonly fs: boolean;
  readonly rename: boolean;
}
const CASES: Case[] = [];
for (const group of Object.keys(GROUP_FLAGS) as GroupName[]) for (const fs of [true, false]) CASES.push({ group, fs, rename: false });
for (const group of ['DFID_NAME_FID', 'FAN_REPORT_DFID_NAME_TARGET'] as GroupName[]) for (const fs of [true, false]) CASES.push({ group, fs, rename: true });

const M = '/fs_mnt';
const H = { root: fixedHandle(2), dir: fixedHandle(100), file: fixedHandle(101) };

function scenarioOf(c: Case): Scenario {
  const withRename = (m: string[]) => (c.rename ? [...m, 'FAN_RENAME'] : m);
  const bufLen = 20 * (24 + 12) * 3;
  const steps: ScenarioStep[] = [
    { do: 'fanotify_init', group: 'g', flags: ['FAN_CLASS_NOTIF', ...GROUP_FLAGS[c.group]], expect: 'ok' },
    { do: 'fanotify_mark', group: 'g', flags: ['FAN_MARK_ADD', c.fs ? 'FAN_MARK_FILESYSTEM' : 'FAN_MARK_INODE'], mask: withRename(c.fs ? FS_MASK : DIR_MASK), path: M, expect: 0 },
    { do: 'mkdir', path: `${M}/test_dir1`, handle: H.dir, expect: 0 },
    { do: 'mount', bind: `${M}/test_dir1`, target: `${M}/test_dir1`, expect: 0 },
    { do: 'fanotify_mark', group: 'g', flags: ['FAN_MARK_ADD', c.fs ? 'FAN_MARK_MOUNT' : 'FAN_MARK_INODE'], mask: c.fs ? FS_SUB : withRename(DIR_SUB), path: `${M}/test_dir1`, expect: 0 },
    { do: 'open', path: `${M}/test_dir1/test_file1`, flags: ['O_CREAT', 'O_WRONLY', 'O_TRUNC'], as: 'f', handle: H.file, expect: 'ok' },
    { do: 'write', file: 'f', count: 1, expect: 1 },
    { do: 'rename', from: `${M}/test_dir1/test_file1`, to: `${M}/test_dir1/test_file2`, expect: 0 },
    { do: 'close', file: 'f', expect: 0 },
    { do: 'unlink', path: `${M}/test_dir1/test_file2`, expect: 0 },
    { do: 'fanotify_read', group: 'g', count: bufLen, expect: 'ok' },
    { do: 'open', path: `${M}/test_dir1`, flags: ['O_RDONLY', 'O_DIRECTORY'], as: 'd', expect: 'ok' },
    { do: 'close', file: 'd', expect: 0 },
    { do: 'umount', target: `${M}/test_dir1`, expect: 0 },
    ...(c.fs
      ? [{ do: 'rename', from: `${M}/test_dir1`, to: `${M}/test_dir2`, expect: 0 } as const]
      : [
          { do: 'rename', from: `${M}/test_dir1`, to: `${M}/temp_dir/test_dir2`, expect: 0 } as const,
          { do: 'rename', from: `${M}/temp_dir/test_dir2`, to: `${M}/test_dir2`, expect: 0 } as const,
        ]),
    { do: 'rmdir', path: `${M}/test_dir2`, expect: 0 },
    // LTP reads into the rest of its buffer; the model's first read is far below it.
    { do: 'fanotify_read', group: 'g', count: bufLen - 1000, expect: 'ok' },
  ];
  return {
    description: `LTP fanotify16: ${c.group} ${c.fs ? 'filesystem' : 'inode'} marks${c.rename ? ' with FAN_RENAME' : ''}`,
    filesystems: [{ name: 'fs', type: 'ext4', mountAt: M, fsid: [0x1234, 0x5678], rootHandle: H.root }],
    tree: [{ path: `${M}/temp_dir`, type: 'dir' }],
    processes: [{ name: 'ltp', pid: 4242 }],
    steps,
  };
}

interface Expected {
  mask: bigint;
  fid: string;
  childFid: string | null;
  name: string;
  name2: string;
  oldName: boolean;
  newName: boolean;
}

/** The expected event list, built exactly as fanotify16.c's do_test builds event_set. */
function expectedOf(c: Case): Expected[] {
  const flags = GROUP_FLAGS[c.group].join('|');
  const reportName = flags.includes('NAME');
  const target = c.group === 'FAN_REPORT_DFID_NAME_TARGET';
  const reportFid = c.group === 'DFID_FID' || c.group === 'DFID_NAME_FID' || target;
  const subdir = target ? H.dir.hex : null;
  const child = target ? H.file.hex : null;
  const e: Expected[] = [];
  const push = (mask: bigint, fid: string, childFid: string | null, name: string, extra: Partial<Expected> = {}) =>
    e.push({ mask, fid, childFid, name, name2: '', oldName: false, newName: false, ...extra });
  push(FAN_CREATE | FAN_ONDIR, H.root.hex, subdir, 'test_dir1');
  push(FAN_CREATE | FAN_MOVED_FROM, H.dir.hex, child, 'test_file1');
  if (reportName) push(FAN_OPEN, H.dir.hex, H.file.hex, 'test_file1');
  if (c.rename) push(FAN_RENAME, H.dir.hex, child, 'test_file1', { name2: 'test_file2', oldName: true, newName: true });
  push(FAN_DELETE | FAN_MOVED_TO | (target ? FAN_CLOSE_WRITE : 0n), H.dir.hex, child, 'test_file2');
  if (!reportName) push(FAN_OPEN | FAN_CLOSE_WRITE, H.dir.hex, H.file.hex, '');
  if (c.fs && reportFid) push(FAN_DELETE_SELF | FAN_MOVE_SELF, H.file.hex, null, '');
  if (reportName && !target) push(FAN_CLOSE_WRITE, H.dir.hex, H.file.hex, 'test_file2');
  push(FAN_OPEN | FAN_CLOSE_NOWRITE | FAN_ONDIR, H.dir.hex, null, '.');
  push(FAN_DELETE_SELF | FAN_MOVE_SELF | FAN_ONDIR, H.dir.hex, null, '.');
  if (c.rename) push(FAN_RENAME | FAN_ONDIR, H.root.hex, subdir, 'test_dir1', { oldName: true, ...(c.fs ? { name2: 'test_dir2', newName: true } : {}) });
  push(FAN_MOVED_FROM | FAN_ONDIR, H.root.hex, subdir, 'test_dir1');
  if (c.rename && !c.fs) push(FAN_RENAME | FAN_ONDIR, H.root.hex, subdir, 'test_dir2', { newName: true });
  push(FAN_DELETE | FAN_MOVED_TO | FAN_ONDIR, H.root.hex, subdir, 'test_dir2');
  if (!reportFid) for (const x of e) x.childFid = null;
  if (!reportName) for (const x of e) x.name = '';
  return e;
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** fanotify16.c's verification loop; returns the TFAIL messages. */
function check(c: Case, events: DecodedEvent[]): string[] {
  const expected = expectedOf(c);
  const failures: string[] = [];
  let testNum = 0;
  let i = 0;
  const queue = events.map((ev) => ({ ...ev, mask: BigInt(ev.mask) }));
  while (i < queue.length) {
    const event = queue[i]!;
    const exp = expected[testNum];
    const records = event.info as Array<Record<string, unknown> & { type: string }>;
    let rec = records[0]!;
    let childRec: (typeof records)[number] | undefined = records[1];
    let expectedFid = exp?.fid;
    let expectedChild = exp?.childFid ?? null;
    const filename = typeof rec['name'] === 'object' ? Buffer.from(rec['name'] as Uint8Array).toString() : '';
    let infoType: number;
    if (!exp) {
      failures.push(`unnecessary event mask=${event.mask.toString(16)} name='${filename}'`);
      i++;
      continue;
    }
    if (exp.mask & FAN_RENAME) {
      infoType = exp.oldName ? FAN_EVENT_INFO_TYPE_OLD_DFID_NAME : FAN_EVENT_INFO_TYPE_NEW_DFID_NAME;
      if (exp.name2) expectedChild = exp.fid;
    } else if (exp.name) infoType = FAN_EVENT_INFO_TYPE_DFID_NAME;
    else if (exp.mask & FAN_ONDIR) infoType = FAN_EVENT_INFO_TYPE_DFID;
    else if (exp.mask & (FAN_DELETE_SELF | FAN_MOVE_SELF)) infoType = FAN_EVENT_INFO_TYPE_FID;
    else infoType = FAN_EVENT_INFO_TYPE_DFID;
    const maskMatch = (event.mask & exp.mask) !== 0n && !(exp.mask & ~event.mask) && !((event.mask ^ exp.mask) & FAN_ONDIR);
    let name = filename;
    for (let pass = 0; ; pass++) {
      const typeNumber = TYPE_NUMBER[rec.type] ?? -1;
      if (!maskMatch) failures.push(`#${testNum}: mask ${event.mask.toString(16)} (expected ${exp.mask.toString(16)})`);
      else if (typeNumber !== infoType) failures.push(`#${testNum}: info_type ${typeNumber} (expected ${infoType})`);
      else if (hex(rec['f_handle'] as Uint8Array) !== expectedFid) failures.push(`#${testNum}: fid ${hex(rec['f_handle'] as Uint8Array)} (expected ${expectedFid})`);
      else if (pass === 0 && name !== exp.name) failures.push(`#${testNum}: name '${name}' (expected '${exp.name}')`);
      else if (event.pid !== 4242) failures.push(`#${testNum}: pid ${event.pid}`);
      else if (!!childRec !== !!expectedChild) failures.push(`#${testNum}: ${1 + (childRec ? 1 : 0)} records (expected ${1 + (expectedChild ? 1 : 0)})`);
      else if (childRec) {
        rec = childRec;
        expectedFid = expectedChild!;
        infoType = FAN_EVENT_INFO_TYPE_FID;
        if (event.mask & FAN_RENAME && exp.name2) {
          infoType = FAN_EVENT_INFO_TYPE_NEW_DFID_NAME;
          expectedFid = exp.fid;
        }
        childRec = undefined;
        expectedChild = null;
        name = '';
        continue;
      }
      break;
    }
    if (testNum < expected.length) testNum++;
    if (maskMatch) {
      event.mask &= ~exp.mask | FAN_ONDIR;
      if (event.mask & ~FAN_ONDIR) continue;
    }
    i++;
  }
  for (; testNum < expected.length; testNum++) failures.push(`didn't get event mask=${expected[testNum]!.mask.toString(16)} name='${expected[testNum]!.name}'`);
  return failures;
}

const TYPE_NUMBER: Record<string, number> = { fid: 1, dfid_name: 2, dfid: 3, old_dfid_name: 10, new_dfid_name: 12 };

describe('LTP fanotify16 expectations (table A) on the model', () => {
  it.each(CASES.map((c, n) => [n, `${c.group} ${c.fs ? 'filesystem' : 'inode'}${c.rename ? ' +RENAME' : ''}`, c] as const))('case %i: %s', (_n, _name, c) => {
    const { reads } = runAndDecode(scenarioOf(c));
    expect(reads).toHaveLength(2);
    expect(check(c, reads.flat())).toEqual([]);
  });

  it('the check rejects a stream missing an event or carrying a wrong handle', () => {
    const c = CASES[1]!;
    const events = runAndDecode(scenarioOf(c)).reads.flat();
    expect(check(c, events.slice(1)).length).toBeGreaterThan(0);
    const tampered = events.map((e, n) => (n === 0 ? { ...e, info: e.info.map((r) => ('f_handle' in r ? { ...r, f_handle: new Uint8Array(8) } : r)) } : e));
    expect(check(c, tampered as DecodedEvent[]).length).toBeGreaterThan(0);
  });
});
