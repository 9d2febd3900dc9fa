// Filesystems for the live tests, all under the test's temp dir and undone by its cleanup list:
// tmpfs mounts, ext4/xfs/btrfs images on loop devices, read-only bind mounts, and sysctls that
// are restored afterwards. Each step that changes machine-wide state (a loop device, the mount
// table, a sysctl) holds the machine-wide lock, so a second copy of the suite on the same
// machine waits instead of racing it (see test/setup/machine-lock.ts).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { withMachineLock } from '../../setup/machine-lock.js';
import type { Cleanup } from './env.js';

/** The filesystems the report-mode tests run on. */
export type FsKind = 'ext4' | 'tmpfs' | 'xfs' | 'btrfs';

const MKFS: Readonly<Record<Exclude<FsKind, 'tmpfs'>, { command: string; args: string[]; sizeMiB: number; package: string }>> = {
  ext4: { command: 'mkfs.ext4', args: ['-q', '-F'], sizeMiB: 64, package: 'e2fsprogs' },
  xfs: { command: 'mkfs.xfs', args: ['-q', '-f'], sizeMiB: 320, package: 'xfsprogs' },
  btrfs: { command: 'mkfs.btrfs', args: ['-q', '-f'], sizeMiB: 128, package: 'btrfs-progs' },
};

function sh(command: string, args: readonly string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`${command} ${args.join(' ')} failed: ${e.stderr || e.message}`);
  }
}

function findExecutable(name: string): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(':').concat(['/usr/sbin', '/sbin'])) {
    const candidate = path.join(dir, name);
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Unmounts `dir` (lazily if busy, so cleanup never leaves a mount behind). */
export function unmount(dir: string): void {
  try {
    sh('umount', [dir]);
  } catch {
    sh('umount', ['-l', dir]);
  }
}

/** Unmounts `dir` holding the machine-wide lock. */
function unmountLocked(dir: string): Promise<void> {
  return withMachineLock(`umount ${dir}`, () => unmount(dir));
}

/** Mounts a fresh tmpfs on `dir` (created). */
export async function mountTmpfs(cleanup: Cleanup, dir: string): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  await withMachineLock(`mount tmpfs ${dir}`, () => sh('mount', ['-t', 'tmpfs', '-o', 'size=32m', 'fanotify-test', dir]));
  cleanup.add(`umount ${dir}`, () => unmountLocked(dir));
  return dir;
}

/**
 * Makes a filesystem image in `workDir`, attaches it to a loop device and mounts it on
 * `workDir/<kind>`. Fails (never skips) when mkfs is missing, naming the package to install.
 */
export async function mountImage(cleanup: Cleanup, workDir: string, kind: Exclude<FsKind, 'tmpfs'>): Promise<string> {
  const spec = MKFS[kind];
  const mkfs = findExecutable(spec.command);
  if (mkfs === undefined) {
    throw new Error(`${spec.command} is not installed: install ${spec.package} (apt-get install -y xfsprogs btrfs-progs) to run the ${kind} tests`);
  }
  const image = path.join(workDir, `${kind}.img`);
  const mountPoint = path.join(workDir, kind);
  fs.writeFileSync(image, '');
  fs.truncateSync(image, spec.sizeMiB * 1024 * 1024);
  sh(mkfs, [...spec.args, image]);
  fs.mkdirSync(mountPoint);
  // `losetup --find` picks the first free device: two suites finding at once can pick the same.
  await withMachineLock(`attach and mount ${image}`, () => {
    const loop = sh('losetup', ['--find', '--show', image]).trim();
    cleanup.add(`detach ${loop}`, () => withMachineLock(`detach ${loop}`, () => void sh('losetup', ['-d', loop])));
    sh('mount', [loop, mountPoint]);
  });
  cleanup.add(`umount ${mountPoint}`, () => unmountLocked(mountPoint));
  return mountPoint;
}

/** The filesystem for `kind`: a tmpfs or an image under `workDir`. */
export function mountFilesystem(cleanup: Cleanup, workDir: string, kind: FsKind): Promise<string> {
  return kind === 'tmpfs' ? mountTmpfs(cleanup, path.join(workDir, 'tmpfs')) : mountImage(cleanup, workDir, kind);
}

/** Bind-mounts `source` read-only on `target` (created). */
export async function bindReadOnly(cleanup: Cleanup, source: string, target: string): Promise<string> {
  fs.mkdirSync(target, { recursive: true });
  await withMachineLock(`bind ${target}`, () => {
    sh('mount', ['--bind', source, target]);
    cleanup.add(`umount ${target}`, () => unmountLocked(target));
    sh('mount', ['-o', 'remount,bind,ro', target]);
  });
  return target;
}

/** Creates a btrfs subvolume. */
export function btrfsSubvolume(btrfsRoot: string, name: string): string {
  const dir = path.join(btrfsRoot, name);
  sh('btrfs', ['subvolume', 'create', dir]);
  return dir;
}

/**
 * Sets /proc/sys/fs/fanotify/<name> for the duration of `body` and restores the old value in
 * `finally`, even when `body` throws. The machine-wide lock is held throughout: without it a
 * neighbouring suite could read our lowered value as "the old value" and restore it for good.
 */
export function withFanotifySysctl<T>(name: string, value: number, body: () => T | Promise<T>): Promise<T> {
  const file = `/proc/sys/fs/fanotify/${name}`;
  return withMachineLock(`sysctl fs.fanotify.${name}=${value}`, async () => {
    const old = fs.readFileSync(file, 'utf8').trim();
    fs.writeFileSync(file, String(value));
    try {
      return await body();
    } finally {
      fs.writeFileSync(file, old);
    }
  });
}
