// probeFeatures() asks the kernel, and its answers agree with what openGroup/addMark then do.
// On this kernel (6.18) the experimental FAN_RESTARTABLE_EVENTS and FAN_REPORT_PIDFD|TID
// (7.2) are rejected; pre-content support is a property of the probed directory's filesystem.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openGroup, probeFeatures, type FeatureProbe } from '../../src/entries/live.js';
import { Cleanup, makeTempDir, openFds, requireRoot } from './support/env.js';
import { mountFilesystem } from './support/mounts.js';

const cleanup = new Cleanup();
beforeEach(() => requireRoot());
afterEach(() => cleanup.run());

const INIT_FLAG_VALUES: Readonly<Record<string, number>> = {
  FAN_CLASS_CONTENT: 0x4,
  FAN_CLASS_PRE_CONTENT: 0x8,
  FAN_UNLIMITED_QUEUE: 0x10,
  FAN_UNLIMITED_MARKS: 0x20,
  FAN_ENABLE_AUDIT: 0x40,
  FAN_REPORT_PIDFD: 0x80,
  FAN_REPORT_TID: 0x100,
  FAN_REPORT_FID: 0x200,
  FAN_REPORT_DIR_FID: 0x400,
  FAN_REPORT_NAME: 0xc00,
  FAN_REPORT_TARGET_FID: 0x1e00,
  FAN_REPORT_FD_ERROR: 0x2000,
  FAN_REPORT_MNT: 0x4000,
  FAN_RESTARTABLE_EVENTS: 0x10004,
};

it('init-flag answers agree with openGroup, and the experimental flag is reported as rejected', () => {
  const before = openFds().length;
  const features = probeFeatures();
  expect(openFds().length).toBe(before);
  expect(features.fanotify.supported).toBe(true);
  expect(features.privileged).toBe(true);
  expect(Object.keys(features.initFlags).sort()).toEqual(Object.keys(INIT_FLAG_VALUES).sort());
  for (const [name, probe] of Object.entries(features.initFlags)) {
    let opened: boolean;
    try {
      openGroup({ rawInitFlags: INIT_FLAG_VALUES[name]! }).close();
      opened = true;
    } catch {
      opened = false;
    }
    expect(probe.supported, name).toBe(opened);
    if (!probe.supported) expect(probe.errno, name).toMatch(/^E[A-Z]+$/);
  }
  expect(features.initFlags['FAN_RESTARTABLE_EVENTS']).toEqual<FeatureProbe>({
    supported: false,
    errno: 'EINVAL',
    probe: 'fanotify_init(FAN_CLASS_CONTENT|FAN_CLOEXEC|FAN_NONBLOCK|FAN_RESTARTABLE_EVENTS)',
    hint: `FAN_RESTARTABLE_EVENTS (0x00010000) is experimental (linux-fsdevel/vfs tree), not in mainline Linux (running ${os.release()})`,
    since: 'not mainline (linux-fsdevel/vfs)',
  });
  expect(features.combinations['FAN_REPORT_PIDFD|FAN_REPORT_TID']).toMatchObject({
    supported: false,
    errno: 'EINVAL',
    hint: `FAN_REPORT_PIDFD and FAN_REPORT_TID are exclusive before Linux 7.2 (running ${os.release()})`,
    since: '7.2',
  });
  expect(features.initFlags['FAN_REPORT_MNT']!.supported).toBe(true);
  expect(features.responses['FAN_INFO']!.supported).toBe(true);
  expect(features.responses['FAN_DENY_ERRNO']!.supported).toBe(true);
  for (const name of ['FAN_PRE_ACCESS', 'FAN_MNT_ATTACH', 'FAN_RENAME', 'FAN_FS_ERROR', 'FAN_OPEN_EXEC_PERM']) expect(features.events[name]!.supported, name).toBe(true);
  for (const name of ['FAN_MARK_MNTNS', 'FAN_MARK_EVICTABLE', 'FAN_MARK_IGNORE', 'FAN_MARK_FILESYSTEM']) expect(features.markFlags[name]!.supported, name).toBe(true);
});

it('pre-content support is per filesystem: a tmpfs probe directory says EOPNOTSUPP', async () => {
  const tmpfs = await mountFilesystem(cleanup, makeTempDir(cleanup, 'fanotify-probe-'), 'tmpfs');
  const features = probeFeatures({ directory: tmpfs });
  expect(features.events['FAN_PRE_ACCESS']).toMatchObject({ supported: false, errno: 'EOPNOTSUPP', hint: expect.stringContaining('not tmpfs') });
  expect(fs.readdirSync(tmpfs)).toEqual([]);
  expect(path.isAbsolute(tmpfs)).toBe(true);
});

it('each probe carries the release that brought what it probes, from the spec tables; only failed probes have a hint', () => {
  const features = probeFeatures();
  const all = [features.fanotify, ...[features.initFlags, features.combinations, features.markFlags, features.events, features.responses].flatMap(Object.values)];
  for (const probe of all) {
    expect(probe.since, probe.probe).toMatch(/^(\d+\.\d+|not mainline)/);
    if (probe.supported) expect(probe.hint, probe.probe).toBeUndefined();
  }
  expect(features.initFlags['FAN_REPORT_FD_ERROR']).toMatchObject({ supported: true, since: '6.13', backports: ['6.12.4', '6.6.66'] });
  expect(features.initFlags['FAN_REPORT_MNT']).toMatchObject({ since: '6.15' });
  expect(features.initFlags['FAN_REPORT_MNT']!.backports).toBeUndefined();
  expect(features.combinations['FAN_REPORT_MNT|FAN_REPORT_PIDFD']).toMatchObject({ since: '6.15' });
  expect(features.events['FAN_PRE_ACCESS']).toMatchObject({ since: '6.14' });
  expect(features.markFlags['FAN_MARK_MNTNS']).toMatchObject({ since: '6.15' });
  expect(features.responses).toMatchObject({ FAN_INFO: { since: '6.3' }, FAN_DENY_ERRNO: { since: '6.14' } });
});
