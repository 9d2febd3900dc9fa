// Every error of the live layer that can be provoked on this machine, as typed errors with the
// errno name, the system call, its arguments in words and a one-line hint: EPERM without
// CAP_SYS_ADMIN (a child as nobody, or root of a user namespace), EINVAL flag combinations,
// EMFILE under a low RLIMIT_NOFILE, ENOENT/ENOTDIR/EISDIR/EEXIST marks, EXDEV on a btrfs
// subvolume, EOPNOTSUPP for pre-content marks on tmpfs and fid marks on procfs, EROFS from
// read() for an event whose fd cannot be opened (and -EROFS with fdError), and state errors.
//
// ENODEV needs a zero-fsid filesystem: a 60-line FUSE server (fixtures/zero-fsid-fuse.ts)
// mounts one under the temp dir. Not provoked here: ENOSYS (this kernel has fanotify, and no
// seccomp filter is at hand); its hint is covered by the hint test below.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAN_ENABLE_AUDIT, FAN_RESTARTABLE_EVENTS } from '../../src/generated/constants.js';
import { Errno } from '../../src/kernel/errno.js';
import { MARK_OBJECT_REFUSALS } from '../../src/kernel/rules/mark.js';
import {
  FanotifyPathError,
  FanotifyResponseError,
  FanotifySyscallError,
  openGroup,
  type FanotifyGroup,
  type GroupOptions,
  type MarkOptions,
} from '../../src/entries/live.js';
import { initHint, markHint } from '../../src/live/hints.js';
import { bundleFixture } from './support/bundle.js';
import { Cleanup, makeTempDir, requireRoot } from './support/env.js';
import { collectUntil, drain, fsidOf } from './support/events.js';
import { bindReadOnly, btrfsSubvolume, mountFilesystem, unmount } from './support/mounts.js';
import { lastJson, OPEN_FOR_READ, run, start, startNode } from './support/processes.js';

const cleanup = new Cleanup();
let dir: string;

beforeEach(() => {
  requireRoot();
  dir = makeTempDir(cleanup, 'fanotify-errors-');
});
afterEach(() => cleanup.run());

/** The typed error `body` throws. */
function thrown(body: () => unknown): FanotifySyscallError {
  try {
    body();
  } catch (error) {
    if (error instanceof FanotifySyscallError) return error;
    throw error;
  }
  throw new Error('expected a FanotifySyscallError, nothing was thrown');
}

function group(options: GroupOptions = {}): FanotifyGroup {
  const g = openGroup(options) as unknown as FanotifyGroup;
  cleanup.add('close', () => g.close());
  return g;
}

describe('fanotify_init', () => {
  it.each([
    [{ class: 'content', fid: true }, 'fid report modes require FAN_CLASS_NOTIF', 'FAN_CLASS_CONTENT|FAN_CLOEXEC|FAN_NONBLOCK|FAN_REPORT_FID'],
    [{ name: true }, 'FAN_REPORT_NAME requires FAN_REPORT_DIR_FID', 'FAN_CLASS_NOTIF|FAN_CLOEXEC|FAN_NONBLOCK|FAN_REPORT_NAME'],
    [{ fid: true, dirFid: true, targetFid: true }, 'FAN_REPORT_TARGET_FID requires FAN_REPORT_NAME', undefined],
    [{ pidfd: true, tid: true }, `FAN_REPORT_PIDFD and FAN_REPORT_TID are exclusive before Linux 7.2 (running ${os.release()})`, undefined],
    [{ mnt: true, class: 'content' }, 'FAN_REPORT_MNT requires FAN_CLASS_NOTIF', undefined],
    [{ mnt: true, fid: true }, 'FAN_REPORT_MNT cannot be combined with fid report modes', undefined],
    [{ mnt: true, fdError: true }, 'FAN_REPORT_MNT cannot be combined with fid report modes or FAN_REPORT_FD_ERROR', undefined],
    [{ class: 'content', rawInitFlags: FAN_RESTARTABLE_EVENTS }, `FAN_RESTARTABLE_EVENTS (0x00010000) is experimental (linux-fsdevel/vfs tree), not in mainline Linux (running ${os.release()})`, 'FAN_CLASS_CONTENT|FAN_CLOEXEC|FAN_NONBLOCK|FAN_RESTARTABLE_EVENTS'],
    [{ rawInitFlags: 0x8000 }, 'no kernel release the package knows has init flag bit(s) 0x8000', undefined],
    [{ eventFlags: 3 }, 'event_f_flags has access mode 3', undefined],
    [{ rawInitFlags: 0xc }, 'FAN_CLASS_CONTENT and FAN_CLASS_PRE_CONTENT are exclusive', undefined],
  ] as [GroupOptions, string, string | undefined][])('EINVAL %o: %s', (options, hint, flags) => {
    const error = thrown(() => openGroup(options));
    expect(error).toMatchObject({ code: 'LIVE_SYSCALL_FAILED', errno: 'EINVAL', errnoValue: 22, syscall: 'fanotify_init' });
    expect(error.hint).toContain(hint);
    expect(error.message).toContain(hint);
    if (flags) expect(error.args['flags']).toBe(flags);
    expect(error.args['event_f_flags']).toMatch(/^(O_RDONLY|0x3)/);
  });

  it('EPERM without CAP_SYS_ADMIN: as nobody (setpriv) and as root of a user namespace (unshare -Ur)', async () => {
    const script = bundleFixture(cleanup, 'unprivileged');
    fs.chmodSync(dir, 0o777);
    for (const prefix of [
      ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--inh-caps=-all', '--bounding-set=-all'],
      ['unshare', '-Ur'],
    ]) {
      const result = await run(prefix[0]!, [...prefix.slice(1), process.execPath, script, dir]);
      const { results } = lastJson<{ results: Record<string, { errno: string; syscall: string; hint: string } | 'ok'> }>(result.stdout);
      expect(results['fd-mode group'], prefix[0]).toMatchObject({ errno: 'EPERM', syscall: 'fanotify_init', hint: 'without CAP_SYS_ADMIN in the initial user namespace (a user namespace such as unshare -U is not enough) only FAN_CLASS_NOTIF groups with a fid report mode (or, from 6.15, FAN_REPORT_MNT) are allowed' });
      const admin = 'the class and the PIDFD/TID/FD_ERROR/UNLIMITED_* flags need CAP_SYS_ADMIN in the initial user namespace (run as root; a user namespace such as unshare -U is not enough)';
      expect(results['content group']).toMatchObject({ errno: 'EPERM', syscall: 'fanotify_init', hint: admin });
      expect(results['fid group with pidfd']).toMatchObject({ errno: 'EPERM', syscall: 'fanotify_init', hint: admin });
      // Unprivileged fid groups exist, with inode marks only.
      expect(results['fid group, inode mark']).toBe('ok');
      expect(results['fid group, mount mark']).toMatchObject({ errno: 'EPERM', syscall: 'fanotify_mark', hint: 'mount, filesystem and mount-namespace marks need CAP_SYS_ADMIN' });
    }
  });

  it('EMFILE when no fd is free, at fanotify_init and at read() (the event is dropped, the group goes on)', async () => {
    const script = bundleFixture(cleanup, 'emfile');
    const result = await run('prlimit', ['--nofile=128:128', process.execPath, script, dir]);
    const { results, readErrors } = lastJson<{ results: Record<string, { errno: string; syscall?: string; hint?: string; message: string }>; readErrors: number }>(result.stdout);
    expect(results['init']).toMatchObject({ errno: 'EMFILE', syscall: 'fanotify_init', hint: expect.stringContaining('RLIMIT_NOFILE') });
    expect(results['read']).toMatchObject({ errno: 'EMFILE', syscall: 'read', hint: expect.stringContaining("no free fd for the event's file") });
    expect(results['after']).toMatchObject({ name: 'event', code: 'b' });
    expect(readErrors).toBe(1);
  });
});

describe('fanotify_mark', () => {
  function markError(options: GroupOptions, mark: MarkOptions): FanotifySyscallError {
    const g = group(options);
    return thrown(() => g.addMark(mark));
  }

  it.each([
    [{}, { events: ['FAN_OPEN_PERM'] }, 'permission events need a FAN_CLASS_CONTENT or FAN_CLASS_PRE_CONTENT group'],
    [{ class: 'content' }, { events: ['FAN_PRE_ACCESS'] }, 'FAN_PRE_ACCESS needs a FAN_CLASS_PRE_CONTENT group'],
    [{}, { events: ['FAN_CREATE'] }, 'need a fid group'],
    [{ fid: true }, { events: ['FAN_FS_ERROR'] }, 'FAN_FS_ERROR needs a FAN_MARK_FILESYSTEM mark'],
    [{}, { events: ['FAN_OPEN'], object: 'mount', evictable: true }, 'FAN_MARK_EVICTABLE is for inode marks only'],
    [{}, { events: ['FAN_MNT_ATTACH'], object: 'mntns' }, 'FAN_MARK_MNTNS marks need a FAN_REPORT_MNT group'],
    [{ dirFid: true }, { events: ['FAN_RENAME'] }, 'FAN_RENAME needs a FAN_REPORT_NAME group'],
    [{ class: 'pre-content' }, { events: ['FAN_PRE_ACCESS'], onDir: true }, 'pre-content events cannot be combined with FAN_ONDIR'],
    [{}, { events: ['FAN_OPEN'], ignore: true, rawFlags: 0x20 }, 'FAN_MARK_IGNORE and FAN_MARK_IGNORED_MASK are exclusive'],
    [{}, { events: 1n << 40n }, 'upper half must be 0'],
    [{ fid: true }, { events: ['FAN_CREATE'], object: 'mount' }, 'cannot be reported through a FAN_MARK_MOUNT mark'],
  ] as [GroupOptions, Omit<MarkOptions, 'path'>, string][])('EINVAL %o %o', (options, mark, hint) => {
    const error = markError(options, { path: dir, ...mark } as MarkOptions);
    expect(error).toMatchObject({ errno: 'EINVAL', syscall: 'fanotify_mark' });
    expect(error.hint).toContain(hint);
    expect(error.args['path']).toBe(JSON.stringify(dir));
    expect(error.args['dirfd']).toBe('AT_FDCWD');
  });

  it('ENOENT for a missing path and for removing a mark that is not there', () => {
    const g = group();
    expect(thrown(() => g.addMark({ path: path.join(dir, 'missing'), events: ['FAN_OPEN'] }))).toMatchObject({ errno: 'ENOENT', hint: 'the path does not exist' });
    const removal = thrown(() => g.removeMark({ path: dir, events: ['FAN_OPEN'] }));
    expect(removal).toMatchObject({ errno: 'ENOENT', syscall: 'fanotify_mark', hint: expect.stringContaining('nothing to remove') });
    expect(removal.args['flags']).toBe('FAN_MARK_INODE|FAN_MARK_REMOVE');
  });

  it('ENOTDIR (onlyDir on a file), EISDIR (ignore on a directory without surviveModify), EEXIST (evictable downgrade)', () => {
    const file = path.join(dir, 'file');
    fs.writeFileSync(file, '');
    const g = group();
    expect(thrown(() => g.addMark({ path: file, events: ['FAN_OPEN'], onlyDir: true }))).toMatchObject({ errno: 'ENOTDIR', hint: MARK_OBJECT_REFUSALS.ONLYDIR.message });
    expect(thrown(() => g.addMark({ path: dir, events: ['FAN_OPEN'], ignore: true }))).toMatchObject({ errno: 'EISDIR', hint: MARK_OBJECT_REFUSALS.IGNORE_DIR_NEEDS_SURV.message });
    g.addMark({ path: dir, events: ['FAN_OPEN'], ignore: true, surviveModify: true });
    g.addMark({ path: file, events: ['FAN_OPEN'] });
    expect(thrown(() => g.addMark({ path: file, events: ['FAN_OPEN'], evictable: true }))).toMatchObject({ errno: 'EEXIST', hint: MARK_OBJECT_REFUSALS.EVICTABLE_CONFLICT.message });
    // FAN_MARK_FLUSH removed every inode mark: nothing is left to remove.
    g.flushMarks('inode');
    expect(thrown(() => g.removeMark({ path: dir, events: ['FAN_OPEN'], ignore: true, surviveModify: true }))).toMatchObject({ errno: 'ENOENT' });
  });

  it('EOPNOTSUPP: pre-content marks on tmpfs, fid filesystem marks on procfs', async () => {
    const tmpfs = await mountFilesystem(cleanup, dir, 'tmpfs');
    fs.writeFileSync(path.join(tmpfs, 'f'), '');
    expect(markError({ class: 'pre-content' }, { path: path.join(tmpfs, 'f'), events: ['FAN_PRE_ACCESS'] })).toMatchObject({
      errno: 'EOPNOTSUPP',
      hint: expect.stringContaining('pre-content (HSM) support'),
    });
    expect(markError({ fid: true }, { path: '/proc', object: 'filesystem', events: ['FAN_CREATE'] })).toMatchObject({
      errno: 'EOPNOTSUPP',
      hint: MARK_OBJECT_REFUSALS.CANNOT_DECODE_FH.message,
    });
  });
});

describe('zero-fsid filesystems', () => {
  it('ENODEV: a fid group cannot mark a FUSE filesystem (fsid 0) as a filesystem; inode marks are allowed', async () => {
    const mountPoint = path.join(dir, 'fuse');
    fs.mkdirSync(mountPoint);
    const server = start(process.execPath, [bundleFixture(cleanup, 'zero-fsid-fuse'), mountPoint], { timeoutMs: 60_000 });
    cleanup.add('stop the FUSE server', async () => {
      if (fs.readFileSync('/proc/self/mountinfo', 'utf8').includes(` ${mountPoint} `)) unmount(mountPoint);
      await server.done;
    });
    await Promise.race([
      server.waitFor('mounted'),
      server.done.then((r) => {
        throw new Error(`the FUSE server exited before mounting: ${r.stdout}${r.stderr}`);
      }),
    ]);
    expect(fsidOf(mountPoint)).toEqual([0, 0]);
    const g = group({ fid: true });
    const error = thrown(() => g.addMark({ path: mountPoint, object: 'filesystem', events: ['FAN_CREATE'] }));
    expect(error).toMatchObject({ errno: 'ENODEV', syscall: 'fanotify_mark', hint: expect.stringContaining('zero fsid') });
    g.addMark({ path: mountPoint, events: ['FAN_CREATE'] });
  });
});

describe('btrfs subvolumes', () => {
  const btrfsCleanup = new Cleanup();
  let btrfs: string;
  beforeAll(async () => {
    requireRoot();
    btrfs = await mountFilesystem(btrfsCleanup, makeTempDir(btrfsCleanup, 'fanotify-btrfs-'), 'btrfs');
  });
  afterAll(() => btrfsCleanup.run());

  it('EXDEV: a fid group cannot mark a subvolume as a filesystem, nor mix it with the root', () => {
    const sub = btrfsSubvolume(btrfs, 'subvolume');
    const error = markError({ fid: true }, { path: sub, object: 'filesystem', events: ['FAN_CREATE'] });
    expect(error).toMatchObject({ errno: 'EXDEV', hint: expect.stringContaining('btrfs subvolume') });
    const g = group({ fid: true });
    g.addMark({ path: btrfs, events: ['FAN_CREATE'] });
    expect(thrown(() => g.addMark({ path: sub, events: ['FAN_CREATE'] }))).toMatchObject({ errno: 'EXDEV' });
  });

  function markError(options: GroupOptions, mark: MarkOptions): FanotifySyscallError {
    const g = group(options);
    return thrown(() => g.addMark(mark));
  }
});

describe('read(): EROFS for an event whose fd cannot be opened', () => {
  it('O_RDWR event fds on a read-only bind mount: read() fails with EROFS; with fdError the event carries -EROFS', async () => {
    const source = path.join(dir, 'src');
    fs.mkdirSync(source);
    fs.writeFileSync(path.join(source, 'f'), 'data');
    const ro = await bindReadOnly(cleanup, source, path.join(dir, 'ro'));
    const plain = group({ eventFlags: { access: 'read-write' } });
    plain.addMark({ path: ro, object: 'mount', events: ['FAN_OPEN'] });
    const withErrors = group({ eventFlags: { access: 'read-write' }, fdError: true });
    withErrors.addMark({ path: ro, object: 'mount', events: ['FAN_OPEN'] });
    fs.readFileSync(path.join(ro, 'f'));

    const error = await plain.events().next().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FanotifySyscallError);
    expect(error).toMatchObject({ errno: 'EROFS', syscall: 'read', hint: expect.stringContaining('fdError: true delivers such events') });
    expect(plain.stats.readErrors).toBe(1);
    // The event was dropped; the group is still usable.
    expect(await drain(plain)).toEqual([]);

    const [event] = await drain(withErrors);
    expect([event!.fd, event!.fdError, event!.path]).toEqual([-30, 'EROFS', undefined]);
  });

  it('a permission event whose fd could not be opened was denied by the kernel; respond() says so', async () => {
    const source = path.join(dir, 'src');
    fs.mkdirSync(source);
    fs.writeFileSync(path.join(source, 'f'), 'data');
    const ro = await bindReadOnly(cleanup, source, path.join(dir, 'ro'));
    const g = group({ class: 'content', eventFlags: { access: 'read-write' }, fdError: true });
    g.addMark({ path: path.join(ro, 'f'), events: ['FAN_OPEN_PERM'] });
    const child = startNode(OPEN_FOR_READ, [path.join(ro, 'f')]);
    let refusal: unknown;
    const [event] = await collectUntil(g, (evs) => evs.length === 1, (e) => {
      try {
        e.respond('allow');
      } catch (error) {
        refusal = error;
      }
    });
    expect([event!.isPermission, event!.fd, event!.fdError]).toEqual([true, -30, 'EROFS']);
    expect(refusal).toBeInstanceOf(FanotifyResponseError);
    expect(refusal).toMatchObject({ code: 'LIVE_AUTO_DENIED' });
    expect(lastJson((await child.done).stdout)).toEqual({ ok: false, code: 'EPERM' });
  });
});

describe('path resolution', () => {
  it('a fid event on a filesystem without a registered mount fd: FanotifyPathError', async () => {
    const g = group({ fid: true });
    g.addMark({ path: dir, events: ['FAN_CREATE'] });
    fs.writeFileSync(path.join(dir, 'x'), '');
    const errors: unknown[] = [];
    await drain(g, (e) => {
      try {
        e.path();
      } catch (error) {
        errors.push(error);
      }
    }, { path: false });
    expect(errors).toEqual([expect.any(FanotifyPathError)]);
    expect((errors[0] as Error).message).toMatch(/no mount fd for filesystem fsid -?\d+:-?\d+/);
  });
});

describe('hints for errors this machine cannot provoke', () => {
  it('ENOSYS and the EPERM of FAN_ENABLE_AUDIT explain themselves', () => {
    expect(initHint(Errno.ENOSYS, 0, 0)).toMatch(/no fanotify \(CONFIG_FANOTIFY off\) or a seccomp filter/);
    expect(initHint(Errno.EPERM, FAN_ENABLE_AUDIT, 0)).toBe('FAN_ENABLE_AUDIT needs CAP_AUDIT_WRITE');
    expect(markHint(Errno.ENOSPC, { groupInitFlags: 0, markFlags: 0x1, mask: 0x20n })).toMatch(/too many marks for this user \(fs\.fanotify\.max_user_marks = \d+\); unlimitedMarks/);
  });
});
