import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NativePollHandle } from '../../../src/live/native/poll-handle.js';
import {
  FAN,
  NOTIF_GROUP,
  closeEventFds,
  drain,
  expectHandle,
  fixturesDir,
  loadAddon,
  loopTurns,
  makeTempDir,
  ok,
  parseEvents,
  removeTempDir,
  runNode,
  touchRead,
} from './support.js';

// Loaded at import time: a missing addon or a non-root run fails the whole
// file loudly instead of reporting skipped tests.
const { binding: native, file: addonFile } = loadAddon();
const c = native.constants;
let dir: string;
let group: number;
const handles: NativePollHandle[] = [];

beforeEach(() => {
  dir = makeTempDir();
  group = ok(native.init(NOTIF_GROUP, 0));
  expect(native.mark(group, FAN.MARK_ADD, FAN.OPEN | FAN.EVENT_ON_CHILD, c.AT_FDCWD, dir)).toBe(0);
});
afterEach(async () => {
  for (const handle of handles.splice(0)) handle.close();
  closeEventFds(parseEvents(drain(native, group)));
  expect(native.close(group)).toBe(0);
  removeTempDir(dir);
  await loopTurns();
  expect(native.pollHandleCount()).toBe(0);
});

/** poll() that registers the handle for cleanup. */
function watch(callback: (this: NativePollHandle, status: number, events: number) => void): NativePollHandle {
  const handle = expectHandle(native.poll(group, callback));
  handles.push(handle);
  return handle;
}

function generateEvent(name = 'f'): void {
  const file = path.join(dir, name);
  fs.writeFileSync(file, '');
  touchRead(file);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function until(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

describe('poll', () => {
  it('calls back on the JS thread with status 0 and UV_READABLE, with the handle as this', async () => {
    const calls: { status: number; events: number; self: unknown }[] = [];
    const handle = watch(function (status, events) {
      calls.push({ status, events, self: this });
      closeEventFds(parseEvents(drain(native, group)));
    });
    expect(handle.hasRef()).toBe(true);
    await sleep(20);
    expect(calls).toHaveLength(0); // idle group: no spurious wakeups
    generateEvent();
    await until(() => calls.length > 0, 'readiness');
    expect(calls[0]).toEqual({ status: 0, events: c.UV_READABLE, self: handle });
  });

  it('is level-triggered: fires every loop turn until the queue is read', async () => {
    let calls = 0;
    let drainNow = false;
    watch(() => {
      calls++;
      if (drainNow) closeEventFds(parseEvents(drain(native, group)));
    });
    generateEvent();
    await until(() => calls >= 5, 'repeated callbacks');
    drainNow = true;
    await until(() => native.fionread(group) === 0, 'drain');
    const settled = calls;
    await sleep(30);
    expect(calls).toBe(settled);
  });

  it('runs the callback in the async context that created the handle, then drains microtasks', async () => {
    const storage = new AsyncLocalStorage<string>();
    const seen: string[] = [];
    let resolveDone: () => void = () => {};
    const done = new Promise<void>((resolve) => (resolveDone = resolve));
    storage.run('creator', () => {
      const handle = watch(() => {
        seen.push(`callback:${storage.getStore() ?? 'none'}`);
        handle.stop();
        void Promise.resolve().then(() => seen.push('microtask'));
        process.nextTick(() => seen.push('tick'));
        setImmediate(() => {
          seen.push('immediate');
          resolveDone();
        });
      });
    });
    generateEvent();
    await done;
    expect(seen).toEqual(['callback:creator', 'tick', 'microtask', 'immediate']);
  });

  it('stop() pauses and start() resumes', async () => {
    let calls = 0;
    const handle = watch(() => calls++);
    handle.stop();
    generateEvent();
    await sleep(30);
    expect(calls).toBe(0);
    expect(handle.start()).toBe(0);
    expect(handle.start()).toBe(0); // already started: fine
    await until(() => calls > 0, 'resumed callbacks');
  });

  it('close() is idempotent, final and can be called from the callback', async () => {
    let calls = 0;
    const handle = watch(function () {
      calls++;
      this.close();
      this.close();
    });
    generateEvent();
    await until(() => calls > 0, 'first callback');
    await sleep(30);
    expect(calls).toBe(1);
    expect(handle.start()).toBe(-c.EBADF);
    expect(() => {
      handle.stop();
      handle.ref();
      handle.unref();
      handle.close();
    }).not.toThrow();
    expect(handle.hasRef()).toBe(false);
  });

  it('allows one open handle per fd, across the process', () => {
    const first = watch(() => {});
    expect(native.poll(group, () => {})).toBe(-c.EEXIST);
    first.stop();
    expect(native.poll(group, () => {})).toBe(-c.EEXIST); // stopped still owns the fd
    first.close();
    watch(() => {});
  });

  it('refuses to close a watched fd, and allows it right after close()', () => {
    const handle = watch(() => {});
    expect(native.close(group)).toBe(-c.EBUSY);
    handle.close();
    const dup = ok(fs.openSync('/dev/null', 'r'));
    expect(native.close(dup)).toBe(0);
    // The group itself is closed in afterEach, synchronously after close().
  });

  it('counts native handles until their close callback ran', async () => {
    const before = native.pollHandleCount();
    const handle = watch(() => {});
    expect(native.pollHandleCount()).toBe(before + 1);
    handle.close();
    expect(native.pollHandleCount()).toBe(before + 1);
    await loopTurns();
    expect(native.pollHandleCount()).toBe(before);
  });

  it('returns -errno for fds epoll cannot watch', () => {
    const file = path.join(dir, 'regular');
    fs.writeFileSync(file, '');
    const fd = fs.openSync(file, 'r');
    try {
      expect(native.poll(fd, () => {})).toBe(-c.EPERM);
    } finally {
      fs.closeSync(fd);
    }
    expect(native.poll(-1, () => {})).toBe(-c.EBADF);
    const closed = ok(fs.openSync('/dev/null', 'r'));
    fs.closeSync(closed);
    expect(native.poll(closed, () => {})).toBe(-c.EBADF);
    expect(native.pollHandleCount()).toBe(0);
  });

  it('throws TypeError for bad arguments, foreign receivers and direct construction', () => {
    expect(() => native.poll(group, 'nope' as unknown as () => void)).toThrow(TypeError);
    expect(() => native.poll('1' as unknown as number, () => {})).toThrow(TypeError);
    const handle = watch(() => {});
    const { start } = handle;
    expect(() => start.call({})).toThrow(TypeError); // V8's receiver check: 'Illegal invocation'
    expect(() => start.call(Object.getPrototypeOf(handle))).toThrow(TypeError);
    const PollHandle = handle.constructor as new () => NativePollHandle;
    expect(() => new PollHandle()).toThrow(/cannot be constructed/);
    expect(native.pollHandleCount()).toBe(1);
  });
});

describe('poll in a separate process', () => {
  const env = () => ({ FANOTIFY_ADDON: addonFile });

  it('a ref-ed handle keeps the process alive', async () => {
    const result = await runNode([path.join(fixturesDir, 'exit-modes.cjs'), 'ref'], { env: env(), timeoutMs: 1_500 });
    expect(result.timedOut).toBe(true);
    expect(result.stderr).toBe('');
  });

  it.each(['unref', 'close', 'stopped'])('a %s handle lets the process exit', async (mode) => {
    const result = await runNode([path.join(fixturesDir, 'exit-modes.cjs'), mode], { env: env(), timeoutMs: 10_000 });
    expect(result).toMatchObject({ timedOut: false, code: 0, stderr: '', stdout: `exited ${mode}\n` });
  });

  it('exceptions from the callback reach uncaughtException', async () => {
    const handled = await runNode([path.join(fixturesDir, 'throwing-callback.cjs'), 'handled'], { env: env() });
    expect(handled).toMatchObject({ code: 0, stdout: 'caught: boom from poll callback\n', stderr: '' });
    const unhandled = await runNode([path.join(fixturesDir, 'throwing-callback.cjs'), 'unhandled'], { env: env() });
    expect(unhandled.code).toBe(1);
    expect(unhandled.stderr).toContain('boom from poll callback');
  });

  it('garbage collection keeps started handles and finalizes stopped ones', async () => {
    const result = await runNode(['--expose-gc', path.join(fixturesDir, 'gc.cjs')], { env: env() });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      startedAfterGc: 1,
      startedCalls: expect.any(Number),
      closeWatchedFd: -c.EBUSY,
      stoppedBeforeGc: 51,
      stoppedAfterGc: 1,
      closeAfterFinalize: [],
    });
    expect(JSON.parse(result.stdout).startedCalls).toBeGreaterThan(0);
  });
});
