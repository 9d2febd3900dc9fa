// Adopting a group fd (openGroup({ fd })): the flags come from /proc/self/fdinfo, an fd that is
// not a fanotify group is refused with FanotifyAdoptError, and a group handed to a child — by
// inheritance or over SCM_RIGHTS — keeps the events queued before the handover, which the
// child reads after the parent has closed its own copy.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FanotifyAdoptError, FanotifyOptionError, openGroup, sendFd, type FanotifyGroup } from '../../src/entries/live.js';
import { bundleFixture } from './support/bundle.js';
import { Cleanup, isOpen, makeTempDir, openFds, requireRoot } from './support/env.js';
import { lastJson, OPEN_FOR_READ, start, startNode } from './support/processes.js';
import { FAN_CLASS_CONTENT } from '../../src/generated/constants.js';
import { loadNativeBinding } from '../../src/live/native/load.js';

const cleanup = new Cleanup();
let dir: string;

beforeEach(() => {
  requireRoot();
  dir = makeTempDir(cleanup, 'fanotify-adopt-');
});
afterEach(() => cleanup.run());

/** A DFID_NAME group marking `dir` with two CREATE events already queued. */
function groupWithQueuedEvents(): FanotifyGroup {
  const g = openGroup({ fid: true, dirFid: true, name: true }) as unknown as FanotifyGroup;
  cleanup.add('close the group', () => g.close());
  g.addMark({ path: dir, events: ['FAN_CREATE'] });
  for (const name of ['a', 'b']) fs.writeFileSync(path.join(dir, name), '');
  return g;
}

const EXPECTED = {
  initFlagNames: ['FAN_CLASS_NOTIF', 'FAN_CLOEXEC', 'FAN_NONBLOCK', 'FAN_REPORT_FID', 'FAN_REPORT_DIR_FID', 'FAN_REPORT_NAME'],
  names: ['FAN_CREATE a', 'FAN_CREATE b'],
};

it('a child inherits the group fd and reads the events queued before it started', async () => {
  const g = groupWithQueuedEvents();
  const child = start(process.execPath, [bundleFixture(cleanup, 'adopt-child'), 'inherit', '2'], { stdio: ['ignore', 'pipe', 'pipe', g.fd] });
  const result = await child.done;
  expect(result.code, result.stderr).toBe(0);
  expect(lastJson(result.stdout)).toMatchObject({ fd: 3, ...EXPECTED, eventFFlagNames: g.eventFFlagNames });
  expect(g.initFlagNames).toEqual(EXPECTED.initFlagNames);
});

it('a child receives the group fd over SCM_RIGHTS after the sender closed its copy', async () => {
  const g = groupWithQueuedEvents();
  const child = start(process.execPath, [bundleFixture(cleanup, 'adopt-child'), 'scm', '2'], { stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
  // Node's stdio pipes are Unix socketpairs; the parent's end is this handle's fd.
  const socket = (child.child.stdio[3] as unknown as { _handle: { fd: number } })._handle.fd;
  sendFd(socket, g.fd);
  g.close();
  const result = await child.done;
  expect(result.code, result.stderr).toBe(0);
  const report = lastJson<{ fd: number }>(result.stdout);
  expect(report).toMatchObject(EXPECTED);
  expect(report.fd).toBeGreaterThan(3);
});

it('a raw blocking fd (as systemd might hand over): flags from fdinfo, made non-blocking and close-on-exec, permission events answered', async () => {
  const before = openFds();
  const binding = loadNativeBinding();
  // No FAN_NONBLOCK / FAN_CLOEXEC: adoption must add both, or the first empty read would block the loop.
  const fd = binding.init(FAN_CLASS_CONTENT, binding.constants.O_RDONLY);
  expect(fd).toBeGreaterThanOrEqual(0);
  const g = openGroup({ fd });
  cleanup.add('close the adopted group', () => g.close());
  expect(g.initFlagNames).toEqual(['FAN_CLASS_CONTENT', 'FAN_CLOEXEC', 'FAN_NONBLOCK']);
  const fileFlags = parseInt(/^flags:\s+(\d+)$/m.exec(fs.readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'))![1]!, 8);
  expect(fileFlags & (fs.constants.O_NONBLOCK | 0o2000000)).toBe(fs.constants.O_NONBLOCK | 0o2000000);
  const file = path.join(dir, 'guarded');
  fs.writeFileSync(file, 'x');
  g.addMark({ path: file, events: ['FAN_OPEN_PERM'] });
  const child = startNode(OPEN_FOR_READ, [file]);
  for await (const event of g) {
    expect(event.isPermission).toBe(true);
    event.respond('deny');
    break;
  }
  expect(lastJson((await child.done).stdout)).toEqual({ ok: false, code: 'EPERM' });
  g.close();
  expect(openFds()).toEqual(before);
});

it('refuses an fd that is not a fanotify group, or not open, with FanotifyAdoptError; the fd stays the caller\'s', () => {
  const file = path.join(dir, 'plain');
  fs.writeFileSync(file, '');
  const fd = fs.openSync(file, 'r');
  cleanup.add('close the file', () => fs.closeSync(fd));
  const error = thrown(() => openGroup({ fd }));
  expect(error).toBeInstanceOf(FanotifyAdoptError);
  expect(error).toMatchObject({ code: 'LIVE_NOT_A_GROUP', fd, message: `openGroup({ fd: ${fd} }): fd ${fd} cannot be adopted: it is ${file}, not a fanotify group (anon_inode:[fanotify])` });
  expect(isOpen(fd)).toBe(true);
  expect(thrown(() => openGroup({ fd: 99_999 }))).toMatchObject({ code: 'LIVE_NOT_A_GROUP', message: expect.stringContaining('it is not open in this process') });
});

it('refuses init options next to fd, and unknown options everywhere', () => {
  const g = groupWithQueuedEvents();
  expect(thrown(() => openGroup({ fd: g.fd, fid: true, class: 'content' }))).toMatchObject({ code: 'LIVE_BAD_OPTION', message: "fd: an adopted group keeps the flags it was created with; drop 'class', 'fid'" });
  expect(thrown(() => openGroup({ fd: -1 }))).toBeInstanceOf(FanotifyOptionError);
  const typo = thrown(() => openGroup({ fids: true } as never));
  expect(typo).toBeInstanceOf(FanotifyOptionError);
  expect((typo as Error).message).toBe("unknown option 'fids' (did you mean fid?)");
});

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
