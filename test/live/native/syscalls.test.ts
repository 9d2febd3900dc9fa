import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FAN,
  NOTIF_GROUP,
  closeEventFds,
  drain,
  loadAddon,
  makeTempDir,
  ok,
  parseEvents,
  removeTempDir,
  touchRead,
  waitForReadable,
} from './support.js';

// Loaded at import time: a missing addon or a non-root run fails the whole
// file loudly instead of reporting skipped tests.
const native = loadAddon().binding;
const errno = native.constants;
let dir: string;
const fds: number[] = [];

/** Remembers an fd to close after the test. */
function track(fd: number): number {
  fds.push(ok(fd));
  return fd;
}

beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => {
  for (const fd of fds.splice(0)) native.close(fd);
  removeTempDir(dir);
});

describe('init', () => {
  it('opens a non-blocking notification group', () => {
    const fd = track(native.init(NOTIF_GROUP, errno.O_RDONLY | errno.O_LARGEFILE));
    expect(fd).toBeGreaterThan(2);
    const fdinfo = fs.readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8');
    expect(fdinfo).toMatch(/^fanotify flags:3 event-flags:8000$/m);
    const flags = Number.parseInt(/^flags:\s+([0-7]+)$/m.exec(fdinfo)?.[1] ?? 'x', 8);
    expect(flags & (errno.O_NONBLOCK | errno.O_CLOEXEC)).toBe(errno.O_NONBLOCK | errno.O_CLOEXEC);
  });

  it('returns -EINVAL for flags the kernel rejects, including signed flag words', () => {
    expect(native.init(0x8000_0000, 0)).toBe(-errno.EINVAL);
    expect(native.init(0x8000_0000 | 0, 0)).toBe(-errno.EINVAL); // same bits, signed
  });

  it('throws TypeError for non-integer arguments', () => {
    expect(() => native.init('1' as unknown as number, 0)).toThrow(TypeError);
    expect(() => native.init(1.5, 0)).toThrow(TypeError);
    expect(() => native.init(2 ** 32, 0)).toThrow(TypeError);
    expect(() => (native.init as (flags: number) => number)(0)).toThrow(TypeError);
  });
});

describe('a notification group end to end', () => {
  it('marks, polls, reads and decodes events', async () => {
    const group = track(native.init(NOTIF_GROUP, errno.O_RDONLY | errno.O_LARGEFILE));
    const mask = FAN.OPEN | FAN.CLOSE_NOWRITE | FAN.EVENT_ON_CHILD;
    expect(native.mark(group, FAN.MARK_ADD, mask, errno.AT_FDCWD, dir)).toBe(0);

    // Empty queue: non-blocking read and FIONREAD agree.
    expect(native.read(group, new Uint8Array(4096), 0, 4096)).toBe(-errno.EAGAIN);
    expect(native.fionread(group)).toBe(0);

    const file = path.join(dir, 'a');
    fs.writeFileSync(file, 'x');
    touchRead(file);

    const ready = await waitForReadable(native, group);
    expect(ready.status).toBe(0);
    expect(ready.events & errno.UV_READABLE).toBe(errno.UV_READABLE);

    const pending = native.fionread(group);
    expect(pending).toBeGreaterThanOrEqual(FAN.EVENT_METADATA_LEN);
    const buffer = new Uint8Array(64 * 1024);
    const n = native.read(group, buffer, 0, buffer.byteLength);
    expect(n).toBe(pending);
    expect(native.read(group, buffer, 0, buffer.byteLength)).toBe(-errno.EAGAIN);

    const events = parseEvents(buffer.subarray(0, n));
    try {
      let seen = 0n;
      for (const event of events) {
        expect(event.vers).toBe(FAN.METADATA_VERSION);
        expect(event.metadataLen).toBe(FAN.EVENT_METADATA_LEN);
        expect(event.eventLen).toBe(FAN.EVENT_METADATA_LEN);
        expect(event.pid).toBe(process.pid);
        expect(event.fd).toBeGreaterThanOrEqual(0);
        expect(fs.readlinkSync(`/proc/self/fd/${event.fd}`)).toBe(fs.realpathSync(file));
        seen |= event.mask;
      }
      expect(seen).toBe(FAN.OPEN | FAN.CLOSE_NOWRITE);
    } finally {
      closeEventFds(events);
    }
  });

  it('flushes marks with a null path', () => {
    const group = track(native.init(NOTIF_GROUP, 0));
    expect(native.mark(group, FAN.MARK_ADD, FAN.OPEN, errno.AT_FDCWD, dir)).toBe(0);
    expect(native.mark(group, FAN.MARK_FLUSH, 0n, errno.AT_FDCWD, null)).toBe(0);
    touchRead(path.join(dir, '.'));
    expect(native.read(group, new Uint8Array(4096), 0, 4096)).toBe(-errno.EAGAIN);
  });

  it('marks through a dirfd with a null path, and accepts byte paths', () => {
    const group = track(native.init(NOTIF_GROUP, 0));
    const dirfd = fs.openSync(dir, 'r');
    try {
      expect(native.mark(group, FAN.MARK_ADD, FAN.OPEN, dirfd, null)).toBe(0);
    } finally {
      fs.closeSync(dirfd);
    }
    expect(native.mark(group, FAN.MARK_ADD, FAN.OPEN, errno.AT_FDCWD, Buffer.from(dir))).toBe(0);
  });
});

describe('mark argument handling', () => {
  it('returns -EINVAL for a mask beyond 32 bits', () => {
    const group = track(native.init(NOTIF_GROUP, 0));
    expect(native.mark(group, FAN.MARK_ADD, 1n << 40n, errno.AT_FDCWD, dir)).toBe(-errno.EINVAL);
    expect(native.mark(group, FAN.MARK_ADD, (1n << 64n) - 1n, errno.AT_FDCWD, dir)).toBe(-errno.EINVAL);
  });

  it('throws TypeError for masks that are not 64-bit unsigned bigints', () => {
    const group = track(native.init(NOTIF_GROUP, 0));
    expect(() => native.mark(group, FAN.MARK_ADD, 1n << 64n, errno.AT_FDCWD, dir)).toThrow(TypeError);
    expect(() => native.mark(group, FAN.MARK_ADD, -1n, errno.AT_FDCWD, dir)).toThrow(TypeError);
    expect(() => native.mark(group, FAN.MARK_ADD, 0x20 as unknown as bigint, errno.AT_FDCWD, dir)).toThrow(
      TypeError,
    );
  });

  it('rejects paths with NUL bytes and reports over-long paths like the kernel', () => {
    const group = track(native.init(NOTIF_GROUP, 0));
    expect(() => native.mark(group, FAN.MARK_ADD, FAN.OPEN, errno.AT_FDCWD, `${dir}\0/x`)).toThrow(TypeError);
    expect(() => native.mark(group, FAN.MARK_ADD, FAN.OPEN, errno.AT_FDCWD, 42 as unknown as string)).toThrow(
      TypeError,
    );
    expect(native.mark(group, FAN.MARK_ADD, FAN.OPEN, errno.AT_FDCWD, 'a'.repeat(5000))).toBe(
      -errno.ENAMETOOLONG,
    );
    expect(native.mark(group, FAN.MARK_ADD, FAN.OPEN, errno.AT_FDCWD, path.join(dir, 'missing'))).toBe(
      -errno.ENOENT,
    );
  });
});

describe('read and write buffers', () => {
  it('reads straight into the view, honouring byteOffset and offset', () => {
    const file = path.join(dir, 'data');
    fs.writeFileSync(file, 'hello');
    const fd = fs.openSync(file, 'r');
    try {
      const backing = new Uint8Array(256);
      const view = backing.subarray(100, 200);
      expect(native.read(fd, view, 8, 5)).toBe(5);
      expect(Buffer.from(backing.subarray(108, 113)).toString()).toBe('hello');
      expect(backing.subarray(0, 108).every((b) => b === 0)).toBe(true);
      expect(backing.subarray(113).every((b) => b === 0)).toBe(true);
    } finally {
      fs.closeSync(fd);
    }
  });

  it('writes from the view, honouring byteOffset and offset', () => {
    const file = path.join(dir, 'out');
    const fd = fs.openSync(file, 'w');
    try {
      const view = Buffer.from('__abcdefgh').subarray(2);
      expect(native.write(fd, view, 3, 4)).toBe(4);
    } finally {
      fs.closeSync(fd);
    }
    expect(fs.readFileSync(file, 'utf8')).toBe('defg');
  });

  it('throws TypeError for ranges outside the view and for other buffer types', () => {
    const fd = 0;
    const buf = new Uint8Array(16).subarray(4); // 12 bytes
    const cases: [unknown, unknown, unknown][] = [
      [buf, 0, 13],
      [buf, 13, 0],
      [buf, 6, 7],
      [buf, -1, 1],
      [buf, 0.5, 1],
      [buf, 0, Number.NaN],
      [new Uint16Array(8), 0, 1],
      [new DataView(new ArrayBuffer(8)), 0, 1],
      [[1, 2, 3], 0, 1],
    ];
    for (const [b, offset, length] of cases) {
      const call = () =>
        native.read(fd, b as Uint8Array, offset as number, length as number);
      expect(call, `${String(offset)}/${String(length)}`).toThrow(TypeError);
      const write = () => native.write(fd, b as Uint8Array, offset as number, length as number);
      expect(write).toThrow(TypeError);
    }
    // Boundaries themselves are fine (a zero-length read of stdin returns 0).
    expect(native.read(fd, buf, 12, 0)).toBe(0);
  });
});

describe('permission responses', () => {
  it('returns -EINVAL or -ENOENT for bad responses', () => {
    const group = track(native.init(NOTIF_GROUP, 0));
    const response = new Uint8Array(8);
    const view = new DataView(response.buffer);
    view.setInt32(0, 999_999, true);
    view.setUint32(4, FAN.ALLOW, true);
    expect(native.write(group, response, 0, 8)).toBe(-errno.ENOENT); // no such pending event
    expect(native.write(group, response, 0, 4)).toBe(-errno.EINVAL); // short
    view.setUint32(4, 0x7f, true);
    expect(native.write(group, response, 0, 8)).toBe(-errno.EINVAL); // not allow/deny
  });
});

describe('close and fionread', () => {
  it('closes once, then reports -EBADF', () => {
    const group = ok(native.init(NOTIF_GROUP, 0));
    expect(native.close(group)).toBe(0);
    expect(native.close(group)).toBe(-errno.EBADF);
    expect(native.fionread(group)).toBe(-errno.EBADF);
    expect(native.read(group, new Uint8Array(64), 0, 64)).toBe(-errno.EBADF);
  });

  it('drains a queue with several events', async () => {
    const group = track(native.init(NOTIF_GROUP, 0));
    expect(native.mark(group, FAN.MARK_ADD, FAN.OPEN | FAN.EVENT_ON_CHILD, errno.AT_FDCWD, dir)).toBe(0);
    for (let i = 0; i < 5; i++) {
      fs.writeFileSync(path.join(dir, `f${i}`), '');
      touchRead(path.join(dir, `f${i}`));
    }
    await waitForReadable(native, group);
    const pending = native.fionread(group);
    const bytes = drain(native, group);
    expect(bytes.byteLength).toBe(pending);
    const events = parseEvents(bytes);
    closeEventFds(events);
    expect(events).toHaveLength(5);
    expect(native.fionread(group)).toBe(0);
  });
});
