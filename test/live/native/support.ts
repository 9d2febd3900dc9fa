// Shared helpers for the native addon tests. These tests run against the
// real kernel as root; they fail (never skip) when that is not possible.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NativeBinding } from '../../../src/live/native/binding.js';
import { defaultNativeLoadEnvironment, resolveNativeBinding } from '../../../src/live/native/load.js';
import type { NativePollHandle } from '../../../src/live/native/poll-handle.js';

/** fanotify ABI values, spelled out here because the addon exports none. */
export const FAN = {
  CLOEXEC: 0x1,
  NONBLOCK: 0x2,
  CLASS_NOTIF: 0x0,
  REPORT_FID: 0x200,
  MARK_ADD: 0x1,
  MARK_FLUSH: 0x80,
  ACCESS: 0x1n,
  CLOSE_NOWRITE: 0x10n,
  OPEN: 0x20n,
  EVENT_ON_CHILD: 0x0800_0000n,
  ALLOW: 0x1,
  NOFD: -1,
  METADATA_VERSION: 3,
  EVENT_METADATA_LEN: 24,
  EVENT_INFO_TYPE_FID: 1,
} as const;

/** Flags of a non-blocking notification group, as the TS layer opens it. */
export const NOTIF_GROUP = FAN.CLASS_NOTIF | FAN.NONBLOCK | FAN.CLOEXEC;

export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** Throws unless running as root: fanotify_init needs CAP_SYS_ADMIN. */
export function requireRoot(): void {
  if (process.getuid?.() !== 0) {
    throw new Error('the native fanotify tests must run as root (fanotify_init needs CAP_SYS_ADMIN)');
  }
}

/** Loads the addon exactly like the package does; throws loudly if it cannot. */
export function loadAddon(): { binding: NativeBinding; file: string } {
  requireRoot();
  return resolveNativeBinding(defaultNativeLoadEnvironment());
}

export function makeTempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'fanotify-native-'));
}

export function removeTempDir(dir: string | undefined): void {
  if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
}

/** Opens and closes `file` for reading: one FAN_OPEN and one FAN_CLOSE_NOWRITE. */
export function touchRead(file: string): void {
  fs.closeSync(fs.openSync(file, 'r'));
}

/** Narrows a `poll()` result, failing with the errno if it is one. */
export function expectHandle(result: NativePollHandle | number): NativePollHandle {
  if (typeof result === 'number') throw new Error(`poll() failed with ${result}`);
  return result;
}

/** Narrows a syscall result that must be a non-negative number. */
export function ok(result: number): number {
  if (result < 0) throw new Error(`system call failed with ${result}`);
  return result;
}

/** One fanotify_event_metadata, decoded little-endian (x86_64). */
export interface RawEvent {
  readonly offset: number;
  readonly eventLen: number;
  readonly vers: number;
  readonly metadataLen: number;
  readonly mask: bigint;
  readonly fd: number;
  readonly pid: number;
}

export function parseEvents(bytes: Uint8Array): RawEvent[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const events: RawEvent[] = [];
  for (let offset = 0; offset < bytes.byteLength; ) {
    const eventLen = view.getUint32(offset, true);
    if (eventLen < FAN.EVENT_METADATA_LEN) throw new Error(`bad event_len ${eventLen} at ${offset}`);
    events.push({
      offset,
      eventLen,
      vers: view.getUint8(offset + 4),
      metadataLen: view.getUint16(offset + 6, true),
      mask: view.getBigUint64(offset + 8, true),
      fd: view.getInt32(offset + 16, true),
      pid: view.getInt32(offset + 20, true),
    });
    offset += eventLen;
  }
  return events;
}

/** Closes the event fds that notification groups without FID hand out. */
export function closeEventFds(events: readonly RawEvent[]): void {
  for (const event of events) if (event.fd >= 0) fs.closeSync(event.fd);
}

/** Reads until the queue is empty (-EAGAIN); returns everything read. */
export function drain(binding: NativeBinding, fd: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  const buffer = new Uint8Array(64 * 1024);
  for (;;) {
    const n = binding.read(fd, buffer, 0, buffer.byteLength);
    if (n === -binding.constants.EAGAIN) break;
    chunks.push(buffer.slice(0, ok(n)));
  }
  const all = new Uint8Array(chunks.reduce((sum, c) => sum + c.byteLength, 0));
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return all;
}

/** Resolves on the first readiness callback for `fd`; the handle is closed again. */
export function waitForReadable(
  binding: NativeBinding,
  fd: number,
  timeoutMs = 5_000,
): Promise<{ status: number; events: number }> {
  return new Promise((resolve, reject) => {
    const handle = expectHandle(
      binding.poll(fd, (status, events) => {
        clearTimeout(timer);
        handle.close();
        resolve({ status, events });
      }),
    );
    const timer = setTimeout(() => {
      handle.close();
      reject(new Error(`fd ${fd} did not become readable within ${timeoutMs} ms`));
    }, timeoutMs);
  });
}

/** Yields to the event loop `turns` times (lets close callbacks run). */
export async function loopTurns(turns = 2): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Entries of /proc/self/fd, i.e. open fds of this process. */
export function openFdCount(): number {
  return fs.readdirSync('/proc/self/fd').length;
}

export interface ChildResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

/** Runs a fixture script in a fresh node process, killing it after `timeoutMs`. */
export function runNode(
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}
