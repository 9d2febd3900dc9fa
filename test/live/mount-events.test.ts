// Mount events (FAN_REPORT_MNT, FAN_MARK_MNTNS): a child in its own mount namespace
// (unshare -m --propagation private) mounts, moves and unmounts a tmpfs under our temp dir; a
// group marking that namespace sees FAN_MNT_ATTACH, ATTACH|DETACH for the move, and
// FAN_MNT_DETACH, each with an MNT record whose mnt_id is the mount's unique id. The namespace,
// and its mounts, die with the child.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openGroup } from '../../src/entries/live.js';
import { loadNativeBinding } from '../../src/live/native/index.js';
import { Cleanup, makeTempDir, requireRoot } from './support/env.js';
import { drain } from './support/events.js';
import { start } from './support/processes.js';

const cleanup = new Cleanup();
let dir: string;

beforeEach(() => {
  requireRoot();
  dir = makeTempDir(cleanup, 'fanotify-mnt-');
  fs.mkdirSync(path.join(dir, 'a'));
  fs.mkdirSync(path.join(dir, 'b'));
});
afterEach(() => cleanup.run());

it('attach, move and detach in a watched mount namespace, with the mount ids', async () => {
  const [a, b] = [path.join(dir, 'a'), path.join(dir, 'b')];
  const script = `echo ready; read x; mount -t tmpfs fanotify-mnt-test ${a}; echo mounted; read x; mount --move ${a} ${b}; echo moved; read x; umount ${b}; echo unmounted; read x`;
  const child = start('unshare', ['-m', '--propagation', 'private', 'sh', '-c', script]);
  cleanup.add('end child', async () => {
    child.child.stdin?.end();
    await child.done;
  });
  await child.waitFor('ready');
  const pid = child.child.pid!;
  const group = openGroup({ mnt: true, pidfd: true });
  cleanup.add('close', () => group.close());
  group.addMark({ path: `/proc/${pid}/ns/mnt`, object: 'mntns', events: ['FAN_MNT_ATTACH', 'FAN_MNT_DETACH'] });
  // Our own namespace is not watched: mounting in it would not be reported.
  expect(fs.readlinkSync(`/proc/${pid}/ns/mnt`)).not.toBe(fs.readlinkSync('/proc/self/ns/mnt'));

  const step = async (marker: string): Promise<void> => {
    child.child.stdin?.write('go\n');
    await child.waitFor(marker);
  };
  await step('mounted');
  const binding = loadNativeBinding();
  const mntId = binding.mountIdUnique(`/proc/${pid}/root${a}`);
  expect(typeof mntId).toBe('bigint');
  await step('moved');
  await step('unmounted');

  const events = await drain(group);
  expect(events.map((e) => e.maskNames.join('|'))).toEqual(['FAN_MNT_ATTACH', 'FAN_MNT_ATTACH|FAN_MNT_DETACH', 'FAN_MNT_DETACH']);
  for (const event of events) {
    expect(event.records.map((r) => r.type)).toEqual(['pidfd', 'mnt']);
    expect(event.records[1]!['mnt_id']).toBe(mntId);
    expect(event.fd).toBe(-1);
    expect(event.pid).toBeGreaterThan(0);
    expect(event.path).toBeUndefined();
  }
  expect(group.stats.cleanupErrors).toBe(0);
});
