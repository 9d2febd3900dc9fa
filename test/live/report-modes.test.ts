// Every report mode on ext4, tmpfs, xfs and btrfs (images on loop devices and a tmpfs, all under
// the test's temp dir): the records each event carries, their handles and fsids checked against
// name_to_handle_at/statfs, names, paths, pids, tids, pidfds and fd values.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGroup, type FanotifyGroup } from '../../src/entries/live.js';
import type { AnyRecordSchema } from '../../src/codec/types.js';
import { Cleanup, isOpen, makeTempDir, openFds, requireRoot } from './support/env.js';
import { drain, fsidOf, handleHex, recordSummary, type Snapshot } from './support/events.js';
import { mountFilesystem, type FsKind } from './support/mounts.js';
import { lastJson, startNode } from './support/processes.js';

const KINDS: readonly FsKind[] = ['ext4', 'tmpfs', 'xfs', 'btrfs'];

/** Events as `MASK|BITS => record summaries`, order kept. */
function shape(events: readonly Snapshot[]): string[] {
  return events.map((e) => `${e.maskNames.join('|')} => ${recordSummary(e.records).join(' + ')}`);
}

describe.each(KINDS)('report modes on %s', (kind) => {
  const cleanup = new Cleanup();
  let root: string;
  let caseNo = 0;
  const groups: FanotifyGroup<AnyRecordSchema>[] = [];

  beforeAll(async () => {
    requireRoot();
    const work = makeTempDir(cleanup, `fanotify-modes-${kind}-`);
    root = await mountFilesystem(cleanup, work, kind);
  });
  afterAll(async () => {
    for (const g of groups) g.close();
    await cleanup.run();
  });

  /** A fresh directory on the filesystem under test. */
  function caseDir(): string {
    const dir = path.join(root, `case-${++caseNo}`);
    fs.mkdirSync(dir);
    return dir;
  }

  function track<G extends FanotifyGroup<AnyRecordSchema>>(group: G): G {
    groups.push(group);
    return group;
  }

  it('fd mode: no records, an fd per event, path() from the fd, fds closed after each step', async () => {
    const dir = caseDir();
    const file = path.join(dir, 'f');
    const fdsBefore = openFds().length;
    const group = track(openGroup({}));
    group.addMark({ path: dir, events: ['FAN_OPEN', 'FAN_MODIFY', 'FAN_CLOSE_WRITE'], onChild: true });
    fs.writeFileSync(file, 'data');
    const seen: number[] = [];
    const events = await drain(group, (e) => seen.push(e.fd));
    expect(events.length).toBeGreaterThan(0);
    expect(new Set(events.flatMap((e) => e.maskNames))).toEqual(new Set(['FAN_OPEN', 'FAN_MODIFY', 'FAN_CLOSE_WRITE']));
    for (const e of events) {
      expect(e.records).toEqual([]);
      expect(e.fd).toBeGreaterThanOrEqual(0);
      expect(e.fdError).toBeUndefined();
      expect(e.pid).toBe(process.pid);
      expect(e.path).toBe(file);
    }
    group.close();
    for (const fd of seen) expect(isOpen(fd)).toBe(false);
    expect(openFds().length).toBe(fdsBefore);
    expect(group.stats.cleanupErrors).toBe(0);
  });

  it('FAN_REPORT_FID: one FID record; dirent events carry the directory, others the object', async () => {
    const dir = caseDir();
    const group = track(openGroup({ fid: true, mountFds: [dir] }));
    group.addMark({ path: dir, events: ['FAN_CREATE', 'FAN_MODIFY'], onChild: true, onDir: true });
    fs.writeFileSync(path.join(dir, 'f'), 'data');
    fs.mkdirSync(path.join(dir, 'sub'));
    const events = await drain(group);
    const [hDir, hFile] = [handleHex(dir), handleHex(path.join(dir, 'f'))];
    expect(shape(events)).toEqual([`FAN_CREATE => fid::${hDir}`, `FAN_MODIFY => fid::${hFile}`, `FAN_CREATE|FAN_ONDIR => fid::${hDir}`]);
    for (const e of events) {
      expect(e.records[0]!['fsid']).toEqual(fsidOf(dir));
      expect(e.fd).toBe(-1);
      expect(e.fdError).toBeUndefined();
    }
    expect(events.map((e) => e.path)).toEqual([dir, path.join(dir, 'f'), dir]);
  });

  it('FAN_REPORT_DIR_FID: one record holding the directory (DFID, or FID for a child event alone)', async () => {
    const dir = caseDir();
    const group = track(openGroup({ dirFid: true, mountFds: [dir] }));
    group.addMark({ path: dir, events: ['FAN_CREATE', 'FAN_MODIFY'], onChild: true, onDir: true });
    fs.writeFileSync(path.join(dir, 'f'), 'data');
    fs.mkdirSync(path.join(dir, 'sub'));
    const events = await drain(group);
    const hDir = handleHex(dir);
    // CREATE and MODIFY of one child by one process merge into one event (same directory fh).
    expect(shape(events)).toEqual([`FAN_MODIFY|FAN_CREATE => dfid::${hDir}`, `FAN_CREATE|FAN_ONDIR => dfid::${hDir}`]);
    expect(events.map((e) => e.path)).toEqual([dir, dir]);
  });

  it('FAN_REPORT_DFID_NAME: the directory and the entry name', async () => {
    const dir = caseDir();
    const group = track(openGroup({ dirFid: true, name: true, mountFds: [dir] }));
    group.addMark({ path: dir, events: ['FAN_CREATE', 'FAN_MODIFY'], onChild: true, onDir: true });
    fs.writeFileSync(path.join(dir, 'f'), 'data');
    fs.mkdirSync(path.join(dir, 'sub'));
    const events = await drain(group);
    const hDir = handleHex(dir);
    expect(shape(events)).toEqual([`FAN_MODIFY|FAN_CREATE => dfid_name:f:${hDir}`, `FAN_CREATE|FAN_ONDIR => dfid_name:sub:${hDir}`]);
    expect(events.map((e) => e.path)).toEqual([path.join(dir, 'f'), path.join(dir, 'sub')]);
  });

  it('FAN_REPORT_DFID_NAME | FAN_REPORT_FID: the child FID only for non-dirent events', async () => {
    const dir = caseDir();
    const group = track(openGroup({ fid: true, dirFid: true, name: true, mountFds: [dir] }));
    group.addMark({ path: dir, events: ['FAN_CREATE', 'FAN_MODIFY'], onChild: true, onDir: true });
    fs.writeFileSync(path.join(dir, 'f'), 'data');
    fs.mkdirSync(path.join(dir, 'sub'));
    const events = await drain(group);
    const [hDir, hFile] = [handleHex(dir), handleHex(path.join(dir, 'f'))];
    expect(shape(events)).toEqual([
      `FAN_CREATE => dfid_name:f:${hDir}`,
      `FAN_MODIFY => dfid_name:f:${hDir} + fid::${hFile}`,
      `FAN_CREATE|FAN_ONDIR => dfid_name:sub:${hDir}`,
    ]);
  });

  it('FAN_REPORT_DFID_NAME_TARGET: dirent events also carry the target child', async () => {
    const dir = caseDir();
    const group = track(openGroup({ fid: true, dirFid: true, name: true, targetFid: true, mountFds: [dir] }));
    group.addMark({ path: dir, events: ['FAN_CREATE', 'FAN_MODIFY'], onChild: true, onDir: true });
    fs.writeFileSync(path.join(dir, 'f'), 'data');
    fs.mkdirSync(path.join(dir, 'sub'));
    const events = await drain(group);
    const [hDir, hFile, hSub] = [handleHex(dir), handleHex(path.join(dir, 'f')), handleHex(path.join(dir, 'sub'))];
    expect(shape(events)).toEqual([`FAN_MODIFY|FAN_CREATE => dfid_name:f:${hDir} + fid::${hFile}`, `FAN_CREATE|FAN_ONDIR => dfid_name:sub:${hDir} + fid::${hSub}`]);
  });

  it('FAN_RENAME: OLD_DFID_NAME and NEW_DFID_NAME, paths for either side', async () => {
    const dir = caseDir();
    fs.writeFileSync(path.join(dir, 'f'), 'data');
    const group = track(openGroup({ dirFid: true, name: true, mountFds: [dir] }));
    group.addMark({ path: dir, events: ['FAN_RENAME', 'FAN_MOVED_FROM', 'FAN_MOVED_TO'] });
    fs.renameSync(path.join(dir, 'f'), path.join(dir, 'g'));
    const oldPaths: (string | undefined)[] = [];
    const events = await drain(group, (e) => oldPaths.push(e.path({ side: 'old' })));
    const hDir = handleHex(dir);
    expect(shape(events)).toEqual([
      `FAN_RENAME => old_dfid_name:f:${hDir} + new_dfid_name:g:${hDir}`,
      `FAN_MOVED_FROM => dfid_name:f:${hDir}`,
      `FAN_MOVED_TO => dfid_name:g:${hDir}`,
    ]);
    expect(events[0]!.path).toBe(path.join(dir, 'g'));
    expect(oldPaths[0]).toBe(path.join(dir, 'f'));
  });

  it('FAN_REPORT_PIDFD: a live pidfd for a running process, FAN_NOPIDFD (or -ESRCH) for one that exited', async () => {
    const dir = caseDir();
    const group = track(openGroup({ fid: true, pidfd: true }));
    group.addMark({ path: dir, events: ['FAN_CREATE'] });
    const child = startNode(`require('fs').writeFileSync(process.argv[1], 'x'); console.log('{"written":true}'); process.stdin.resume();`, [path.join(dir, 'alive')]);
    await child.waitFor('written');
    let taken = -1;
    const [event] = await drain(group, (e) => (taken = e.takePidfd()));
    // Taken: still open after the step, and it refers to the child.
    expect(fs.readFileSync(`/proc/self/fdinfo/${taken}`, 'utf8')).toMatch(new RegExp(`^Pid:\\s+${child.child.pid}$`, 'm'));
    child.child.stdin?.end();
    await child.done;
    expect(event!.pid).toBe(child.child.pid);
    expect(event!.records.map((r) => r.type)).toEqual(['fid', 'pidfd']);
    expect(event!.pidfd).toBe(taken);
    fs.closeSync(taken);

    const exited = startNode(`require('fs').writeFileSync(process.argv[1], 'x');`, [path.join(dir, 'gone')]);
    await exited.done;
    const [late] = await drain(group);
    expect(late!.pidfd).toBe(-1);
    expect(late!.pidfdError).toBe('FAN_NOPIDFD');

    const withErrors = track(openGroup({ fid: true, pidfd: true, fdError: true }));
    withErrors.addMark({ path: dir, events: ['FAN_CREATE'] });
    await startNode(`require('fs').writeFileSync(process.argv[1], 'x');`, [path.join(dir, 'gone2')]).done;
    const [errored] = await drain(withErrors);
    expect(errored!.pidfd).toBe(-3);
    expect(errored!.pidfdError).toBe('ESRCH');
    expect(errored!.fd).toBe(-9);
    expect(errored!.fdError).toBe('EBADF');
  });

  it('FAN_REPORT_TID: pid is the thread that acted', async () => {
    const dir = caseDir();
    const group = track(openGroup({ fid: true, tid: true }));
    group.addMark({ path: dir, events: ['FAN_CREATE'] });
    const worker = `
      const fs = require('fs');
      const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
      fs.writeFileSync(require('worker_threads').workerData, 'x');
      require('worker_threads').parentPort.postMessage(tid);`;
    const child = startNode(
      `const { Worker } = require('worker_threads');
       new Worker(${JSON.stringify(worker)}, { eval: true, workerData: process.argv[1] }).on('message', (tid) => console.log(JSON.stringify({ tid })));`,
      [path.join(dir, 'f')],
    );
    const { tid } = lastJson<{ tid: number }>((await child.done).stdout);
    const [event] = await drain(group);
    expect(tid).not.toBe(child.child.pid);
    expect(event!.pid).toBe(tid);
  });

  it('FAN_REPORT_FD_ERROR: fid events carry -EBADF, fd events a real fd', async () => {
    const dir = caseDir();
    const fidGroup = track(openGroup({ fid: true, fdError: true }));
    fidGroup.addMark({ path: dir, events: ['FAN_CREATE'] });
    const fdGroup = track(openGroup({ fdError: true }));
    fdGroup.addMark({ path: dir, events: ['FAN_OPEN'], onChild: true });
    fs.writeFileSync(path.join(dir, 'f'), 'x');
    const [fidEvent] = await drain(fidGroup);
    const [fdEvent] = await drain(fdGroup);
    expect([fidEvent!.fd, fidEvent!.fdError]).toEqual([-9, 'EBADF']);
    expect(fdEvent!.fd).toBeGreaterThanOrEqual(0);
    expect(fdEvent!.fdError).toBeUndefined();
  });

  it('filesystem and mount marks (the filesystem under test is private to this test)', async () => {
    const dir = caseDir();
    const fsGroup = track(openGroup({ dirFid: true, name: true, mountFds: [root] }));
    fsGroup.addMark({ path: root, object: 'filesystem', events: ['FAN_CREATE'], onDir: true });
    const mountGroup = track(openGroup({}));
    mountGroup.addMark({ path: root, object: 'mount', events: ['FAN_OPEN'] });
    fs.writeFileSync(path.join(dir, 'f'), 'x');
    const fsEvents = await drain(fsGroup);
    const mountEvents = await drain(mountGroup);
    expect(shape(fsEvents)).toEqual([`FAN_CREATE => dfid_name:f:${handleHex(dir)}`]);
    expect(fsEvents[0]!.path).toBe(path.join(dir, 'f'));
    expect(mountEvents.map((e) => [e.maskNames, e.path])).toEqual([[['FAN_OPEN'], path.join(dir, 'f')]]);
  });

  it('resolving handles (O_PATH) does not feed the group its own FAN_OPEN events', async () => {
    const dir = caseDir();
    fs.writeFileSync(path.join(dir, 'f'), 'x');
    const group = track(openGroup({ fid: true, dirFid: true, mountFds: [dir] }));
    group.addMark({ path: dir, events: ['FAN_OPEN'], onChild: true, onDir: true });
    fs.readFileSync(path.join(dir, 'f'));
    const first = await drain(group);
    expect(first.map((e) => e.path)).toEqual([path.join(dir, 'f')]);
    expect(await drain(group)).toEqual([]);
  });
});

it('every report-mode filesystem kind is covered', () => {
  // Guards against the matrix silently shrinking.
  expect(KINDS).toEqual(['ext4', 'tmpfs', 'xfs', 'btrfs']);
});
