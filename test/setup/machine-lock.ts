// A machine-wide lock for tests that change state every process on the machine shares:
// /proc/sys/fs/fanotify/* sysctls, loop devices, mounts. Two copies of the suite (two clones,
// two CI jobs on one runner) then take turns at those steps instead of undoing each other's
// changes (one copy saving the other's lowered sysctl as "the old value" and restoring it).
//
// The lock is flock(2) on one fixed file, held by a `flock` child (util-linux) whose stdin is
// our pipe: when the test process dies, the pipe closes, the child exits and the kernel drops
// the lock. No stale lock survives a crash, which a pid file or mkdir lock could not promise.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The lock file: one path for every checkout on the machine (/run/lock, else the temp dir). */
export const MACHINE_LOCK_FILE = path.join(fs.existsSync('/run/lock') ? '/run/lock' : os.tmpdir(), 'fanotify-codec-tests.lock');

/** How long to wait for the lock before failing loudly (a neighbour's whole suite fits in it). */
const WAIT_SECONDS = 600;

/** Releases a held lock (idempotent); resolves once the holder process has exited. */
export type ReleaseLock = () => Promise<void>;

/**
 * The holder command: locks, says so, then holds until its stdin reaches EOF, i.e. until we
 * release or die (`cat` inherits the lock fd, so the lock lives exactly as long as it).
 */
export const FLOCK_ARGS: readonly string[] = ['--exclusive', '--wait', String(WAIT_SECONDS), MACHINE_LOCK_FILE, 'sh', '-c', 'echo locked; exec cat >/dev/null'];

/**
 * Takes the machine-wide lock, waiting while another process holds it.
 *
 * @param label - Who holds it, written to the lock file's holder line for diagnosis.
 * @throws when `flock` is missing or the lock is not free within WAIT_SECONDS.
 */
export function acquireMachineLock(label: string): Promise<ReleaseLock> {
  const child = spawn('flock', FLOCK_ARGS, {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return new Promise<ReleaseLock>((resolve, reject) => {
    child.once('error', (error) => reject(new Error(`machine lock (${label}): cannot run flock from util-linux: ${error.message}`)));
    child.stdout.setEncoding('utf8').once('data', () => {
      fs.writeFileSync(`${MACHINE_LOCK_FILE}.holder`, `${process.pid} ${label}\n`);
      let released = false;
      resolve(async () => {
        if (!released) child.stdin.end();
        released = true;
        await exited;
      });
    });
    child.once('close', (code) => reject(new Error(`machine lock (${label}): flock exited with ${String(code)} before locking ${MACHINE_LOCK_FILE}: ${stderr.trim()}`)));
  });
}

/** Runs `body` holding the machine-wide lock; releases it however `body` ends. */
export async function withMachineLock<T>(label: string, body: () => T | Promise<T>): Promise<T> {
  const release = await acquireMachineLock(label);
  try {
    return await body();
  } finally {
    await release();
  }
}
