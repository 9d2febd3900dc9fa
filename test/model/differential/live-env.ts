/**
 * The real filesystems of the differential tests: a temp dir of our own with a loop-mounted
 * ext4 image, a tmpfs, and xfs/btrfs images. Everything is mounted under the temp dir and
 * unmounted and removed by `dispose()`, which the tests call in `afterAll` (also on failure).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Filesystem types the differential tests cover. */
export type LiveFsType = 'ext4' | 'tmpfs' | 'xfs' | 'btrfs';

/** A mounted test filesystem. */
export interface LiveFs {
  readonly type: LiveFsType;
  readonly mountpoint: string;
  readonly image: string | null;
}

const MKFS: Record<Exclude<LiveFsType, 'tmpfs'>, { readonly tool: string; readonly args: readonly string[]; readonly sizeMb: number; readonly pkg: string }> = {
  ext4: { tool: 'mkfs.ext4', args: ['-q', '-F', '-N', '131072'], sizeMb: 128, pkg: 'e2fsprogs' },
  xfs: { tool: 'mkfs.xfs', args: ['-q', '-f'], sizeMb: 320, pkg: 'xfsprogs' },
  btrfs: { tool: 'mkfs.btrfs', args: ['-q', '-f'], sizeMb: 160, pkg: 'btrfs-progs' },
};

/** Where a mkfs tool is, or null. */
export function findTool(tool: string): string | null {
  for (const dir of ['/usr/sbin', '/sbin', '/usr/bin', '/bin']) if (existsSync(path.join(dir, tool))) return path.join(dir, tool);
  return null;
}

/** Why this machine cannot run the live differential tests, or null when it can. */
export function liveUnavailableReason(): string | null {
  if (process.platform !== 'linux') return `not Linux (${process.platform})`;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return 'not running as root (the differential tests mount filesystems and use FAN_MARK_FILESYSTEM)';
  return null;
}

/**
 * The temp dir and its mounts.
 */
export class LiveEnv {
  readonly root: string;
  private readonly mounts: string[] = [];
  private counter = 0;

  constructor() {
    this.root = mkdtempSync(path.join(tmpdir(), 'fanotify-model-diff-'));
    // Search (not list) permission for everyone: templates run steps as an unprivileged uid,
    // whose path walk must reach the scenario's directories.
    chmodSync(this.root, 0o711);
  }

  /** A fresh directory under the temp dir. */
  newDir(label: string): string {
    const dir = path.join(this.root, `${label}-${++this.counter}`);
    mkdirSync(dir);
    return dir;
  }

  /** A fresh directory on `fs` for one scenario. */
  scenarioDir(fs: LiveFs): string {
    const dir = path.join(fs.mountpoint, `scenario-${++this.counter}`);
    mkdirSync(dir);
    return dir;
  }

  /** Mounts a new filesystem of `type` under the temp dir. */
  mount(type: LiveFsType, options: { readonly prepare?: (image: string) => void; readonly populate?: (mountpoint: string) => void } = {}): LiveFs {
    const mountpoint = this.newDir(`mnt-${type}`);
    if (type === 'tmpfs') {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'fanotify-model-test', mountpoint]);
      this.mounts.push(mountpoint);
      options.populate?.(mountpoint);
      return { type, mountpoint, image: null };
    }
    const spec = MKFS[type];
    const tool = findTool(spec.tool);
    if (!tool) throw new Error(`${spec.tool} is not installed: install the Debian package ${spec.pkg} (apt-get install -y ${spec.pkg}) to run the ${type} differential tests`);
    const image = path.join(this.root, `image-${this.counter}.${type}`);
    writeFileSync(image, '');
    truncateSync(image, spec.sizeMb * 1024 * 1024);
    execFileSync(tool, [...spec.args, image], { stdio: 'pipe' });
    if (options.populate) {
      // Populate before the first "real" mount (e.g. to corrupt an inode with debugfs afterwards).
      execFileSync('mount', ['-o', 'loop', image, mountpoint]);
      try {
        options.populate(mountpoint);
      } finally {
        execFileSync('umount', [mountpoint]);
      }
    }
    options.prepare?.(image);
    execFileSync('mount', ['-o', 'loop', image, mountpoint]);
    this.mounts.push(mountpoint);
    return { type, mountpoint, image };
  }

  /** Records an extra mount made by a test (unmounted by dispose). */
  track(mountpoint: string): void {
    this.mounts.push(mountpoint);
  }

  /** Unmounts everything (lazily if busy) and removes the temp dir. Never throws. */
  dispose(): string[] {
    const problems: string[] = [];
    for (const mp of this.mounts.reverse()) {
      // A mountpoint may have been unmounted by the test already, or carry stacked mounts.
      for (let i = 0; i < 8; i++) {
        const r = spawnSync('umount', [mp], { stdio: 'pipe' });
        if (r.status !== 0) {
          const err = r.stderr.toString();
          if (/not mounted|no mount point|not found/i.test(err)) break;
          const lazy = spawnSync('umount', ['-l', mp], { stdio: 'pipe' });
          if (lazy.status !== 0) problems.push(`umount ${mp}: ${lazy.stderr.toString().trim()}`);
          break;
        }
      }
    }
    try {
      rmSync(this.root, { recursive: true, force: true });
    } catch (error) {
      problems.push(`rm ${this.root}: ${String(error)}`);
    }
    return problems;
  }
}
