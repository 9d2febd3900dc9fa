/**
 * A private tmpfs for the storm, mounted on a fresh directory of its own under `parent` (never
 * inside the bench's data directory, whose removal must not reach into a mount) and unmounted
 * afterwards, also when the bench is interrupted.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmdirSync } from 'node:fs';
import path from 'node:path';
import { withCleanup } from '../interrupt.js';

function unmount(dir: string): void {
  try {
    execFileSync('umount', [dir], { stdio: 'ignore' });
  } catch {
    // A reader that has not exited yet keeps it busy: detach it now, it goes when they do.
    execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
  }
  rmdirSync(dir);
}

export async function withTmpfs<T>(parent: string, use: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(parent, 'fanotify-bench-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256m,mode=0700', 'fanotify-bench', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    rmdirSync(dir);
    throw new Error(`mounting a tmpfs on ${dir} failed: ${((error as { stderr?: Buffer }).stderr?.toString() ?? String(error)).trim()}`);
  }
  return withCleanup(() => unmount(dir), () => use(dir));
}
