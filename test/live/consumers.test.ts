// The four ways to consume a group — async iterator, Readable stream, consume(handler) and
// 'event' listeners — and what each step means for the event's fd: open during the step,
// closed when it ends unless taken; the unread rest of a batch discarded when a consumer stops;
// one consumer at a time; abort signals; close(); expired views; buffer sizes.
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FanotifyOptionError,
  FanotifyStateError,
  FanotifySyscallError,
  openGroup,
  type FanotifyGroup,
  type LiveEvent,
} from '../../src/entries/live.js';
import type { AnyRecordSchema } from '../../src/codec/types.js';
import { Cleanup, isOpen, makeTempDir, openFds, requireRoot } from './support/env.js';

const cleanup = new Cleanup();
let dir: string;
let fdsBefore: number;

beforeEach(() => {
  requireRoot();
  dir = makeTempDir(cleanup, 'fanotify-consumers-');
  fdsBefore = openFds().length;
});
afterEach(async () => {
  await cleanup.run();
  // Every test leaves the fd table as it found it.
  expect(openFds().length).toBe(fdsBefore);
});

/** An fd-mode group watching FAN_OPEN on the children of `dir`. */
function fdGroup(options: Parameters<typeof openGroup>[0] = {}): FanotifyGroup {
  const g = openGroup(options) as unknown as FanotifyGroup;
  cleanup.add('close group', () => g.close());
  g.addMark({ path: dir, events: ['FAN_OPEN'], onChild: true });
  return g;
}

/** Opens `n` distinct files: `n` FAN_OPEN events, each with its own fd, in one read. */
function openFiles(n: number, prefix = 'f'): void {
  for (let i = 0; i < n; i++) fs.writeFileSync(path.join(dir, `${prefix}${i}`), '');
}

describe('async iterator', () => {
  it('the fd is open during the loop body and closed when the next iteration starts; takeFd() keeps it', async () => {
    const g = fdGroup();
    openFiles(3);
    const fds: number[] = [];
    let taken = -1;
    let openInBody = 0;
    for await (const event of g) {
      if (fds.length > 0) expect(isOpen(fds.at(-1)!)).toBe(fds.at(-1) === taken);
      fds.push(event.fd);
      if (isOpen(event.fd)) openInBody++;
      if (fds.length === 2) taken = event.takeFd();
      if (fds.length === 3) break;
    }
    expect(openInBody).toBe(3);
    expect(fds.map(isOpen)).toEqual([false, true, false]);
    expect(fs.readlinkSync(`/proc/self/fd/${taken}`)).toBe(path.join(dir, 'f1'));
    fs.closeSync(taken);
  });

  it('break: the current event and the unread rest of the batch are released', async () => {
    const g = fdGroup();
    openFiles(10);
    for await (const event of g) {
      expect(event.fd).toBeGreaterThanOrEqual(0);
      break;
    }
    expect(g.stats).toMatchObject({ reads: 1, events: 10, delivered: 1, discarded: 9, cleanupErrors: 0 });
    // The group goes on with a new consumer.
    openFiles(1, 'again');
    for await (const event of g) {
      expect(event.path()).toBe(path.join(dir, 'again0'));
      break;
    }
  });

  it('a throw in the loop body releases everything and propagates', async () => {
    const g = fdGroup();
    openFiles(4);
    await expect(
      (async () => {
        for await (const _event of g) throw new Error('body failed');
      })(),
    ).rejects.toThrow('body failed');
    expect(g.stats).toMatchObject({ delivered: 1, discarded: 3 });
  });

  it('abort while waiting rejects with the signal reason; the group stays usable', async () => {
    const g = fdGroup();
    const controller = new AbortController();
    const iteration = (async () => {
      for await (const _event of g.events({ signal: controller.signal })) throw new Error('no event expected');
    })();
    setImmediate(() => controller.abort(new Error('stop waiting')));
    await expect(iteration).rejects.toThrow('stop waiting');
    openFiles(1);
    for await (const event of g) {
      expect(event.fd).toBeGreaterThanOrEqual(0);
      break;
    }
  });

  it('abort during the body discards the unread batch at once and ends the loop at the next step', async () => {
    const g = fdGroup();
    openFiles(5);
    const controller = new AbortController();
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const event of g.events({ signal: controller.signal })) {
          seen.push(event.fd);
          controller.abort(new Error('aborted'));
          expect(g.stats.discarded).toBe(4);
          expect(isOpen(event.fd)).toBe(true);
        }
      })(),
    ).rejects.toThrow('aborted');
    expect(seen.length).toBe(1);
    expect(isOpen(seen[0]!)).toBe(false);
  });

  it('close() ends a waiting iteration normally and emits close', async () => {
    const g = fdGroup();
    let closed = false;
    g.on('close', () => (closed = true));
    const iteration = (async () => {
      let n = 0;
      for await (const _event of g) n++;
      return n;
    })();
    setImmediate(() => g.close());
    expect(await iteration).toBe(0);
    expect(closed).toBe(true);
    expect(g.closed).toBe(true);
    expect(g.fd).toBe(-1);
  });

  it('the group signal closes the group', async () => {
    const controller = new AbortController();
    const g = fdGroup({ signal: controller.signal });
    openFiles(2);
    for await (const event of g) {
      controller.abort();
      expect(g.closed).toBe(true);
      expect(event.active).toBe(false);
    }
    expect(g.stats.discarded).toBe(1);
  });
});

describe('one consumer at a time', () => {
  it('a second consumer is refused with LIVE_BUSY until the first ends', async () => {
    const g = fdGroup();
    const iterator = g.events();
    expect(() => g.events()).toThrow(FanotifyStateError);
    expect(() => g.stream()).toThrow(/already has a consumer \(iterator\)/);
    expect(() => g.on('event', () => undefined)).toThrow(FanotifyStateError);
    await iterator.return!();
    const again = g.events();
    await again.return!();
  });

  it('a closed group refuses new consumers and marks with LIVE_CLOSED', () => {
    const g = fdGroup();
    g.close();
    g.close();
    for (const call of [() => g.events(), () => g.addMark({ path: dir, events: ['FAN_OPEN'] }), () => g.flushMarks(), () => g.pendingBytes()]) {
      expect(call).toThrow(expect.objectContaining({ code: 'LIVE_CLOSED' }));
    }
  });
});

describe('stream', () => {
  it('for await over the stream: one step per item; break destroys the stream and releases the rest', async () => {
    const g = fdGroup();
    openFiles(6);
    const stream = g.stream();
    const fds: number[] = [];
    for await (const event of stream as AsyncIterable<LiveEvent<AnyRecordSchema>>) {
      if (fds.length > 0) expect(isOpen(fds.at(-1)!)).toBe(false);
      expect(isOpen(event.fd)).toBe(true);
      fds.push(event.fd);
      if (fds.length === 3) break;
    }
    expect(stream.destroyed).toBe(true);
    expect(fds.map(isOpen)).toEqual([false, false, false]);
    expect(g.stats).toMatchObject({ delivered: 3, discarded: 3 });
  });

  it("flowing mode: the step ends when the 'data' handlers return; destroy() releases the rest", async () => {
    const g = fdGroup();
    openFiles(5);
    const stream = g.stream();
    const fds: number[] = [];
    await new Promise<void>((resolve) => {
      stream.on('close', resolve);
      stream.on('data', (event: LiveEvent<AnyRecordSchema>) => {
        expect(isOpen(event.fd)).toBe(true);
        fds.push(event.fd);
        if (fds.length === 2) stream.destroy();
      });
    });
    expect(fds.map(isOpen)).toEqual([false, false]);
    expect(g.stats).toMatchObject({ delivered: 2, discarded: 3 });
  });

  it('pipeline into a writable; the stream ends when the group closes', async () => {
    const g = fdGroup();
    openFiles(3);
    const paths: string[] = [];
    const sink = new Writable({
      objectMode: true,
      highWaterMark: 1,
      write(event: LiveEvent<AnyRecordSchema>, _encoding, callback) {
        paths.push(event.path()!);
        if (paths.length === 3) setImmediate(() => g.close());
        callback();
      },
    });
    await pipeline(g.stream(), sink);
    expect(paths).toEqual([0, 1, 2].map((i) => path.join(dir, `f${i}`)));
  });

  it('the stream signal destroys it with an AbortError', async () => {
    const g = fdGroup();
    const stream = g.stream({ signal: AbortSignal.abort() });
    await expect((async () => {
      for await (const _e of stream) throw new Error('unexpected');
    })()).rejects.toMatchObject({ name: 'AbortError' });
    g.stream().destroy();
  });
});

describe('consume(handler)', () => {
  it('the step lasts until the handler promise settles', async () => {
    const g = fdGroup();
    openFiles(2);
    const states: boolean[] = [];
    const fds: number[] = [];
    await g.consume(async (event) => {
      fds.push(event.fd);
      await new Promise((r) => setImmediate(r));
      states.push(isOpen(event.fd));
      if (fds.length === 2) setImmediate(() => g.close());
    });
    expect(states).toEqual([true, true]);
    expect(fds.map(isOpen)).toEqual([false, false]);
  });

  it('rejects with the signal reason when aborted', async () => {
    const g = fdGroup();
    await expect(g.consume(() => undefined, { signal: AbortSignal.abort(new Error('nope')) })).rejects.toThrow('nope');
  });
});

describe("'event' listeners", () => {
  it('the step ends when the listeners return; listener errors go to error listeners and delivery continues', async () => {
    const g = fdGroup();
    openFiles(3);
    const fds: number[] = [];
    const errors: unknown[] = [];
    await new Promise<void>((resolve) => {
      g.on('error', (error) => errors.push(error));
      const listener = (event: LiveEvent<AnyRecordSchema>): void => {
        fds.push(event.fd);
        expect(isOpen(event.fd)).toBe(true);
        if (fds.length === 2) throw new Error('listener failed');
        if (fds.length === 3) {
          g.off('event', listener);
          resolve();
        }
      };
      g.on('event', listener);
    });
    await new Promise((r) => setImmediate(r));
    expect(fds.map(isOpen)).toEqual([false, false, false]);
    expect(errors).toEqual([expect.objectContaining({ message: 'listener failed' })]);
    // Removing the last listener ended the turn: another consumer may start.
    g.events().return!();
  });
});

describe('buffers and views', () => {
  it('an event kept past its step keeps its metadata; its bytes expire at the next read; copy() lives on', async () => {
    const g = openGroup({ fid: true, dirFid: true, name: true });
    cleanup.add('close', () => g.close());
    g.addMark({ path: dir, events: ['FAN_CREATE'], onDir: true });
    fs.writeFileSync(path.join(dir, 'a'), '');
    let kept: LiveEvent<AnyRecordSchema> | undefined;
    let copy: ReturnType<LiveEvent<AnyRecordSchema>['copy']> | undefined;
    for await (const event of g.events({ untilDrained: AbortSignal.abort() })) {
      kept = event;
      copy = event.copy();
    }
    // A different event (another mask, another name) overwrites the buffer.
    fs.mkdirSync(path.join(dir, 'sub'));
    for await (const _event of g.events({ untilDrained: AbortSignal.abort() })) {
      /* reads the next batch into the same buffer */
    }
    expect(kept!.maskNames).toEqual(['FAN_CREATE']);
    expect(kept!.mask).toBe(0x100n);
    expect(() => kept!.records()).toThrow(expect.objectContaining({ code: 'LIVE_EVENT_EXPIRED' }));
    const names = [...copy!.records()].map((r) => (r.type === 'dfid_name' ? Buffer.from((r as unknown as { name: Uint8Array }).name).toString() : r.type));
    expect(names).toEqual(['a']);
  });

  it('a buffer smaller than the next event is a read EINVAL with a hint; below 24 bytes an option error', async () => {
    expect(() => openGroup({ bufferSize: 16 })).toThrow(FanotifyOptionError);
    const g = openGroup({ fid: true, bufferSize: 24 });
    cleanup.add('close', () => g.close());
    g.addMark({ path: dir, events: ['FAN_CREATE'] });
    fs.writeFileSync(path.join(dir, 'x'), '');
    const error = await g.events().next().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FanotifySyscallError);
    expect(error).toMatchObject({ syscall: 'read', code: 'LIVE_SYSCALL_FAILED', errno: 'EINVAL' });
    expect((error as Error).message).toMatch(/read buffer \(24 bytes\) is smaller than the next event/);
    expect(g.stats.readErrors).toBe(1);
  });

  it('path() works after the step for a taken fd, and says why not for a closed one', async () => {
    const g = fdGroup();
    openFiles(2);
    const events: LiveEvent<AnyRecordSchema>[] = [];
    let taken = -1;
    for await (const event of g) {
      events.push(event);
      if (events.length === 1) taken = event.takeFd();
      if (events.length === 2) break;
    }
    expect(events[0]!.path()).toBe(path.join(dir, 'f0'));
    expect(() => events[1]!.path()).toThrow(expect.objectContaining({ code: 'LIVE_FD_UNAVAILABLE', message: expect.stringContaining('closed when the step ended') }));
    fs.closeSync(taken);
  });

  it('an onRead hook that throws: the consumer gets its error and the read\'s events are released', async () => {
    let seen = 0;
    const g = fdGroup({
      onRead: (bytes) => {
        seen = bytes.byteLength;
        throw new Error('recorder failed');
      },
    });
    openFiles(4);
    await expect(g.events().next()).rejects.toThrow('recorder failed');
    expect(seen).toBe(4 * 24);
    expect(g.stats).toMatchObject({ events: 4, delivered: 0, discarded: 4, cleanupErrors: 0 });
  });

  it('pendingBytes() is FIONREAD: the bytes still queued in the kernel', () => {
    const g = fdGroup();
    expect(g.pendingBytes()).toBe(0);
    openFiles(3);
    expect(g.pendingBytes()).toBe(72);
    expect(g.bufferSize).toBe(65536);
    expect(g.initFlagNames).toEqual(['FAN_CLASS_NOTIF', 'FAN_CLOEXEC', 'FAN_NONBLOCK']);
    expect(g.eventFFlagNames).toEqual(['O_RDONLY', 'O_LARGEFILE', 'O_CLOEXEC']);
  });
});
