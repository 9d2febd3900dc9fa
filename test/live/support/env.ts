// Test environment for the live tests: root check, temp dirs, fd counting and a LIFO cleanup
// list that runs even when a test fails. These tests run against the real kernel as root and
// fail (never skip) when that is impossible.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Throws unless running as root: fanotify groups need CAP_SYS_ADMIN. */
export function requireRoot(): void {
  if (process.getuid?.() !== 0) throw new Error('the live fanotify tests must run as root (CAP_SYS_ADMIN is needed for fanotify groups, mounts and loop devices)');
}

/** Cleanup actions, run last-in first-out; every action runs even if an earlier one throws. */
export class Cleanup {
  private readonly actions: { label: string; run: () => void | Promise<void> }[] = [];

  /** Registers an action. */
  add(label: string, run: () => void | Promise<void>): void {
    this.actions.push({ label, run });
  }

  /** Runs and forgets every action; throws one error listing the failures. */
  async run(): Promise<void> {
    const failures: string[] = [];
    for (const action of this.actions.splice(0).reverse()) {
      try {
        await action.run();
      } catch (error) {
        failures.push(`${action.label}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (failures.length > 0) throw new Error(`cleanup failed:\n${failures.join('\n')}`);
  }
}

/** A fresh directory under os.tmpdir() (ext4 here), removed by `cleanup`. */
export function makeTempDir(cleanup: Cleanup, prefix = 'fanotify-live-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanup.add(`remove ${dir}`, () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The open fds of this process (entries of /proc/self/fd, excluding the one readdir uses). */
export function openFds(): number[] {
  return fs
    .readdirSync('/proc/self/fd')
    .map(Number)
    .filter((fd) => {
      try {
        fs.readlinkSync(`/proc/self/fd/${fd}`);
        return true;
      } catch {
        return false;
      }
    });
}

/** Whether fd is open in this process. */
export function isOpen(fd: number): boolean {
  try {
    fs.readlinkSync(`/proc/self/fd/${fd}`);
    return true;
  } catch {
    return false;
  }
}

/** Where an fd points. */
export function fdTarget(fd: number): string {
  return fs.readlinkSync(`/proc/self/fd/${fd}`);
}

/** Lets the event loop turn (timers, poll callbacks). */
export function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
