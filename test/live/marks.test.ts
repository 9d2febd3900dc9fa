// Marks in words: dirfd-relative paths and dirfd-only marks, onChild, ignore masks (FAN_MARK_IGNORE
// and the legacy FAN_MARK_IGNORED_MASK, with and without surviveModify), dontFollow, evictable,
// partial removal and flushing by object type — each checked by the events that do or do not
// arrive.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openGroup, type FanotifyGroup } from '../../src/entries/live.js';
import { Cleanup, makeTempDir, requireRoot } from './support/env.js';
import { drain, handleHex, recordSummary } from './support/events.js';
import { mountTmpfs } from './support/mounts.js';

const cleanup = new Cleanup();
let dir: string;

beforeEach(() => {
  requireRoot();
  dir = makeTempDir(cleanup, 'fanotify-marks-');
  for (const name of ['loud', 'quiet', 'target']) fs.writeFileSync(path.join(dir, name), 'x');
});
afterEach(() => cleanup.run());

function group(options: Parameters<typeof openGroup>[0] = {}): FanotifyGroup {
  const g = openGroup(options) as unknown as FanotifyGroup;
  cleanup.add('close', () => g.close());
  return g;
}

const read = (name: string): void => void fs.readFileSync(path.join(dir, name));

async function paths(g: FanotifyGroup): Promise<string[]> {
  return (await drain(g)).map((e) => `${e.maskNames.join('|')} ${path.basename(e.path ?? '?')}`);
}

it('dirfd-relative paths, and path: null marking the dirfd itself', async () => {
  const dirFd = fs.openSync(dir, 'r');
  const fileFd = fs.openSync(path.join(dir, 'quiet'), 'r');
  cleanup.add('close fds', () => {
    fs.closeSync(dirFd);
    fs.closeSync(fileFd);
  });
  const g = group();
  const relative = g.addMark({ dirfd: dirFd, path: 'loud', events: ['FAN_OPEN'] });
  g.addMark({ dirfd: fileFd, path: null, events: ['FAN_OPEN'] });
  expect(relative).toMatchObject({ object: 'inode', path: 'loud', flagNames: ['FAN_MARK_INODE', 'FAN_MARK_ADD'], maskNames: ['FAN_OPEN'] });
  read('loud');
  read('quiet');
  read('target');
  expect(await paths(g)).toEqual(['FAN_OPEN loud', 'FAN_OPEN quiet']);
});

it('onChild: without it a directory mark sees only the directory', async () => {
  const g = group();
  g.addMark({ path: dir, events: ['FAN_OPEN'], onDir: true });
  read('loud');
  fs.readdirSync(dir);
  expect(await paths(g)).toEqual([`FAN_OPEN ${path.basename(dir)}`]);
  g.addMark({ path: dir, events: ['FAN_OPEN'], onChild: true });
  read('loud');
  expect(await paths(g)).toEqual(['FAN_OPEN loud']);
});

it('ignore: true (FAN_MARK_IGNORE) silences one child of a watched directory', async () => {
  const g = group();
  g.addMark({ path: dir, events: ['FAN_OPEN'], onChild: true });
  g.addMark({ path: path.join(dir, 'quiet'), events: ['FAN_OPEN'], ignore: true });
  read('quiet');
  read('loud');
  expect(await paths(g)).toEqual(['FAN_OPEN loud']);
});

it("the legacy ignore mask is cleared by a modification unless surviveModify", async () => {
  const g = group();
  g.addMark({ path: dir, events: ['FAN_OPEN'], onChild: true });
  g.addMark({ path: path.join(dir, 'quiet'), events: ['FAN_OPEN'], ignore: 'legacy' });
  g.addMark({ path: path.join(dir, 'target'), events: ['FAN_OPEN'], ignore: 'legacy', surviveModify: true });
  read('quiet');
  read('target');
  expect(await paths(g)).toEqual([]);
  // Writes open the files too: clear the queue after them.
  fs.appendFileSync(path.join(dir, 'quiet'), 'y');
  fs.appendFileSync(path.join(dir, 'target'), 'y');
  await drain(g);
  read('quiet');
  read('target');
  expect(await paths(g)).toEqual(['FAN_OPEN quiet']);
});

it('dontFollow marks the symbolic link itself', async () => {
  const link = path.join(dir, 'link');
  fs.symlinkSync('target', link);
  const g = group({ fid: true });
  g.addMark({ path: link, events: ['FAN_ATTRIB'], dontFollow: true });
  const now = new Date();
  fs.utimesSync(path.join(dir, 'target'), now, now);
  fs.lutimesSync(link, now, now);
  const events = await drain(g, undefined, { path: false });
  const binding = (await import('../../src/live/native/index.js')).loadNativeBinding();
  const linkHandle = binding.nameToHandleAt(binding.constants.AT_FDCWD, link, binding.constants.AT_HANDLE_FID);
  if (typeof linkHandle === 'number') throw new Error(`name_to_handle_at failed: ${linkHandle}`);
  expect(events.map((e) => recordSummary(e.records))).toEqual([[`fid::${Buffer.from(linkHandle.handle).toString('hex')}`]]);
  expect(handleHex(path.join(dir, 'target'))).not.toBe(Buffer.from(linkHandle.handle).toString('hex'));
});

it('removeMark removes only the given events; evictable marks still report', async () => {
  const g = group();
  g.addMark({ path: path.join(dir, 'loud'), events: ['FAN_OPEN', 'FAN_CLOSE_NOWRITE'], evictable: true });
  read('loud');
  expect(await paths(g)).toEqual(['FAN_CLOSE_NOWRITE|FAN_OPEN loud']);
  g.removeMark({ path: path.join(dir, 'loud'), events: ['FAN_CLOSE_NOWRITE'] });
  read('loud');
  expect(await paths(g)).toEqual(['FAN_OPEN loud']);
});

it('flushMarks(object) removes the marks of that object type only', async () => {
  const tmpfs = await mountTmpfs(cleanup, path.join(dir, 'tmpfs'));
  fs.writeFileSync(path.join(tmpfs, 'm'), 'x');
  const g = group();
  g.addMark({ path: tmpfs, object: 'mount', events: ['FAN_OPEN'] });
  g.addMark({ path: path.join(dir, 'loud'), events: ['FAN_OPEN'] });
  g.flushMarks('mount');
  fs.readFileSync(path.join(tmpfs, 'm'));
  read('loud');
  expect(await paths(g)).toEqual(['FAN_OPEN loud']);
  g.flushMarks();
  read('loud');
  expect(await paths(g)).toEqual([]);
});
